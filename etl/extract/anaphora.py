"""Sentences that go on about "the agreement" belong to the agreement named last.

Two ways a sentence goes on about it: it names it again without naming it ("the
memorandum", "este importante acuerdo", "o documento"), or, right after it, it says
what it covers ("The MoU covers lithium", "los minerales incluidos comprenden al litio").
"""

from __future__ import annotations

from etl.extract import settings
from etl.extract.context import DocumentContext
from etl.extract.grouping import Group, date_near
from etl.extract.lexicon import AGREED, QUALIFIED_ANAPHOR, SIGNING_WORDS


def attach_anaphora(ctx: DocumentContext, groups: list[Group]) -> None:
    trigger_sentences = sorted({o.sentence for g in groups for o in g.occurrences})
    for index, sentence in enumerate(ctx.sentences):
        if index in trigger_sentences:
            continue
        leading_anaphor = ctx.cues.within("anaphor", sentence.start, sentence.start + 40) or bool(
            QUALIFIED_ANAPHOR.match(ctx.folded, sentence.start, sentence.end)
        )
        # "Minister X signed the four documents with her counterparts": who signed it.
        signs_it = not ctx.sentence_words[index].isdisjoint(SIGNING_WORDS) and (
            ctx.cues.within("anaphor", sentence.start, sentence.end)
            or QUALIFIED_ANAPHOR.search(ctx.folded, sentence.start, sentence.end) is not None
        )
        previous_trigger = max((t for t in trigger_sentences if t < index), default=None)
        states_scope = (
            previous_trigger is not None
            and index - previous_trigger <= settings.SCOPE_SENTENCES_AFTER
            and ctx.cues.within("content", sentence.start, sentence.end)
        )
        if not (
            leading_anaphor
            or signs_it
            or states_scope
            or ctx.cues.within("anaphor", sentence.start, sentence.end)
        ):
            continue
        if any(a <= sentence.start and sentence.end <= b for a, b in ctx.quotes):
            continue  # a quotation about "the agreement" says nothing of who signed it
        previous = [t for t in trigger_sentences if t < index]
        if not previous:
            continue
        owners = _subjects(groups, previous[-1])
        # "La asociación con Colombia fue suscrita ...": the sentence names whose agreement it is.
        named = {c.key for c in ctx.countries if sentence.start <= c.start < sentence.end}
        if named:
            earlier = [g for g in groups if min(o.sentence for o in g.occurrences) < index]
            matching = [g for g in earlier if named <= g.parties]
            if matching and not any(g in matching for g in owners):
                latest = max(min(o.sentence for o in g.occurrences) for g in matching)
                owners = [g for g in matching if min(o.sentence for o in g.occurrences) == latest]
            elif matching:
                owners = [g for g in owners if g in matching]
        # "The memorandum covers ...": about the agreement; else a passing mention.
        leading = leading_anaphor or signs_it or states_scope
        for group in owners:
            (group.regions if leading else group.context).append((sentence.start, sentence.end))
            if group.event_date is None:
                found = date_near(ctx, sentence, sentence.start)
                if (
                    found
                    and found.value
                    and not ctx.sentence_words[index].isdisjoint(SIGNING_WORDS)
                ):
                    group.event_date, group.precision = found.value, found.precision


def attach_lede(ctx: DocumentContext, groups: list[Group]) -> None:
    """The lede before the first instrument named, when it tells that the parties agreed
    on something, speaks of that instrument: its scope is the instrument's."""
    trigger_sentences = {o.sentence for g in groups for o in g.occurrences}
    if not trigger_sentences:
        return
    first = min(trigger_sentences)
    owners = [g for g in _subjects(groups, first) if g.defining.kind != "talks"]
    for index in range(max(0, first - settings.AGREED_LEDE_SENTENCES), first):
        sentence = ctx.sentences[index]
        if not AGREED.search(ctx.folded, sentence.start, sentence.end):
            continue
        named = {c.key for c in ctx.countries if sentence.start <= c.start < sentence.end}
        for group in owners:
            if named <= group.parties:
                group.regions.append((sentence.start, sentence.end))


def _subjects(groups: list[Group], sentence: int) -> list[Group]:
    """The agreements named first in the sentence: what the next sentence goes on about.

    "The roadmap follows the MoU signed in 2023. It was signed by ...": the roadmap. Those
    named at the same place ("frameworks with Kazakhstan, Uzbekistan ...") all are.
    """
    starts = {
        id(g): min(o.start for o in g.occurrences if o.sentence == sentence)
        for g in groups
        if any(o.sentence == sentence for o in g.occurrences)
    }
    if not starts:
        return []
    first = min(starts.values())
    return [g for g in groups if starts.get(id(g)) == first]
