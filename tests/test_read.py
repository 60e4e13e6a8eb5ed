"""Reading inputs: every bad file becomes a specific reject, never an exception."""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import pytest

from etl.model import RejectedInput, SourceDocument
from etl.read import normalize_text, read_file, read_sources

SPANISH = "El ministro de Minería firmó un memorando de entendimiento sobre litio con Japón."


def _read_one(path: Path):
    results = list(read_sources([path]))
    assert len(results) == 1, results
    return results[0]


def _reason(path: Path) -> str:
    result = _read_one(path)
    assert isinstance(result, RejectedInput), result
    return result.reason_code


def test_plain_text_becomes_a_document_identified_by_its_normalised_text(tmp_path):
    unix = tmp_path / "a.txt"
    windows = tmp_path / "b.txt"
    unix.write_text(SPANISH + "\nSegunda línea.\n", encoding="utf-8")
    windows.write_bytes((SPANISH + "  \r\nSegunda línea.\r\n").encode("utf-8"))
    first, second = _read_one(unix), _read_one(windows)
    assert isinstance(first, SourceDocument)
    assert first.text == SPANISH + "\nSegunda línea."
    assert first.content_sha256 == second.content_sha256
    assert first.document_id == "doc_" + first.content_sha256[:16]
    assert first.input_format == "txt"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("garbage.txt", bytes(range(0x80, 0xA0)) * 4, "undecodable"),
        ("table.xlsx", b"PK\x03\x04", "unsupported_extension"),
    ],
)
def test_bad_files_are_rejected_with_a_specific_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert _reason(path) == reason


def test_latin1_spanish_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(SPANISH.encode("latin-1"))
    document = _read_one(path)
    assert isinstance(document, SourceDocument)
    assert document.text == SPANISH
    assert document.warnings and "UTF-8" in document.warnings[0]


def test_file_over_the_size_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setenv("CMW_MAX_DOCUMENT_BYTES", "100")
    path = tmp_path / "big.txt"
    path.write_text("lithium " * 50)
    assert _reason(path) == "too_large"


def test_what_is_not_a_regular_file_is_refused_before_it_is_read(tmp_path):
    folder = tmp_path / "looks_like.txt"
    folder.mkdir()
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    endless = tmp_path / "zero.txt"
    endless.symlink_to("/dev/zero")  # stat says 0 bytes; reading never ends
    reasons = {}
    for path in (folder, fifo, endless):
        (result,) = read_file(path)
        assert isinstance(result, RejectedInput)
        reasons[path.name] = (result.reason_code, result.reason.split(",")[0])
    assert reasons == {
        "looks_like.txt": ("not_a_file", "a folder"),
        "pipe.txt": ("not_a_file", "a named pipe (FIFO)"),
        "zero.txt": ("not_a_file", "a character device"),
    }


def test_a_broken_link_is_rejected_as_unreadable(tmp_path):
    path = tmp_path / "moved.txt"
    path.symlink_to(tmp_path / "gone.txt")
    (result,) = read_sources([tmp_path])
    assert (result.reason_code, result.source_uri) == ("unreadable", "moved.txt")


def test_missing_file_is_rejected_as_unreadable(tmp_path):
    assert _reason(tmp_path / "nowhere.txt") == "unreadable"


def test_jsonl_lines_are_documents_with_metadata_and_bad_lines_are_rejected(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": SPANISH,
                "url": "https://example.org/a",
                "title": "Acuerdo",
                "published_date": "2026-03-13",
                "publisher": "EFE",
                "language": "es",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Chile and Japan signed.", "published_date": "13/03/2026"}),
        "",
        json.dumps({"text": "Chile and Japan signed a memorandum."}),
    ]
    feed.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_sources([feed]))
    documents = [r for r in results if isinstance(r, SourceDocument)]
    rejects = {r.source_uri: r.reason_code for r in results if isinstance(r, RejectedInput)}
    assert [d.source_uri for d in documents] == ["https://example.org/a", "feed.jsonl#L6"]
    first = documents[0]
    assert (first.title, str(first.published_date), first.publisher, first.language) == (
        "Acuerdo",
        "2026-03-13",
        "EFE",
        "es",
    )
    assert rejects == {
        "feed.jsonl#L2": "malformed_json",
        "feed.jsonl#L3": "missing_text",
        "feed.jsonl#L4": "malformed_json",
    }


