"""The synthetic corpus behind `cmw bench generate`: reproducible, stable under growth,
realistic in its mix, and with truth an annotator could check against the text."""

from __future__ import annotations

import json
import re
import tracemalloc
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from etl import corpus, reference
from etl.keys import fold
from etl.model import SourceDocument
from etl.read import read_sources

SEED = 20260301
ENTRY_KEYS = [
    "url",
    "outlet",
    "language",
    "published_date",
    "published_date_source",
    "split",
    "negative",
    "agreements",
    "company_deals",
]
AGREEMENT_KEYS = [
    "event",
    "kind",
    "status",
    "date",
    "precision",
    "place",
    "place_country",
    "parties",
    "signatories",
    "witnesses",
    "minerals",
    "binding",
    "critical",
    "background",
]
STATUSES = {"signed", "announced", "under_negotiation", "talks"}
COMPANY_DEAL_KINDS = {
    "memorandum_of_understanding",
    "offtake",
    "joint_venture",
    "investment",
    "acquisition",
    "supply",
    "other",
}
NEGATIVES = {"company_deal", "market", "other_sector", "no_outcome", "recall_only"}
# How each language says "yesterday" and "today" in a dateline-free lede.
YESTERDAY = {"en": ("yesterday",), "es": ("ayer",), "pt": ("ontem",), "fr": ("hier",)}
TODAY = {"en": ("today",), "es": ("hoy",), "pt": ("hoje",), "fr": ("aujourd'hui",)}


@cache
def sample() -> tuple[corpus.GeneratedArticle, ...]:
    return tuple(corpus.generate_articles(2000, SEED))


def _files(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_the_same_seed_writes_the_same_bytes_and_another_seed_another_corpus(tmp_path):
    first = corpus.write_corpus(tmp_path / "a", 240, SEED, shard_size=100, workers=1)
    again = corpus.write_corpus(tmp_path / "b", 240, SEED, shard_size=100, workers=1)
    other = corpus.write_corpus(tmp_path / "c", 240, SEED + 1, shard_size=100, workers=1)

    assert _files(first.directory) == _files(again.directory)
    assert sorted(_files(first.directory)) == [
        "articles/articles-00001.jsonl",
        "articles/articles-00002.jsonl",
        "articles/articles-00003.jsonl",
        "truth.jsonl",
    ]
    assert [len(p.read_text().splitlines()) for p in first.shards] == [100, 100, 40]
    first_texts = {json.loads(line)["text"] for line in first.shards[0].read_text().splitlines()}
    other_texts = {json.loads(line)["text"] for line in other.shards[0].read_text().splitlines()}
    assert not first_texts & other_texts


def test_parallel_workers_write_the_same_bytes_as_one_process(tmp_path):
    one = corpus.write_corpus(tmp_path / "one", 150, SEED, shard_size=50, workers=1)
    two = corpus.write_corpus(tmp_path / "two", 150, SEED, shard_size=50, workers=2)
    assert _files(one.directory) == _files(two.directory)


def test_a_larger_corpus_starts_with_the_smaller_one(tmp_path):
    small = corpus.write_corpus(tmp_path / "small", 120, SEED, shard_size=100, workers=1)
    large = corpus.write_corpus(tmp_path / "large", 260, SEED, shard_size=100, workers=1)

    assert small.shards[0].read_bytes() == large.shards[0].read_bytes()
    small_truth = small.truth.read_text(encoding="utf-8").splitlines()
    large_truth = large.truth.read_text(encoding="utf-8").splitlines()
    assert large_truth[:120] == small_truth
    assert large.shards[1].read_text().splitlines()[:20] == small.shards[1].read_text().splitlines()
    assert corpus.generate_article(117, SEED) == list(corpus.generate_articles(200, SEED))[117]


def test_rewriting_a_smaller_corpus_in_the_same_folder_leaves_no_stale_shard(tmp_path):
    corpus.write_corpus(tmp_path, 30, SEED, shard_size=10, workers=1)
    files = corpus.write_corpus(tmp_path, 12, SEED, shard_size=10, workers=1)

    assert sorted(p.name for p in files.articles_dir.iterdir()) == [
        "articles-00001.jsonl",
        "articles-00002.jsonl",
    ]
    assert len(files.truth.read_text().splitlines()) == 12
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "truth.jsonl"]


def test_truth_lines_are_the_article_facts_in_the_real_gold_entry_format(tmp_path):
    files = corpus.write_corpus(tmp_path, 60, SEED, shard_size=25, workers=1)
    entries = list(corpus.read_truth(files.truth))

    assert entries == [a.facts for a in corpus.generate_articles(60, SEED)]
    for entry in entries:
        assert list(entry) == ENTRY_KEYS
        assert entry["split"] is None
        for agreement in entry["agreements"]:
            assert list(agreement) == AGREEMENT_KEYS


