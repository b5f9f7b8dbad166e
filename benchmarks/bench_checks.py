"""Checks-only timing: how long the drafting checks take on a generated corpus.

    . .venv/bin/activate
    python benchmarks/bench_checks.py --docs 300          # cold process: imports + first table loads
    python benchmarks/bench_checks.py --docs 300 --json out.json

The corpus is the one ``bench.py`` generates (same generator and seed). Each
file is parsed first (not timed); the checks then run on every document with
the other documents of its file as ``related``, as ``dancoso audit`` does. The
output gives the checks' time, the parse time for comparison, and the checks'
share of parse + checks. Times are wall-clock in one process; not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import generate_corpus, load_seeds  # noqa: E402


def _lint():  # noqa: ANN202
    from dancoso_compare.checks import lint_document

    return lint_document


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="minimum number of documents (300)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", dest="out", help="also write the results as JSON")
    parser.add_argument("--dump", help="write every finding (JSON lines) to compare two versions")
    args = parser.parse_args(argv)

    corpus = generate_corpus(load_seeds(), args.docs, args.seed)
    from dancoso_compare.parse import parse_text

    t = time.perf_counter()
    parsed = [parse_text(text, source) for source, text in corpus.texts]
    parse_s = time.perf_counter() - t

    t = time.perf_counter()
    lint_document = _lint()
    import_s = time.perf_counter() - t
    passes = []
    findings = 0
    dump: list[str] = []
    for _ in range(2):  # first pass pays lazy loads (rule files, unit table); second is warm
        t = time.perf_counter()
        findings = 0
        for result in parsed:
            for doc in result.documents:
                found = lint_document(doc, related=result.documents)
                findings += len(found)
                if not passes:  # the first pass only
                    dump += [f"{result.source}\t{f.model_dump_json()}" for f in found]
        passes.append(time.perf_counter() - t)
    documents = sum(len(r.documents) for r in parsed)
    results = {
        "files": len(parsed),
        "documents": documents,
        "findings": findings,
        "parse_s": round(parse_s, 3),
        "checks_import_s": round(import_s, 3),
        "checks_first_pass_s": round(passes[0], 3),
        "checks_warm_pass_s": round(passes[1], 3),
        "checks_warm_ms_per_document": round(1000 * passes[1] / documents, 3),
        "checks_share_of_parse_plus_checks": round(passes[0] / (parse_s + passes[0]), 3),
    }
    print(json.dumps(results, indent=2))
    if args.dump:
        Path(args.dump).write_text("\n".join(dump) + "\n", encoding="utf-8")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
