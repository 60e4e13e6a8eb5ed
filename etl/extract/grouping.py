"""From trigger occurrences to the agreements a document reports.

A trigger phrase opens an occurrence in its sentence; occurrences with the same party
countries, compatible kinds and agreeing dates are one agreement (a headline, the lede
and "the agreement" further down all describe the same signing).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from etl.extract import settings
from etl.extract.context import DocumentContext, in_regions, starting_in
from etl.extract.dates import FoundDate
from etl.extract.entities import in_title_case_line
from etl.extract.lexicon import (
    PUBLISHING_VERBS,
    QUALIFIED_ANAPHOR,
    REPORTING_VERBS,
    SIGNING_WORDS,
)
from etl.extract.parties import (
    commercial_contract,
    complete_bilateral,
    contrast_breaks,
    contrasted_clause_parties,
    country_ranking,
    distributed_parties,
    host_parties,
    in_another_event,
    is_company_deal,
    sentence_parties,
    unnamed_counterpart,
)
from etl.extract.text import Sentence
from etl.extract.triggers import (
    ACTION_WORDS,
    EVENT_WORDS,
    NEGATED,
    PLURAL_GENERIC,
    RANK,
    TRIGGERS,
    already_signed,
    case_ok,
    family,
    status,
)
from etl.model import AgreementStatus

# Kinds that name an instrument (rank of "memorandum" and more specific), and words
# that liken one instrument to another.
_NAMED_RANK = 2
_SIMILAR = frozenset("similar similares semelhantes similaires same mismo mesmo meme".split())
_DEFINITE = re.compile(
    r"\b(?:the|this|that|el|la|este|esta|ese|esa|le|ce|cet|cette|o|a|esse|essa)\s+$"
)
_ANOTHER = re.compile(
    r"\b(?:another|other|a second|a separate|a further|second|separate|otro|otra|otros|otras|"
    r"un segundo|una segunda|outro|outra|outros|outras|um segundo|uma segunda|un autre|une autre|"
    r"autres|un second|une seconde|distinct)\b[\w\s-]{0,20}$"
)
_BULLETS = "-•*–·"


@dataclass
class Occurrence:
    kind: str
    start: int
    end: int
    sentence: int
    parties: frozenset[str]
    status: AgreementStatus
    # A plural word ("seis memorandos", "the agreements"): it sums several instruments up
    # and never names the kind of one of them.
    plural: bool = False
    # One country named, its partner guessed (parties.complete_bilateral).
    partner_guessed: bool = False


@dataclass
class Group:
    """An agreement being assembled from its occurrences (mutable while grouping)."""

    parties: frozenset[str]
    occurrences: list[Occurrence] = field(default_factory=list)
    # Where the document speaks of this agreement: whole sentences, or the part of a
    # sentence that names two agreements ("a joint declaration on nickel, and a
    # separate MoU on LNG").
    regions: list[tuple[int, int]] = field(default_factory=list)
    # Sentences that mention the agreement in passing ("... before the memorandum was
    # signed by X"): they tell who signed and whether it binds, not what it covers.
    context: list[tuple[int, int]] = field(default_factory=list)
    event_date: date | None = None
    precision: str | None = None
    # The instrument's kind when the text names it only where no occurrence could be
    # read ("“The Memorandum (of Understanding) sets ...”", "similar memoranda").
    named_kind: str | None = None
    # Opened by a meeting the text names ("la Reunión Ministerial sobre Minerales
    # Críticos"): an event of its own, not the visit of an instrument signed there.
    named_meeting: bool = False

    def mention(self, occurrence: Occurrence, sentence: Sentence) -> None:
        """The event named (again) at `occurrence`: its sentence speaks of it."""
        self.occurrences.append(occurrence)
        self.regions.append((sentence.start, sentence.end))

    @property
    def defining(self) -> Occurrence:
        """The most specific mention: it gives the kind, the title and the evidence."""
        return min(self.occurrences, key=lambda o: (o.plural, RANK[o.kind], o.start))


def quoted_opinion(ctx: DocumentContext, start: int, kind: str) -> bool:
    """An instrument named inside a quotation is someone's opinion ("something of a
    framework agreement"), unless the quotation is the instrument's title (firmaron un
    “Plan de Acción Conjunto sobre Minerales Críticos”) or reports the signing itself (a
    communiqué quoted whole: "... Ghana and the United Arab Emirates signed a Memorandum
    of Understanding ...," the ministry said: countries and a signing word in it); talks
    in a quotation ("what we signed today turns years of dialogue into ...") are always
    someone's words."""
    quote = next(((a, b) for a, b in ctx.quotes if a <= start < b), None)
    if quote is None:
        return False
    a, b = quote
    if not ctx.text[a + 1 : start].strip() and ctx.text[start].isupper():
        return False  # the quotation opens on the instrument's name: its title
    reports_a_signing = not SIGNING_WORDS.isdisjoint(ctx.tokens.between(a, b)) and bool(
        starting_in(ctx.countries, a, b)
    )
    return kind == "talks" or not reports_a_signing


def anchor_date(ctx: DocumentContext) -> date | None:
    """The date the document speaks from: its publication, else the latest date it gives."""
    return ctx.published or max((d.value for d in ctx.dates if d.value), default=None)


# "The meeting was held within the framework of an MoU": the idiom names no framework; it
# relates the meeting to the instrument that follows.
_IN_THE_FRAMEWORK_OF = r"(?:within|in|under) the framework of"
_FRAMEWORK_IDIOM = re.compile(rf"\b{_IN_THE_FRAMEWORK_OF}\b")


def group_occurrences(ctx: DocumentContext) -> list[Group]:
    home = country_ranking(ctx)
    anchor = anchor_date(ctx)
    groups: list[Group] = []
    last_group: Group | None = None
    company_deal_kind: str | None = None  # the kind of the last instrument, if companies signed it
    triggers = TRIGGERS.find(ctx.tokens)
    per_sentence = Counter(ctx.sentence_index.index_of(t[0]) for t in triggers if t[2] != "talks")
    instrument_starts: dict[int, list[int]] = {}
    for trigger_start, _, trigger_kind in triggers:
        if trigger_kind != "talks" and not _NESTED.search(
            ctx.folded, max(0, trigger_start - 30), trigger_start
        ):
            instrument_starts.setdefault(ctx.sentence_index.index_of(trigger_start), []).append(
                trigger_start
            )
    for start, end, kind in triggers:
        if quoted_opinion(ctx, start, kind) or not case_ok(ctx.text[start:end]):
            continue  # an opinion in quotes ("something of a framework agreement") is no signing
        if _names_an_initiative(ctx, start, end):
            continue  # "le Partenariat pour la sécurité des minéraux (MSP)": a body, no event
        before = ctx.folded[max(0, start - 25) : start]
        if kind == "framework" and _FRAMEWORK_IDIOM.search(ctx.folded, max(0, start - 12), end + 4):
            continue  # "held within the framework of an MoU": the idiom, no instrument
        if NEGATED.search(before) or ctx.cues.within("negation", max(0, start - 40), end + 60):
            continue  # "no agreement was signed", "un eventual memorando", "aucun accord n'a été conclu"
        index = ctx.sentence_index.index_of(start)
        sentence = ctx.sentences[index]
        plural = PLURAL_GENERIC.search(ctx.folded, start, end) is not None
        if kind == "talks" and in_another_event(ctx, sentence, start):
            continue  # "signed ahead of a meeting with ...": that meeting has not happened
        if kind == "talks" and instrument_starts.get(index) and _a_groups_meeting(ctx, start, end):
            continue  # "signed ... on the sidelines of a G7 ministerial meeting": the venue
        rivals = instrument_starts.get(index, [])
        state = status(ctx, kind, sentence, start, end, per_sentence[index] <= 1)
        titled_pair = _pair_in_title(ctx, sentence, start, end)
        if (
            kind != "talks"
            and not titled_pair
            and (
                is_company_deal(ctx, sentence, start)
                or (kind == "contract" and commercial_contract(ctx, sentence))
            )
        ):
            company_deal_kind = kind
            continue  # "signed a binding offtake agreement with South Korea's Hanseong Materials"
        if (
            company_deal_kind is not None
            and (kind == company_deal_kind or RANK[kind] >= 2)
            and _DEFINITE.search(ctx.folded, max(sentence.start, start - 12), start)
        ):
            continue  # "The MoU was signed in Seoul between the CEOs": the company deal again
        party_sets = (
            distributed_parties(ctx, sentence, start, end, home)
            if not ctx.sentence_words[index].isdisjoint(ACTION_WORDS)
            else []
        )
        pointed_at = _pointed_at(ctx, groups, kind, sentence, start)
        if pointed_at is not None:
            # "Through this MOU, the US will support Zambia and Malawi": the instrument
            # already named, its parties kept (those it supports are no parties) unless
            # they were a guess ("signed by the United States", its partner guessed):
            # then the countries this sentence names are better ones.
            told = frozenset().union(*party_sets) or sentence_parties(ctx, sentence)
            if all(o.partner_guessed for o in pointed_at.occurrences) and pointed_at.parties < told:
                pointed_at.parties = told
            pointed_at.mention(
                Occurrence(kind, start, end, index, pointed_at.parties, state, plural), sentence
            )
            continue
        if RANK[kind] >= 2 and kind != "talks" and not party_sets:
            if plural and not (last_group is not None and compatible(last_group, kind, state)):
                continue
            named = ctx.text[start].isupper() and (
                kind == "treaty_or_binding_agreement" or bool(titled_pair)
            )
            if (
                state == "signed"
                and not named
                and ctx.sentence_words[index].isdisjoint(ACTION_WORDS)
            ):
                # "a comprehensive economic partnership", "potential future agreements" are
                # no event; "the agreement on critical minerals" goes on about the last one.
                target = _spoken_of(groups, last_group, kind)
                if (
                    target is not None
                    and _DEFINITE.search(ctx.folded, max(sentence.start, start - 12), start)
                    and compatible(target, kind, state)
                ):
                    target.mention(
                        Occurrence(kind, start, end, index, target.parties, state, plural),
                        sentence,
                    )
                continue
        if party_sets:
            for parties in party_sets:
                last_group = _add_occurrence(
                    ctx,
                    groups,
                    Occurrence(kind, start, end, index, parties, state, plural),
                    anchor,
                    rivals,
                )
            company_deal_kind = None
            continue
        parties = (
            titled_pair
            or contrasted_clause_parties(ctx, sentence, start)
            or sentence_parties(ctx, sentence)
        )
        if not parties and kind == "talks":
            parties = host_parties(ctx, sentence)
        partner_guessed = len(parties) == 1 and not unnamed_counterpart(ctx, sentence)
        if partner_guessed:
            parties = complete_bilateral(parties, [g.parties for g in groups], home)
        if not parties:
            # No country named: "the agreement" goes on about the last one; "the two
            # countries will sign an MoU" is a new event of the last pair; a named
            # instrument adopted by a body ("the IDB convention adopted a declaration")
            # is an agreement of that body.
            generic = RANK[kind] >= 2 or kind == "talks"
            own_date = date_near(ctx, sentence, start, rivals)
            target = _spoken_of(groups, last_group, kind)
            if (
                target is not None
                and compatible(target, kind, state)
                and (generic or family(kind) == family(target.defining.kind))
                and dates_agree(target, own_date, anchor)
            ):
                target.mention(
                    Occurrence(kind, start, end, index, target.parties, state, plural), sentence
                )
                if not ctx.sentence_words[index].isdisjoint(SIGNING_WORDS):
                    _take_date(target, own_date)  # "ont procédé ce jeudi à la signature"
                continue
            if _section_heading(ctx, index):
                continue  # "Hoja de ruta y objetivos técnicos": a heading, not an instrument
            if _contained(ctx, sentence, start):
                continue  # "La declaración establece una hoja de ruta": what it contains
            parties = frozenset(
                o.key
                for o in starting_in(ctx.organizations, sentence.start, sentence.end)
                if o.kind == "intergovernmental"
            )
            if not parties and last_group is not None and not unnamed_counterpart(ctx, sentence):
                parties = last_group.parties
            if not parties:
                continue
        same = _named_again(ctx, groups, kind, parties, sentence, start)
        if same is not None:
            # "... plans to negotiate an MoU with the US. Details of the MoU are yet to be
            # disclosed": the same instrument again, whatever its status was read as.
            same.mention(
                Occurrence(kind, start, end, index, same.parties, same.defining.status, plural),
                sentence,
            )
            continue
        last_group = _add_occurrence(
            ctx,
            groups,
            Occurrence(kind, start, end, index, parties, state, plural, partner_guessed),
            anchor,
            rivals,
        )
        company_deal_kind = None

    groups = without_summaries(groups)
    name_generic_instruments(ctx, groups, triggers)
    date_bulleted_items(ctx, groups)
    date_same_day(ctx, groups)
    date_main_event(ctx, groups, anchor)
    split_shared_sentences(ctx, groups)
    return groups


# The words by which a standing initiative the reference knows is named after an
# instrument ("Minerals Security Partnership").
_INSTRUMENT_IN_NAME = re.compile(
    r"\b(?:partnership|alliance|agreement|dialogue|forum|pact)\b", re.I
)


def _names_an_initiative(ctx: DocumentContext, start: int, end: int) -> bool:
    """The trigger is (part of) the name of a standing intergovernmental initiative the
    reference knows: inside its name, or in the name its acronym then stands for ("le
    Partenariat pour la sécurité des minéraux (MSP)")."""
    sentence = ctx.sentences[ctx.sentence_index.index_of(start)]
    for org in starting_in(ctx.organizations, sentence.start, sentence.end):
        if org.kind != "intergovernmental" or not _INSTRUMENT_IN_NAME.search(org.name):
            continue
        if org.start <= start < org.end:
            return True
        if org.start >= end and _SPELLED_OUT.fullmatch(ctx.text, end, org.start):
            return True
    return False


# The rest of a name and the parenthesis opening its acronym.
_SPELLED_OUT = re.compile(r"[^,;.()\n]{0,60}\(")


# "the US-Japan Critical Minerals Agreement", "el Acuerdo Marco Chile-Japón": a title
# naming the states it binds, joined by dashes, before or after the instrument word, with
# only capitalised words (and the small words between them) in between.
_PAIR_JOINER = re.compile(r"\s?[-–—]\s?")
_TITLE_WORDS = re.compile(
    r"(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]*|of|on|for|and|in|de|del|des|du|la|sur|pour|et|e|y|em))*\s+"
)


def _pair_in_title(
    ctx: DocumentContext, sentence: Sentence, start: int, end: int
) -> frozenset[str]:
    """The states an instrument's title names ("the US-Japan Critical Minerals
    Agreement", "el Acuerdo Marco Chile-Japón", "l'Accord Canada–France"): its parties,
    though no verb tells of it being signed."""
    if not ctx.text[start].isupper():
        return frozenset()
    named = starting_in(ctx.countries, sentence.start, sentence.end)
    before = [c for c in named if c.end <= start]
    after = [c for c in named if c.start >= end]
    chain = []
    if before and _TITLE_WORDS.fullmatch(ctx.text, before[-1].end, start):
        chain = [before.pop()]  # "the Japan-US-Philippines Trilateral Meeting": all three
        while before and _PAIR_JOINER.fullmatch(ctx.text, before[-1].end, chain[-1].start):
            chain.append(before.pop())
    elif after and _TITLE_WORDS.fullmatch(ctx.text, end, after[0].start):
        chain = [after.pop(0)]
        while after and _PAIR_JOINER.fullmatch(ctx.text, chain[-1].end, after[0].start):
            chain.append(after.pop(0))
    parties = frozenset(c.key for c in chain)
    return parties if len(parties) >= 2 else frozenset()


def _spoken_of(groups: list[Group], last: Group | None, kind: str) -> Group | None:
    """The event "the agreement" (named with no country) goes on about: the last one,
    unless that is a meeting the text names ("la Reunión Ministerial"), when an
    instrument word speaks of the last instrument ("Con este acuerdo, ambos países...")."""
    if last is None or kind == "talks" or not last.named_meeting:
        return last
    return next((g for g in reversed(groups) if not g.named_meeting), None)


def _named_again(
    ctx: DocumentContext,
    groups: list[Group],
    kind: str,
    parties: frozenset[str],
    sentence: Sentence,
    start: int,
) -> Group | None:
    """ "the MoU" in a sentence that reports no action: the last instrument of that kind
    between these parties, named again."""
    index = ctx.sentence_index.index_of(start)
    if not ctx.sentence_words[index].isdisjoint(ACTION_WORDS) or not _DEFINITE.search(
        ctx.folded, max(sentence.start, start - 12), start
    ):
        return None
    earlier = [g for g in groups if g.defining.kind == kind and parties <= g.parties]
    return earlier[-1] if earlier else None


def _pointed_at(
    ctx: DocumentContext, groups: list[Group], kind: str, sentence: Sentence, start: int
) -> Group | None:
    """ "this MOU", "ce protocole d'accord", "esse memorando": the last instrument of
    that kind already named; a demonstrative never opens a new one."""
    if not _DEMONSTRATIVE.search(ctx.folded, max(sentence.start, start - 12), start):
        return None
    earlier = [
        g for g in groups if g.defining.kind != "talks" and family(g.defining.kind) == family(kind)
    ]
    return earlier[-1] if earlier and kind != "talks" else None


_DEMONSTRATIVE = re.compile(r"\b(?:this|ce|cet|cette|este|esta|ese|esa|esse|essa)\s+$")


def _section_heading(ctx: DocumentContext, index: int) -> bool:
    """A short line with no verb of agreeing and no full stop, inside the document."""
    sentence = ctx.sentences[index]
    text = sentence.text.strip()
    return (
        index > 2
        and len(text) <= _HEADING_MAX_CHARS
        and not text.endswith((".", ":", ";"))
        and ctx.sentence_words[index].isdisjoint(ACTION_WORDS)
    )


_HEADING_MAX_CHARS = 60


# How a text relates one instrument to an earlier one: "builds on", "fait suite à".
_RELATES_TO_ANOTHER = re.compile(
    r"\b(?:builds on|build on|follows|following|succeeds|replaces|complements|extends|updates|"
    r"fait suite|prolonge|complete|remplace|da continuidad|da seguimento|sigue a|amplia|"
    r"actualiza|atualiza|sucede|reemplaza|substitui|complementa|"
    rf"{_IN_THE_FRAMEWORK_OF}|en el marco del?|no ambito d[oa]s?|dans le cadre d(?:u|es|e|')|"
    r"al amparo de)\b"
)


def _contained(ctx: DocumentContext, sentence: Sentence, start: int) -> bool:
    """ "The declaration establishes a roadmap": a sentence that opens on the agreement
    already named speaks of it; an instrument further on is part of it, unless the
    sentence relates the two ("the deal builds on a partnership agreed in 2021")."""
    opens_on_it = ctx.cues.within("anaphor", sentence.start, sentence.start + 25) or bool(
        QUALIFIED_ANAPHOR.match(ctx.folded, sentence.start, sentence.end)
    )
    return (
        opens_on_it
        and start > sentence.start + 3
        and _RELATES_TO_ANOTHER.search(ctx.folded, sentence.start, start) is None
    )


def _add_occurrence(
    ctx: DocumentContext,
    groups: list[Group],
    occurrence: Occurrence,
    anchor: date | None,
    rivals: list[int],
) -> Group:
    """Join the occurrence to the group of the same event, or open a new group.

    "A second memorandum", "otro acuerdo", "un autre protocole": the text says it is
    another instrument, so it opens a group of its own.
    """
    sentence = ctx.sentences[occurrence.sentence]
    found_date = date_near(ctx, sentence, occurrence.start, rivals)
    another = _ANOTHER.search(
        ctx.folded, max(sentence.start, occurrence.start - 25), occurrence.start
    )
    rivals_named = _rival_groups(groups, occurrence) if another else None
    meeting = _named_meeting(ctx, sentence, occurrence)
    group = (
        None
        if another and rivals_named is None
        else next(
            (
                g
                for g in reversed(groups)
                if all(g is not r for r in rivals_named or ())
                and g.parties == occurrence.parties
                and g.named_meeting == meeting
                and dates_agree(g, found_date, anchor)
                and compatible(g, occurrence.kind, occurrence.status)
            ),
            None,
        )
    )
    if group is None:
        group = Group(occurrence.parties, named_meeting=meeting)
        groups.append(group)
    group.mention(occurrence, sentence)
    _take_date(group, found_date)
    return group


def _rival_groups(groups: list[Group], occurrence: Occurrence) -> list[Group] | None:
    """ "signed the Agreement on Reciprocal Trade and a separate MoU on critical minerals":
    "separate" sets the MoU apart from the instruments of another kind just named in its
    sentence (their groups, returned), not from the MoU the headline named. None when no
    instrument of another kind was named before it there, or one of the same kind was
    ("an MoU on lithium and another MoU"): then "another" is a new instrument."""
    earlier = [
        (g, o.kind)
        for g in groups
        for o in g.occurrences
        if o.sentence == occurrence.sentence and o.start < occurrence.start and o.kind != "talks"
    ]
    if not earlier or any(family(kind) == family(occurrence.kind) for _, kind in earlier):
        return None
    # a generic word the headline's MoU group took in ("the agreement") is no rival of it
    return [g for g, _ in earlier if family(g.defining.kind) != family(occurrence.kind)]


# "una reunión ministerial", "a ministerial meeting", "la réunion ministérielle": a
# meeting of ministers of many states, an event of its own whatever its capitals.
_MINISTERIAL_BEFORE = re.compile(r"\bministerial\s+$")
_SAME_AS_BEFORE = re.compile(r"\b(?:same|mismo|misma|mesmo|mesma|meme)\s+(?:\w+\s+)?$")
_MINISTERIAL_AFTER = re.compile(r"\s+ministeri(?:al|elle|el)\b")


def _ministerial(ctx: DocumentContext, start: int, end: int) -> bool:
    return bool(
        _MINISTERIAL_BEFORE.search(ctx.folded, max(0, start - 12), start)
        or _MINISTERIAL_AFTER.match(ctx.folded, end)
    )


# How far from the meeting word a group's name stands: "a G7 ministerial meeting", "una
# reunión ministerial del G7", "la réunion ministérielle du G20".
_GROUP_NAME_REACH = 20


def _a_groups_meeting(ctx: DocumentContext, start: int, end: int) -> bool:
    """ "a G7 ministerial meeting", "una reunión ministerial del G7": the ministerial
    meeting of a group of states the reference knows, where two of them (or two guests)
    signed an instrument. It is the group's meeting, the venue of the signing: not talks
    between the two signers."""
    if not _ministerial(ctx, start, end):
        return False
    return any(
        org.kind == "intergovernmental"
        and (
            start - _GROUP_NAME_REACH <= org.end <= start
            or end <= org.start <= end + _GROUP_NAME_REACH
        )
        for org in ctx.organizations
    )


def _named_meeting(ctx: DocumentContext, sentence: Sentence, occurrence: Occurrence) -> bool:
    """ "en el marco de la Reunión Ministerial sobre Minerales Críticos": a meeting named
    with capitals inside a sentence (not its first word, not a headline in title case),
    or a ministerial meeting however it is written."""
    if occurrence.kind != "talks":
        return False
    folded = ctx.folded
    if _SAME_AS_BEFORE.search(folded, max(0, occurrence.start - 20), occurrence.start):
        return False  # "à margem do mesmo encontro ministerial": the meeting told of before
    if _ministerial(ctx, occurrence.start, occurrence.end):
        return True
    return (
        bool(ctx.text[sentence.start : occurrence.start].strip(" -–•*\n\t"))
        and ctx.text[occurrence.start].isupper()
        and not in_title_case_line(ctx.text, occurrence.start)
    )


def _take_date(group: Group, found: FoundDate | None) -> None:
    """The group's date, unless it already has one as precise."""
    if (
        found
        and found.value
        and (group.event_date is None or more_precise(found.precision, group.precision))
    ):
        group.event_date, group.precision = found.value, found.precision


def without_summaries(groups: list[Group]) -> list[Group]:
    """ "México firma con EE.UU. memorando ..., días después de pacto con Canadá": a
    generic mention naming three or more countries, each pair of which the text reports
    on its own, summarises those agreements; it is not another one."""
    return [
        g
        for g in groups
        if not (
            RANK[g.defining.kind] >= 2
            and len(g.parties) >= 3
            and any(other is not g and other.parties < g.parties for other in groups)
        )
    ]


def date_bulleted_items(ctx: DocumentContext, groups: list[Group]) -> None:
    """ "Ministers signed three agreements on Monday: - Canada-Japan ... - France-India ...":
    undated items of a bulleted list take the date of the sentence that introduces it."""
    for group in groups:
        if group.event_date is not None or group.defining.status != "signed":
            continue
        index = group.defining.sentence
        if ctx.sentences[index].text[:1] not in _BULLETS:
            continue
        while index > 0 and ctx.sentences[index - 1].text[:1] in _BULLETS:
            index -= 1
        for previous in range(index - 1, max(-1, index - 3), -1):
            found = date_near(ctx, ctx.sentences[previous], ctx.sentences[previous].end)
            if found and found.value and not ctx.sentence_words[previous].isdisjoint(ACTION_WORDS):
                group.event_date, group.precision = found.value, found.precision
                break


# "the US signed frameworks with 10 other countries the same day": the date of the event
# the text reported before.
_SAME_DAY = re.compile(
    r"\b(?:(?:on|in) the same day|that same day|the same day|el mismo dia|ese mismo dia|"
    r"ese dia|le meme jour|ce meme jour|ce jour-la|no mesmo dia|nesse mesmo dia|naquele dia)\b"
)


# "signed during the meeting", not "signed after the meeting": the same day.
_DURING = re.compile(
    r"\b(?:during|at|on the sidelines of|durante|en|en el marco de|al margen de|"
    r"(?:lors|en marge|au cours) d(?:e|u|es|')|(?:a margem|no ambito) d[aoe]s?|na|no)"
    r"\s*(?:(?:the|a|an|una|un|la|el|le|l'|o|um|uma|du|del|de la|da|do)\s+)?\w*\s*$"
)
_BEFORE_OR_AFTER = re.compile(
    r"\b(?:after|before|ahead of|following|tras|despues|antes|apres|avant|apos)\b"
)


def signed_at_meeting(ctx: DocumentContext, groups: list[Group], meeting: Group) -> Group | None:
    """The instrument of `groups` signed at a named meeting ("signed yesterday ... on the
    sidelines of the Critical Minerals Dialogue"): one that speaks of the meeting's
    sentence, else, when that sentence tells of a signing during the meeting ("El
    instrumento fue suscrito durante una reunión ministerial"), the last one signed
    before it in the text."""
    where = ctx.sentences[meeting.defining.sentence].start
    there = next((g for g in groups if g is not meeting and in_regions(where, g.regions)), None)
    if there is not None:
        return there
    start = meeting.defining.start
    if (
        ctx.sentence_words[meeting.defining.sentence].isdisjoint(SIGNING_WORDS)
        or not _DURING.search(ctx.folded, max(0, start - 40), start)
        or _BEFORE_OR_AFTER.search(ctx.folded, max(0, start - 60), start)
    ):
        return None
    return next(
        (
            g
            for g in reversed(groups)
            if g is not meeting and g.defining.status == "signed" and g.defining.start < start
        ),
        None,
    )


def date_same_day(ctx: DocumentContext, groups: list[Group]) -> None:
    """Undated instruments signed "the same day" take the date of the last dated event
    named before them; an undated named meeting takes the date of what was signed at it
    ("signed yesterday ... on the sidelines of the Critical Minerals Dialogue")."""
    for group in groups:
        if group.event_date is not None:
            continue
        if group.named_meeting:
            signed_there = signed_at_meeting(
                ctx, [g for g in groups if g.event_date is not None], group
            )
            if signed_there is not None:
                group.event_date, group.precision = signed_there.event_date, signed_there.precision
            continue
        sentence = ctx.sentences[group.defining.sentence]
        if not _SAME_DAY.search(ctx.folded, sentence.start, sentence.end):
            continue
        earlier = [
            g
            for g in groups
            if g.event_date is not None and g.defining.start < group.defining.start
        ]
        if earlier:
            latest = max(earlier, key=lambda g: g.defining.start)
            group.event_date, group.precision = latest.event_date, latest.precision


def name_generic_instruments(
    ctx: DocumentContext,
    groups: list[Group],
    triggers: list[tuple[int, int, str]],
) -> None:
    """An agreement the text calls only "the agreement" takes the kind the text names it by
    elsewhere: in a quotation or a sentence no agreement was read from ("“The Memorandum
    (of Understanding) sets the direction...”"), when that is the only instrument kind
    the document names; "similar agreements" take the kind of the agreement they are
    like."""
    read = {(o.start, o.kind) for g in groups for o in g.occurrences}
    unread = {
        kind
        for start, _, kind in triggers
        if (start, kind) not in read and RANK[kind] <= _NAMED_RANK and kind != "talks"
    }
    named = [g for g in groups if RANK[g.defining.kind] <= _NAMED_RANK]
    named_kinds = {g.defining.kind for g in named}
    for group in groups:
        if RANK[group.defining.kind] <= _NAMED_RANK or group.defining.kind == "talks":
            continue
        if named and not ctx.sentence_words[group.defining.sentence].isdisjoint(_SIMILAR):
            group.named_kind = named[0].defining.kind
        elif not named and len(unread) == 1:
            group.named_kind = next(iter(unread))
        elif named:
            # Beside an instrument named in its own right (an MoU of last year), only a
            # quotation right after the agreement names it ("Argentina and the US signed
            # an agreement ... «they signed a Framework Instrument»"), and not as a kind
            # already read.
            quoted = {
                kind
                for start, _, kind in triggers
                if kind in unread
                and in_regions(start, ctx.quotes)
                and 0
                <= ctx.sentence_index.index_of(start) - group.defining.sentence
                <= _QUOTE_AFTER_SENTENCES
            } - named_kinds
            if len(quoted) == 1:
                group.named_kind = next(iter(quoted))


_QUOTE_AFTER_SENTENCES = 2


def date_main_event(ctx: DocumentContext, groups: list[Group], anchor: date | None) -> None:
    """The lede dates the news: "Ce vendredi 9 juin 2023, le ministre était à Santiago
    ... Au cours de la réunion, deux protocoles d'accord ont été signés". The agreement
    the document opens with, undated where it is named, takes the date of an event
    sentence among the first ones, when that date is recent (not a recalled one). An
    undated instrument signed "at the same ceremony" takes the same date."""
    if not groups:
        return
    main = min(groups, key=lambda g: min(o.start for o in g.occurrences))
    if main.event_date is None:
        _date_from_lede(ctx, main, anchor)
    if main.event_date is None:
        return
    for group in groups:
        if group.event_date is None and any(
            _SAME_OCCASION.match(ctx.folded, ctx.sentences[o.sentence].start)
            for o in group.occurrences
        ):
            group.event_date, group.precision = main.event_date, main.precision


def _date_from_lede(ctx: DocumentContext, main: Group, anchor: date | None) -> None:
    for index in range(min(len(ctx.sentences), settings.LEDE_SENTENCES)):
        if ctx.sentence_words[index].isdisjoint(EVENT_WORDS) or not (
            main.parties & ctx.sentence_parties[index]
        ):
            continue  # a sentence of another event
        sentence = ctx.sentences[index]
        found = date_near(ctx, sentence, sentence.start)
        if (
            found
            and found.value
            and found.precision == "day"
            and not (anchor and (anchor - found.value).days > settings.RECALLED_AFTER_DAYS)
        ):
            main.event_date, main.precision = found.value, found.precision
            return


# "En paralelo, ...", "At the same ceremony, ...": another instrument of the same day.
_SAME_OCCASION = re.compile(
    r"\s*(?:(?:separately|por separado|separadamente|separement)[,\s]+)?"
    r"(?:on the same day|the same day|el mismo dia|ese mismo dia|no mesmo dia|le meme jour|"
    r"en paralelo|paralelamente|em paralelo|in parallel|en la misma ceremonia|"
    r"en el mismo acto|at the same ceremony|on the same occasion|during the same visit|"
    r"na mesma cerimonia|na mesma ocasiao|lors de la meme ceremonie|au cours de la meme "
    r"ceremonie|a la meme occasion|dans la foulee)\b"
)


def compatible(group: Group, kind: str, state: str) -> bool:
    """Can this occurrence describe the group's event?

    Talks and a signed instrument are one visit; talks and an instrument still to be
    signed are two events. Two named instruments of different kinds, or with different
    statuses, are two agreements; a generic word ("the agreement") fits any instrument.
    """
    defining = group.defining
    if kind == "talks":
        return defining.kind == "talks" or defining.status == "signed"
    if defining.kind == "talks":
        return state == "signed"
    if RANK[kind] >= 2 or RANK[defining.kind] >= 2:
        return True
    same = kind == defining.kind or {kind, defining.kind} == {
        "joint_statement",
        "joint_declaration",
    }
    return same and state == defining.status


# "a memorandum on a strategic partnership": the second instrument is what the first is
# about, not a rival for its date.
_NESTED = re.compile(
    r"\b(?:on|about|sobre|sur|de|em|para|for|pour)\s+(?:(?:a|an|the|un|una|uma|une|la|el|le|o)\s+)?$"
)


_ON_A_DAY = r"(?:on\s+|el\s+|este\s+|esta\s+|nesta\s+|neste\s+|ce\s+|le\s+)?"
# "informó este jueves la cancillería", "the ministry said on Friday": the date of the
# report, not of the event.
_REPORTED = re.compile(rf"\b(?:{'|'.join(REPORTING_VERBS)})\s+{_ON_A_DAY}$")
# "published on Monday the MoU signed on 20 February": the day a text was made public,
# the event's date only when the sentence gives no other ("issued in May a joint
# statement": issuing a statement is its event).
_PUBLISHED = re.compile(rf"\b(?:{'|'.join(PUBLISHING_VERBS)})\s+{_ON_A_DAY}$")
_RUN_ON_BREAK = re.compile(r"[a-z0-9][.!?][\"”’]?[A-Z]")


# "esperan firmar en junio", "will sign in September", "firmarán en mayo": the date of a
# signing still to come, which a month name alone would put in the past year.
_TO_SIGN = re.compile(
    r"\b(?P<verb>sign|conclude|firmar|suscribir|firmaran|firmara|assinar|assinarao|assinara"
    r"|signer|signeront|signera|conclure)\b[^.;,]{0,60}$"
)


def _to_be_signed(ctx: DocumentContext, sentence: Sentence, offset: int) -> bool:
    """The date at `offset` is of a signing still to come ("will sign ... in June"), not of
    one that took place ("became the latest country to sign ... on Monday")."""
    verb = _TO_SIGN.search(ctx.folded, max(sentence.start, offset - 80), offset)
    return verb is not None and not already_signed(
        ctx.folded, max(sentence.start, verb.start() - 80), verb.end("verb")
    )


# "jusqu'en 2031", "hasta 2030", "until 2030": when an instrument ends, not when it was signed.
_UNTIL = re.compile(
    r"\b(?:until|till|through|hasta|ate)\s+(?:el\s+|o\s+)?$|\bjusqu'(?:en\s+|au\s+|a\s+)?$"
)


def date_near(
    ctx: DocumentContext, sentence: Sentence, offset: int, rivals: list[int] | None = None
) -> FoundDate | None:
    """The sentence's date nearest to the instrument at `offset`.

    With other instruments named in the sentence (`rivals`, their offsets), a date after
    an instrument is that instrument's: in "the roadmap follows the MoU signed in March
    2023", March 2023 is the MoU's date, not the roadmap's.
    """
    candidates = [
        d
        for d in starting_in(ctx.dates, sentence.start, sentence.end)
        if d.value
        and not _REPORTED.search(ctx.folded, max(0, d.start - 25), d.start)
        and not _to_be_signed(ctx, sentence, d.start)
        and not _UNTIL.search(ctx.folded, max(sentence.start, d.start - 12), d.start)
    ]
    if rivals and len(rivals) > 1:

        def owner(position: int) -> int | None:
            before = max((r for r in rivals if r <= position), default=None)
            if before is not None and _RUN_ON_BREAK.search(ctx.text, before, position):
                # a full stop the sentence splitter missed ("growth.In April 2023, ...")
                return min((r for r in rivals if r > position), default=None)
            return before

        mine = owner(offset)
        # A date before every instrument ("signed yesterday a declaration and an MoU") is
        # everyone's; one after an instrument is that instrument's.
        candidates = [d for d in candidates if owner(d.start) in (None, mine)]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda d: (
            _PUBLISHED.search(ctx.folded, max(0, d.start - 30), d.start) is not None,
            abs(d.start - offset),
            d.precision != "day",
        ),
    )


