"""Who signed, witnessed or attended an agreement, and who is only mentioned."""

from __future__ import annotations

import re
from bisect import bisect_left

from etl import reference
from etl.extract import settings
from etl.extract.context import DocumentContext, PersonMention, in_regions, starting_in
from etl.extract.grouping import Group
from etl.extract.lexicon import LEADER_CUES, SIGNING_WORDS, SPEECH_VERBS, WITNESS_CUES
from etl.extract.parties import in_another_event
from etl.extract.text import Sentence
from etl.model import Participant, ParticipantRole

_WITNESSED = re.compile(
    r"[^.;]{0,25}?\b(?:witnessed|witnesses|presencio|presenciaron|testemunhou|testemunharam|"
    r"a assiste|ont assiste|assistait|attended the signing|asistio a la firma|assistiu a assinatura|"
    # "oversaw the exchange of the memorandum", "presidieron el lunes la firma": they looked on
    r"(?:oversaw|presided over|presidio|presidieron|presidiu|presidiram|a preside|ont preside)"
    r"\b[^.;]{0,25}?\b(?:signing|signature|exchange|firma|suscripcion|assinatura|troca))"
)
_AS_WITNESS = re.compile(
    r"[,\s]{0,3}(?:as (?:a )?witness|como testigo|en calidad de testigo|como testemunha|en tant que temoin|comme temoin)"
)
# A sentence that opens with its signing verb names the signers after it (Spanish and
# Portuguese put the subject there): "Firmaron el acuerdo ...", "Lo formalizaron ...".
_VERB_FIRST_WITHIN = 2
_PLURAL_SIGNING_VERBS = frozenset(
    "firmaron suscribieron formalizaron rubricaron sellaron assinaram formalizaram rubricaram "
    "firmaram signerent".split()
)
# "Y announced the signing", "anunció la firma": who tells of the signing did not sign.
_ANNOUNCED = re.compile(
    r"\b(?:announced|announces|confirmed|reported|anuncio|informo|confirmo|anunciou|informou|"
    r"confirmou|annonce|a annonce|a confirme)\b"
)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s")
# "declaró Fuenzalida a la prensa tras la firma", "said Smith after the signing": the
# speaker of a remark, named after its verb, comments on the signing.
_SPEECH = "|".join(SPEECH_VERBS)
_SPEAKER = re.compile(rf"\b(?:{_SPEECH})\s+(?:(?:el|la|the|o|a|le|l')\s+)?(?:[\w'-]+\s+){{0,3}}$")
# "durante la visita de Estado del presidente X a Kazajistán, Corea firmó": whose visit it
# is, not who signed.
_VISITOR = re.compile(
    r"\b(?:visit|visita|visite|viagem|voyage|trip|gira)\b[^,.;]{0,40}?"
    r"\b(?:of|by|del|de la|de|da|do|du|des)\s+(?:[\w'-]+\s+){0,4}$"
)
_BY_WORDS = frozenset("by por par pelo pela pelos pelas".split())
_BY_REACH = 16  # words from the signing verb to its "by"
_BETWEEN_WORDS = frozenset("between entre".split())
_WITH_WORDS = frozenset("with con avec com".split()) | _BETWEEN_WORDS
# How far after "with" the other side is named; "between" names both sides, the second
# after the first one's title and name ("entre le ministre kazakh de l'Industrie, N. A.,
# et la ministre belge de l'Économie, S. V.").
_WITH_REACH = 90
_BETWEEN_REACH = 180
# A quotation between "with"/"between" and a name: the sentence went on to who said it
# ("firmado entre Ecuador y Canadá “abre una etapa ...”, aseguró la viceministra ...").
_QUOTE_MARKS = re.compile(r"[\"“”«»]")


