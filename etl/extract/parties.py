"""Who acts in a sentence: the countries (and the EU) that are parties to what it reports.

A country is acting when it is named as an actor, or when a person or a public body of
it is named. Not acting: a country in a relative clause or an aside, after "reliance
on", qualifying a city ("Santiago, Chile") or a company ("U.S. producer MP Materials"),
or as a modifier ("Chinese-controlled").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from etl.extract.context import DocumentContext, OrgMention, in_regions, starting_in
from etl.extract.gazetteer import Match, written_as_country_name
from etl.extract.lexicon import (
    COMPANY_NOUNS,
    CONTEXT_CUES,
    DISTRIBUTIVE_WORDS,
    GOVERNMENT_NOUNS,
    INSTRUMENT_NOUNS,
    SIGNING_WORDS,
    TITLE_HEADS,
)
from etl.extract.metadata import WIRE
from etl.extract.text import Sentence

# ", who previously served as US ambassador to Mexico,": not this sentence's actors.
_RELATIVE_CLAUSE = re.compile(
    r",\s+(?:who|which|que|quien|quienes|qui|lequel|laquelle|an initiative|a project|a move|a deal)\b[^,]*(?:,|$)"
)
# "divulgou, nesta terça-feira (28/10), que Estados Unidos e Japão assinaram": after a
# verb of saying and an aside, ", que" opens what was said, not a relative clause.
_SAID_WITH_AN_ASIDE = re.compile(
    r"\b(?:divulg|inform|anunci|afirm|asegur|assegur|declar|explic|senal|destac|indic|"
    r"confirm|revel|precis|comunic|dijo|dice|disse|diz|annonc|soulign|rappel)\w*\s*,[^,]{1,50}$"
)
# "..., as China tries to tighten its grip": a clause of circumstance; its countries
# act in the background, not in the agreement.
_CIRCUMSTANCE_WORDS = (
    r"(?:as|while|amid|whereas|when|mientras|cuando|alors que|tandis que|quand|enquanto|quando)"
)
# The lookahead first: the regex engine tries the lookbehinds only in front of the words.
_CIRCUMSTANCE = re.compile(
    rf"(?=\s{_CIRCUMSTANCE_WORDS}\s)(?<!such)(?<!well)\s{_CIRCUMSTANCE_WORDS}\s+(?=[A-Z])[^,;]*"
)
# "en pleno contexto de tensiones entre la Casa Blanca y China": the background of the
# event, whatever letter follows.
_BACKDROP = re.compile(
    r"\b(?:en (?:pleno |un )?contexto de|en medio de|in the context of|against the backdrop of|"
    r"amid|dans un contexte de|sur fond de|em meio a|no contexto de|num contexto de)\b[^,;]*"
)
# "..., ahead of his meeting with Chinese President Xi Jinping": another event's people.
_OTHER_EVENT = re.compile(
    r"\b(?:ahead of|before|after|antes de|despues de|antes da|antes do|depois de|depois da|"
    r"avant|apres)\s+(?:(?:his|her|their|its|a|an|the|su|sus|la|el|una|un|sa|son|ses|leur|une|"
    r"o|a|uma|um)\s+)?(?:[\w-]+\s+)?(?:meeting|talks|summit|visit|reunion|encuentro|cumbre|"
    r"visita|sommet|rencontre|entretien|encontro|reuniao|cupula)\b[^,;]*"
)
# A leading "In addition to the talks with Chile, ..." sets the scene; its countries are not this clause's.
_ASIDE = re.compile(
    r"(?:in addition to|besides|apart from|aside from|beyond|ademas de|aparte de|alem de|en plus de|outre)\b[^,]*,",
    re.IGNORECASE,
)
# A country right after these is where something happens, not who acts.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|in the|en|em|no|na|au|aux|dans|dans le|dans la)\s+$")
_LOCATIVE_ENDINGS = (" in ", " at ", " a ", " en ", " em ", " de ", "from ", " to ", " near ")
_JOINED_BEFORE = re.compile(r"\b(?:y|and|et|e)\s+$")
# "with", "con la", "avec l'" right before a name: the other side of what is signed.
WITH_BEFORE = re.compile(r"\b(?:with|avec|con|com)\s+(?:the\s+|el\s+|la\s+|le\s+|l'|o\s+|a\s+)?$")
# The word after a name and its auxiliary: "Kinshasa a signé", "Santiago firmó", "Seoul has signed".
_NEXT_VERB = re.compile(r"\s+(?:(?:a|ha|has|have|had|tem)\s+)?(\w+)")
_CONJOINED_CAPITAL = re.compile(
    r"[\w'. -]{2,30} (?:et|and|y|e) [\w'. -]{2,30} (?:(?:ont|have|has|han|ha|tem|teem) )?"
    r"(?:negoci|sign|firm|assin|acord|agree|conclu|announc|anunci|annonc|launch|lanz|lanc|"
    r"suscrib|rubric|seal|sell|ink)"
)
_MODIFIER_HYPHEN = re.compile(r"-[a-z]")  # "Chinese-controlled", "US-based"
# How far a country adjective's noun may stand: after it in English ("Chilean Mining
# Minister"), before it in Spanish, Portuguese and French ("la ministra de Minería chilena").
_ADJECTIVE_REACH_AFTER = 4
_ADJECTIVE_REACH_BEFORE = 4
_COMMERCIAL_WORDS = (
    "offtake",
    "off-take",
    "supply",
    "purchase",
    "sales",
    "commercial",
    "suministro",
    "compraventa",
    "fornecimento",
    "comercial",
    "approvisionnement",
    "joint venture",
    "empresa conjunta",
)
# A plural instrument noun: "frameworks", "memorandos", "MoUs", "agreements", "deals".
_PLURAL_INSTRUMENT = re.compile(
    r"memoranda|memorandums|memorandos|mous|mocs|frameworks|agreements|acuerdos|acordos|"
    r"accords|deals|pacts|pactos|treaties|tratados|traites|declarations|declaraciones|"
    r"declaracoes|partnerships|parcerias|partenariats|protocoles|protocolos|convenios|ententes"
)
# What introduces the partners of several instruments: "with", "including", "such as".
_LIST_MARKER = re.compile(
    r"\b(?:with|con|avec|com|including|such as|como|incluindo|incluyendo|notamment|dont)\s"
)
_UNNAMED_COUNTERPART = re.compile(
    r"\b(?:with|con|avec|com)\s+[\"'«“‘]?\s*(?:a|an|one|un|una|um|uma|une)\s+(?:[\w-]+\s+)?"
    r"(?:partner|country|government|state|socio|pais|gobierno|estado|parceiro|governo|"
    r"partenaire|pays|gouvernement|etat)\b"
)
# How far from an instrument's name its other side is named.
_COUNTERPART_REACH = 60
# What introduces the other side of a deal.
_COUNTERPART = re.compile(
    r"\b(?:with|con|avec|com|between|entre|together with|junto a|junto con)\s"
)
_STATE_WORDS = frozenset(
    "countries country governments government states nations paises pais gobiernos gobierno estados "
    "governos governo pays gouvernements gouvernement etats".split()
)


def sentence_parties(ctx: DocumentContext, sentence: Sentence) -> frozenset[str]:
    """The countries acting in `sentence` (computed once, when the context was built)."""
    return ctx.sentence_parties[ctx.sentence_index.index_of(sentence.start)]


def read_sentence_parties(ctx: DocumentContext, sentence: Sentence) -> frozenset[str]:
    excluded = [
        (m.start(), m.end())
        for m in _RELATIVE_CLAUSE.finditer(ctx.text, sentence.start, sentence.end)
        if not _SAID_WITH_AN_ASIDE.search(
            ctx.folded, max(sentence.start, m.start() - 80), m.start()
        )
    ]
    excluded += [
        (m.start(), m.end()) for m in _CIRCUMSTANCE.finditer(ctx.text, sentence.start, sentence.end)
    ]
    excluded += [
        (m.start(), m.end())
        for pattern in (_OTHER_EVENT, _BACKDROP)
        for m in pattern.finditer(ctx.folded, sentence.start, sentence.end)
    ]
    aside = _ASIDE.match(ctx.folded, sentence.start, sentence.end)
    if aside:
        excluded.append((aside.start(), aside.end()))
    organizations = starting_in(ctx.organizations, sentence.start, sentence.end)
    companies = [o for o in organizations if o.kind == "company"]
    parties: set[str] = set()
    for country in starting_in(ctx.countries, sentence.start, sentence.end):
        if in_regions(country.start, excluded) or _inside_a_company(companies, country):
            continue  # "Tanzania's State Mining Corporation": the company acts, not Tanzania
        before = ctx.folded[max(sentence.start, country.start - 30) : country.start]
        if _after_context_cue(before) or _LOCATIVE_BEFORE.search(before):
            continue  # "reliance on China"; "met in the United States", "en Chile"
        if _qualifies_a_place(ctx, country) or _qualifies_a_company(ctx, country, companies):
            continue
        if _MODIFIER_HYPHEN.match(ctx.text[country.end : country.end + 2]):
            continue
        if _modifies_something_else(ctx, country) or _is_a_given_name(ctx, country):
            continue
        parties.add(country.key)
    for place in starting_in(ctx.places, sentence.start, sentence.end):
        if _after_context_cue(ctx.folded[max(sentence.start, place.start - 30) : place.start]):
            continue  # "sur fond de rivalité avec Pékin": the capital of a rival
        code = _metonymy(ctx, place, sentence)
        if code:
            parties.add(code)
    for person in starting_in(ctx.persons, sentence.start, sentence.end):
        if (
            person.country_code
            and not in_regions(person.start, excluded)
            # "en présence du ministre congolais": a witness's country is no party
            and not ctx.cues.within("witness", max(sentence.start, person.start - 60), person.start)
        ):
            parties.add(person.country_code)
    for org in organizations:
        if org.kind in ("government_body", "intergovernmental") and org.country_code:
            parties.add(org.country_code)
    return frozenset(parties)


# ", while the US president signed a similar pact with Thailand": two clauses, two events.
_CONTRAST = re.compile(
    r",\s+(?:while|whereas|mientras que|en tanto que|alors que|tandis que|enquanto|"
    r"ao passo que)\s|;\s"
)


def contrasted_clause_parties(
    ctx: DocumentContext, sentence: Sentence, offset: int
) -> frozenset[str]:
    """In a sentence of two contrasted clauses that each report a signing, the countries
    of the clause that names the instrument at `offset` (empty: read the whole sentence)."""
    breaks = contrast_breaks(ctx, sentence)
    if not breaks:
        return frozenset()
    bounds = [sentence.start, *(m.start() for m in breaks), sentence.end]
    clauses = [Sentence(a, b, ctx.text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    signing = [
        c
        for c in clauses
        if any(ctx.tokens.words[i] in SIGNING_WORDS for i in _token_range(ctx, c.start, c.end))
    ]
    if len(signing) < 2:
        return frozenset()
    own = next(c for c in clauses if c.start <= offset < c.end)
    return read_sentence_parties(ctx, own)


def contrast_breaks(ctx: DocumentContext, sentence: Sentence) -> list[re.Match]:
    return list(_CONTRAST.finditer(ctx.folded, sentence.start, sentence.end))


def _token_range(ctx: DocumentContext, start: int, end: int) -> range:
    return range(bisect_left(ctx.tokens.starts, start), bisect_left(ctx.tokens.starts, end))


def in_another_event(ctx: DocumentContext, sentence: Sentence, offset: int) -> bool:
    """ "signed ahead of a meeting with ...": the meeting is another, later event."""
    return any(
        m.start() <= offset < m.end()
        for m in _OTHER_EVENT.finditer(ctx.folded, sentence.start, sentence.end)
    )


def distributed_parties(
    ctx: DocumentContext, sentence: Sentence, trigger_start: int, trigger_end: int, home: list[str]
) -> list[frozenset[str]]:
    """One announcement of several bilateral instruments: one party pair per partner.

    "Washington signed 11 bilateral frameworks and MoUs with Argentina, Ecuador, Peru...",
    "La UE ya firmó memorandos similares con Argentina ... y con Chile": the hub is the
    country acting just before the instruments, and each country named after "with"
    (or "including", "such as") is its partner in an instrument of its own. "Canada-Japan
    and France-India memorandums": each written pair is one. Empty when the sentence
    does not speak of several instruments (one instrument joined by many states is one
    agreement).
    """
    trigger = ctx.folded[trigger_start:trigger_end]
    plural = any(_PLURAL_INSTRUMENT.fullmatch(word) for word in trigger.split())
    words = ctx.sentence_words[ctx.sentence_index.index_of(trigger_start)]
    if not (plural or not words.isdisjoint(DISTRIBUTIVE_WORDS)):
        return []
    named = [
        c
        for c in ctx.countries
        if sentence.start <= c.start < sentence.end
        and not _qualifies_a_place(ctx, c)
        and not _modifies_something_else(ctx, c)
    ]
    pairs = _written_pairs(ctx, named)
    if pairs:
        return pairs
    marker = _LIST_MARKER.search(ctx.folded, sentence.start, sentence.end)
    if marker is None:
        return []
    hub = _acting_just_before(ctx, sentence, trigger_start, named) or (home[0] if home else None)
    partners = {c.key for c in named if c.start >= marker.end()} - {hub}
    if hub is None or len(partners) < 2:
        return []
    return [frozenset({hub, partner}) for partner in sorted(partners)]


def _written_pairs(ctx: DocumentContext, named: list[Match]) -> list[frozenset[str]]:
    """ "Canada-Japan, France-India and Italy-Australia memorandums": pairs as written."""
    pairs = []
    for first, second in zip(named, named[1:], strict=False):
        if ctx.text[first.end : second.start] in ("-", "–", "/") and first.key != second.key:
            pairs.append(frozenset({first.key, second.key}))
    return pairs if len(pairs) >= 2 else []


def _acting_just_before(
    ctx: DocumentContext, sentence: Sentence, trigger_start: int, named: list[Match]
) -> str | None:
    """The country named (or whose capital is named) last before the instrument."""
    before = [c for c in named if c.start < trigger_start]
    capitals = [
        p
        for p in ctx.places
        if sentence.start <= p.start < trigger_start and p.entry.attributes.get("country_code")
    ]
    candidates = [(c.start, c.key) for c in before] + [
        (p.start, p.entry.attributes["country_code"]) for p in capitals
    ]
    return max(candidates)[1] if candidates else None


def _modifies_something_else(ctx: DocumentContext, country: Match) -> bool:
    """A country adjective (or a possessive) acts only beside a government noun.

    "the Chilean government", "la ministra chilena", "Chile's Mining Minister": an actor;
    "Japanese trading house Mitsui", "empresas chinas", "China's dominance": a modifier.
    """
    adjective = country.entry.attributes.get(
        "alias_kind"
    ) == "adjective" and not written_as_country_name(country.text)
    possessive = ctx.text[country.end : country.end + 2] in ("'s", "’s")
    if not (adjective or possessive):
        return False
    # The noun must be this country's: "the United States draws Chinese counter-proposals"
    # gives "states" to the United States, not to "Chinese".
    here = bisect_left(ctx.countries, country.start, key=lambda c: c.start)
    previous = ctx.countries[here - 1].end if here > 0 else 0
    later = here + 1 if here < len(ctx.countries) and ctx.countries[here] is country else here
    following = ctx.countries[later].start if later < len(ctx.countries) else len(ctx.text)
    after = _words(ctx, country.end, _ADJECTIVE_REACH_AFTER, forward=True, limit=following)
    before = _words(ctx, country.start, _ADJECTIVE_REACH_BEFORE, forward=False, limit=previous)
    if possessive and not INSTRUMENT_NOUNS.isdisjoint(after):
        return False  # "Malaysia's critical minerals MoU with the United States"
    return GOVERNMENT_NOUNS.isdisjoint(after) and GOVERNMENT_NOUNS.isdisjoint(before)


# Words that may join the parts of a title: "Minister of Industry and Construction".
_TITLE_JOINERS = frozenset("of for and the de del da do des du y e et".split())
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")


def _is_a_given_name(ctx: DocumentContext, country: Match) -> bool:
    """ "Vice Minister of Industry and Construction Iran Sharkhan": after a title and
    before a capitalised word, a country's name is a person's given name, and so it is
    wherever the document writes that name again ("a meeting between Iran Sharkhan and")."""
    following = _NEXT_WORD.match(ctx.text, country.end)
    if following is None or following.group(1).lower() in GOVERNMENT_NOUNS | TITLE_HEADS:
        return False
    if any(c.start == following.start(1) for c in ctx.countries):
        return False
    name = ctx.text[country.start : following.end()]
    return any(ctx.text.startswith(name, c.start) and _after_a_title(ctx, c) for c in ctx.countries)


def _after_a_title(ctx: DocumentContext, country: Match) -> bool:
    tokens = ctx.tokens
    i = bisect_left(tokens.starts, country.start)
    for j in range(i - 1, max(-1, i - 8), -1):
        word, start = tokens.words[j], tokens.starts[j]
        if word in TITLE_HEADS:
            return True
        if not (ctx.text[start : start + 1].isupper() or word in _TITLE_JOINERS):
            return False
    return False


def _words(
    ctx: DocumentContext, offset: int, count: int, *, forward: bool, limit: int | None = None
) -> list[str]:
    """Up to `count` folded words after (or before) `offset`, within its sentence and
    not past `limit`."""
    tokens = ctx.tokens
    sentence = ctx.sentence_index.of(offset)
    i = bisect_left(tokens.starts, offset)
    if forward:
        end = sentence.end if limit is None else min(sentence.end, limit)
        span = range(i, min(len(tokens), i + count))
        return [tokens.words[j] for j in span if tokens.starts[j] < end]
    start = sentence.start if limit is None else max(sentence.start, limit)
    span = range(max(0, i - count), i)
    return [tokens.words[j] for j in span if tokens.starts[j] >= start]


def is_company_deal(ctx: DocumentContext, sentence: Sentence, start: int) -> bool:
    """A deal between companies ("offtake agreement", "signed with US producer MP Materials").

    A company near the trigger, and no government side anywhere in the sentence: no
    public body, no titled official, no country acting, no "the two countries".
    """
    before = ctx.folded[max(sentence.start, start - 40) : start]
    if any(word in before for word in _COMMERCIAL_WORDS):
        return True
    if _company_side(ctx, sentence, start):
        return True  # a company on either side is a company deal, a government on the other
    if _body_and_company(ctx, sentence, start) and len(sentence_parties(ctx, sentence)) <= 1:
        return True  # "The Ministry of Industry (MIM) and Standard Chartered Bank signed an MOU"
    near = (max(sentence.start, start - 120), min(sentence.end, start + 120))
    companies = [o for o in starting_in(ctx.organizations, *near) if o.kind == "company"]
    index = ctx.sentence_index.index_of(start)
    if not companies or not ctx.sentence_words[index].isdisjoint(_STATE_WORDS):
        return False
    governments = [
        o
        for o in starting_in(ctx.organizations, sentence.start, sentence.end)
        if o.kind != "company"
    ] + [p for p in starting_in(ctx.persons, sentence.start, sentence.end) if p.title]
    return not governments and not sentence_parties(ctx, sentence)


# "The Ministry ... (MIM) and Standard Chartered Bank": two signers joined, an acronym
# between them allowed.
_JOINED_SIGNERS = re.compile(
    r"\s*(?:\([^()]{1,20}\)\s*)?,?\s*(?:and|y|e|et)\s+(?:the\s+|la\s+|el\s+|le\s+|l'|a\s+|o\s+)?"
)


def _body_and_company(ctx: DocumentContext, sentence: Sentence, start: int) -> bool:
    """A public body and a company, joined, sign together before the instrument word."""
    signers = starting_in(ctx.organizations, sentence.start, start)
    if len(signers) < 2:
        return False
    return any(
        {first.kind, second.kind} == {"government_body", "company"}
        and _JOINED_SIGNERS.fullmatch(ctx.folded, first.end, second.start)
        for first, second in zip(signers, signers[1:], strict=False)
    )


def commercial_contract(ctx: DocumentContext, sentence: Sentence) -> bool:
    """A contract is a company's business unless governments alone sign it: "des contrats
    ... signés entre le président français et son homologue de Mongolie" bind the states;
    "un contrat d'approvisionnement avec un industriel", "the exploration contract signed
    by KABIL in the presence of the minister" or contracts worth a sum do not."""
    index = ctx.sentence_index.index_of(sentence.start)
    folded = ctx.folded[sentence.start : sentence.end]
    # "PARIS (Reuters) – Des contrats ...": the agency files the story, it signs nothing.
    credits = [m.span() for m in WIRE.finditer(ctx.text, sentence.start, sentence.end)]
    return (
        any(
            o.kind == "company" and not in_regions(o.start, credits)
            for o in starting_in(ctx.organizations, sentence.start, sentence.end)
        )
        or not COMPANY_NOUNS.isdisjoint(ctx.sentence_words[index])
        or any(word in folded for word in _COMMERCIAL_WORDS)
        or any(  # a sum of money: "des contrats d'une valeur de 10 milliards d'euros"
            v.kind == "money" and sentence.start <= v.start < sentence.end for v in ctx.values
        )
    )


