"""Trigger phrases: where a document names an instrument or reports talks.

Each phrase maps to an agreement kind; the rank says how specific it is (lower is more
specific): "memorandum of understanding" names an instrument, "agreement" only says
that there is one, and "talks" that governments met. `status` reads the trigger's
clause for what happened to the instrument.
"""

from __future__ import annotations

import re

from etl import reference
from etl.extract.context import DocumentContext
from etl.extract.lexicon import RENEWAL_CUES, SIGNING_WORDS
from etl.extract.text import PhraseIndex, Sentence
from etl.model import AgreementStatus

# How specific each trigger label is (lower is more specific): the most specific
# mention of an agreement gives its kind. Labels beside the contract's kinds are generic
# words: "memorandum", "framework" and "agreement" (also "deal", "pacto", "entente"), and
# "contract", which only governments signing alone make an agreement between states.
RANK = {
    "memorandum_of_understanding": 0,
    "memorandum_of_cooperation": 0,
    "joint_declaration": 0,
    "joint_statement": 0,
    "letter_of_intent": 0,
    "framework_agreement": 1,
    "treaty_or_binding_agreement": 2,
    "memorandum": 2,
    "framework": 2,
    "partnership": 3,
    "agreement": 4,
    "contract": 4,
    "talks": 5,
}
TRIGGERS = PhraseIndex({p.phrase: p.label for p in reference.instrument_phrases()})
# Generic words ("agreement", "partnership", "treaty") only open an agreement with a verb
# of doing one: signing, renewing ("renovaron el acuerdo") and these.
ACTION_WORDS = (
    SIGNING_WORDS
    | frozenset(cue for cue in RENEWAL_CUES if " " not in cue)
    | frozenset(
        """
    reached reach reaches alcanzaron alcanzo alcancaram alcancou established establish
    establecieron establecen estabeleceram etabli launched launch lanzaron lancaram lance
    announced anunciaron anunciou annonce adoption adopted adopcion adocao adoptado adotado
    adopte agreed acordaron acordaram convenu
    establecida establecido estabelecida estabelecido etablie maintain maintains mantienen
    mantiene mantem mantêm maintiennent maintient
    """.split()
    )
)
# Words of a sentence that tells of an event itself: a signing, a ceremony, a meeting.
EVENT_WORDS = ACTION_WORDS | frozenset(
    """
    ceremony ceremonia cerimonia ceremonie meeting met reunion reunio reunieron reuniao reuniu
    rencontre rencontre visit visita visite summit cumbre cupula sommet held celebrada
    celebrado realizada realizado tenue talks conversaciones conversas entretiens
    """.split()
)
TOPIC_WORDS = frozenset(
    "on for sobre para sur pour em en concerning regarding relativo relativa relative de".split()
)

# What a generic word reports when nothing more specific names the instrument.
GENERIC_KIND = {
    "agreement": "treaty_or_binding_agreement",
    "contract": "treaty_or_binding_agreement",
    "memorandum": "memorandum_of_understanding",
    "framework": "framework_agreement",
}
NEGATED = re.compile(
    r"\b(?:no|not|nor|without|ningun|ninguna|ningún|sin|nenhum|nenhuma|sem|aucun|aucune|pas d'|ni|eventual|"
    r"eventuel|eventuelle|possible|possivel|potential|potencial|potentiel|futuro|futura|future|futur|futurs)"
    r"(?:\s+\w+)?\s*$"
)
# "signed three bilateral agreements": a summary of deals named one by one elsewhere.
PLURAL_GENERIC = re.compile(
    r"(?:agreements|acuerdos|acordos|accords|partnerships|parcerias|partenariats|memorandums|memoranda|memorandos|treaties|tratados|traites|convenios"
    r"|deals|pacts|pactos|ententes|frameworks|arrangements)$"
)
_CLAUSE_END = re.compile(r",|;| y | e | and | et | as well as | ainsi que | asi como | assim como ")


def family(kind: str) -> str:
    """Kinds that can name the same instrument: a joint statement is a joint declaration."""
    if kind in ("joint_statement", "joint_declaration"):
        return "joint"
    if kind in ("memorandum_of_understanding", "memorandum_of_cooperation"):
        return "memorandum"
    return kind


# Phrases that name an instrument only as the start of its title: "firmaron el Marco para
# el Aseguramiento del Suministro", not "un marco para invertir". (English "Framework for
# ..." is the generic "framework", read with a verb of signing.)
_TITLE_ONLY = frozenset({"marco para", "quadro para", "cadre pour"})