def participants(
    ctx: DocumentContext,
    group: Group,
    kind: str,
    defining: Sentence,
    regions: list[tuple[int, int]],
) -> tuple[Participant, ...]:
    countries = reference.countries()
    out: dict[tuple[str, str], Participant] = {}
    for code in sorted(group.parties):
        if code in countries:
            out[("country", code)] = Participant(
                "country", code, "party", countries[code].name, code
            )
    party_orgs = {code for code in group.parties if code not in countries}
    for org in ctx.organizations:
        if org.key in party_orgs or in_regions(org.start, regions):
            role: ParticipantRole = "party" if org.key in party_orgs else "mentioned"
            if ("organization", org.key) not in out and (
                role == "party" or org.kind in ("government_body", "intergovernmental")
            ):
                out[("organization", org.key)] = Participant(
                    "organization", org.key, role, org.name, org.country_code
                )

    roles: dict[str, ParticipantRole] = {}
    people: dict[str, PersonMention] = {}
    signed_by: set[str] = set()
    # A person named twice in one agreement keeps the role of higher precedence, in the
    # order of participant_roles.csv, by which dbt also ranks reports of one agreement.
    rank = {role: rule.precedence for role, rule in reference.participant_roles().items()}
    for person in ctx.persons:
        region = next((r for r in regions if r[0] <= person.start < r[1]), None)
        if region is None:
            continue
        role = person_role(ctx, person, region, kind, group.defining.status)
        if person.key not in roles or rank[role] < rank[roles[person.key]]:
            roles[person.key] = role
        if role == "signatory" and _named_after_by(ctx, person, region):
            signed_by.add(person.key)
        if person.key not in people or (
            person.country_code and not people[person.key].country_code
        ):
            people[person.key] = person
    if signed_by:
        # "El documento fue firmado por A y B": the text names who signed; a president
        # named before the verb ("en el marco de la reunión que sostuvieron el Presidente
        # X y ..., los gobiernos firmaron") or a guest present did not sign.
        for key, role in roles.items():
            if role == "signatory" and not any(
                key.endswith(named) or named.endswith(key) for named in signed_by
            ):  # "Laura Catalina Mejía Osorio" is the "Mejía Osorio" signed by
                roles[key] = "mentioned"
    claimed = {
        p.country_code
        for k, p in people.items()
        if p.country_code and roles[k] in ("signatory", "attendee")
    }
    # "... with the Japanese Ministry of Economy": the counterpart's side is taken.
    claimed |= {
        o.country_code
        for o in ctx.organizations
        if o.kind == "government_body"
        and o.country_code
        and defining.start <= o.start < defining.end
    }
    assignment_order = {"signatory": 0, "attendee": 0, "witness": 1, "mentioned": 2}
    for key in sorted(people, key=lambda k: assignment_order[roles[k]]):
        person = people[key]
        country = person.country_code
        if country is None and roles[key] in ("signatory", "attendee", "witness"):
            unclaimed = [c for c in group.parties if c in countries and c not in claimed]
            if len(unclaimed) == 1:
                country = unclaimed[0]
                claimed.add(country)
        out[("person", key)] = Participant(
            "person", key, roles[key], person.name, country, person.title, person.organization_key
        )
    return tuple(out.values())


_COORDINATION = re.compile(r"^\s*,?\s*(?:and|y|e|et)\s")


def _coordinated_with_a_witness(
    ctx: DocumentContext, person: PersonMention, region: tuple[int, int]
) -> bool:
    """The person named right after a witness, joined by "and"/"y"/"et", with no signing
    word between them, is a witness too."""
    start = region[0]
    before = [p for p in starting_in(ctx.persons, start, person.start) if p.end <= person.start]
    if not before:
        return False
    previous = max(before, key=lambda p: p.start)
    between = ctx.folded[previous.end : person.start]
    words = set(between.split())
    return (
        _COORDINATION.match(between) is not None
        and words.isdisjoint(SIGNING_WORDS)
        and ctx.cues.within("witness", max(start, previous.start - 90), previous.start)
        and not _by_after_witness_cue(ctx, previous, region)
    )


def _coordinated_before_a_witness(ctx: DocumentContext, person: PersonMention, end: int) -> bool:
    """The person named right before a witness, joined by "and"/"y"/"et" ("X and his
    counterpart, Y, attended the signing ceremony"), with no signing word between."""
    after = [p for p in starting_in(ctx.persons, person.end, end) if p.start >= person.end]
    if not after:
        return False
    following = min(after, key=lambda p: p.start)
    between = ctx.folded[person.end : following.start]
    return (
        len(between) <= _COORDINATED_REACH
        and _COORDINATION.match(between) is not None
        and set(between.split()).isdisjoint(SIGNING_WORDS)
        and _witnessed_after(ctx, following)
    )


_COORDINATED_REACH = 60  # "and his Democratic Republic of Congo counterpart, "


# ", presidiram nesta segunda-feira a assinatura": how far after a name its witnessing is told
_WITNESSED_REACH = 60


def _witnessed_after(ctx: DocumentContext, person: PersonMention) -> bool:
    """ "Y witnessed the signing", "Y, as a witness": what follows the name."""
    return bool(
        _WITNESSED.match(ctx.folded, person.end, person.end + _WITNESSED_REACH)
        or _AS_WITNESS.match(ctx.folded, person.end, person.end + _WITNESSED_REACH)
    )


