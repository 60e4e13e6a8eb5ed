"""Commitments: one per amount of money or capacity a document states.

"EnergyX aims to build a US$1.1 billion lithium facility in Chile that is slated to come
online in 2028 and eventually produce 50,000 metric tonnes per year" gives two: an
investment of USD 1,100,000,000 due in 2028 and a capacity of 50,000 t/year, both owned by
EnergyX, in Chile, about lithium.

The rules read only what `extract()` already returns — the document text, its mentions
(countries, organisations, persons, minerals, money, quantities) and its agreements — so
they do not depend on how agreements are assembled. They run only where a money or
quantity mention was found, and read the sentence around it (and the sentence before it
for "the company", "the refinery" or a sentence about the agreement). Prices, market
figures, trade statistics, reserves, thresholds and percentages are not commitments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from etl import reference
from etl.extract.gazetteer import written_as_country_name
from etl.extract.text import (
    Sentence,
    SentenceIndex,
    fold_same_length,
    split_sentences,
    whole_word_starts,
)
from etl.model import AgreementFact, Commitment, CommitmentKind, Mention, Qualifier

__all__ = ["Commitment", "CommitmentKind", "Qualifier", "find_commitments"]


def find_commitments(
    text: str,
    mentions: Sequence[Mention],
    published: date | None = None,
    agreements: Sequence[AgreementFact] = (),
    sentences: Sequence[Sentence] | None = None,
) -> tuple[Commitment, ...]:
    """The commitments of one document, in text order.

    `mentions` and `agreements` are what `extract()` returns for the same text;
    `published` resolves "last year" and "este año"; `sentences` saves splitting the
    text again when the caller has them.
    """
    values = [m for m in mentions if m.kind in ("money", "quantity")]
    if not values:
        return ()
    # "10 billion euros ($10.8 billion)": the bracketed figure restates the amount.
    kept = [v for i, v in enumerate(values) if not (i and _is_conversion(text, values[i - 1], v))]
    doc = _Document(text, mentions, kept, published, agreements, sentences)
    found: list[Commitment] = []
    for value in kept:
        commitment = _commitment(doc, value, found)
        if commitment is not None:
            found.append(commitment)
    return tuple(found)


# --- the document as the rules see it ---------------------------------------------------

NEWS_AGENCIES = frozenset(o.key for o in reference.organizations() if o.is_news_agency)


class _Document:
    """Mentions by kind, sentences and folded sentences, computed once per document."""

    def __init__(self, text, mentions, values, published, agreements, sentences):
        self.text = text
        self.published = published
        self.agreements: list[AgreementFact] = list(agreements)
        self.sentences = tuple(sentences) if sentences is not None else split_sentences(text)
        self.index = SentenceIndex(self.sentences)
        self.values: list[Mention] = values
        self.organizations = [
            m for m in mentions if m.kind == "organization" and m.key not in NEWS_AGENCIES
        ]
        spans = [(o.char_start, o.char_end) for o in self.organizations]
        self.countries = [m for m in mentions if m.kind == "country"]
        self.places = [
            m
            for m in mentions
            if m.kind == "location" or (m.kind == "country" and not _inside(m, spans))
        ]
        self.persons = [m for m in mentions if m.kind == "person"]
        # "Lítio Vale Verde Mineração" names a company, not the metal.
        self.minerals = [m for m in mentions if m.kind == "mineral" and not _inside(m, spans)]
        # The city of the dateline ("LUSAKA, May 9 (Reuters)", "Maputo, 04 set 2025 (Lusa)")
        # sets the scene for figures whose sentence names no place.
        self.home = next(
            (
                m.attributes.get("country_code")
                for m in mentions
                if m.kind == "location"
                and m.char_start < _DATELINE_CHARS
                and _DATELINE_AFTER.match(text, m.char_end)
                and not text[text.rfind("\n", 0, m.char_start) + 1 : m.char_start].strip()
            ),
            None,
        )
        self._folded: dict[int, str] = {}

    def folded(self, sentence: Sentence) -> str:
        if sentence.start not in self._folded:
            self._folded[sentence.start] = fold_same_length(sentence.text)
        return self._folded[sentence.start]

    def before(self, sentence: Sentence, offset: int, chars: int) -> str:
        """Folded text of `sentence` from `chars` before `offset` up to it."""
        end = offset - sentence.start
        return self.folded(sentence)[max(0, end - chars) : end]

    def previous(self, sentence: Sentence, same_paragraph: bool = True) -> Sentence | None:
        i = self.index.index_of(sentence.start)
        if i == 0:
            return None
        earlier = self.sentences[i - 1]
        if same_paragraph and "\n\n" in self.text[earlier.end : sentence.start]:
            return None
        return earlier


_DATELINE_CHARS = 1500
_DATELINE_AFTER = re.compile(r"\s*[,(—–.-]")


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(
        a <= m.char_start and m.char_end <= b and (a, b) != (m.char_start, m.char_end)
        for a, b in spans
    )


def _in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.char_start and m.char_end <= end]


_CONVERSION_BEFORE = re.compile(
    r"\(\s*(?:(?:about|around|some|roughly|approximately|or|equivalent to|cerca de|unos|unas|"
    r"alrededor de|aproximadamente|quelque|environ|soit|ou|o|ou seja)\s+)?$",
    re.I,
)


def _is_conversion(text: str, previous: Mention, value: Mention) -> bool:
    """A figure in brackets right after another one restates it in another currency or unit."""
    if previous.kind != value.kind or value.char_start - previous.char_end > 40:
        return False
    return _CONVERSION_BEFORE.search(text, previous.char_end, value.char_start) is not None


# --- cues: what the words near a figure say about it -------------------------------------

# Folded phrases per category; the nearest to the figure decides (a longer phrase wins over
# the words inside it: "potential output" is a capacity, "output" a production).
_MONEY_CUES = {
    "investment": """invest | invests | invested | investing | investment | investments | inversion |
        inversiones | invertir | invertira | investimento | investimentos | investir | investira |
        investissement | investissements | cost | costs | to cost | costo | coste | custo | custos | cout |
        couts | capex | spend | spending | gastar | depenser | estimated at | estimada em | estimado em |
        estimada en | estimado en | estime a | estimee a | deals | acquisition | acquire | adquirir |
        acquerir | stake | pool | portfolio | cartera | carteira | portefeuille | attract | atraer | atrair |
        attirer""",
    "financing": """loan | loans | lend | lending | lender | credit | credits | line of credit |
        credit line | linea de credito | linha de credito | ligne de credit | guarantee | guarantees |
        garantia | garantias | garanties | garantie | financing | finance | co-finance | cofinance |
        financed | financiar | financiara | financiamiento | financiacion | financiamento | financer |
        financement | financements | fund | funds | fondo | fondos | fundo | fundos | fonds | prepayment |
        pre-payment | pagamento antecipado | pago anticipado | prepaiement | mobilise | mobilize |
        mobilised | mobilized | movilizar | movilizara | mobilizar | mobiliser | mobilise | mobilisera |
        available | disponible | disponivel | envelope | enveloppe | equity""",
    "grant": """grant | grants | donation | donations | donacion | donaciones | doacao | doacoes | don |
        dons | subvencion | subvenciones | subsidio | subsidios | subvention | subventions |
        non-repayable | a fondo perdido | fundo perdido | fonds perdus""",
    "not": """price | prices | priced | precio | precios | preco | precos | prix | cours | cotiza |
        cotizaba | cotacao | quoted | exports | export | exportaciones | exportacoes | exportations |
        imports | importaciones | importacoes | importations | trade | comercio | commerce | revenue |
        revenues | ingresos | receitas | recettes | earnings | deposits | depositos | reserves | reservas |
        gisements | jazidas | gdp | pib | fiscal | require | requires | required | requieren | requiere |
        need | needs | necesitan | necessitam | necessitent | market | mercado | marche""",
}
_QUANTITY_CUES = {
    "capacity": """capacity | capacities | capacidad | capacidade | capacite | potential | potencial |
        potentiel | potential output | nameplate | designed | disenada | disenado | projetada |
        projetado | concue | concu | plant | planta | usine | usina | facility | refinery | refineria |
        refinaria | raffinerie | smelter | fundicion | fundicao | fonderie | unit | unidad | unidade |
        unite | once in production | come online | start production | production capacity |
        capacidad de produccion | capacidade de producao | capacite de production | producir |
        produciran | producira | produzir | produzira | produzirao | produire | produira | produiront |
        to produce | will produce | would produce | could produce | can produce | eventually produce |
        expected to produce | should produce""",
    "production": """output | production | produccion | producao | produced | produces | producing |
        produjo | produjeron | produce | produz | produziu | produziram | produzem | produit |
        produisent | a produit | mined | extrajo | extraido""",
    "offtake": """offtake | off-take | offtakes | sell | sells | will sell | vendera | venderan | vender |
        vendre | vendra | buy | buys | purchase | purchases | comprar | comprara | acheter | achetera |
        achat | deliver | delivery | deliveries | livraison | livraisons | livrer | entrega | entregas |
        entregar | supply agreement | supply contract | contrato de fornecimento |
        contrato de suministro | contrat d'approvisionnement | contrat de fourniture""",
    "not": """reserves | reservas | gisements | jazidas | deposits | depositos | resources | recursos |
        ressources | exports | exported | exportaciones | exportacoes | exportations | exporta | imports |
        imported | importaciones | importacoes | importations | demand | demanda | demande |
        consumption | consumo | stocks | inventories | inventarios | market | mercado | marche |
        shipments""",
}


