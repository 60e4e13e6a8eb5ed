"""Reading inputs: every bad file becomes a specific reject, never an exception."""

from __future__ import annotations

import json
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


def test_file_that_cannot_be_read_is_rejected_as_unreadable(tmp_path):
    # A directory named like a document: stat() works, reading fails, as for a file
    # without read permission (which root, who runs CI, could still read).
    folder = tmp_path / "looks_like.txt"
    folder.mkdir()
    results = list(read_file(folder))
    assert [r.reason_code for r in results] == ["unreadable"]
    assert "cannot read" in results[0].reason


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
    assert [d.source_uri for d in documents] == ["https://example.org/a", f"{feed.as_posix()}#L6"]
    first = documents[0]
    assert (first.title, str(first.published_date), first.publisher, first.language) == (
        "Acuerdo",
        "2026-03-13",
        "EFE",
        "es",
    )
    assert rejects == {
        f"{feed.as_posix()}#L2": "malformed_json",
        f"{feed.as_posix()}#L3": "missing_text",
        f"{feed.as_posix()}#L4": "malformed_json",
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
    assert uris == [(tmp_path / "1.txt").as_posix(), (tmp_path / "b" / "2.txt").as_posix()]


def test_normalisation_is_nfc():
    decomposed = "Mine\u0301ria"
    assert normalize_text(decomposed) == "Minéria"
