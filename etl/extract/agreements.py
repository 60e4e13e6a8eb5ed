"""Agreement events a document reports: kind, status, parties, signatories, date, place.

The steps, each in its own module:
1. `triggers`: phrases that name an instrument ("memorandum of understanding",
   "declaración conjunta") or report talks ("met with"), and the status their clause gives;
2. `parties`: the countries acting in each sentence;
3. `grouping`: occurrences of the same agreement in one document become one group;
4. `anaphora`: sentences about "the agreement" join the agreement named last;
5. `roles` and `facts`: who signed, and the agreement's date, place, minerals, flags.
"""

from __future__ import annotations

from etl.extract.anaphora import attach_anaphora, attach_lede
from etl.extract.context import DocumentContext
from etl.extract.facts import build_fact
from etl.extract.grouping import anchor_date, group_occurrences, quoted_spans
from etl.model import AgreementFact


def find_agreements(ctx: DocumentContext) -> tuple[AgreementFact, ...]:
    quotes = quoted_spans(ctx)
    groups = group_occurrences(ctx, quotes)
    attach_anaphora(ctx, groups, quotes)
    attach_lede(ctx, groups)
    anchor = anchor_date(ctx)
    facts = (build_fact(ctx, group, anchor) for group in groups)
    return tuple(fact for fact in facts if _reported(fact))


def _reported(fact: AgreementFact) -> bool:
    """What a document reports as an agreement event between states.

    Not: an instrument with one country and no partner found; talks recalled from long
    ago (a past meeting is context, not an event of its own); talks still to come.
    """
    parties = [p for p in fact.participants if p.role == "party"]
    if len(parties) < 2 and not any(p.kind == "organization" for p in parties):
        return False
    if fact.kind == "talks":
        return fact.status == "talks" and not fact.is_background
    return True
