"""Benchmarks behind `cmw bench`: extraction speed per core, and end-to-end ingest speed.

Targets (issue: extraction alone): at least 1,000 seed-sized documents per second per
core. Timing is done here, in a command, never in a test: tests must not fail on a
slow or busy machine.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from etl import config, db
from etl.extract import extract
from etl.model import SourceDocument
from etl.read import read_sources
from etl.workers import ExtractionError, extract_many

EXTRACTION_TARGET_DOCS_PER_SECOND = 1000


@dataclass(frozen=True)
class BenchResult:
    name: str
    documents: int
    seconds: float
    bytes_read: int
    peak_rss_mib: float

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    def describe(self) -> str:
        return (
            f"{self.name}: {self.documents} documents in {self.seconds:.2f} s = "
            f"{self.documents_per_second:,.0f} documents/s "
            f"({self.seconds / self.documents * 1000:.2f} ms each, "
            f"{self.bytes_read / self.seconds / 1e6:.1f} MB/s of text), peak RSS {self.peak_rss_mib:.0f} MiB"
        )


def sample_documents(sources: list[Path]) -> list[SourceDocument]:
    documents = [r for r in read_sources(sources) if isinstance(r, SourceDocument)]
    if not documents:
        raise ValueError(f"no readable documents in {', '.join(map(str, sources))}")
    return documents


def bench_extraction(documents: list[SourceDocument], total: int) -> BenchResult:
    """Extract `total` documents (cycling through the sample) in this one process = one core."""
    extract(documents[0])  # warm-up: compiles the gazetteers once, as a long run would
    batch = [documents[i % len(documents)] for i in range(total)]
    started = time.perf_counter()
    for document in batch:
        extract(document)
    seconds = time.perf_counter() - started
    return BenchResult(
        name="extraction (1 core)",
        documents=total,
        seconds=seconds,
        bytes_read=sum(len(d.text.encode()) for d in batch),
        peak_rss_mib=_peak_rss_mib(),
    )


def bench_workers(documents: list[SourceDocument], total: int, workers: int) -> BenchResult:
    """Extract `total` documents through the pool of `workers` processes `cmw` loads with."""
    batch = [documents[i % len(documents)] for i in range(total)]
    started = time.perf_counter()
    failed = sum(isinstance(r, ExtractionError) for r in extract_many(batch, workers))
    seconds = time.perf_counter() - started
    if failed:
        raise RuntimeError(f"{failed} documents failed to extract")
    return BenchResult(
        name=f"extraction ({_processes(workers)})",
        documents=total,
        seconds=seconds,
        bytes_read=sum(len(d.text.encode()) for d in batch),
        peak_rss_mib=_peak_rss_mib(),
    )


def bench_ingest(server_url: str, documents: list[SourceDocument], total: int) -> BenchResult:
    """Read → extract → COPY `total` distinct documents into a throwaway database."""
    from etl.pipeline import ingest, logged_run

    name = f"cmw_bench_{uuid.uuid4().hex[:8]}"
    url = db.create_database(server_url, name)
    try:
        with tempfile.TemporaryDirectory() as folder:
            feed = Path(folder) / "feed.jsonl"
            with feed.open("w", encoding="utf-8") as handle:
                for i in range(total):
                    base = documents[i % len(documents)]
                    # A distinct last line makes every document new content.
                    text = f"{base.text}\n(benchmark copy {i})"
                    handle.write(json.dumps({"text": text, "url": f"bench://{i}"}) + "\n")
            with logged_run(url, "bench", migrate=True) as run:
                started = time.perf_counter()  # after the migration: ingest alone is timed
                summary = ingest(run.conn, run.run_id, [feed])
                seconds = time.perf_counter() - started
            if summary.loaded != total:
                raise RuntimeError(f"expected {total} documents loaded, got {summary.loaded}")
            return BenchResult(
                name=f"ingest: read + extract + COPY ({_processes(config.workers())})",
                documents=total,
                seconds=seconds,
                bytes_read=feed.stat().st_size,
                peak_rss_mib=_peak_rss_mib(),
            )
    finally:
        db.drop_database(server_url, name)


def _processes(workers: int) -> str:
    return "1 process" if workers == 1 else f"{workers} worker processes"


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
