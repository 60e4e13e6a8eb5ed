"""Stage 1, read: files, folders and JSONL feeds → SourceDocument or RejectedInput.

Reading never raises for a bad input: every file or feed line either becomes a
document or a RejectedInput with a reason an operator can act on, so one bad file
never stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from etl import config
from etl.model import InputFormat, RejectedInput, SourceDocument

FORMATS_BY_SUFFIX: dict[str, InputFormat] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}

# Non-ASCII characters of Spanish, Portuguese and French text. A file that is not
# UTF-8 is accepted as Windows-1252/Latin-1 only when every non-ASCII character it
# decodes to is one of these: random bytes decode to much else.
_LATIN_TEXT_CHARACTERS = frozenset(
    "áéíóúàèìòùâêîôûãõñçäëïöüœæÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÃÕÑÇÄËÏÖÜŒÆ¿¡«»ºª°€£“”‘’–—…·\u00a0"
)
_BINARY_SNIFF_BYTES = 8192

ReadResult = SourceDocument | RejectedInput


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file below named folders (sorted, hidden skipped).

    Below a folder, anything named like a document that is not a readable file (a
    folder called "x.txt", a broken link) is yielded too, so it is reported, not lost.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(p.startswith(".") for p in relative.parts):
                    continue
                if child.is_file() or (child.suffix.lower() in FORMATS_BY_SUFFIX):
                    yield child
        else:
            yield path


def read_sources(paths: Iterable[Path]) -> Iterator[ReadResult]:
    for path in discover(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[ReadResult]:
    uri = path.as_posix()
    input_format = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if input_format is None:
        supported = ", ".join(sorted(FORMATS_BY_SUFFIX))
        yield _reject(
            uri,
            "unsupported_extension",
            f"'{path.suffix or path.name}' files are not read; supported: {supported}",
        )
        return
    try:
        size = path.stat().st_size
        if size > config.max_document_bytes():
            yield _reject(
                uri,
                "too_large",
                f"{size:,} bytes is over the limit of {config.max_document_bytes():,} (CMW_MAX_DOCUMENT_BYTES)",
            )
            return
        raw = path.read_bytes()
    except FileNotFoundError:
        yield _reject(uri, "unreadable", "no such file")
        return
    except OSError as exc:
        yield _reject(uri, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return
    if not raw.strip():
        yield _reject(uri, "empty", "the file is empty")
        return
    if b"\x00" in raw[:_BINARY_SNIFF_BYTES]:
        yield _reject(uri, "binary", "the file holds binary data (NUL bytes), not text")
        return
    decoded = decode_text(raw)
    if decoded is None:
        yield _reject(
            uri, "undecodable", "the bytes are neither UTF-8 nor Latin-1/Windows-1252 text"
        )
        return
    text, warnings = decoded
    if input_format == "jsonl":
        yield from _read_jsonl(uri, text, warnings)
    elif input_format == "html":
        yield _read_html(uri, text, warnings)
    else:
        yield make_document(uri, text, input_format, warnings=warnings)


def decode_text(raw: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 first; legacy Western encodings only when the result reads as text."""
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        non_ascii = [c for c in text if ord(c) > 127]
        if all(c in _LATIN_TEXT_CHARACTERS for c in non_ascii):
            return text, (f"not UTF-8; decoded as {encoding}",)
    return None


def normalize_text(text: str) -> str:
    """The canonical text: NFC, Unix newlines, no trailing spaces, no outer blank lines.

    Every offset and the document's SHA-256 refer to this form, so the same article
    saved with other line endings or encodings is recognised as the same document.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def make_document(
    uri: str,
    text: str,
    input_format: InputFormat,
    *,
    title: str | None = None,
    published_date: date | None = None,
    publisher: str | None = None,
    language: str | None = None,
    warnings: tuple[str, ...] = (),
) -> ReadResult:
    body = normalize_text(text)
    if not body:
        return _reject(uri, "empty", "no text once whitespace is removed")
    return SourceDocument(
        source_uri=uri,
        text=body,
        content_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        input_format=input_format,
        title=title,
        published_date=published_date,
        publisher=publisher,
        language=language,
        warnings=warnings,
    )


def _read_html(uri: str, html: str, warnings: tuple[str, ...]) -> ReadResult:
    import trafilatura  # imported late: slow to import, and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return _reject(
            uri,
            "no_text_extracted",
            "the HTML page has no main text (only scripts, navigation or markup)",
        )
    return make_document(
        uri,
        text,
        "html",
        title=extracted.title or None,
        published_date=_parse_iso_date(extracted.date),
        publisher=extracted.sitename or None,
        language=extracted.language or None,
        warnings=warnings,
    )


def _read_jsonl(uri: str, text: str, warnings: tuple[str, ...]) -> Iterator[ReadResult]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_uri = f"{uri}#L{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(
                line_uri,
                "malformed_json",
                f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}",
            )
            continue
        if not isinstance(record, dict):
            yield _reject(line_uri, "malformed_json", f"line {number} is not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield _reject(
                line_uri, "missing_text", f"line {number} has no non-empty string field 'text'"
            )
            continue
        published = record.get("published_date")
        published_date = _parse_iso_date(published)
        if published and published_date is None:
            yield _reject(
                line_uri,
                "malformed_json",
                f"line {number}: published_date {published!r} is not an ISO date (YYYY-MM-DD)",
            )
            continue
        yield make_document(
            _optional_str(record.get("url")) or line_uri,
            body,
            "jsonl",
            title=_optional_str(record.get("title")),
            published_date=published_date,
            publisher=_optional_str(record.get("publisher")),
            language=_optional_str(record.get("language")),
            warnings=warnings,
        )


def _parse_iso_date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _reject(uri: str, code, reason: str) -> RejectedInput:
    return RejectedInput(source_uri=uri, reason_code=code, reason=reason)
