"""The local web application, end to end in a real headless browser (Debian's chromium, driven by selenium).

The application server runs on 127.0.0.1 on a free port, started and stopped
by a fixture; the browser uploads a seed, sees its row, corrects a measure with
a note and sees it again after a reload; an upload whose text carries
``<script>`` shows it as text. Request-level checks (limits, hosts, origins,
zip archives, downloads) use the same application through HTTP.
"""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
import zipfile
from pathlib import Path

import httpx
import openpyxl
import pytest

from dancoso_compare.register import open_register
from dancoso_compare.web import create_app

from tests.conftest import SEEDS
from tests.report_factory import IMG, SCRIPT
from tests.test_register import free_port
from tests.system_packages import require

SON_LA = SEEDS / "003_807f00099292550a.txt"
M2_HEADING = "2. Thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về thực hiện dân chủ ở cơ sở"


class LiveServer:
    """uvicorn serving the app in a background thread on 127.0.0.1:<free port>."""

    def __init__(self, app) -> None:  # noqa: ANN001
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    db = f"sqlite:///{tmp / 'register.sqlite3'}"
    server = LiveServer(create_app(db, max_upload=2 * 1024 * 1024))
    try:
        yield server, db, tmp
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    chromium = require("chromium", "chromium")
    chromedriver = require("chromedriver", "chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    driver.set_page_load_timeout(180)
    try:
        yield driver
    finally:
        driver.quit()


def _upload(driver, base: str, path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver.get(base + "/")
    driver.find_element(By.ID, "files").send_keys(str(path))
    driver.find_element(By.ID, "upload-button").click()
    _wait_for(driver, ".message, .errors")


def _wait_for(driver, selector: str):  # noqa: ANN001, ANN202
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 180).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))


def _row(driver, locality: str):  # noqa: ANN001, ANN202
    from selenium.webdriver.common.by import By

    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-hash]") if locality in r.text]
    assert len(rows) == 1, [r.text for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-hash]")]
    return rows[0]


