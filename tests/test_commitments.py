"""Commitments (amounts and capacities), one behaviour per test: text in, figures out.

No database: the text goes through `extract()` and then `find_commitments`, as the loader
will call them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import pytest
import yaml

from etl import reference
from etl.evaluation import COMMITMENT_FIELDS, evaluate
from etl.extract import extract
from etl.extract.commitments import Commitment, find_commitments
from etl.extract.entities import find_values
from etl.extract.text import Tokens, fold_same_length
from etl.model import SourceDocument


def _document(text: str, published: date | None = None) -> SourceDocument:
    """A document for a test: required fields other than the text are a test URI."""
    required = {
        f.name
        for f in dataclasses.fields(SourceDocument)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    values: dict = dict.fromkeys(required, "test://doc")
    values.update(
        text=text,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        input_format="txt",
        published_date=published,
    )
    return SourceDocument(**values)


def commitments(text: str, published: date | None = None) -> tuple[Commitment, ...]:
    extraction = extract(_document(text, published))
    return find_commitments(
        text, extraction.mentions, extraction.published_date, extraction.agreements
    )


def only(text: str, published: date | None = None) -> Commitment:
    (commitment,) = commitments(text, published)
    return commitment


def values(text: str) -> list[tuple[str, str]]:
    return [(v.kind, v.key) for v in find_values(text, Tokens(fold_same_length(text)))]


# --- amounts as written --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a US$1.1 billion plant", "USD 1100000000"),
        ("una planta de US$1.100 millones", "USD 1100000000"),
        ("um projeto de R$ 5 bilhões", "BRL 5000000000"),
        ("un investissement de 1,1 milliard de dollars", "USD 1100000000"),
        ("a €2bn fund", "EUR 2000000000"),
        ("un milliard de dollars", "USD 1000000000"),
        ("500 millions d'euros", "EUR 500000000"),
        ("7 mil milhões de dólares australianos", "AUD 7000000000"),
        ("200 crores de roupies", "INR 2000000000"),
        ("US$ 300 mi", "USD 300000000"),
        ("1,2 Md€", "EUR 1200000000"),
        ("AUD 350 million", "AUD 350000000"),
    ],
)
def test_money_is_read_in_every_language_and_notation(text, key):
    assert values(text) == [("money", key)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("50,000 metric tonnes per year", "50000 t/year"),
        ("50.000 toneladas anuales", "50000 t/year"),
        ("50 kt/an", "50000 t/year"),
        ("60 mil toneladas anuais", "60000 t/year"),
        ("13,12 milhões de toneladas por ano", "13120000 t/year"),
        ("3 000 tonnes d'uranium par an", "3000 t/year"),
        ("120,000 tons of lithium carbonate equivalent a year", "120000 t/year"),
        ("5,5 millones de toneladas", "5500000 t"),
        ("2 Mt", "2000000 t"),
    ],
)
def test_quantities_are_normalised_to_tonnes_and_rates(text, key):
    assert values(text) == [("quantity", key)]


def test_a_year_before_a_figure_is_not_the_low_end_of_a_range():
    assert values("output in 2024 and 3 million tonnes") == [("quantity", "3000000 t")]


# --- which figures are commitments ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cobalt metal was assessed at $16.50 a lb on Monday.",
        "El precio del cobre subió hasta 5,12 dólares la libra en Londres.",
        "Las exportaciones mineras de Chile a India superaron los 2.000 millones de dólares.",
        "O Brasil tem cerca de 21 milhões de toneladas de reservas de terras raras.",
        "Le régime garantit la stabilité fiscale pour les investissements supérieurs à 200 millions d'euros.",
        "The regime covers investments above US$200 million.",
    ],
)
def test_prices_trade_reserves_and_thresholds_are_not_commitments(text):
    assert commitments(text) == ()


def test_a_converted_amount_in_brackets_is_the_same_commitment():
    (c,) = commitments("France announced deals worth about 10 billion euros ($10.8 billion).")
    assert (c.amount, c.unit, c.qualifier) == (10_000_000_000, "EUR", "about")


# --- kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("EnergyX aims to build a US$1.1 billion lithium facility in Chile.", "investment", "USD"),
        (
            "El banco aprobó una línea de crédito de 300 millones de euros para Ecopetrol.",
            "financing",
            "EUR",
        ),
        ("L'AFD accordera une subvention de 25 millions d'euros à la RDC.", "grant", "EUR"),
        (
            "Une fonderie de cuivre d'une capacité de 200 000 tonnes par an.",
            "capacity",
            "t_per_year",
        ),
        ("La estatal Codelco produjo 1,33 millones de toneladas de cobre.", "production", "t"),
        (
            "A mineradora venderá até 60 mil toneladas anuais de concentrado.",
            "offtake",
            "t_per_year",
        ),
    ],
)
def test_the_words_around_a_figure_give_its_kind(text, kind, unit):
    c = only(text)
    assert (c.kind, c.unit) == (kind, unit)


def test_a_development_lender_finances_rather_than_invests():
    c = only(
        "The U.S. International Development Finance Corporation will commit US$500 million "
        "to projects in Zambia."
    )
    assert (c.kind, c.country_code) == ("financing", "ZMB")


# --- qualifier ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("The lender will provide up to US$150 million.", "up_to"),
        ("La DFC podría destinar hasta US$ 500 millones a proyectos.", "up_to"),
        ("O reino pretende investir até US$ 1 bilhão em ativos minerais.", "up_to"),
        ("La JBIC pourrait mobiliser jusqu'à un milliard de dollars.", "up_to"),
        ("The projects could produce more than 20,000 tonnes per year.", "at_least"),
        ("La cartera de inversiones supera los 11.000 millones de dólares.", "at_least"),
        ("L'UE a mobilisé plus de 1,2 milliard d'euros pour le corridor.", "at_least"),
        ("KATCO produit environ 3 000 tonnes d'uranium par an.", "about"),
        ("Os projetos poderiam produzir cerca de 190 mil toneladas anuais.", "about"),
        ("The plant will produce 50,000 tonnes a year.", "exact"),
    ],
)
def test_up_to_at_least_and_about_qualify_the_amount(text, qualifier):
    assert only(text).qualifier == qualifier


def test_a_range_keeps_both_bounds():
    c = only("La asociación podría atraer entre 1.000 y 2.000 millones de dólares en cinco años.")
    assert (c.amount, c.amount_high, c.unit, c.qualifier) == (1e9, 2e9, "USD", "range")
    c = only("The mine will produce between 20,000 and 30,000 tonnes a year.")
    assert (c.amount, c.amount_high, c.unit) == (20_000, 30_000, "t_per_year")


# --- year, mineral, place --------------------------------------------------------------------


def test_the_year_a_figure_is_due():
    c = only(
        "EnergyX aims to build a US$1.1 billion plant in Chile that is slated to come online in 2028."
    )
    assert c.target_year == 2028
    c = only("La mineradora venderá 60 mil toneladas anuais por sete anos, a partir de 2027.")
    assert c.target_year == 2027
    c = only("Abadi doit produire 9,5 millions de tonnes de GNL par an à partir de 2030.")
    assert c.target_year == 2030


def test_last_year_resolves_against_the_publication_date():
    c = only(
        "La planta de Llipi produjo el año pasado menos de 2.000 toneladas.", date(2025, 4, 24)
    )
    assert (c.target_year, c.qualifier, c.kind) == (2024, "up_to", "production")


def test_a_year_the_text_counts_from_is_not_a_target():
    assert only("The 500 million euro fund has been open since 2021.").target_year is None


def test_the_mineral_named_after_the_figure():
    c = only("It signed an offtake agreement for 3,000 tonnes per year of cobalt sulphate.")
    assert c.mineral_id == "cobalt"
    c = only("A mineradora venderá até 60 mil toneladas anuais de concentrado de espodumênio.")
    assert c.mineral_id == "lithium"


def test_a_second_tonnage_joined_to_a_rate_shares_it():
    first, second = commitments(
        "A refinery in the Democratic Republic of Congo is designed to produce 30,000 tonnes per "
        "year of copper cathode "
        "and 5,000 tonnes of cobalt hydroxide."
    )
    assert (first.unit, first.mineral_id, first.country_code) == ("t_per_year", "copper", "COD")
    assert (second.unit, second.mineral_id, second.kind) == ("t_per_year", "cobalt", "capacity")


def test_the_dateline_places_a_figure_whose_sentence_names_no_place():
    text = "LUSAKA, May 9 (Reuters) - The new smelter will cost US$400 million, the company said."
    assert only(text).country_code == "ZMB"


# --- owner ----------------------------------------------------------------------------------


def test_the_owner_is_the_first_actor_before_the_figure():
    c = only(
        "EnergyX, a lithium startup backed by General Motors, aims to build a US$1.1 billion plant in Chile."
    )
    assert (c.owner_name, c.owner_kind, c.country_code) == ("EnergyX", "company", "CHL")


def test_a_possessive_country_owns_its_fund():
    c = only("The declaration builds on Germany's €1 billion raw materials fund.")
    assert (c.owner_key, c.owner_kind, c.kind) == ("DEU", "country", "financing")


def test_a_relative_clause_belongs_to_its_antecedent():
    c = only(
        "Le groupe Orano et Kazatomprom ont signé un avenant pour leur coentreprise KATCO, "
        "qui produit environ 3 000 tonnes d'uranium par an."
    )
    assert c.owner_name == "KATCO"


def test_the_company_of_the_previous_sentence():
    c = commitments(
        "La Société minière de l'Ogooué-Lolo (SMOL) a signé un contrat avec Électrofer Matériaux. "
        "Le contrat porte sur la livraison de 150.000 tonnes par an de manganèse."
    )[-1]
    assert (c.kind, c.owner_key, c.mineral_id) == (
        "offtake",
        "societe-miniere-de-l-ogooue-lolo",
        "manganese",
    )


def test_countries_joined_as_subject_own_nothing_alone():
    c = only("France and Morocco signed deals worth about 10 billion euros.")
    assert c.owner_key is None


def test_output_of_a_country_belongs_to_that_country():
    c = only(
        "Cochilco mantuvo en 5,5 millones de toneladas su estimación de producción de cobre de Chile."
    )
    assert (c.owner_key, c.mineral_id) == ("CHL", "copper")


# --- agreement ----------------------------------------------------------------------------------


def test_a_figure_under_the_deal_belongs_to_the_agreement():
    text = (
        "The Democratic Republic of Congo and the United States signed a strategic partnership "
        "agreement on critical minerals on Wednesday. Under the deal, the U.S. International "
        "Development Finance Corporation (DFC) will make up to US$500 million available for "
        "projects in Congo."
    )
    extraction = extract(_document(text))
    (c,) = find_commitments(text, extraction.mentions, None, extraction.agreements)
    parties = {
        p.key for p in extraction.agreements[c.agreement_index].participants if p.role == "party"
    }
    assert parties == {"COD", "USA"}
    assert (c.kind, c.qualifier, c.country_code) == ("financing", "up_to", "COD")


def test_a_company_contract_is_not_the_governments_agreement():
    text = (
        "O Brasil e a China assinaram um memorando de entendimento sobre terras raras. "
        "A mineradora Terra Rara Goiás S.A. fechou um contrato com a Jiangxi Huaxin Magnetics. "
        "Pelo acordo comercial, a empresa brasileira venderá até 5 mil toneladas anuais de concentrado."
    )
    c = commitments(text)[-1]
    assert (c.kind, c.agreement_index, c.amount) == ("offtake", None, 5000)


def test_no_figures_no_work():
    assert find_commitments("Chile and Japan signed a memorandum.", ()) == ()


# --- reference and evaluation ----------------------------------------------------------------


def test_exchange_rates_are_yearly_averages_with_their_source():
    rates = reference.usd_exchange_rates()
    assert 1.05 < rates[("EUR", 2024)] < 1.11
    assert rates[("USD", 2020)] == 1.0
    for code in "EUR GBP JPY CNY KRW AUD CAD BRL MXN INR ZAR IDR CHF SEK NOK".split():
        assert all((code, year) in rates for year in range(2015, 2027)), code
    assert ("CLP", 2024) not in rates  # not sourced: SOURCES.md says so


def test_the_evaluation_pairs_commitments_and_notices_wrong_ones(tmp_path: Path):
    entry = {
        "file": "seeds/003_f6de0e519ad10198.txt",
        "language": "en",
        "agreements": [],
        "commitments": [
            {
                "kind": "investment",
                "amount": 1100000000,
                "unit": "USD",
                "qualifier": "exact",
                "target_year": 2028,
                "mineral": "lithium",
                "country": "CHL",
                "owner": "EnergyX",
                "agreement": None,
                "value_text": "US$1.1 billion",
                "amount_high": None,
            },
            {
                "kind": "capacity",
                "amount": 60000,
                "unit": "t_per_year",
                "qualifier": "exact",
                "target_year": 2030,
                "mineral": "lithium",
                "country": "CHL",
                "owner": "EnergyX",
                "agreement": None,
                "value_text": "60,000 t",
                "amount_high": None,
            },
        ],
    }
    (tmp_path / "gold.yaml").write_text(yaml.safe_dump({"documents": [entry]}), encoding="utf-8")
    scores = {s.field: s for s in evaluate(tmp_path / "gold.yaml").commitment_scores}
    assert (scores["commitments"].tp, scores["commitments"].fp, scores["commitments"].fn) == (
        1,
        1,
        1,
    )
    assert scores["commitment_owners"].f1 == 1.0 and scores["commitment_years"].f1 == 1.0
    without = {**entry}
    del without["commitments"]
    (tmp_path / "old.yaml").write_text(yaml.safe_dump({"documents": [without]}), encoding="utf-8")
    assert evaluate(tmp_path / "old.yaml").commitment_scores == []
    assert set(scores) <= set(COMMITMENT_FIELDS)


def test_company_deals_pair_by_the_companies_they_share():
    from types import SimpleNamespace

    from etl.evaluation.gold import GoldCompanyDeal, GoldDocument
    from etl.evaluation.scores import Score, score_company_deals

    gold = GoldDocument(
        name="doc.txt",
        source=_document("Sem acordo."),
        language="pt",
        published_date=None,
        persons=frozenset(),
        organizations=(),
        agreements=(),
        company_deals=(
            GoldCompanyDeal(
                "offtake",
                "signed",
                ("Lítio Vale Verde Mineração", "Hanbit Battery Materials"),
                frozenset({"BRA", "KOR"}),
                frozenset({"lithium"}),
            ),
        ),
    )

    def deal(kind: str, companies: tuple[str, ...], minerals: tuple[str, ...]):
        return SimpleNamespace(
            kind=kind,
            status="signed",
            event_date=None,
            companies=companies,
            minerals=minerals,
            participants=(),
            evidence_text="",
        )

    found = [
        deal("supply", ("Hanbit Battery Materials",), ("lithium",)),
        deal("offtake", ("Vale",), ()),
    ]
    scores = {name: Score(name) for name in COMMITMENT_FIELDS}
    errors: list[str] = []
    score_company_deals(gold, found, scores, errors)
    deals, kinds = scores["company_deals"], scores["company_deal_kinds"]
    assert (deals.tp, deals.fp, deals.fn) == (1, 1, 0)
    assert (kinds.tp, kinds.fp) == (0, 1)
    assert scores["company_deal_minerals"].f1 == 1.0