def _company_side(ctx: DocumentContext, sentence: Sentence, start: int) -> bool:
    """Does a company sign: the sentence's first actor, or what follows "with"/"entre"?

    "LITHIUM Power International has signed a broad MoU with Japanese trading house
    Mitsui", "The government of Zimbabwe has signed an agreement with China-based private
    company Tsingshan", "YLB firmó un convenio con el consorcio chino CBC".
    """
    # The other side is named right after the instrument ("an MoU with Japanese trading
    # house Mitsui") or the signing verb before it; "... in partnership with US companies"
    # further on is what the agreement is for, not who signed it.
    counterpart = _COUNTERPART.search(
        ctx.folded, start, min(sentence.end, start + _COUNTERPART_REACH)
    ) or _COUNTERPART.search(ctx.folded, max(sentence.start, start - _COUNTERPART_REACH), start)
    if counterpart is not None:
        window = (counterpart.end(), min(sentence.end, counterpart.end() + 60))
        if _company_in(ctx, *window) or not COMPANY_NOUNS.isdisjoint(
            _words(ctx, counterpart.end(), 4, forward=True)
        ):
            return True
    companies = [o for o in ctx.organizations if o.kind == "company" and _in(o.start, sentence)]
    actors = sorted(
        [
            (o.start, o.kind == "company")
            for o in ctx.organizations
            if _in(o.start, sentence) and not _bracketed(ctx, o)  # "(EFE)", "(Reuters)"
        ]
        + [
            (c.start, _owns_a_company(ctx, c))
            for c in ctx.countries
            if _in(c.start, sentence)
            and not _inside_a_company(ctx.organizations, c)
            and not _qualifies_a_company(ctx, c, companies)
        ]
        + [(p.start, False) for p in ctx.persons if _in(p.start, sentence)]
    )
    first_actor_is_company = bool(actors) and actors[0][0] < start and actors[0][1]
    if _SEAT_OF_GOVERNMENT.match(ctx.folded, sentence.start):
        return first_actor_is_company  # "The White House said ...": no trading house
    opening = _words(ctx, sentence.start, 3, forward=True)
    return first_actor_is_company or not COMPANY_NOUNS.isdisjoint(opening)


