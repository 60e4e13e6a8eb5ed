"""The warehouse build: migrate → read → extract → load → dbt build → docs.

The CLI calls these functions; tests call them too, against a fresh database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import psycopg

from etl import config, db, load
from etl.dbt import DbtResult, run_dbt, target_dir
from etl.extract import EXTRACTOR_VERSION, extract
from etl.load import ExtractedDocument
from etl.lock import describe_run, exclusive_run
from etl.model import RejectedInput, SourceDocument
from etl.read import discover, read_file


class BuildFailed(RuntimeError):
    """dbt build failed (a model or a data test); the message lists what failed."""


@dataclass
class IngestSummary:
    run_id: str
    files: int = 0
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    mentions: int = 0
    agreements: int = 0
    rejected: list[RejectedInput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


ProgressCallback = Callable[[int], None]  # called with the number of files just read


def ingest(
    conn: psycopg.Connection,
    run_id: str,
    sources: Sequence[Path],
    *,
    on_files_read: ProgressCallback | None = None,
) -> IngestSummary:
    """Read, extract and load every source; only new content is extracted and stored."""
    files = list(discover(sources))
    summary = IngestSummary(run_id=run_id, files=len(files))
    loaded_here: dict[str, str] = {}  # content hash → source URI, across this run's batches
    for batch in _batches(_read_all(files, on_files_read), config.batch_size()):
        documents = [item for item in batch if isinstance(item, SourceDocument)]
        rejects = [item for item in batch if isinstance(item, RejectedInput)]
        known = load.known_documents(conn, [d.content_sha256 for d in documents])
        new: list[SourceDocument] = []
        unchanged = 0
        for document in documents:
            summary.warnings.extend(f"{document.source_uri}: {w}" for w in document.warnings)
            first_uri = known.get(document.content_sha256, (None, None))[1] or loaded_here.get(
                document.content_sha256
            )
            if first_uri is None:
                loaded_here[document.content_sha256] = document.source_uri
                new.append(document)
            elif first_uri == document.source_uri:
                unchanged += 1  # the same file again: nothing to do
            else:
                rejects.append(
                    RejectedInput(
                        source_uri=document.source_uri,
                        reason_code="duplicate_content",
                        reason=f"same text as {first_uri}, already stored as {document.document_id}",
                        content_sha256=document.content_sha256,
                        duplicate_of_document_id=document.document_id,
                    )
                )
        extracted, failed = _extract_each(new)
        rejects.extend(failed)  # not stored: the next run tries the same content again
        counts = load.load_batch(
            conn, run_id, extracted, rejects, seen=len(documents), unchanged=unchanged
        )
        summary.seen += len(documents)
        summary.loaded += counts.documents_loaded
        summary.unchanged += unchanged + len(new) - counts.documents_loaded
        summary.mentions += counts.mentions_loaded
        summary.agreements += counts.agreements_loaded
        summary.rejected.extend(rejects)
    return summary


def _extract_each(
    documents: Iterable[SourceDocument],
) -> tuple[list[ExtractedDocument], list[RejectedInput]]:
    """Extract every document; one that breaks a rule is reported and the rest go on."""
    extracted: list[ExtractedDocument] = []
    failed: list[RejectedInput] = []
    for document in documents:
        try:
            extracted.append(ExtractedDocument(document, extract(document)))
        except Exception as exc:  # a rule's bug must not cost the rest of the batch
            failed.append(
                RejectedInput(
                    source_uri=document.source_uri,
                    reason_code="extraction_failed",
                    reason=f"extractor {EXTRACTOR_VERSION} failed: {type(exc).__name__}: {exc}",
                    content_sha256=document.content_sha256,
                )
            )
    return extracted, failed


def _read_all(files: Iterable[Path], on_files_read: ProgressCallback | None) -> Iterator:
    for path in files:
        yield from read_file(path)
        if on_files_read:
            on_files_read(1)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def build(url: str, *, full_refresh: bool = False) -> DbtResult:
    """dbt build: seeds, intermediate and marts models, contracts, data and unit tests.

    `full_refresh` rebuilds incremental marts from scratch (after a change to their columns).
    """
    result = run_dbt(url, "build", *(["--full-refresh"] if full_refresh else []))
    if not result.succeeded:
        raise BuildFailed(result.describe_failure())
    return result


def generate_docs(url: str) -> Path:
    result = run_dbt(url, "docs", "generate")
    if not result.succeeded:
        raise BuildFailed(result.describe_failure())
    return target_dir(url) / "index.html"


@dataclass(frozen=True)
class WarehouseCounts:
    documents: int
    rejected_inputs: int
    agreements: int
    participants: int
    minerals: int
    sources: int


def warehouse_counts(url: str) -> WarehouseCounts:
    with db.connect(url) as conn:
        row = conn.execute(
            """
            select
                (select count(*) from marts.dim_documents),
                (select count(*) from staging.rejected_inputs),
                (select count(*) from marts.fct_agreements),
                (select count(*) from marts.fct_agreement_participants),
                (select count(*) from marts.fct_agreement_minerals),
                (select count(*) from marts.fct_agreement_sources)
            """
        ).fetchone()
    return WarehouseCounts(*row)


# --- logged runs -------------------------------------------------------------------

StepCallback = Callable[[str], None]  # told the description of each step as it starts


@dataclass
class Run:
    conn: psycopg.Connection
    run_id: str
    on_step: StepCallback | None = None
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str, description: str) -> Iterator[None]:
        """Announce a step and record how long it took in the run log."""
        if self.on_step:
            self.on_step(description)
        started = time.monotonic()
        try:
            yield
        finally:
            self.step_seconds[name] = round(time.monotonic() - started, 3)


@contextmanager
def logged_run(
    url: str, command: str, *, migrate: bool, on_step: StepCallback | None = None
) -> Iterator[Run]:
    """A run that holds the write lock and ends in the run log as succeeded or failed.

    `migrate` upgrades the schema first; without it a schema behind the code is refused.
    """
    with exclusive_run(url, command) as lock_conn:
        if migrate:
            db.migrate(url)
        else:
            db.require_current_schema(url)
        with db.connect(url) as conn:
            run = Run(conn, load.start_run(conn, command, EXTRACTOR_VERSION), on_step)
            describe_run(lock_conn, f"{command} run {run.run_id}")
            load.fail_interrupted_runs(conn, run.run_id)
            try:
                yield run
            except BaseException as exc:
                load.finish_run(
                    conn,
                    run.run_id,
                    succeeded=False,
                    message=f"{type(exc).__name__}: {exc}",
                    step_seconds=run.step_seconds,
                )
                raise
            load.finish_run(
                conn, run.run_id, succeeded=True, message=run.message, step_seconds=run.step_seconds
            )


@dataclass(frozen=True)
class Steps:
    """What a pipeline run does after ingesting."""

    build: bool = True
    docs: bool = True
    freshness: bool = False


def run_pipeline(
    url: str,
    command: str,
    sources: Sequence[Path],
    *,
    migrate: bool = True,
    steps: Steps = Steps(),
    on_files_read: ProgressCallback | None = None,
    on_step: StepCallback | None = None,
) -> tuple[IngestSummary, Path | None]:
    """Ingest `sources`, then build the marts and the docs site, as one logged run."""
    with logged_run(url, command, migrate=migrate, on_step=on_step) as run:
        with run.step("ingest", "Reading, extracting and loading documents"):
            summary = ingest(run.conn, run.run_id, sources, on_files_read=on_files_read)
        run.message = f"{summary.loaded} loaded, {summary.unchanged} unchanged, {len(summary.rejected)} rejected"
        docs_path = _after_ingest(url, run, steps)
        summary.warnings.extend(run.warnings)
    return summary, docs_path


def reprocess(url: str, *, steps: Steps = Steps(), on_step: StepCallback | None = None) -> int:
    """Re-extract stored documents whose extractor version is not the current one.

    Reads the stored text, not the source files. Returns how many were re-extracted.
    """
    with logged_run(url, "reprocess", migrate=False, on_step=on_step) as run:
        with run.step("reextract", "Re-extracting documents from an older extractor version"):
            count = 0
            for batch in _batches(
                load.stale_documents(run.conn, EXTRACTOR_VERSION), config.batch_size()
            ):
                extracted, failed = _extract_each(batch)
                run.warnings.extend(f.reason for f in failed)  # they keep their older extraction
                load.replace_extractions(run.conn, run.run_id, extracted)
                count += len(batch)
        run.message = f"{count} documents re-extracted with extractor {EXTRACTOR_VERSION}"
        _after_ingest(url, run, steps)
    return count


def _after_ingest(url: str, run: Run, steps: Steps) -> Path | None:
    docs_path = None
    if steps.build:
        with run.step("dbt_build", "Building intermediate and marts with dbt (models and tests)"):
            build(url)
    if steps.docs:
        with run.step("docs", "Generating the docs site"):
            docs_path = generate_docs(url)
    if steps.freshness:
        with run.step("freshness", "Checking source freshness"):
            result = run_dbt(url, "source", "freshness")
            if not result.succeeded:
                run.warnings.append(
                    "source freshness: " + "; ".join(result.failures or ("stale sources",))
                )
    return docs_path
