"""Stage 3, load: bulk-write documents and their extraction into `staging`.

Each batch is one transaction: the documents are COPYed into a temporary table, then
inserted with ON CONFLICT DO NOTHING; the extraction of those newly stored is COPYed
straight in (nothing stored can share their keys), and the run-log counters move in
the same transaction, so a crash leaves either the whole batch or none of it and a
re-run never duplicates.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from etl.fingerprint import Fingerprint
from etl.model import Extraction, RejectedInput, SourceDocument
from etl.read import FileState
from etl.schema import (
    EXTRACTION_TABLES,
    STAGING_SCHEMA,
    documents,
    extracted_agreement_minerals,
    extracted_agreement_participants,
    extracted_agreements,
    extracted_commitments,
    extracted_company_deal_minerals,
    extracted_company_deal_participants,
    extracted_company_deals,
    mentions,
    rejected_inputs,
)


@dataclass(frozen=True)
class ExtractedDocument:
    document: SourceDocument
    extraction: Extraction


@dataclass(frozen=True)
class BatchCounts:
    documents_loaded: int = 0
    mentions_loaded: int = 0
    agreements_loaded: int = 0
    rejected: int = 0

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(
            self.documents_loaded + other.documents_loaded,
            self.mentions_loaded + other.mentions_loaded,
            self.agreements_loaded + other.agreements_loaded,
            self.rejected + other.rejected,
        )


# --- the run log -------------------------------------------------------------


def start_run(conn: psycopg.Connection, command: str, extractor_version: str) -> str:
    """Insert the run's row and commit it at once, so even a killed run is visible."""
    run_id = uuid.uuid4().hex
    with conn.transaction():
        conn.execute(
            "insert into staging.etl_runs (run_id, command, extractor_version) values (%s, %s, %s)",
            (run_id, command, extractor_version),
        )
    return run_id


def finish_run(
    conn: psycopg.Connection,
    run_id: str,
    *,
    succeeded: bool,
    message: str,
    step_seconds: dict[str, float],
    build_outcome: str | None = None,
    fingerprint: Fingerprint | None = None,
) -> None:
    with conn.transaction():
        conn.execute(
            "update staging.etl_runs set status = %s, finished_at = now(), message = %s,"
            " step_seconds = %s, build_outcome = %s, code_fingerprint = %s, data_fingerprint = %s"
            " where run_id = %s",
            (
                "succeeded" if succeeded else "failed",
                message,
                Jsonb(step_seconds),
                build_outcome,
                fingerprint and fingerprint.code,
                fingerprint and fingerprint.data,
                run_id,
            ),
        )


def last_build_fingerprint(conn: psycopg.Connection) -> Fingerprint | None:
    """The fingerprint of what the marts were last successfully built from."""
    row = conn.execute(
        "select code_fingerprint, data_fingerprint from staging.etl_runs"
        " where status = 'succeeded' and code_fingerprint is not null"
        " order by finished_at desc limit 1"
    ).fetchone()
    return Fingerprint(*row) if row else None


def fail_interrupted_runs(conn: psycopg.Connection, by_run_id: str) -> int:
    """Mark runs still 'running' as failed: called under the write lock, so they are dead."""
    with conn.transaction():
        cursor = conn.execute(
            "update staging.etl_runs set status = 'failed', finished_at = now(),"
            " message = 'interrupted: the process ended before finishing (found by run ' || %s || ')'"
            " where status = 'running' and run_id <> %s",
            (by_run_id, by_run_id),
        )
    return cursor.rowcount


# --- lookups -------------------------------------------------------------------


@dataclass(frozen=True)
class KnownDocument:
    document_id: str
    source_uri: str
    source_location: str


def known_documents(
    conn: psycopg.Connection, content_hashes: Sequence[str]
) -> dict[str, KnownDocument]:
    """content_sha256 → the stored document, for the hashes already loaded."""
    rows = conn.execute(
        "select content_sha256, document_id, source_uri, source_location from staging.documents"
        " where content_sha256 = any(%s)",
        (list(content_hashes),),
    ).fetchall()
    return {sha: KnownDocument(*rest) for sha, *rest in rows}


