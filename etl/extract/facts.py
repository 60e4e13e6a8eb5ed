"""An agreement's facts, read from where the document speaks of it: kind, status,
title, date, place, minerals, legal force, critical-minerals flag, participants."""

from __future__ import annotations

import re
from datetime import date

from etl.extract import settings
from etl.extract.context import DocumentContext, in_regions
from etl.extract.gazetteer import Match
from etl.extract.grouping import Group, Occurrence
from etl.extract.roles import participants
from etl.extract.text import WORD
from etl.extract.triggers import ACTION_WORDS, EVENT_WORDS, GENERIC_KIND, RANK, TOPIC_WORDS
from etl.model import AgreementFact, AgreementKind, AgreementStatus

_TITLE_STOP = frozenset(
    "with con avec com between entre signed firmado firmada suscrito signe assinado that which que qui by por par "
    "at during durante to was fue foi ete will would".split()
)
_PLACE_PREPOSITIONS = frozenset("in en em a at".split())  # "... in Washington": the title has ended
_TITLE_CONNECTORS = frozenset(
    "of de del la las los el para sobre on for and y e et des du da do dos the in en em sur pour a".split()
)
# The subject written right around the instrument's name wins over the sentence's:
# "Trade deals with Australia ... in a text about lithium" are trade deals.
_LOCAL_SUBJECT_BEFORE = 25
_LOCAL_SUBJECT_AFTER = 30
# A city right after these is where something happened: "in Washington", "en Tokio",
# "à Abou Dhabi", "at Tokyo's Akasaka Palace", "na capital, Brasília".
_LOCATIVE = re.compile(
    r"\b(?:in|at|en|em|a|au|na|no)\s+(?:(?:the )?(?:city of|ciudad de|cidade de|ville de)\s+"
    r"|[\w'’ -]{0,30}(?:capital|capitale)(?:\s+\w+)?,?\s+)?$"
    # "during a visit by an Uzbek delegation to Washington"
    r"|\b(?:visit|visits|trip|delegation)\b[\w'’ -]{0,40}\bto\s+$"
)

_AGREEMENT_WORD = re.compile(r"\b(?:agreement|acuerdo|acordo|accord)\b")
_QUOTED_TITLE = re.compile(
    r"\s*,?\s*(?:titled|entitled|called|named|known as|denominad[oa]|titulad[oa]|llamad[oa]|intitulee?|intitulad[oa]|baptisee?|chamad[oa])\s*[\"“«]\s*(?P<title>[^\"”»]{3,120}?)[.,]?\s*[\"”»]"
)


def build_fact(ctx: DocumentContext, group: Group, anchor: date | None) -> AgreementFact:
    defining = group.defining
    label = group.named_kind or defining.kind
    kind: AgreementKind = GENERIC_KIND.get(label, label)  # type: ignore[assignment]
    status: AgreementStatus = defining.status
    if kind != "talks" and status == "talks":
        status = "signed"
    if kind == "talks" and status != "talks":
        status = "announced"  # a meeting still to come
    sentence = ctx.sentences[defining.sentence]
    regions = group.regions
    title = _title(ctx, defining) if kind != "talks" else None

    # An event well before the publication date (or, undated, the latest date the text
    # gives) is an earlier instrument the document recalls.
    background = bool(
        anchor
        and group.event_date
        and (anchor - group.event_date).days > settings.RECALLED_AFTER_DAYS
    )
    minerals = tuple(dict.fromkeys(m.key for m in ctx.minerals if in_regions(m.start, regions)))
    historic = bool(
        anchor
        and group.event_date
        and (anchor - group.event_date).days > settings.HISTORIC_AFTER_DAYS
    )
    critical = _about_minerals(ctx, group, kind, historic)
    own = [r for r in regions if r[0] <= defining.start < r[1]]
    if not critical:  # minerals named around an LNG or health accord are context
        minerals = tuple(dict.fromkeys(m.key for m in ctx.minerals if in_regions(m.start, own)))

    binding: bool | None = None
    if any(ctx.cues.within("not_binding", a, b) for a, b in regions + group.context):
        binding = False
    elif any(ctx.cues.within("binding", a, b) for a, b in regions + group.context):
        binding = True

    if (
        binding
        and kind == "partnership"
        and _AGREEMENT_WORD.search(ctx.folded, defining.start, defining.end + 12)
    ):
        # "a legally binding strategic partnership agreement": an agreement with commitments
        kind = "treaty_or_binding_agreement"

    place = _place(ctx, group, background)

    people = participants(ctx, group, kind, sentence, regions + group.context)
    confidence = {0: 0.9, 1: 0.85, 2: 0.75, 3: 0.7, 4: 0.7, 5: 0.6}[RANK[defining.kind]]
    event_date = group.event_date
    if status in ("announced", "under_negotiation") and ctx.cues.within(
        "future", sentence.start, sentence.end
    ):
        # "will sign in September", "a annoncé mardi", "negocian un acuerdo que esperan
        # firmar en junio": the date is of a signing still to come
        event_date = None
    return AgreementFact(
        kind=kind,
        status=status,
        title=title,
        event_date=event_date,
        event_date_precision=group.precision if event_date else None,  # type: ignore[arg-type]
        location_city=place.key if place else None,
        location_country_code=place.entry.attributes.get("country_code") if place else None,
        is_legally_binding=binding,
        is_critical_minerals_related=critical,
        is_background=background,
        participants=people,
        minerals=minerals,
        evidence_text=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        confidence=confidence,
        is_kind_named=label not in GENERIC_KIND,
    )


