"""`cmw bench`: a synthetic corpus with its truth, and every speed measured in one run.

`generate` writes the corpus of etl/corpus.py in the layout `cmw load` and `cmw eval`
read. `run_bench` generates one into a temporary folder and measures, side by side:
extraction on one worker and across all workers; staging load rows per second next to
a raw COPY of the same rows into unindexed tables (the practical limit) and to
pandas' `DataFrame.to_sql` (what many users would write); a full build from files to
marts; a nightly that adds 1%; peak memory. Timing lives here, in a command, never in a
test: tests must not fail on a slow or busy machine.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg import sql

from etl import config, corpus, db, load, pipeline
from etl.corpus import CorpusFiles
from etl.extract import EXTRACTOR_VERSION, extract
from etl.model import Extraction, SourceDocument
from etl.read import read_sources
from etl.schema import EXTRACTION_TABLES, STAGING_SCHEMA, documents
from etl.workers import ExtractionError, extract_many

EXTRACTION_TARGET_DOCS_PER_SECOND = 1000  # per core, on seed-sized documents
NIGHTLY_SHARE = 0.01  # the nightly adds 1% to the corpus
NOTHING_NEW_TARGET_S = 5  # a nightly with nothing new, seconds
ACCURACY_FIELD = "agreements"  # the F1 the report calls `accuracy`
TO_SQL_CHUNKSIZE = 1000
T = TypeVar("T")

# What the loader writes for extracted documents: the rows counted in all three loads.
LOADED_TABLES = tuple(t.name for t in (documents, *EXTRACTION_TABLES))
COPY_SCHEMA = "bench_copy"
TO_SQL_SCHEMA = "bench_to_sql"

# The keys of the JSON report, kept stable so results compare across versions.
REQUIRED_KEYS = (
    "docs",
    "workers",
    "extract_docs_per_s_per_worker",
    "extract_docs_per_s_all_workers",
    "load_rows_per_s",
    "copy_rows_per_s",
    "to_sql_rows_per_s",
    "full_build_s",
    "incremental_build_s",
    "peak_rss_mib",
)


class DirectoryNotEmpty(ValueError):
    """`cmw bench generate` refuses to mix a corpus into a folder that holds files."""


# --- generate --------------------------------------------------------------------


def generate(
    directory: Path,
    docs: int,
    seed: int,
    *,
    force: bool = False,
    on_articles: Callable[[int], None] | None = None,
) -> CorpusFiles:
    """Write `docs` articles of the corpus of `seed` into `directory`: the feed shards
    in articles/ (for `cmw load`), truth.jsonl and texts/ (for `cmw eval`)."""
    check_directory(directory, force=force)
    return corpus.write_corpus(directory, docs, seed, texts=True, on_articles=on_articles)


def check_directory(directory: Path, *, force: bool = False) -> None:
    """A corpus goes into a new or empty folder, or anywhere with `force`."""
    if directory.exists() and not directory.is_dir():
        raise DirectoryNotEmpty(f"{directory} is a file, not a folder")
    if not force and directory.is_dir() and any(directory.iterdir()):
        raise DirectoryNotEmpty(
            f"{directory} is not empty: name a new or empty folder, or pass --force to"
            " write the corpus over what is there"
        )


# --- run ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadTimes:
    """One set of rows written three ways, counted the same way: rows in the tables."""

    rows: int
    loader_s: float
    copy_s: float
    to_sql_s: float


StepCallback = Callable[[str], None]


def run_bench(
    server_url: str,
    docs: int,
    *,
    workers: int,
    seed: int,
    on_step: StepCallback | None = None,
) -> dict[str, Any]:
    """Generate `docs` articles and measure every stage; returns the JSON report."""
    step = on_step or (lambda _: None)
    started_at = _now()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cmw-bench-") as folder:
        step(f"Generating {docs:,} articles")
        files = corpus.write_corpus(Path(folder) / "corpus", docs, seed, texts=True)
        sample = [r for r in read_sources([files.articles_dir]) if isinstance(r, SourceDocument)]

        step("Extracting on one worker")
        extract(sample[0])  # warm-up: the gazetteers compile once, as in a long run
        one_worker_s, extractions = _timed(lambda: [extract(d) for d in sample])

        step(f"Extracting on {workers} workers")
        all_workers_s, _ = _timed(lambda: _extract_all(sample, workers))

        step("Scoring the extraction against the generated truth")
        accuracy = _accuracy(files)

        step("Loading staging, raw COPY and DataFrame.to_sql")
        with pipeline.throwaway_warehouse(server_url, "bench") as url:
            loads = _bench_loads(url, sample, extractions)
            staging_mib = _schema_mib(url, STAGING_SCHEMA)
            server_version = _server_version(url)

        step("Full build from files to marts")
        with pipeline.throwaway_warehouse(server_url, "bench") as url:
            # `cmw run` in a process of its own, as an operator runs it: its memory is
            # the ETL's, not this process's, which holds the whole corpus.
            full_build_s, etl_peak_rss_mib = _timed(
                lambda: _run_cmw(url, "run", "--source", str(files.articles_dir), "--no-docs")
            )
            step("Running the example BI analyses on the marts")
            analyses_ms = _time_analyses(url)
            marts = pipeline.warehouse_counts(url)
            step(f"Nightly adding {NIGHTLY_SHARE:.0%}")
            added = _write_more_articles(Path(folder) / "next", docs, seed)
            incremental_build_s, (nightly, _) = _timed(
                lambda: pipeline.run_pipeline(
                    url,
                    "nightly",
                    [files.articles_dir, added.parent],
                    steps=pipeline.Steps(docs=False),
                )
            )
            steps = _step_seconds(url)
            step("Nightly with nothing new")
            # As `cmw nightly` runs it: unchanged files unopened, build skipped, freshness.
            nothing_new_s, _ = _timed(
                lambda: pipeline.run_pipeline(
                    url,
                    "nightly",
                    [files.articles_dir, added.parent],
                    steps=pipeline.Steps(docs=False, freshness=True, skip_unchanged=True),
                )
            )
    bytes_read = sum(len(d.text.encode()) for d in sample)
    return {
        "docs": docs,
        "workers": workers,
        "extract_docs_per_s_per_worker": _rate(len(sample), one_worker_s),
        "extract_docs_per_s_all_workers": _rate(len(sample), all_workers_s),
        "load_rows_per_s": _rate(loads.rows, loads.loader_s),
        "copy_rows_per_s": _rate(loads.rows, loads.copy_s),
        "to_sql_rows_per_s": _rate(loads.rows, loads.to_sql_s),
        "full_build_s": round(full_build_s, 2),
        "incremental_build_s": round(incremental_build_s, 2),
        "peak_rss_mib": _peak_rss_mib(resource.RUSAGE_SELF),
        # the full build's `cmw run` (or its largest extraction worker or dbt child)
        "etl_peak_rss_mib": etl_peak_rss_mib,
        # extras
        "extract_docs_per_s_per_worker_target": EXTRACTION_TARGET_DOCS_PER_SECOND,
        "extract_ms_per_doc": round(one_worker_s / len(sample) * 1000, 3),
        "mean_doc_kib": round(bytes_read / len(sample) / 1024, 2),
        "load_rows": loads.rows,
        "load_docs_per_s": _rate(len(sample), loads.loader_s),
        "staging_mib": staging_mib,
        "incremental_docs": nightly.loaded,
        # where the builds' time went, from the run log (staging.etl_runs.step_seconds)
        "full_build_ingest_s": steps["run"].get("ingest"),
        "full_build_dbt_s": steps["run"].get("dbt_build"),
        "incremental_build_ingest_s": steps["nightly"].get("ingest"),
        "incremental_build_dbt_s": steps["nightly"].get("dbt_build"),
        "nothing_new_nightly_s": round(nothing_new_s, 2),
        "nothing_new_nightly_target_s": NOTHING_NEW_TARGET_S,
        "bi_analyses_ms": round(sum(analyses_ms.values()), 1),
        "bi_slowest_analysis": max(analyses_ms, key=analyses_ms.__getitem__),
        "bi_slowest_analysis_ms": max(analyses_ms.values()),
        "marts_agreements": marts.agreements,
        "marts_agreement_sources": marts.sources,
        "peak_rss_children_mib": _peak_rss_mib(resource.RUSAGE_CHILDREN),
        "accuracy": round(accuracy, 4),
        "accuracy_field": f"{ACCURACY_FIELD} F1 (cmw eval on the generated truth)",
        "seed": seed,
        "generator_version": corpus.GENERATOR_VERSION,
        "extractor_version": EXTRACTOR_VERSION,
        "batch_size": config.batch_size(),
        "build_workers": config.workers(),  # CMW_WORKERS: what the full build and nightly used
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "postgres": server_version,
        "platform": platform.platform(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "started_at": started_at,
        "finished_at": _now(),
    }


def _extract_all(documents: Sequence[SourceDocument], workers: int) -> list[Extraction]:
    """Extract `documents` on `workers` processes, in input order: the pool loads use."""
    results = list(extract_many(documents, workers))
    failed = [r for r in results if isinstance(r, ExtractionError)]
    if failed:
        raise RuntimeError(f"{len(failed)} generated documents failed to extract: {failed[0]}")
    return [r for r in results if not isinstance(r, ExtractionError)]


def _accuracy(files: CorpusFiles) -> float:
    from etl.evaluation import evaluate

    return evaluate(files.truth).score(ACCURACY_FIELD).f1


def _bench_loads(
    url: str, sample: Sequence[SourceDocument], extractions: Sequence[Extraction]
) -> LoadTimes:
    """The project's loader into staging, then the same rows by raw COPY and to_sql."""
    extracted = [load.ExtractedDocument(d, e) for d, e in zip(sample, extractions, strict=True)]
    with pipeline.logged_run(url, "bench", migrate=True) as run:
        started = time.perf_counter()
        for start in range(0, len(extracted), config.batch_size()):
            batch = extracted[start : start + config.batch_size()]
            load.load_batch(run.conn, run.run_id, batch, [], seen=len(batch), unchanged=0)
        loader_s = time.perf_counter() - started
    with db.connect(url) as conn:
        tables = {name: _staging_rows(conn, name) for name in LOADED_TABLES}
        rows = sum(len(r) for _, r in tables.values())
        copy_s = _copy_raw(conn, tables)
    to_sql_s = _to_sql(url, tables)
    return LoadTimes(rows, loader_s, copy_s, to_sql_s)