def stale_documents(
    conn: psycopg.Connection, extractor_version: str, *, every: bool = False
) -> Iterator[SourceDocument]:
    """Stored documents extracted by another extractor version, rebuilt from their text
    and the metadata their input declared: exactly what a fresh load would extract from."""
    rows = conn.execute(
        "select source_uri, source_location, body, content_sha256, input_format,"
        " declared_title, declared_published_date, declared_publisher, declared_language"
        " from staging.documents where extractor_version <> %s or %s order by document_id",
        (extractor_version, every),
    ).fetchall()
    for uri, location, body, sha, input_format, title, published, publisher, language in rows:
        yield SourceDocument(
            source_uri=uri,
            source_location=location,
            text=body,
            content_sha256=sha,
            input_format=input_format,
            title=title,
            published_date=published,
            publisher=publisher,
            language=language,
        )


@dataclass(frozen=True)
class LoadedFile:
    """An input file every document of which is stored, as it was when it was read."""

    location: str
    state: FileState
    documents: int


def loaded_files(conn: psycopg.Connection, locations: Sequence[str]) -> dict[str, LoadedFile]:
    """location → the file as recorded when it was last loaded completely."""
    rows = conn.execute(
        "select source_location, size_bytes, mtime_ns, inode, documents from staging.input_files"
        " where source_location = any(%s)",
        (list(locations),),
    ).fetchall()
    return {
        location: LoadedFile(location, FileState(size, mtime_ns, int(inode)), documents)
        for location, size, mtime_ns, inode, documents in rows
    }


def record_loaded_files(conn: psycopg.Connection, run_id: str, files: Sequence[LoadedFile]) -> None:
    """Record files whose every document is now stored (in batches already committed)."""
    if not files:
        return
    latest = {file.location: file for file in files}  # one file named twice: its last read
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "insert into staging.input_files"
            " (source_location, size_bytes, mtime_ns, inode, documents, load_id)"
            " values (%s, %s, %s, %s, %s, %s)"
            " on conflict (source_location) do update set size_bytes = excluded.size_bytes,"
            " mtime_ns = excluded.mtime_ns, inode = excluded.inode,"
            " documents = excluded.documents, load_id = excluded.load_id, loaded_at = now()",
            [
                (f.location, f.state.size, f.state.mtime_ns, f.state.inode, f.documents, run_id)
                for f in latest.values()
            ],
        )


# --- batches -------------------------------------------------------------------


# Errors a row's content can cause: the row is refused, the server and session are fine.
_ROW_ERRORS = (psycopg.DataError, psycopg.IntegrityError, UnicodeError, ValueError)


def load_batch(
    conn: psycopg.Connection,
    run_id: str,
    extracted: Sequence[ExtractedDocument],
    rejects: Sequence[RejectedInput],
    *,
    seen: int,
    unchanged: int,
) -> tuple[BatchCounts, list[RejectedInput]]:
    """Load new documents with their extraction, and the batch's rejects, atomically.

    When a row of the batch is refused (a value PostgreSQL cannot store, a constraint),
    the batch is loaded again one document at a time: the documents that fail are
    rejected as `load_failed` and the rest loads. Returns the counts and those rejects.
    """
    try:
        return _load_batch(conn, run_id, extracted, rejects, seen=seen, unchanged=unchanged), []
    except _ROW_ERRORS:
        pass
    counts = _load_batch(conn, run_id, [], rejects, seen=seen, unchanged=unchanged)
    failed: list[RejectedInput] = []
    for item in extracted:
        try:
            counts += _load_batch(conn, run_id, [item], [], seen=0, unchanged=0)
        except _ROW_ERRORS as exc:
            reject = RejectedInput(
                source_uri=item.document.source_uri,
                source_location=item.document.source_location,
                reason_code="load_failed",
                reason=f"PostgreSQL refused a row of this document: {type(exc).__name__}: {exc}",
                content_sha256=item.document.content_sha256,
            )
            counts += _load_batch(conn, run_id, [], [reject], seen=0, unchanged=0)
            failed.append(reject)
    return counts, failed


