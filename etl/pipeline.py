"""The warehouse build: migrate → read → extract → load → dbt build → docs.

The CLI calls these functions; tests call them too, against a fresh database.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import psycopg

from etl import config, db, freshness, interrupts, load
from etl.dbt import DbtResult, docs_target_dir, incremental_marts, run_dbt, target_dir
from etl.extract import EXTRACTOR_VERSION
from etl.fingerprint import Fingerprint, code_fingerprint, marts_fingerprint
from etl.load import ExtractedDocument
from etl.lock import describe_run, exclusive_run
from etl.model import Extraction, RejectedInput, SourceDocument
from etl.read import FileState, discover, file_state, read_input, unchanged_since_loaded
from etl.workers import ExtractionError, ExtractionPool


class BuildFailed(RuntimeError):
    """dbt build failed (a model or a data test); the message lists what failed."""


class NoInput(RuntimeError):
    """The sources held no readable document (and the run was asked to fail on that)."""


@dataclass
class IngestSummary:
    run_id: str
    files: int = 0  # files read
    files_unchanged: int = 0  # files skipped: unchanged since their last complete load
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0  # documents found stored, read again or in a skipped file
    mentions: int = 0
    agreements: int = 0
    rejected: list[RejectedInput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    build_outcome: str | None = None  # built, skipped (nothing new), or None: not built

    @property
    def empty(self) -> bool:
        """No readable document: none read, none in a file skipped as unchanged."""
        return self.seen == 0 and self.unchanged == 0

    def describe(self) -> str:
        """The counts, as the run log's message and the command's summary say them."""
        text = f"{self.loaded} loaded, {self.unchanged} unchanged, {len(self.rejected)} rejected"
        if self.files_unchanged:
            text += f"; {self.files_unchanged} {UNCHANGED_FILES}"
        return text


UNCHANGED_FILES = "files unchanged since their last load, not re-read"

ProgressCallback = Callable[[int], None]  # called with the number of input bytes just read
# called with how many files were skipped so far, unchanged since their last load
UnchangedFilesCallback = Callable[[int], None]


@dataclass(frozen=True)
class _Read:
    """A document or a reject, and the number (in this run) of the file it came from."""

    file: int
    item: SourceDocument | RejectedInput


@dataclass(frozen=True)
class _FileEnd:
    """Everything of file number `file` has been read, or it was skipped unchanged."""

    file: int
    location: str
    state: FileState | None  # taken before reading; None: not a regular file
    documents: int
    skipped: bool


def ingest(
    conn: psycopg.Connection,
    run_id: str,
    sources: Sequence[Path],
    *,
    reread: bool = False,
    on_bytes_read: ProgressCallback | None = None,
    on_unchanged_files: UnchangedFilesCallback | None = None,
) -> IngestSummary:
    """Read, extract and load every source; only new content is extracted and stored.

    A document whose text is already stored is `unchanged` when it comes from the same
    place (its canonical location: any spelling of the same path), and rejected as
    `duplicate_content` when the same text arrives from somewhere else.

    A file is not even opened when it is unchanged since a run stored every document of
    it (etl/read.py, `unchanged_since_loaded`): its documents count as unchanged. Once
    the batches holding all of a file's documents have committed, and none of its
    inputs was rejected, the file is recorded as loaded (staging.input_files); a file
    with a rejected input is read again next time, in case it was fixed. `reread`
    reads every file (the content hash still stores nothing twice).
    """
    summary = IngestSummary(run_id=run_id)
    first_seen: dict[str, tuple[str, str]] = {}  # content hash → (uri, location), this run
    rejected_files: set[int] = set()  # files with a rejected input this run: not recorded
    reads = _read_all(conn, sources, summary, reread, on_bytes_read, on_unchanged_files)
    plans = (
        _plan_batch(conn, batch, first_seen, rejected_files, summary)
        for batch in _batches(reads, config.batch_size(), counts=_is_read)
    )
    with ExtractionPool(config.workers()) as pool:
        for plan, results in pool.extract_ahead((plan, plan.new) for plan in plans):
            interrupts.stop_if_requested()
            extracted, failed = _extracted(plan.new, results)
            plan.rejects.extend(failed)  # not stored: the next run tries the same content again
            counts, refused = load.load_batch(
                conn,
                run_id,
                extracted,
                plan.rejects,
                seen=plan.seen,
                unchanged=plan.unchanged + plan.skipped,
            )
            rejected_files.update(
                plan.file_of_new[r.content_sha256]
                for r in failed + refused
                if r.content_sha256 in plan.file_of_new
            )
            summary.seen += plan.seen
            summary.loaded += counts.documents_loaded
            # New documents another session stored meanwhile (ON CONFLICT) are unchanged too.
            summary.unchanged += (
                plan.unchanged + len(extracted) - len(refused) - counts.documents_loaded
            )
            summary.unchanged += plan.skipped
            summary.mentions += counts.mentions_loaded
            summary.agreements += counts.agreements_loaded
            summary.rejected.extend(plan.rejects + refused)
            # Every batch holding a document of these files has committed by now.
            load.record_loaded_files(
                conn,
                run_id,
                [
                    load.LoadedFile(end.location, end.state, end.documents)
                    for end in plan.ends
                    if end.state is not None and not end.skipped and end.file not in rejected_files
                ],
            )
    if summary.empty:
        if summary.files:
            detail = f" ({summary.files} files read, all rejected)"
        elif summary.files_unchanged:
            detail = f" ({summary.files_unchanged} {UNCHANGED_FILES}, holding no document)"
        else:
            detail = " (no files)"
        summary.warnings.append(
            "no readable documents in " + ", ".join(str(p) for p in sources) + detail
        )
    return summary


def _is_read(item: _Read | _FileEnd) -> bool:
    return isinstance(item, _Read)


@dataclass
class _BatchPlan:
    """A batch of reads sorted before extraction: what is new, unchanged or rejected."""

    ends: list[_FileEnd]
    seen: int  # documents read
    new: list[SourceDocument]
    file_of_new: dict[str, int]  # content hash → its file, for new documents
    rejects: list[RejectedInput]
    unchanged: int
    skipped: int  # documents of files not re-read, unchanged since their last load


def _plan_batch(
    conn: psycopg.Connection,
    batch: Sequence[_Read | _FileEnd],
    first_seen: dict[str, tuple[str, str]],
    rejected_files: set[int],
    summary: IngestSummary,
) -> _BatchPlan:
    """Sort a batch's reads: documents stored already (by an earlier run, or earlier in
    this one: `first_seen`) are unchanged, or duplicates when they come from elsewhere."""
    ends = [item for item in batch if isinstance(item, _FileEnd)]
    documents: list[SourceDocument] = []
    file_of_document: list[int] = []
    rejects: list[RejectedInput] = []
    for read in (item for item in batch if isinstance(item, _Read)):
        if isinstance(read.item, SourceDocument):
            documents.append(read.item)
            file_of_document.append(read.file)
        else:
            rejects.append(read.item)
            rejected_files.add(read.file)
    known = load.known_documents(conn, [d.content_sha256 for d in documents])
    new: list[SourceDocument] = []
    file_of_new: dict[str, int] = {}
    unchanged = 0
    for document, file in zip(documents, file_of_document, strict=True):
        summary.warnings.extend(f"{document.source_uri}: {w}" for w in document.warnings)
        stored = known.get(document.content_sha256)
        first = (
            (stored.source_uri, stored.source_location)
            if stored
            else first_seen.get(document.content_sha256)
        )
        if first is None:
            first_seen[document.content_sha256] = (document.source_uri, document.source_location)
            new.append(document)
            file_of_new[document.content_sha256] = file
        elif first[1] == document.source_location:
            unchanged += 1  # the same file again: nothing to do
        else:
            rejected_files.add(file)
            rejects.append(
                RejectedInput(
                    source_uri=document.source_uri,
                    source_location=document.source_location,
                    reason_code="duplicate_content",
                    reason=f"same text as {first[0]} ({first[1]}), already stored as"
                    f" {document.document_id}",
                    content_sha256=document.content_sha256,
                    duplicate_of_document_id=document.document_id,
                )
            )
    return _BatchPlan(
        ends=ends,
        seen=len(documents),
        new=new,
        file_of_new=file_of_new,
        rejects=rejects,
        unchanged=unchanged,
        skipped=sum(end.documents for end in ends if end.skipped),
    )


def _extracted(
    documents: Sequence[SourceDocument], results: Sequence[Extraction | ExtractionError]
) -> tuple[list[ExtractedDocument], list[RejectedInput]]:
    """Pair documents with their extraction; one that broke a rule is reported as
    rejected, and the rest go on."""
    extracted: list[ExtractedDocument] = []
    failed: list[RejectedInput] = []
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, ExtractionError):
            failed.append(
                RejectedInput(
                    source_uri=document.source_uri,
                    source_location=document.source_location,
                    reason_code="extraction_failed",
                    reason=f"extractor {EXTRACTOR_VERSION} failed: {result}",
                    content_sha256=document.content_sha256,
                )
            )
        else:
            extracted.append(ExtractedDocument(document, result))
    return extracted, failed


# Files looked up in staging.input_files at a time.
_LOOKUP_FILES = 1000


def _read_all(
    conn: psycopg.Connection,
    sources: Sequence[Path],
    summary: IngestSummary,
    reread: bool,
    on_bytes_read: ProgressCallback | None,
    on_unchanged_files: UnchangedFilesCallback | None,
) -> Iterator[_Read | _FileEnd]:
    """Every file's documents and rejects, each file followed by its _FileEnd; a file
    unchanged since its last complete load is not opened, only its _FileEnd comes."""
    number = 0
    for input_files in _batches(discover(sources), _LOOKUP_FILES):
        loaded = {} if reread else load.loaded_files(conn, [f.location for f in input_files])
        for input_file in input_files:
            number += 1
            state = file_state(input_file)
            before = loaded.get(input_file.location)
            if before and unchanged_since_loaded(state, before.state):
                summary.files_unchanged += 1
                yield _FileEnd(number, input_file.location, state, before.documents, skipped=True)
                if on_unchanged_files:
                    on_unchanged_files(summary.files_unchanged)
            else:
                summary.files += 1
                documents = 0
                for item in read_input(input_file):
                    documents += isinstance(item, SourceDocument)
                    yield _Read(number, item)
                yield _FileEnd(number, input_file.location, state, documents, skipped=False)
            if on_bytes_read:
                on_bytes_read(state.size if state else input_size(input_file))


def input_size(input_file) -> int:
    """Bytes a progress bar counts for a file: its size, or 0 for what is not a file."""
    try:
        return input_file.path.stat().st_size if input_file.path.is_file() else 0
    except OSError:
        return 0


def _batches(
    items: Iterable, size: int, counts: Callable[[Any], bool] | None = None
) -> Iterator[list]:
    """Lists of `size` items, in order; with `counts`, of `size` items it counts, the
    others riding along with them."""
    if counts is None:
        iterator = iter(items)
        while batch := list(islice(iterator, size)):
            yield batch
        return
    pending: list = []
    counted = 0
    for item in items:
        pending.append(item)
        counted += counts(item)
        if counted == size:
            yield pending
            pending, counted = [], 0
    if pending:
        yield pending


def build(url: str, *, full_refresh: bool | None = None) -> DbtResult:
    """dbt build: seeds, intermediate and marts models, contracts, data and unit tests.

    The marts are built and tested in a shadow schema and swapped in only when every
    model and test passed, so BI never reads a mart that failed a test: after a failure
    the previous marts stay, and the failed build stays in the shadow schema to inspect.
    Incremental models add what is new, unless the code changed since the last logged
    build (or none is recorded): new rules may merge stored reports differently, so
    then, as with `full_refresh`, every incremental model is rebuilt from scratch.
    `full_refresh=None` decides that from the last logged build; a caller that has
    already read it passes the decision. Unit tests and seeds depend on the code only:
    a build from the code of the last one leaves them out (they passed on it, and the
    reference files are part of the fingerprint), as dbt advises for production runs.
    Staging tables a load left without current statistics are analyzed first.
    """
    if full_refresh is None:
        with db.connect(url) as conn:
            full_refresh = _needs_full_refresh(_last_build(conn), code_fingerprint())
    db.analyze_stale_staging(url)
    db.prepare_shadow_marts(url, [] if full_refresh else incremental_marts(url))
    result = run_dbt(
        url,
        "build",
        *(["--full-refresh"] if full_refresh else ["--exclude-resource-type", "unit_test", "seed"]),
        variables={"marts_schema": db.SHADOW_MARTS},
    )
    if not result.succeeded:
        db.check_reachable(url)  # a server lost mid-build is exit 3, not a failed test
        raise BuildFailed(result.describe_failure())
    db.publish_shadow_marts(url)
    return result


def generate_docs(url: str) -> Path:
    """The docs site as one self-contained page (it opens from file:// too), in a folder
    of its own so serving it exposes nothing else of dbt's target directory."""
    result = run_dbt(url, "docs", "generate", "--static", target=docs_target_dir(url))
    if not result.succeeded:
        db.check_reachable(url)
        raise BuildFailed(result.describe_failure())
    page = docs_page(url)
    page.parent.mkdir(parents=True, exist_ok=True)
    partial = page.with_suffix(".html.partial")
    shutil.copyfile(docs_target_dir(url) / "static_index.html", partial)
    partial.replace(page)  # atomic: a server never sends half a page
    docs_code_stamp(url).write_text(code_fingerprint())
    return page


@contextmanager
def throwaway_warehouse(server_url: str, purpose: str) -> Iterator[str]:
    """A fresh, uniquely named database on `server_url` (its URL), dropped afterwards
    with the dbt artifacts its builds left (the benchmark, the merge evaluation)."""
    name = f"cmw_{purpose}_{uuid.uuid4().hex[:12]}"
    url = db.create_database(server_url, name)
    try:
        yield url
    finally:
        db.drop_database(server_url, name)
        shutil.rmtree(target_dir(url), ignore_errors=True)


def docs_site_dir(url: str) -> Path:
    return target_dir(url) / "site"


def docs_page(url: str) -> Path:
    return docs_site_dir(url) / "index.html"


def docs_code_stamp(url: str) -> Path:
    """The code fingerprint of the docs site's page (kept beside the site, not in it)."""
    return target_dir(url) / "site.code_fingerprint"


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
        row = db.one_row(
            conn,
            """
            select
                (select count(*) from marts.dim_documents),
                (select count(*) from staging.rejected_inputs),
                (select count(*) from marts.fct_agreements),
                (select count(*) from marts.fct_agreement_participants),
                (select count(*) from marts.fct_agreement_minerals),
                (select count(*) from marts.fct_agreement_sources)
            """,
        )
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
    build_outcome: str | None = None
    fingerprint: Fingerprint | None = None

    @contextmanager
    def step(self, name: str, description: str) -> Iterator[None]:
        """Announce a step and record how long it took in the run log."""
        interrupts.stop_if_requested()
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
                interrupts.stop_if_requested()
            except BaseException as exc:
                # When the server itself is gone, the next run marks this one failed.
                with contextlib.suppress(psycopg.Error):
                    load.finish_run(
                        conn,
                        run.run_id,
                        succeeded=False,
                        message=f"{type(exc).__name__}: {exc}",
                        step_seconds=run.step_seconds,
                    )
                raise
            load.finish_run(
                conn,
                run.run_id,
                succeeded=True,
                message=run.message,
                step_seconds=run.step_seconds,
                build_outcome=run.build_outcome,
                fingerprint=run.fingerprint,
            )


@dataclass(frozen=True)
class Steps:
    """What a pipeline run does after ingesting."""

    build: bool = True
    docs: bool = True
    freshness: bool = False
    # Skip the build when nothing the marts are made from changed since the last
    # successful build (etl/fingerprint.py).
    skip_unchanged: bool = False


NOTHING_NEW = "nothing new: marts unchanged, build skipped"


def run_pipeline(
    url: str,
    command: str,
    sources: Sequence[Path],
    *,
    migrate: bool = True,
    steps: Steps = Steps(),
    on_bytes_read: ProgressCallback | None = None,
    on_step: StepCallback | None = None,
    fail_if_empty: bool = False,
    reread: bool = False,
    on_unchanged_files: UnchangedFilesCallback | None = None,
) -> tuple[IngestSummary, Path | None]:
    """Ingest `sources`, then build the marts and the docs site, as one logged run.

    Sources with no readable document are a warning in the summary and the run log;
    with `fail_if_empty` the run fails with NoInput before building. Files unchanged
    since their last complete load are skipped unless `reread` (see `ingest`).
    """
    with logged_run(url, command, migrate=migrate, on_step=on_step) as run:
        with run.step("ingest", "Reading, extracting and loading documents"):
            summary = ingest(
                run.conn,
                run.run_id,
                sources,
                reread=reread,
                on_bytes_read=on_bytes_read,
                on_unchanged_files=on_unchanged_files,
            )
        run.message = summary.describe()
        if summary.empty:
            run.message += "; warning: " + summary.warnings[-1]
            if fail_if_empty:
                raise NoInput(summary.warnings[-1])
        docs_path = _after_ingest(url, run, steps)
        summary.warnings.extend(run.warnings)
        summary.build_outcome = run.build_outcome
    return summary, docs_path


def reprocess(
    url: str,
    *,
    every: bool = False,
    steps: Steps = Steps(),
    on_step: StepCallback | None = None,
) -> int:
    """Re-extract stored documents whose extractor version is not the current one (or
    `every` document), from the stored text and the metadata their input declared, so
    the result is what a fresh load gives. Returns how many were re-extracted."""
    with logged_run(url, "reprocess", migrate=False, on_step=on_step) as run:
        with (
            run.step("reextract", "Re-extracting documents from an older extractor version"),
            ExtractionPool(config.workers()) as pool,
        ):
            count = 0
            stale = _batches(
                load.stale_documents(run.conn, EXTRACTOR_VERSION, every=every),
                config.batch_size(),
            )
            for batch, results in pool.extract_ahead((batch, batch) for batch in stale):
                extracted, failed = _extracted(batch, results)
                run.warnings.extend(f.reason for f in failed)  # they keep their older extraction
                load.replace_extractions(run.conn, run.run_id, extracted)
                count += len(batch)
        run.message = f"{count} documents re-extracted with extractor {EXTRACTOR_VERSION}"
        _after_ingest(url, run, steps)
    return count


def _after_ingest(url: str, run: Run, steps: Steps) -> Path | None:
    docs_path = None
    if steps.build:
        # Under the write lock: nothing changes the inputs between here and the build.
        run.fingerprint = marts_fingerprint(run.conn)
        last = _last_build(run.conn)
        if steps.skip_unchanged and last == run.fingerprint:
            run.build_outcome = "skipped"
            run.message += "; " + NOTHING_NEW
        else:
            with run.step(
                "dbt_build", "Building intermediate and marts with dbt (models and tests)"
            ):
                build(url, full_refresh=_needs_full_refresh(last, run.fingerprint.code))
            run.build_outcome = "built"
    if steps.docs and not docs_current(url):
        with run.step("docs", "Generating the docs site"):
            docs_path = generate_docs(url)
    if steps.freshness:
        with run.step("freshness", "Checking source freshness"):
            stale = freshness.stale_sources(run.conn)
            if stale:
                said = "source freshness: " + "; ".join(s.describe() for s in stale)
                run.warnings.append(said)
                run.message += "; " + said  # the run log says it too
    return docs_path


def _last_build(conn: psycopg.Connection) -> Fingerprint | None:
    """What the live marts were built from, when a logged run built them."""
    published = conn.execute(
        "select 1 from pg_namespace where nspname = %s", (db.LIVE_MARTS,)
    ).fetchone()
    return load.last_build_fingerprint(conn) if published else None


def _needs_full_refresh(last: Fingerprint | None, code: str) -> bool:
    """New rules may merge stored reports differently: rebuild every incremental model."""
    return last is None or last.code != code


def docs_current(url: str) -> bool:
    """The docs site describes the project, not its rows: the site generated from the
    same code is still right, whatever was loaded since."""
    stamp = docs_code_stamp(url)
    return docs_page(url).exists() and stamp.exists() and stamp.read_text() == code_fingerprint()