@cache
def _cues(kind: str) -> tuple[re.Pattern[str], dict[str, str]]:
    label: dict[str, str] = {}
    for category, phrases in (_MONEY_CUES if kind == "money" else _QUANTITY_CUES).items():
        for phrase in phrases.split("|"):
            label.setdefault(" ".join(phrase.split()), category)
    alternation = "|".join(re.escape(p) for p in sorted(label, key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])(?:{alternation})(?![\w-])"), label


_CUE_WINDOW_BEFORE = 110
_CUE_WINDOW_AFTER = 70


def _nearest_cue(doc: _Document, value: Mention, sentence: Sentence) -> str | None:
    """The category of the cue closest to the figure; a cue after it counts double distance,
    and another figure in between pushes it further."""
    pattern, label = _cues(value.kind)
    folded = doc.folded(sentence)
    start = max(0, value.char_start - sentence.start - _CUE_WINDOW_BEFORE)
    end = min(len(folded), value.char_end - sentence.start + _CUE_WINDOW_AFTER)
    best: tuple[float, str] | None = None
    for m in pattern.finditer(folded, start, end):
        at, to = m.start() + sentence.start, m.end() + sentence.start
        if value.char_start <= at < value.char_end:
            continue  # "120,000 tons of lithium carbonate equivalent a year" holds no cue
        if to <= value.char_start:
            distance = float(value.char_start - to)
            lo, hi = to, value.char_start
        else:
            distance = 2.0 * (at - value.char_end)
            lo, hi = value.char_end, at
        if any(lo <= v.char_start < hi for v in doc.values):
            distance += 60
        if best is None or distance < best[0]:
            best = (distance, label[m.group()])
    return best[1] if best else None