def _load_batch(
    conn: psycopg.Connection,
    run_id: str,
    extracted: Sequence[ExtractedDocument],
    rejects: Sequence[RejectedInput],
    *,
    seen: int,
    unchanged: int,
) -> BatchCounts:
    with conn.transaction(), conn.cursor() as cur:
        inserted_ids = set(
            _copy_insert(
                cur,
                documents,
                [
                    "document_id",
                    "content_sha256",
                    "source_uri",
                    "source_location",
                    "input_format",
                    "title",
                    "language",
                    "published_date",
                    "publisher",
                    "body",
                    "declared_title",
                    "declared_published_date",
                    "declared_publisher",
                    "declared_language",
                    "extractor_version",
                    "load_id",
                ],
                (
                    (
                        item.document.document_id,
                        item.document.content_sha256,
                        item.document.source_uri,
                        item.document.source_location,
                        item.document.input_format,
                        item.extraction.title,
                        item.extraction.language,
                        item.extraction.published_date,
                        item.extraction.publisher,
                        item.document.text,
                        item.document.title,
                        item.document.published_date,
                        item.document.publisher,
                        item.document.language,
                        item.extraction.extractor_version,
                        run_id,
                    )
                    for item in extracted
                ),
                returning="document_id",
            )
        )
        fresh = [item for item in extracted if item.document.document_id in inserted_ids]
        counts = _insert_extractions(cur, run_id, fresh)
        _copy_rows(
            cur,
            rejected_inputs,
            [
                "source_uri",
                "source_location",
                "reason_code",
                "reason",
                "content_sha256",
                "duplicate_of_document_id",
                "load_id",
            ],
            (
                (
                    r.source_uri,
                    r.source_location,
                    r.reason_code,
                    r.reason,
                    r.content_sha256,
                    r.duplicate_of_document_id,
                    run_id,
                )
                for r in rejects
            ),
        )
        counts = BatchCounts(
            documents_loaded=len(inserted_ids),
            mentions_loaded=counts.mentions_loaded,
            agreements_loaded=counts.agreements_loaded,
            rejected=len(rejects),
        )
        _add_to_run(cur, run_id, counts, seen=seen, unchanged=unchanged)
    return counts


def replace_extractions(
    conn: psycopg.Connection, run_id: str, extracted: Sequence[ExtractedDocument]
) -> BatchCounts:
    """Swap stored documents' extraction for a new one (a newer extractor version).

    The document keeps its ingestion time (loaded_at): the order in which the warehouse
    first saw reports is what keeps agreement ids stable.
    """
    ids = [item.document.document_id for item in extracted]
    with conn.transaction(), conn.cursor() as cur:
        for table in EXTRACTION_TABLES:  # staging has no foreign keys to cascade
            cur.execute(
                sql.SQL("delete from {} where document_id = any(%s)").format(
                    sql.Identifier(STAGING_SCHEMA, table.name)
                ),
                (ids,),
            )
        for item in extracted:
            cur.execute(
                "update staging.documents set extractor_version = %s, language = %s, title = %s,"
                " published_date = %s, publisher = %s, load_id = %s"
                " where document_id = %s",
                (
                    item.extraction.extractor_version,
                    item.extraction.language,
                    item.extraction.title,
                    item.extraction.published_date,
                    item.extraction.publisher,
                    run_id,
                    item.document.document_id,
                ),
            )
        counts = _insert_extractions(cur, run_id, extracted)
        _add_to_run(cur, run_id, counts, seen=len(extracted), unchanged=0)
    return counts


