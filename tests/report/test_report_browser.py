"""The HTML report in a real headless browser (Debian's chromium), driven from the command line.

Checks what only a browser can: the DOM after scripts ran has one matrix row per
document, an injected <script> in a document's text did not execute, the page
logs nothing to the console (no errors, no CSP violations), and it renders.
Each check has a control page proving the check would catch the failure.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from dancoso_compare.report import write_report

from tests.report_factory import IMG, SCRIPT, Page, sample_report
from tests.system_packages import require


def run_chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [
        require("chromium", "chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--mute-audio",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def console_messages(stderr: str) -> list[str]:
    """Page console output (errors, uncaught exceptions, CSP violations, logs) from chromium's log."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def dump_dom(path: Path, tmp_path: Path) -> tuple[str, list[str]]:
    done = run_chromium(path.as_uri(), tmp_path / "profile", "--dump-dom", "--virtual-time-budget=2000")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, console_messages(done.stderr)


@pytest.fixture(scope="module")
def report_dom(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    report = sample_report(errors=True)
    paths = write_report(report, tmp / "out")
    dom, console = dump_dom(paths["html"], tmp)
    return report, paths, dom, console


def test_one_matrix_row_per_document(report_dom):
    report, _, dom, _ = report_dom
    page = Page(dom)
    rows = page.find("tr", data_doc="*")
    assert len(rows) == len(report.documents)
    assert sorted(r["data-doc"] for r in rows) == sorted(f"{d.source}#{d.index}" for d in report.documents)


def test_injected_script_did_not_run(report_dom):
    _, _, dom, _ = report_dom
    page = Page(dom)
    assert not page.find("div", id="xss-marker")
    assert '<div id="xss-marker">' not in dom
    assert page.find("body")[0].get("data-xss") is None
    assert page.find("title") and "<title>Báo cáo rà soát văn bản — Các biện pháp bảo đảm thực hiện dân chủ ở cơ sở" in dom
    # the text is shown, escaped, as the document printed it
    assert "&lt;script&gt;document.title='XSS'" in dom
    assert "Tuyên truyền \"sâu rộng\" về dân chủ ở cơ sở &lt;script&gt;" in dom


def test_our_script_ran_and_console_is_clean(report_dom):
    _, _, dom, console = report_dom
    assert console == []
    # our filter script ran (it marks <html class="js">): the CSP hash matches it
    assert Page(dom).find("html")[0]["class"] == "js"


def test_screenshot_renders(report_dom, tmp_path):
    _, paths, _, _ = report_dom
    shot = tmp_path / "report.png"
    done = run_chromium(paths["html"].as_uri(), tmp_path / "profile", f"--screenshot={shot}",
                        "--window-size=1280,1600", "--hide-scrollbars")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 50_000  # a blank page compresses to a few KB


# -- controls: the checks above would fail on a broken page ---------------------


def test_control_unescaped_script_is_detected(tmp_path):
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>ok</title></head><body><p>{SCRIPT} {IMG}</p></body></html>",
                    encoding="utf-8")
    dom, _ = dump_dom(page, tmp_path)
    assert '<div id="xss-marker">' in dom
    assert "<title>XSS</title>" in dom


def test_control_console_errors_are_detected(tmp_path):
    page = tmp_path / "errors.html"
    page.write_text("<!DOCTYPE html><html><body><script>console.error('boom'); missingFunction();</script></body></html>",
                    encoding="utf-8")
    _, console = dump_dom(page, tmp_path)
    assert any("boom" in line for line in console)
    assert any("Uncaught ReferenceError" in line for line in console)


def test_control_csp_violation_is_detected(tmp_path):
    page = tmp_path / "csp.html"
    page.write_text("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                    "content=\"script-src 'sha256-AAAA'\"></head><body><script>document.title='ran'</script></body></html>",
                    encoding="utf-8")
    dom, console = dump_dom(page, tmp_path)
    assert "<title>ran</title>" not in dom
    assert any("Content Security Policy" in line for line in console)


# -- phone width ------------------------------------------------------------------

# Measured inside the page, reported to the frame around it (headless chromium will not open a window
# narrower than 500 px, so the page is shown in a 400 px wide iframe: its viewport is a phone's).
_MEASURE = (
    "<script>window.addEventListener('load',function(){var d=document.documentElement,"
    "m=document.querySelector('table.matrix'),box=m&&m.parentElement,r={viewport:window.innerWidth,"
    "'page-width':d.scrollWidth};if(box){r['box-scroll']=box.scrollWidth;r['box-client']=box.clientWidth;}"
    "parent.postMessage(r,'*');});</script>"
)
_FRAME = (
    "<!DOCTYPE html><html><body style='margin:0'><iframe src='phone.html' style='width:{w}px;height:900px;border:0'>"
    "</iframe><script>window.addEventListener('message',function(e){{for(var k in e.data)"
    "{{document.body.setAttribute('data-'+k,e.data[k]);}}}});</script></body></html>"
)
PHONE = 400


def measure_at_phone_width(html: str, tmp_path: Path) -> dict[str, int]:
    """Widths the browser lays the page out with in a 400 px wide viewport.

    The measuring script is added to a copy of the page, without its CSP (which would rightly block it)."""
    copy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html).replace("</body>", _MEASURE + "</body>")
    (tmp_path / "phone.html").write_text(copy, encoding="utf-8")
    frame = tmp_path / "frame.html"
    frame.write_text(_FRAME.format(w=PHONE), encoding="utf-8")
    done = run_chromium(frame.as_uri(), tmp_path / "profile-phone", "--dump-dom", "--virtual-time-budget=3000",
                        "--window-size=800,1000", "--hide-scrollbars")
    assert done.returncode == 0, done.stderr[-2000:]
    body = Page(done.stdout).find("body")[0]
    return {key: int(body[f"data-{key}"]) for key in ("viewport", "page-width", "box-scroll", "box-client")
            if body.get(f"data-{key}") is not None}


def test_usable_at_phone_width(report_dom, tmp_path):
    _, paths, _, _ = report_dom
    widths = measure_at_phone_width(paths["html"].read_text(encoding="utf-8"), tmp_path)
    assert widths["viewport"] == PHONE
    assert widths["page-width"] <= PHONE  # no page-wide horizontal scroll
    assert widths["box-scroll"] > widths["box-client"]  # the matrix scrolls inside its own box
    assert widths["box-client"] <= PHONE


def test_control_a_wide_table_is_detected_at_phone_width(tmp_path):
    html = ("<!DOCTYPE html><html><head><meta name=viewport content='width=device-width'></head><body>"
            "<div><table class='matrix' style='width:900px'><tr><td>rộng</td></tr></table></div></body></html>")
    widths = measure_at_phone_width(html, tmp_path)
    assert widths["viewport"] == PHONE and widths["page-width"] > PHONE