_PER_UNIT_AFTER = re.compile(
    r"\s*(?:a|an|per|/|la|el|por|par|the|le|o|um|uma|cada)?\s*"
    r"(?:lb|lbs|pound|libra|livre|tonne|ton|t|tonelada|kg|kilo|kilogram|quilo|ounce|oz|onza|once|"
    r"share|accion|acao|action|barrel|barril|baril|mwh|kwh|gallon|litre|liter)\b",
    re.I,
)
_THRESHOLD_BEFORE = re.compile(
    r"(?:above|exceeding|superiores?|superieure?s?|acima)\s+(?:(?:a|de|the|los|las|as)\s+){0,2}$"
)
_PER_YEAR_AFTER = re.compile(
    r"\s*(?:a year|per year|al año|al ano|por año|por ano|ao ano|par an|annually|anuales|anuais)\b",
    re.I,
)


def _money_kind(doc: _Document, value: Mention, sentence: Sentence) -> str | None:
    after = doc.text[value.char_end : value.char_end + 30]
    if _PER_UNIT_AFTER.match(after):
        return None  # "$16.50 a lb", "10.000 dólares por tonelada": a price
    if _THRESHOLD_BEFORE.search(doc.before(sentence, value.char_start, 40)):
        return None  # "investments above US$200 million": a threshold, not an amount
    if float(value.attributes.get("amount", "0")) < 1e6:
        return None  # "4,45 dólares", "80.000 dólares": prices and small sums
    cue = _nearest_cue(doc, value, sentence)
    if cue == "not":
        return None
    if cue is None and _PER_YEAR_AFTER.match(after):
        return None  # "mueve más de 4.000 millones de dólares al año": a flow
    return cue or "investment"


def _quantity_kind(
    doc: _Document, value: Mention, sentence: Sentence, previous: Commitment | None
) -> str | None:
    pattern, label = _cues("quantity")
    before = doc.folded(sentence)[: value.char_start - sentence.start]
    if any(label[m.group()] == "offtake" for m in pattern.finditer(before)):
        return "offtake"  # in a sentence about a sale, every tonnage is a contracted volume
    if previous is not None and _coordinated(doc.text, previous.value_end, value.char_start):
        return previous.kind
    cue = _nearest_cue(doc, value, sentence)
    if cue == "not":
        return None
    return cue or "production"


def _coordinated(text: str, end: int, start: int) -> bool:
    """ "30,000 tonnes per year of copper cathode and 5,000 tonnes of cobalt hydroxide"."""
    between = text[end:start]
    return len(between) < 60 and re.fullmatch(r"[^.;\d]*\s(?:and|y|e|et)\s", between) is not None


# --- the commitment -----------------------------------------------------------------------