# "firmó con su par peruano": the Spanish peer, not the French "par" (by).
_PEER_BEFORE = frozenset("su sus".split())


def _named_after_by(
    ctx: DocumentContext, person: PersonMention, region: tuple[int, int], after: int = -1
) -> bool:
    """Named after "signed ... by" ("fue firmado por el ministro X"), with no comma
    between the verb and its "by" unless they stand close; with `after`, a "by" that
    comes after that offset."""
    words, starts = ctx.tokens.words, ctx.tokens.starts
    lo, hi = bisect_left(starts, region[0]), bisect_left(starts, region[1])
    for i in range(lo, hi):
        if words[i] not in SIGNING_WORDS or starts[i] >= person.start:
            continue
        by = _by_of(ctx, i, hi)
        if by is not None and after < starts[by] < person.start:
            return True
    return False


def _by_of(ctx: DocumentContext, i: int, hi: int) -> int | None:
    """The "by" of the signing word at token `i` ("signed by", "suscrito por", "signé
    par", "assinado pelo"; "signed at State House in Lusaka by"), before token `hi`: no
    comma between the verb and its "by" unless they stand close, and no verb of convening
    or leading between them ("suscripto en una reunión convocada en Estados Unidos por el
    secretario X": X convened it)."""
    words, starts = ctx.tokens.words, ctx.tokens.starts
    by = next(
        (
            j
            for j in range(i + 1, min(hi, i + _BY_REACH))
            if words[j] in _BY_WORDS and words[j - 1] not in _PEER_BEFORE
        ),
        None,
    )
    if by is None or _LEADER_VERBS.intersection(words[i + 1 : by]):
        return None
    if by - i <= 8 or "," not in ctx.text[starts[i] : starts[by]]:
        return by
    return None


# "encabezado por" presides a ceremony ("la ceremonia, encabezada por el presidente X")
# or heads a body ("el Ministerio de Economía (METI), encabezado por el ministro X"): the
# body, named or by its noun, right before it.
_PRESIDED = "encabezad"
_BODY_BEFORE = re.compile(
    r"\b(?:ministerio|delegacion|comitiva|mision|gobierno|cartera|agencia|empresa|compania|"
    r"corporacion|secretaria|departamento)(?:\s+[\w-]+){0,3},?\s*$"
)


def _heads_a_body(ctx: DocumentContext, person: PersonMention) -> bool:
    """The witness cue before `person` is "encabezado por" after a public body or a
    company, so it names who heads the body."""
    cues = ctx.cues.starts.get("witness", ())
    last = bisect_left(cues, person.start) - 1
    if last < 0 or not ctx.folded.startswith(_PRESIDED, cues[last]):
        return False
    cue = cues[last]
    if any(0 <= cue - o.end <= 4 for o in ctx.organizations):  # "(METI), encabezado por"
        return True
    return _BODY_BEFORE.search(ctx.folded, max(0, cue - 80), cue) is not None


# "convocada", "hosted", "led": the verbs of the leader cues ("convocada por"); and of
# the witness cues ending in "by" ("encabezada por", "presided over by"): a "by" after
# them names who led or presided, not who signed ("firmaron ... en una ceremonia
# encabezada por el presidente X")
_LEADER_VERBS = frozenset(cue.split()[0] for cue in LEADER_CUES) | frozenset(
    cue.split()[0] for cue in WITNESS_CUES if cue.split()[-1] in _BY_WORDS
)


def _by_after_witness_cue(
    ctx: DocumentContext, person: PersonMention, region: tuple[int, int]
) -> bool:
    """ "signé en présence du président X par le ministre Y": a signing's "by" stands
    between the witness cue and the person, who signed."""
    cues = ctx.cues.starts.get("witness", ())
    last = bisect_left(cues, person.start) - 1
    return last >= 0 and _named_after_by(ctx, person, region, after=cues[last])


# "together with Deputy Secretary of State X,", "junto con la ministra canadiense X,"
_SIGNED_WITH = re.compile(
    r"\b(?:together with|along with|with|junto con|junto a|con|juntamente com|junto com|com|"
    r"avec)\s+(?:[\w'-]+\s+){0,7}$"
)
# '," Saidov wrote', '", escribió Schialer': the quotation's speaker
_SPOKE = re.compile(rf"^[\s,]*(?:[\w'-]+\s+){{0,3}}?(?:{_SPEECH})\b")
_SPEAKER_REACH = 40  # from a quotation's end to its speaker's name