def _about_minerals(ctx: DocumentContext, group: Group, kind: str, historic: bool = False) -> bool:
    """Is the agreement about critical minerals (the flag BI filters on)?

    First where it is named, then where the text goes on about it: minerals or a
    minerals topic ("critical minerals", "mining", "rare earths") say yes, another
    subject ("hydrogen", "free trade", "investment cooperation") says no. Undecided, an
    instrument follows the document's subject; talks do not: ministers meet about many
    things, and a meeting is about minerals only when the text says so near it (within
    `TALKS_TOPIC_SENTENCES`). Nor
    does an instrument of history ("the 1922 boundary treaty"): an article about minerals
    recalls older instruments of every kind.
    """
    defining = group.defining
    # Named first beside its minerals ("firmaron el acuerdo que permitirá la explotación
    # conjunta de minerales"): a minerals instrument, whatever more specific word names it
    # further on.
    if kind != "talks" and any(
        _near_minerals(ctx, o.start, o.end)
        for o in group.occurrences
        if o.start < defining.start and o.kind != "talks"
    ):
        return True
    # The words that name it first: "trade deals", "an agreement on hydrogen".
    local = (max(0, defining.start - _LOCAL_SUBJECT_BEFORE), defining.end + _LOCAL_SUBJECT_AFTER)
    if ctx.cues.within("other_subject", *local) and not any(
        local[0] <= m.start < local[1] for m in ctx.minerals
    ):
        return False
    own = [r for r in group.regions if r[0] <= defining.start < r[1]]
    if kind == "talks":  # the meeting's sentence and its neighbours
        reach = settings.TALKS_TOPIC_SENTENCES
        around = range(
            max(0, defining.sentence - reach),
            min(len(ctx.sentences), defining.sentence + reach + 1),
        )
        scopes = [[(ctx.sentences[i].start, ctx.sentences[i].end) for i in around]]
    else:
        scopes = [own, group.regions]
    for scope in scopes:
        if any(in_regions(m.start, scope) for m in ctx.minerals) or any(
            in_regions(a, scope) for a, _ in ctx.generic_mineral_spans
        ):
            return True
        if any(ctx.cues.within("other_subject", a, b) for a, b in scope):
            return False
    if kind == "talks" or historic:
        return False
    return len(ctx.minerals) + len(ctx.generic_mineral_spans) >= settings.MINERALS_TOPIC_MENTIONS


