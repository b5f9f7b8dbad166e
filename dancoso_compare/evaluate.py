"""Score the pipeline against gold files (the ``shared/gold`` YAML format).

Per document: the coverage decision of each measure (accuracy; precision and
recall of "missing"). Per numbered item: which measure it implements
(precision, recall, F1 per measure, extras as their own class).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml
from pydantic import BaseModel

from .api import Auditor
from .parse import parse_text


class ClassScores(BaseModel):
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class EvalResult(BaseModel):
    documents: int
    decisions: int
    correct_decisions: int
    missing: ClassScores
    items: list[ClassScores]
    mismatches: list[str]

    @property
    def accuracy(self) -> float:
        return self.correct_decisions / self.decisions if self.decisions else 1.0


def _item_key(row: dict) -> tuple:
    return (row.get("article"), row.get("clause"))


def evaluate(gold_dir: str | Path, seeds_dir: str | Path | None = None, rules: str | Path | None = None) -> EvalResult:
    gold_dir = Path(gold_dir)
    seeds = Path(seeds_dir) if seeds_dir else gold_dir.parent / "seeds"
    auditor = Auditor.from_path(rules, lint=False)
    measures = auditor.pack.measure_ids
    decisions = correct = 0
    missing = Counter()
    items: dict[str, Counter] = {label: Counter() for label in [*measures, "extra"]}
    mismatches: list[str] = []
    n_docs = 0
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (seeds / gold["file"]).read_text(encoding="utf-8")
        audits = auditor.audit_file(parse_text(text, gold["file"]))
        for index, expected in enumerate(gold.get("documents", [])):
            n_docs += 1
            audit = audits[index] if index < len(audits) else None
            for measure, status in expected.get("coverage", {}).items():
                got = audit.coverage[measure].status if audit and measure in audit.coverage else "missing"
                decisions += 1
                correct += got == status
                if got != status:
                    mismatches.append(f"{gold['file']}#{index} {measure}: expected {status}, got {got}")
                missing["tp"] += got == "missing" and status == "missing"
                missing["fp"] += got == "missing" and status != "missing"
                missing["fn"] += got != "missing" and status == "missing"
            predicted: dict[tuple, set[str]] = {}
            for row in audit.mapping if audit else []:
                predicted[(row.article, row.clause)] = set(row.measures) or {"extra"}
            expected_items: dict[tuple, set[str]] = {}
            for row in expected.get("measures", []):
                expected_items.setdefault(_item_key(row), set()).add(row["measure"])
            for key in sorted(set(predicted) | set(expected_items), key=str):
                got_set = predicted.get(key, set())
                want_set = expected_items.get(key, set())
                if key not in expected_items:
                    continue  # an item the gold does not annotate (e.g. a stray attachment list) is not scored
                for label in items:
                    items[label]["tp"] += label in got_set and label in want_set
                    items[label]["fp"] += label in got_set and label not in want_set
                    items[label]["fn"] += label not in got_set and label in want_set
                if got_set != want_set:
                    mismatches.append(f"{gold['file']}#{index} item {key}: expected {sorted(want_set)}, got {sorted(got_set)}")
    return EvalResult(
        documents=n_docs, decisions=decisions, correct_decisions=correct,
        missing=ClassScores(label="missing", **{k: missing[k] for k in ("tp", "fp", "fn")}),
        items=[ClassScores(label=label, **{k: c[k] for k in ("tp", "fp", "fn")}) for label, c in items.items()],
        mismatches=mismatches,
    )


def eval_table(result: EvalResult):  # noqa: ANN201
    from rich.table import Table

    table = Table(title=f"Gold evaluation: {result.documents} documents, coverage accuracy "
                        f"{result.accuracy:.3f} ({result.correct_decisions}/{result.decisions})")
    for column in ("class", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column != "class" else "left")
    for scores in [*result.items, result.missing]:
        label = scores.label if scores.label != "missing" else "coverage = missing"
        table.add_row(label, f"{scores.precision:.3f}", f"{scores.recall:.3f}", f"{scores.f1:.3f}",
                      str(scores.tp), str(scores.fp), str(scores.fn))
    return table
