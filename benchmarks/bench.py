"""Throughput benchmark for dancoso_compare: parse + audit over a generated corpus.

    . .venv/bin/activate
    python benchmarks/bench.py --quick                 # ~1 minute smoke run
    python benchmarks/bench.py                         # 3000 documents, several minutes
    python benchmarks/bench.py --docs 5000 --json out.json

What it does (see benchmarks/README.md for how to read the numbers):

1. Generates a deterministic corpus from the five seeds in ``corpus/*.txt``:
   each variant reorders / drops / re-heads the measure clauses, renames the
   locality and shifts the document's own dates.
2. Times parse alone and parse + audit in three cache states: cold (new
   process, empty disk cache), warm in-process (same Auditor again) and warm
   from disk (new process, disk cache filled by the cold run).
3. Times ``underthesea.word_tokenize`` alone on the same text as a reference.
4. Times the single-document CLI as a subprocess, cold and warm.

Every timed condition runs in a fresh interpreter (this file re-invoked with
``--worker``) so "cold" really pays for imports and model loading, and "warm
from disk" cannot profit from anything the cold run left in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "corpus"
CLI_DOCUMENT = "corpus/tinh-son-la-2024.txt"  # relative: the CLI is run from the repo root
MB = 1_000_000  # decimal megabytes, stated in the output

# --------------------------------------------------------------------------
# Variation material
# --------------------------------------------------------------------------

# Paraphrased measure headings, deliberately *not* copied from rules/dieu8.yaml:
# a heading that matches the pack verbatim would only exercise the easy path.
PARAPHRASES: dict[str, list[str]] = {
    "M1": [
        "Đào tạo, bồi dưỡng, tập huấn nâng cao trình độ cho đội ngũ làm công tác dân chủ ở cơ sở",
        "Nâng cao năng lực, nghiệp vụ cho cán bộ được giao nhiệm vụ thực hiện dân chủ ở cơ sở",
        "Công tác đào tạo, bồi dưỡng cán bộ, công chức về thực hiện dân chủ ở cơ sở",
    ],
    "M2": [
        "Đẩy mạnh tuyên truyền, phổ biến pháp luật về dân chủ ở cơ sở",
        "Công tác thông tin, truyền thông về thực hiện dân chủ ở cơ sở",
        "Tuyên truyền, nâng cao nhận thức của Nhân dân về thực hiện dân chủ ở cơ sở",
    ],
    "M3": [
        "Đề cao trách nhiệm của người đứng đầu và vai trò nêu gương của cán bộ, đảng viên",
        "Trách nhiệm của cơ quan, đơn vị, tổ chức và người đứng đầu trong bảo đảm dân chủ ở cơ sở",
        "Phát huy vai trò nêu gương của cán bộ lãnh đạo, quản lý trong thực hiện dân chủ ở cơ sở",
    ],
    "M4": [
        "Biểu dương, khen thưởng và xử lý vi phạm trong thực hiện dân chủ ở cơ sở",
        "Thi đua, khen thưởng, kỷ luật về thực hiện dân chủ ở cơ sở",
        "Khen thưởng kịp thời, xử lý nghiêm vi phạm pháp luật về dân chủ ở cơ sở",
    ],
    "M5": [
        "Ứng dụng công nghệ thông tin và chuyển đổi số phục vụ thực hiện dân chủ ở cơ sở",
        "Đầu tư trang thiết bị, ứng dụng khoa học - kỹ thuật trong thực hiện dân chủ ở cơ sở",
        "Đẩy mạnh chuyển đổi số, xây dựng chính quyền số gắn với thực hiện dân chủ ở cơ sở",
    ],
}

# Which measure a seed heading is about, by keyword; first match wins. The M3
# phrases are narrow on purpose: "tinh thần trách nhiệm" in the Thăng Bình
# inspection heading is not M3. A heading that matches none (Ban Thanh tra
# nhân dân, kiểm tra, giám sát) is never re-headed.
MEASURE_KEYWORDS = [
    ("M5", "công nghệ thông tin"),
    ("M1", "bồi dưỡng"),
    ("M4", "khen thưởng"),
    ("M2", "tuyên truyền"),
    ("M3", "nâng cao trách nhiệm"),
    ("M3", "trách nhiệm của người đứng đầu"),
]

# Real unit names, grouped by the unit word the seed prints, so a variant
# never says "tỉnh <commune>".
LOCALITIES: dict[str, list[str]] = {
    "tỉnh": ["Lào Cai", "Tuyên Quang", "Điện Biên", "Lai Châu", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh",
             "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Khánh Hòa",
             "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cao Bằng", "Bắc Ninh",
             "Hưng Yên", "Ninh Bình", "Sơn La", "Cà Mau"],
    "thành phố": ["Thái Nguyên", "Hội An", "Tam Kỳ", "Bắc Giang", "Hòa Bình", "Lào Cai", "Điện Biên Phủ",
                  "Vĩnh Yên", "Phủ Lý", "Thanh Hóa", "Vinh", "Đông Hà", "Quy Nhơn", "Tuy Hòa", "Bảo Lộc",
                  "Việt Trì"],
    "huyện": ["Duy Xuyên", "Quế Sơn", "Núi Thành", "Tam Nông", "Thanh Sơn", "Lâm Thao", "Mộc Châu", "Yên Châu",
              "Thới Bình", "Trần Văn Thời", "Mường La", "Sìn Hồ", "Tân Uyên", "Bảo Yên", "Thăng Bình"],
    "xã": ["Mường Khoa", "Tà Hừa", "Pha Mu", "Nậm Cần", "Bản Bo", "Khun Há", "Mường Than", "Phúc Than", "Tà Mít",
           "Hua Nà", "Nậm Sỏ", "Pắc Ta", "Trung Đồng", "Bình Lư", "Sơn Bình", "Tả Phìn", "Mường Kim"],
}

# "ngày 17 tháng 4 năm 2024" (whitespace may be a hard wrap) and "04/11/2025".
DATE_WORDS = re.compile(r"(ngày\s+)(\d{1,2})(\s+tháng\s+)(\d{1,2})(\s+năm\s+)(\d{4})", re.IGNORECASE)
DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
# Only the document's own dates move: earlier years are the cited laws and
# decrees, whose dates are facts a variant should not falsify.
OWN_DATE_MIN_YEAR = 2024

CLAUSE_LABEL = re.compile(r"^([#*_\s]*)(\d+)(\.)\s*")
TRAILING_MARKUP = re.compile(r"[*_\s]*$")


# --------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------


@dataclass
class Clause:
    """One measure clause of a seed, as text plus the offsets a variant edits."""

    chunk: str  # the clause with all its points: seed[full_span]
    number: tuple[int, int]  # the label's digits within chunk
    heading: tuple[int, int]  # the heading text within chunk (after the label, before trailing markup)
    measure: str | None  # M1..M5 when the heading is recognisably about one


@dataclass
class Group:
    """A run of sibling clauses that are the measures (a khoản list under one Điều)."""

    start: int
    end: int
    clauses: list[Clause]
    separators: list[str]  # seed text between consecutive clauses


@dataclass
class Seed:
    name: str
    text: str
    documents: int
    groups: list[Group]
    localities: list[tuple[str, str]]  # (name, unit word) as printed


@dataclass
class Corpus:
    texts: list[tuple[str, str]] = field(default_factory=list)  # (source label, text)
    documents: int = 0
    ops: dict[str, int] = field(default_factory=dict)

    @property
    def bytes(self) -> int:
        return sum(len(text.encode("utf-8")) for _, text in self.texts)


def _measure_of(heading: str) -> str | None:
    lowered = heading.lower()
    return next((m for m, word in MEASURE_KEYWORDS if word in lowered), None)


def find_groups(document, text: str) -> list[Group]:  # noqa: ANN001
    """Measure clause groups of one parsed document.

    A group is a maximal run of consecutive clause siblings of which at least
    three have lettered points: that is what a list of measures looks like in
    every seed, while "Tổ chức thực hiện" or "Mục tiêu" clauses have no points.
    """
    containers = [document.body] + [node.children for node in document.walk()]
    groups = []
    for children in containers:
        run: list = []
        for node in children + [None]:  # None flushes the last run
            if node is not None and node.kind == "clause":
                run.append(node)
                continue
            with_points = [c for c in run if sum(ch.kind == "point" for ch in c.children) >= 2]
            if len(with_points) >= 3:
                groups.append(_group(run, text))
            run = []
    return groups


def _group(nodes: list, text: str) -> Group:
    clauses = []
    for node in nodes:
        start, end = node.full_span
        chunk = text[start:end]
        label = CLAUSE_LABEL.match(chunk)
        if label is None:
            raise ValueError(f"clause {node.id} does not start with a number: {chunk[:40]!r}")
        own_end = node.span[1] - start
        heading_end = own_end - len(TRAILING_MARKUP.search(chunk[:own_end]).group())
        clauses.append(Clause(chunk, label.span(2), (label.end(), heading_end), _measure_of(node.title or "")))
    separators = [text[a.full_span[1]:b.full_span[0]] for a, b in zip(nodes, nodes[1:])]
    return Group(nodes[0].full_span[0], nodes[-1].full_span[1], clauses, separators)


def load_seeds() -> list[Seed]:
    from dancoso_compare.parse import parse_text

    seeds = []
    for path in sorted(SEED_DIR.glob("*.txt")):  # glob, not rglob: reference/ is the law, not a seed
        text = path.read_text(encoding="utf-8")
        parsed = parse_text(text, str(path))
        groups = [g for doc in parsed.documents for g in find_groups(doc, text)]
        localities = sorted({(d.locality.name, d.locality.unit) for d in parsed.documents if d.locality})
        seeds.append(Seed(path.name, text, len(parsed.documents), groups, localities))
    return seeds


def _vary_group(group: Group, rng: random.Random, ops: set[str], counts: dict[str, int]) -> str:
    order = list(range(len(group.clauses)))
    if "shuffle" in ops and len(order) > 1:
        original = order[:]
        while order == original:  # a shuffle that changes nothing would not be a variant
            rng.shuffle(order)
        counts["shuffle"] += 1
    if "drop" in ops and len(order) > 3:  # keep enough measures for the group to stay a measure list
        order.pop(rng.randrange(len(order)))
        counts["drop"] += 1
    chunks = [group.clauses[i].chunk for i in order]
    if "paraphrase" in ops:
        candidates = [k for k, i in enumerate(order) if group.clauses[i].measure]
        if candidates:
            k = rng.choice(candidates)
            clause = group.clauses[order[k]]
            start, end = clause.heading
            stop = clause.chunk[end - 1] if clause.chunk[end - 1] in ".:;" else ""  # the seed's own style
            new = rng.choice(PARAPHRASES[clause.measure]) + stop
            chunks[k] = clause.chunk[:start] + new + clause.chunk[end:]
            counts["paraphrase"] += 1
    # Renumber after reordering so the labels read 1., 2., ... again: a gap or
    # an out-of-order label would send the parser down its anomaly path.
    first = int(group.clauses[0].chunk[slice(*group.clauses[0].number)])
    for k, i in enumerate(order):
        a, b = group.clauses[i].number  # label offsets are unchanged by a heading swap
        chunks[k] = chunks[k][:a] + str(first + k) + chunks[k][b:]
    out = chunks[0]
    for sep, chunk in zip(group.separators, chunks[1:]):
        out += sep + chunk
    return out


def _rename_locality(text: str, seed: Seed, rng: random.Random) -> str:
    for name, unit in seed.localities:
        choices = [n for n in LOCALITIES.get(unit, []) if n != name]
        if not choices:
            continue
        new = rng.choice(choices)
        for old, repl in ((name, new), (name.upper(), new.upper())):
            text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", repl, text)
    return text


def _shift_dates(text: str, days: int) -> str:
    def shifted(day: str, month: str, year: str) -> tuple[str, str, str] | None:
        if int(year) < OWN_DATE_MIN_YEAR:
            return None
        try:
            new = dt.date(int(year), int(month), int(day)) + dt.timedelta(days=days)
        except ValueError:  # a misprinted date in a seed stays as printed
            return None
        return _pad(day, new.day), _pad(month, new.month), str(new.year)

    def words(m: re.Match) -> str:
        new = shifted(m[2], m[4], m[6])
        return m[0] if new is None else f"{m[1]}{new[0]}{m[3]}{new[1]}{m[5]}{new[2]}"

    def slash(m: re.Match) -> str:
        new = shifted(m[1], m[2], m[3])
        return m[0] if new is None else "/".join(new)

    return DATE_SLASH.sub(slash, DATE_WORDS.sub(words, text))


def _pad(old: str, value: int) -> str:
    """Keep the seed's zero-padding style ("06 tháng 4" vs "6 tháng 4")."""
    return f"{value:02d}" if len(old) == 2 else str(value)


