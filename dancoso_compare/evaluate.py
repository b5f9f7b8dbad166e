"""Score the pipeline against gold files (the ``shared/gold`` YAML format) and the generalization cases.

Per document: the coverage decision of each measure (accuracy; precision and
recall of "missing", overall and per measure). Per numbered item: which
measure it implements (precision, recall, F1 per measure, extras as their own
class) and the confusion between measures (expected row, decided column).

``leave_one_seed_out`` tunes the one free threshold of the pack
(``scoring.assign``) on all gold files but one and scores the one left out, so
the figures say what tuning on the seeds is worth on an unseen document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from dancoso_compare.api import Auditor
from dancoso_compare.models import DocumentAudit
from dancoso_compare.parse import parse_text


class ClassScores(BaseModel):
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class EvalResult(BaseModel):
    documents: int
    decisions: int
    correct_decisions: int
    missing: ClassScores
    items: list[ClassScores]
    mismatches: list[str]
    missing_by_measure: list[ClassScores] = Field(default_factory=list, description="precision/recall of 'missing' per measure")
    confusion: dict[str, dict[str, int]] = Field(default_factory=dict, description="expected item label -> decided label -> count")
    title: str = "Gold evaluation"

    @property
    def accuracy(self) -> float:
        return self.correct_decisions / self.decisions if self.decisions else 1.0


@dataclass
class Case:
    """One document with its expected answer: item labels in order, coverage per measure."""

    id: str
    kind: str
    text: str
    units: list[list[str]] | None
    coverage: dict[str, str]
    source: str = ""


class _Tally:
    def __init__(self, measures: list[str]) -> None:
        self.measures = measures
        self.decisions = self.correct = self.documents = 0
        self.missing = Counter()
        self.per_measure = {m: Counter() for m in measures}
        self.items = {label: Counter() for label in [*measures, "extra"]}
        self.confusion: dict[str, Counter] = {}
        self.mismatches: list[str] = []

    def coverage(self, name: str, expected: dict[str, str], audit: DocumentAudit | None, default: str | None) -> None:
        self.documents += 1
        wanted = {m: expected.get(m, default) for m in self.measures} if default else expected
        for measure, status in wanted.items():
            got = audit.coverage[measure].status if audit and measure in audit.coverage else "missing"
            self.decisions += 1
            self.correct += got == status
            if got != status:
                self.mismatches.append(f"{name} {measure}: expected {status}, got {got}")
            for counter in (self.missing, self.per_measure.setdefault(measure, Counter())):
                counter["tp"] += got == "missing" and status == "missing"
                counter["fp"] += got == "missing" and status != "missing"
                counter["fn"] += got != "missing" and status == "missing"

    def item(self, name: str, got_set: set[str], want_set: set[str]) -> None:
        for label in self.items:
            self.items[label]["tp"] += label in got_set and label in want_set
            self.items[label]["fp"] += label in got_set and label not in want_set
            self.items[label]["fn"] += label not in got_set and label in want_set
        row = "+".join(sorted(want_set)) or "-"
        self.confusion.setdefault(row, Counter())["+".join(sorted(got_set)) or "-"] += 1
        if got_set != want_set:
            self.mismatches.append(f"{name}: expected {sorted(want_set)}, got {sorted(got_set)}")

    def result(self, title: str) -> EvalResult:
        def scores(label: str, c: Counter) -> ClassScores:
            return ClassScores(label=label, **{k: c[k] for k in ("tp", "fp", "fn")})

        return EvalResult(
            documents=self.documents, decisions=self.decisions, correct_decisions=self.correct,
            missing=scores("missing", self.missing), items=[scores(label, c) for label, c in self.items.items()],
            mismatches=self.mismatches, missing_by_measure=[scores(m, c) for m, c in self.per_measure.items()],
            confusion={row: dict(sorted(cols.items())) for row, cols in sorted(self.confusion.items())}, title=title,
        )


def _item_key(row: dict) -> tuple:
    return (row.get("article"), row.get("clause"))


def _gold_files(gold_dir: Path) -> list[Path]:
    return sorted(gold_dir.glob("*.yaml"))


def _score_gold(auditor: Auditor, files: list[Path], seeds: Path, tally: _Tally) -> None:
    for path in files:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (seeds / gold["file"]).read_text(encoding="utf-8")
        audits = auditor.audit_file(parse_text(text, gold["file"]))
        for index, expected in enumerate(gold.get("documents", [])):
            audit = audits[index] if index < len(audits) else None
            tally.coverage(f"{gold['file']}#{index}", expected.get("coverage", {}), audit, None)
            predicted: dict[tuple, set[str]] = {}
            for row in audit.mapping if audit else []:
                predicted[(row.article, row.clause)] = set(row.measures) or {"extra"}
            expected_items: dict[tuple, set[str]] = {}
            for row in expected.get("measures", []):
                expected_items.setdefault(_item_key(row), set()).add(row["measure"])
            for key in sorted(expected_items, key=str):  # an item the gold does not annotate is not scored
                tally.item(f"{gold['file']}#{index} item {key}", predicted.get(key, set()), expected_items[key])


def evaluate(gold_dir: str | Path, seeds_dir: str | Path | None = None, rules: str | Path | None = None,
             auditor: Auditor | None = None) -> EvalResult:
    gold_dir = Path(gold_dir)
    seeds = Path(seeds_dir) if seeds_dir else gold_dir.parent / "seeds"
    auditor = auditor or Auditor.from_path(rules, lint=False)
    tally = _Tally(auditor.pack.measure_ids)
    _score_gold(auditor, _gold_files(gold_dir), seeds, tally)
    return tally.result("Gold evaluation")


# -- generalization cases -----------------------------------------------------------

_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _item(number: int, heading: str | None, points: list[str]) -> str:
    lines = [f"{number}. {heading}"] if heading else []
    lines += [f"{_LETTERS[i]}) {p}" for i, p in enumerate(points)]
    return "\n".join(lines)


def _document(items: list[str]) -> str:
    return "Điều 1. Các biện pháp bảo đảm thực hiện dân chủ ở cơ sở\n" + "\n".join(items) + "\n"


def load_cases(path: str | Path) -> list[Case]:
    """The hand-written cases of the file, then the ones generated from its units, mentions and headings."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = [Case(c["id"], c.get("kind", ""), c["text"], c.get("units"), dict(c.get("coverage") or {}), c.get("source", ""))
             for c in data.get("cases", [])]
    units: dict[str, dict] = data.get("units", {})
    mentions: dict[str, dict] = data.get("mentions", {})
    headings = data.get("headings", {})
    ids = list(units)
    cases.append(Case("law-units", "law", _document([_item(n, units[m]["heading"], units[m]["points"]) for n, m in enumerate(ids, 1)]),
                      [[m] for m in ids], {m: "present" for m in ids}))
    for m in ids:
        unit = units[m]
        present = {m: "present"}
        cases.append(Case(f"{m}-law-unit", "law", _document([_item(1, unit["heading"], unit["points"])]), [[m]], present))
        flat = [f"{n}. {p}" for n, p in enumerate(unit["points"], 1)]
        cases.append(Case(f"{m}-flat-list", "flat", _document(flat), [[m]] * len(flat), present))
        for k, heading in enumerate(headings.get("neutral", []), 1):
            cases.append(Case(f"{m}-neutral-{k}", "neutral", _document([_item(1, heading, unit["points"])]), [[m]], present))
        if m in headings.get("reworded", {}):
            cases.append(Case(f"{m}-reworded", "reworded", _document([_item(1, headings["reworded"][m], unit["points"])]),
                              [[m]], present))
        for x in ids:
            if x == m or x not in mentions:
                continue
            mention = mentions[x]["text"]
            inside = [unit["points"][0] + " " + mention, *unit["points"][1:]]
            cases.append(Case(f"{x}-mentioned-in-{m}-point", "mention-in-point",
                              _document([_item(1, unit["heading"], inside)]), [[m]], present))
            cases.append(Case(f"{x}-mentioned-as-point-of-{m}", "mention-as-point",
                              _document([_item(1, unit["heading"], [*unit["points"], mention])]), [[m]], present))
            flat_inside = [f"1. {inside[0]}", *(f"{n}. {p}" for n, p in enumerate(inside[1:], 2))]
            cases.append(Case(f"{x}-mentioned-in-{m}-flat-item", "mention-in-flat-item", _document(flat_inside),
                              [[m]] * len(flat_inside), present))
    return cases


