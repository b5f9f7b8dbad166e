"""The FastAPI application: server-rendered pages, no scripts, no external resources.

Security: binds to 127.0.0.1 unless told otherwise; only Host headers of this
computer are served (no DNS rebinding); POSTs from other origins are refused;
request bodies are capped (413 beyond the limit); uploads are read as data by
the same reader as the CLI, never executed; every value from a document goes
through Jinja2 autoescaping; a strict Content-Security-Policy allows no script
at all.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from contextlib import asynccontextmanager
from os import PathLike
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dancoso_compare.errors import DancosoError
from dancoso_compare.models import AuditReport, DocumentAudit, ParseReport, RulesRef
from dancoso_compare.register import RegisterError, open_register
from dancoso_compare.register.store import STATUSES
from dancoso_compare.report.reviews import REVIEW_MARK, changes_view, finding_review_view, measure_review_view
from dancoso_compare.report import i18n
from dancoso_compare.web.upload import UploadError, safe_name, unpack_zip

HERE = Path(__file__).parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
LANG = "vi"


class BodyLimit:
    """ASGI middleware: refuse request bodies above ``limit`` bytes with 413, before or while reading them."""

    def __init__(self, app, limit: int) -> None:  # noqa: ANN001
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        seen = 0
        started = False

        async def counting_receive():  # noqa: ANN202
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message) -> None:  # noqa: ANN001
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:  # noqa: ANN001
    body = (f"Tệp tải lên quá lớn: tối đa {limit // (1024 * 1024)} MB.").encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


class _State:
    """The register URL, the auditor (loaded once, used by one request at a time) and limits."""

    def __init__(self, db: str | None, max_upload: int, rules: str | PathLike | None) -> None:
        self.db, self.max_upload, self.rules = db, max_upload, rules
        self.lock = threading.Lock()
        self._auditor = None
        # Opened (and migrated) once, at start-up: a register that cannot be opened fails here, not on a page.
        # The engine's pool is shared by the request threads; each operation has its own session.
        self.register = open_register(db)

    def auditor(self):  # noqa: ANN201
        if self._auditor is None:
            from dancoso_compare.api import Auditor

            self._auditor = Auditor.from_path(self.rules)
        return self._auditor


def build(db: str | None, *, max_upload: int, rules: str | PathLike | None, hosts: list[str]) -> FastAPI:
    state = _State(db, max_upload, rules)
    env = _environment()
    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # noqa: ANN202
        yield
        state.register.close()

    app = FastAPI(title="dancoso_compare", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next):  # noqa: ANN001, ANN202
        if request.method == "POST" and not _same_origin(request):
            return Response("Yêu cầu từ trang khác bị từ chối.", status_code=403, media_type="text/plain")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"] if "*" in hosts else LOCAL_HOSTS + hosts)
    app.add_middleware(BodyLimit, limit=max_upload)

    def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(lang=LANG, max_mb=max_upload // (1024 * 1024), **context)
        return HTMLResponse(html, status_code=status_code)

    def matrix_page(messages: list[str] | None = None, errors: list[dict] | None = None,
                    status_code: int = 200) -> HTMLResponse:
        report, _ = state.register.latest_report()
        return page("index.html.j2", status_code=status_code, matrix=_matrix(report), messages=messages or [],
                    errors=errors or [])

    @app.exception_handler(DancosoError)
    async def dancoso_error(_request: Request, exc: DancosoError) -> HTMLResponse:
        return page("error.html.j2", status_code=400, message=str(exc))

    @app.get("/favicon.ico")
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return matrix_page()

    @app.post("/upload", response_class=HTMLResponse)
    def upload(files: list[UploadFile] = File(...)) -> HTMLResponse:  # noqa: B008
        workdir = Path(tempfile.mkdtemp(prefix="dancoso-upload-"))
        try:
            inputs, errors = _store_uploads(files, workdir, max_upload)
            if not inputs and not errors:
                return matrix_page(errors=[{"source": "—", "error": "Chưa chọn tệp nào."}], status_code=400)
            report, parsed = _audit(state, inputs, workdir)
            state.register.record(report, parsed)
            errors += [{"source": e.source, "error": e.error} for e in report.errors]
            messages = [f"Đã rà soát {len(report.documents)} văn bản từ {len(parsed.files)} tệp."]
            return matrix_page(messages=messages, errors=errors, status_code=200 if not errors else 422)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    @app.get("/doc/{text_hash}", response_class=HTMLResponse)
    def document(text_hash: str) -> HTMLResponse:
        found = state.register.document(text_hash)
        if found is None:
            return page("error.html.j2", status_code=404, message="Không có văn bản này trong sổ rà soát.")
        audit, _ = found
        return page("document.html.j2", doc=_document_view(audit, RulesRef.of(state.auditor().pack)), statuses=[
            {"value": s, "label": i18n.status_label(s, LANG)} for s in STATUSES])

    @app.post("/doc/{text_hash}/review")
    def review(text_hash: str, measure: str = Form(...), status: str = Form(...), note: str = Form(...),
               by: str = Form("")) -> RedirectResponse:
        _known(state, text_hash, measure, "measure")
        state.register.set_measure_review(text_hash, measure, status, note, by.strip() or None)  # type: ignore[arg-type]
        return RedirectResponse(f"/doc/{text_hash}#{measure}", status_code=303)

    @app.post("/doc/{text_hash}/finding")
    def finding(text_hash: str, rule: str = Form(...), verdict: str = Form(...), note: str = Form(...),
                by: str = Form("")) -> RedirectResponse:
        _known(state, text_hash, rule, "rule")
        state.register.set_finding_review(text_hash, rule, verdict, note, by.strip() or None)  # type: ignore[arg-type]
        return RedirectResponse(f"/doc/{text_hash}#findings", status_code=303)

    @app.get("/report.{kind}")
    def report_file(kind: str) -> Response:
        from dancoso_compare.report import write_report

        if kind not in ("html", "xlsx"):
            return page("error.html.j2", status_code=404, message="Không có định dạng báo cáo này.")
        report, documents = state.register.latest_report()
        if report is None:
            return page("error.html.j2", status_code=404, message="Sổ rà soát chưa có văn bản nào.")
        with tempfile.TemporaryDirectory(prefix="dancoso-report-") as tmp:
            paths = write_report(report, Path(tmp) / "out", lang=LANG, documents=documents)
            data = paths[kind].read_bytes()
        media = "text/html; charset=utf-8" if kind == "html" else \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = "bao-cao-ra-soat." + kind
        return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return app


def _known(state: _State, text_hash: str, target: str, what: str) -> None:
    """A review names a measure or a finding's rule of a registered document."""
    found = state.register.document(text_hash)
    if found is None:
        raise RegisterError("Không có văn bản này trong sổ rà soát.")
    audit, _ = found
    known = audit.coverage if what == "measure" else {f.rule for f in audit.findings}
    if target not in known:
        raise RegisterError(f"Văn bản không có {'biện pháp' if what == 'measure' else 'phát hiện'} {target}.")


