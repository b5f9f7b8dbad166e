"""The review register: audit -> review -> audit again, on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started by a session fixture from Debian's binaries
(``/usr/lib/postgresql/15/bin``) in a temporary folder on a free loopback port,
run as the ``postgres`` OS user when the tests run as root (PostgreSQL refuses
root), and stopped at the end. Missing binaries fail the fixture: the register
must be tested on both databases.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dancoso_compare.cli import app
from dancoso_compare.register import ENV_VAR, content_hash, default_url, open_register
from dancoso_compare.register.engine import RegisterError, normalize_url
from dancoso_compare.register.tables import Base, MeasureReviewRow, RunDocumentRow, RunRow

from tests.conftest import REPO, SEEDS

def _pg_bin() -> Path:
    """$DANCOSO_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin (15 on Debian 12)."""
    if os.environ.get("DANCOSO_PG_BIN"):
        return Path(os.environ["DANCOSO_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
SON_LA = SEEDS / "003_807f00099292550a.txt"  # a small adopted resolution (tỉnh Sơn La)
EDIT_OLD = "Tăng cường công tác kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở"
EDIT_NEW = "Thường xuyên kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở"


# ---------------------------------------------------------------------------- PostgreSQL server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.fail("the tests run as root and PostgreSQL refuses root, but runuser (util-linux) is missing")
    return [runuser, "-u", "postgres", "--", *command]


class PostgresServer:
    def __init__(self) -> None:
        missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / name).exists()]
        if missing:
            pytest.fail(f"PostgreSQL binaries not found in {PG_BIN} ({', '.join(missing)}): install Debian's "
                        "'postgresql' package (apt-get install -y postgresql) or set DANCOSO_PG_BIN")
        if os.geteuid() == 0:
            try:
                import pwd

                pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("the tests run as root and there is no 'postgres' OS user to run the server as "
                            "(it is created by Debian's postgresql package)")
        self.root = Path(tempfile.mkdtemp(prefix="dancoso-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                   "-E", "UTF8", "--locale=C", "--no-sync"])
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                   "-w", "-t", "60", "start"])
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._names = itertools.count(1)

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(_as_server_user(command), capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = (self.root / "log").read_text(errors="replace") if (self.root / "log").exists() else ""
            pytest.fail(f"{' '.join(command[:2])} failed: {done.stdout}{done.stderr}{log[-2000:]}")

    def new_database(self) -> str:
        import psycopg

        name = f"register_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=120, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()


# ---------------------------------------------------------------------------- helpers

runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def audit_json(path: Path, db: str, *extra: str) -> dict:
    data = json.loads(cli("audit", str(path), "--db", db, "--format", "json", *extra))
    schema = json.loads((REPO / "schema" / "audit.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    return data


@pytest.fixture
def son_la(tmp_path) -> Path:
    path = tmp_path / "inbox" / "son-la.txt"
    path.parent.mkdir()
    shutil.copyfile(SON_LA, path)
    return path


# ---------------------------------------------------------------------------- the workflow


def test_audit_review_audit_again_carries_the_review_in_json_html_and_text(db_url, son_la, tmp_path):
    first = audit_json(son_la, db_url)["documents"][0]
    assert first["coverage"]["M2"]["review"] is None
    assert first["content_hash"] == content_hash(SON_LA.read_text(encoding="utf-8"))
    tool_status = first["coverage"]["M2"]["status"]

    out = cli("review", "set", str(son_la), "M2", "--status", "missing", "--note", "Chỉ nêu mục tiêu, <b>không</b> có giải pháp",
              "--by", "Nguyễn Văn A", "--db", db_url)
    assert "M2: đã ghi kết quả rà soát — Thiếu" in out

    again = audit_json(son_la, db_url, "--out", str(tmp_path / "report"))["documents"][0]
    review = again["coverage"]["M2"]["review"]
    assert review["status"] == "missing" and review["by"] == "Nguyễn Văn A" and review["stale"] is False
    assert review["note"] == "Chỉ nêu mục tiêu, <b>không</b> có giải pháp"
    assert review["at"].endswith("Z") and review["at"][:4].isdigit()
    assert again["coverage"]["M2"]["status"] == tool_status  # the tool's own status stays beside the review
    assert again["coverage"]["M1"]["review"] is None

    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert 'data-review="missing"' in html
    assert "Chỉ nêu mục tiêu, &lt;b&gt;không&lt;/b&gt; có giải pháp" in html  # the note is escaped
    assert "Nguyễn Văn A" in html and "Đã rà soát" in html
    _assert_the_workbook_carries_the_review(tmp_path / "report" / "audit.xlsx", tool_status)
    written = json.loads((tmp_path / "report" / "audit.json").read_text(encoding="utf-8"))
    assert written["documents"][0]["coverage"]["M2"]["review"]["status"] == "missing"

    text = cli("audit", str(son_la), "--db", db_url)
    assert "✘✎" in text and "Chỉ nêu mục tiêu" in text

    listed = json.loads(cli("review", "list", "--db", db_url, "--format", "json", "--locality", "sơn la"))
    assert [(e["target"], e["decision"], e["by"]) for e in listed] == [("M2", "missing", "Nguyễn Văn A")]
    assert json.loads(cli("review", "list", "--db", db_url, "--format", "json", "--locality", "Cà Mau")) == []
    assert "Nguyễn" in cli("review", "list", "--db", db_url)

    with open_register(db_url) as register:
        assert register.count(RunRow) == 3 and register.count(RunDocumentRow) == 3


def test_a_streamed_batch_is_recorded_file_by_file_and_carries_the_reviews(db_url, son_la, tmp_path):
    # jsonl and the report folder are written as the files arrive; with --db each file is recorded then.
    for n in (2, 3):
        shutil.copyfile(SON_LA, son_la.parent / f"copy-{n}.txt")
    # the same resolution edited: its review is carried, marked stale
    (son_la.parent / "other.txt").write_text(SON_LA.read_text(encoding="utf-8").replace("Sơn La", "Điện Biên"),
                                             encoding="utf-8")
    cli("review", "set", str(son_la), "M1", "--status", "partial", "--note", "Chưa đủ", "--db", db_url)
    lines = [json.loads(line) for line in
             cli("audit", str(son_la.parent), "--db", db_url, "--format", "jsonl", "--jobs", "2").splitlines()]
    documents = [line for line in lines if "coverage" in line]
    assert len(documents) == 4
    reviewed = {Path(d["source"]).name: (d["coverage"]["M1"]["review"]["status"], d["coverage"]["M1"]["review"]["stale"])
                for d in documents}
    assert reviewed == {"copy-2.txt": ("partial", False), "copy-3.txt": ("partial", False),
                        "son-la.txt": ("partial", False), "other.txt": ("partial", True)}
    assert all(d["content_hash"] for d in documents)
    cli("audit", str(son_la.parent), "--db", db_url, "--out", str(tmp_path / "folder"))
    written = json.loads((tmp_path / "folder" / "audit.json").read_text(encoding="utf-8"))
    assert sum(d["coverage"]["M1"]["review"] is not None for d in written["documents"]) == 4
    with open_register(db_url) as register:
        # the review's own run (review set records the document) is not an audit run
        assert register.count(RunRow) == 2 and register.count(RunDocumentRow) == 8


def _assert_the_workbook_carries_the_review(path: Path, tool_status: str) -> None:
    """Tổng hợp has the reviewed status beside the tool's; Rà soát one row with note, reviewer, a real date."""
    from datetime import datetime

    from openpyxl import load_workbook

    from dancoso_compare.report import i18n

    book = load_workbook(path)
    header = [c.value for c in book["Tổng hợp"][1]]
    column = header.index("M2 (rà soát)")
    assert header[column - 1] == "M2"
    row = [c.value for c in book["Tổng hợp"][2]]
    assert row[column - 1] == i18n.status_label(tool_status) and row[column] == "Thiếu"
    assert "M1 (rà soát)" not in header  # only reviewed measures get a column
    sheet = book["Rà soát"]
    rows = [[c for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1
    values = {h.value: c.value for h, c in zip(sheet[1], rows[0])}
    assert values["Biện pháp hoặc quy tắc"] == "M2" and values["Kết quả rà soát"] == "Thiếu"
    assert values["Công cụ đánh giá"] == i18n.status_label(tool_status)
    assert values["Ghi chú"] == "Chỉ nêu mục tiêu, <b>không</b> có giải pháp"
    assert values["Người rà soát"] == "Nguyễn Văn A" and values["Văn bản đã thay đổi"] == "Không"
    assert isinstance(values["Thời điểm rà soát"], datetime)
    at_cell = next(c for h, c in zip(sheet[1], rows[0]) if h.value == "Thời điểm rà soát")
    assert at_cell.is_date and at_cell.number_format == "DD/MM/YYYY HH:MM"
    assert all(c.data_type == "s" for c in rows[0] if isinstance(c.value, str))


def test_a_renamed_file_keeps_its_review(db_url, son_la, tmp_path):
    audit_json(son_la, db_url)
    cli("review", "set", str(son_la), "M4", "--status", "partial", "--note", "Thiếu kỷ luật", "--db", db_url)
    renamed = tmp_path / "elsewhere" / "nghi-quyet-tinh.txt"
    renamed.parent.mkdir()
    son_la.rename(renamed)
    doc = audit_json(renamed, db_url)["documents"][0]
    assert doc["source"] == str(renamed)
    assert doc["coverage"]["M4"]["review"]["status"] == "partial"
    assert doc["coverage"]["M4"]["review"]["stale"] is False
    assert doc["reviewed_version"] is None


def test_an_edited_text_keeps_the_old_review_marked_stale_and_says_what_changed(db_url, son_la, tmp_path):
    audit_json(son_la, db_url)
    cli("review", "set", str(son_la), "M3", "--status", "partial", "--note", "Chưa rõ trách nhiệm", "--db", db_url)
    original = son_la.read_text(encoding="utf-8")
    assert EDIT_OLD in original
    edited = tmp_path / "son-la-sua-doi.txt"
    edited.write_text(original.replace(EDIT_OLD, EDIT_NEW), encoding="utf-8")

    doc = audit_json(edited, db_url, "--out", str(tmp_path / "report"))["documents"][0]
    review = doc["coverage"]["M3"]["review"]
    assert review["status"] == "partial" and review["stale"] is True
    version = doc["reviewed_version"]
    assert version["source"] == str(son_la)
    assert version["content_hash"] == content_hash(original) != doc["content_hash"]
    changed = [c for c in version["changes"] if c["status"] == "changed"]
    assert len(changed) == 1
    assert "Thường xuyên" in changed[0]["word_diff"] and "Tăng cường" in changed[0]["word_diff"]
    assert changed[0]["location"].startswith("Điều") and changed[0]["line"] > 0

    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "Văn bản đã thay đổi so với bản đã rà soát" in html and 'data-change="changed"' in html
    assert "văn bản đã thay đổi: cần xem lại" in html
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "report" / "audit.xlsx")["Rà soát"]
    (row,) = [dict(zip([c.value for c in sheet[1]], [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert row["Biện pháp hoặc quy tắc"] == "M3" and row["Văn bản đã thay đổi"] == "Có"

    # a review of the new text is current again; the old text keeps its own
    cli("review", "set", str(edited), "M3", "--status", "present", "--note", "Đã sửa", "--db", db_url)
    doc = audit_json(edited, db_url)["documents"][0]
    assert doc["coverage"]["M3"]["review"] == {**doc["coverage"]["M3"]["review"], "status": "present", "stale": False}
    assert doc["reviewed_version"] is None
    old = audit_json(son_la, db_url)["documents"][0]
    assert old["coverage"]["M3"]["review"]["status"] == "partial" and old["coverage"]["M3"]["review"]["stale"] is False


def test_a_finding_is_accepted_or_rejected(db_url, son_la):
    doc = audit_json(son_la, db_url)["documents"][0]
    rule = doc["findings"][0]["rule"]
    cli("review", "finding", str(son_la), rule, "--reject", "--note", "Không áp dụng cho tỉnh", "--by", "B", "--db", db_url)
    doc = audit_json(son_la, db_url)["documents"][0]
    reviewed = [f for f in doc["findings"] if f["review"]]
    assert reviewed and {f["rule"] for f in reviewed} == {rule}
    assert reviewed[0]["review"]["verdict"] == "rejected" and reviewed[0]["review"]["note"] == "Không áp dụng cho tỉnh"
    cli("review", "finding", str(son_la), rule, "--accept", "--note", "Đúng", "--db", db_url)
    doc = audit_json(son_la, db_url)["documents"][0]
    assert next(f for f in doc["findings"] if f["rule"] == rule)["review"]["verdict"] == "accepted"


WORKER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from dancoso_compare.models import Document
    from dancoso_compare.register import open_register

    url, name, go, count = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    while not go.exists():
        time.sleep(0.01)
    with open_register(url) as register:  # both processes migrate a fresh database at once
        document = Document(kind="nghi_quyet", lines=(1, 1), span=(0, 20))
        text_hash = register.add_document(document, "Nghị quyết dùng chung", "shared.txt")
        for n in range(count):
            register.set_measure_review(text_hash, f"M{n % 5 + 1}", "partial", f"{name}-{n}", name)
    print(text_hash)
""")


def test_two_processes_writing_reviews_at_once_lose_nothing(db_url, tmp_path):
    go = tmp_path / "go"
    count = 40
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, db_url, name, str(go), str(count)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
               for name in ("a", "b")]
    go.touch()
    results = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [r[1][-2000:] for r in results]
    assert results[0][0] == results[1][0]  # the same document, registered once
    with open_register(db_url) as register:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        with Session(register.engine) as session:
            notes = sorted(session.scalars(select(MeasureReviewRow.note)).all())
    assert notes == sorted(f"{name}-{n}" for name in ("a", "b") for n in range(count))


# ---------------------------------------------------------------------------- schema, URLs, errors


def test_migrations_create_exactly_the_declared_tables(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with open_register(db_url) as register:
        open_register(db_url).close()  # a second open finds the schema at head and changes nothing
        with register.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert context.get_current_revision() == "0001"
            assert compare_metadata(context, Base.metadata) == []


def test_default_register_location(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'dancoso_compare' / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, "postgresql://u@db.example/reg")
    assert default_url() == "postgresql://u@db.example/reg"
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url(str(tmp_path / "r.db")) == f"sqlite:///{tmp_path / 'r.db'}"


def test_dancoso_db_environment_variable_chooses_the_register(monkeypatch, son_la, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    cli("review", "set", str(son_la), "M1", "--status", "present", "--note", "Đủ")
    result = runner.invoke(app, ["audit", str(son_la), "--format", "json"])
    assert json.loads(result.stdout)["documents"][0]["coverage"]["M1"]["review"]["note"] == "Đủ"


def _run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300, env={**os.environ, **(env or {})})


def test_bad_register_input_is_one_clear_line_and_exit_2(tmp_path, son_la):
    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    unknown = _run_cli("review", "set", str(son_la), "M9", "--status", "present", "--note", "x", "--db", db)
    assert unknown.returncode == 2 and "unknown measure 'M9'" in unknown.stderr and "Traceback" not in unknown.stderr
    no_note = _run_cli("review", "set", str(son_la), "M1", "--status", "present", "--note", " ", "--db", db)
    assert no_note.returncode == 2 and "--note" in no_note.stderr
    down = _run_cli("review", "list", "--db", f"postgresql://nobody:secret@127.0.0.1:{free_port()}/none")
    assert down.returncode == 2 and "cannot open the review register" in down.stderr
    assert "secret" not in down.stderr and "Traceback" not in down.stderr
    bad = _run_cli("review", "list", "--db", "nosuchdb://x")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_reviewing_a_file_that_cannot_be_read_is_an_input_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run_cli("review", "set", str(empty), "M1", "--status", "present", "--note", "x",
                      "--db", f"sqlite:///{tmp_path / 'r.sqlite3'}")
    assert result.returncode == 2 and "empty.txt" in result.stderr and "Traceback" not in result.stderr


def test_register_errors_are_typed():
    with pytest.raises(RegisterError, match="not a database URL"):
        open_register("://nowhere")
    with pytest.raises(RegisterError, match="cannot use this database"):
        open_register("nosuchdb://x")


def test_the_python_api_records_and_reads_reviews(son_la, tmp_path):
    import dancoso_compare as dc

    db = f"sqlite:///{tmp_path / 'api.sqlite3'}"
    first = dc.audit(son_la, db=db)
    assert first.report.documents[0].coverage["M5"].review is None
    cli("review", "set", str(son_la), "M5", "--status", "partial", "--note", "Chưa có chuyển đổi số", "--db", db)
    again = dc.audit(son_la, db=db)
    assert again.report.documents[0].coverage["M5"].review.note == "Chưa có chuyển đổi số"


def test_the_postgres_fixture_fails_clearly_without_the_binaries(monkeypatch, tmp_path):
    import tests.test_register as module

    monkeypatch.setattr(module, "PG_BIN", tmp_path / "no-postgres" / "bin")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL binaries not found .*install Debian's 'postgresql'"):
        PostgresServer()