def _commitment(doc: _Document, value: Mention, found: list[Commitment]) -> Commitment | None:
    sentence = doc.index.of(value.char_start)
    previous = found[-1] if found and found[-1].char_start == sentence.start else None
    if value.kind == "money":
        kind = _money_kind(doc, value, sentence)
        unit = value.attributes.get("currency")
    else:
        kind = _quantity_kind(doc, value, sentence, previous)
        unit = {"t/year": "t_per_year"}.get(
            value.attributes.get("unit", ""), value.attributes.get("unit")
        )
    if kind is None or not unit:
        return None
    coordinated = previous is not None and _coordinated(
        doc.text, previous.value_end, value.char_start
    )
    if (
        value.kind == "quantity"
        and unit == "t"
        and coordinated
        and previous is not None
        and previous.unit == "t_per_year"
    ):
        unit = "t_per_year"  # the rate of the first figure is understood for the second
    owner = _owner(doc, value, sentence, kind)
    if kind == "investment" and owner is not None and _is_lender(owner):
        kind = "financing"  # a development bank or export agency lends, it does not invest
    high = value.attributes.get("amount_high")
    commitment = Commitment(
        kind=kind,  # type: ignore[arg-type]
        value_text=value.text,
        amount=float(value.attributes["amount"]),
        amount_high=float(high) if high else None,
        unit=unit,
        qualifier="range" if high else _qualifier(doc, value, sentence),
        target_year=_target_year(doc, value, sentence, kind),
        mineral_id=_mineral(doc, value, sentence, found),
        country_code=_place(doc, value, sentence, owner, kind, found),
        owner_key=owner.key if owner else None,
        owner_name=owner.name if owner else None,
        owner_kind=owner.kind if owner else None,
        agreement_index=None,
        evidence_text=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        value_start=value.char_start,
        value_end=value.char_end,
        confidence=0.8 if owner else 0.6,
    )
    if coordinated and previous is not None:
        return replace(commitment, agreement_index=previous.agreement_index)
    index = _agreement(doc, commitment, sentence, owner)
    country = commitment.country_code
    abroad = _ABROAD.search(doc.folded(sentence)) is not None
    if index is not None and country is None and owner is not None and not abroad:
        others = _parties(doc.agreements[index]) - {_government_side(owner)}
        country = others.pop() if len(others) == 1 else None  # money flowing to the other party
    if country is None and kind != "financing" and not abroad:
        country = doc.home
    return replace(commitment, agreement_index=index, country_code=country)


# --- qualifier ----------------------------------------------------------------------------

_QUALIFIERS = {
    "up_to": """up to | as much as | a maximum of | no more than | less than | under | below | hasta |
        hasta un maximo de | menos de | por debajo de | ate | ate um maximo de | podendo chegar a |
        abaixo de | jusqu'a | pouvant atteindre | pouvant aller jusqu'a | moins de | au maximum""",
    "at_least": """at least | more than | over | in excess of | upwards of | exceeding | exceeds |
        exceeded | al menos | por lo menos | mas de | mas del | supera | superan | supero | superaron |
        superara | pelo menos | no minimo | mais de | ultrapassar | ultrapassa | au moins | plus de |
        depasse | depassent | au minimum""",
    "about": """about | around | some | roughly | approximately | nearly | almost | close to |
        an estimated | cerca de | alrededor de | unos | unas | aproximadamente | casi | en torno a |
        del orden de | uns | umas | quase | por volta de | em torno de | environ | pres de | quelque |
        autour de | de l'ordre de | approximativement | presque | a peu pres""",
}
_QUALIFIER_OF = {
    " ".join(p.split()): q for q, phrases in _QUALIFIERS.items() for p in phrases.split("|")
}
_QUALIFIER = re.compile(
    r"(?<![\w'])(?P<q>"
    + "|".join(re.escape(p) for p in sorted(_QUALIFIER_OF, key=len, reverse=True))
    + r")\s+(?:(?:the|los|las|el|la|les|os|as|o|a|an|de|d'|um|uma|un|una)\s+)?$"
)


def _qualifier(doc: _Document, value: Mention, sentence: Sentence) -> Qualifier:
    m = _QUALIFIER.search(doc.before(sentence, value.char_start, 40))
    return _QUALIFIER_OF[m.group("q")] if m else "exact"  # type: ignore[return-value]


# --- year ---------------------------------------------------------------------------------

_YEAR = re.compile(
    r"(?<![\w-])(?:(?P<since>since|desde|depuis|until|through|hasta|ate|jusqu'en)\s+(?:\w+\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)(?![\w-])"
    r"|(?P<last>last year|el ano pasado|el pasado ano|no ano passado|o ano passado|l'an dernier|"
    r"l'annee derniere|l'an passe|l'annee passee)"
    r"|(?P<this>this year|este ano|cette annee|neste ano)"
    r"|(?P<next>next year|el proximo ano|el ano proximo|l'an prochain|l'annee prochaine|"
    r"no proximo ano|o proximo ano)"
)
_YEAR_WINDOW_AFTER = 150


def _target_year(doc: _Document, value: Mention, sentence: Sentence, kind: str) -> int | None:
    """The first year written after the figure, before the next figure; for output, else a
    year in the same clause before it ("produjo el año pasado menos de 2.000 toneladas")."""
    folded = doc.folded(sentence)
    offset = sentence.start
    following = (v.char_start for v in doc.values if v.char_start >= value.char_end)
    end = min(
        min(following, default=sentence.end), sentence.end, value.char_end + _YEAR_WINDOW_AFTER
    )
    for m in _YEAR.finditer(
        folded, value.char_end - offset, max(end - offset, value.char_end - offset)
    ):
        year = _year_of(m, doc.published)
        if year is not None:
            return year
    if kind != "production":
        return None
    clause_start = max(folded.rfind(c, 0, value.char_start - offset) for c in ",;")
    for m in reversed(list(_YEAR.finditer(folded, clause_start + 1, value.char_start - offset))):
        year = _year_of(m, doc.published)
        if year is not None:
            return year
    return None


