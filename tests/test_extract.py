"""Extraction rules, one behaviour per test: text in, facts out, no database."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from etl.extract import EXTRACTOR_VERSION, extract
from etl.extract.metadata import blank_cross_references
from etl.extract.text import fold_same_length, whole_word_starts
from etl.keys import person_key
from etl.model import Extraction, SourceDocument


def read(text: str, **metadata) -> Extraction:
    document = SourceDocument(
        source_uri="test://doc",
        source_location="test://doc",
        text=text,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        input_format="txt",
        **metadata,
    )
    return extract(document)


def keys(extraction: Extraction, kind: str) -> set[str]:
    return {m.key for m in extraction.mentions if m.kind == kind}


def parties(agreement) -> set[str]:
    return {p.key for p in agreement.participants if p.role == "party"}


def roles(agreement) -> dict[str, str]:
    return {p.key: p.role for p in agreement.participants if p.kind == "person"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Chile and Japan signed a memorandum on lithium and copper in Tokyo on Monday.", "en"),
        (
            "Chile y Japón firmaron un memorando sobre el litio y el cobre en Tokio este lunes.",
            "es",
        ),
        (
            "O Brasil e a China assinaram um memorando sobre terras raras em Pequim nesta segunda.",
            "pt",
        ),
        (
            "La France et le Maroc ont signé un protocole d'accord sur le cobalt à Rabat lundi.",
            "fr",
        ),
    ],
)
def test_language_is_detected(text, language):
    assert read(text).language == language


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Francisco Pérez Mackenna", "francisco-perez-mackenna"),
        ("Kemal Aydın", "kemal-aydin"),  # letters Unicode does not decompose
        ("Dan Jørgensen", "dan-jorgensen"),
        ("Łukasz Wróbel", "lukasz-wrobel"),
    ],
)
def test_person_keys_keep_every_letter(name, key):
    assert person_key(name) == key
    assert fold_same_length(name) == key.replace("-", " ")


def test_a_declared_language_wins():
    assert read("Chile and Japan signed a memorandum.", language="es").language == "es"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Los gobiernos de Chile y Estados Unidos firmaron.", {"CHL", "USA"}),
        ("El viceministro surcoreano llegó a Santiago.", {"KOR"}),
        ("Japanese and Chilean officials met.", {"JPN", "CHL"}),
        ("EE.UU. y la UE negocian.", {"USA", "EUU"}),
        ("L'Inde et l'Argentine ont signé.", {"IND", "ARG"}),
        ("A ministra sul-coreana visitou a Índia.", {"KOR", "IND"}),
    ],
)
def test_countries_in_four_languages(text, expected):
    assert keys(read(text), "country") == expected


def test_a_currency_is_not_a_country():
    assert "USA" not in keys(read("Una inversión de US$ 500 millones en Perú."), "country")


def test_minerals_and_their_synonyms_map_to_slugs():
    found = keys(
        read("Acuerdo sobre tierras raras, litio y grafito; o Brasil tem grafita e nióbio."),
        "mineral",
    )
    assert found == {"rare_earth_elements", "lithium", "graphite", "niobium"}


def test_generic_phrases_are_not_minerals():
    assert (
        keys(read("Cooperation on critical minerals and minerales críticos."), "mineral") == set()
    )


def test_an_everyday_word_is_a_mineral_only_in_a_list_of_minerals():
    assert "lead" not in keys(read("The minister will lead the delegation to Lima."), "mineral")
    assert "lead" in keys(read("Peru produces copper, silver, lead and zinc."), "mineral")


def test_person_with_a_spanish_title_before_the_name():
    text = "El documento fue suscrito por el ministro de Relaciones Exteriores, Francisco Pérez Mackenna."
    person = next(m for m in read(text).mentions if m.kind == "person")
    assert person.key == "francisco-perez-mackenna"
    assert person.attributes["title"] == "Ministro de Relaciones Exteriores"


def test_person_with_a_title_in_apposition_and_a_surname_later():
    text = (
        '"A good first step," said Teague Egan, the EnergyX CEO. '
        "US Deputy Secretary of State Christopher Landau spoke first. Landau added more."
    )
    mentions = [m for m in read(text).mentions if m.kind == "person"]
    egan = next(m for m in mentions if m.key == "teague-egan")
    assert egan.attributes["title"] == "EnergyX CEO"
    landau = [m for m in mentions if m.key == "christopher-landau"]
    assert [m.text for m in landau] == ["Christopher Landau", "Landau"]
    assert landau[0].attributes["country_code"] == "USA"
    assert landau[0].attributes["title"] == "Deputy Secretary of State"


def test_a_portfolio_is_not_a_person():
    text = "El ministro de Energía y Minas, Jorge Montero Salas, viajó a Ottawa."
    assert keys(read(text), "person") == {"jorge-montero-salas"}


def test_organisation_with_acronym_is_one_organisation():
    text = (
        "She signed with the Japanese Ministry of Economy, Trade and Industry (METI). "
        "METI will fund studies."
    )
    orgs = [m for m in read(text).mentions if m.kind == "organization"]
    assert {m.key for m in orgs} == {"ministry-of-economy-trade-and-industry"}
    assert [m.text for m in orgs] == [
        "Japanese Ministry of Economy, Trade and Industry",
        "METI",
        "METI",
    ]
    assert orgs[0].attributes["country_code"] == "JPN"


def test_organisations_found_by_the_shape_of_their_names():
    text = "El Servicio Geológico Mexicano y la empresa Sigma Lithium firmaron con la Cámara Minera de México."
    names = {m.text for m in read(text).mentions if m.kind == "organization"}
    assert {"Servicio Geológico Mexicano", "Sigma Lithium", "Cámara Minera de México"} <= names


def test_money_and_capacities():
    text = "A US$1.1 billion (S$1.41 billion) plant to produce 50,000 metric tonnes per year."
    found = keys(read(text), "money") | keys(read(text), "quantity")
    assert found == {"USD 1100000000", "SGD 1410000000", "50000 t/year"}


def test_relative_dates_resolve_against_the_publication_date_only():
    text = "date 2026-03-13\nChile and the US signed a joint statement on Thursday (March 12)."
    extraction = read(text)
    assert extraction.published_date == date(2026, 3, 13)
    (agreement,) = extraction.agreements
    assert (agreement.event_date, agreement.event_date_precision) == (date(2026, 3, 12), "day")
    undated = read("Chile y Estados Unidos firmaron este viernes una declaración conjunta.")
    assert undated.published_date is None
    assert undated.agreements[0].event_date is None  # never guessed, never the load date


def test_signed_instrument_with_signatories_and_a_witness():
    text = (
        "Chile y Estados Unidos firmaron una Declaración Conjunta sobre Minerales Críticos. "
        "El documento fue suscrito por el ministro de Relaciones Exteriores, Francisco Pérez "
        "Mackenna, y el vicesecretario de Estado estadounidense, Christopher Landau, en presencia "
        "del Presidente José Antonio Kast."
    )
    (agreement,) = read(text).agreements
    assert (agreement.kind, agreement.status) == ("joint_declaration", "signed")
    assert parties(agreement) == {"CHL", "USA"}
    assert roles(agreement) == {
        "francisco-perez-mackenna": "signatory",
        "christopher-landau": "signatory",
        "jose-antonio-kast": "witness",
    }
    assert agreement.title == "Declaración Conjunta sobre Minerales Críticos"


def test_a_meeting_that_only_discussed_is_talks():
    text = "South Korea's Vice Finance Minister Kim Yoon-sang met with Chile's Finance Minister Mario Marcel to discuss lithium."
    (agreement,) = read(text).agreements
    assert (agreement.kind, agreement.status) == ("talks", "talks")
    assert parties(agreement) == {"CHL", "KOR"}
    assert set(roles(agreement).values()) == {"attendee"}


def test_a_signing_announced_for_later_is_announced():
    text = "Saudi Arabia and the United States are expected to sign a memorandum of understanding on lithium next month."
    (agreement,) = read(text).agreements
    assert (agreement.kind, agreement.status) == ("memorandum_of_understanding", "announced")


def test_negotiations_are_under_negotiation():
    text = "Bruxelles et Kinshasa négocient désormais un accord-cadre sur le cobalt."
    (agreement,) = read(text).agreements
    assert (agreement.kind, agreement.status) == ("framework_agreement", "under_negotiation")
    assert parties(agreement) == {"EUU", "COD"}


def test_legal_force_as_the_text_states_it():
    text = "Peru and the United States signed an MoU on copper. The MoU does not create legally binding obligations."
    assert read(text).agreements[0].is_legally_binding is False
    silent = "Peru and the United States signed an MoU on copper."
    assert read(silent).agreements[0].is_legally_binding is None


def test_an_accord_on_another_subject_is_not_critical_minerals_related():
    text = "Japan and Mozambique signed a memorandum of understanding on liquefied natural gas supplies."
    (agreement,) = read(text).agreements
    assert agreement.is_critical_minerals_related is False


def test_a_deal_between_companies_is_not_an_agreement():
    text = "Perth-based Aurelia Battery Metals signed a binding five-year offtake agreement with South Korea's Hanseong Materials."
    assert read(text).agreements == ()


def test_context_countries_are_not_parties():
    text = "Chile and the United States signed a joint statement, seeking to reduce reliance on China for rare earths."
    assert parties(read(text).agreements[0]) == {"CHL", "USA"}


def test_an_opinion_in_quotes_is_not_a_signing():
    text = '"It is something of a framework agreement with the US," said an executive.'
    assert read(text).agreements == ()


def test_two_instruments_in_one_sentence_are_two_agreements():
    text = (
        "date 2025-02-12\nL'Indonésie et le Japon ont signé hier une déclaration conjointe sur le nickel, "
        "ainsi qu'un protocole d'accord distinct sur le gaz naturel liquéfié."
    )
    kinds = {a.kind: a for a in read(text).agreements}
    assert set(kinds) == {"joint_declaration", "memorandum_of_understanding"}
    assert kinds["joint_declaration"].minerals == ("nickel",)
    assert kinds["memorandum_of_understanding"].is_critical_minerals_related is False
    assert kinds["joint_declaration"].event_date == date(2025, 2, 11)


def test_an_earlier_instrument_recalled_is_background():
    text = (
        "date 2025-06-12\nL'UE et la RDC veulent un accord-cadre. Séjourné s'est entretenu mardi avec "
        "le ministre congolais. L'Union européenne et la RDC avaient signé un protocole d'accord "
        "en octobre 2023 à Bruxelles."
    )
    background = [a for a in read(text).agreements if a.is_background]
    assert [(a.kind, a.event_date) for a in background] == [
        ("memorandum_of_understanding", date(2023, 10, 1))
    ]


def test_a_dateline_is_the_report_s_date_and_outlet_not_the_event_s():
    """ "TORONTO, May 6, 2026 (Mining Weekly) -": "May 6" is no second place name, and
    the outlet credited is no subject of the meeting the story reports."""
    text = (
        "TORONTO, May 6, 2026 (Mining Weekly) - Canada's foreign minister met Peru's foreign "
        "minister on Tuesday to discuss tourism and education."
    )
    (talks,) = read(text).agreements
    assert (talks.kind, talks.event_date) == ("talks", date(2026, 5, 5))
    assert not talks.is_critical_minerals_related


def test_evidence_offsets_point_at_the_evidence():
    text = "Intro line.\n\nPeru and the United States signed a Memorandum of Understanding (MoU) in Washington, D.C."
    (agreement,) = read(text).agreements
    assert text[agreement.char_start : agreement.char_end] == agreement.evidence_text
    assert agreement.location_city == "Washington"


def test_extraction_is_pure_and_versioned():
    text = "Chile y Japón firmaron un memorando de cooperación sobre minería y litio en Tokio."
    first, second = read(text), read(text)
    assert first == second
    assert first.extractor_version == EXTRACTOR_VERSION


def test_any_text_extracts_without_error_and_every_offset_points_at_its_text():
    """Seeded random texts, from noise to shuffled agreement vocabulary."""
    import random

    rng = random.Random(20261125)
    noise = (
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:'\"()-\n áéíóúñçãõüÁÉÇ€$£•–—«»“”’"
    )
    vocabulary = (
        "Chile Japón signed memorandum of understanding MoU with the el la de y talks acuerdo "
        "firmaron lithium litio cobre Minister Ministro President Presidente en presencia del "
        "on Monday este viernes 2025 March 12 (METI) US$1.1 billion 50,000 tonnes per year - •"
    ).split()
    for i in range(600):
        if i % 2:
            text = "".join(rng.choice(noise) for _ in range(rng.randint(0, 400)))
        else:
            text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 120)))
        extraction = read(text)
        for agreement in extraction.agreements:
            assert text[agreement.char_start : agreement.char_end] == agreement.evidence_text
        for mention in extraction.mentions:
            assert text[mention.char_start : mention.char_end] == mention.text


@pytest.mark.parametrize(
    ("text", "word", "start", "joiners"),
    [
        (
            "Vollmer said. Vollmer-led talks; Vollmer's team, Vollmers, _Vollmer",
            "Vollmer",
            0,
            "'’-",
        ),
        ("Vollmer said. Vollmer-led talks; Vollmer's team, Vollmers, _Vollmer", "Vollmer", 0, ""),
        ("Vollmer said. Vollmer, talks", "Vollmer", 3, "'’-"),
        ("A.A.A and A.A, IRENA2 IRENA é IRENAé", "A.A", 0, ""),
        ("IRENA2 IRENA, (IRENA) IRENAé ÉIRENA", "IRENA", 0, ""),
    ],
)
def test_whole_word_starts_finds_what_the_word_boundary_pattern_finds(text, word, start, joiners):
    extra = re.escape(joiners)
    pattern = re.compile(rf"(?<![\w{extra}]){re.escape(word)}(?![\w{extra}])")
    expected = [start + m.start() for m in pattern.finditer(text[start:])]
    assert list(whole_word_starts(text, word, start, joiners=joiners)) == expected
    assert expected  # each case has something to find


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        (
            "Chile y Perú firmaron ayer el Marco para la Cooperación en Litio.",
            ["framework_agreement"],
        ),
        ("Chile y Perú firmaron ayer un marco para invertir en litio.", []),
    ],
)
def test_marco_para_names_a_framework_only_as_a_title(sentence, kinds):
    extraction = read(sentence, published_date=date(2026, 5, 14))
    assert [a.kind for a in extraction.agreements] == kinds


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("El Acuerdo Perú-Estados Unidos fue firmado.", {"PER", "USA"}),
        ("El Memorando Estados Unidos-Perú fue firmado.", {"PER", "USA"}),
        ("Le Partenariat Canada-Union européenne.", {"CAN", "EUU"}),
        ("Le Protocole Burkina Faso-Côte d'Ivoire.", {"BFA", "CIV"}),
        ("A Puerto Rico-based miner.", {"PRI"}),
        ("Le Partenariat Sénégal-Royaume-Uni.", {"SEN", "GBR"}),
    ],
)
def test_names_of_several_words_are_read_on_either_side_of_a_hyphen(text, countries):
    assert keys(read(text), "country") == countries


@pytest.mark.parametrize(
    "link",
    [
        "Also on AF: Indonesia keen to sign a trade deal",
        "Read more: Peru and Canada sign a memorandum",
        "LEA TAMBIÉN: Bolivia y Rusia firman un acuerdo",
        "Lea más: ¿Por qué son tan codiciadas las tierras raras?",
        "» Lee también: Chile y Japón firman un memorando",
        "À lire aussi : Le Maroc et la Chine concluent un accord-cadre",
        "En savoir plus : le partenariat UE-Rwanda",
        "Leia também: Angola e EUA assinam acordo",
        "Saiba mais: o memorando Brasil-Canadá",
    ],
)
def test_a_link_to_another_story_is_blanked_and_nothing_else(link):
    text = f"Ghana and Korea sign an MoU\n{link}\nRead also the ministry's statement.\n"
    blanked, folded = blank_cross_references(text, fold_same_length(text))
    assert len(blanked) == len(folded) == len(text)  # offsets still point into the text
    first, second, third, _ = blanked.split("\n")
    assert (first, second.strip(), third) == (
        "Ghana and Korea sign an MoU",
        "",
        "Read also the ministry's statement.",  # no colon: a sentence, not a link
    )
