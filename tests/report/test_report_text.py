"""Terminal summary table and labels."""

from __future__ import annotations

from rich.table import Table

from dancoso_compare.report import i18n, render_plain, summary_table

from tests.report_factory import report_with, sample_report


def test_summary_table_vietnamese():
    table = summary_table(sample_report())
    assert isinstance(table, Table)
    text = render_plain(table, width=140)
    lines = text.splitlines()
    order = [name for name in ("CẤP TỈNH", "tỉnh Cà Mau", "tỉnh Sơn La", "CẤP HUYỆN", "huyện Thăng Bình",
                               "thành phố Việt Trì", "CẤP XÃ", "xã Mường Kim", "KHÔNG XÁC ĐỊNH")]
    positions = [next(i for i, line in enumerate(lines) if name in line) for name in order]
    assert positions == sorted(positions)
    muong_kim = next(line for line in lines if "xã Mường Kim" in line)
    assert "Nghị quyết 15/NQ-HĐND" in muong_kim
    assert [c for c in muong_kim if c in "✔◐✘"] == ["✔", "◐", "✔", "✘", "✔"]
    assert "1L 1C 1T" in muong_kim  # one error, one warning, one info
    # the other documents of the locality are listed beneath it
    beneath = lines[lines.index(muong_kim) + 1: lines.index(muong_kim) + 3]
    assert all("└" in line for line in beneath)
    # stand-ins are marked and explained
    assert "Tờ trình *" in next(line for line in lines if "huyện Thăng Bình" in line)
    assert "* chưa có Nghị quyết đã ban hành" in text
    assert "✔ Đầy đủ  ◐ Một phần  ✘ Thiếu" in text


def test_summary_table_english():
    text = render_plain(summary_table(sample_report(), "en"), width=140)
    assert "Document audit report" in text
    assert "Locality" in text and "Document" in text and "Resolution 15/NQ-HĐND" in text
    assert "1E 1W 1I" in text
    assert "Địa phương" not in text


def test_summary_table_empty_batch():
    text = render_plain(summary_table(report_with()), width=100)
    assert "M1" in text and "Địa phương" in text


def test_labels_fall_back_and_cover_both_languages():
    for key, entry in i18n._LABELS.items():
        assert entry.get("vi"), key
        assert entry.get("en"), key
    assert i18n.location_label(4, 2, "đ") == "Điều 4 khoản 2 điểm đ"
    assert i18n.location_label(4, 2, "đ", "en") == "Article 4(2)(đ)"
    assert i18n.location_label(None, 3, None) == "mục 3"
    assert i18n.where(1, 2, "a", 14) == "Điều 1 khoản 2 điểm a, dòng 14"
    assert i18n.where(None, None, None, 14) == "dòng 14"  # an unnumbered paragraph: its line, never its id
    assert i18n.where(None, None, None, None) == "—"
    # measure names and citations are the rule pack's
    pack = i18n.PackLabels(sample_report().rules)
    assert pack.citation("M3") == "Điều 8 khoản 3 Luật 10/2022/QH15"
    assert pack.name("M4", "en") == "Commendation; detecting and strictly handling violations"
    assert pack.element("M2.awareness") == "nâng cao nhận thức cộng đồng"