OPS = ("shuffle", "drop", "paraphrase", "locality", "dates")


def make_variant(seed: Seed, rng: random.Random, counts: dict[str, int]) -> str:
    # Each operation independently, at least one: variants differ from their
    # seed and from each other in several directions at once.
    ops = {op for op in OPS if rng.random() < 0.5} or {rng.choice(OPS)}
    text = seed.text
    for group in sorted(seed.groups, key=lambda g: g.start, reverse=True):  # back to front: offsets stay valid
        text = text[:group.start] + _vary_group(group, rng, ops, counts) + text[group.end:]
    if "locality" in ops:
        text = _rename_locality(text, seed, rng)
        counts["locality"] += 1
    if "dates" in ops:
        text = _shift_dates(text, rng.choice([d for d in range(-120, 121) if d]))
        counts["dates"] += 1
    return text


def generate_corpus(seeds: list[Seed], min_documents: int, seed: int) -> Corpus:
    """The seeds unchanged, then variants round-robin over the seeds until ``min_documents``."""
    rng = random.Random(seed)
    corpus = Corpus(ops={op: 0 for op in OPS})
    for s in seeds:
        corpus.texts.append((s.name, s.text))
        corpus.documents += s.documents
    n = 0
    while corpus.documents < min_documents:
        s = seeds[n % len(seeds)]
        corpus.texts.append((f"{s.name}#{n}", make_variant(s, rng, corpus.ops)))
        corpus.documents += s.documents
        n += 1
    return corpus