def _same_origin(request: Request) -> bool:
    """A form POST must come from this application's own pages."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:  # sent by every current browser
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin in (None, "null"):
        return origin is None
    return origin.split("://", 1)[-1] == request.headers.get("host", "")


def _store_uploads(files: list[UploadFile], workdir: Path, limit: int) -> tuple[list[Path], list[dict]]:
    inputs: list[Path] = []
    errors: list[dict] = []
    for n, upload in enumerate(files, 1):
        if not upload.filename:
            continue
        name = safe_name(upload.filename)
        folder = workdir / f"{n:03d}"
        folder.mkdir()
        target = folder / name
        with target.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        if name.lower().endswith(".zip"):
            unpacked = folder / Path(name).stem
            unpacked.mkdir()
            try:
                unpack_zip(target, unpacked, limit)
            except UploadError as exc:
                errors.append({"source": name, "error": exc.message})
                continue
            finally:
                target.unlink()
            inputs.append(unpacked)
        else:
            inputs.append(target)
    return inputs, errors


def _audit(state: _State, inputs: list[Path], workdir: Path) -> tuple[AuditReport, ParseReport]:
    """Parse and audit with the CLI's reader; sources are shown as the uploaded names, not temporary paths."""
    from dancoso_compare.api import parse_paths

    with state.lock:
        parsed = parse_paths(inputs)
        for parsed_file in parsed.files:
            parsed_file.source = _display(parsed_file.source, workdir)
        for error in parsed.errors:
            error.error = error.error.replace(error.source, _display(error.source, workdir))
            error.source = _display(error.source, workdir)
        report = state.auditor().report(parsed)
    return report, parsed