def _year_of(m: re.Match, published: date | None) -> int | None:
    if m.group("year"):
        return None if m.group("since") else int(m.group("year"))
    if published is None:
        return None
    if m.group("last"):
        return published.year - 1
    if m.group("this"):
        return published.year
    return published.year + 1


# --- mineral ------------------------------------------------------------------------------

# Products named for their mineral: "concentrado de espodumênio" is lithium.
MINERAL_PRODUCTS = re.compile(r"\b(?:spodumene|espodumena|espodumenio|espodumeno|lce)\b")
PRODUCTS_MINERAL = "lithium"


def _clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """Offsets (in `folded`) of the comma-delimited clause around [start, end)."""
    before = max(folded.rfind(c, 0, start) for c in ",;")
    after = [i for i in (folded.find(",", end), folded.find(";", end)) if i >= 0]
    return before + 1, min(after, default=len(folded))


def _mineral(
    doc: _Document, value: Mention, sentence: Sentence, found: list[Commitment]
) -> str | None:
    """The mineral named just after the figure ("tonnes of cobalt sulphate"); else the only
    one in its clause (for a tonnage, in its sentence); else, when the sentence names
    neither mineral nor place, the only one of the sentence before; else the only one the
    document names."""
    folded = doc.folded(sentence)
    offset = sentence.start
    stop = re.search(
        r"[,;.]|\s(?:and|y|e|et)\s+\d",
        folded[value.char_end - offset : value.char_end - offset + 45],
    )
    after_end = value.char_end + (stop.start() if stop else 45)
    after = [m for m in doc.minerals if value.char_end <= m.char_start < after_end]
    if after:
        return after[0].key
    if MINERAL_PRODUCTS.search(folded, value.char_end - offset, after_end - offset):
        return PRODUCTS_MINERAL
    lo, hi = _clause(folded, value.char_start - offset, value.char_end - offset)
    if value.kind == "quantity":
        lo, hi = 0, len(folded)
    near = {m.key for m in _in(doc.minerals, offset + lo, offset + hi)}
    if len(near) == 1:
        return near.pop()
    if near:
        return None
    if not _in(doc.minerals + doc.places, sentence.start, sentence.end):
        refers_back = COMPANY_ANAPHORS.search(folded) is not None
        earlier = doc.previous(sentence, same_paragraph=not refers_back)
        if earlier is not None:
            named = {m.key for m in _in(doc.minerals, earlier.start, earlier.end)}
            named |= {PRODUCTS_MINERAL for _ in MINERAL_PRODUCTS.finditer(doc.folded(earlier))}
            if len(named) == 1:
                return named.pop()
    everywhere = {m.key for m in doc.minerals}
    return everywhere.pop() if len(everywhere) == 1 else None


# --- owner --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Owner:
    key: str
    name: str
    kind: str  # "country" or an organisation kind
    country_code: str | None


_PLACE_BEFORE = re.compile(
    r"\b(?:in|en|em|au|aux|dans|na|no|nos|nas|near|cerca de|perto de|pres de|a|across|throughout|"
    r"outside|fuera de|hors de|fora de|inside)\s+"
    r"(?:(?:the|el|la|los|las|o|a|os|as|le|les|l')\s*)?"
    r"(?:(?:western|eastern|northern|southern|central|north|south|east|west|norte|sur|sul|nord|sud|"
    r"est|ouest|oeste|este|centro)(?:\s+(?:of|de|del|do|da|du))?\s+(?:(?:the|el|la|le|l')\s*)?)?$"
)
COMPANY_ANAPHORS = re.compile(
    r"\b(?:the|la|el|a|o|le|l'|no|na|do|da|del|du|au|its|su|seu|sua|son|sa)\s*(?:company|miner|firm|group|refinery|plant|project|mine|facility|"
    r"contract|deal|empresa|compania|minera|mineradora|sociedad|companhia|grupo|societe|groupe|"
    r"entreprise|compagnie|refineria|refinaria|planta|usina|proyecto|projeto|mina|raffinerie|usine|"
    r"projet|contrato|contrat)\b"
)
_STATE_ANAPHORS = re.compile(
    r"\b(?:the kingdom|the government|the country|el reino|el gobierno|el pais|o reino|o governo|o pais|"
    r"le royaume|le gouvernement|le pays|(?P<own>its government|his government|her government|"
    r"su gobierno|seu governo|o seu governo|son gouvernement))\b"
)
_LENDER_NAME = re.compile(
    r"\b(?:bank|banco|banque|finance|financial|financiera|financeira|financiere|fund|fondo|fundo|fonds|"
    r"credit|credito|kredit\w*|exim|export|developpement|desarrollo|desenvolvimento|development)\b"
)
_PUBLIC_INVESTOR = re.compile(
    r"\b(?:investment|investments|inversiones|investimentos|investissement)\b"
)
_RELATIVE = re.compile(r",\s*(?:which|who|that|qui|que|quien|lequel|laquelle)\s")
_OUTPUT_OF = re.compile(
    r"(?:production|produccion|producao|output)\s+(?:de|of|do|da|du)\s+(?:\w+\s+){0,2}"
    r"(?:de|of|do|da|du)\s+$"
)
_LED_BY = re.compile(
    r"\b(?:led by|operated by|run by|developed by|liderado por|liderado pela|liderada por|liderada pela|"
    r"operado por|operado pela|operada por|operada pela|dirigido por|desarrollado por|"
    r"desenvolvido pela|desenvolvido por|dirige par|opere par|exploite par|developpe par)\s+(?:the\s+|la\s+|le\s+|l')?$"
)
_JOINED = re.compile(r"^\s*(?:and|y|e|et)\s+$")