def dates_agree(group: Group, found: FoundDate | None, anchor: date | None) -> bool:
    """Same event by date: close dates, or one unknown -- unless the known one is long
    past (an instrument recalled from years ago is not today's undated talks)."""
    known = found.value if found else None
    if known is not None and group.event_date is not None:
        return abs((known - group.event_date).days) <= settings.SAME_EVENT_MAX_DAYS_APART
    only = known or group.event_date
    return not (only and anchor and (anchor - only).days > settings.RECALLED_AFTER_DAYS)


def more_precise(new: str | None, old: str | None) -> bool:
    order = {"day": 0, "month": 1, "year": 2, None: 3}
    return order[new] < order[old]


def _stretch_start(ctx: DocumentContext, entries: list[tuple[int, Group]], position: int) -> int:
    """Where the stretch of the agreement named at `position` begins: at the contrast
    before it (", while the envoy signed a similar pact"), else at its name."""
    trigger_start = entries[position][0]
    sentence = ctx.sentence_index.of(trigger_start)
    cuts = [
        m.start()
        for m in contrast_breaks(ctx, sentence)
        if entries[position - 1][0] < m.start() < trigger_start
    ]
    return cuts[-1] if cuts else trigger_start


def split_shared_sentences(ctx: DocumentContext, groups: list[Group]) -> None:
    """A sentence that names two agreements gives each the stretch from its trigger on.

    "A joint declaration on nickel, and a separate MoU on LNG": the declaration gets the
    sentence up to "MoU", the MoU the rest; the first agreement keeps the sentence start.
    Talks take their stretch but cut no other's: "signed during the Ministerial Meeting
    in Washington by X and Y" tells who signed the instrument at the meeting they attended.
    """
    by_sentence: dict[int, list[tuple[int, Group]]] = {}
    for group in groups:
        for occurrence in group.occurrences:
            by_sentence.setdefault(occurrence.sentence, []).append((occurrence.start, group))
    for index, entries in by_sentence.items():
        if len({id(g) for _, g in entries}) < 2:
            continue
        sentence = ctx.sentences[index]
        whole = (sentence.start, sentence.end)
        entries.sort(key=lambda entry: entry[0])

        # One trigger shared out among partners ("signed memoranda on rare earths with A, B
        # and C"): each partner's agreement has the trigger's whole stretch.
        first_at: dict[int, int] = {}
        for position, (start, _) in enumerate(entries):
            first_at.setdefault(start, position)
        stretches: dict[int, list[tuple[int, int]]] = {}
        for position, (start, group) in enumerate(entries):
            if position > 0 and entries[position - 1][1] is group:
                continue  # the same agreement named again: its stretch already runs on
            lead = first_at[start]
            begin = sentence.start if lead == 0 else _stretch_start(ctx, entries, lead)
            following = [
                _stretch_start(ctx, entries, later)
                for later in range(position + 1, len(entries))
                if entries[later][1] is not group
                and entries[later][0] != start
                and entries[later][1].defining.kind != "talks"
            ]
            stretches.setdefault(id(group), []).append(
                (begin, following[0] if following else sentence.end)
            )
        for _, group in entries:
            if id(group) in stretches:
                group.regions = [r for r in group.regions if r != whole] + stretches.pop(id(group))