# Seats of government whose names hold a company noun ("house").
_SEAT_OF_GOVERNMENT = re.compile(
    r"\s*(?:the |la |a |o )?(?:white house|casa blanca|casa branca|casa rosada|maison blanche)\b"
)


def _owns_a_company(ctx: DocumentContext, country: Match) -> bool:
    """ "Zambia's state miner", "Chile's state copper company": a company is named."""
    possessive = ctx.text[country.end : country.end + 2] in ("'s", "’s")
    return possessive and not COMPANY_NOUNS.isdisjoint(_words(ctx, country.end, 4, forward=True))


def _inside_a_company(organizations, country: Match) -> bool:
    return any(
        o.kind == "company" and o.start <= country.start and country.end <= o.end
        for o in organizations
    )


def _bracketed(ctx: DocumentContext, org: OrgMention) -> bool:
    return ctx.text[org.start - 1 : org.start] == "(" and ctx.text[org.end : org.end + 1] == ")"


def _company_in(ctx: DocumentContext, start: int, end: int) -> bool:
    return any(o.kind == "company" and start <= o.start < end for o in ctx.organizations)


def _in(offset: int, sentence: Sentence) -> bool:
    return sentence.start <= offset < sentence.end


def unnamed_counterpart(ctx: DocumentContext, sentence: Sentence) -> bool:
    """ "signed a protocol with a Gulf partner", "con un país amigo": the other side is
    left unnamed, so it is not the document's home country either."""
    return _UNNAMED_COUNTERPART.search(ctx.folded, sentence.start, sentence.end) is not None