def _near_minerals(ctx: DocumentContext, start: int, end: int) -> bool:
    """Minerals (or "critical minerals", "mining") in the words right around a mention,
    and no other subject there."""
    local = (max(0, start - _LOCAL_SUBJECT_BEFORE), end + _LOCAL_SUBJECT_AFTER + 30)
    named = any(local[0] <= m.start < local[1] for m in ctx.minerals) or any(
        local[0] <= a < local[1] for a, _ in ctx.generic_mineral_spans
    )
    return named and not ctx.cues.within("other_subject", *local)


def _place(ctx: DocumentContext, group: Group, background: bool = False) -> Match | None:
    """Where the event took place: a city the text puts it in ("in Washington", "en
    Tokio", "à Abou Dhabi", "in Peru's capital, Lima"), in a sentence that reports the
    event: the one naming the agreement, one that goes on about its signing, or one of
    the next two sentences when it tells of the ceremony, the meeting or the visit.

    Not the dateline (where the story was filed), not a city standing for its
    government ("Washington signed"), not a city of another clause. Among candidates:
    the sentence naming the agreement first, then a city of a party, then the earliest.
    """
    defining = group.defining.sentence
    event_sentences = {o.sentence for o in group.occurrences}
    candidates = []
    for place in ctx.places:
        code = place.entry.attributes.get("country_code")
        index = ctx.sentence_index.index_of(place.start)
        if not code or in_regions(place.start, ctx.datelines):
            continue
        if background:
            # "tenu à Dakar une réunion, dans le cadre du protocole signé en mai": the city
            # of today's event, not of the instrument recalled in another clause
            sentence = ctx.sentences[index]
            own = [r for r in group.regions if sentence.start <= r[0] < sentence.end]
            if own and not in_regions(place.start, own):
                continue
        words = ctx.sentence_words[index]
        reports_event = (
            index in event_sentences
            or (
                in_regions(place.start, group.regions + group.context)
                and not words.isdisjoint(ACTION_WORDS)
            )
            or (0 < index - defining <= 2 and not words.isdisjoint(EVENT_WORDS))
        )
        if not reports_event or not _LOCATIVE.search(
            ctx.folded, max(0, place.start - 60), place.start
        ):
            continue
        candidates.append((index != defining, code not in group.parties, place.start, place))
    return min(candidates)[-1] if candidates else None


def _title(ctx: DocumentContext, occurrence: Occurrence) -> str | None:
    text = ctx.text
    quoted = _QUOTED_TITLE.match(text, occurrence.end)
    if quoted:
        return quoted.group("title").strip()
    surface = text[occurrence.start : occurrence.end]
    capitalised = surface[:1].isupper()
    if occurrence.kind in ("agreement", "contract", "partnership") and not capitalised:
        return None
    end = occurrence.end
    acronym = re.match(r"\s*\([A-Za-z]{2,6}\)", text[end:])
    if acronym:
        end += acronym.end()
    words = list(WORD.finditer(text, end, min(len(text), end + 200)))
    taken_end = end
    topic = False
    for i, word in enumerate(words):
        gap = text[taken_end : word.start()]
        if any(ch in gap for ch in ',.;:()"“”«»') or "\n\n" in gap or word.group()[0].isdigit():
            break
        folded = ctx.folded[word.start() : word.end()]
        if i == 0 and folded in TOPIC_WORDS:
            topic = True
            taken_end = word.end()
            continue
        next_capitalised = i + 1 < len(words) and words[i + 1].group()[0].isupper()
        if capitalised and (
            word.group()[0].isupper() or (folded in _TITLE_CONNECTORS and next_capitalised)
        ):
            taken_end = word.end()
            continue
        if topic and (
            folded in _PLACE_PREPOSITIONS and next_capitalised or folded in TOPIC_WORDS - {"de"}
        ):
            break  # "... in Washington", "... on 18 November"
        if topic and folded not in _TITLE_STOP and not word.group()[0].isupper() and i < 14:
            taken_end = word.end()
            continue
        break
    title = re.sub(r"\s+", " ", text[occurrence.start : taken_end]).strip()
    title = re.sub(r"\s+(?:" + "|".join(sorted(_TITLE_CONNECTORS)) + r")$", "", title)
    return title[0].upper() + title[1:] if title else None
