"""Extraction in a pool of worker processes (`CMW_WORKERS`, default one per core).

Extraction is pure Python and CPU-bound, so documents are extracted side by side in
processes, not threads; the one writing connection stays in `cmw` and loads the results
in the same batches as before, while the workers already extract the next batch.
Results come back in input order, so the rows and their ids do not depend on the number
of workers. One worker extracts in `cmw` itself.

The workers are forked (Linux): they start in milliseconds with the gazetteers `cmw`
has loaded, run nothing of the caller's script again, and see the code exactly as the
parent has it (a test's monkeypatched rule too). They ignore Ctrl+C (the parent stops
them), are terminated when the run ends on an error or a signal, and when `cmw` itself
is killed they see their task pipe close and, if busy with a document, get SIGTERM from
the kernel (PR_SET_PDEATHSIG): no worker outlives `cmw`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import Pool
from types import TracebackType
from typing import Protocol, TypeVar

from etl import config
from etl.dbt import die_with_parent
from etl.extract import extract
from etl.model import Extraction, SourceDocument

T = TypeVar("T")

# Documents handed to a worker at a time: enough to make the round trip pay, few enough
# that every worker gets a share of a batch.
MAX_CHUNK = 16


class ExtractionError(Exception):
    """A rule raised on a document; its type and message, carried back from a worker."""

    @classmethod
    def of(cls, exc: Exception) -> ExtractionError:
        return cls(f"{type(exc).__name__}: {exc}")


def extract_or_error(document: SourceDocument) -> Extraction | ExtractionError:
    """One document's extraction, or the error that stopped it (never raised: one
    document's failure must not cost the rest of the batch)."""
    try:
        return extract(document)
    except Exception as exc:
        return ExtractionError.of(exc)


class ExtractionPool:
    """Worker processes for one run, started on first use, stopped when the run ends."""

    def __init__(self, workers: int):
        if workers < 1:
            raise ValueError("at least one worker")
        self.workers = workers
        self._pool: Pool | None = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(graceful=exc_type is None)

    def extract(self, documents: Sequence[SourceDocument]) -> list[Extraction | ExtractionError]:
        """Every document's extraction (or error), in input order."""
        return self._submit(documents).get()

    def extract_ahead(
        self, batches: Iterable[tuple[T, Sequence[SourceDocument]]]
    ) -> Iterator[tuple[T, list[Extraction | ExtractionError]]]:
        """Each (tag, documents) batch with its documents' extractions, in order, the
        next batch started before this one is handed over: the workers extract batch k+1
        while the caller loads batch k. Two batches are in memory at most."""
        pending: tuple[T, _Results] | None = None
        for tag, documents in batches:
            started = (tag, self._submit(documents))
            if pending is not None:
                yield pending[0], pending[1].get()
            pending = started
        if pending is not None:
            yield pending[0], pending[1].get()

    def _submit(self, documents: Sequence[SourceDocument]) -> _Results:
        """Start extracting `documents` on the workers; in `cmw` itself (one worker, or
        one document) the work is done when the results are asked for."""
        if self.workers == 1 or len(documents) < 2:
            return _InProcess(documents)
        chunk = max(1, min(MAX_CHUNK, len(documents) // (self.workers * 4)))
        return self._started().map_async(extract_or_error, documents, chunksize=chunk)

    def close(self, *, graceful: bool = True) -> None:
        """Stop the workers: let them finish (graceful) or terminate them (a signal, an error)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if graceful:
            pool.close()
        else:
            pool.terminate()
        pool.join()

    def _started(self) -> Pool:
        if self._pool is None:
            self._pool = multiprocessing.get_context("fork").Pool(
                self.workers, initializer=_worker_started, initargs=(os.getpid(),)
            )
        return self._pool


class _Results(Protocol):
    def get(self) -> list[Extraction | ExtractionError]: ...


class _InProcess:
    """Extraction in `cmw` itself, done when the results are asked for."""

    def __init__(self, documents: Sequence[SourceDocument]):
        self._documents = documents

    def get(self) -> list[Extraction | ExtractionError]:
        return [extract_or_error(d) for d in self._documents]


def _worker_started(parent: int) -> None:
    # Ctrl+C reaches the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits cmw's SIGTERM handler; a worker told to stop just stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)


def extract_many(
    documents: Iterable[SourceDocument], workers: int, *, batch_size: int | None = None
) -> Iterator[Extraction | ExtractionError]:
    """Each document's extraction (or error) in input order, `workers` processes at a
    time, reading `documents` a batch at a time (default: CMW_BATCH_SIZE, as a load does)."""
    iterator = iter(documents)
    size = batch_size or config.batch_size()
    batches = iter(lambda: list(islice(iterator, size)), [])
    with ExtractionPool(workers) as pool:
        for _, results in pool.extract_ahead((None, batch) for batch in batches):
            yield from results