def complete_bilateral(
    parties: frozenset[str], partners_so_far: list[frozenset[str]], home: list[str]
) -> frozenset[str]:
    """One country named: its partner is the one it was last paired with, else the home country.

    Press releases name the partner ("signed an MoU with the United States") and leave
    the home government implicit; the home country is the one the document names most.
    """
    (party,) = parties
    for earlier in reversed(partners_so_far):
        if party in earlier and len(earlier) == 2:
            return earlier
    other = next((c for c in home if c != party), None)
    return parties | {other} if other else parties


def country_ranking(ctx: DocumentContext) -> list[str]:
    """Countries by how often the document names them: the first is its home country."""
    counts = Counter(c.key for c in ctx.countries)
    return [code for code, _ in counts.most_common()]


def host_parties(ctx: DocumentContext, sentence: Sentence) -> frozenset[str]:
    """ "Talks in Jakarta ended without an agreement": the host city's country, alone."""
    hosts = frozenset(
        p.entry.attributes["country_code"]
        for p in ctx.places
        if sentence.start <= p.start < sentence.end and p.entry.attributes.get("country_code")
    )
    return hosts if len(hosts) == 1 else frozenset()


def _qualifies_a_place(ctx: DocumentContext, country: Match) -> bool:
    """ "Santiago, Chile": the country says where a city is, not who acted."""
    return any(
        0 <= country.start - place.end <= 2 and ctx.text[place.end : country.start].strip() == ","
        for place in ctx.places
    )