def _organization_owner(m: Mention) -> _Owner:
    return _Owner(
        m.key,
        m.text,
        m.attributes.get("organization_kind", "other"),
        m.attributes.get("country_code"),
    )


def _country_owner(m: Mention) -> _Owner:
    return _Owner(m.key, m.text, "country", m.key)


def _owner_of(m: Mention) -> _Owner:
    return _country_owner(m) if m.kind == "country" else _organization_owner(m)


def _is_place(doc: _Document, m: Mention, sentence: Sentence) -> bool:
    return _PLACE_BEFORE.search(doc.before(sentence, m.char_start, 40)) is not None


def _is_lender(owner: _Owner) -> bool:
    """Banks, funds, export-credit and development-finance bodies, and public investors
    ("British International Investment")."""
    if owner.kind == "country":
        return False
    name = fold_same_length(owner.name) + " " + owner.key.replace("-", " ")
    if _LENDER_NAME.search(name):
        return True
    return owner.kind in ("government_body", "intergovernmental") and bool(
        _PUBLIC_INVESTOR.search(name)
    )


def _actor_country(doc: _Document, c: Mention, sentence: Sentence) -> bool:
    """A country named as who acts: not a place ("in Chile"), not the complement of a title
    ("Ministro da Indústria da RDC"), not an adjective ("Chinese companies") unless the same
    word is also the country's name ("Argentina", "la India")."""
    if _is_place(doc, c, sentence) or _inside(
        c, [(o.char_start, o.char_end) for o in doc.organizations]
    ):
        return False
    if re.search(
        r"\b(?:of|de|da|do|du|del|des|d')\s*(?:the\s+|la\s+|l')?$",
        doc.before(sentence, c.char_start, 12),
    ):
        return False
    if c.attributes.get("alias_kind") == "adjective":
        return written_as_country_name(c.text)
    return True