def _insert_extractions(
    cur: psycopg.Cursor, run_id: str, extracted: Sequence[ExtractedDocument]
) -> BatchCounts:
    mention_count = _copy_rows(
        cur,
        mentions,
        [
            "document_id",
            "mention_index",
            "mention_kind",
            "surface_text",
            "normalized_key",
            "char_start",
            "char_end",
            "sentence_start",
            "sentence_end",
            "confidence",
            "attributes",
            "extractor_version",
            "load_id",
        ],
        (
            (
                item.document.document_id,
                index,
                m.kind,
                m.text,
                m.key,
                m.char_start,
                m.char_end,
                m.sentence_start,
                m.sentence_end,
                m.confidence,
                _json_object(tuple(m.attributes.items())),
                item.extraction.extractor_version,
                run_id,
            )
            for item in extracted
            for index, m in enumerate(item.extraction.mentions)
        ),
    )
    agreements = [
        (item.document.document_id, index, agreement, item.extraction.extractor_version)
        for item in extracted
        for index, agreement in enumerate(item.extraction.agreements)
    ]
    agreement_count = _copy_rows(
        cur,
        extracted_agreements,
        [
            "document_id",
            "agreement_index",
            "agreement_kind",
            "status",
            "title",
            "event_date",
            "event_date_precision",
            "location_city",
            "location_country_code",
            "is_legally_binding",
            "is_critical_minerals_related",
            "is_background",
            "evidence_text",
            "char_start",
            "char_end",
            "confidence",
            "extractor_version",
            "load_id",
        ],
        (
            (
                doc_id,
                index,
                a.kind,
                a.status,
                a.title,
                a.event_date,
                a.event_date_precision,
                a.location_city,
                a.location_country_code,
                a.is_legally_binding,
                a.is_critical_minerals_related,
                a.is_background,
                a.evidence_text,
                a.char_start,
                a.char_end,
                a.confidence,
                version,
                run_id,
            )
            for doc_id, index, a, version in agreements
        ),
    )
    _copy_rows(
        cur,
        extracted_agreement_participants,
        [
            "document_id",
            "agreement_index",
            "participant_kind",
            "participant_key",
            "role",
            "participant_name",
            "country_code",
            "title",
            "organization_key",
            "load_id",
        ],
        _unique(
            (
                doc_id,
                index,
                p.kind,
                p.key,
                p.role,
                p.name,
                p.country_code,
                p.title,
                p.organization_key,
                run_id,
            )
            for doc_id, index, a, _ in agreements
            for p in a.participants
        ),
    )
    _copy_rows(
        cur,
        extracted_agreement_minerals,
        ["document_id", "agreement_index", "mineral_id", "load_id"],
        _unique(
            (doc_id, index, mineral, run_id)
            for doc_id, index, a, _ in agreements
            for mineral in a.minerals
        ),
    )
    _insert_commitments_and_deals(cur, run_id, extracted)
    return BatchCounts(mentions_loaded=mention_count, agreements_loaded=agreement_count)


def _insert_commitments_and_deals(
    cur: psycopg.Cursor, run_id: str, extracted: Sequence[ExtractedDocument]
) -> None:
    """Commitments and company deals, keyed like agreements by their document and index."""
    _copy_rows(
        cur,
        extracted_commitments,
        [
            "document_id",
            "commitment_index",
            "commitment_kind",
            "value_text",
            "amount",
            "amount_high",
            "unit",
            "qualifier",
            "target_year",
            "mineral_id",
            "country_code",
            "owner_key",
            "owner_name",
            "owner_kind",
            "agreement_index",
            "company_deal_index",
            "evidence_text",
            "char_start",
            "char_end",
            "value_start",
            "value_end",
            "confidence",
            "extractor_version",
            "load_id",
        ],
        (
            (
                item.document.document_id,
                index,
                c.kind,
                c.value_text,
                c.amount,
                c.amount_high,
                c.unit,
                c.qualifier,
                c.target_year,
                c.mineral_id,
                c.country_code,
                c.owner_key,
                c.owner_name,
                c.owner_kind,
                c.agreement_index,
                _deal_of(item.extraction, index),
                c.evidence_text,
                c.char_start,
                c.char_end,
                c.value_start,
                c.value_end,
                c.confidence,
                item.extraction.extractor_version,
                run_id,
            )
            for item in extracted
            for index, c in enumerate(item.extraction.commitments)
        ),
    )
    deals = [
        (item.document.document_id, index, deal, item.extraction.extractor_version)
        for item in extracted
        for index, deal in enumerate(item.extraction.company_deals)
    ]
    _copy_rows(
        cur,
        extracted_company_deals,
        [
            "document_id",
            "deal_index",
            "deal_kind",
            "status",
            "event_date",
            "event_date_precision",
            "location_city",
            "location_country_code",
            "is_critical_minerals_related",
            "evidence_text",
            "char_start",
            "char_end",
            "confidence",
            "extractor_version",
            "load_id",
        ],
        (
            (
                doc_id,
                index,
                d.kind,
                d.status,
                d.event_date,
                d.event_date_precision,
                d.location_city,
                d.location_country_code,
                d.is_critical_minerals_related,
                d.evidence_text,
                d.char_start,
                d.char_end,
                d.confidence,
                version,
                run_id,
            )
            for doc_id, index, d, version in deals
        ),
    )
    _copy_rows(
        cur,
        extracted_company_deal_participants,
        [
            "document_id",
            "deal_index",
            "participant_kind",
            "participant_key",
            "participant_name",
            "organization_kind",
            "country_code",
            "load_id",
        ],
        _unique(
            (
                (doc_id, index, p.kind, p.key, p.name, p.organization_kind, p.country_code, run_id)
                for doc_id, index, d, _ in deals
                for p in d.participants
            ),
            key_width=4,
        ),
    )
    _copy_rows(
        cur,
        extracted_company_deal_minerals,
        ["document_id", "deal_index", "mineral_id", "load_id"],
        _unique(
            (
                (doc_id, index, mineral, run_id)
                for doc_id, index, d, _ in deals
                for mineral in d.minerals
            ),
            key_width=3,
        ),
    )


