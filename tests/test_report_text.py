"""Terminal summary table and labels."""

from __future__ import annotations

from rich.table import Table

from dancoso_compare.report import i18n, render_plain, summary_table

from .report_factory import report_with, sample_report


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
    assert "Grassroots democracy resolution audit" in text
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
    assert i18n.location_label(4, 2, "đ") == "Điều 4, khoản 2, điểm đ"
    assert i18n.location_label(4, 2, "đ", "en") == "Article 4(2)(đ)"
    assert i18n.location_label(None, 3, None) == "mục 3"
    assert i18n.location_from_id("dieu-4.khoan-2.diem-đ") == "Điều 4, khoản 2, điểm đ"
    assert i18n.location_from_id("noi-nhan.gach-1") == "noi-nhan.gach-1"
    assert i18n.measure_legal_source("M3") == "Khoản 3 Điều 8 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
    assert i18n.measure_legal_source("M3", "en") == "Article 8(3), Law on Grassroots Democracy No. 10/2022/QH15"
