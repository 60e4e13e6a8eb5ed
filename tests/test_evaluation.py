"""`cmw eval` on real-article facts: texts in a folder by URL, missing texts counted,
splits, and cross-document merging measured in a throwaway warehouse."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from etl.evaluation import article_file_name, evaluate
from etl.evaluation.scores import COMMITMENT_FIELDS, Score, score_company_deals

# Two outlets report one signing, in two languages; a third article reports another
# instrument of the same pair two years earlier; a fourth is a company deal.
ARTICLES = {
    "https://news.example/en/chile-japan-mou": (
        "Chile and Japan signed a memorandum of understanding on lithium and copper in"
        " Tokyo on 12 March 2025, the Chilean Ministry of Mining said.",
        "2025-03-13",
    ),
    "https://noticias.example/es/chile-japon": (
        "Chile y Japón firmaron el 12 de marzo de 2025 en Tokio un memorando de"
        " entendimiento sobre litio y cobre, informó el Ministerio de Minería.",
        "2025-03-13",
    ),
    "https://news.example/en/chile-japan-2023": (
        "Chile and Japan held talks on copper supply in Santiago on 5 June 2023.",
        "2023-06-06",
    ),
    "https://news.example/en/offtake": (
        "Andes Lithium Corp signed an offtake agreement with Kansai Battery Ltd for"
        " 20,000 tonnes of lithium carbonate a year.",
        "2025-04-02",
    ),
}


def _agreement(event, kind, status, date, parties, minerals, place):
    return {
        "event": event,
        "kind": kind,
        "status": status,
        "date": date,
        "precision": "day",
        "place": place,
        "place_country": None,
        "parties": parties,
        "signatories": [],
        "witnesses": [],
        "minerals": minerals,
        "binding": None,
        "critical": True,
        "background": False,
    }


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    for url, (text, _) in ARTICLES.items():
        if "2023" not in url:  # one article's text was never fetched here
            (texts / article_file_name(url)).write_text(text, encoding="utf-8")
    mou = ("CHL-JPN-2025-03-memorandum", "memorandum_of_understanding", "signed")
    articles = [
        {
            "url": url,
            "outlet": "Example",
            "language": "es" if "/es/" in url else "en",
            "published_date": published,
            "split": "heldout" if "offtake" not in url else "development",
            "negative": "company_deal" if "offtake" in url else None,
            "agreements": []
            if "offtake" in url
            else [
                _agreement(*mou, "2025-03-12", ["CHL", "JPN"], ["copper", "lithium"], "Tokyo")
                if "2023" not in url
                else _agreement(
                    "CHL-JPN-2023-06-talks",
                    "talks",
                    "talks",
                    "2023-06-05",
                    ["CHL", "JPN"],
                    ["copper"],
                    "Santiago",
                )
            ],
            "company_deals": [],
        }
        for url, (_, published) in ARTICLES.items()
    ]
    path = tmp_path / "articles.yaml"
    path.write_text(yaml.safe_dump({"articles": articles}, allow_unicode=True), encoding="utf-8")
    return path


def test_real_articles_are_scored_from_their_texts_and_missing_texts_are_counted(facts):
    report = evaluate(facts)
    assert report.documents == 3 and report.missing_texts == 1
    assert any("1 articles skipped" in note for note in report.notes)
    assert report.score("agreements").f1 == 1.0
    assert report.score("places").f1 == 1.0
    assert report.score("dates").f1 == 1.0
    assert report.negatives == 1 and report.negatives_with_agreements == 0
    assert "published_dates" not in {s.field for s in report.scores}  # given, not found
    heldout = evaluate(facts, split="heldout")
    assert heldout.documents == 2 and heldout.negatives == 0


def test_a_wrong_fact_lowers_the_score(facts):
    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["articles"][0]["agreements"][0]["place"] = "Osaka"
    data["articles"][0]["agreements"][0]["date"] = "2025-03-11"
    facts.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = evaluate(facts)
    assert report.score("places").f1 < 1.0 and report.score("dates").f1 < 1.0


@pytest.mark.postgres
@pytest.mark.slow
def test_merges_are_measured_in_a_throwaway_warehouse(facts, server_url, monkeypatch, tmp_path):
    monkeypatch.setenv("CMW_DATABASE_URL", server_url)
    monkeypatch.setenv("CMW_HOME", str(tmp_path / "home"))  # dbt's artifacts of the throwaway
    texts = facts.parent / "texts"
    (texts / article_file_name("https://news.example/en/chile-japan-2023")).write_text(
        ARTICLES["https://news.example/en/chile-japan-2023"][0], encoding="utf-8"
    )
    report = evaluate(facts, merges=True)
    assert report.merges is not None
    assert (report.merges.expected_pairs, report.merges.merged) == (1, 1)
    assert report.merges.false_merges == 0


def test_the_texts_folder_is_rebuilt_from_the_urls(tmp_path):
    """A local web server stands in for the outlets."""
    import functools
    import http.server
    import threading

    from etl.evaluation.fetch import fetch_missing

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(
        "<html><head><title>Chile y Japón</title></head><body><nav>Inicio</nav><article>"
        "<p>Chile y Japón firmaron un memorando de entendimiento sobre litio en Tokio, "
        "informó el Ministerio de Minería en un comunicado publicado este miércoles.</p>"
        "<p>El acuerdo prevé intercambios técnicos y estudios geológicos conjuntos.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    facts = tmp_path / "articles.yaml"
    facts.write_text(
        yaml.safe_dump({"articles": [{"url": f"{base}/a.html"}, {"url": f"{base}/gone.html"}]}),
        encoding="utf-8",
    )
    try:
        fetched, failed = fetch_missing(facts, tmp_path / "texts")
    finally:
        server.shutdown()
        server.server_close()
    assert (fetched, failed) == (1, [f"{base}/gone.html"])
    text = (tmp_path / "texts" / article_file_name(f"{base}/a.html")).read_text()
    assert "memorando de entendimiento" in text and "Inicio" not in text


def test_a_company_written_with_its_acronym_pairs_with_the_name_the_text_gives():
    """Gold "State Mining Corporation (STAMICO)" is the deal the extractor names "State
    Mining Corporation"; another company is not."""
    gold = SimpleNamespace(
        name="doc",
        company_deals=(
            SimpleNamespace(
                kind="memorandum_of_understanding",
                status="signed",
                companies=("State Mining Corporation (STAMICO)",),
                event_date=None,
                minerals=(),
                countries=(),
            ),
        ),
    )

    def found(company: str) -> SimpleNamespace:
        return SimpleNamespace(
            kind="memorandum_of_understanding",
            status="signed",
            companies=(company,),
            event_date=None,
            minerals=(),
            participants=(),
            evidence_text="",
        )

    for company, paired in (("State Mining Corporation", 1), ("STAMICO", 1), ("Korea Zinc", 0)):
        scores = {name: Score(name) for name in COMMITMENT_FIELDS}
        score_company_deals(gold, [found(company)], scores, [])
        assert scores["company_deals"].tp == paired, company