def _deal_of(extraction: Extraction, commitment_index: int) -> int | None:
    """The company deal a commitment is stated for (the first that lists it)."""
    return next(
        (
            i
            for i, deal in enumerate(extraction.company_deals)
            if commitment_index in deal.commitment_indexes
        ),
        None,
    )


@functools.lru_cache(maxsize=4096)
def _json_object(items: tuple[tuple[str, str], ...]) -> str:
    """A mention's attributes as JSON text, which COPY casts to the jsonb column: most
    mentions share a few (one per gazetteer entry), so each is written once, not per row
    (a quarter of the load's Python time went to encoding them)."""
    return json.dumps(dict(items), ensure_ascii=False)


def _unique(rows: Iterable[tuple], key_width: int = 5) -> Iterable[tuple]:
    """Drop rows whose leading key columns repeat (the extractor may name one person twice)."""
    seen: set[tuple] = set()
    for row in rows:
        key = row[:key_width]
        if key not in seen:
            seen.add(key)
            yield row


def _add_to_run(
    cur: psycopg.Cursor, run_id: str, counts: BatchCounts, *, seen: int, unchanged: int
) -> None:
    cur.execute(
        "update staging.etl_runs set documents_seen = documents_seen + %s,"
        " documents_unchanged = documents_unchanged + %s,"
        " documents_loaded = documents_loaded + %s, documents_rejected = documents_rejected + %s,"
        " mentions_loaded = mentions_loaded + %s, agreements_loaded = agreements_loaded + %s"
        " where run_id = %s",
        (
            seen,
            unchanged,
            counts.documents_loaded,
            counts.rejected,
            counts.mentions_loaded,
            counts.agreements_loaded,
            run_id,
        ),
    )


def _copy_insert(
    cur: psycopg.Cursor, table, columns: list[str], rows: Iterable[tuple], returning: str
) -> list:
    """COPY rows into a temporary twin of `table`, insert those whose key is new, and
    return their `returning` column: a document another run (or session) stored already
    is left as it is, so a re-run stores nothing twice."""
    temp = sql.Identifier(f"load_{table.name}")
    target = sql.Identifier(STAGING_SCHEMA, table.name)
    column_list = sql.SQL(", ").join(map(sql.Identifier, columns))
    cur.execute(
        sql.SQL(
            "create temp table if not exists {} (like {} including defaults) on commit drop"
        ).format(temp, target)
    )
    cur.execute(sql.SQL("truncate {}").format(temp))
    with cur.copy(sql.SQL("copy {} ({}) from stdin").format(temp, column_list)) as copy:
        for row in rows:
            copy.write_row(row)
    cur.execute(
        sql.SQL("insert into {} ({}) select {} from {} on conflict do nothing returning {}").format(
            target, column_list, column_list, temp, sql.Identifier(returning)
        )
    )
    return [row[0] for row in cur.fetchall()]


def _copy_rows(cur: psycopg.Cursor, table, columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY rows straight into `table`; returns how many.

    Only for rows no stored row can collide with: a document's extraction, written in
    the transaction that inserted the document (or, on re-extraction, deleted its old
    extraction), keyed by the document first, its keys made unique by `_unique`; and
    rejects, keyed by a serial number. A collision is a bug, and fails the batch like any
    refused row.
    """
    target = sql.Identifier(STAGING_SCHEMA, table.name)
    column_list = sql.SQL(", ").join(map(sql.Identifier, columns))
    count = 0
    with cur.copy(sql.SQL("copy {} ({}) from stdin").format(target, column_list)) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
