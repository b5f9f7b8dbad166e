"""``dancoso``: a thin command line over the Python API.

Exit codes: 0 success; 1 ``check`` found problems; 2 an input file (or rule
pack) could not be used — the other files are still processed and reported.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from dancoso_compare import __version__
from dancoso_compare.errors import DancosoError, InputError

app = typer.Typer(
    name="dancoso",
    help=(
        "Audit Vietnamese local resolutions on grassroots democracy (Luật 10/2022/QH15, Điều 8).\n\n"
        "Example: dancoso audit corpus/ --out report/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Inspect rule packs and drafting checks.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

# No markup: file names, document text and rule-pack strings are printed as they are ("[bold]x.txt").
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class StreamFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


Paths = Annotated[list[Path], typer.Argument(help="Files (.txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html, .zip) or folders (searched recursively).")]
RulesOpt = Annotated[Optional[Path], typer.Option("--rules", help="Rule pack YAML (default: Điều 8 of Luật 10/2022/QH15).")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Report language: vi (default) or en.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=0, help="Worker processes (default: all cores when the batch is large enough; 1 = none).")]


class BadValue(typer.BadParameter):
    """A bad option value with its Vietnamese explanation (``message_vi``) beside click's English one."""

    def __init__(self, message: str, message_vi: str, **kwargs) -> None:  # noqa: ANN003
        super().__init__(message, **kwargs)
        self.message_vi = message_vi


def _as_of(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-11-20",
                       f"{value!r} không phải một ngày; hãy viết theo dạng năm-tháng-ngày YYYY-MM-DD, "
                       "ví dụ 2025-11-20") from None


AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="YYYY-MM-DD", callback=_as_of,
    help="Judge legal bases on this day instead of each document's own date (and flag documents dated after it). "
         "Without it the result never depends on the day it runs.")]


def _error_word(lang: str) -> str:
    return "lỗi" if lang == "vi" else "error"


def _report_errors(errors, lang: str = "vi") -> None:  # noqa: ANN001
    """One line per input file that could not be used: in Vietnamese its summary and advice (errors.py),
    in English the record's own text with its detail."""
    from dancoso_compare.errors import describe_vi

    for record in errors:
        text = record.error if lang == "en" else f"{record.source}: {describe_vi(record.code)}"
        err.print(f"[bold red]{_error_word(lang)}:[/] {escape(text)}", markup=True)


def _progress(lang: str = "vi"):  # noqa: ANN202
    """A progress bar on stderr when it is a terminal; a no-op callback otherwise."""
    if not err.is_terminal:
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    word = "Đang xử lý" if lang == "vi" else "Processing"
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, transient=True)
    task = progress.add_task(word, total=None)

    def callback(path: Path, n: int, total: int) -> None:
        progress.update(task, total=total, completed=n - 1, description=f"{word} {path.name}")

    return progress, callback


def _warning_word(lang: str) -> str:
    return "cảnh báo" if lang == "vi" else "warning"


def _echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --------------------------------------------------------------------------- parse


@app.command(help=(
    "Parse files into Điều / khoản / điểm with metadata.\n\n"
    "Examples:\n\n  dancoso parse corpus/ --format text\n\n  dancoso parse corpus/ --format jsonl --jobs 2"
))
def parse(
    paths: Paths,
    format: Annotated[StreamFormat, typer.Option(
        "--format", help="json (contract), jsonl (one file per line, then the errors) or text (outline).")] = StreamFormat.json,
    compact: Annotated[bool, typer.Option(
        "--compact", help="JSON with each file's text once and no text repeated in the nodes (see README).")] = False,
    jobs: JobsOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the messages: vi (default) or en.")] = Lang.vi,
) -> None:
    from dancoso_compare.batch import Task, run

    if format is StreamFormat.text:
        from dancoso_compare.api import parse_paths
        from dancoso_compare.report.outline import outline

        report = parse_paths(paths, jobs=jobs)
        _echo(outline(report))
        errors = report.errors
    else:
        from dancoso_compare.report.serialize import ReportStream
        from dancoso_compare.models import ParseReport

        stream = ReportStream(sys.stdout.write, ParseReport(files=[]), "files",
                              "compact" if compact and format is StreamFormat.json else format.value)
        errors = []
        task = Task("parse", encode=stream.encoding, keep=False)  # type: ignore[arg-type]
        for result in run(paths, task, jobs=jobs):
            if result.error is not None:
                errors.append(result.error)
            for item in result.encoded:
                stream.add(item)
        stream.close(errors)
    _report_errors(errors, lang.value)
    raise typer.Exit(2 if errors else 0)


