"""Issue 9: each item is decided by what it is about; cues in a subordinate role are mentions, never decisions.

Built from the seeds (edited in the test) and from the generalization benchmark
in tests/data/generalization/cases.yaml (written from the law's and decrees'
wording, never from the seeds).
"""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from dancoso_compare.measures.annotate import assign_roles, compile_cues, compile_roles, find_cues
from dancoso_compare.api import Auditor
from dancoso_compare.evaluate import evaluate, evaluate_cases, leave_one_seed_out, load_cases
from dancoso_compare.parse import parse_text
from dancoso_compare.measures.rulepack import load_pack

from tests.conftest import DATA, GOLD, SEEDS

CASES = DATA / "generalization" / "cases.yaml"
BENCH = yaml.safe_load(CASES.read_text(encoding="utf-8"))
MEASURES = ["M1", "M2", "M3", "M4", "M5"]
SEED_FILES = ["001_cb2d2923c613e69b", "003_807f00099292550a", "004_2cf445d5ce08baa1", "002_a64be203f9cb7b11",
              "000_5ffeab1d114f175f"]


@pytest.fixture(scope="module")
def auditor():
    return Auditor.from_path(None, lint=False)


def _case(case_id: str) -> dict:
    return next(c for c in BENCH["cases"] if c["id"] == case_id)


def _audit(auditor, text):
    parsed = parse_text(text, "x.txt")
    return parsed, auditor.audit_file(parsed)[-1]


def _roles(text):
    pack = load_pack()
    hits = find_cues(text, compile_cues(pack))
    assign_roles(text, hits, compile_roles(pack))
    return {(h["cue"], h["role"]) for h in hits}


# -- the examples of the issue ---------------------------------------------------------


def test_flat_list_with_it_skill_inside_a_training_item_leaves_m5_missing(auditor):
    parsed, audit = _audit(auditor, _case("flat-training-with-it-skill")["text"])
    assert audit.mapping[0].measures == ["M1"]
    assert audit.coverage["M5"].status == "missing"
    [mention] = [m for m in audit.mapping[0].mentions if m.measure == "M5"]
    assert (mention.role, mention.marker, mention.phrase) == ("attribute", "có kỹ năng", "công nghệ thông tin")
    assert parsed.text[mention.span[0]:mention.span[1]] == "công nghệ thông tin"
    assert audit.mapping[0].main_act["M1"] == "Tổ chức các lớp bồi dưỡng"


def test_the_head_sending_staff_to_training_is_training_not_m3(auditor):
    _, audit = _audit(auditor, _case("head-sends-staff-to-training")["text"])
    first = audit.mapping[0]
    assert first.measures == ["M1"]
    assert audit.coverage["M3"].status == "missing"
    assert [(m.measure, m.role) for m in first.mentions] == [("M3", "agent")]
    # the head as the subject of its own responsibility stays M3
    assert ("người đứng đầu", None) in _roles("Người đứng đầu cơ quan chịu trách nhiệm trước cấp trên về thực hiện dân chủ.")


@pytest.mark.parametrize("case_id", ["reworded-training-heading-ban-thanh-tra-audience",
                                     "neutral-training-heading-ban-thanh-tra-audience"])
def test_reworded_and_neutral_training_headings_with_the_ban_thanh_tra_as_audience_find_m1(auditor, case_id):
    _, audit = _audit(auditor, _case(case_id)["text"])
    assert [u.measures for u in audit.mapping] == [["M1"]]
    assert audit.coverage["M1"].status == "present"
    assert any(m.measure == "topic:ban-thanh-tra" and m.role == "audience" for m in audit.mapping[0].mentions)
    assert any("điểm có việc chính thuộc M1" in r for r in audit.mapping[0].reasons["M1"])


def _seed_lines(seed):
    return (SEEDS / f"{seed}.txt").read_text(encoding="utf-8").split("\n")


def _units(auditor, lines):
    parsed = parse_text("\n".join(lines))
    return parsed.documents[-1], auditor.audit_file(parsed)[-1]