def validate_sample(corpus: Corpus, seeds: list[Seed], sample: int, seed: int) -> int:
    """Re-parse a fixed sample of variants: same documents, measure groups intact and numbered."""
    from dancoso_compare.parse import parse_text

    by_name = {s.name: s for s in seeds}
    indices = list(range(len(corpus.texts)))
    if len(indices) > sample:
        indices = sorted(random.Random(seed).sample(indices, sample))
    for i in indices:
        source, text = corpus.texts[i]
        s = by_name[source.split("#")[0]]
        parsed = parse_text(text, source)
        groups = [g for doc in parsed.documents for g in find_groups(doc, text)]
        numbers = [[int(c.chunk[slice(*c.number)]) for c in g.clauses] for g in groups]
        problem = (f"{len(parsed.documents)} documents, seed has {s.documents}" if len(parsed.documents) != s.documents
                   else f"{len(groups)} measure groups, seed has {len(s.groups)}" if len(groups) != len(s.groups)
                   else next((f"labels {n}" for n in numbers if n != list(range(n[0], n[0] + len(n)))), None))
        if problem:
            raise SystemExit(f"generator bug, {source}: {problem}")
    return len(indices)


# --------------------------------------------------------------------------
# Workers: each timed condition in its own interpreter
# --------------------------------------------------------------------------


def _load_corpus(path: str) -> list[tuple[str, str]]:
    return [tuple(item) for item in json.loads(Path(path).read_text(encoding="utf-8"))]


def worker_parse(corpus: list[tuple[str, str]]) -> dict:
    t = time.perf_counter()
    from dancoso_compare.parse import parse_text

    import_s = time.perf_counter() - t
    documents = []
    start, cpu = time.perf_counter(), time.process_time()
    for source, text in corpus:
        documents.append(len(parse_text(text, source).documents))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"import_s": import_s, "elapsed_s": elapsed, "cpu_s": cpu, "documents": sum(documents),
            "per_text": documents}


