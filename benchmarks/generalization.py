"""Generalization benchmark for the measure decisions (issue 9).

    . .venv/bin/activate
    python benchmarks/generalization.py              # tables (rich) on stdout
    python benchmarks/generalization.py --json out.json
    python benchmarks/generalization.py --markdown   # the README block

Three figures, all deterministic (no timing here: speed is bench.py's job):

1. The generalization cases of ``tests/data/generalization/cases.yaml``: units
   written from the wording of Luật 10/2022/QH15 Điều 8 and of NĐ 61/2023
   (never from the seeds), flat item lists without headings, neutral and
   reworded headings, and a passing mention of every measure inside every
   other measure (as a sentence inside a point, as a point of its own, inside
   a flat item); plus hand-written cases from the issue. Per measure: precision
   and recall of the items and of ``missing``; the confusion between measures.
2. The seeds' gold files (``tests/data/gold``): the same figures.
3. Leave one seed out: the pack's one free threshold (``scoring.assign``) tuned
   on four gold files and scored on the fifth.

The same figures are printed by ``dancoso eval --gold tests/data/gold --cases
tests/data/generalization/cases.yaml --loso``; the tests assert them
(tests/measures/test_decisions.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dancoso_compare.evaluate import (  # noqa: E402
    EvalResult, confusion_table, eval_table, evaluate, evaluate_cases, folds_table, leave_one_seed_out, load_cases)

CASES = REPO / "tests" / "data" / "generalization" / "cases.yaml"
GOLD = REPO / "tests" / "data" / "gold"


def _markdown(result: EvalResult) -> str:
    rows = ["| class | precision | recall | tp | fp | fn |", "|---|--:|--:|--:|--:|--:|"]
    for scores in [*result.items, *result.missing_by_measure]:
        label = f"item = {scores.label}" if scores in result.items else f"{scores.label} `missing`"
        empty = not (scores.tp + scores.fp + scores.fn)
        p, r = ("–", "–") if empty else (f"{scores.precision:.3f}", f"{scores.recall:.3f}")
        rows.append(f"| {label} | {p} | {r} | {scores.tp} | {scores.fp} | {scores.fn} |")
    return (f"**{result.title}**: coverage accuracy {result.accuracy:.3f} "
            f"({result.correct_decisions}/{result.decisions})\n\n" + "\n".join(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--rules", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write every figure as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the README block instead of tables")
    args = parser.parse_args(argv)

    cases = evaluate_cases(load_cases(args.cases), args.rules)
    gold = evaluate(args.gold, None, args.rules)
    folds = leave_one_seed_out(args.gold, None, args.rules)
    if args.json:
        args.json.write_text(json.dumps({
            "cases": dict(cases.model_dump(), accuracy=cases.accuracy),
            "gold": dict(gold.model_dump(), accuracy=gold.accuracy),
            "leave_one_seed_out": [f.model_dump() for f in folds]}, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.markdown:
        print(_markdown(cases) + "\n\n" + _markdown(gold))
        print("\n| held out | assign | held-out accuracy | items |\n|---|--:|--:|--:|")
        for fold in folds:
            print(f"| {fold.held_out} | {fold.assign:.2f} | {fold.accuracy:.3f} | {fold.items_correct}/{fold.items} |")
        return 0
    from rich.console import Console

    console = Console(width=140)
    for result in (cases, gold):
        console.print(eval_table(result))
        console.print(confusion_table(result))
        for line in result.mismatches:
            console.print(f"  mismatch: {line}")
    console.print(folds_table(folds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
