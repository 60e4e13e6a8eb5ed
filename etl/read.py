"""Stage 1, read: files, folders and JSONL feeds → SourceDocument or RejectedInput.

Reading never raises for a bad input: every file or feed line either becomes a
document or a RejectedInput with a reason an operator can act on, so one bad file
never stops the batch. Everything is streamed: folders are walked lazily, feeds are
read line by line, and no read takes more than CMW_MAX_DOCUMENT_BYTES (plus one
byte) of memory per document, whatever `stat` says about the file.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from etl import config
from etl.model import InputFormat, RejectedInput, RejectReason, SourceDocument

FORMATS_BY_SUFFIX: dict[str, InputFormat] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
}

# Non-ASCII characters of Spanish, Portuguese and French text. A file that is not
# UTF-8 is accepted as Windows-1252/Latin-1 only when every non-ASCII character it
# decodes to is one of these: random bytes decode to much else.
_LATIN_TEXT_CHARACTERS = frozenset(
    "áéíóúàèìòùâêîôûãõñçäëïöüœæÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÃÕÑÇÄËÏÖÜŒÆ¿¡«»ºª°€£“”‘’–—…·\u00a0"
)
_BINARY_SNIFF_BYTES = 8192
# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that PostgreSQL text cannot hold (NUL) or that no article contains;
# tab, line feed, carriage return and form feed are layout. JSON's "\ud800" decodes to a
# lone surrogate, which UTF-8 cannot encode.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# More control characters than this share of a text: it is not text.
_MAX_CONTROL_SHARE = 0.05
# A few undecodable bytes in otherwise UTF-8 text are replaced; more than this share is
# another encoding or binary data.
_MAX_STRAY_BYTE_SHARE = 0.001
_MIN_STRAY_BYTES_TOLERATED = 8

ReadResult = SourceDocument | RejectedInput


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path, how the warehouse shows it, and its canonical identity.

    `uri` is relative to the source root the operator named (the file's name when a
    file was named directly); `location` is the resolved absolute path, the same for
    every spelling of the path (`seeds`, `./seeds/`, `$PWD/seeds`, a symlink).
    """

    path: Path
    uri: str
    location: str


@dataclass(frozen=True)
class FileState:
    """What tells that a file is still the one read before, without opening it.

    Its size, its modification time in nanoseconds, and its inode (a file replaced by
    another of the same size and time, e.g. a copy that keeps times, is another file).
    Not the device number, which may change when a disk is mounted again; not the change
    time, which a `chmod` moves without changing a byte.
    """

    size: int
    mtime_ns: int
    inode: int


def file_state(input_file: InputFile) -> FileState | None:
    """The state of a regular file (through links); None for anything else, or a file
    `stat` cannot see: those are always read, and rejected as today."""
    try:
        status = os.stat(input_file.path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return FileState(status.st_size, status.st_mtime_ns, status.st_ino)


def unchanged_since_loaded(state: FileState | None, loaded: FileState | None) -> bool:
    """The rule for skipping a file: it is a regular file, and its location was recorded
    with this very size, modification time and inode when every document of it was
    stored (etl/pipeline.py records it; a file with a rejected input is not recorded)."""
    return state is not None and state == loaded


def discover(paths: Iterable[Path]) -> Iterator[InputFile]:
    """Files named directly, and every file below named folders, walked lazily.

    Each folder is listed in sorted order (a stable load order) and hidden entries are
    skipped. Below a folder, anything named like a document that is not a regular file
    (a FIFO, a device, a broken link, a folder called "x.txt") is yielded too, so it is
    reported, not lost.
    """
    for root in paths:
        resolved_root = _resolve(root)
        if root.is_dir():
            for path in _walk(root):
                relative = path.relative_to(root)
                yield InputFile(path, _display(relative.as_posix()), _location(path))
        else:
            yield InputFile(root, _display(root.name), _location(root, resolved_root))


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path)
        elif _input_format(path) is not None or _is_regular(path):
            yield path


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def _location(path: Path, resolved: Path | None = None) -> str:
    return _display(str(resolved or _resolve(path)))