def test_a_seed_training_item_reworded_with_the_ban_thanh_tra_among_the_trainees_is_still_m1(auditor):
    lines = _seed_lines("003_807f00099292550a")
    doc, audit = _units(auditor, lines)
    unit = next(u for u in audit.mapping if u.measures == ["M1"])
    node = doc.find(unit.id)
    label = re.match(r"\s*(\d+\.)", lines[node.lines[0] - 1]).group(1)
    lines[node.lines[0] - 1] = f"{label} {BENCH['headings']['reworded']['M1']}"
    for extra in range(node.lines[0], node.lines[1]):
        lines[extra] = ""
    last = node.full_lines[1]
    lines[last - 1] += " Tổ chức tập huấn nghiệp vụ cho thành viên Ban Thanh tra nhân dân."
    _, after = _units(auditor, lines)
    assert [u.measures for u in after.mapping] == [u.measures for u in audit.mapping]
    assert after.coverage["M1"].status == "present"


def test_a_seed_with_it_removed_keeps_m5_missing_despite_the_it_skill_of_the_trainees(auditor):
    # Sơn La's training item asks for staff "ứng dụng hiệu quả công nghệ thông tin": a skill, not M5.
    lines = _seed_lines("003_807f00099292550a")
    doc, audit = _units(auditor, lines)
    [m5] = [doc.find(u.id) for u in audit.mapping if "M5" in u.measures]
    first, last = m5.full_lines
    _, after = _units(auditor, lines[: first - 1] + lines[last:])
    assert after.coverage["M5"].status == "missing"
    assert after.coverage["M1"].status == "present"


# -- passing mentions of every measure inside every other measure ----------------------


def _letter_after(label: str | None) -> str:
    letters = "abcdđeghiklmnopqrstuvxy"
    return letters[letters.index(label) + 1] if label in letters else "a"


@pytest.mark.parametrize("form", ["sentence-in-point", "point-of-its-own"])
@pytest.mark.parametrize(("index", "x", "y"), [(i, x, y) for i, (x, y) in
                                               enumerate(itertools.permutations(MEASURES, 2))])
def test_a_passing_mention_of_a_removed_measure_inside_another_leaves_it_missing(auditor, index, x, y, form):
    seed = SEED_FILES[index % len(SEED_FILES)]
    lines = _seed_lines(seed)
    doc, before = _units(auditor, lines)
    for node in sorted((doc.find(u.id) for u in before.mapping if x in u.measures), key=lambda n: -n.lines[0]):
        first, last = node.full_lines
        lines = lines[: first - 1] + lines[last:]
    doc, removed = _units(auditor, lines)
    unit = next(u for u in removed.mapping if u.measures == [y])
    node = doc.find(unit.id)
    mention = BENCH["mentions"][x]["text"]
    points = [c for c in node.children if c.kind == "point"]
    if form == "sentence-in-point":
        target = points[0] if points else node
        lines[target.lines[1] - 1] = lines[target.lines[1] - 1].rstrip() + " " + mention
    else:
        end = node.full_lines[1]
        lines = lines[:end] + ["", f"{_letter_after(points[-1].label if points else None)}) {mention}"] + lines[end:]
    _, after = _units(auditor, lines)
    assert after.coverage[x].status == "missing"
    for other in MEASURES:
        if other != x:
            assert after.coverage[other].status == before.coverage[other].status, other
    changed = next(u for u in after.mapping if u.id == unit.id)
    assert changed.measures == [y]
    assert any(m.measure == x and not m.counted for m in changed.mentions)


# -- roles, unit by unit ---------------------------------------------------------------


def test_a_fronted_purpose_ends_at_its_comma_and_a_marker_inside_a_cue_does_not_count():
    roles = _roles("Để nâng cao nhận thức, tổ chức tuyên truyền, phổ biến pháp luật.")
    assert ("nâng cao nhận thức", "purpose") in roles and ("tuyên truyền, phổ biến", None) in roles
    assert ("căn cứ để đánh giá", None) in _roles("Lấy mức độ thực hiện dân chủ làm căn cứ để đánh giá cán bộ.")
    assert ("ứng dụng công nghệ", "manner") in _roles("Tuyên truyền, phổ biến pháp luật thông qua ứng dụng công nghệ thông tin.")