def _qualifies_a_company(ctx: DocumentContext, country: Match, companies: list[OrgMention]) -> bool:
    """ "South Korea's Hanseong Materials", "U.S. rare earths producer MP Materials"."""
    for company in companies:
        gap = ctx.text[country.end : company.start]
        if (
            0 <= company.start - country.end <= 40
            and not any(c in gap for c in ",;")
            and not any(w[:1].isupper() for w in gap.split()[1:])
            and (gap.startswith(("'s", "’s", "-based")) or gap.strip().islower() or not gap.strip())
        ):
            return True
    return False


def _after_context_cue(before: str) -> bool:
    """The folded words before a country or capital make it context ("reliance on")."""
    return before.rstrip().endswith(CONTEXT_CUES)


def _metonymy(ctx: DocumentContext, place: Match, sentence: Sentence) -> str | None:
    """ "Bruxelles et Kinshasa négocient": a capital as the actor is its government."""
    if not (sentence.start <= place.start < sentence.end):
        return None
    before = ctx.folded[max(sentence.start, place.start - 4) : place.start]
    if (
        before.endswith(_LOCATIVE_ENDINGS)
        or place.start == sentence.start
        and ctx.text[place.end : place.end + 1] == ","
    ):
        return None
    # A capital that signs alone, or that a country signed with: "Kinshasa a signé en mai
    # avec Washington un accord" (two capitals that sign together are the rule below's).
    verb = _NEXT_VERB.match(ctx.folded, place.end)
    if place.entry.attributes.get("capital") == "yes" and (
        (
            verb is not None
            and verb.group(1) in SIGNING_WORDS
            and not _JOINED_BEFORE.search(
                ctx.folded, max(sentence.start, place.start - 5), place.start
            )
        )
        or (
            WITH_BEFORE.search(ctx.folded, max(sentence.start, place.start - 6), place.start)
            and not ctx.sentence_words[ctx.sentence_index.index_of(place.start)].isdisjoint(
                SIGNING_WORDS
            )
        )
    ):
        return place.entry.attributes.get("country_code")
    # Two capitals joined as the subject: "Bruxelles et Kinshasa négocient".
    partners = [
        other
        for other in starting_in(ctx.places, sentence.start, sentence.end)
        if other is not place
        and ctx.folded[min(other.end, place.end) : max(other.start, place.start)].strip()
        in ("et", "and", "y", "e")
    ]
    if not partners or not _CONJOINED_CAPITAL.match(
        ctx.folded, min(place.start, partners[0].start)
    ):
        return None
    return place.entry.attributes.get("country_code")  # Brussels is listed as EUU