Rows = tuple[list[str], list[tuple]]


def _staging_rows(conn: psycopg.Connection, table: str) -> Rows:
    """A staging table's rows as plain Python values every writer takes: JSON as text,
    numeric as float (pandas has no SQL type for Decimal)."""
    columns = conn.execute(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = %s and table_name = %s order by ordinal_position",
        (STAGING_SCHEMA, table),
    ).fetchall()
    casts = {"json": "text", "jsonb": "text", "numeric": "float8"}
    select = sql.SQL(", ").join(
        sql.SQL("{}::{}").format(sql.Identifier(name), sql.SQL(casts[kind]))
        if kind in casts
        else sql.Identifier(name)
        for name, kind in columns
    )
    query = sql.SQL("select {} from {}").format(select, sql.Identifier(STAGING_SCHEMA, table))
    return [name for name, _ in columns], conn.execute(query).fetchall()


def _copy_raw(conn: psycopg.Connection, tables: dict[str, Rows]) -> float:
    """COPY the rows into plain tables with the same columns and no index or key."""
    conn.execute(sql.SQL("create schema {}").format(sql.Identifier(COPY_SCHEMA)))
    for name in tables:
        conn.execute(
            sql.SQL("create table {} (like {})").format(
                sql.Identifier(COPY_SCHEMA, name), sql.Identifier(STAGING_SCHEMA, name)
            )
        )
    started = time.perf_counter()
    with conn.transaction(), conn.cursor() as cur:
        for name, (columns, rows) in tables.items():
            target = sql.Identifier(COPY_SCHEMA, name)
            column_list = sql.SQL(", ").join(map(sql.Identifier, columns))
            with cur.copy(sql.SQL("copy {} ({}) from stdin").format(target, column_list)) as copy:
                for row in rows:
                    copy.write_row(row)
    return time.perf_counter() - started