def _pipeline_pass(auditor, parse_text, corpus: list[tuple[str, str]]) -> dict:  # noqa: ANN001
    before = dict(auditor.analyzer.stats)
    parse_s = audit_s = 0.0
    documents = 0
    start, cpu = time.perf_counter(), time.process_time()
    for source, text in corpus:
        t0 = time.perf_counter()
        parsed = parse_text(text, source)
        t1 = time.perf_counter()
        auditor.audit_file(parsed)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        audit_s += t2 - t1
        documents += len(parsed.documents)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    stats = {k: auditor.analyzer.stats[k] - before.get(k, 0) for k in auditor.analyzer.stats}
    return {"elapsed_s": elapsed, "cpu_s": cpu, "parse_s": parse_s, "audit_s": audit_s, "documents": documents,
            "stats": stats}


def worker_pipeline(corpus: list[tuple[str, str]], passes: int) -> dict:
    t = time.perf_counter()
    from dancoso_compare.api import Auditor
    from dancoso_compare.parse import parse_text

    import_s = time.perf_counter() - t
    t = time.perf_counter()
    # The whole pipeline, drafting checks included: what `dancoso audit` runs.
    auditor = Auditor.from_path(None, lint=True)
    setup_s = time.perf_counter() - t
    # The spaCy pipeline and underthesea's model load lazily on the first
    # analysis that misses every cache, so that cost lands inside the first
    # pass (cold) and not at all when the disk cache answers everything.
    runs = [_pipeline_pass(auditor, parse_text, corpus) for _ in range(passes)]
    return {"import_s": import_s, "setup_s": setup_s, "passes": runs,
            "nlp_loaded": auditor.analyzer._nlp is not None}


def worker_underthesea(corpus: list[tuple[str, str]], budget_s: float, sample: int, seed: int) -> dict:
    t = time.perf_counter()
    from underthesea import word_tokenize

    word_tokenize("Hội đồng nhân dân tỉnh")  # loads the CRF model: setup, not throughput
    setup_s = time.perf_counter() - t

    def lines_of(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.strip()]

    def run(indices: list[int]) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for i in indices:
            for line in lines_of(corpus[i][1]):
                word_tokenize(line)
        return time.perf_counter() - start, time.process_time() - cpu

    order = list(range(len(corpus)))
    random.Random(seed).shuffle(order)
    # Estimate the full run from a small probe; the probe itself is not reported.
    probe = order[: min(10, len(order))]
    probe_s, _ = run(probe)
    probe_lines = sum(len(lines_of(corpus[i][1])) for i in probe)
    total_lines = sum(len(lines_of(text)) for _, text in corpus)
    estimate_s = probe_s / max(probe_lines, 1) * total_lines
    chosen = list(range(len(corpus))) if estimate_s <= budget_s else sorted(order[:sample])
    elapsed, cpu = run(chosen)
    return {
        "setup_s": setup_s,
        "estimate_all_s": estimate_s,
        "mode": "all" if len(chosen) == len(corpus) else "sample",
        "indices": chosen,
        "texts": len(chosen),
        "lines": sum(len(lines_of(corpus[i][1])) for i in chosen),
        "bytes": sum(len(corpus[i][1].encode("utf-8")) for i in chosen),
        "elapsed_s": elapsed,
        "cpu_s": cpu,
    }


def run_worker(args: argparse.Namespace) -> None:
    corpus = _load_corpus(args.corpus)
    if args.worker == "parse":
        result = worker_parse(corpus)
    elif args.worker == "pipeline":
        result = worker_pipeline(corpus, args.passes)
    elif args.worker == "underthesea":
        result = worker_underthesea(corpus, args.ut_budget, args.ut_sample, args.seed)
    else:
        raise SystemExit(f"unknown worker {args.worker}")
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")


def spawn(kind: str, corpus_path: Path, tmp: Path, cache_dir: Path | None, *extra: str) -> dict:
    result = tmp / f"result-{kind}-{time.monotonic_ns()}.json"
    # Workers that do not use the cache still get a scratch one: never the user's own.
    env = _env(cache_dir or tmp / "scratch-cache")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--corpus", str(corpus_path),
           "--result", str(result), *extra]
    subprocess.run(cmd, env=env, check=True, cwd=REPO)
    return json.loads(result.read_text(encoding="utf-8"))


def _env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DANCOSO_NO_CACHE", None)  # every condition here is about the cache being there
    env["DANCOSO_CACHE_DIR"] = str(cache_dir)
    return env


# --------------------------------------------------------------------------
# Single-document CLI
# --------------------------------------------------------------------------


def cli_command() -> tuple[list[str], str]:
    """``dancoso audit`` when it works, else the API call the brief names as fallback."""
    exe = shutil.which("dancoso", path=str(Path(sys.executable).parent)) or shutil.which("dancoso")
    if exe:
        probe = subprocess.run([exe, "audit", "--help"], capture_output=True, cwd=REPO, timeout=120)
        if probe.returncode == 0:
            return [exe, "audit", CLI_DOCUMENT, "--format", "json"], f"dancoso audit {CLI_DOCUMENT} --format json"
    code = f"from dancoso_compare.api import audit_report; audit_report([{CLI_DOCUMENT!r}])"
    return [sys.executable, "-c", code], f'python -c "{code}" (fallback: `dancoso audit` is not available)'


