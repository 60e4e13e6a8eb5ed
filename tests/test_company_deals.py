"""Company deals (between companies, or a company and a state), one behaviour per test:
text in, deals out. No database: the text goes through `extract()`, as the loader calls it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import yaml

from etl.evaluation import evaluate
from etl.extract import extract
from etl.model import CompanyDealFact, Extraction, SourceDocument


def _document(text: str, published: date | None = None) -> SourceDocument:
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


def extraction(text: str, published: date | None = None) -> Extraction:
    return extract(_document(text, published))


def only_deal(text: str, published: date | None = None) -> CompanyDealFact:
    (deal,) = extraction(text, published).company_deals
    return deal


def sides(deal: CompanyDealFact) -> dict[str, str | None]:
    """Each side's name (a company) or code (a state), with its country."""
    return {p.name: p.country_code for p in deal.participants}


AURELIA = (
    "Perth-based Aurelia Battery Metals said on Monday it had signed a binding five-year "
    "offtake agreement with South Korean cathode maker Hanseong Materials for 3,000 tonnes "
    "per year of cobalt sulphate from its planned refinery in Western Australia."
)


def test_an_offtake_between_two_companies_with_the_countries_the_text_gives_them():
    deal = only_deal(AURELIA, date(2025, 6, 23))
    assert (deal.kind, deal.status, deal.minerals) == ("offtake", "signed", ("cobalt",))
    assert sides(deal) == {"Aurelia Battery Metals": "AUS", "Hanseong Materials": "KOR"}
    assert deal.is_critical_minerals_related


def test_a_deal_keeps_the_amounts_stated_for_it_and_its_evidence_with_offsets():
    result = extraction(AURELIA, date(2025, 6, 23))
    (deal,) = result.company_deals
    amounts = [result.commitments[i] for i in deal.commitment_indexes]
    assert [(c.kind, c.amount, c.unit) for c in amounts] == [("offtake", 3000, "t_per_year")]
    assert AURELIA[deal.char_start : deal.char_end] == deal.evidence_text
    assert "offtake agreement" in deal.evidence_text


def test_said_on_monday_that_it_had_signed_is_no_signing_date():
    assert only_deal(AURELIA, date(2025, 6, 23)).event_date is None
    signed = only_deal(
        "Aurelia Battery Metals signed on Monday an offtake agreement with Hanseong Materials.",
        date(2025, 6, 25),
    )
    assert (signed.event_date, signed.event_date_precision) == (date(2025, 6, 23), "day")


def test_the_most_specific_name_gives_the_kind_and_the_next_sentence_its_scope():
    text = (
        "A Lítio Vale Verde Mineração assinou nesta terça-feira um contrato de fornecimento de "
        "longo prazo (offtake) com a sul-coreana Hanbit Battery Materials. "
        "Pelo acordo, a mineradora brasileira venderá até 60 mil toneladas anuais de concentrado "
        "de espodumênio à companhia asiática."
    )
    result = extraction(text, date(2025, 8, 13))
    (deal,) = result.company_deals
    assert deal.kind == "offtake"  # "contrato de fornecimento" alone would be a supply deal
    assert deal.minerals == ("lithium",)  # spodumene concentrate is lithium
    assert [result.commitments[i].amount for i in deal.commitment_indexes] == [60_000]
    assert sides(deal)["Hanbit Battery Materials"] == "KOR"
    assert sides(deal)["Lítio Vale Verde Mineração"] == "BRA"  # "a mineradora brasileira"


def test_a_company_the_organisation_finder_missed_is_read_from_its_description():
    deal = only_deal(
        "La Société malienne du lithium (Somalith), entreprise publique, a signé mercredi à "
        "Bamako un accord de coentreprise avec le groupe turc Anadolu Maden pour construire une "
        "usine de concentré de spodumène.",
        date(2025, 2, 12),
    )
    assert deal.kind == "joint_venture"
    assert "Anadolu Maden" in sides(deal)
    assert (deal.event_date, deal.location_city, deal.location_country_code) == (
        date(2025, 2, 12),
        "Bamako",
        "MLI",
    )


