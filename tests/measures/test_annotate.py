"""The spaCy pipeline: underthesea tokenizer realigned to the text, components built from the rule pack."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.measures.annotate import Analyzer, align_words, build_nlp
from dancoso_compare.api import Auditor
from dancoso_compare.textkey import fold
from dancoso_compare.parse import parse_text
from dancoso_compare.measures.rulepack import load_pack

NLP = build_nlp()


def test_pipeline_components_are_registered_by_name():
    assert NLP.pipe_names == ["dancoso_cue_matcher", "dancoso_measure_scorer"]
    assert NLP.lang == "vi"


def test_tokenizer_keeps_the_text_and_segments_words():
    text = "Tăng cường  công tác thông tin,\ttuyên truyền về dân chủ ở cơ sở; hoà giải."
    doc = NLP.make_doc(text)
    assert doc.text == text
    assert "dân chủ" in [t.text for t in doc]
    assert all(t.norm_ == fold(t.text) for t in doc)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdđ ơưáàảãạ,.;\n\t-%1")), max_size=80))
def test_alignment_is_lossless_for_any_text(text):
    words, spaces = align_words(text, text.split())
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    assert NLP.make_doc(text).text == text


def test_cue_matches_snap_to_word_tokens_and_keep_char_spans():
    doc = NLP("Kịp thời biểu dương, khen thưởng các gương điển hình")
    labels = {span.label_ for span in doc.spans["dancoso_cues"]}
    assert "M4|M4.commendation|strong" in labels
    hit = next(h for h in doc._.dancoso_cues if h["cue"] == "khen thưởng")
    assert doc.text[hit["start"]:hit["end"]] == "khen thưởng"


def test_a_paraphrased_heading_without_cues_is_decided_by_word_similarity(tmp_path, monkeypatch):
    monkeypatch.setenv("DANCOSO_CACHE_DIR", str(tmp_path))
    auditor = Auditor.from_path(None, lint=False)
    text = ("Điều 1. Các biện pháp\n"
            "1. Nâng cao năng lực cho người được giao nhiệm vụ tổ chức thực hiện pháp luật về dân chủ ở cơ sở\n"
            "a) Mở lớp bồi dưỡng, tập huấn hằng năm.\n")
    audit = auditor.audit_file(parse_text(text))[0]
    [unit] = audit.mapping
    assert unit.measures == ["M1"] and unit.method == "heading-similarity"
    assert unit.heading_similarity["M1"] > 0.75 > unit.heading_similarity["M4"]
    assert auditor.analyzer.stats["nlp"] >= 1


def test_analyses_are_reused_across_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("DANCOSO_CACHE_DIR", str(tmp_path))
    from dancoso_compare.cache import shared_cache

    shared_cache.cache_clear()
    pack = load_pack()
    first = Analyzer(pack)
    value = first.analyze("Khen thưởng, kỷ luật", "heading")
    first.flush()
    second = Analyzer(pack)
    assert second.analyze("Khen thưởng, kỷ luật", "heading") == value
    assert second.stats == {"computed": 0, "memory": 0, "disk": 1}
    shared_cache.cache_clear()