def _owner(doc: _Document, value: Mention, sentence: Sentence, kind: str) -> _Owner | None:
    """Who commits, invests or produces.

    In order: a possessive just before the figure ("Germany's €1 billion fund"); the
    antecedent of a relative clause holding the figure ("KATCO, qui ... produit"); the
    country whose output it is ("producción de cobre de Chile"); the first organisation of
    the sentence before the figure (not a lender, for a tonnage); the first country named as
    an actor (none when two are joined: "France and Morocco"); "the company" or "the
    refinery" of the sentence before; "its government" of the person speaking, "the
    kingdom" last named; the short name of a company named earlier ("A Hanbit"); the
    lender a financing names after the figure ("US$ 550 milhões da DFC").
    """
    start = sentence.start
    actors = [
        m
        for m in doc.organizations + doc.countries
        if start <= m.char_start and m.char_end <= value.char_start
    ]
    for m in sorted(actors, key=lambda m: -m.char_end):
        if re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,2}", doc.text[m.char_end : value.char_start]):
            return _owner_of(m)  # "Germany's €1 billion", "Chile's copper output of"
        break
    folded = doc.folded(sentence)
    relative = list(_RELATIVE.finditer(folded, 0, value.char_start - start))
    if relative:
        at = relative[-1].start() + start
        antecedent = [
            m for m in actors if at - 2 <= m.char_end <= at and not _is_place(doc, m, sentence)
        ]
        if antecedent and not _RELATIVE_CLOSED.search(
            folded, relative[-1].end(), value.char_start - start
        ):
            return _owner_of(antecedent[-1])
    if kind == "production":
        for c in doc.countries:
            if (
                value.char_end <= c.char_start < min(value.char_end + 60, sentence.end)
                and _OUTPUT_OF.search(doc.before(sentence, c.char_start, 50)) is not None
            ):
                return _country_owner(c)  # "su estimación de producción de cobre de Chile"
    led = [
        o
        for o in _in(doc.organizations, start, value.char_start)
        if _LED_BY.search(doc.before(sentence, o.char_start, 20))
    ]
    if led:
        return _organization_owner(
            led[-1]
        )  # "o projeto Mozambique LNG, liderado pela TotalEnergies"
    quantity = kind in ("capacity", "production", "offtake")
    organizations = [
        _organization_owner(o)
        for o in _in(doc.organizations, start, value.char_start)
        if not _is_place(doc, o, sentence)
    ]
    if quantity:
        organizations = [o for o in organizations if not _is_lender(o)]
    if organizations:
        return organizations[0]
    named = [
        c for c in _in(doc.countries, start, value.char_start) if _actor_country(doc, c, sentence)
    ]
    if named:
        first = named[0]
        joined = [
            c
            for c in doc.countries
            if c is not first
            and c.key != first.key
            and 0 <= c.char_start - first.char_end <= 6
            and _JOINED.match(doc.text[first.char_end : c.char_start])
        ]
        return None if joined else _country_owner(first)
    head = folded[: value.char_start - start]
    if COMPANY_ANAPHORS.search(head):
        earlier = sentence
        for _ in range(3):  # the company the last sentences were about
            previous = doc.previous(earlier, same_paragraph=False)
            if previous is None:
                break
            earlier = previous
            companies = [
                o
                for o in _in(doc.organizations, earlier.start, earlier.end)
                if o.attributes.get("organization_kind") == "company"
            ]
            if companies:
                return _organization_owner(companies[0])
    state = _STATE_ANAPHORS.search(head)
    if state and _PLACE_BEFORE.search(head[: state.start()]):
        state = None  # "plants in the country": a place, not who acts
    if state:
        speakers = [
            p for p in _in(doc.persons, start, value.char_start) if p.attributes.get("country_code")
        ]
        countries = {c.key: c for c in doc.countries}
        if speakers and speakers[0].attributes["country_code"] in countries:
            return _country_owner(countries[speakers[0].attributes["country_code"]])
        if not state.group("own"):
            before = [c for c in doc.countries if c.char_end <= value.char_start]
            if before:
                return _country_owner(before[-1])
    short = _short_form(doc, sentence, value)
    if short is not None:
        return short
    if kind in ("financing", "grant", "investment"):
        lenders = [
            o
            for o in doc.organizations
            if value.char_end < o.char_start <= value.char_end + 14
            and re.fullmatch(
                r"\s*(?:from|de|da|do|del|du|des)\s+(?:the\s+|la\s+|el\s+|l')?",
                doc.text[value.char_end : o.char_start],
            )
        ]
        if lenders:
            return _organization_owner(lenders[0])
    return None


_RELATIVE_CLOSED = re.compile(
    r",\s"
)  # "CMOC, which overtook Glencore ..., produced": the clause ended


def _short_form(doc: _Document, sentence: Sentence, value: Mention) -> _Owner | None:
    """ "A Hanbit fará um pagamento": the first word of a company named earlier."""
    before = doc.text[sentence.start : value.char_start]
    for o in doc.organizations:
        if o.char_start >= sentence.start or o.attributes.get("organization_kind") != "company":
            continue
        head = o.text.split()[0]
        if len(head) < 4 or not head[0].isupper() or " " not in o.text:
            continue
        at = next(whole_word_starts(before, head), None)
        if at is not None and not any(
            m.char_start == sentence.start + at for m in doc.minerals + doc.countries
        ):
            return _Owner(o.key, head, "company", o.attributes.get("country_code"))
    return None


# --- place --------------------------------------------------------------------------------

_ABROAD = re.compile(
    r"\b(?:abroad|overseas|no exterior|en el exterior|en el extranjero|a l'etranger|no estrangeiro)\b"
)


def _place(
    doc: _Document,
    value: Mention,
    sentence: Sentence,
    owner: _Owner | None,
    kind: str,
    found: list[Commitment],
) -> str | None:
    """Where it happens: a country or city named as a place ("in Zambia", "à Lubumbashi")
    after the figure in its sentence, else before it; else the country that invests or
    produces at home; else, when the sentence names no place, the place of the figure just
    before it in the same paragraph ("The refinery is expected to cost A$350 million")."""
    places = [
        p for p in _in(doc.places, sentence.start, sentence.end) if _is_place(doc, p, sentence)
    ]
    after = [p for p in places if value.char_end <= p.char_start < value.char_end + 140]
    if after:
        return _country_of(after[0])
    folded = doc.folded(sentence)
    breaks = list(_CLAUSE_BREAK.finditer(folded, 0, value.char_start - sentence.start))
    clause_start = sentence.start + (breaks[-1].end() if breaks else 0)
    before = [p for p in places if clause_start <= p.char_start and p.char_end <= value.char_start]
    if before:
        return _country_of(before[-1])
    if _ABROAD.search(folded):
        return None
    if found and found[-1].char_start == sentence.start and found[-1].country_code:
        return found[-1].country_code  # "US$ 300 millones en una planta con capacidad para ..."
    if (
        owner is not None
        and owner.kind == "country"
        and kind in ("capacity", "production", "offtake")
    ):
        return owner.key
    if not _in(doc.places, sentence.start, sentence.end) and found:
        earlier = doc.previous(sentence)
        last = found[-1]
        if earlier is not None and last.char_start == earlier.start:
            return last.country_code
    return None