def evaluate_cases(cases: list[Case], rules: str | Path | None = None, auditor: Auditor | None = None) -> EvalResult:
    auditor = auditor or Auditor.from_path(rules, lint=False)
    tally = _Tally(auditor.pack.measure_ids)
    for case in cases:
        audits = auditor.audit_file(parse_text(case.text, f"{case.id}.txt"))
        audit = audits[-1] if audits else None
        tally.coverage(case.id, case.coverage, audit, "missing")
        if case.units is not None:
            got = [sorted(u.measures) for u in audit.mapping] if audit else []
            for n in range(max(len(got), len(case.units))):
                want_set = set(case.units[n]) if n < len(case.units) else set()
                got_set = set(got[n]) if n < len(got) else set()
                tally.item(f"{case.id} item {n + 1}", got_set or {"extra"} if n < len(got) else set(),
                           want_set or {"extra"} if n < len(case.units) else set())
    return tally.result(f"Generalization cases ({len(cases)})")


# -- leave one seed out -------------------------------------------------------------

ASSIGN_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5)


class Fold(BaseModel):
    held_out: str
    assign: float = Field(description="threshold chosen on the other gold files")
    train_accuracy: float
    accuracy: float = Field(description="coverage accuracy on the held-out file")
    items_correct: int
    items: int


