"""Trigger phrases: where a document names an instrument or reports talks.

Each phrase maps to an agreement kind; the rank says how specific it is (lower is more
specific): "memorandum of understanding" names an instrument, "agreement" only says
that there is one, and "talks" that governments met. `status` reads the trigger's
clause for what happened to the instrument.
"""

from __future__ import annotations

import re

from etl.extract.context import DocumentContext
from etl.extract.lexicon import SIGNING_WORDS
from etl.extract.text import PhraseIndex, Sentence
from etl.model import AgreementStatus

# Trigger phrases, as folded words; the longest phrase at a word wins, and the rank
# says how specific the instrument is (lower is more specific).
_TRIGGER_PHRASES: dict[str, tuple[int, str]] = {
    "memorandum_of_understanding": (
        0,
        """
        memorandum of understanding|memoranda of understanding|memorandums of understanding|
        memorando de entendimiento|memorandum de entendimiento|memorandos de entendimiento|
        memorando de entendimento|memorandos de entendimento|protocolo de entendimiento|
        protocolo de intenciones|protocolo de intencoes|protocole d'accord|protocoles d'accord|
        memorandum d'entente|memorandum d'accord|mou|mous""",
    ),
    "memorandum_of_cooperation": (
        0,
        """
        memorandum of cooperation|memoranda of cooperation|memorando de cooperacion|
        memorandum de cooperacion|memorando de cooperacao|memorandum de cooperation|moc|mocs""",
    ),
    "joint_declaration": (
        0,
        """
        joint declaration|joint declarations|declaracion conjunta|declaraciones conjuntas|
        declaracao conjunta|declaracoes conjuntas|declaration conjointe|declaration commune""",
    ),
    "joint_statement": (
        0,
        """
        joint statement|joint statements|joint communique|comunicado conjunto|
        communique conjoint|communique commun|declaracion comun""",
    ),
    "letter_of_intent": (
        0,
        """
        letter of intent|letters of intent|carta de intencion|carta de intenciones|
        cartas de intencion|carta de intencoes|carta de intencao|lettre d'intention|lettres d'intention""",
    ),
    "framework_agreement": (
        1,
        """
        framework agreement|framework agreements|acuerdo marco|acuerdos marco|acordo-quadro|
        acordo quadro|acordos-quadro|accord-cadre|accord cadre|accords-cadres|convenio marco""",
    ),
    "treaty_or_binding_agreement": (
        2,
        "treaty|treaties|tratado|tratados|traite|traites|binding agreement",
    ),
    "partnership": (
        3,
        """
        strategic partnership|minerals partnership|mineral partnership|mineral security partnership|
        partnership|partnerships|alianza estrategica|alianzas estrategicas|asociacion estrategica|
        parceria|parcerias|parceria estrategica|partenariat|partenariats|partenariat strategique""",
    ),
    "agreement": (
        4,
        "agreement|agreements|acuerdo|acuerdos|acordo|acordos|accord|accords|convenio|convenios",
    ),
    "memorandum": (2, "memorandum|memorandums|memoranda|memorando|memorandos|protocole|protocolo"),
    "talks": (
        5,
        """
        talks|discussions|discussed|negotiations|met with|meeting with|meetings with|held a meeting|
        bilateral meeting|held talks|hold talks|conversaciones|negociaciones|se reunio con|se reunio|se reunieron|sostuvo una reunion|
        sostuvieron una reunion|reunion bilateral|reuniu-se com|reuniu-se|se reuniu|se reuniram|reuniram-se|reuniao bilateral|conversas|
        negociacoes|s'est entretenu|se sont entretenus|entretiens|pourparlers|negociations|
        rencontre bilaterale|a rencontre|ont rencontre|entretenu|entretenue|entretenus""",
    ),
}


TRIGGERS = PhraseIndex(
    {
        phrase.strip(): kind
        for kind, (_, phrases) in _TRIGGER_PHRASES.items()
        for phrase in phrases.split("|")
    }
)
TRIGGERS = PhraseIndex(
    {
        phrase.strip(): kind
        for kind, (_, phrases) in _TRIGGER_PHRASES.items()
        for phrase in phrases.split("|")
    }
)
RANK = {kind: rank for kind, (rank, _) in _TRIGGER_PHRASES.items()}
# Generic words ("agreement", "partnership", "treaty") only open an agreement with a verb of doing one.
ACTION_WORDS = SIGNING_WORDS | frozenset(
    """
    reached reach reaches alcanzaron alcanzo alcancaram alcancou established establish
    establecieron establecen estabeleceram etabli launched launch lanzaron lancaram lance
    announced anunciaron anunciou annonce adoption adopted adopcion adocao adoptado adotado
    adopte renewed renovaron renovaram renouvele agreed acordaron acordaram convenu
    """.split()
)
TOPIC_WORDS = frozenset(
    "on for sobre para sur pour em en concerning regarding relativo relativa relative de".split()
)

# What a generic word reports when nothing more specific names the instrument.
GENERIC_KIND = {
    "agreement": "treaty_or_binding_agreement",
    "memorandum": "memorandum_of_understanding",
}
NEGATED = re.compile(
    r"\b(?:no|not|nor|without|ningun|ninguna|ningún|sin|nenhum|nenhuma|sem|aucun|aucune|pas d'|ni|eventual|"
    r"eventuel|eventuelle|possible|possivel|potential|potencial|potentiel|futuro|futura|future|futur|futurs)"
    r"(?:\s+\w+)?\s*$"
)
# "signed three bilateral agreements": a summary of deals named one by one elsewhere.
PLURAL_GENERIC = re.compile(
    r"(?:agreements|acuerdos|acordos|accords|partnerships|parcerias|partenariats|memorandums|memoranda|memorandos|treaties|tratados|traites|convenios)$"
)
_CLAUSE_END = re.compile(r",|;| y | e | and | et | as well as | ainsi que | asi como | assim como ")


def family(kind: str) -> str:
    """Kinds that can name the same instrument: a joint statement is a joint declaration."""
    if kind in ("joint_statement", "joint_declaration"):
        return "joint"
    if kind in ("memorandum_of_understanding", "memorandum_of_cooperation"):
        return "memorandum"
    return kind


def case_ok(surface: str) -> bool:
    if surface.casefold() in ("mou", "mous", "moc", "mocs"):
        return not surface.islower()  # "MoU", not the French adjective "mou"
    return True


def status(
    ctx: DocumentContext, kind: str, sentence: Sentence, start: int, end: int, alone: bool
) -> AgreementStatus:
    """Signed, unless a future or negotiation cue stands in the trigger's clause.

    When the sentence names one instrument only, the clause is the whole sentence ("a
    memorandum on tungsten that both sides said would be signed in September").
    """
    if kind == "talks":
        return "talks"
    if alone:
        clause = (sentence.start, sentence.end)
    else:
        after = _CLAUSE_END.search(ctx.folded, end, min(sentence.end, end + 60))
        clause = (
            max(sentence.start, start - 90),
            after.start() if after else min(sentence.end, end + 60),
        )
    if ctx.cues.within("future", *clause):
        return "announced"
    if ctx.cues.within("negotiation", *clause):
        return "under_negotiation"
    return "signed"