# A new clause with its own verb: "..., e lembrou que", "...; the".
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|y|pero|mientras|e|mas|et|mais|tandis)\s")


def _country_of(m: Mention) -> str | None:
    return m.key if m.kind == "country" else m.attributes.get("country_code")


# --- agreement ----------------------------------------------------------------------------

# "the agreement", "el memorando", "a parceria", "le protocole", "under the deal": a sentence
# that goes on about an agreement already named. Per language, so that English "a
# memorandum" (indefinite) is not Portuguese "a parceria" (definite).
_REFERENCE_PARTS = {
    "en": (
        "the this that",
        "agreement accord memorandum mou moc declaration statement deal pact partnership framework "
        "treaty document text instrument roadmap",
    ),
    "es": (
        "el la este esta ese esa dicho dicha del al",
        "acuerdo memorando declaracion pacto convenio alianza asociacion documento texto instrumento "
        "carta tratado hoja",
    ),
    "pt": (
        "o a este esta esse essa do da no na pelo pela",
        "acordo memorando declaracao parceria documento texto instrumento carta tratado pacto roteiro",
    ),
    "fr": (
        "le la ce cet cette l' du au",
        "accord memorandum protocole declaration partenariat texte document traite lettre feuille",
    ),
}
_REFERENCE = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(
        rf"(?:{'|'.join(re.escape(d) for d in determiners.split())})\s*(?P<{language}>{'|'.join(nouns.split())})"
        for language, (determiners, nouns) in _REFERENCE_PARTS.items()
    )
    + r")(?![\w])"
    r"|^(?:it|il|elle|ele|ela)\s+(?:commits|provides|sets|establishes|foresees|prevoit|preve|establece|"
    r"estabelece|engage)\b"
)
_COMMERCIAL = re.compile(r"\s+(?:comercial|commercial|commerciale|de venta|de venda|de vente)\b")
_RECALL = re.compile(
    r"\b(?:recalled|recall|recordo|recordaron|lembrou|lembraram|rappele|rappelle|has set up|had set up|"
    r"already|ya|ja|deja)\b"
)


def _agreement(
    doc: _Document, commitment: Commitment, sentence: Sentence, owner: _Owner | None
) -> int | None:
    """The agreement a figure belongs to.

    One its sentence refers to ("under the deal", "la hoja de ruta", "o documento"), the one
    whose wording names the same instrument first; or one whose government side commits the
    money in the other party's territory; or one whose party speaks of it in the sentence,
    or right after a sentence about the agreement, unless the figure is only recalled.
    """
    candidates = [(i, a) for i, a in enumerate(doc.agreements) if not a.is_background]
    if not candidates:
        return None
    folded = doc.folded(sentence)
    reference = _REFERENCE.search(folded)
    if reference and _COMMERCIAL.match(folded, reference.end()):
        reference = None  # "pelo acordo comercial": a contract between companies
    company = owner is not None and owner.kind == "company"
    if reference and company:
        in_sentence = [
            i for i, a in candidates if a.char_start < sentence.end and sentence.start < a.char_end
        ]
        return in_sentence[-1] if in_sentence else None
    if reference:
        noun = next((g for g in reference.groupdict().values() if g), None)
        here = [
            (i, a)
            for i, a in candidates
            if a.char_start < sentence.end and sentence.start < a.char_end
        ]
        earlier = [(i, a) for i, a in candidates if a.char_start < sentence.start]
        worded = [
            (i, a)
            for i, a in earlier
            if noun and noun in fold_same_length(f"{a.title or ''} {a.evidence_text}")
        ]
        chosen = here or worded or earlier or candidates
        return chosen[-1][0]
    if _RECALL.search(folded):
        return None
    government = _government_side(owner)
    if government is None:
        return None
    with_owner = [(i, a) for i, a in candidates if government in _parties(a)]
    place = commitment.country_code
    if place is not None and place != government:
        return next((i for i, a in with_owner if place in _parties(a)), None)
    if not with_owner:
        return None
    parties_and_signatories = {
        p.key for _, a in with_owner for p in a.participants if p.role in ("signatory", "party")
    }
    speaks = any(
        p.key in parties_and_signatories
        for p in _in(doc.persons, sentence.start, commitment.value_start)
    )
    last = doc.previous(sentence)
    follows = last is not None and (
        _REFERENCE.search(doc.folded(last)) is not None
        or any(a.char_start < last.end and last.start < a.char_end for _, a in with_owner)
    )
    return with_owner[0][0] if speaks or follows else None


def _parties(agreement: AgreementFact) -> set[str]:
    return {p.key for p in agreement.participants if p.role == "party"}


def _government_side(owner: _Owner | None) -> str | None:
    """The country a government, its agency or its lender commits for; companies commit for
    themselves."""
    if owner is None:
        return None
    if owner.kind == "country":
        return owner.key
    if owner.kind in ("government_body", "intergovernmental") or _is_lender(owner):
        return owner.country_code
    return None