def _display(path: str, workdir: Path) -> str:
    try:
        relative = Path(path).resolve().relative_to(workdir.resolve())
    except ValueError:
        return Path(path).name
    return str(Path(*relative.parts[1:])) if len(relative.parts) > 1 else relative.name


# ---------------------------------------------------------------------------- view models


def _date(iso: str | None) -> str:
    """'2025-11-12' -> '12/11/2025' (the way Vietnamese documents write dates)."""
    if not iso:
        return "—"
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def _cell(doc: DocumentAudit, measure: str) -> dict[str, Any]:
    cov = doc.coverage.get(measure)
    if cov is None:
        return {"status": "absent", "symbol": "—", "label": i18n.status_label(None, LANG), "reviewed": False}
    status = cov.review.status if cov.review else cov.status
    label = i18n.status_label(status, LANG)
    if cov.review:
        label = f"{label} (đã rà soát; công cụ: {i18n.status_label(cov.status, LANG)})"
    return {"status": status, "symbol": i18n.status_symbol(status) + (REVIEW_MARK if cov.review else ""),
            "label": label, "reviewed": cov.review is not None}


def _matrix(report: AuditReport | None) -> dict[str, Any] | None:
    if report is None or not report.documents:
        return None
    from dancoso_compare.report.grouping import group_by_locality, measure_ids

    measures = measure_ids(report.documents, report.rules)
    pack = i18n.PackLabels(report.rules)
    rows = []
    for group in group_by_locality(report.documents):
        for position, doc in enumerate(group.documents):
            rows.append({
                "hash": doc.content_hash,
                "locality": i18n.locality_label(doc.locality, LANG),
                "first": position == 0,
                "level": i18n.level_label(doc.locality.level, LANG) if doc.locality else "",
                "title": i18n.doc_title(doc, LANG),
                "source": doc.source,
                "cells": [_cell(doc, m) | {"measure": m} for m in measures],
                "findings": len(doc.findings),
            })
    return {"measures": [{"id": m, "name": pack.short(m, LANG)} for m in measures], "rows": rows,
            "rules": report.rules}


def _document_view(doc: DocumentAudit, rules: RulesRef) -> dict[str, Any]:
    pack = i18n.PackLabels(rules)
    measures = []
    for m, cov in doc.coverage.items():
        measures.append({
            "id": m, "name": pack.name(m, LANG), "law": pack.citation(m, LANG),
            "status": cov.status, "symbol": i18n.status_symbol(cov.status), "label": i18n.status_label(cov.status, LANG),
            "note": cov.note, "review": measure_review_view(cov.review, cov.status, LANG),
            "evidence": [{"text": ev.text, "line": ev.line, "matched": ", ".join(dict.fromkeys(ev.matched)),
                          "location": i18n.where_of(ev, LANG)}
                         for ev in sorted(cov.evidence, key=lambda e: (-e.score, e.line))],
        })
    findings = [{
        "rule": f.rule, "severity": i18n.severity_label(f.severity, LANG), "message": i18n.finding_message(f, LANG),
        "line": f.line or "—", "legal_source": i18n.legal_source(f.legal_source) or "—",
        "review": finding_review_view(f.review, LANG),
    } for f in doc.findings]
    return {
        "hash": doc.content_hash, "title": i18n.doc_title(doc, LANG), "subtitle": doc.title,
        "locality": i18n.locality_label(doc.locality, LANG), "source": doc.source, "number": doc.number or "—",
        "date": _date(doc.adopted or doc.date), "measures": measures, "findings": findings,
        "extras": [{"topic": x.topic, "text": x.text, "line": x.line} for x in doc.extras],
        "changes": changes_view(doc, LANG),
    }