def _auditor_with(auditor: Auditor, assign: float) -> Auditor:
    pack = auditor.pack.model_copy(update={"scoring": auditor.pack.scoring.model_copy(update={"assign": assign})})
    return Auditor(pack, auditor.pack_path, lint=False)


def _fold_score(auditor: Auditor, files: list[Path], seeds: Path) -> tuple[float, int, int]:
    tally = _Tally(auditor.pack.measure_ids)
    _score_gold(auditor, files, seeds, tally)
    result = tally.result("")
    items = sum(c.tp + c.fn for c in result.items)
    wrong = sum(c.fn for c in result.items)
    return result.accuracy, items - wrong, items


def leave_one_seed_out(gold_dir: str | Path, seeds_dir: str | Path | None = None, rules: str | Path | None = None,
                       grid: tuple[float, ...] = ASSIGN_GRID) -> list[Fold]:
    """Tune ``scoring.assign`` on all gold files but one (ties: the pack's value, then the lower), score the one left out."""
    gold_dir = Path(gold_dir)
    seeds = Path(seeds_dir) if seeds_dir else gold_dir.parent / "seeds"
    base = Auditor.from_path(rules, lint=False)
    auditors = {value: _auditor_with(base, value) for value in grid}
    files = _gold_files(gold_dir)
    folds = []
    for held in files:
        train = [f for f in files if f != held]
        trained = {value: _fold_score(auditors[value], train, seeds) for value in grid}
        default = base.pack.scoring.assign
        best = max(grid, key=lambda v: (trained[v][0], trained[v][1], -abs(v - default), -v))
        accuracy, correct, items = _fold_score(auditors[best], [held], seeds)
        folds.append(Fold(held_out=held.stem, assign=best, train_accuracy=round(trained[best][0], 4),
                          accuracy=round(accuracy, 4), items_correct=correct, items=items))
    return folds


# -- tables ---------------------------------------------------------------------------


def eval_table(result: EvalResult):  # noqa: ANN201
    from rich.table import Table

    table = Table(title=f"{result.title}: {result.documents} documents, coverage accuracy "
                        f"{result.accuracy:.3f} ({result.correct_decisions}/{result.decisions})")
    for column in ("class", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "class" else "left")
    def row(label: str, scores: ClassScores) -> None:
        empty = not (scores.tp + scores.fp + scores.fn)  # nothing to score: say so instead of a vacuous 1.000
        figures = ["–"] * 3 if empty else [f"{scores.precision:.3f}", f"{scores.recall:.3f}", f"{scores.f1:.3f}"]
        table.add_row(label, *figures, str(scores.tp), str(scores.fp), str(scores.fn))

    for scores in result.items:
        row(f"item = {scores.label}", scores)
    for scores in [*result.missing_by_measure, result.missing]:
        row(f"{scores.label} missing" if scores.label != "missing" else "all measures missing", scores)
    return table


def confusion_table(result: EvalResult):  # noqa: ANN201
    from rich.table import Table

    columns = sorted({c for cols in result.confusion.values() for c in cols} | set(result.confusion))
    table = Table(title="Items: expected (rows) × decided (columns)")
    table.add_column("expected")
    for column in columns:
        table.add_column(column, justify="right")
    for row in columns:
        if row not in result.confusion:
            continue
        table.add_row(row, *(str(result.confusion[row].get(c, "")) for c in columns))
    return table


def folds_table(folds: list[Fold]):  # noqa: ANN201
    from rich.table import Table

    table = Table(title="Leave one seed out: scoring.assign tuned on four gold files, scored on the fifth")
    for column in ("held out", "assign", "train accuracy", "held-out accuracy", "items"):
        table.add_column(column, justify="left" if column == "held out" else "right")
    for fold in folds:
        table.add_row(fold.held_out, f"{fold.assign:.2f}", f"{fold.train_accuracy:.3f}", f"{fold.accuracy:.3f}",
                      f"{fold.items_correct}/{fold.items}")
    return table
