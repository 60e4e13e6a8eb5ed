"""Company deals: offtakes, joint ventures, acquisitions, supply and investment deals and
memoranda between companies, or between a company and a state.

"Perth-based Aurelia Battery Metals said it had signed a binding five-year offtake
agreement with South Korean cathode maker Hanseong Materials for 3,000 tonnes per year of
cobalt sulphate" is one offtake, signed, between Aurelia Battery Metals (AUS, as the text
says) and Hanseong Materials (KOR), about cobalt, with that tonnage as its amount.

A deal is found where the text names one: a commercial contract ("contrato de
fornecimento", "contrat d'approvisionnement", "offtake", "joint venture", "adquiriu uma
participação"), or an instrument the agreement rules leave to companies
(`parties.is_company_deal`, the one rule that says an instrument is not between states).
Its sides are the companies of its clause, and the state whose government signs with a
company; its later sentences ("Pelo acordo, a mineradora venderá ...") add minerals and
amounts. Dates, statuses, places and the minerals flag are read by the agreement rules'
own functions (some of them module-private there, imported here rather than copied), so a
deal and an agreement in one article are dated and placed the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import cast

from etl import reference
from etl.extract.commitments import (
    COMPANY_ANAPHORS,
    MINERAL_PRODUCTS,
    NEWS_AGENCIES,
    PRODUCTS_MINERAL,
)
from etl.extract.context import DocumentContext, OrgMention, in_regions, starting_in
from etl.extract.facts import _about_minerals, _place
from etl.extract.gazetteer import gazetteer
from etl.extract.grouping import (
    _SAME_OCCASION,
    Group,
    Occurrence,
    anchor_date,
    date_near,
)
from etl.extract.lexicon import COMPANY_NOUNS, DISTRIBUTIVE_WORDS, SIGNING_WORDS
from etl.extract.parties import (
    _RELATIVE_CLAUSE,
    WITH_BEFORE,
    is_company_deal,
    sentence_parties,
)
from etl.extract.text import PhraseIndex, Sentence, Tokens, fold_same_length, whole_word_starts
from etl.extract.triggers import NEGATED, TRIGGERS, case_ok, status
from etl.keys import organization_key
from etl.model import (
    AgreementFact,
    AgreementStatus,
    Commitment,
    CompanyDealFact,
    CompanyDealKind,
    DealParticipant,
)

__all__ = ["find_company_deals"]

# --- what names a deal -------------------------------------------------------------------

# Folded phrases, by the kind of deal they name. The more specific kind wins when one deal
# is named twice ("contrato de fornecimento de longo prazo (offtake)" is an offtake):
# reference/company_deal_kinds.csv ranks them.
_DEAL_PHRASES: dict[CompanyDealKind, str] = {
    "offtake": """offtake | off-take | offtake agreement | offtake deal | offtake contract |
        offtakes | contrato de offtake | acuerdo de offtake | accord d'enlevement |
        contrat d'enlevement | contrat d'achat | purchase agreement | sales agreement |
        sale agreement | contrato de compraventa | contrato de compra | contrato de venda""",
    "joint_venture": """joint venture | joint-venture | coentreprise | co-entreprise |
        empresa conjunta | empresa mixta | empresa mista | sociedad conjunta |
        accord de coentreprise | acuerdo de empresa conjunta""",
    "acquisition": """acquisition | acquired | acquire | acquires | acquiring | adquirio |
        adquiriu | adquiere | adquire | adquirira | adquisicion | aquisicao | a acquis |
        acquiert | rachat | rachete | racheter | took a stake | bought a stake |
        takes a stake | compro una participacion | comprou uma participacao""",
    "supply": """supply agreement | supply contract | supply deal | contrato de suministro |
        acuerdo de suministro | contrato de abastecimiento | contrato de fornecimento |
        acordo de fornecimento | contrat d'approvisionnement | accord d'approvisionnement |
        contrat de fourniture | supply agreements | supply contracts | supply deals |
        contratos de suministro | acuerdos de suministro | contratos de fornecimento |
        acordos de fornecimento | contrats d'approvisionnement | contrats de fourniture""",
    "investment": """invested in | invests in | will invest in | equity investment |
        strategic investment | inversion en la empresa | investimento na empresa""",
    "memorandum_of_understanding": """non-binding agreement | nonbinding agreement |
        acuerdo no vinculante | acordo nao vinculativo | accord non contraignant""",
    "other": """contract | contracts | contrato | contratos | contrat | contrats""",
}
# What an instrument the agreement rules leave to companies is, as a deal.
_INSTRUMENT_KIND: dict[str, CompanyDealKind] = {
    "memorandum_of_understanding": "memorandum_of_understanding",
    "memorandum_of_cooperation": "memorandum_of_understanding",
    "memorandum": "memorandum_of_understanding",
    "letter_of_intent": "memorandum_of_understanding",
}