def _signed_in_own_words(ctx: DocumentContext, person: PersonMention) -> bool:
    """A quotation in which a signer speaks ("Together with Deputy Secretary X, we signed
    the memorandum," Saidov wrote): its speaker signed, and so did the one named after
    "together with" inside it."""
    if "we_signed" not in ctx.cues.starts:
        return False
    for a, b in ctx.quotes:
        if not ctx.cues.within("we_signed", a, b):
            continue
        if a <= person.start < b and _SIGNED_WITH.search(
            ctx.folded, max(a, person.start - 80), person.start
        ):
            return True
        if b <= person.start <= b + _SPEAKER_REACH and (
            _SPOKE.match(ctx.folded[b : person.start])
            or _SPOKE.match(ctx.folded[person.end : person.end + 30])
        ):
            return True
    return False


def person_role(
    ctx: DocumentContext, person: PersonMention, region: tuple[int, int], kind: str, status: str
) -> ParticipantRole:
    """Signatory: named after "signed by", before the signing verb, or after "signed ... with".

    "en presencia del Presidente" makes a witness; "headed by" someone only mentioned;
    anyone else in a signing sentence was there but did not sign.
    """
    start, _ = region
    if ctx.cues.within(
        "witness", max(start, person.start - 90), person.start
    ) and not _by_after_witness_cue(ctx, person, region):
        # "el METI, encabezado por el ministro X": he heads the body, he did not sign
        return "mentioned" if _heads_a_body(ctx, person) else "witness"
    if _coordinated_with_a_witness(ctx, person, region):
        return "witness"  # "en presencia de la presidenta X y el presidente de Corea, Y"
    if _coordinated_before_a_witness(ctx, person, region[1]):
        return "witness"  # "President X and his counterpart, Y, attended the signing"
    if _witnessed_after(ctx, person):
        return "witness"  # "German Ambassador Matthias Kessler witnessed the signing"
    if ctx.cues.within(
        "leader", max(start, person.start - settings.LEADER_CUE_REACH), person.start
    ):
        return "mentioned"  # "METI, headed by Minister Ken Saito": he leads, he did not sign
    if in_another_event(ctx, ctx.sentence_index.of(person.start), person.start):
        return "mentioned"  # "signed ahead of a meeting with Minister X": X is of that meeting
    if kind == "talks":
        return "attendee"
    if status != "signed":
        return "mentioned"  # nobody has signed an instrument still to be signed
    if _signed_in_own_words(ctx, person):
        return "signatory"  # "Together with X, we signed the memorandum," Saidov wrote
    words, starts = ctx.tokens.words, ctx.tokens.starts
    lo, hi = bisect_left(starts, start), bisect_left(starts, region[1])
    signing = [i for i in range(lo, hi) if words[i] in SIGNING_WORDS]
    if not signing:
        return "mentioned"
    first = signing[0]
    if (
        person.start < starts[first] <= person.end + 150
        and not _ANNOUNCED.search(ctx.folded, person.end, starts[first])
        and not _VISITOR.search(ctx.folded, max(start, person.start - 60), person.start)
        and not _SPEAKER.search(ctx.folded, max(start, person.start - 40), person.start)
    ):
        return "signatory"  # the subject: "Landau ... signed", "Williams concluded ... with the signing"
    if (
        first - lo <= _VERB_FIRST_WITHIN
        and words[first] in _PLURAL_SIGNING_VERBS
        and starts[first] < person.start
        and not _CLAUSE_BREAK.search(ctx.text, starts[first], person.start)
    ):
        return "signatory"  # the verb first: "Lo formalizaron el ministro X y la secretaria Y"
    for i in signing:
        # "signed at State House in Lusaka by", "signed on February 5 during the
        # Ministerial Meeting on Critical Minerals in Washington by" (no comma between)
        if _by_of(ctx, i, hi) is not None and starts[i] < person.start:
            return "signatory"  # "signed by", "suscrito por", "signé par", "assinado pelo"
        with_at = next((j for j in range(i + 1, min(hi, i + 12)) if words[j] in _WITH_WORDS), None)
        reach = (
            _BETWEEN_REACH
            if with_at is not None and words[with_at] in _BETWEEN_WORDS
            else _WITH_REACH
        )
        if (
            with_at is not None
            and starts[with_at] < person.start <= starts[with_at] + reach
            and not _QUOTE_MARKS.search(ctx.text, starts[with_at], person.start)
        ):
            return "signatory"  # "signed the agreement with Minister X", "signed between X and Y"
    return "mentioned"
