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

from dataclasses import replace

from etl.extract.anaphora import attach_anaphora, attach_lede
from etl.extract.context import DocumentContext
from etl.extract.facts import build_fact
from etl.extract.grouping import (
    Group,
    anchor_date,
    group_occurrences,
    signed_at_meeting,
)
from etl.model import AgreementFact


def find_agreements(ctx: DocumentContext) -> tuple[AgreementFact, ...]:
    groups = group_occurrences(ctx)
    attach_anaphora(ctx, groups)
    attach_lede(ctx, groups)
    anchor = anchor_date(ctx)
    facts = _placed_meetings(ctx, groups, [build_fact(ctx, group, anchor) for group in groups])
    return tuple(fact for fact in facts if _reported(fact))


def _placed_meetings(
    ctx: DocumentContext, groups: list[Group], facts: list[AgreementFact]
) -> list[AgreementFact]:
    """A named meeting held where an instrument was signed at it ("La suscripción del
    memorándum se realizó en el marco de la Reunión Ministerial", the memorandum signed
    "en Washington D.C."): the meeting took place there too."""
    fact_of = {id(group): fact for group, fact in zip(groups, facts, strict=True)}
    placed_instruments = [
        g for g in groups if fact_of[id(g)].kind != "talks" and fact_of[id(g)].location_city
    ]
    placed = []
    for group, fact in zip(groups, facts, strict=True):
        if fact.kind == "talks" and fact.location_city is None and group.named_meeting:
            signed_there = signed_at_meeting(ctx, placed_instruments, group)
            if signed_there is not None:
                there = fact_of[id(signed_there)]
                fact = replace(
                    fact,
                    location_city=there.location_city,
                    location_country_code=there.location_country_code,
                )
        placed.append(fact)
    return placed


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