# --------------------------------------------------------------------------- audit


def _run_audit(paths: list[Path], rules: Path | None, *, jobs: int | None = None, outline: bool = False,
               stream_format: str | None = None, as_of: date | None = None, register=None,  # noqa: ANN001
               lang: str = "vi", on_audit=None):  # noqa: ANN001, ANN202
    """Audit every file (in a worker pool when it pays); returns the report and the outline documents.

    With ``stream_format`` (json or jsonl) each document is written to stdout as
    soon as it is audited and the report keeps no documents: memory stays flat.
    With ``on_audit(audit, outline)`` (the report folder) each document goes there instead, in order,
    and the report keeps no documents either.
    With ``register`` (an open review register) each file is recorded in one run as it arrives and its
    documents carry the reviews in force; its parsed text is dropped once recorded.
    """
    from dancoso_compare.batch import Task, run
    from dancoso_compare.report.serialize import ReportStream, encode_item
    from dancoso_compare.models import AuditReport, RulesRef
    from dancoso_compare.measures.rulepack import load_pack

    pack = load_pack(rules)  # a bad pack stops here, before any worker starts
    rules_ref = RulesRef.of(pack)
    stream = None
    if stream_format is not None:
        stream = ReportStream(sys.stdout.write, AuditReport(rules=rules_ref, documents=[]), "documents",
                              stream_format)  # type: ignore[arg-type]
    # Reviews are put on the documents in this process, so with a register they are encoded here too.
    encode_in_worker = stream is not None and register is None
    task = Task("audit", str(rules) if rules else None, encode=stream.encoding if encode_in_worker else None,
                keep=not encode_in_worker, outline=outline, as_of=as_of, parsed=register is not None)
    run_id = register.start_run(rules_ref) if register is not None else None
    report = AuditReport(rules=rules_ref, documents=[])
    documents: dict = {}
    progress, callback = _progress(lang)
    with progress if progress else _nothing():
        for result in run(paths, task, jobs=jobs, on_file=callback):
            if result.error is not None:
                report.errors.append(result.error)
            if register is not None and result.parsed is not None:
                register.record_file(run_id, result.audits, result.parsed)
                register.annotate_audits(result.audits, result.parsed)
                result.parsed = None
            if stream is not None:
                encoded = result.encoded if encode_in_worker else [encode_item(a, stream.encoding) for a in result.audits]
                for item in encoded:
                    stream.add(item)
            elif on_audit is not None:
                for audit_ in result.audits:
                    on_audit(audit_, result.documents.get(f"{audit_.source}#{audit_.index}"))
            else:
                report.documents.extend(result.audits)
                documents.update(result.documents)
    if stream is not None:
        stream.close(report.errors)
    return report, documents


def _nothing():  # noqa: ANN202
    import contextlib

    return contextlib.nullcontext()