def _console_problems(driver) -> list[str]:  # noqa: ANN001
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def test_upload_see_the_row_correct_a_measure_reload_and_see_it(site, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server, db, _ = site
    seed = tmp_path / "nghi-quyet-son-la.txt"
    shutil.copyfile(SON_LA, seed)
    _upload(browser, server.url, seed)
    assert "Đã rà soát 1 văn bản" in browser.find_element(By.CSS_SELECTOR, ".message").text
    row = _row(browser, "Sơn La")
    assert "nghi-quyet-son-la.txt" in row.text  # the uploaded name, not a temporary path
    cell = row.find_element(By.CSS_SELECTOR, 'td[data-measure="M2"]')
    assert cell.get_attribute("data-status") == "present" and cell.get_attribute("data-reviewed") == "0"

    row.find_element(By.CSS_SELECTOR, "a").click()
    section = _wait_for(browser, "#M2")
    assert "Thông tin, tuyên truyền" in section.text  # the evidence, quoted
    Select(section.find_element(By.NAME, "status")).select_by_value("partial")
    section.find_element(By.NAME, "note").send_keys("Thiếu nội dung nâng cao nhận thức cộng đồng")
    section.find_element(By.NAME, "by").send_keys("Trần Thị B")
    section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wait_for(browser, "#M2 .review")

    browser.refresh()
    review = browser.find_element(By.CSS_SELECTOR, "#M2 .review")
    assert review.get_attribute("data-review") == "partial"
    assert "Thiếu nội dung nâng cao nhận thức cộng đồng" in review.text and "Trần Thị B" in review.text

    browser.get(server.url + "/")
    cell = _row(browser, "Sơn La").find_element(By.CSS_SELECTOR, 'td[data-measure="M2"]')
    assert cell.get_attribute("data-status") == "partial" and cell.get_attribute("data-reviewed") == "1"
    assert "◐✎" in cell.text
    assert _console_problems(browser) == []

    with open_register(db) as register:
        [entry] = [e for e in register.reviews("Sơn La") if e.target == "M2"]
    assert (entry.decision, entry.by) == ("partial", "Trần Thị B")


def test_an_upload_with_a_script_in_its_text_shows_it_as_text(site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    server, _, _ = site
    text = SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Hòa Bình").replace("SƠN LA", "HÒA BÌNH")
    assert M2_HEADING in text
    hostile = tmp_path / "hoa-binh.txt"
    hostile.write_text(text.replace(M2_HEADING, f"{M2_HEADING} {SCRIPT} {IMG}"), encoding="utf-8")
    _upload(browser, server.url, hostile)
    _row(browser, "Hòa Bình").find_element(By.CSS_SELECTOR, "a").click()
    _wait_for(browser, "#M2")

    assert "<script>document.title='XSS'" in browser.find_element(By.ID, "M2").text  # shown, as printed
    assert browser.title != "XSS" and "Hòa Bình" in browser.title
    assert browser.find_elements(By.ID, "xss-marker") == []
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-xss") is None
    assert "&lt;script&gt;document.title" in browser.page_source


# ---------------------------------------------------------------------------- HTTP-level checks


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_upload_goes_through_the_reader_and_cannot_escape(site, tmp_path):
    server, _, tmp = site
    text = SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Lai Châu").replace("SƠN LA", "LAI CHÂU")
    archive = _zip({"ho-so/lai-chau.txt": text.encode(), "../../escaped.txt": b"x", "ho-so/anh.doc": b"\xd0\xcf\x11\xe0"})
    response = httpx.post(server.url + "/upload", files={"files": ("ho-so.zip", archive, "application/zip")}, timeout=120)
    assert response.status_code == 200, response.text
    assert "ho-so/lai-chau.txt" in response.text and "Lai Châu" in response.text
    assert not (tmp / "escaped.txt").exists() and not list(Path("/tmp").glob("escaped.txt"))

    broken = httpx.post(server.url + "/upload", files={"files": ("bad.zip", b"PK\x03\x04 broken", "application/zip")},
                        timeout=60)
    assert broken.status_code == 422 and "bad.zip" in broken.text and "zip" in broken.text


def test_unreadable_uploads_are_listed_with_their_error(site):
    server, _, _ = site
    response = httpx.post(server.url + "/upload", files=[("files", ("rong.txt", b"", "text/plain")),
                                                        ("files", ("so-do.rtf", b"{\\rtf1}", "application/rtf"))],
                          timeout=60)
    assert response.status_code == 422
    assert "rong.txt" in response.text and "so-do.rtf" in response.text
    assert "dancoso-upload-" not in response.text  # no temporary paths shown


def test_uploads_are_size_limited(site):
    server, _, _ = site
    response = httpx.post(server.url + "/upload", files={"files": ("lon.txt", b"a" * (3 * 1024 * 1024), "text/plain")},
                          timeout=60)
    assert response.status_code == 413 and "2 MB" in response.text


def test_only_local_hosts_and_same_origin_posts_are_served(site):
    server, _, _ = site
    page = httpx.get(server.url + "/", timeout=30)
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "form-action 'self'" in csp
    assert "<script" not in page.text and "http://" not in page.text.replace(server.url, "")
    assert httpx.get(server.url + "/", headers={"host": "attacker.example"}, timeout=30).status_code == 400
    forged = httpx.post(server.url + "/doc/0/review", data={"measure": "M1", "status": "present", "note": "x"},
                        headers={"origin": "http://attacker.example"}, timeout=30)
    assert forged.status_code == 403


def test_the_reports_download_with_the_reviews(site, tmp_path):
    server, db, _ = site
    seed = tmp_path / "dien-bien.txt"
    seed.write_text(SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Điện Biên").replace("SƠN LA", "ĐIỆN BIÊN"),
                    encoding="utf-8")
    httpx.post(server.url + "/upload", files={"files": (seed.name, seed.read_bytes(), "text/plain")}, timeout=120)
    with open_register(db) as register:
        report, _ = register.latest_report()
    text_hash = next(d.content_hash for d in report.documents if d.locality and d.locality.name == "Điện Biên")
    posted = httpx.post(f"{server.url}/doc/{text_hash}/review",
                        data={"measure": "M5", "status": "missing", "note": "Không có <chuyển đổi số>", "by": ""},
                        headers={"origin": server.url}, timeout=30)
    assert posted.status_code == 303

    html = httpx.get(server.url + "/report.html", timeout=120)
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    assert "Không có &lt;chuyển đổi số&gt;" in html.text and 'data-review="missing"' in html.text
    xlsx = httpx.get(server.url + "/report.xlsx", timeout=120)
    assert xlsx.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert any("Điện Biên" in str(cell.value) for row in book.worksheets[0].iter_rows() for cell in row)


def test_unknown_document_and_bad_review_are_pages_not_tracebacks(site):
    server, _, _ = site
    missing = httpx.get(server.url + "/doc/" + "0" * 64, timeout=30)
    assert missing.status_code == 404 and "Không có văn bản này" in missing.text
    bad = httpx.post(server.url + "/doc/" + "0" * 64 + "/review", data={"measure": "M1", "status": "present", "note": "x"},
                     timeout=30)
    assert bad.status_code == 400 and "Traceback" not in bad.text


def test_the_server_binds_to_this_computer_only_by_default():
    import inspect

    from dancoso_compare import cli, web

    assert inspect.signature(web.serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(cli.serve).parameters["host"].default == "127.0.0.1"
    assert json.dumps(inspect.signature(cli.serve).parameters["port"].default) == "8000"


def _upload_text(server, name: str, text: str) -> str:  # noqa: ANN001
    """Upload one text file; return the content hash of the matrix row that names it."""
    import re

    response = httpx.post(server.url + "/upload", files={"files": (name, text.encode(), "text/plain")}, timeout=120)
    assert response.status_code == 200, response.text
    rows = re.findall(r'<tr data-hash="(\w+)".*?</tr>', response.text, re.DOTALL)
    bodies = re.findall(r'(<tr data-hash="\w+".*?</tr>)', response.text, re.DOTALL)
    [text_hash] = [h for h, body in zip(rows, bodies) if f" {name}<" in body or f">{name}<" in body]
    return text_hash


def test_a_changed_text_shows_the_stale_review_and_what_changed(site):
    server, _, _ = site
    text = SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Lào Cai").replace("SƠN LA", "LÀO CAI")
    old_hash = _upload_text(server, "lao-cai.txt", text)
    httpx.post(f"{server.url}/doc/{old_hash}/review", data={"measure": "M3", "status": "partial", "note": "Chưa đủ"},
               headers={"origin": server.url}, timeout=30)
    edited = text.replace("Tăng cường công tác kiểm tra, giám sát", "Thường xuyên kiểm tra, giám sát")
    new_hash = _upload_text(server, "lao-cai-sua.txt", edited)
    assert new_hash != old_hash
    page = httpx.get(f"{server.url}/doc/{new_hash}", timeout=30).text
    assert "Văn bản đã thay đổi so với bản đã rà soát" in page and "lao-cai.txt" in page
    assert 'data-change="changed"' in page and "Thường xuyên" in page
    assert "cần xem lại" in page and "Chưa đủ" in page
    matrix = httpx.get(server.url + "/", timeout=30).text
    assert f'data-hash="{new_hash}"' in matrix and f'data-hash="{old_hash}"' not in matrix  # the current text only


def test_reviews_must_name_a_measure_or_rule_of_the_document(site):
    server, db, _ = site
    text = SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Yên Bái").replace("SƠN LA", "YÊN BÁI")
    text_hash = _upload_text(server, "yen-bai.txt", text)
    for path, data in (("review", {"measure": "M9", "status": "present", "note": "x"}),
                       ("review", {"measure": "M1", "status": "unknown", "note": "x"}),
                       ("review", {"measure": "M1", "status": "present", "note": "   "}),
                       ("finding", {"rule": "DC-NOPE-1", "verdict": "accepted", "note": "x"})):
        response = httpx.post(f"{server.url}/doc/{text_hash}/{path}", data=data, headers={"origin": server.url}, timeout=30)
        assert response.status_code == 400, (path, data, response.status_code)
    with open_register(db) as register:
        assert [e for e in register.reviews("yen bai")] == []  # found without accents; nothing was stored
        register.set_measure_review(text_hash, "M1", "present", "Đủ")
        assert [e.target for e in register.reviews("YEN BAI")] == ["M1"]


def test_a_server_bound_to_every_interface_serves_other_host_names(tmp_path):
    from starlette.testclient import TestClient

    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    local = TestClient(create_app(db), base_url="http://so-tu-phap.lan")
    assert local.get("/").status_code == 400
    shared = TestClient(create_app(db, hosts=["*"]), base_url="http://so-tu-phap.lan")
    page = shared.get("/")
    assert page.status_code == 200 and "Sổ rà soát chưa có văn bản nào" in page.text
