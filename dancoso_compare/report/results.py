"""``AuditResult``: an audit report made convenient for Python and Jupyter users.

It wraps the JSON contract (``AuditReport``) without adding to it: tables for
pandas, a heatmap for matplotlib, an HTML matrix for notebooks, and shortcuts
to the report writers. Parsed documents are optional (they add the outline to
the HTML report).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from dancoso_compare.models import AuditReport, Document, DocumentAudit, Evidence, ParseReport
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import doc_key, measure_ids

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from rich.table import Table

    from dancoso_compare.report.family import FamilyComparison

STATUS_VALUE = {"missing": 0, "partial": 1, "present": 2}
STATUS_COLOR = {"missing": "#cf222e", "partial": "#d4a72c", "present": "#2da44e"}
_HTML_BG = {"missing": "#ffebe9", "partial": "#fff1c2", "present": "#dafbe1"}
_HTML_FG = {"missing": "#a40e26", "partial": "#7d4e00", "present": "#116329"}

FRAME_COLUMNS = ["source", "index", "kind", "draft", "number", "date", "locality", "unit", "level", "year",
                 "measure", "status", "evidence_count", "best_score", "n_extras", "n_findings"]
EVIDENCE_COLUMNS = ["measure", "status", "id", "location", "line", "score", "method", "elements", "matched", "text"]
_YEAR = re.compile(r"^(\d{4})")


class AuditResult:
    """The audit of a batch: ``.report`` (the JSON contract) plus tables and plots."""

    def __init__(self, report: AuditReport,
                 documents: Mapping[str, Document] | Sequence[Document] | None = None,
                 *, parsed: ParseReport | None = None, lang: str = "vi") -> None:
        """``documents``: parsed documents keyed ``source#index`` (or a list aligned with
        ``report.documents``); ``parsed``: the ParseReport the audit was made from (same use)."""
        from dancoso_compare.report.html import documents_by_key

        self.report = report
        self.parse_report = parsed
        if documents is None and parsed is not None:
            documents = documents_from_parse(parsed)
        self.parsed_documents: dict[str, Document] = documents_by_key(report, documents)
        self.lang = i18n.check_lang(lang)

    # -- access ------------------------------------------------------------

    @property
    def documents(self) -> list[DocumentAudit]:
        return self.report.documents

    @property
    def errors(self):
        return self.report.errors

    def __len__(self) -> int:
        return len(self.report.documents)

    def __iter__(self) -> Iterator[DocumentAudit]:
        return iter(self.report.documents)

    def __repr__(self) -> str:
        return (f"<AuditResult {len(self)} documents, {len(self.report.errors)} input errors, "
                f"rules {self.report.rules.id} {self.report.rules.version}>")

    def document(self, which: int | str) -> DocumentAudit:
        """By position in the batch, by ``source#index``, or by source path (its first document)."""
        if isinstance(which, bool) or not isinstance(which, (int, str)):
            raise TypeError("give a position (int), 'source#index' or a source path")
        if isinstance(which, int):
            return self.report.documents[which]
        for doc in self.report.documents:
            if doc_key(doc) == which:
                return doc
        for doc in self.report.documents:
            if doc.source == which or Path(doc.source).name == which:
                return doc
        raise KeyError(f"no document {which!r} in this audit")

    def parsed_document(self, which: int | str) -> Document | None:
        return self.parsed_documents.get(doc_key(self.document(which)))

    # -- tables ------------------------------------------------------------

    def to_frame(self) -> pd.DataFrame:
        """Long table: one row per document x measure."""
        measures = measure_ids(self.report.documents, self.report.rules)
        rows = [row for doc in self.report.documents for row in frame_rows(doc, measures)]
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        frame["year"] = frame["year"].astype("Int64")
        frame["best_score"] = frame["best_score"].astype("float64")
        return frame

    def matrix(self) -> pd.DataFrame:
        """Wide table: one row per document (labelled), one column per measure, values = status."""
        measures = measure_ids(self.report.documents, self.report.rules)
        data = [[doc.coverage[m].status if m in doc.coverage else None for m in measures]
                for doc in self.report.documents]
        frame = pd.DataFrame(data, index=pd.Index(self.labels(), name=i18n.t("document", self.lang)),
                             columns=pd.Index(measures, name=i18n.t("measure", self.lang)))
        return frame

    def labels(self) -> list[str]:
        """A unique, readable label per document, in batch order."""
        labels = [i18n.doc_label(doc, self.lang) for doc in self.report.documents]
        seen: dict[str, int] = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
        return [label if seen[label] == 1 else f"{label} [{Path(doc.source).name}#{doc.index}]"
                for label, doc in zip(labels, self.report.documents, strict=True)]

    def evidence(self, which: int | str, measure: str | None = None) -> pd.DataFrame:
        """The located quotes behind one document's measures (all measures when ``measure`` is None)."""
        doc = self.document(which)
        measures = [measure] if measure else measure_ids([doc], self.report.rules)
        rows = []
        for m in measures:
            cov = doc.coverage.get(m)
            if cov is None:
                if measure:
                    raise KeyError(f"measure {m!r} not assessed in {doc_key(doc)}")
                continue
            for ev in sorted(cov.evidence, key=lambda e: (-e.score, e.line)):
                rows.append(_evidence_row(m, cov.status, ev, self.lang))
        return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)

    def findings(self) -> pd.DataFrame:
        """One row per drafting finding, message in the result's language."""
        rows = [{"source": doc.source, "index": doc.index, "severity": f.severity, "rule": f.rule,
                 "message": i18n.finding_message(f, self.lang), "line": f.line, "node_id": f.node_id,
                 "legal_source": f.legal_source} for doc in self.report.documents for f in doc.findings]
        frame = pd.DataFrame(rows, columns=["source", "index", "severity", "rule", "message", "line", "node_id",
                                            "legal_source"])
        frame["line"] = frame["line"].astype("Int64")
        return frame

    # -- display -----------------------------------------------------------

    def _repr_html_(self) -> str:
        measures = measure_ids(self.report.documents, self.report.rules)
        pack = i18n.PackLabels(self.report.rules)
        head = "".join(f'<th title="{html.escape(pack.name(m, self.lang))}">{html.escape(m)}</th>'
                       for m in measures)
        rows = []
        for label, doc in zip(self.labels(), self.report.documents, strict=True):
            cells = []
            for m in measures:
                cov = doc.coverage.get(m)
                status = cov.status if cov else None
                style = (f"background:{_HTML_BG[status]};color:{_HTML_FG[status]};" if status else "") + \
                    "text-align:center;font-weight:bold"
                cells.append(f'<td style="{style}" title="{html.escape(i18n.status_label(status, self.lang))}">'
                             f"{i18n.status_symbol(status)}</td>")
            rows.append(f"<tr><th style=\"text-align:left\">{html.escape(label)}</th>{''.join(cells)}"
                        f"<td>{len(doc.extras)}</td><td>{len(doc.findings)}</td></tr>")
        legend = " · ".join(f"{i18n.status_symbol(s)} {html.escape(i18n.status_label(s, self.lang))}"
                            for s in ("present", "partial", "missing"))
        caption = html.escape(f"{len(self)} {i18n.t('documents', self.lang).lower()} · "
                              f"{self.report.rules.id} {self.report.rules.version}")
        return (f'<table class="dancoso-matrix"><caption>{caption} — {legend}</caption>'
                f"<thead><tr><th>{html.escape(i18n.t('document', self.lang))}</th>{head}"
                f"<th>{html.escape(i18n.t('extras', self.lang))}</th>"
                f"<th>{html.escape(i18n.t('findings', self.lang))}</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    def plot(self, ax: Axes | None = None, *, annotate: bool = True) -> Axes:
        """Heatmap of the matrix (present=2, partial=1, missing=0); returns the Axes."""
        import numpy as np
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch

        matrix = self.matrix()
        values = matrix.apply(lambda col: col.map(STATUS_VALUE)).astype("float64").to_numpy()
        if ax is None:
            import matplotlib.pyplot as plt

            height = 1.6 + 0.42 * max(len(matrix), 1)
            _, ax = plt.subplots(figsize=(2.4 + 0.9 * len(matrix.columns) + 0.06 * _longest(matrix.index), height))
        cmap = ListedColormap([STATUS_COLOR["missing"], STATUS_COLOR["partial"], STATUS_COLOR["present"]]
                              ).with_extremes(bad="#e6e6e6")  # grey: measure not assessed
        ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=-0.5, vmax=2.5, aspect="auto",
                  interpolation="nearest")
        ax.set_xticks(range(len(matrix.columns)), labels=list(matrix.columns))
        ax.set_yticks(range(len(matrix.index)), labels=list(matrix.index))
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(-0.5, len(matrix.columns), 1), minor=True)
        ax.set_yticks(np.arange(-0.5, len(matrix.index), 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if annotate:
            # Symbols as well as colours, for colour-blind readers and greyscale prints.
            for (r, c), status in np.ndenumerate(matrix.to_numpy(dtype=object)):
                if status in STATUS_VALUE:
                    ax.text(c, r, i18n.status_symbol(status), ha="center", va="center", color="white",
                            fontsize=11, fontweight="bold")
        handles = [Patch(color=STATUS_COLOR[s], label=f"{i18n.status_symbol(s)} {i18n.status_label(s, self.lang)}")
                   for s in ("present", "partial", "missing")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.set_title(i18n.t("matrix", self.lang), loc="left", pad=24)
        return ax

    def summary(self) -> Table:
        from dancoso_compare.report.text import summary_table

        return summary_table(self.report, self.lang)

    # -- outputs -----------------------------------------------------------

    def write(self, out_dir: str | Path, *, lang: str | None = None,
              parents: Mapping[str, FamilyComparison] | None = None,
              generated_at: str | None = None) -> dict[str, Path]:
        from dancoso_compare.report.writer import write_report

        return write_report(self.report, out_dir, lang=lang or self.lang, documents=self.parsed_documents or None,
                            parents=parents, generated_at=generated_at)

    def exit_code(self, fail_on: str = "error") -> int:
        from dancoso_compare.report.ci import check_exit_code

        return check_exit_code(self.report, fail_on)

    def to_json(self) -> str:
        return self.report.model_dump_json(indent=2)


def documents_from_parse(parsed: ParseReport) -> dict[str, Document]:
    """``{source#index: Document}``: the audit numbers each file's documents in order."""
    return {f"{file.source}#{index}": doc for file in parsed.files for index, doc in enumerate(file.documents)}


def frame_rows(doc: DocumentAudit, measures: list[str]) -> list[dict[str, Any]]:
    """The rows of ``to_frame()`` for one document (also the rows of ``dancoso_compare.dask.audit_bag``)."""
    base = _doc_columns(doc)
    rows = []
    for m in measures:
        cov = doc.coverage.get(m)
        scores = [ev.score for ev in cov.evidence] if cov else []
        rows.append({**base, "measure": m, "status": cov.status if cov else None,
                     "evidence_count": len(cov.evidence) if cov else 0,
                     "best_score": max(scores) if scores else float("nan"),
                     "n_extras": len(doc.extras), "n_findings": len(doc.findings)})
    return rows


def frame_dtypes() -> dict[str, Any]:
    """Column dtypes of ``to_frame()`` (text columns: pandas' default string dtype)."""
    text = pd.Series(["x"]).dtype
    return {"source": text, "index": "int64", "kind": text, "draft": "bool", "number": text,
            "date": text, "locality": text, "unit": text, "level": text, "year": "Int64",
            "measure": text, "status": text, "evidence_count": "int64", "best_score": "float64",
            "n_extras": "int64", "n_findings": "int64"}


def _doc_columns(doc: DocumentAudit) -> dict[str, Any]:
    year = None
    for value in (doc.date, doc.adopted):
        if value and (m := _YEAR.match(value)):
            year = int(m[1])
            break
    return {
        "source": doc.source, "index": doc.index, "kind": doc.kind, "draft": doc.draft, "number": doc.number,
        "date": doc.date, "locality": doc.locality.name if doc.locality else None,
        "unit": doc.locality.unit if doc.locality else None, "level": doc.locality.level if doc.locality else None,
        "year": year,
    }


def _evidence_row(measure: str, status: str, ev: Evidence, lang: str) -> dict[str, Any]:
    return {"measure": measure, "status": status, "id": ev.id,
            "location": i18n.location_label(ev.article, ev.clause, ev.point, lang) or None,
            "line": ev.line, "score": ev.score, "method": ev.method, "elements": ", ".join(ev.elements),
            "matched": ", ".join(ev.matched), "text": ev.text}


def _longest(index: pd.Index) -> int:
    return max((len(str(label)) for label in index), default=10)