def _to_sql(url: str, tables: dict[str, Rows]) -> float:
    """pandas' DataFrame.to_sql of the rows, with its defaults (method=None), through a
    SQLAlchemy engine; the DataFrames are built before the clock starts."""
    import pandas as pd  # type: ignore[import-untyped]
    import sqlalchemy

    frames = {name: pd.DataFrame(rows, columns=columns) for name, (columns, rows) in tables.items()}
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(sqlalchemy.schema.CreateSchema(TO_SQL_SCHEMA))
        started = time.perf_counter()
        for name, frame in frames.items():
            frame.to_sql(
                name, engine, schema=TO_SQL_SCHEMA, index=False, chunksize=TO_SQL_CHUNKSIZE
            )
        return time.perf_counter() - started
    finally:
        engine.dispose()


_REF = re.compile(r"\{\{\s*ref\('(\w+)'\)\s*\}\}")


def _time_analyses(url: str) -> dict[str, float]:
    """Milliseconds of each example analysis (dbt_project/analyses/) run once on the
    live marts, all rows fetched, as a BI tool would."""
    times = {}
    with db.connect(url) as conn:
        for path in sorted((config.DBT_PROJECT_DIR / "analyses").glob("*.sql")):
            query = _REF.sub(r"marts.\1", path.read_text(encoding="utf-8"))
            started = time.perf_counter()
            conn.execute(query.encode()).fetchall()
            times[path.stem] = round((time.perf_counter() - started) * 1000, 1)
    return times