def test_html_main_text_and_metadata_are_extracted(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Chile y Japón firman</title>"
        '<meta property="og:site_name" content="Gobierno de Chile">'
        '<meta name="date" content="2026-03-12"></head><body>'
        "<script>var tracking = 1;</script><nav>Inicio | Noticias</nav><article>"
        f"<p>{SPANISH} La ceremonia tuvo lugar en Tokio ante autoridades de ambos países.</p>"
        "<p>El acuerdo promueve el intercambio de conocimiento sobre minería sostenible.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    document = _read_one(page)
    assert isinstance(document, SourceDocument)
    assert SPANISH in document.text
    assert "tracking" not in document.text
    assert document.publisher == "Gobierno de Chile"
    assert str(document.published_date) == "2026-03-12"


def test_html_page_of_only_scripts_is_rejected(tmp_path):
    page = tmp_path / "scripts.html"
    page.write_text("<html><body><script>a()</script><script>b()</script></body></html>")
    assert _reason(page) == "no_text_extracted"


def test_folders_are_read_recursively_in_a_stable_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Peru and the United States signed an MoU.")
    (tmp_path / "1.txt").write_text("Chile and Japan signed a memorandum.")
    (tmp_path / ".hidden.txt").write_text("ignored")
    uris = [r.source_uri for r in read_sources([tmp_path])]
    assert uris == ["1.txt", "b/2.txt"]


def test_normalisation_is_nfc():
    decomposed = "Mine\u0301ria"
    assert normalize_text(decomposed) == "Minéria"


# --- what an attacker or a broken feed sends ----------------------------------------


def test_the_same_file_under_any_spelling_has_one_location_and_a_relative_uri(
    tmp_path, monkeypatch
):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(SPANISH)
    (tmp_path / "link").symlink_to(folder)
    monkeypatch.chdir(tmp_path)
    spellings = [Path("articles"), Path("./articles/"), folder, Path("link")]
    found = [_read_one(path) for path in spellings]
    assert {d.source_location for d in found} == {str((folder / "sub" / "a.txt").resolve())}
    assert {d.source_uri for d in found} == {"sub/a.txt"}
    (direct,) = read_sources([Path("articles/sub/a.txt")])
    assert (direct.source_uri, direct.source_location) == ("a.txt", found[0].source_location)


def test_nul_bytes_after_the_first_kilobytes_are_cleaned_with_a_warning(tmp_path):
    path = tmp_path / "late_nul.txt"
    path.write_bytes(((SPANISH + "\n") * 200 + "\x00\x00" + SPANISH).encode())
    document = _read_one(path)
    assert isinstance(document, SourceDocument)
    assert "\x00" not in document.text and document.text.endswith(SPANISH)
    assert any("control character" in w for w in document.warnings)


def test_feed_lines_with_nul_lone_surrogates_and_bad_dates_are_cleaned_or_rejected(tmp_path):
    feed = tmp_path / "poison.jsonl"
    lines = [
        '{"text": "Chile y Jap\\u00f3n firmaron\\u0000 un memorando.", "url": "https://x.org/a\\u0000",'
        ' "title": "T\\u0000"}',
        '{"text": "Peru signed an MoU \\ud800 with Canada.", "title": "\\udfff"}',
        json.dumps({"text": "Chile signed.", "published_date": "2026-01-01T99:99"}),
        json.dumps({"text": "Peru signed.", "published_date": "2026-01-01T10:30:00Z"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_sources([feed]))
    nul, surrogate, bad_date, good_date = results
    assert isinstance(nul, SourceDocument) and "\x00" not in nul.text + nul.source_uri + nul.title
    assert nul.source_uri == "https://x.org/a"
    assert isinstance(surrogate, SourceDocument)
    assert "\ufffd" in surrogate.text and surrogate.title == "\ufffd"
    surrogate.text.encode("utf-8")  # PostgreSQL can store it
    assert any("surrogate" in w for w in surrogate.warnings)
    assert isinstance(bad_date, RejectedInput) and bad_date.reason_code == "malformed_json"
    assert "2026-01-01T99:99" in bad_date.reason
    assert isinstance(good_date, SourceDocument) and str(good_date.published_date) == "2026-01-01"


def test_a_feed_line_over_the_limit_is_rejected_by_number_and_the_rest_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("CMW_MAX_DOCUMENT_BYTES", "200")
    feed = tmp_path / "feed.jsonl.gz"
    with gzip.open(feed, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Chile and Peru signed an MoU on copper."}) + "\n")
        handle.write(json.dumps({"text": "lithium " * 500}) + "\n")
        handle.write(json.dumps({"text": "Japan and Chile held talks on lithium."}) + "\n")
    results = list(read_sources([feed]))
    assert [type(r).__name__ for r in results] == [
        "SourceDocument",
        "RejectedInput",
        "SourceDocument",
    ]
    assert results[1].source_uri == "feed.jsonl.gz#L2" and results[1].reason_code == "too_large"
    assert results[2].source_uri == "feed.jsonl.gz#L3"


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"acuerdo-\xe9.txt"), "wb") as handle:
        handle.write(SPANISH.encode())
    (document,) = read_sources([tmp_path])
    assert isinstance(document, SourceDocument)
    assert document.source_uri == "acuerdo-\\xe9.txt"
    document.source_location.encode("utf-8")  # no surrogates reach PostgreSQL
    assert any("not UTF-8" in w for w in document.warnings)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(SPANISH.encode(encoding))
    document = _read_one(path)
    assert isinstance(document, SourceDocument) and document.text == SPANISH


def test_a_stray_byte_in_utf8_text_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "stray.txt"
    path.write_bytes(SPANISH.encode() + b" \xff " + "Japón y Perú.".encode())
    document = _read_one(path)
    assert isinstance(document, SourceDocument)
    assert "Japón y Perú." in document.text and "\ufffd" in document.text
    assert any("not UTF-8" in w for w in document.warnings)


def test_a_file_of_control_characters_is_not_a_document(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 9)) * 50)
    assert _reason(path) == "binary"


def test_reading_random_bytes_never_raises(tmp_path):
    generator = random.Random(20261206)
    for i in range(300):
        suffix = generator.choice([".txt", ".jsonl", ".md", ".jsonl.gz", ".html"])
        path = tmp_path / f"random_{i}{suffix}"
        size = generator.choice([0, 1, 7, 100, 5000])
        path.write_bytes(bytes(generator.getrandbits(8) for _ in range(size)))
        for result in read_file(path):
            assert isinstance(result, SourceDocument | RejectedInput)
            if isinstance(result, SourceDocument):
                assert "\x00" not in result.text
                result.text.encode("utf-8")