def test_a_mention_of_the_items_own_measure_still_shows_its_element(auditor):
    text = ("Điều 1. Các biện pháp\n1. Tăng cường công tác thông tin, tuyên truyền, phổ biến, giáo dục pháp luật "
            "nhằm nâng cao nhận thức cộng đồng về dân chủ ở cơ sở.\n")
    _, audit = _audit(auditor, text)
    assert audit.coverage["M2"].status == "present"
    assert [(m.measure, m.role, m.counted) for m in audit.mapping[0].mentions] == [("M2", "purpose", True)]


def test_mentions_alone_never_make_a_measure_present_or_partial(auditor):
    text = "Điều 1. Các biện pháp\n1. Biện pháp chung\n" + "\n".join(
        f"{letter}) {BENCH['mentions'][m]['text']}" for letter, m in zip("abcde", MEASURES)) + "\n"
    _, audit = _audit(auditor, text)
    assert {m: c.status for m, c in audit.coverage.items()} == {m: "missing" for m in MEASURES}
    assert sorted({m.measure for m in audit.mapping[0].mentions}) == MEASURES


# -- the figures recorded in the README --------------------------------------------------


def test_generalization_benchmark_is_decided_as_expected():
    cases = load_cases(CASES)
    kinds = {c.kind for c in cases}
    assert {"law", "flat", "neutral", "reworded", "mention-in-point", "mention-as-point", "mention-in-flat-item"} <= kinds
    assert sum(c.kind == "mention-as-point" for c in cases) == 20 == sum(c.kind == "mention-in-point" for c in cases)
    # every generated case and every case of the issue is decided exactly
    exact = [c for c in cases if c.kind != "paraphrase"]
    assert evaluate_cases(exact).mismatches == []
    # the harder paraphrases, written after the rules: the level recorded in the README
    result = evaluate_cases(cases)
    assert result.accuracy >= 0.99 and result.correct_decisions >= 592
    scores = {s.label: s for s in result.missing_by_measure}
    assert all(s.precision >= 0.97 and s.recall == 1.0 for s in scores.values())
    assert sum(n for row, cols in result.confusion.items() for col, n in cols.items() if col != row) <= 2


def test_gold_stays_exact_and_leave_one_seed_out_keeps_it():
    result = evaluate(GOLD)
    assert (result.accuracy, result.mismatches) == (1.0, [])
    assert all(s.f1 == 1.0 for s in result.items)
    folds = leave_one_seed_out(GOLD)
    assert [f.held_out for f in folds] == [p.stem for p in sorted(GOLD.glob("*.yaml"))]
    assert all(f.accuracy == 1.0 and f.items_correct == f.items for f in folds)


def test_eval_command_prints_missing_per_measure_and_the_confusion():
    from tests.test_cli import run

    result = run("eval", "--gold", str(GOLD), "--cases", str(CASES))
    assert result.returncode == 0, result.stderr
    assert "M3 missing" in result.stdout and "expected (rows)" in result.stdout
    assert "Generalization cases" in result.stdout


def test_a_channel_right_after_another_act_is_a_mention_but_an_act_on_the_portal_is_not():
    assert ("cổng thông tin điện tử", "channel") in _roles("Tuyên truyền, phổ biến pháp luật trên cổng thông tin điện tử.")
    assert ("cổng thông tin điện tử", None) in _roles("Đăng tải thông tin trên cổng thông tin điện tử của xã.")


def test_an_audience_ends_at_its_own_verb():
    roles = _roles("Tạo điều kiện cho người dân ứng dụng công nghệ thông tin khi tham gia ý kiến.")
    assert ("ứng dụng công nghệ", None) in roles
    assert ("ban thanh tra nhân dân", "audience") in _roles("Tập huấn nghiệp vụ cho thành viên Ban Thanh tra nhân dân.")