@app.command(help=(
    "Audit files against the measures of the rule pack.\n\n"
    "Examples:\n\n  dancoso audit corpus/ --out report/\n\n  dancoso audit xa.txt --parent tinh.txt --format json"
    "\n\n  dancoso audit corpus/ --format jsonl --jobs 2"
))
def audit(
    paths: Paths,
    format: Annotated[StreamFormat, typer.Option(
        "--format", help="text (tables), json (contract) or jsonl (one document per line, then the errors).")] = StreamFormat.text,
    rules: RulesOpt = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write index.html, audit.xlsx and audit.json into this folder.")] = None,
    parent: Annotated[Optional[Path], typer.Option("--parent", help="The higher-level resolution to compare each document with.")] = None,
    lang: LangOpt = Lang.vi,
    as_of: AsOfOpt = None,
    db: Annotated[Optional[str], typer.Option("--db", envvar="DANCOSO_DB", show_envvar=True,
                                              help="Review register to record the run in and read reviews from "
                                              "(sqlite:///FILE, postgresql://..., or a file path).")] = None,
    jobs: JobsOpt = None,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Run on a Dask cluster at this address (tcp://host:8786); needs the [dask] extra.")] = None,
) -> None:
    if scheduler is not None:
        if db or as_of:
            raise BadValue("--scheduler cannot be combined with --db or --as-of yet",
                           "chưa dùng được --scheduler cùng với --db hoặc --as-of", param_hint="--scheduler")
        from dancoso_compare.dask import run_on_cluster

        report, documents = run_on_cluster(paths, rules, scheduler, outline=out_dir is not None)
    else:
        with _register(db) as register:
            if format is not StreamFormat.text and out_dir is None and parent is None:
                report, documents = _run_audit(paths, rules, jobs=jobs, stream_format=format.value, as_of=as_of,
                                               register=register, lang=lang.value)
                _report_errors(report.errors, lang.value)
                raise typer.Exit(2 if report.errors else 0)
            if out_dir is not None and format is StreamFormat.text and parent is None:
                _audit_to_folder(paths, rules, out_dir, lang, jobs=jobs, as_of=as_of, register=register)
            report, documents = _run_audit(paths, rules, jobs=jobs, outline=out_dir is not None, as_of=as_of,
                                           register=register, lang=lang.value)
    parents = {}
    if parent is not None:
        from dancoso_compare.api import parent_comparisons

        parents = parent_comparisons(parent, report, rules, as_of=as_of)
    if out_dir is not None:
        from dancoso_compare.errors import OutputFolderError
        from dancoso_compare.report import ReportTargetError, render_plain, summary_table, write_report

        try:
            written = write_report(report, out_dir, lang=lang.value, documents=documents, parents=parents or None)
        except ReportTargetError as exc:  # a user's choice of folder, not a bug: exit code 2
            raise OutputFolderError(out_dir, str(exc)) from None
        err.print(render_plain(summary_table(report, lang.value)), end="")
        err.print(f"Báo cáo: {written['html']}" if lang is Lang.vi else f"Report: {written['html']}")
    if format is StreamFormat.json:
        _echo(report.model_dump_json(indent=2))
    elif format is StreamFormat.jsonl:
        from dancoso_compare.report.serialize import ReportStream, encode_item

        stream = ReportStream(sys.stdout.write, report.model_copy(update={"documents": [], "errors": []}),
                              "documents", "jsonl")
        for doc in report.documents:
            stream.add(encode_item(doc, "jsonl"))
        stream.close(report.errors)
    elif out_dir is None:
        _echo(_audit_text(report, lang.value))
    if parents:
        from dancoso_compare.report import family_text
        from dancoso_compare.report.text import family_warnings

        for comparison in parents.values():
            _echo(family_text(comparison, lang.value, report.rules))
            for warning in family_warnings(comparison, lang.value):  # the documents may not belong together
                err.print(f"{_warning_word(lang.value)}: {warning}", markup=False)
    _report_errors(report.errors, lang.value)
    raise typer.Exit(2 if report.errors else 0)


def _register(db: str | None):  # noqa: ANN202
    """The review register at ``db`` for the run (a no-op context without one)."""
    if not db:
        return _nothing()
    from dancoso_compare.register.store import open_register

    return open_register(db)


def _audit_to_folder(paths: list[Path], rules: Path | None, out_dir: Path, lang: Lang, *,
                     jobs: int | None, as_of: date | None, register=None) -> None:  # noqa: ANN001
    """``audit --out``: the report folder written as the documents are audited (flat memory)."""
    from dancoso_compare.measures.rulepack import load_pack
    from dancoso_compare.models import RulesRef
    from dancoso_compare.report import render_plain, summary_table
    from dancoso_compare.report.writer import ReportTargetError, ReportWriter

    from dancoso_compare.errors import OutputFolderError

    pack = load_pack(rules)
    try:  # checked before any file is audited
        writer = ReportWriter(out_dir, RulesRef.of(pack), lang=lang.value)
    except ReportTargetError as exc:  # a user's choice of folder, not a bug: exit code 2
        raise OutputFolderError(out_dir, str(exc)) from None
    with writer:
        report, _ = _run_audit(paths, rules, jobs=jobs, outline=True, as_of=as_of, on_audit=writer.add,
                               register=register, lang=lang.value)
        written = writer.close(report.errors)
    err.print(render_plain(summary_table(writer.summary_report(report.errors), lang.value)), end="")
    err.print(f"Báo cáo: {written['html']}" if lang is Lang.vi else f"Report: {written['html']}")
    _report_errors(report.errors, lang.value)
    raise typer.Exit(2 if report.errors else 0)


def _audit_text(report, lang: str) -> str:  # noqa: ANN001
    from dancoso_compare.report import render_plain, summary_table
    from dancoso_compare.report.outline import document_table
    from dancoso_compare.report.text import errors_lines

    from dancoso_compare.report.reviews import review_lines

    parts = [render_plain(summary_table(report, lang))]
    parts += [render_plain(document_table(doc, lang, report.rules)) for doc in report.documents]
    reviews = review_lines(report, lang)
    if reviews:
        parts.append("\n".join(reviews))
    parts += errors_lines(report.errors, lang)
    return "\n".join(parts)


# --------------------------------------------------------------------------- check


@app.command(help=(
    "Check drafts in CI: exit 0 when clean, 1 when a required measure is missing or partial or a finding "
    "is at or above --fail-on, 2 on input error.\n\nExample: dancoso check draft.docx --format github"
))
def check(
    paths: Paths,
    format: Annotated[CheckFormat, typer.Option("--format", help="text, json, github (annotations) or sarif (2.1.0).")] = CheckFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest finding severity that fails the check.")] = FailOn.error,
    rules: RulesOpt = None,
    lang: LangOpt = Lang.vi,
    as_of: AsOfOpt = None,
    jobs: JobsOpt = None,
) -> None:
    from dancoso_compare.report import check_exit_code, to_github, to_sarif

    report, _ = _run_audit(paths, rules, jobs=jobs, as_of=as_of, lang=lang.value)
    if format is CheckFormat.github:
        _echo(to_github(report, lang.value))
    elif format is CheckFormat.sarif:
        _echo(json.dumps(to_sarif(report, lang.value), ensure_ascii=False, indent=2))
    elif format is CheckFormat.json:
        _echo(report.model_dump_json(indent=2))
    else:
        _echo(_audit_text(report, lang.value))
    _report_errors(report.errors, lang.value)
    raise typer.Exit(2 if report.errors else check_exit_code(report, fail_on.value))


# --------------------------------------------------------------------------- diff


@app.command(help=(
    "What changed between two versions (draft -> adopted): measures, and clauses aligned by meaning.\n\n"
    "Examples:\n\n  dancoso diff draft.docx adopted.pdf\n\n  dancoso diff corpus/xa-muong-kim-2025.txt#0 corpus/xa-muong-kim-2025.txt#1"
))
def diff(
    old: Annotated[str, typer.Argument(help="Old version: FILE or FILE#INDEX.")],
    new: Annotated[str, typer.Argument(help="New version: FILE or FILE#INDEX.")],
    format: Annotated[TextOrJson, typer.Option("--format", help="text or json.")] = TextOrJson.text,
    rules: RulesOpt = None,
    lang: LangOpt = Lang.vi,
) -> None:
    from dancoso_compare.api import Auditor, pick_audit
    from dancoso_compare.report.diff import diff_documents
    from dancoso_compare.models import RulesRef
    from dancoso_compare.report import diff_text

    auditor = Auditor.from_path(rules, lint=False)
    old_doc, old_audit = pick_audit(old, auditor)
    new_doc, new_audit = pick_audit(new, auditor)
    result = diff_documents(old_doc, old_audit, new_doc, new_audit)
    from dancoso_compare.report.text import diff_warnings

    for warning in diff_warnings(result, lang.value):  # two versions of different localities
        err.print(f"{_warning_word(lang.value)}: {warning}", markup=False)
    _echo(result.model_dump_json(indent=2) if format is TextOrJson.json
          else diff_text(result, lang.value, rules=RulesRef.of(auditor.pack)))


# --------------------------------------------------------------------------- explain


@app.command(help=(
    "Show why each item got its measures: main act, supporting points, mentions set aside, score on its scale, "
    "and every matched phrase in its line (Vietnamese; --lang en for English).\n\n"
    "Example: dancoso explain corpus/tinh-son-la-2024.txt"
))
def explain(paths: Paths, rules: RulesOpt = None, lang: LangOpt = Lang.vi) -> None:
    from dancoso_compare.api import Auditor, parse_paths
    from dancoso_compare.report.explain import explain as dump

    auditor = Auditor.from_path(rules)
    parsed = parse_paths(paths)
    for parsed_file in parsed.files:
        _echo(dump(parsed_file, auditor.audit_file(parsed_file), lang=lang.value, threshold=auditor.pack.scoring.assign))
    _report_errors(parsed.errors, lang.value)
    raise typer.Exit(2 if parsed.errors else 0)


# --------------------------------------------------------------------------- eval


@app.command(name="eval", help=(
    "Score the pipeline against gold annotations and/or generalization cases: per-measure precision and recall of "
    "items and of 'missing', the confusion between measures, and leave-one-seed-out figures.\n\n"
    "Example: dancoso eval --gold tests/data/gold --cases tests/data/generalization/cases.yaml --loso"))
def eval_(
    gold: Annotated[Optional[Path], typer.Option("--gold", help="Folder of gold YAML files.")] = None,
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Folder of the annotated files (default: GOLD/../seeds).")] = None,
    cases: Annotated[Optional[Path], typer.Option("--cases", help="Generalization cases (YAML, see tests/data/generalization).")] = None,
    loso: Annotated[bool, typer.Option("--loso", help="Also tune the threshold on all gold files but one and score that one.")] = False,
    rules: RulesOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    from dancoso_compare.evaluate import confusion_table, eval_table, evaluate, evaluate_cases, folds_table, leave_one_seed_out, load_cases

    if gold is None and cases is None:
        raise InputError(Path("."), "give --gold FOLDER and/or --cases FILE",
                         detail_vi="hãy cho --gold THƯ_MỤC và/hoặc --cases TỆP")
    if gold is not None and not gold.is_dir():
        raise InputError(gold, "not a folder of gold files", detail_vi="không phải thư mục chứa các tệp đáp án")
    if cases is not None and not cases.is_file():
        raise InputError(cases, "no such cases file", detail_vi="không có tệp tình huống này")
    results = ([evaluate(gold, seeds, rules)] if gold is not None else []) + (
        [evaluate_cases(load_cases(cases), rules)] if cases is not None else [])
    folds = leave_one_seed_out(gold, seeds, rules) if loso and gold is not None else []
    if format is TextOrJson.json:
        payload = {"results": [dict(r.model_dump(), accuracy=r.accuracy) for r in results],
                   "leave_one_seed_out": [f.model_dump() for f in folds]}
        if len(results) == 1 and not folds:
            payload = dict(results[0].model_dump(), accuracy=results[0].accuracy)  # the single-result shape, as before
        _echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for result in results:
        out.print(eval_table(result))
        out.print(confusion_table(result))
        for line in result.mismatches:
            out.print(f"  mismatch: {line}")
    if folds:
        out.print(folds_table(folds))


# --------------------------------------------------------------------------- rules


_RULES_CHECK = {
    "ok": {"vi": "Hợp lệ", "en": "OK"},
    "columns": {"vi": ("Biện pháp", "Căn cứ", "Thành phần", "Cụm từ nhận biết", "Ví dụ"),
                "en": ("measure", "citation", "elements", "cues", "examples")},
    "extra": {"vi": "Chủ đề ngoài các biện pháp", "en": "Extra topics"},
    "not_measures": {"vi": "Không phải biện pháp", "en": "Not measures"},
    "provenance": {"vi": "Nguồn gốc", "en": "Provenance"},
    "unsourced": {"vi": "{n} cụm từ chưa có nguồn", "en": "{n} phrase(s) without a known source"},
    "sourced": {"vi": "mọi cụm từ đều có nguồn ({n} nguồn)", "en": "every phrase has a source ({n} sources)"},
    "version": {"vi": "phiên bản", "en": "v"},
}


@rules_app.command("check", help="Validate a rule pack and print its contents.\n\nExample: dancoso rules check rules/dieu8.yaml")
def rules_check(pack: Annotated[Optional[Path], typer.Argument(help="Pack YAML (default: the Điều 8 pack).")] = None,
                lang: LangOpt = Lang.vi) -> None:
    from rich.table import Table

    from dancoso_compare.measures.rulepack import load_pack

    L = lambda key: _RULES_CHECK[key][lang.value]  # noqa: E731
    loaded = load_pack(pack)
    version = f"{L('version')} {loaded.version}" if lang is Lang.vi else f"v{loaded.version}"
    out.print(f"{L('ok')}  {loaded.id} {version}: {loaded.title}")
    table = Table(*L("columns"))
    for m in loaded.measures:
        table.add_row(f"{m.id} {m.name}", m.citation, "\n".join(f"{e.id}: {e.name}" for e in m.elements),
                      str(sum(len(e.strong) + len(e.weak) for e in m.elements)), str(len(m.examples)))
    out.print(table)
    out.print(f"{L('extra')}: " + "; ".join(t.name for t in loaded.extra_topics))
    out.print(f"{L('not_measures')}: " + "; ".join(t.name for t in loaded.non_measure))
    unsourced = loaded.unsourced()
    out.print(f"{L('provenance')}: " + (L("unsourced").format(n=len(unsourced)) if unsourced
                                         else L("sourced").format(n=len(loaded.sources))), markup=False)
    for problem in unsourced[:20]:  # the pack's own keys and phrases, for its author
        out.print(f"  - {problem}", markup=False)


@rules_app.command("list", help="List every drafting check with its id, severity and legal source.\n\nExample: dancoso rules list")
def rules_list(rules: RulesOpt = None) -> None:
    from dancoso_compare.checks import checks_table
    from dancoso_compare.measures.rulepack import load_pack

    out.print(checks_table(load_pack(rules)))


# --------------------------------------------------------------------------- review register and web app

review_app = typer.Typer(help="Record and list reviewers' decisions in the review register.", no_args_is_help=True)
app.add_typer(review_app, name="review")

DbOpt = Annotated[Optional[str], typer.Option(
    "--db", envvar="DANCOSO_DB", show_envvar=True,
    help="Review register: sqlite:///FILE, postgresql://USER@HOST/DB or a file path (default: a SQLite file in the "
    "user data folder).")]
NoteOpt = Annotated[str, typer.Option("--note", help="Why (required).")]
ByOpt = Annotated[Optional[str], typer.Option("--by", help="Reviewer's name.")]
FileSpec = Annotated[str, typer.Argument(help="FILE (its Nghị quyết, else its first document) or FILE#INDEX.")]


class ReviewStatus(str, Enum):
    present = "present"
    partial = "partial"
    missing = "missing"


@review_app.command("set", help=(
    "Confirm or correct the tool's status for one measure of a document.\n\n"
    "Example: dancoso review set xa.txt M2 --status partial --note 'Thiếu nội dung phổ biến pháp luật' --by 'Lan'"
))
def review_set(file: FileSpec, measure: Annotated[str, typer.Argument(help="Measure id, e.g. M2.")],
               status: Annotated[ReviewStatus, typer.Option("--status", help="present, partial or missing.")],
               note: NoteOpt, by: ByOpt = None, db: DbOpt = None, rules: RulesOpt = None,
               lang: LangOpt = Lang.vi) -> None:
    from dancoso_compare.register.workflow import review_measure
    from dancoso_compare.report.reviews import stored_line

    text_hash, at = review_measure(file, measure, status.value, note, by, db, rules)
    _echo(stored_line(measure, status.value, text_hash, at, lang.value))


@review_app.command("finding", help=(
    "Accept or reject the findings of one rule in a document.\n\n"
    "Example: dancoso review finding xa.txt DC-NUM-001 --reject --note 'Đánh số đúng theo bản gốc'"
))
def review_finding_cmd(file: FileSpec, rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. DC-NUM-001.")],
                       note: NoteOpt,
                       accept: Annotated[bool, typer.Option("--accept/--reject", help="Accept or reject the finding.")],
                       by: ByOpt = None, db: DbOpt = None, lang: LangOpt = Lang.vi) -> None:
    from dancoso_compare.register.workflow import review_finding
    from dancoso_compare.report.reviews import stored_line

    verdict = "accepted" if accept else "rejected"
    text_hash, at = review_finding(file, rule_id, verdict, note, by, db)
    _echo(stored_line(rule_id, verdict, text_hash, at, lang.value))


@review_app.command("list", help="List the reviews in force.\n\nExample: dancoso review list --locality 'An Phú'")
def review_list(locality: Annotated[Optional[str], typer.Option("--locality", help="Only this locality (part of its name).")] = None,
                db: DbOpt = None, format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
                lang: LangOpt = Lang.vi) -> None:
    from dataclasses import asdict

    from dancoso_compare.register.workflow import list_reviews, reviews_table

    entries = list_reviews(db, locality)
    if format is TextOrJson.json:
        _echo(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
    else:
        out.print(reviews_table(entries, lang.value))


@app.command(help=(
    "Start the local web application (upload, matrix, documents, reviews, report download).\n\n"
    "Example: dancoso serve --port 8000"
))
def serve(db: DbOpt = None,
          port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
          host: Annotated[str, typer.Option("--host", help="Address to bind (default: this computer only).")] = "127.0.0.1",
          max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", help="Largest upload accepted.")] = 20,
          rules: RulesOpt = None) -> None:
    from dancoso_compare.web import serve as run_server

    run_server(db, host=host, port=port, max_upload=max_upload_mb * 1024 * 1024, rules=rules)


def _version(value: bool) -> None:
    if value:
        _echo(f"dancoso_compare {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False) -> None:
    """Audit Vietnamese local resolutions on grassroots democracy."""


def _argv_lang(args: list[str]) -> str:
    """The ``--lang`` of the command line (read before click parses it, for the errors click raises): vi unless en."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value is not None:
            return "en" if value == "en" else "vi"
    return "vi"


def _param_hint(exc) -> str:  # noqa: ANN001 - a BadParameter / MissingParameter
    if exc.param_hint:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
    return exc.param.get_error_hint() if exc.param is not None else ""


def usage_error_vi(exc) -> str | None:  # noqa: ANN001 - typer's (vendored click's) UsageError
    """A usage error in Vietnamese (None: show typer's own, e.g. the help of a bare command group)."""
    import re

    from typer._click import exceptions as usage

    if isinstance(exc, usage.NoArgsIsHelpError):
        return None
    if isinstance(exc, usage.NoSuchOption):
        maybe = f"; có phải ý bạn là {', '.join(exc.possibilities)}?" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}{maybe}"
    if isinstance(exc, usage.MissingParameter):
        kind = "đối số" if getattr(exc.param, "param_type_name", "") == "argument" else "tùy chọn"
        return f"thiếu {kind} {_param_hint(exc)}"
    if isinstance(exc, usage.BadParameter):
        hint = _param_hint(exc)
        if getattr(exc, "message_vi", None):
            return f"giá trị không hợp lệ cho {hint}: {exc.message_vi}"
        described = getattr(exc.param, "type_descriptor", None)
        annotation = getattr(described, "annotation", None)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return f"giá trị không hợp lệ cho {hint}; hãy chọn một trong: {', '.join(str(m.value) for m in annotation)}"
        if annotation in (int, float):
            low = f", nhỏ nhất là {exc.param.min}" if getattr(exc.param, "min", None) is not None else ""
            high = f", lớn nhất là {exc.param.max}" if getattr(exc.param, "max", None) is not None else ""
            return f"giá trị không hợp lệ cho {hint}; cần một số{' nguyên' if annotation is int else ''}{low}{high}"
        return f"giá trị không hợp lệ cho {hint}\n  chi tiết: {exc.message}"
    command = re.match(r"No such command '(.+?)'\.", exc.message)
    if command:
        return f"không có lệnh '{command.group(1)}'"
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.+)\)", exc.message)
    if extra:
        return f"thừa đối số: {extra.group(1)}"
    return f"dòng lệnh không đúng cách dùng\n  chi tiết: {exc.message}"


def _usage_error(exc, lang: str) -> None:  # noqa: ANN001 - click.UsageError
    text = usage_error_vi(exc) if lang == "vi" else None
    if text is None:
        exc.show()
        return
    command = exc.ctx.command_path if exc.ctx is not None else "dancoso"
    err.print(f"lỗi: {text}", markup=False)
    err.print(f"Xem cách dùng: {command} --help", markup=False)


def main(args: list[str] | None = None) -> None:
    """Entry point, never a traceback: a mistyped command or option gets a usage message and exit code 2
    (in Vietnamese unless ``--lang en``; then click's own); a typed error (bad input, bad rule pack) one
    message on stderr and exit code 2; anything else is a bug in this program: one line asking to report
    it, exit code 3."""
    from typer._click import exceptions as usage

    args = sys.argv[1:] if args is None else list(args)
    lang = _argv_lang(args)
    try:
        code = app(args=args, prog_name="dancoso", standalone_mode=False)  # typer.Exit -> its exit code
    except usage.UsageError as exc:
        _usage_error(exc, lang)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("Đã dừng." if lang == "vi" else "Aborted.", markup=False)
        sys.exit(1)
    except usage.ClickException as exc:  # e.g. a file option click could not open
        if lang == "vi":
            err.print(f"lỗi: không thực hiện được yêu cầu\n  chi tiết: {exc.format_message()}", markup=False)
        else:
            exc.show()
        sys.exit(exc.exit_code)
    except DancosoError as exc:
        from dancoso_compare.errors import message

        err.print(f"{_error_word(lang)}: {message(exc, lang)}", markup=False)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        if lang == "vi":
            err.print(f"lỗi nội bộ của chương trình. Xin hãy báo lỗi này kèm tệp đầu vào.\n"
                      f"  chi tiết kỹ thuật: {type(exc).__name__}: {exc}", markup=False)
        else:
            err.print(f"internal error: {type(exc).__name__}: {exc}. Please report it with the input file.",
                      markup=False)
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