def _is_utf8_name(path: Path) -> bool:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _display(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 shown as \\xNN, never as surrogates."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_sources(paths: Iterable[Path]) -> Iterator[ReadResult]:
    for input_file in discover(paths):
        yield from read_input(input_file)


def read_file(path: Path) -> Iterator[ReadResult]:
    """One file, named by its own path (tests, the evaluation, the benchmark)."""
    yield from read_input(InputFile(path, _display(path.as_posix()), _location(path)))


def read_input(input_file: InputFile) -> Iterator[ReadResult]:
    """Read one input; any failure becomes a reject of this input only."""
    try:
        yield from _read_input(input_file)
    except Exception as exc:  # a reader's bug must not cost the rest of the batch
        yield _reject(
            input_file, "unreadable", f"reading failed: {type(exc).__name__}: {_clean(str(exc))}"
        )


def _read_input(input_file: InputFile) -> Iterator[ReadResult]:
    path = input_file.path
    input_format = _input_format(path)
    if input_format is None:
        supported = ", ".join(sorted(FORMATS_BY_SUFFIX))
        yield _reject(
            input_file,
            "unsupported_extension",
            f"'{_display(path.suffix or path.name)}' files are not read; supported: {supported}",
        )
        return
    warnings: tuple[str, ...] = ()
    if not _is_utf8_name(path):
        warnings = ("the file name is not UTF-8; its bytes are shown escaped (\\xNN)",)
    limit = config.max_document_bytes()
    try:
        with _open_regular(path) as handle:
            if input_format == "jsonl":
                compressed = path.name.lower().endswith(".gz")
                with gzip.open(handle) if compressed else contextlib.nullcontext(handle) as stream:
                    yield from _read_jsonl(input_file, stream, limit, warnings)  # type: ignore[arg-type]
                return
            raw = handle.read(limit + 1)
    except _NotRegularFile as exc:
        yield _reject(input_file, "not_a_file", str(exc))
        return
    except FileNotFoundError:
        yield _reject(input_file, "unreadable", "no such file (or a broken link)")
        return
    except (OSError, EOFError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        yield _reject(input_file, "unreadable", f"cannot read the file: {reason}")
        return
    if len(raw) > limit:
        yield _reject(
            input_file,
            "too_large",
            f"over the limit of {limit:,} bytes per document (CMW_MAX_DOCUMENT_BYTES)",
        )
        return
    text_or_reject = _decode(input_file, raw, "the file")
    if isinstance(text_or_reject, RejectedInput):
        yield text_or_reject
        return
    text, decode_warnings = text_or_reject
    warnings += decode_warnings
    if input_format == "html":
        yield _read_html(input_file, text, warnings)
    else:
        yield make_document(input_file, text, input_format, warnings=warnings)


def _input_format(path: Path) -> InputFormat | None:
    name = path.name.lower()
    for suffix, input_format in FORMATS_BY_SUFFIX.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return input_format
    return None


class _NotRegularFile(OSError):
    pass


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; anything else is refused before it is read.

    The kind is checked before opening (opening a FIFO would wait for a writer, reading
    /dev/zero never ends) and again on the open descriptor, in case the path changed.
    """
    _require_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        _require_regular(os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    raise _NotRegularFile(f"{kind}, not a regular file: only regular files are read")


def _decode(
    input_file: InputFile, raw: bytes, what: str
) -> tuple[str, tuple[str, ...]] | RejectedInput:
    if not raw.strip():
        return _reject(input_file, "empty", f"{what} is empty")
    decoded = decode_text(raw)
    if decoded is None:
        if b"\x00" in raw[:_BINARY_SNIFF_BYTES]:
            return _reject(input_file, "binary", f"{what} holds binary data (NUL bytes), not text")
        return _reject(
            input_file,
            "undecodable",
            f"{what} is neither UTF-8 (with or without a byte-order mark), UTF-16/32 with a"
            " byte-order mark, nor Latin-1/Windows-1252 text",
        )
    text, warnings = decoded
    if "\x00" in text[:_BINARY_SNIFF_BYTES]:
        return _reject(input_file, "binary", f"{what} holds binary data (NUL bytes), not text")
    return text, warnings


def decode_text(raw: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 first; a byte-order mark's encoding; legacy Western encodings when the result
    reads as text; UTF-8 with a few stray bytes replaced. None: not text we can read."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                text = raw[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                return None
            return text, (() if encoding == "utf-8" else (f"decoded as {encoding.upper()}",))
    try:
        return raw.decode("utf-8"), ()
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
    text = raw.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - raw.count("\ufffd".encode())
    if stray <= max(_MIN_STRAY_BYTES_TOLERATED, len(raw) * _MAX_STRAY_BYTE_SHARE):
        return text, (f"{stray} byte(s) that are not UTF-8 replaced by U+FFFD",)
    return None


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Text PostgreSQL can store and the extractor can read: no NUL or other control
    characters, no lone surrogates (a JSON "\\ud800"). Says what it changed."""
    warnings: list[str] = []
    text, surrogates = _LONE_SURROGATE.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"{surrogates} lone surrogate code point(s) replaced by U+FFFD")
    text, controls = _CONTROL.subn(" ", text)
    if controls:
        warnings.append(f"{controls} control character(s) (NUL and the like) replaced by spaces")
    return text, tuple(warnings)


def _control_count(text: str) -> int:
    return len(_CONTROL.findall(text))


def _clean(value: str) -> str:
    return clean_text(value)[0]


def normalize_text(text: str) -> str:
    """The canonical text: NFC, Unix newlines, no trailing spaces, no outer blank lines.

    Every offset and the document's SHA-256 refer to this form, so the same article
    saved with other line endings or encodings is recognised as the same document.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def make_document(
    input_file: InputFile,
    text: str,
    input_format: InputFormat,
    *,
    title: str | None = None,
    published_date: date | None = None,
    publisher: str | None = None,
    language: str | None = None,
    warnings: tuple[str, ...] = (),
) -> ReadResult:
    control_count = _control_count(text)
    if control_count > len(text) * _MAX_CONTROL_SHARE:
        return _reject(
            input_file,
            "binary",
            f"{control_count:,} of {len(text):,} characters are control characters: not text",
        )
    text, cleaning = clean_text(text)
    body = normalize_text(text)
    if not body:
        return _reject(input_file, "empty", "no text once whitespace is removed")
    if not any(c.isalnum() for c in body):
        return _reject(input_file, "empty", "no letters or digits: nothing to read")
    return SourceDocument(
        source_uri=input_file.uri,
        source_location=input_file.location,
        text=body,
        content_sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        input_format=input_format,
        title=title,
        published_date=published_date,
        publisher=publisher,
        language=language,
        warnings=warnings + cleaning,
    )


def _read_html(input_file: InputFile, html: str, warnings: tuple[str, ...]) -> ReadResult:
    import trafilatura  # imported late: slow to import, and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        return _reject(
            input_file,
            "no_text_extracted",
            "the HTML page has no main text (only scripts, navigation or markup)",
        )
    return make_document(
        input_file,
        text,
        "html",
        title=_optional_str(getattr(extracted, "title", None)),
        published_date=_html_date(getattr(extracted, "date", None)),
        publisher=_optional_str(getattr(extracted, "sitename", None)),
        language=_optional_str(getattr(extracted, "language", None)),
        warnings=warnings,
    )


def _read_jsonl(
    input_file: InputFile, stream: BinaryIO, limit: int, warnings: tuple[str, ...]
) -> Iterator[ReadResult]:
    """One document per line, read line by line: a line over the limit is rejected and
    skipped without being held in memory, and the feed goes on."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        line_file = InputFile(
            input_file.path, f"{input_file.uri}#L{number}", f"{input_file.location}#L{number}"
        )
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line, a megabyte at a time
            yield _reject(
                line_file,
                "too_large",
                f"line {number} is over the limit of {limit:,} bytes per document"
                " (CMW_MAX_DOCUMENT_BYTES)",
            )
            continue
        if not line.strip():
            continue
        decoded = _decode(line_file, line, f"line {number}")
        if isinstance(decoded, RejectedInput):
            yield decoded
            continue
        text, decode_warnings = decoded
        yield _jsonl_record(line_file, number, text, warnings + decode_warnings)