def case_ok(surface: str) -> bool:
    folded = surface.casefold()
    if folded in ("mou", "mous", "moc", "mocs"):
        return not surface.islower()  # "MoU", not the French adjective "mou"
    if folded in _TITLE_ONLY:
        return surface[0].isupper()
    return True


def status(
    ctx: DocumentContext, kind: str, sentence: Sentence, start: int, end: int, alone: bool
) -> AgreementStatus:
    """Signed, unless a future or negotiation cue stands in the trigger's clause.

    When the sentence names one instrument only, the clause is the whole sentence ("a
    memorandum on tungsten that both sides said would be signed in September").
    """
    if kind == "talks":
        # "the talks will cover mining": a meeting still to come is not news of talks
        return "announced" if ctx.cues.within("future", sentence.start, sentence.end) else "talks"
    if alone:
        clause = (sentence.start, sentence.end)
    else:
        after = _CLAUSE_END.search(ctx.folded, end, min(sentence.end, end + 60))
        clause = (
            max(sentence.start, start - 90),
            after.start() if after else min(sentence.end, end + 60),
        )
    if ctx.cues.within("planned_negotiation", *clause):
        return "under_negotiation"
    if ctx.cues.within("renewal", max(sentence.start, start - _RENEWAL_REACH), start):
        return "announced"  # "renovaron el memorando": extended, not signed anew
    if (
        ctx.cues.within("future", *clause)
        and not _signing_announced(ctx, clause, start)
        and not _trip_to_sign(ctx, clause)
    ):
        return "announced"
    if ctx.cues.within("negotiation", *clause):
        return "under_negotiation"
    return "signed"


# "prorrogaram por mais cinco anos o memorando": how far before an instrument its renewal
# is told
_RENEWAL_REACH = 35

# "anunció el lunes la firma de un memorando": the news of a signing that took place,
# whereas "anunció un memorando" is a plan, and so is "anunció que la firma de un
# memorando se realizará en mayo".
_SIGNING_OF = re.compile(r"\b(?:la firma|la suscripcion)\s+de\b[^,;]{0,12}$")


def _signing_announced(ctx: DocumentContext, clause: tuple[int, int], start: int) -> bool:
    futures = [o for o in ctx.cues.starts.get("future", ()) if clause[0] <= o < clause[1]]
    return (
        all(
            ctx.folded.startswith("anunci", o) and " que " not in ctx.folded[o:start]
            for o in futures
        )
        and _SIGNING_OF.search(ctx.folded, max(clause[0], start - 40), start) is not None
    )


# "s'est rendu à Londres pour signer une déclaration", "viajó a Tokio para firmar": a
# trip that took place to sign, so the signing did; "viaja para firmar" is still a plan.
# So did "the latest country to sign" (_FIRST_TO_SIGN).
_PAST_TRIP = re.compile(
    r"\b(?:s.est rendue?|s.est deplacee?|est allee?|a voyage|viajo|viajaron|se traslado|"
    r"se desplazo|viajou|viajaram|foi a|foi ao|went to|traveled to|travelled to|flew to)\b"
)
_TO_SIGN = ("para firmar", "para assinar", "pour signer", "afin de signer", "in order to sign")


def _trip_to_sign(ctx: DocumentContext, clause: tuple[int, int]) -> bool:
    futures = [o for o in ctx.cues.starts.get("future", ()) if clause[0] <= o < clause[1]]
    return all(
        (
            ctx.folded.startswith(_TO_SIGN, o)
            and _PAST_TRIP.search(ctx.folded, max(clause[0], o - 80), o) is not None
        )
        or already_signed(ctx.folded, max(clause[0], o - 80), o + len("to sign"))
        for o in futures
    )


def already_signed(folded: str, start: int, end: int) -> bool:
    """ "...became the latest country to sign" ending at `end`: a signing that took place."""
    return _FIRST_TO_SIGN.search(folded, start, end) is not None


# "Mongolia became on Monday the latest country to sign a memorandum": it has signed.
_FIRST_TO_SIGN = re.compile(
    r"\b(?:became|has become|had become|was|is now)\b[^.;]{0,30}\bthe (?:latest|first|second|"
    r"third|fourth|fifth|newest|last)\b[^.;]{0,25}\b(?:country|countries|nation|nations|state|"
    r"states|government|partner|member) to sign$"
)