@cache
def _deal_phrases() -> PhraseIndex:
    labels: dict[str, str] = {}
    for kind, phrases in _DEAL_PHRASES.items():
        for phrase in phrases.split("|"):
            labels.setdefault(" ".join(phrase.split()), kind)
    return PhraseIndex(labels)


# Words of a sentence that reports a deal being done (besides signing it).
_DOING_WORDS = SIGNING_WORDS | frozenset(
    """
    agreed struck strike reached closed close closes completed complete completes announced
    announce announces entered enter awarded wins won secured fechou fecharam fecha cerro
    cerraron cierra acordo acordaram acordaron alcanzo alcanzaron anuncio anunciaron anunciou
    anunciaram annonce conclu concluido concluida concluiu adjudico firmados firmadas
    acquired acquire acquires adquirio adquiriu adquiere adquire adquirira acquiert rachete
    """.split()
)
_STATE_WORDS = frozenset(
    "countries governments paises gobiernos governos pays gouvernements etats states".split()
)
# "the agreement", "pelo acordo", "la coentreprise": a sentence that goes on about the
# deal named last.
_REFERENCE = re.compile(
    r"(?<![\w'])(?:the|this|that|under the|el|la|este|esta|del|al|por el|o|a|pelo|"
    r"pela|do|da|no|na|le|l'|ce|cette|cet|du|au|par le)\s*"
    r"(?:deal|agreement|contract|offtake|joint venture|venture|acuerdo|contrato|acordo|"
    r"accord|contrat|coentreprise|empresa conjunta|operacion|operacao|operation)"
    r"(?:\s+(?:comercial|commercial|commerciale))?(?![\w])"
)
# The company a joint venture sets up, named right after it: "leur coentreprise KATCO".
_VENTURE_BEFORE = re.compile(
    r"(?<![\w])(?:"
    + "|".join(re.escape(" ".join(p.split())) for p in _DEAL_PHRASES["joint_venture"].split("|"))
    + r")\s+$"
)
# A company's description right after it, or after its acronym, naming another ("Vale
# Base Metals, unidade de metais básicos da Vale"; "Comilog (CML), filiale du groupe
# Eramet"): a parent, not a side.
_APPOSITION = re.compile(r"^\)?,\s+(?:[a-z][\w'-]*\s+){1,6}$")
# A company noun phrase before a name the organisation finder did not read: "le groupe
# turc Anadolu Maden", "la minera peruana Andina del Sur", "a empresa sueca Nordkraft".
_COMPANY_INTRO = re.compile(
    r"(?<![\w])(?:"
    + "|".join(
        sorted(
            COMPANY_NOUNS
            | {"group", "grupo", "groupe", "maker", "fabricante", "fabricant", "producteur"}
            | {"productor", "produtor"}
        )
    )
    + r")(?:\s+[a-z][\w'-]*){0,2}\s+$"
)
_CAPITALISED_NAME = re.compile(
    r"[A-ZÀ-ÖØ-Þ][\w'’&.-]+(?:\s+(?:(?:de|del|do|da|du|des|y|e|et|and|&)\s+)?[A-ZÀ-ÖØ-Þ][\w'’&.-]+){0,4}"
)
_BASED = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’.]+(?:[ ,]+[A-ZÀ-ÖØ-Þ][\w'’.]+){0,3})-based")
# "had signed", "había firmado", "tinha assinado", "avait signé": done before the day named.
_DONE_EARLIER = re.compile(
    r"\b(?:had|habia|habian|tinha|tinham|havia|haviam|avait|avaient)\s+(?:\w+\s+)?"
    r"(?:signed|agreed|concluded|firmado|suscrito|acordado|assinado|fechado|signe|conclu)\b"
)
# How far before a company its description ("South Korean cathode maker") may start.
_DESCRIPTION_CHARS = 45
# How far after a deal's name its sides may be named.
_SIDE_REACH = 160


@dataclass
class _Deal:
    """A deal being assembled from the sentences that speak of it."""

    kinds: list[CompanyDealKind]
    status: AgreementStatus
    start: int  # where the deal is first named
    end: int
    sentence: int
    sides: dict[str, DealParticipant]
    regions: list[tuple[int, int]] = field(default_factory=list)

    def add_sides(self, sides: dict[str, DealParticipant]) -> None:
        """What a later sentence adds: a side, or the country of a side known without."""
        for key, side in sides.items():
            known = self.sides.get(key)
            if known is None or (side.country_code and not known.country_code):
                self.sides[key] = side


def find_company_deals(
    ctx: DocumentContext,
    commitments: Sequence[Commitment] = (),
    agreements: Sequence[AgreementFact] = (),
) -> tuple[CompanyDealFact, ...]:
    """The company deals of one document, in text order.

    `commitments` are the amounts `find_commitments` read from the same text (a deal keeps
    the indexes of those stated where it is reported); `agreements` date a deal done "on
    the same day" as the agreement the document opens with.
    """
    cues = _cues(ctx)
    if not cues:
        return ()
    deals: list[_Deal] = []
    for start, end, kind in cues:
        index = ctx.sentence_index.index_of(start)
        sentence = ctx.sentences[index]
        if NEGATED.search(ctx.folded, max(sentence.start, start - 25), start) or (
            ctx.cues.within("negation", max(sentence.start, start - 40), end + 60)
        ):
            continue  # "aucun accord n'avait été conclu", "no offtake has been signed"
        sides = _sides(ctx, sentence, start, end)
        last = deals[-1] if deals else None
        if last is not None and (
            (not sides and _REFERENCE.search(ctx.folded, max(sentence.start, start - 12), end))
            or (sides and set(sides) <= set(last.sides) and index - last.sentence <= 3)
        ):
            last.kinds.append(kind)  # "Pelo acordo comercial, a empresa venderá ..."
            _add_region(last, sentence)
            continue
        if (
            last is not None
            and kind in last.kinds
            and set(last.sides) < set(sides)
            and index - last.sentence <= 3
        ):
            # "X signe un contrat d'approvisionnement" (the headline), then "X a signé un
            # contrat d'approvisionnement avec Y": one deal, told in full by the later
            # sentence, which gives its evidence, date and status.
            last.add_sides(sides)
            last.start, last.end, last.sentence = start, end, index
            last.status = status(ctx, "agreement", sentence, start, end, True)
            _add_region(last, sentence)
            continue
        if not _reports_a_deal(ctx, index, sides):
            continue
        told_before = _same_companies(deals, sides, kind)
        if told_before is not None:
            # "the agreement signing between Kabil and Camyen", paragraphs after the
            # signing between Khanij Bidesh India and CAMYEN: the same deal again.
            told_before.kinds.append(kind)
            told_before.add_sides(sides)
            _add_region(told_before, sentence)
            continue
        alone = sum(1 for s, _, _ in cues if sentence.start <= s < sentence.end) <= 1
        deals.extend(
            _Deal(
                [kind],
                status(ctx, "agreement", sentence, start, end, alone),
                start,
                end,
                index,
                partner_sides,
                [(sentence.start, sentence.end)],
            )
            for partner_sides in _one_per_partner(ctx, sentence, start, end, sides)
        )
    for deal in deals:
        _follow(ctx, deal, deals)
        _complete_sides(ctx, deal)
    anchor = anchor_date(ctx)
    return tuple(_fact(ctx, deal, commitments, agreements, anchor) for deal in deals)


def _same_companies(
    deals: list[_Deal], sides: dict[str, DealParticipant], kind: CompanyDealKind
) -> _Deal | None:
    """An earlier deal between the same two or more companies, of the same kind or one
    the text does not name (the generic kind): the deal told again."""
    companies = {k for k, p in sides.items() if p.organization_kind == "company"}
    if len(companies) < 2:
        return None
    generic = {k for k, rule in reference.company_deal_kinds().items() if rule.is_generic}
    for deal in deals:
        told = {k for k, p in deal.sides.items() if p.organization_kind == "company"}
        if told == companies and (
            kind in deal.kinds or kind in generic or generic & set(deal.kinds)
        ):
            return deal
    return None


# "two supply contracts", "dos contratos", "deux contrats": several deals at once.
_NUMBER_BEFORE = re.compile(
    r"\b(?:two|three|four|dos|tres|cuatro|dois|duas|quatro|deux|trois|quatre)\s+$"
)


def _one_per_partner(
    ctx: DocumentContext,
    sentence: Sentence,
    start: int,
    end: int,
    sides: dict[str, DealParticipant],
) -> list[dict[str, DealParticipant]]:
    """ "YLB signed two contracts with Uranium One and CBC": one deal per partner, each
    between the company named before the deals and one named after them, when the text
    speaks of several deals: a number before them ("dos contratos de suministro"), a
    plural at the end of their name ("supply contracts"), or "separate", "respectively"
    as the agreement rules read them."""
    words = ctx.sentence_words[ctx.sentence_index.index_of(start)]
    several = (
        _NUMBER_BEFORE.search(ctx.folded, max(sentence.start, start - 12), start)
        or ctx.folded[start:end].endswith("s")
        or not words.isdisjoint(DISTRIBUTIVE_WORDS)
    )
    if not several:
        return [sides]
    named = [o for o in _companies(ctx, sentence.start, sentence.end) if o.key in sides]
    hubs = {o.key for o in named if o.end <= start}
    partners = list(dict.fromkeys(o.key for o in named if o.start >= end))
    if len(hubs) != 1 or len(partners) < 2:
        return [sides]
    others = {k: p for k, p in sides.items() if p.organization_kind != "company"}
    hub = next(iter(hubs))
    return [{hub: sides[hub], partner: sides[partner], **others} for partner in partners]


def _add_region(deal: _Deal, sentence: Sentence) -> None:
    if (sentence.start, sentence.end) not in deal.regions:
        deal.regions.append((sentence.start, sentence.end))


# How many sentences after a deal may go on about it ("Pelo acordo, ...").
_FOLLOWING_SENTENCES = 2


def _follow(ctx: DocumentContext, deal: _Deal, deals: list[_Deal]) -> None:
    """The next sentences that refer to "the deal" ("Pelo acordo comercial, a empresa
    brasileira venderá ...") are about it, until another deal is named."""
    starts = {d.sentence for d in deals}
    first = deal.sentence + 1
    for index in range(first, min(len(ctx.sentences), first + _FOLLOWING_SENTENCES)):
        if index in starts:
            return
        sentence = ctx.sentences[index]
        if _REFERENCE.search(ctx.folded, sentence.start, min(sentence.end, sentence.start + 40)):
            _add_region(deal, sentence)


def _cues(ctx: DocumentContext) -> list[tuple[int, int, CompanyDealKind]]:
    """Where deals are named: commercial phrases, and instruments between companies; not
    in quotes ("something of a framework agreement" is an opinion). Stricter than the
    agreement rules' `quoted_opinion`: read the same way, quoted titles and communiqués
    gave the development texts and the self-written set a false deal each."""
    found: list[tuple[int, int, CompanyDealKind]] = [
        (s, e, cast(CompanyDealKind, kind))  # the labels are _DEAL_PHRASES' keys
        for s, e, kind in _deal_phrases().find(ctx.tokens)
        if not in_regions(s, ctx.quotes)
    ]
    taken = [(s, e) for s, e, _ in found]
    for start, end, label in TRIGGERS.find(ctx.tokens):
        if label == "talks" or not case_ok(ctx.text[start:end]):
            continue
        if in_regions(start, ctx.quotes):
            continue
        if any(s < end and start < e for s, e in taken):
            continue  # "offtake agreement" is named by the commercial phrase already
        sentence = ctx.sentences[ctx.sentence_index.index_of(start)]
        if is_company_deal(ctx, sentence, start):
            found.append((start, end, _INSTRUMENT_KIND.get(label, "other")))
    return sorted(found)


def _reports_a_deal(ctx: DocumentContext, index: int, sides: dict[str, DealParticipant]) -> bool:
    """A company on one side, and words of doing the deal ("signed", "fechou",
    "adquiriu"): not a description ("KABIL, coentreprise de trois sociétés"), not a
    partnership "between the two countries"."""
    companies = [p for p in sides.values() if p.organization_kind == "company"]
    if not companies:
        return False
    words = ctx.sentence_words[index]
    if not words.isdisjoint(_STATE_WORDS) and len(companies) < 2:
        return False
    return not words.isdisjoint(_DOING_WORDS)


def _complete_sides(ctx: DocumentContext, deal: _Deal) -> None:
    """What the sentences say of a deal's sides beyond their names.

    A deal whose subject is no company named in its sentence ("a empresa", "the company",
    a short name: "A Manara") is done by the company named before; a company without a country takes the nationality a later
    mention gives it ("a empresa brasileira venderá"), when it is the only side without one.
    """
    sentence = ctx.sentences[deal.sentence]
    if not any(o.start < deal.start for o in _companies(ctx, sentence.start, deal.start)):
        earlier = _earlier_company(ctx, sentence, deal.start, set(deal.sides))
        if earlier is not None:
            deal.sides = {earlier.key: _company(ctx, earlier), **deal.sides}
    unplaced = [
        p for p in deal.sides.values() if p.organization_kind == "company" and not p.country_code
    ]
    if len(unplaced) != 1:
        return
    placed = {p.country_code for p in deal.sides.values()}
    for c in ctx.countries:
        if not in_regions(c.start, deal.regions) or c.key in placed or c.start < deal.start:
            continue
        if _NATIONALITY_OF_COMPANY.search(ctx.folded, max(0, c.start - 25), c.start):
            side = unplaced[0]
            deal.sides[side.key] = replace(side, country_code=c.key)
            return


# "a empresa brasileira", "la société gabonaise": a company noun right before a nationality.
_NATIONALITY_OF_COMPANY = re.compile(r"(?<![\w])(?:" + "|".join(sorted(COMPANY_NOUNS)) + r")\s+$")
# How many sentences back "the company" may point.
_ANAPHOR_SENTENCES = 3


def _earlier_company(
    ctx: DocumentContext, sentence: Sentence, start: int, taken: set[str]
) -> OrgMention | None:
    """The company a deal's subject points back to: a short name of one named before
    ("A Manara já tem presença ...: a empresa adquiriu"), or "the company" of the last
    sentences."""
    before = ctx.text[sentence.start : start]
    for org in ctx.organizations:
        if org.start >= sentence.start or org.kind != "company" or org.key in taken:
            continue
        name = ctx.text[org.start : org.end]
        head = name.split()[0]
        if (
            len(head) >= 4
            and head[0].isupper()
            and " " in name
            and next(whole_word_starts(before, head), None) is not None
        ):
            return org
    if not COMPANY_ANAPHORS.search(ctx.folded, sentence.start, start):
        return None
    index = ctx.sentence_index.index_of(sentence.start)
    for earlier in reversed(ctx.sentences[max(0, index - _ANAPHOR_SENTENCES) : index]):
        for org in ctx.organizations:
            if (
                earlier.start <= org.start < earlier.end
                and org.kind == "company"
                and org.key not in taken
                and org.key not in NEWS_AGENCIES
            ):
                return org
    return None


# --- sides ---------------------------------------------------------------------------------


def _sides(
    ctx: DocumentContext, sentence: Sentence, start: int, end: int
) -> dict[str, DealParticipant]:
    """Who the deal is between: the companies of its clause (not a news agency, not the
    venture it sets up), and a state whose government signs with a company."""
    reach = min(sentence.end, end + _SIDE_REACH)
    found: dict[str, DealParticipant] = {}
    asides = [m.span() for m in _RELATIVE_CLAUSE.finditer(ctx.folded, sentence.start, reach)]
    previous_end: int | None = None
    for org in _companies(ctx, sentence.start, reach):
        after_company = previous_end is not None and _APPOSITION.match(
            ctx.folded[previous_end : org.start]
        )
        previous_end = org.end
        if _VENTURE_BEFORE.search(ctx.folded, max(0, org.start - 40), org.start):
            continue  # "leur coentreprise KATCO": the venture, not a side
        if after_company or in_regions(org.start, asides):
            continue  # "Vale Base Metals, unidade da Vale", ", que ... no Vale do Jequitinhonha,"
        found.setdefault(org.key, _company(ctx, org))
    for org in ctx.organizations:
        if (
            org.kind == "government_body"
            and sentence.start <= org.start < reach
            and org.country_code
            and org.key not in found
        ):
            found[org.key] = DealParticipant(
                "organization", org.key, org.name, org.kind, org.country_code
            )
    if found:
        companies_at = {p.country_code for p in found.values()}
        for code in sentence_parties(ctx, sentence):
            # "O Governo português assinou ... com a empresa sueca": Portugal is a side;
            # "la empresa china" only says where the company is from.
            if code not in companies_at and (
                _government_acts(ctx, sentence, code) or _counterpart(ctx, sentence, code)
            ):
                found.setdefault(code, DealParticipant("country", code, code, None, code))
    return found


def _counterpart(ctx: DocumentContext, sentence: Sentence, code: str) -> bool:
    """The country is named right after "with" in the sentence ("signed an agreement with
    Argentina", "firmó un convenio con Bolivia"): the state itself is the other side."""
    return any(
        c.key == code
        and sentence.start <= c.start < sentence.end
        and WITH_BEFORE.search(ctx.folded, max(sentence.start, c.start - 12), c.start)
        for c in ctx.countries
    )


_GOVERNMENT = re.compile(
    r"\b(?:government|governo|gobierno|gouvernement|state|estado|etat|ministry|ministerio|"
    r"ministere|minister|ministro|ministra|ministre)\b"
)


def _government_acts(ctx: DocumentContext, sentence: Sentence, code: str) -> bool:
    """The sentence names the country's government or a minister next to the country."""
    for c in ctx.countries:
        if c.key == code and sentence.start <= c.start < sentence.end:
            around = ctx.folded[max(sentence.start, c.start - 30) : c.end + 5]
            if _GOVERNMENT.search(around):
                return True
    return False


@dataclass(frozen=True)
class _FoundCompany:
    start: int
    end: int
    key: str
    name: str
    country_code: str | None


def _companies(ctx: DocumentContext, start: int, end: int) -> list[OrgMention | _FoundCompany]:
    """Companies named between `start` and `end`: those the context found, and names after
    a company noun phrase that it did not ("le groupe turc Anadolu Maden")."""
    known = [
        o
        for o in ctx.organizations
        if o.kind == "company" and start <= o.start < end and o.key not in NEWS_AGENCIES
    ]
    spans = (
        [(o.start, o.end) for o in ctx.organizations]
        + [(m.start, m.end) for m in (*ctx.countries, *ctx.places)]
        + [(p.start, p.end) for p in ctx.persons]
    )
    unknown: list[_FoundCompany] = []
    for m in _CAPITALISED_NAME.finditer(ctx.text, start, end):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        intro = _COMPANY_INTRO.search(ctx.folded, max(start, m.start() - 40), m.start())
        if intro is None:
            continue
        name = m.group().rstrip(".")
        unknown.append(
            _FoundCompany(m.start(), m.start() + len(name), organization_key(name), name, None)
        )
    found: list[OrgMention | _FoundCompany] = [*known, *unknown]
    return sorted(found, key=lambda o: o.start)


def _company(ctx: DocumentContext, org: OrgMention | _FoundCompany) -> DealParticipant:
    return DealParticipant(
        "organization",
        org.key,
        org.name,
        "company",
        org.country_code or headquarters(ctx, org.start, org.end),
    )


_FROM_COUNTRY = re.compile(r"\s+(?:of|from|de|du|da|do|del)\s+(?:the\s+|la\s+|el\s+|l')?")


def headquarters(ctx: DocumentContext, start: int, end: int) -> str | None:
    """The country the text gives a company named at [start, end): a country or place in
    its name ("Société malienne du lithium", "Catamarca Minera"), a nationality or country
    in its description ("South Korean cathode maker", "le groupe français") or right after
    it ("Keystone Minerals of Namibia"), or a place it is based in ("Perth-based", ", a
    Puerto Rico-based startup")."""
    inside = [m for m in (*ctx.countries, *ctx.places) if start <= m.start and m.end <= end]
    if inside:
        return _country_of(inside[0])
    sentence = ctx.sentences[ctx.sentence_index.index_of(start)]
    lo = max(sentence.start, start - _DESCRIPTION_CHARS)
    gap = ctx.text[lo:start]
    lo += max(gap.rfind(","), gap.rfind(";"), gap.rfind("(")) + 1
    following = next(iter(starting_in(ctx.countries, end, sentence.end)), None)
    if following is not None and _FROM_COUNTRY.fullmatch(ctx.folded, end, following.start):
        # "Keystone Minerals of Namibia", "CITIC Guoan de China"; before the description
        # rule, which would read "Kimura do Japão e a Hanbit" as Hanbit's
        return following.key
    described = [c for c in ctx.countries if lo <= c.start and c.end <= start]
    if described:
        return described[-1].key
    after = ctx.text[end : min(sentence.end, end + 60)]
    based = _BASED.search(ctx.text[lo:start] + " " + (after if after.startswith(",") else ""))
    if based:
        return _country_of_place(based.group(1))
    return None


def _country_of(m) -> str | None:
    return m.key if m.kind == "country" else m.entry.attributes.get("country_code")


def _country_of_place(name: str) -> str | None:
    """The country of a city or country name ("Perth" → AUS, "Puerto Rico" → PRI)."""
    for m in gazetteer().find(name, Tokens(fold_same_length(name))):
        if m.kind == "country":
            return m.key
        if m.kind == "location" and m.entry.attributes.get("country_code"):
            return m.entry.attributes["country_code"]
    return None


# --- the fact ------------------------------------------------------------------------------


def _fact(
    ctx: DocumentContext,
    deal: _Deal,
    commitments: Sequence[Commitment],
    agreements: Sequence[AgreementFact],
    anchor: date | None,
) -> CompanyDealFact:
    sentence = ctx.sentences[deal.sentence]
    kind = min(deal.kinds, key=lambda k: reference.company_deal_kinds()[k].specificity_rank)
    # The agreement rules' own readers of place, date and subject, on the deal as a group.
    group = Group(
        frozenset(p.key for p in deal.sides.values() if p.kind == "country"),
        [Occurrence("agreement", deal.start, deal.end, deal.sentence, frozenset(), deal.status)],
        regions=deal.regions,
    )
    found = date_near(ctx, sentence, deal.start)
    if found and _DONE_EARLIER.search(ctx.folded, found.end, deal.start):
        found = None  # "said on Monday it had signed": the day it was said, not signed
    for region_start, _ in deal.regions if found is None else ():
        # named first where no day is given (a headline), dated where it is told again
        # ("firmó este martes un contrato de suministro")
        told = ctx.sentences[ctx.sentence_index.index_of(region_start)]
        if told.start != sentence.start and (found := date_near(ctx, told, region_start)):
            break
    event_date, precision = (found.value, found.precision) if found else (None, None)
    if event_date is None and _SAME_OCCASION.match(ctx.folded, sentence.start):
        # "No mesmo dia, a mineradora ... fechou um contrato": the day of the main event
        main = next((a for a in agreements if not a.is_background and a.event_date), None)
        if main is not None:
            event_date, precision = main.event_date, main.event_date_precision
    if deal.status == "announced" and ctx.cues.within("future", sentence.start, sentence.end):
        event_date = precision = None  # a deal still to be signed has no date yet
    place = _place(ctx, group)
    company_spans = [(o.start, o.end) for o in ctx.organizations] + [
        (p.start, p.end) for p in _companies(ctx, sentence.start, sentence.end)
    ]
    minerals = [
        m.key
        for m in ctx.minerals
        if in_regions(m.start, deal.regions)
        and not any(a <= m.start and m.end <= b for a, b in company_spans)
    ]
    if any(MINERAL_PRODUCTS.search(ctx.folded, a, b) for a, b in deal.regions):
        minerals.append(PRODUCTS_MINERAL)  # "concentré de spodumène" is lithium
    return CompanyDealFact(
        kind=kind,
        status=deal.status,
        event_date=event_date,
        event_date_precision=precision,
        location_city=place.key if place else None,
        location_country_code=place.entry.attributes.get("country_code") if place else None,
        is_critical_minerals_related=bool(minerals) or _about_minerals(ctx, group, "agreement"),
        participants=tuple(deal.sides.values()),
        minerals=tuple(dict.fromkeys(minerals)),
        commitment_indexes=tuple(
            i for i, c in enumerate(commitments) if in_regions(c.value_start, deal.regions)
        ),
        evidence_text=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        confidence=0.8 if len(deal.sides) > 1 else 0.6,
    )