def test_every_article_truth_uses_the_contract_and_the_reference_data():
    kinds = set(reference.agreement_kinds())
    countries = set(reference.countries())
    minerals = set(reference.minerals())
    cities = {city.name for city in reference.cities()}
    for article in sample():
        facts = article.facts
        published = date.fromisoformat(facts["published_date"])
        assert article.title
        assert all(paragraph.strip() for paragraph in article.text.split("\n\n"))
        assert facts["url"] == article.url and facts["language"] == article.language
        assert published == article.published_date
        assert facts["published_date_source"] in {"text", "url"}
        assert facts["negative"] in NEGATIVES | {None}
        assert bool(facts["agreements"]) == (facts["negative"] is None), article.url
        for agreement in facts["agreements"]:
            listed = (
                agreement["kind"] if isinstance(agreement["kind"], list) else [agreement["kind"]]
            )
            assert set(listed) <= kinds
            assert agreement["status"] in STATUSES
            assert (agreement["status"] == "talks") == (listed == ["talks"])
            assert set(agreement["parties"]) <= countries
            assert len(agreement["parties"]) >= 2
            assert agreement["parties"] == sorted(set(agreement["parties"]))
            assert set(agreement["minerals"]) <= minerals
            assert agreement["place"] is None or agreement["place"] in cities
            assert agreement["place_country"] is None or agreement["place_country"] in countries
            assert agreement["binding"] in (True, False, None)
            assert isinstance(agreement["critical"], bool)
            assert agreement["critical"] or not agreement["minerals"]
            _check_date(agreement, published)
        for deal in facts["company_deals"]:
            assert deal["kind"] in COMPANY_DEAL_KINDS
            assert set(deal["countries"]) <= countries and deal["countries"]
            assert set(deal["minerals"]) <= minerals
            assert all(company in article.text for company in deal["companies"])


def _check_date(agreement: dict, published: date) -> None:
    precision, value = agreement["precision"], agreement["date"]
    assert (value is None) == (precision is None)
    if value is None:
        return
    when = date.fromisoformat(value)
    assert when <= published
    assert precision in {"day", "month", "year"}
    if precision != "day":
        assert when.day == 1
    if precision == "year":
        assert when.month == 1
    if agreement["status"] in ("announced", "under_negotiation"):
        pytest.fail(f"a future or ongoing instrument has a date: {agreement}")


def test_truth_states_only_what_the_text_says():
    """Names as written, places and minerals named, dates the text supports."""
    names = corpus.mineral_names()
    city_names = {}
    for english, forms in corpus._CITY_NAMES.items():
        city_names[english] = {english, *forms}
    for article in sample():
        text = fold(article.text)
        for agreement in article.facts["agreements"]:
            for person in agreement["signatories"] + agreement["witnesses"]:
                assert person in article.text, (article.url, person)
            if agreement["place"]:
                spellings = city_names.get(agreement["place"], {agreement["place"]})
                assert any(fold(s) in text for s in spellings), (article.url, agreement["place"])
            for mineral in agreement["minerals"]:
                written = [fold(n) for n in names[mineral][article.language]]
                written += [
                    fold(c[article.language]) for m, c in corpus._COMPOUNDS.items() if m == mineral
                ]
                assert any(w.split(":")[-1] in text for w in written), (article.url, mineral)
            if agreement["precision"] == "day" and not agreement["background"]:
                _check_day_is_written(article, date.fromisoformat(agreement["date"]), text)


def _check_day_is_written(article: corpus.GeneratedArticle, when: date, text: str) -> None:
    """A day-precise date is in the text as a weekday, "yesterday"/"today", or day and month."""
    language = article.language
    days = (article.published_date - when).days
    weekday = fold(corpus._WEEKDAYS[language][when.weekday()])
    month = fold(corpus._MONTHS[language][when.month - 1])
    clues = [weekday, f"{when.day} {month}", f"{month} {when.day}", f"{when.day} de {month}"]
    clues += ["1er " + month, "1º de " + month]
    clues += list(YESTERDAY[language]) if days == 1 else []
    clues += [fold(t) for t in TODAY[language]] if days == 0 else []
    assert any(fold(clue) in text for clue in clues), (article.url, when, article.published_date)


def test_relative_dates_resolve_against_the_publication_date():
    """In a signing or meeting story only the event is dated, so "yesterday" is its date."""
    checked = Counter()
    for article in sample():
        words = set(re.findall(r"[\w']+", article.text.lower()))
        for agreement in article.facts["agreements"]:
            if agreement["background"] or agreement["status"] not in ("signed", "talks"):
                continue
            if agreement["precision"] != "day":
                continue
            when = date.fromisoformat(agreement["date"])
            if words & set(YESTERDAY[article.language]):
                assert when == article.published_date - timedelta(days=1), article.url
                checked["yesterday"] += 1
            weekday = corpus._WEEKDAYS[article.language][when.weekday()].lower()
            if weekday in article.text.lower():
                assert (
                    0 <= (article.published_date - when).days <= 6 or str(when.day) in article.text
                )
                checked["weekday"] += 1
    assert checked["yesterday"] > 10 and checked["weekday"] > 100