def _jsonl_record(
    line_file: InputFile, number: int, line: str, warnings: tuple[str, ...]
) -> ReadResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _reject(
            line_file,
            "malformed_json",
            f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}",
        )
    if not isinstance(record, dict):
        return _reject(line_file, "malformed_json", f"line {number} is not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return _reject(
            line_file, "missing_text", f"line {number} has no non-empty string field 'text'"
        )
    published = record.get("published_date")
    published_date = parse_published_date(published)
    if published not in (None, "") and published_date is None:
        return _reject(
            line_file,
            "malformed_json",
            f"line {number}: published_date {_clean(repr(published))} is not an ISO date"
            " (YYYY-MM-DD, or a full ISO 8601 date-time)",
        )
    url = _optional_str(record.get("url"))
    if url:
        line_file = InputFile(line_file.path, url, url)
    return make_document(
        line_file,
        body,
        "jsonl",
        title=_optional_str(record.get("title")),
        published_date=published_date,
        publisher=_optional_str(record.get("publisher")),
        language=_optional_str(record.get("language")),
        warnings=warnings,
    )


def parse_published_date(value: object) -> date | None:
    """An ISO 8601 date, or a valid date-time (its date); anything else is None.

    "2026-01-01T99:99" is not a date-time, so it is not silently read as 2026-01-01.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _html_date(value: object) -> date | None:
    """trafilatura's date: an ISO date, or None when it found none."""
    return parse_published_date(value)


def _optional_str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _clean(value).strip() or None


def _reject(input_file: InputFile, code: RejectReason, reason: str) -> RejectedInput:
    return RejectedInput(
        source_uri=input_file.uri,
        source_location=input_file.location,
        reason_code=code,
        reason=reason,
    )