def time_cli(runs: int, tmp: Path) -> dict:
    cmd, label = cli_command()
    fallback = cmd[0] == sys.executable
    child_cpu = [_children_cpu()]  # cumulative, so consecutive differences are per run

    def once(cache_dir: Path) -> tuple[float, int]:
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=_env(cache_dir), cwd=REPO, capture_output=True)
        elapsed = time.perf_counter() - start
        child_cpu.append(_children_cpu())
        # `dancoso audit` may exit 1 to signal findings (CI use); only a crash is an error.
        if proc.returncode not in ((0,) if fallback else (0, 1)):
            raise RuntimeError(f"{label} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
        return elapsed, proc.returncode

    cold = [once(Path(tempfile.mkdtemp(dir=tmp, prefix="cli-cold-"))) for _ in range(runs)]
    cold_cpu = [b - a for a, b in zip(child_cpu, child_cpu[1:])]
    warm_dir = Path(tempfile.mkdtemp(dir=tmp, prefix="cli-warm-"))
    once(warm_dir)  # fills the cache; not timed
    mark = len(child_cpu) - 1
    warm = [once(warm_dir) for _ in range(runs)]
    warm_cpu = [b - a for a, b in zip(child_cpu[mark:], child_cpu[mark + 1:])]

    def summary(xs: list[tuple[float, int]], cpu: list[float]) -> dict:
        walls = [x for x, _ in xs]
        return {"runs": walls, "min_s": min(walls), "median_s": statistics.median(walls),
                "cpu_runs": cpu, "median_cpu_s": statistics.median(cpu), "exit_codes": sorted({c for _, c in xs})}

    return {"command": label, "fallback": fallback, "cold": summary(cold, cold_cpu), "warm": summary(warm, warm_cpu)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def machine_info() -> dict:
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    git = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=REPO)
    return {
        "nproc": nproc,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": git.stdout.strip() or None,
        "versions": {p: version(p) for p in ("dancoso_compare", "underthesea", "spacy", "rapidfuzz")},
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render(results: dict) -> str:
    """The Markdown block for the README: context line, throughput table, CLI table, notes."""
    m, c, cli = results["machine"], results["corpus"], results["cli"]
    rows = results["rows"]
    ut_docs_s = rows[-1]["docs_per_s"]  # the underthesea row is last
    lines = [
        f"Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']}, Python {m['python']}, {m['platform']}; "
        f"dancoso_compare {m['versions']['dancoso_compare']} (git {m['git']}), "
        f"underthesea {m['versions']['underthesea']}, spaCy {m['versions']['spacy']}; {m['date']}.",
        "",
        f"Corpus: {c['documents']:,} documents in {c['texts']:,} texts ({c['distinct_texts']:,} distinct), "
        f"{c['bytes'] / MB:.1f} MB "
        f"(UTF-8, 1 MB = 10^6 B), generated from {c['seeds']} seeds with `--seed {c['seed']}`.",
        "",
        "| Condition | Documents | MB | Wall (s) | CPU (s) | Docs/s | MB/s "
        "| Analyses computed / memory / disk | Docs/s ÷ underthesea |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        stats = row.get("stats")
        stats_cell = f"{stats['computed']:,} / {stats['memory']:,} / {stats['disk']:,}" if stats else "—"
        lines.append(
            f"| {row['label']} | {row['documents']:,} | {row['bytes'] / MB:.1f} | {row['elapsed_s']:.1f} | "
            f"{row['cpu_s']:.1f} | {row['docs_per_s']:.1f} | {row['bytes'] / MB / row['elapsed_s']:.3f} | "
            f"{stats_cell} | {row['docs_per_s'] / ut_docs_s:.2f}× |")
    command = f"`{cli['command']}`" if not cli["fallback"] else cli["command"]
    lines += [
        "",
        f"Single document, wall time of `subprocess.run` around {command}:",
        "",
        "| CLI, one document | Runs | Min (s) | Median (s) | Median CPU (s) |",
        "|---|--:|--:|--:|--:|",
    ]
    for key, label in (("cold", "cold cache (fresh `DANCOSO_CACHE_DIR` each run)"),
                       ("warm", "warm cache (filled by one untimed run)")):
        r = cli[key]
        lines.append(f"| {label} | {len(r['runs'])} | {r['min_s']:.2f} | {r['median_s']:.2f} | {r['median_cpu_s']:.2f} |")
    lines += ["", "Notes:", ""]
    for row in rows:
        if row.get("audit_s") is not None:
            lines.append(f"- {row['label']}: parse {row['parse_s']:.1f} s + audit {row['audit_s']:.1f} s.")
    ut = results["underthesea"]
    scope = ("every non-empty line of the corpus" if ut["mode"] == "all" else
             f"every non-empty line of a fixed sample of {ut['texts']:,} texts ({ut['documents']:,} documents), "
             f"because all lines were estimated at {ut['estimate_all_s']:.0f} s")
    lines.append(f"- underthesea: `word_tokenize` called on {scope}: {ut['lines']:,} lines.")
    lines.append("- Start-up, not in the throughput: "
                 + "; ".join(f"{k} {v:.2f} s" for k, v in results["startup"].items()) + ".")
    files = results["cache_files"]
    listing = ", ".join(f"`{name}` {size / MB:.2f} MB" for name, size in sorted(files.items())) or "empty"
    lines.append(f"- Disk cache folder after the cold run: {listing}. The warm-from-disk run "
                 f"{'did' if results['warm_from_disk_loaded_nlp'] else 'did not'} load the NLP pipeline.")
    lines.append("- 1-minute load average when each phase started: "
                 + ", ".join(f"{k} {v:.1f}" for k, v in results["load"].items())
                 + " (above 0 means other processes shared the CPUs: compare Wall with CPU).")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# End to end through the CLI over folders: --jobs, peak memory of the whole process tree
# --------------------------------------------------------------------------


def write_folder(corpus: Corpus, folder: Path) -> None:
    folder.mkdir(parents=True)
    for n, (_, text) in enumerate(corpus.texts):
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


def run_tree(cmd: list[str], env: dict[str, str]) -> dict:
    """Run ``cmd`` (stdout discarded) sampling the summed RSS of it and its children every 20 ms."""
    import psutil

    start, cpu0 = time.perf_counter(), _children_cpu()
    errors = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would block the child
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=errors)
    peak = peak_parent = 0
    try:
        root = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
                peak, peak_parent = max(peak, sum(rss)), max(peak_parent, rss[0])
            except psutil.Error:
                pass
            time.sleep(0.02)
    finally:
        proc.wait()
    elapsed = time.perf_counter() - start
    errors.seek(0)
    stderr = errors.read()
    errors.close()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {stderr.decode()[-2000:]}")
    return {"elapsed_s": elapsed, "cpu_s": _children_cpu() - cpu0, "peak_rss_mb": peak / 2**20,
            "peak_parent_rss_mb": peak_parent / 2**20}


def cli_batches(seeds: list[Seed], sizes: list[int], seed: int, tmp: Path) -> dict:
    """``dancoso audit DIR --format jsonl --jobs J``: documents/s cold and warm, --jobs 1 and all cores."""
    exe = shutil.which("dancoso", path=str(Path(sys.executable).parent)) or "dancoso"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    out: dict = {"cores": cores, "runs": [], "reports": []}
    for size in sizes:
        corpus = generate_corpus(seeds, size, seed)
        folder = tmp / f"batch-{size}"
        write_folder(corpus, folder)
        for jobs in sorted({1, cores}):
            cache = tmp / f"batch-cache-{size}-{jobs}"
            for state in ("cold", "warm"):  # cold: empty cache, new process; warm: the cache the cold run filled
                log(f"CLI batch: {corpus.documents} documents, --jobs {jobs}, {state}")
                run = run_tree([exe, "audit", str(folder), "--format", "jsonl", "--jobs", str(jobs)], _env(cache))
                out["runs"].append({"documents": corpus.documents, "files": len(corpus.texts), "bytes": corpus.bytes,
                                    "jobs": jobs, "state": state, "load": os.getloadavg()[0], **run,
                                    "docs_per_s": corpus.documents / run["elapsed_s"]})
        out["reports"].append(report_folder_run(exe, folder, corpus, cores, tmp / f"batch-cache-{size}-{cores}",
                                                tmp / f"report-{size}"))
    one = tmp / "one-cache"
    check = [exe, "check", CLI_DOCUMENT]
    run_tree(check, _env(one))  # fills the cache
    walls = [run_tree(check, _env(one))["elapsed_s"] for _ in range(5)]
    out["check_one_warm_s"] = {"runs": walls, "median_s": statistics.median(walls)}
    return out


def report_folder_run(exe: str | list[str], folder: Path, corpus: Corpus, jobs: int, cache: Path, out_dir: Path) -> dict:
    """``dancoso audit DIR --out OUT --jobs J`` with the cache the jsonl runs filled: the report folder's
    memory (HTML, xlsx and JSON written as the documents arrive) and the size of what it writes."""
    command = [*([exe] if isinstance(exe, str) else exe), "audit", str(folder), "--out", str(out_dir), "--jobs", str(jobs)]
    log(f"CLI report folder: {corpus.documents} documents, --jobs {jobs}, warm")
    run = run_tree(command, _env(cache))
    sizes = {p.name: p.stat().st_size for p in sorted(out_dir.iterdir()) if not p.name.startswith(".")}
    shutil.rmtree(out_dir)
    return {"documents": corpus.documents, "jobs": jobs, "state": "warm", "load": os.getloadavg()[0], **run,
            "docs_per_s": corpus.documents / run["elapsed_s"], "output_bytes": sizes}


def long_text(lines: int = 300_000) -> str:
    """A resolution whose signature block is followed by a long annex of short lines (the quadratic case)."""
    head = (SEED_DIR / "tinh-son-la-2024.txt").read_text(encoding="utf-8")
    return head + "\n" + "\n".join(f"Dòng phụ lục số {n} ghi chú." for n in range(lines)) + "\n"


LONG_TIMEOUT_S = 120


def parse_rates(corpus_texts: list[tuple[str, str]]) -> dict:
    """Parse throughput per core (in-process, one core) and the 300,000-line text (own process, time limit)."""
    from dancoso_compare.parse import parse_text

    parse_text(corpus_texts[0][1], "warm-up")
    start = time.process_time()
    for source, text in corpus_texts:
        parse_text(text, source)
    cpu = time.process_time() - start
    nbytes = sum(len(t.encode("utf-8")) for _, t in corpus_texts)
    code = ("import sys, time; sys.path.insert(0, %r); import bench; from dancoso_compare.parse import parse_text; "
            "t = bench.long_text(); s = time.process_time(); p = parse_text(t, 'long'); "
            "print(time.process_time() - s, len(t.encode()), sum(1 for d in p.documents for _ in d.walk()))"
            % str(Path(__file__).resolve().parent))
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                             timeout=LONG_TIMEOUT_S, check=True).stdout.split()
        long = {"long_cpu_s": float(out[0]), "long_mb": int(out[1]) / MB, "long_nodes": int(out[2])}
    except subprocess.TimeoutExpired:
        long = {"long_cpu_s": None, "long_mb": len(long_text().encode("utf-8")) / MB, "long_nodes": None}
    return {"mb_per_s_per_core": nbytes / MB / cpu, "bytes": nbytes, "cpu_s": cpu, "long_lines": 300_000, **long}


def underthesea_reference(seeds: list[Seed], corpus: Corpus, tmp: Path, args: argparse.Namespace) -> dict:
    """``underthesea.word_tokenize`` alone over every non-empty line of the same corpus (own process, one core):
    the documents/s each CLI row is compared with."""
    corpus_path = tmp / "ut-corpus.json"
    corpus_path.write_text(json.dumps(corpus.texts, ensure_ascii=False), encoding="utf-8")
    log("underthesea word_tokenize alone, one core")
    ut = spawn("underthesea", corpus_path, tmp, None, "--ut-budget", str(args.ut_budget),
               "--ut-sample", str(args.ut_sample), "--seed", str(args.seed))
    per_text = [next(s.documents for s in seeds if s.name == source.split("#")[0]) for source, _ in corpus.texts]
    documents = sum(per_text[i] for i in ut.pop("indices"))
    return {**ut, "documents": documents, "docs_per_s": documents / ut["elapsed_s"]}


def render_batches(batch: dict, rates: dict, ut: dict | None = None) -> str:
    lines = [
        f"End to end through the CLI (`dancoso audit DIR --format jsonl --jobs J`, start-up included; "
        f"{batch['cores']} cores; peak RSS = all processes of the run together):",
        "",
        "| Documents | Files | MB | --jobs | Cache | Wall (s) | CPU (s) | Docs/s | Docs per CPU-s | Peak RSS (MB) "
        "| Parent RSS (MB) | Load |",
        "|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in batch["runs"]:
        lines.append(f"| {r['documents']:,} | {r['files']:,} | {r['bytes'] / MB:.1f} | {r['jobs']} | {r['state']} | "
                     f"{r['elapsed_s']:.2f} | {r['cpu_s']:.2f} | {r['docs_per_s']:.1f} | "
                     f"{r['documents'] / r['cpu_s']:.1f} | {r['peak_rss_mb']:.0f} | "
                     f"{r['peak_parent_rss_mb']:.0f} | {r['load']:.1f} |")
    if ut:
        lines += ["", f"underthesea `word_tokenize` alone over the same text ({ut['lines']:,} lines"
                  + ("" if ut["mode"] == "all" else f" of a fixed sample of {ut['texts']:,} texts")
                  + f", one core, model loaded beforehand): {ut['docs_per_s']:.1f} documents/s. Each run above "
                  "against it (documents/s ÷ underthesea's): "
                  + "; ".join(f"{r['documents']:,} docs --jobs {r['jobs']} {r['state']} {r['docs_per_s'] / ut['docs_per_s']:.1f}×"
                              for r in batch["runs"]) + "."]
    by = {(r["documents"], r["jobs"], r["state"]): r["docs_per_s"] for r in batch["runs"]}
    sizes = sorted({r["documents"] for r in batch["runs"]})
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        ratios = [f"--jobs {j} {s}: {by[(large, j, s)] / by[(small, j, s)]:.2f}" for (d, j, s) in by if d == small]
        lines += ["", f"Growth {small:,} → {large:,} documents (docs/s ratio, 1.00 = linear): " + "; ".join(ratios) + "."]
    if batch.get("reports"):
        lines += ["", "Report folder (`dancoso audit DIR --out OUT --jobs J`, warm cache):", "",
                  "| Documents | --jobs | Wall (s) | CPU (s) | Docs/s | Peak RSS (MB) | Parent RSS (MB) | index.html (MB) "
                  "| audit.xlsx (MB) | audit.json (MB) | Load |",
                  "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for r in batch["reports"]:
            size = r["output_bytes"]
            lines.append(f"| {r['documents']:,} | {r['jobs']} | {r['elapsed_s']:.2f} | {r['cpu_s']:.2f} | "
                         f"{r['docs_per_s']:.1f} | {r['peak_rss_mb']:.0f} | {r['peak_parent_rss_mb']:.0f} | "
                         f"{size.get('index.html', 0) / MB:.1f} | {size.get('audit.xlsx', 0) / MB:.1f} | "
                         f"{size.get('audit.json', 0) / MB:.1f} | {r['load']:.1f} |")
    check = batch["check_one_warm_s"]
    lines += ["", f"`dancoso check {CLI_DOCUMENT}`, warm cache: median {check['median_s']:.2f} s over "
              f"{len(check['runs'])} runs.",
              f"Parse per core: {rates['mb_per_s_per_core']:.2f} MB/s ({rates['bytes'] / MB:.1f} MB, "
              f"{rates['cpu_s']:.2f} s CPU). A {rates['long_mb']:.1f} MB text with {rates['long_lines']:,} short "
              f"lines after the signature: " + (f"{rates['long_cpu_s']:.2f} s CPU, {rates['long_nodes']:,} nodes."
                                                if rates["long_cpu_s"] is not None
                                                else f"did not finish within {LONG_TIMEOUT_S} s.")]
    return "\n".join(lines)


def batch_main(args: argparse.Namespace) -> None:
    results: dict = {"machine": machine_info()}
    seeds = load_seeds()
    with tempfile.TemporaryDirectory(prefix="dancoso-bench-") as tmp_name:
        tmp = Path(tmp_name)
        sizes = [min(600, args.docs), args.docs] if args.docs > 600 else [args.docs]
        results["batch"] = cli_batches(seeds, sizes, args.seed, tmp)
        results["underthesea"] = underthesea_reference(seeds, generate_corpus(seeds, min(args.docs, 600), args.seed),
                                                       tmp, args)
    results["parse"] = parse_rates(generate_corpus(seeds, min(args.docs, 600), args.seed).texts)
    results["markdown"] = render_batches(results["batch"], results["parse"], results["underthesea"])
    print(results["markdown"])
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


def _row(label: str, run: dict, nbytes: int) -> dict:
    return {"label": label, "documents": run["documents"], "bytes": nbytes, "elapsed_s": run["elapsed_s"],
            "cpu_s": run["cpu_s"], "docs_per_s": run["documents"] / run["elapsed_s"], "stats": run.get("stats"),
            "parse_s": run.get("parse_s"), "audit_s": run.get("audit_s")}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000, help="minimum number of documents to generate (3000)")
    parser.add_argument("--quick", action="store_true", help="small run: 40 documents, 15 s underthesea budget")
    parser.add_argument("--json", metavar="OUT", help="also write all results as JSON to OUT")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the corpus generator (0)")
    parser.add_argument("--cli-runs", type=int, default=3, help="timed CLI runs per cache state (3)")
    parser.add_argument("--ut-budget", type=float, default=60.0,
                        help="seconds underthesea may take over the whole corpus before a fixed sample is used (60)")
    parser.add_argument("--ut-sample", type=int, default=300, help="texts in that fixed sample (300)")
    parser.add_argument("--validate", type=int, default=150, help="variants re-parsed to check the generator (150)")
    parser.add_argument("--batch", action="store_true",
                        help="only the end-to-end CLI runs over folders (600 and --docs documents, --jobs 1 and all "
                             "cores, cold and warm, peak RSS), parse MB/s per core and the 300,000-line text")
    # Internal: this file re-invoked as a worker in a fresh interpreter.
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return run_worker(args)
    if args.batch:
        return batch_main(args)
    if args.quick:
        args.docs = min(args.docs, 40)
        args.ut_budget = min(args.ut_budget, 15.0)
        args.ut_sample = min(args.ut_sample, 20)

    results: dict = {"config": {k: v for k, v in vars(args).items() if k not in ("worker", "corpus", "result", "passes")}}
    results["machine"] = machine_info()
    with tempfile.TemporaryDirectory(prefix="dancoso-bench-") as tmp_name:
        tmp = Path(tmp_name)
        log(f"generating a corpus of >= {args.docs} documents")
        seeds = load_seeds()
        corpus = generate_corpus(seeds, args.docs, args.seed)
        checked = validate_sample(corpus, seeds, args.validate, args.seed)
        nbytes = corpus.bytes
        distinct = len({text for _, text in corpus.texts})  # a variant can repeat one: the cache then hits
        results["corpus"] = {"seed": args.seed, "seeds": len(seeds), "texts": len(corpus.texts),
                             "distinct_texts": distinct, "documents": corpus.documents, "bytes": nbytes,
                             "variant_ops": corpus.ops, "validated_variants": checked}
        log(f"corpus: {corpus.documents} documents, {len(corpus.texts)} texts ({distinct} distinct), "
            f"{nbytes / MB:.1f} MB; ops {corpus.ops}; {checked} texts re-parsed and checked")
        corpus_path = tmp / "corpus.json"
        corpus_path.write_text(json.dumps(corpus.texts, ensure_ascii=False), encoding="utf-8")

        load = results["load"] = {}

        def phase(name: str) -> None:
            load[name] = os.getloadavg()[0]
            log(name)

        phase("parse alone")
        parse = spawn("parse", corpus_path, tmp, None)
        expected = [next(s.documents for s in seeds if s.name == src.split("#")[0]) for src, _ in corpus.texts]
        if parse["per_text"] != expected:
            raise SystemExit("a generated text parsed into a different number of documents than its seed")

        cache_dir = tmp / "cache"
        cache_dir.mkdir()  # empty: the cold condition
        phase("cold + warm in-process")
        cold = spawn("pipeline", corpus_path, tmp, cache_dir, "--passes", "2")
        # Sized as a folder: the file name is the library's business (analysis.sqlite, later cache.sqlite).
        results["cache_files"] = {f.name: f.stat().st_size for f in cache_dir.rglob("*") if f.is_file()}
        phase("warm from disk")
        disk = spawn("pipeline", corpus_path, tmp, cache_dir, "--passes", "1")
        results["warm_from_disk_loaded_nlp"] = disk["nlp_loaded"]

        phase("underthesea")
        ut = spawn("underthesea", corpus_path, tmp, None, "--ut-budget", str(args.ut_budget),
                   "--ut-sample", str(args.ut_sample), "--seed", str(args.seed))
        # A sample keeps whole texts, so its documents/s compares with the pipeline's.
        ut["documents"] = sum(expected[i] for i in ut.pop("indices"))
        results["underthesea"] = ut

        phase(f"CLI ({args.cli_runs} runs cold, {args.cli_runs} warm)")
        results["cli"] = time_cli(args.cli_runs, tmp)

    sample = "" if ut["mode"] == "all" else f", sample of {ut['texts']:,} texts"
    results["rows"] = [
        _row("Parse only (`parse_text`)", parse, nbytes),
        _row("Parse + audit, cold (new process, empty disk cache)", cold["passes"][0], nbytes),
        _row("Parse + audit, warm in-process (same `Auditor` again)", cold["passes"][1], nbytes),
        _row("Parse + audit, warm from disk (new process, cache from the cold run)", disk["passes"][0], nbytes),
        _row(f"`underthesea.word_tokenize` alone, per line{sample}", ut, ut["bytes"]),
    ]
    results["startup"] = {
        "import dancoso_compare (cold process)": cold["import_s"],
        "`Auditor.from_path` (cold)": cold["setup_s"],
        "underthesea import + model load": ut["setup_s"],
    }
    results["markdown"] = render(results)
    print(results["markdown"])
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        log(f"results written to {args.json}")


if __name__ == "__main__":
    main()