def _write_more_articles(folder: Path, docs: int, seed: int) -> Path:
    """The next 1% of the corpus (articles docs, docs+1, ...) as one more feed file."""
    folder.mkdir()
    feed = folder / "nightly.jsonl"
    extra = max(1, round(docs * NIGHTLY_SHARE))
    corpus.write_feed(feed, range(docs, docs + extra), seed)
    return feed


def _step_seconds(url: str) -> dict[str, dict[str, float]]:
    """Each command's step timings, as its run recorded them."""
    with db.connect(url) as conn:
        rows = conn.execute("select command, step_seconds from staging.etl_runs").fetchall()
    return {command: steps or {} for command, steps in rows}


def _schema_mib(url: str, schema: str) -> float:
    """The schema's tables with their indexes and TOAST, on disk."""
    with db.connect(url) as conn:
        size = db.one_row(
            conn,
            "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class as c"
            " join pg_namespace as n on n.oid = c.relnamespace"
            " where n.nspname = %s and c.relkind = 'r'",
            (schema,),
        )[0]
    return round(float(size) / 2**20, 1)


def _server_version(url: str) -> str:
    with db.connect(url) as conn:
        return str(db.one_row(conn, "show server_version")[0])


def _run_cmw(url: str, *args: str) -> float:
    """Run `cmw ARGS` on the warehouse at `url` in a child process; the peak RSS in MiB of
    it or of any process it started (extraction workers, dbt), from each one's VmHWM,
    sampled while it runs. (Not wait4's figure: a child forked from this process counts
    this process's memory until it execs.)"""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "etl.cli", *args],
            env={**os.environ, "CMW_DATABASE_URL": url},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        peak_kib = 0
        try:
            while process.poll() is None:
                for pid in (process.pid, *_descendants(process.pid)):
                    peak_kib = max(peak_kib, _high_water_kib(pid))
                time.sleep(_RSS_SAMPLE_S)
        except BaseException:
            process.kill()
            process.wait()
            raise
        if process.returncode != 0:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()[-2000:]
            raise RuntimeError(f"cmw {' '.join(args)} exited {process.returncode}: {said}")
    return round(peak_kib / 1024, 1)


_RSS_SAMPLE_S = 0.2


def _descendants(root: int) -> list[int]:
    """Every process below `root`, from the parent ids in /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # "pid (comm) state ppid ...": comm may hold spaces, so split after ")"
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _high_water_kib(pid: int) -> int:
    """The process's peak resident set since it started its program (VmHWM), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass  # gone meanwhile
    return 0


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def _peak_rss_mib(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