def test_the_mix_of_languages_negatives_and_re_reports_is_realistic():
    articles = sample()
    languages = Counter(a.language for a in articles)
    shares = {language: n / len(articles) for language, n in languages.items()}
    assert shares["en"] == pytest.approx(0.55, abs=0.04)
    assert shares["es"] == pytest.approx(0.25, abs=0.03)
    assert shares["pt"] == pytest.approx(0.10, abs=0.025)
    assert shares["fr"] == pytest.approx(0.10, abs=0.025)

    negatives = Counter(a.facts["negative"] for a in articles if a.facts["negative"])
    assert sum(negatives.values()) / len(articles) == pytest.approx(0.15, abs=0.025)
    assert set(negatives) == {"company_deal", "market", "other_sector", "no_outcome"}

    reports: dict[str, list[corpus.GeneratedArticle]] = defaultdict(list)
    for article in articles:
        for agreement in article.facts["agreements"]:
            if not agreement["background"]:
                reports[agreement["event"]].append(article)
    again = [event for event, seen in reports.items() if len(seen) > 1]
    assert len(again) / len(reports) == pytest.approx(0.10, abs=0.04)
    assert any(len({a.language for a in reports[event]}) > 1 for event in again)
    assert all(len({a.outlet for a in reports[event]}) == len(reports[event]) for event in again)


def test_re_reports_of_one_event_agree_on_what_it_was():
    seen: dict[str, dict] = {}
    for article in sample():
        for agreement in article.facts["agreements"]:
            first = seen.setdefault(agreement["event"], agreement)
            assert agreement["parties"] == first["parties"]
            assert agreement["status"] == first["status"]
            assert agreement["background"] == first["background"]
            assert set(agreement["minerals"]) <= set(first["minerals"]) | set(agreement["minerals"])


def test_the_corpus_covers_every_instrument_status_and_background():
    agreements = [g for a in sample() for g in a.facts["agreements"]]
    kinds = Counter(
        k for g in agreements for k in (g["kind"] if isinstance(g["kind"], list) else [g["kind"]])
    )
    assert set(kinds) == set(reference.agreement_kinds())
    assert Counter(g["status"] for g in agreements).keys() == STATUSES
    assert any(g["background"] for g in agreements)
    assert any(len(g["parties"]) > 2 for g in agreements)
    assert any(g["signatories"] for g in agreements) and any(g["witnesses"] for g in agreements)
    assert any(g["date"] is None for g in agreements if g["status"] == "signed")
    assert {g["precision"] for g in agreements} == {"day", "month", "year", None}
    assert any(g["binding"] is False for g in agreements)
    assert any(not g["critical"] for g in agreements)
    sizes = [len(a.text.encode()) for a in sample()]
    assert min(sizes) > 300 and max(sizes) < 6000
    assert sum(1000 <= s <= 5000 for s in sizes) / len(sizes) > 0.9


def test_generated_names_come_from_the_names_list_not_from_real_officials():
    names = set()
    with (reference.REFERENCE_DIR / "person_names.csv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            names.add(line.rstrip("\n").split(",", 3)[3])
    for article in sample()[:300]:
        for agreement in article.facts["agreements"]:
            for person in agreement["signatories"] + agreement["witnesses"]:
                parts = person.replace(".", "").split()
                assert any(part in names for part in parts), person


def test_mineral_names_written_are_aliases_in_the_reference():
    aliases = {(a.mineral_id, a.language, a.alias.casefold()) for a in reference.mineral_aliases()}
    for mineral, by_language in corpus.mineral_names().items():
        for language, written in by_language.items():
            for name in written:
                assert (mineral, language, name.casefold()) in aliases, (mineral, language, name)


@pytest.mark.slow
def test_writing_thousands_of_articles_holds_one_at_a_time(tmp_path):
    corpus.generate_article(0, SEED)  # reference data and caches are loaded once, before
    tracemalloc.start()
    try:
        files = corpus.write_corpus(tmp_path, 1_500, SEED, shard_size=500, workers=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert files.articles == 1_500 and len(files.shards) == 3
    written = sum(p.stat().st_size for p in files.shards)
    assert written > 1_500 * 1_000  # > 1.5 MB written...
    assert peak < written / 4  # ... while never holding more than a small part of it


def test_the_shards_load_through_read_sources_as_documents(tmp_path):
    files = corpus.write_corpus(tmp_path, 80, SEED, shard_size=30, workers=1)
    results = list(read_sources([files.articles_dir]))
    truth = list(corpus.read_truth(files.truth))

    assert all(isinstance(r, SourceDocument) for r in results)
    assert [d.source_uri for d in results] == [entry["url"] for entry in truth]
    assert [d.language for d in results] == [entry["language"] for entry in truth]
    assert [d.published_date.isoformat() for d in results] == [e["published_date"] for e in truth]
    assert [d.publisher for d in results] == [entry["outlet"] for entry in truth]
    assert len({d.content_sha256 for d in results}) == 80
    assert all(d.input_format == "jsonl" and d.title for d in results)