def test_a_government_signing_with_a_company_is_a_side():
    deal = only_deal(
        "O Governo português assinou nesta quarta-feira um contrato de investimento com a "
        "empresa sueca Nordkraft Batterier para a construção de uma refinaria de hidróxido de "
        "lítio em Estarreja.",
        date(2025, 7, 3),
    )
    assert deal.kind == "other"
    assert {(p.kind, p.key) for p in deal.participants} == {
        ("country", "PRT"),
        ("organization", "nordkraft-batterier"),
    }


def test_a_deal_done_by_a_company_named_before_by_its_short_name():
    deal = only_deal(
        "O reino investe por meio da Manara Minerals, empresa conjunta da mineradora Ma'aden. "
        "A Manara já tem presença no Brasil: em 2023, a empresa adquiriu uma participação de "
        "10% na Vale Base Metals.",
        date(2025, 1, 14),
    )
    assert deal.kind == "acquisition"
    assert {"Manara Minerals", "Vale Base Metals"} <= set(sides(deal))
    assert (deal.event_date, deal.event_date_precision) == (date(2023, 1, 1), "year")


def test_a_deal_still_to_be_signed_is_announced_and_undated():
    deal = only_deal(
        "Glencore and Hanseong Materials are expected to sign an offtake agreement next month.",
        date(2025, 6, 1),
    )
    assert (deal.status, deal.event_date) == ("announced", None)


def test_what_is_not_a_deal_between_companies():
    for text in (
        # an instrument between states is an agreement, not a company deal
        "Chile and Japan signed a memorandum of cooperation on lithium on Monday.",
        # a description of a company, not a deal done
        "KABIL, coentreprise de trois sociétés publiques indiennes, mène des études en Australie.",
        # denied
        "Aucun accord de coentreprise n'a été conclu avec Eramet, a indiqué le ministre.",
        # an opinion in quotes
        '"This is something of a framework agreement with Albemarle," said Teague Egan.',
        # no company on either side
        "The two countries signed a supply agreement for rare earths.",
    ):
        assert extraction(text).company_deals == (), text


def test_a_state_agreement_beside_a_company_deal_stays_an_agreement():
    result = extraction(
        "Perú y Australia firmaron este jueves en Lima un memorando de entendimiento sobre "
        "cobre y zinc. El mismo jueves, la minera peruana Andina del Sur firmó un contrato de "
        "suministro de concentrado de zinc con la empresa china Hunan Xinda Mining.",
        date(2025, 5, 16),
    )
    (agreement,) = result.agreements
    (deal,) = result.company_deals
    assert {p.key for p in agreement.participants if p.role == "party"} == {"PER", "AUS"}
    assert (deal.kind, deal.minerals) == ("supply", ("zinc",))
    assert sides(deal) == {"Andina del Sur": "PER", "Hunan Xinda Mining": "CHN"}


def test_cmw_eval_scores_company_deals_against_their_annotations(tmp_path: Path):
    entry = {
        "file": "tests/gold/docs/en_06_cobalt-export-ban.txt",
        "language": "en",
        "agreements": [],
        "company_deals": [
            {
                "kind": "offtake",
                "status": "signed",
                "companies": ["Aurelia Battery Metals", "Hanseong Materials"],
                "countries": ["AUS", "KOR"],
                "minerals": ["cobalt"],
                "date": None,
            },
            {
                "kind": "acquisition",
                "status": "signed",
                "companies": ["CMOC", "Glencore"],
                "countries": ["CHN", "CHE"],
                "minerals": ["cobalt"],
                "date": "2024-01-01",
            },
        ],
    }
    (tmp_path / "gold.yaml").write_text(yaml.safe_dump({"documents": [entry]}), encoding="utf-8")
    report = evaluate(tmp_path / "gold.yaml")
    scores = {s.field: s for s in report.commitment_scores}
    deals = scores["company_deals"]
    assert (deals.tp, deals.fp, deals.fn) == (1, 0, 1)  # the acquisition is not in the text
    assert scores["company_deal_kinds"].f1 == 1.0
    assert scores["company_deal_countries"].f1 == 1.0
    assert not any("not scored" in note for note in report.notes)
