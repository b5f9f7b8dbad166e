"""``dancoso``: a thin command line over the Python API.

Exit codes: 0 success; 1 ``check`` found problems; 2 an input file (or rule
pack) could not be used — the other files are still processed and reported.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .errors import DancosoError, InputError

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

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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


Paths = Annotated[list[Path], typer.Argument(help="Files (.txt, .md, .docx, .pdf) or folders (searched recursively).")]
RulesOpt = Annotated[Optional[Path], typer.Option("--rules", help="Rule pack YAML (default: Điều 8 of Luật 10/2022/QH15).")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Report language: vi (default) or en.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=0, help="Worker processes (default: all cores when the batch is large enough; 1 = none).")]


def _report_errors(errors) -> None:  # noqa: ANN001
    for record in errors:
        err.print(f"[bold red]error:[/] {record.error}", markup=True)


def _progress():  # noqa: ANN202
    """A progress bar on stderr when it is a terminal; a no-op callback otherwise."""
    if not err.is_terminal:
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err, transient=True)
    task = progress.add_task("Đang xử lý", total=None)

    def callback(path: Path, n: int, total: int) -> None:
        progress.update(task, total=total, completed=n - 1, description=f"Đang xử lý {path.name}")

    return progress, callback


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
) -> None:
    from .batch import Task, run

    if format is StreamFormat.text:
        from .api import parse_paths
        from .outline import outline

        report = parse_paths(paths, jobs=jobs)
        _echo(outline(report))
        errors = report.errors
    else:
        from .batch import ReportStream
        from .models import ParseReport

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
    _report_errors(errors)
    raise typer.Exit(2 if errors else 0)


# --------------------------------------------------------------------------- audit


def _run_audit(paths: list[Path], rules: Path | None, *, jobs: int | None = None, outline: bool = False,
               stream_format: str | None = None):  # noqa: ANN202
    """Audit every file (in a worker pool when it pays); returns the report and the outline documents.

    With ``stream_format`` (json or jsonl) each document is written to stdout as
    soon as it is audited and the report keeps no documents: memory stays flat.
    """
    from .batch import ReportStream, Task, run
    from .models import AuditReport, RulesRef
    from .rulepack import load_pack

    pack = load_pack(rules)  # a bad pack stops here, before any worker starts
    rules_ref = RulesRef(id=pack.id, version=pack.version)
    stream = None
    if stream_format is not None:
        stream = ReportStream(sys.stdout.write, AuditReport(rules=rules_ref, documents=[]), "documents",
                              stream_format)  # type: ignore[arg-type]
    task = Task("audit", str(rules) if rules else None, encode=stream.encoding if stream else None,
                keep=stream is None, outline=outline)
    report = AuditReport(rules=rules_ref, documents=[])
    documents: dict = {}
    progress, callback = _progress()
    with progress if progress else _nothing():
        for result in run(paths, task, jobs=jobs, on_file=callback):
            if result.error is not None:
                report.errors.append(result.error)
            report.documents.extend(result.audits)
            documents.update(result.documents)
            if stream is not None:
                for item in result.encoded:
                    stream.add(item)
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
    jobs: JobsOpt = None,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Run on a Dask cluster at this address (tcp://host:8786); needs the [dask] extra.")] = None,
) -> None:
    if scheduler is not None:
        from .dask import run_on_cluster

        report, documents = run_on_cluster(paths, rules, scheduler, outline=out_dir is not None)
    elif format is not StreamFormat.text and out_dir is None and parent is None:
        report, documents = _run_audit(paths, rules, jobs=jobs, stream_format=format.value)
        _report_errors(report.errors)
        raise typer.Exit(2 if report.errors else 0)
    else:
        report, documents = _run_audit(paths, rules, jobs=jobs, outline=out_dir is not None)
    parents = {}
    if parent is not None:
        from .batch import Task, _auditor

        parents = _parent_comparisons(parent, report, _auditor(Task("audit", str(rules) if rules else None)))
    if out_dir is not None:
        from .report import render_plain, summary_table, write_report

        written = write_report(report, out_dir, lang=lang.value, documents=documents, parents=parents or None)
        err.print(render_plain(summary_table(report, lang.value)), end="")
        err.print(f"Báo cáo: {written['html']}" if lang is Lang.vi else f"Report: {written['html']}")
    if format is StreamFormat.json:
        _echo(report.model_dump_json(indent=2))
    elif format is StreamFormat.jsonl:
        from .batch import ReportStream, encode_item

        stream = ReportStream(sys.stdout.write, report.model_copy(update={"documents": [], "errors": []}),
                              "documents", "jsonl")
        for doc in report.documents:
            stream.add(encode_item(doc, "jsonl"))
        stream.close(report.errors)
    elif out_dir is None:
        _echo(_audit_text(report, lang.value))
    if parents:
        from .report import family_text

        for comparison in parents.values():
            _echo(family_text(comparison, lang.value, report.rules.id))
    _report_errors(report.errors)
    raise typer.Exit(2 if report.errors else 0)


def _audit_text(report, lang: str) -> str:  # noqa: ANN001
    from .report import render_plain, summary_table
    from .outline import document_table

    parts = [render_plain(summary_table(report, lang))]
    parts += [render_plain(document_table(doc, lang)) for doc in report.documents]
    return "\n".join(parts)


def _parent_comparisons(parent: Path, report, auditor) -> dict:  # noqa: ANN001
    from .api import read
    from .family import compare_with_parent

    parent_file = read(parent)
    parent_audits = auditor.audit_file(parent_file)
    chosen = next((a for a in parent_audits if a.kind == "nghi_quyet"), parent_audits[0] if parent_audits else None)
    if chosen is None:
        raise InputError(parent, "no document found in the parent file")
    return {f"{d.source}#{d.index}": compare_with_parent(chosen, d) for d in report.documents}


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
    jobs: JobsOpt = None,
) -> None:
    from .report import check_exit_code, to_github, to_sarif

    report, _ = _run_audit(paths, rules, jobs=jobs)
    if format is CheckFormat.github:
        _echo(to_github(report, lang.value))
    elif format is CheckFormat.sarif:
        _echo(json.dumps(to_sarif(report, lang.value), ensure_ascii=False, indent=2))
    elif format is CheckFormat.json:
        _echo(report.model_dump_json(indent=2))
    else:
        _echo(_audit_text(report, lang.value))
    _report_errors(report.errors)
    raise typer.Exit(2 if report.errors else check_exit_code(report, fail_on.value))


# --------------------------------------------------------------------------- diff


def _pick(spec: str, auditor):  # noqa: ANN001, ANN202
    """'file.txt' (its Nghị quyết, else its first document) or 'file.txt#1' (the document at that index)."""
    from .api import read

    path, _, index = spec.partition("#")
    parsed = read(path)
    if not parsed.documents:
        raise InputError(path, "no document found")
    audits = auditor.audit_file(parsed)
    if index:
        i = int(index)
        if not 0 <= i < len(parsed.documents):
            raise InputError(path, f"document index {i} out of range (file has {len(parsed.documents)})")
    else:
        i = next((n for n, d in enumerate(parsed.documents) if d.kind == "nghi_quyet"), 0)
    return parsed.documents[i], audits[i]


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
    from .api import Auditor
    from .diff import diff_documents
    from .report import diff_text

    auditor = Auditor.from_path(rules, lint=False)
    old_doc, old_audit = _pick(old, auditor)
    new_doc, new_audit = _pick(new, auditor)
    result = diff_documents(old_doc, old_audit, new_doc, new_audit)
    _echo(result.model_dump_json(indent=2) if format is TextOrJson.json else diff_text(result, lang.value, rules_id=auditor.pack.id))


# --------------------------------------------------------------------------- explain


@app.command(help=(
    "Show how each item was mapped: scores, method, and every matched phrase in its line.\n\n"
    "Example: dancoso explain corpus/tinh-son-la-2024.txt"
))
def explain(paths: Paths, rules: RulesOpt = None) -> None:
    from .api import Auditor, parse_paths
    from .explain import explain as dump

    auditor = Auditor.from_path(rules)
    parsed = parse_paths(paths)
    for parsed_file in parsed.files:
        _echo(dump(parsed_file, auditor.audit_file(parsed_file)))
    _report_errors(parsed.errors)
    raise typer.Exit(2 if parsed.errors else 0)


# --------------------------------------------------------------------------- eval


@app.command(name="eval", help="Score the pipeline against gold annotations.\n\nExample: dancoso eval --gold tests/data/gold")
def eval_(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold YAML files.")],
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Folder of the annotated files (default: GOLD/../seeds).")] = None,
    rules: RulesOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    from .evaluate import eval_table, evaluate

    if not gold.is_dir():
        raise InputError(gold, "not a folder of gold files")
    result = evaluate(gold, seeds, rules)
    if format is TextOrJson.json:
        payload = result.model_dump()
        payload["accuracy"] = result.accuracy
        _echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    out.print(eval_table(result))
    for line in result.mismatches:
        out.print(f"  mismatch: {line}")


# --------------------------------------------------------------------------- rules


@rules_app.command("check", help="Validate a rule pack and print its contents.\n\nExample: dancoso rules check rules/dieu8.yaml")
def rules_check(pack: Annotated[Optional[Path], typer.Argument(help="Pack YAML (default: the Điều 8 pack).")] = None) -> None:
    from rich.table import Table

    from .rulepack import load_pack

    loaded = load_pack(pack)
    out.print(f"OK  {loaded.id} v{loaded.version}: {loaded.title}")
    table = Table("measure", "citation", "elements", "cues", "examples")
    for m in loaded.measures:
        table.add_row(f"{m.id} {m.name}", m.citation, "\n".join(f"{e.id}: {e.name}" for e in m.elements),
                      str(sum(len(e.strong) + len(e.weak) for e in m.elements)), str(len(m.examples)))
    out.print(table)
    out.print("Extra topics: " + "; ".join(t.name for t in loaded.extra_topics))
    out.print("Not measures: " + "; ".join(t.name for t in loaded.non_measure))


@rules_app.command("list", help="List every drafting check with its id, severity and legal source.\n\nExample: dancoso rules list")
def rules_list() -> None:
    from .checks import checks_table

    out.print(checks_table())


def _version(value: bool) -> None:
    if value:
        _echo(f"dancoso_compare {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False) -> None:
    """Audit Vietnamese local resolutions on grassroots democracy."""


def main() -> None:
    """Entry point: typed errors become one line on stderr and exit code 2, never a traceback."""
    try:
        code = app(standalone_mode=False)  # click returns the exit code instead of raising
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except DancosoError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except (typer.BadParameter, typer.Abort) as exc:  # pragma: no cover - click formats these itself
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(2)
        err.print(f"internal error: {type(exc).__name__}: {exc}. Please report it with the input file.", markup=False)
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
