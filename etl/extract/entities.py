"""Persons, organisations found by pattern, money and quantities.

Persons come from capitalised name sequences, with the title read from the words
before the name ("Mining Minister Aurora Williams", "el ministro de Relaciones
Exteriores, Francisco Pérez Mackenna") or from an apposition after it ("Teague
Egan, the EnergyX CEO"). A surname alone ("Landau", "Minister Williams") is the
person introduced earlier in the same document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from etl import reference
from etl.extract.gazetteer import Match, resolve_overlaps
from etl.extract.lexicon import (
    NOT_NAME_WORDS,
    ORGANIZATION_WORDS,
    SURNAME_ORGANIZATION_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from etl.extract.text import WORD, Tokens, fold_word, whole_word_starts
from etl.keys import organization_key, person_key

# Latin letters with their Central European and Turkish accents too: "Šefčovič",
# "Djedović Handanović", "Vučić", "Erdoğan".
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽȘȚ"
_LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžșț"
_NAME_WORD = rf"(?:[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?|[{_UPPER}]\.)"
_PARTICLE = r"(?:de la|de los|van der|van den|von der|van de|de|del|da|das|do|dos|van|von|der|den|di|du|bin|ibn|al|el|le)"
# The capital in front lets the regex engine skip every other position at once.
NAME_SEQUENCE = re.compile(
    rf"(?=[{_UPPER}])(?<![\w.]){_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{0,6}}(?![\w])"
)
_PARTICLES = frozenset("de del la los da das do dos van von der den di du bin ibn al el le".split())
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:de|del|da|do|dos|das|des|du|of|for|para|pour|e|y|et|and|os|as|los|las|les|la|el|o|a)\s+$"
)
_TAIL_BREAKERS = frozenset(
    "who which que qui said says met signed told dijo firmo with con avec com during durante "
    "while mientras when cuando".split()
)
# Given names that let an untitled two-word name count as a person.
GIVEN_NAMES = frozenset(
    fold_word(n)
    for n in """
    Aurora Francisco José Jose Antonio Christopher Donald Joe Joseph Kamala Marco Mario
    Gabriel Luiz Inácio Lula Javier Gustavo Andrés Claudia Dina Luis Carlos Juan Pedro Pablo
    Miguel Jorge Alberto Fernando Sergio Ricardo Vicente Michio Ken Yasushi Fumio Shigeru
    Yoon Kim Lee Park Xi Li Wang Narendra Anthony Penny Madeleine Catherine Ursula Emmanuel
    Olaf Giorgia Pedro Keir Rishi Justin Mark Scott Chris Jim Tony Anne Marie Jean Pierre
    Jacques François Francois Félix Felix Denis Félix-Antoine Cyril William Muhammad Mohammed
    Mohammad Abdulaziz Khalid Ahmed Ali Hassan Samia Paul Patrick Peter John James Robert
    Michael David Richard Thomas Charles Daniel Matthew George Edward Steven Kevin Brian
    Andrew Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry
    Justin Frank Brandon Raymond Gregory Benjamin Samuel Patrick Alexander Jack Dennis Jerry
    Tyler Aaron Henry Douglas Peter Adam Nathan Zachary Walter Kyle Harold Carl Jeremy Keith
    Roger Gerald Ethan Arthur Terry Christian Sean Lawrence Austin Joe Noah Jesse Albert Bryan
    Billy Bruce Willie Jordan Dylan Alan Ralph Gabriel Roy Juan Wayne Eugene Logan Randy Louis
    Russell Vincent Philip Bobby Johnny Bradley Mary Patricia Jennifer Linda Elizabeth Barbara
    Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna
    Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
    Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine
    Christine Debra Rachel Carolyn Janet Maria María Heather Diane Julie Joyce Victoria Kelly
    Christina Lauren Joan Evelyn Olivia Judith Megan Cheryl Martha Andrea Frances Hannah
    Jacqueline Ann Gloria Jean Kathryn Alice Teresa Sara Janice Doris Madison Julia Grace
    Judy Abigail Beverly Denise Marilyn Amber Danielle Rose Brittany Diana Natalie Sophia
    Alexis Lori Kayla Jane Ana Rodrigo Diego Alejandro Manuel Rafael Ramón Ramon Enrique
    Eduardo Ignacio Cristián Cristian Felipe Sebastián Sebastian Gonzalo Matías Matias
    Nicolás Nicolas Tomás Tomas Camila Valentina Isabel Carmen Lucía Lucia Paula Marta
    Beatriz Gabriela Daniela Carolina Verónica Veronica Silvia Rosa Alicia Mercedes Pilar
    Raquel Elena Inés Ines Irene Soledad Michelle Gabriel Boric Arturo Ernesto Hugo Óscar
    Oscar Raúl Raul Rubén Ruben Víctor Victor Álvaro Alvaro Guillermo Héctor Hector Joaquín
    Joaquin Santiago Emilio Agustín Agustin Martín Martin Lucas Mateo Benjamín Thiago João
    Joao Paulo Marcos Marcelo Rodrigo Geraldo Fábio Fabio Flávio Flavio Renan Alexandre
    Fernanda Luciana Simone Dilma Marina Tereza Gleisi Rui Wellington Alexandre Jair Geraldo
    Mauro Haddad Silveira Camilo Néstor Nestor Cristina Mauricio Alberto Axel Patricia
    Dominique Sylvie Nathalie Isabelle Sophie Valérie Valerie Émilie Emilie Élisabeth
    Elisabeth Bruno Gérald Gerald Thierry Laurent Nicolas Olivier Philippe Christophe
    Sébastien Stéphane Stephane Didier Jean-Noël Jean-Pierre Jean-Luc Jean-Yves Marie-Claude
    Félix Fatshimungu Fatshi Judith Suminwa Vital Kamerhe Tshisekedi Moïse Moise Augustin
    Paul-Henri Ibrahim Aliko Bola Cyril Hakainde Gwede Pravind Hichilema Emmerson
    Yoweri Uhuru William Samia Abiy Macky Alassane Faure Ousmane Bassirou Mahamat Idriss
    Anwar Prabowo Joko Bahlil Ferdinand Bongbong Anthony Piyush Pralhad Kishan Subrahmanyam
    Jaishankar Amit Rajnath Nirmala Shehbaz Recep Mevlüt Hakan Sergei Sergey Vladimir Dmitry
    Volodymyr Yulia Denys Olha Ihor Andrzej Viktor Kaja Margrethe Valdis Stéphane Teresa
    Maroš Maros Jozef Thierry Wopke Dan Julie Ngozi Kristalina Ajay Ilan Mauricio Luis
    Tanya Kristi Ed Madeleine Teague Kent Ko Kentaro Yoji Yoshihide Shinzo Taro Toshimitsu
    Akira Hiroshi Takeshi Kazuyuki Koichi Ryosei Yoichi Masato Sanae Ishiba Kishida
    Ahn Duk-geun Choi Sang-mok Cho Tae-yul Han Duck-soo Chung Yoon-sang Lim Jae-myung
    Gina Jennifer Doug Jay Rahm Wendy Kurt Lael Janet Ambrose Pete Chris Howard Kelly
    Scott Marco JD Susie Lutnick Bessent Rubio Landau Jamieson Brendan Rachel Tanya

    Leila Aziz Michel Alex Jan Pratima Bill Melinda André Andre Luiz Elijah Jonas Marco
    Madeleine Bandar Doug Fatima Fátima Mariana Rogério Rogerio Estevão Estevao Kenji Hiroshi
    Yuki Haruto Sakura Chanda Mwila Domingos Armando Robert Jean-Pierre Kizito Félix Felix
    Nicolas Bruno Olivier Agnès Agnes Laurent Élisabeth Gabriel Pierre Antoine Hugo Louis Léa
    Chloé Manon Camille Inès Sarah Nadia Youssef Mohamed Karim Rachid Nabil Samir Omar
    Khalid Faisal Abdullah Sultan Saud Ahmed Tariq Zayed Mansour Majid Rania Amina Aminata
    Moussa Ibrahima Mamadou Cheikh Aliou Boubacar Fatoumata Kwame Kofi Ama Nana Akua Thabo
    Sipho Cyril Gwede Lindiwe Naledi Jacob Jabulani Nkosana Julius Samuel Emmanuel Godfrey
    Hakainde Mulambo Situmbeko Paul Ruth Esther Grace Mercy Joyce Shukri Abiy Sahle-Work
    Narendra Piyush Ashwini Nitin Jitendra Hardeep Raj Rajesh Suresh Ramesh Vikram Arjun
    Priya Anjali Deepa Sunita Kavita Nirmala Smriti Arvind Sanjay Rahul Amit Pralhad Kishan
    Anthony Penny Richard Chris Tim Jim Ed Catherine Tanya Murray Jason Marles Kevin Rudd
    Jenny Sue Zhang Wang Li Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Hu Guo He Lin Luo
    Takeshi Taro Ichiro Yoshimasa Yasutoshi Ryo Akihiro Koji Masaaki Hirohide Naoki Tomoko
    Yoko Mariko Joko Budi Retno Sri Airlangga Erick Arifin Luhut Bahlil Prabowo Gibran
    Ferdinand Enrique Raffy Manuel Jorge Gustavo Gabriel Daniel Ernesto Rodrigo Catherine
    Carolina Franklin Vikram Helena Wang Estevão Jianhua Marcelo Alexandre Silveira Rui
    Fernando Haddad Geraldo Simone Marina Anielle Wellington Camilo Waldez Renan Luciana
    Beatriz Letícia Leticia Juliana Patrícia Vanessa Larissa Bianca Gabriela Rafaela Marta
    Roberto Ricardo Sérgio Sergio Paulo Pedro Tiago Thiago Lucas Mateus Matheus Guilherme
    Gustavo Leonardo Rafael Felipe Bruno Eduardo Fábio Diego Vinícius Vinicius Rodrigo
    Diana Gerardo Luis Toto Victoria Patricia Karina Sandra Martín Axel Sergio Cristina
    Mauricio Alberto Javier Horacio Eduardo Flavia Esteban Ignacio Sebastián Marcela
    Gabriel Boric Mario Carolina Aurora Alberto Maya Marcel Diego Willy Nicolás Jeannette
    Dina Gustavo Francia Petro Claudia Marcelo Luis Andrés Manuel Xóchitl Rocío Rosa
    Marcelo Ebrard Alicia Bárcena Rogelio Raquel Buenrostro Olaf Robert Habeck Annalena
    Christian Lindner Friedrich Merz Katherina Reiche Svenja Ursula Maroš Kaja Teresa
    Valdis Stéphane Thierry Jozef Kadri Wopke Dan Jørgensen Ana Josep Pedro Carlos Cuerpo
    Luís Montenegro Paulo Rangel Maria Graça Marcelo Rebelo João Galamba Duarte Cordeiro
    Filipe Nyusi Daniel Chapo Adriano Maleiane João Lourenço Manuel Nunes Tete António
    Diamantino Azevedo Jean-Michel Sama Lukonde Judith Suminwa Kizito Pakabomba Louis Watum
    Antoinette Nkulu Marc Ferracci Leila Benali Aziz Akhannouch Nasser Bourita Akhannouch
    Kassym-Jomart Olzhas Bektenov Roman Sklyar Kanat Bozumbayev Yerlan Akkenzhenov
        """.split()
)


# Words of country names that NOT_NAME_WORDS lists ("South" Korea, "New" Zealand).
_COUNTRY_WORDS = frozenset("north south east west central new united".split())


# Bylines: "(Reporting by Michel Rose in Paris; Editing by Alex Richardson)",
# "--With assistance from Isabel Reynolds.", "Por Marco Aquino", "(Reportagem de ...; edição de ...)".
BYLINE = re.compile(
    r"(?=[RrWwEeAaTtPB])"  # the first letters below: the regex engine skips other positions
    r"(?:\b(?:[Rr]eporting by|[Ww]riting by|[Ee]diting by|[Aa]dditional reporting by|[Ww]ith assistance from"
    r"|[Rr]eportagem de|[Ee]dição de|[Ee]dicao de|[Tt]exto de|[Rr]edacción de|[Rr]eportage de))"
    r"[ \t]+(?P<names>[^;\n)]{3,160})"
    # a line of its own: "Por Marco Aquino", "By Jane Doe and John Roe"
    r"|^(?:Por|Par|By)[ \t]+(?P<line>(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|and|y|e|et|de|da|del|dos)(?:[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|and|y|e|et|de|da|del|dos)){1,8})[ \t]*$",
    re.MULTILINE,
)


_BYLINE_HINTS = (
    "eporting",
    "diting",
    "ssistance",
    "eportagem",
    "dição",
    "dicao",
    "exto de",
    "edacción",
    "eportage",
    "\nPor ",
    "\nPar ",
    "\nBy ",
)


def _byline_names(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if not any(hint in text for hint in _BYLINE_HINTS) and not text.startswith(
        ("Por ", "Par ", "By ")
    ):
        return found
    for byline in BYLINE.finditer(text):
        group = "names" if byline.group("names") else "line"
        for name in NAME_SEQUENCE.finditer(text, byline.start(group), byline.end(group)):
            before = text[max(0, name.start() - 4) : name.start()]
            if " " in name.group() and not before.endswith((" in ", " en ", " em ")):
                found.append((name.start(), name.group()))
    return found


@dataclass
class Person:
    key: str
    name: str  # most complete form written in the document
    title: str | None = None
    country_code: str | None = None
    organization_key: str | None = None
    spans: list[tuple[int, int, str, float]] = field(
        default_factory=list
    )  # start, end, text, confidence

    @property
    def tokens(self) -> list[str]:
        return [fold_word(t) for t in self.name.split()]


@dataclass(frozen=True)
class Value:
    kind: str  # money | quantity
    start: int
    end: int
    text: str
    key: str
    attributes: dict[str, str]


def find_persons(
    text: str, folded: str, tokens: Tokens, sentence_of, entity_matches: list[Match]
) -> list[Person]:
    """Persons with their title, country and organisation, and every span that names them."""
    covered = _coverage(entity_matches, tokens)
    candidates: list[tuple[int, int, list[re.Match]]] = []
    for sequence in NAME_SEQUENCE.finditer(text):
        if " " not in sequence.group() and (
            covered.get(sequence.start()) or fold_word(sequence.group()) in NOT_NAME_WORDS
        ):
            continue  # a capitalised sentence opener ("The", "El"), or a known place or body
        words = list(WORD.finditer(text, sequence.start(), sequence.end()))
        words = _strip(words, covered)
        if not words:
            continue
        if any(fold_word(w.group()) in ORGANIZATION_WORDS for w in words) and not (
            fold_word(words[0].group()) in GIVEN_NAMES
            and fold_word(words[-1].group()) in SURNAME_ORGANIZATION_WORDS
        ):
            continue
        candidates.append((words[0].start(), words[-1].end(), words))

    persons: dict[str, Person] = {}
    short_forms: list[tuple[int, int, str]] = []
    uncredited: list[tuple[int, int]] = []  # names no list, title or later use vouches for
    for start, end, words in candidates:
        if len(words) < 2:
            short_forms.append((start, end, text[start:end]))
            continue
        first = fold_word(words[0].group())
        if fold_word(words[-1].group()) in TITLE_HEADS and first not in GIVEN_NAMES:
            continue  # "India's High Commissioner": a name does not end with a title
        credible = first in GIVEN_NAMES or _surname_used_alone(text, words[-1], end)
        if not credible and _PREPOSITION_BEFORE.search(folded, max(0, start - 6), start):
            # "ministro de Energía y Minas": the name of a portfolio, not a person
            uncredited.append((start, end))
            continue
        sentence = sentence_of(start)
        title, title_start = _title_before(text, folded, sentence.start, start, covered)
        if title is None:
            title, title_start = _title_after(text, folded, end, sentence.end)
        if title is None and not credible:
            uncredited.append((start, end))
            continue
        _add_person(persons, text, start, end, title, title_start, entity_matches)
    for start, end in uncredited:
        if _coordinated_with_a_person(text, start, end, persons):
            title, title_start = _title_after(text, folded, end, sentence_of(start).end)
            _add_person(persons, text, start, end, title, title_start, entity_matches)

    for start, name in _byline_names(text):
        key = person_key(name)
        person = persons.setdefault(key, Person(key=key, name=name, title="Journalist"))
        if not any(span[0] == start for span in person.spans):
            person.spans.append((start, start + len(name), name, 0.8))

    _resolve_short_forms(persons, short_forms, text, folded, entity_matches)
    _titled_surnames(persons, short_forms, text)
    for person in persons.values():
        # The text's own word ("el primer ministro australiano") first; else the
        # country a public figure serves ("El presidente Donald Trump").
        person.country_code = person.country_code or public_figure_countries().get(person.key)
    return list(persons.values())


@cache
def public_figure_countries() -> dict[str, str]:
    """Person key of each public figure's name and aliases -> its country."""
    return {
        person_key(name): figure.country_code
        for figure in reference.public_figures()
        for name in (figure.name, *figure.aliases)
    }


def _add_person(
    persons: dict[str, Person],
    text: str,
    start: int,
    end: int,
    title: str | None,
    title_start: int,
    entity_matches: list[Match],
) -> None:
    name = text[start:end]
    key = person_key(name)
    person = persons.get(key)
    if person is None:
        person = persons[key] = Person(key=key, name=name)
    elif _accents(name) > _accents(person.name):
        person.name = name
    person.spans.append((start, end, name, 0.9 if title else 0.75))
    if title:
        context = (min(title_start, start), max(title_start + len(title), end))
        _describe(person, title, context, entity_matches, text)


# "Christophe Lutundula et Stanley Kakubo", "Rómulo Mucho Mamani, y Dukgeun Ahn": a name
# joined to a person's by a conjunction is a person's too, though no list knows it.
_NAMES_JOINED = re.compile(r",?\s+(?:and|y|e|et|und)\s+")


def _coordinated_with_a_person(text: str, start: int, end: int, persons: dict[str, Person]) -> bool:
    return any(
        (span_end < start and _NAMES_JOINED.fullmatch(text, span_end, start))
        or (span_start > end and _NAMES_JOINED.fullmatch(text, end, span_start))
        for person in persons.values()
        for span_start, span_end, *_ in person.spans
    )


# A title word right before a lone capitalised surname: "President Trump", "Premier Li".
_TITLE_RIGHT_BEFORE = re.compile(
    r"\b(?i:president|presidente|présidente?|prime minister|primer ministro|primeir[oa]-ministr[oa]|"
    r"premier ministre|premier|chancellor|canciller|chanceler|chancelier|king|rey|rei|roi|"
    r"secretary|secretario|secretária|secretaria)(?:\s+[a-zà-ÿ]+)?\s+$"
)


def _titled_surnames(persons: dict[str, Person], short_forms, text: str) -> None:
    """ "President Trump and Prime Minister Albanese signed": a head of government or a
    secretary the text names by the surname alone, never in full, is a person of their own."""
    known = {token for person in persons.values() for token in person.tokens}
    for start, end, surface in short_forms:
        folded = fold_word(surface)
        if (
            " " in surface
            or len(surface) < 3
            or folded in known
            or folded in NOT_NAME_WORDS
            or folded in TITLE_HEADS
            or folded in ORGANIZATION_WORDS
            or not _TITLE_RIGHT_BEFORE.search(text, max(0, start - 30), start)
        ):
            continue
        key = person_key(surface)
        person = persons.setdefault(key, Person(key=key, name=surface))
        if not any(span[0] == start for span in person.spans):
            person.spans.append((start, end, surface, 0.7))


def _surname_used_alone(text: str, surname: re.Match, after: int) -> bool:
    """ "Katrin Vollmer ... Vollmer said": a name the text later quotes by its last word."""
    word = surname.group()
    if len(word) < 3 or fold_word(word) in NOT_NAME_WORDS:
        return False
    for start in whole_word_starts(text, word, after, joiners="'’-"):
        end = start + len(word)
        if _SPEECH_AFTER.match(fold_word(text[end : end + 30])) or _SPEECH_BEFORE.search(
            fold_word(text[max(0, start - 30) : start])
        ):
            return True
    return False


# "Vollmer said", "declaró Fuenzalida", "según Mehta", "selon Mme Benali"
_SPEECH_AFTER = re.compile(
    r"\s*(?:,[^,]{0,20},\s*)?(?:said|says|added|told|noted|stressed|explained|warned|dijo|afirmo|senalo|"
    r"agrego|anadio|explico|declaro|destaco|disse|afirmou|acrescentou|declarou|explicou|destacou|"
    r"a declare|a affirme|a ajoute|a indique|a souligne|a precise)\b"
)
_SPEECH_BEFORE = re.compile(
    r"(?:said|says|added|told|dijo|afirmo|senalo|declaro|disse|afirmou|declarou|a declare|a affirme|"
    r"a ajoute|a indique|segun|segundo|selon|according to)\s+(?:m\.|mme|mr\.?|ms\.?|sr\.?|sra\.?)?\s*$"
)


def _coverage(matches: list[Match], tokens: Tokens) -> dict[int, str]:
    """Start offset of every word inside a gazetteer match → the match's kind."""
    covered: dict[int, str] = {}
    starts = tokens.starts
    for m in matches:
        i = bisect_left(starts, m.start)
        while i < len(starts) and starts[i] < m.end:
            covered[starts[i]] = m.kind
            i += 1
        covered.setdefault(m.start, m.kind)  # a match inside a hyphenated word ("Chilean-Japanese")
    return covered


def _strip(words: list[re.Match], covered: dict[int, str]) -> list[re.Match]:
    """Drop title words, function words and gazetteer entities around a name."""

    def not_name(w: re.Match) -> bool:
        folded = fold_word(w.group())
        return (
            folded in NOT_NAME_WORDS
            or folded in TITLE_HEADS
            or folded in TITLE_MODIFIERS
            or covered.get(w.start()) in ("country", "organization", "mineral")
        )

    # A title word closes a name only as a title would ("Madeleine King" keeps "King").
    while words and (
        fold_word(words[-1].group()) in NOT_NAME_WORDS
        or fold_word(words[-1].group()) in TITLE_MODIFIERS
        or covered.get(words[-1].start()) in ("country", "organization", "mineral")
    ):
        words = words[:-1]
    if words and all(covered.get(w.start()) for w in words):
        return []  # a place or body the gazetteer knows ("Nueva Delhi")
    # The name is the last run of name words: "Mineral Resources Bandar Alkhorayef".
    for i in range(len(words) - 2, -1, -1):
        if not_name(words[i]) and fold_word(words[i].group()) not in _PARTICLES:
            words = words[i + 1 :]
            break
    while words and fold_word(words[0].group()) in _PARTICLES:
        words = words[1:]
    # "Minister for Enterprises Giulia Ferraresi": a known given name starts the name.
    given = next(
        (i for i, w in enumerate(words) if i > 0 and fold_word(w.group()) in GIVEN_NAMES), None
    )
    if (
        given is not None
        and fold_word(words[0].group()) not in GIVEN_NAMES
        and len(words) - given >= 2
    ):
        words = words[given:]
    while words and fold_word(words[-1].group()) in _PARTICLES:
        words = words[:-1]
    if len(words) == 1 and covered.get(words[0].start()) == "location":
        return []
    return words


def _title_before(
    text: str, folded: str, sentence_start: int, name_start: int, covered: dict[int, str]
) -> tuple[str | None, int]:
    window_start = max(sentence_start, name_start - 140)
    words = [
        w
        for w in WORD.finditer(text, window_start, name_start)
        if not (w.group() in ("s", "S") and text[w.start() - 1 : w.start()] in "'’")  # possessive
    ]
    head = None
    for i in range(len(words) - 1, -1, -1):
        f = fold_word(words[i].group())
        if f in _TAIL_BREAKERS:
            break
        if f in TITLE_HEADS:
            head = i
            break
    if head is None or len(words) - head > 14:
        return None, -1
    tail = text[words[head].end() : name_start]
    if any(ch in tail for ch in ";:!?") or "\n\n" in tail or tail.count(",") > 3:
        return None, -1
    # The title ends where another person's name starts: in "Foreign Minister Takeshi
    # Iwaya and his counterpart Gerardo Werthein" Werthein is not the Foreign Minister.
    for w in words[head + 1 :]:
        if (
            w.group()[0].isupper()
            and not covered.get(w.start())
            and fold_word(w.group()) in GIVEN_NAMES
        ):
            return None, -1
    begin = head
    while begin > 0 and head - begin < 7:
        previous = words[begin - 1]
        gap = text[previous.end() : words[begin].start()]
        f = fold_word(previous.group())
        if gap not in (" ", "'s ", "’s ", "-"):
            break
        if not (previous.group()[0].isupper() or f in TITLE_MODIFIERS):
            break
        if f in NOT_NAME_WORDS and f not in TITLE_MODIFIERS and f not in _COUNTRY_WORDS:
            break
        begin -= 1
    title = text[words[begin].start() : name_start].rstrip(" ,\t\n")
    return title, words[begin].start()


_APPOSITION = re.compile(
    r",\s+(?:the |el |la |o |a |le |l')?(?P<title>[^,.;()]{0,110}?)(?=,|\.|;|\)|$)"
)


def _title_after(
    text: str, folded: str, name_end: int, sentence_end: int
) -> tuple[str | None, int]:
    match = _APPOSITION.match(text, name_end, min(sentence_end, name_end + 130))
    if not match:
        return None, -1
    title = match.group("title").strip()
    words = [fold_word(w) for w in WORD.findall(title)]
    # the title's head comes early: "Parliamentary State Secretary at Germany's Ministry"
    if not words or len(words) > 16 or not any(w in TITLE_HEADS for w in words[:5]):
        return None, -1
    if any(w in _TAIL_BREAKERS for w in words):
        return None, -1
    return title, match.start("title")


_TITLE_PREPOSITION = r"(?:of|to|in|for|de|del|do|da|du|des|en|au|aux|no|na|em|a)"
# A preposition left with nothing to govern once the country words leave a title.
_DANGLING_PREPOSITIONS = re.compile(
    rf"(?:\s+{_TITLE_PREPOSITION}\b)+(?=\s*$)|\s+{_TITLE_PREPOSITION}(?=\s+{_TITLE_PREPOSITION}\b)"
)


def _describe(
    person: Person, title: str, context: tuple[int, int], matches: list[Match], text: str
) -> None:
    """Title, country and organisation from the entities inside the title's span.

    The country words leave the title: "South Korea's Second Vice Finance Minister"
    is the Second Vice Finance Minister of KOR.
    """
    start, end = context
    title_start = text.find(title, start)
    chars = list(title)
    for m in matches:
        if m.end <= start or m.start >= end:
            continue
        if m.kind == "country" and person.country_code is None:
            person.country_code = m.key
        elif m.kind == "organization" and person.organization_key is None:
            person.organization_key = m.key
            person.country_code = person.country_code or m.entry.attributes.get("country_code")
        if (
            m.kind == "country"
            and title_start >= 0
            and m.entry.attributes.get("alias_kind") in ("adjective", "short_name", "abbreviation")
        ):
            for offset in range(max(m.start, title_start), min(m.end, title_start + len(title))):
                chars[offset - title_start] = " "
    clean = re.sub(r"^\s*['’]s\b|(?<=\s)['’]s\b", " ", "".join(chars))
    clean = re.sub(r"\s+", " ", clean).strip(" ,")
    # "Ambassadrice du Canada en Guinée" -> "Ambassadrice", not "Ambassadrice du en".
    clean = _DANGLING_PREPOSITIONS.sub("", clean).strip(" ,")
    if clean:
        person.title = clean[0].upper() + clean[1:]


def _resolve_short_forms(persons: dict[str, Person], short_forms, text, folded, matches) -> None:
    """ "Landau", "Minister Williams", "Pérez Mackenna": the person introduced earlier."""
    by_surname: dict[str, Person] = {}
    for person in persons.values():
        tokens = person.tokens
        by_surname.setdefault(tokens[-1], person)
        if len(tokens) >= 3:
            by_surname.setdefault(" ".join(tokens[-2:]), person)
        if "-" in tokens[-1]:  # "Kim Yoon-sang": family name first
            by_surname.setdefault(tokens[0], person)
    for person in persons.values():
        # "Lula" of "Luiz Inácio Lula da Silva": a middle name the press uses alone (after
        # every surname, which wins)
        for token in person.tokens[1:-1]:
            if token not in _PARTICLES and len(token) > 2:
                by_surname.setdefault(token, person)
    for start, end, surface in short_forms:
        named = by_surname.get(" ".join(fold_word(w) for w in surface.split()))
        if named is not None and not any(s[0] == start for s in named.spans):
            named.spans.append((start, end, surface, 0.7))


def _accents(name: str) -> int:
    return sum(1 for c in name if ord(c) > 127)


# --- organisations by pattern ----------------------------------------------

_CAPITALISED = rf"[{_UPPER}][\w'’&-]*"
_OF = r"(?:of|for|on|de|del|de la|de los|de las|do|da|dos|das|des|du|de l'|d'|para|pour|para a|para o)"
_AND = r"(?:and|y|e|et|&)"
# A name runs on over capitalised words, "of"-words and "and"; a comma only inside an
# enumeration that ends with "and" ("Economy, Trade and Industry").
_NAME_TAIL = (
    rf"(?:[ \t]+{_OF}[ \t]*{_CAPITALISED}|[ \t]+{_AND}[ \t]+{_CAPITALISED}"
    rf"|,[ \t]+{_CAPITALISED}(?=(?:[ \t]+{_CAPITALISED})*(?:,[ \t]+{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*)*[ \t]+{_AND}[ \t])"
    rf"|[ \t]+{_CAPITALISED})*"
)
# Bodies named head first, as Romance languages and English ministries do: "Ministry of
# Health", "Servicio Geológico Mexicano", "Ministère indien des Mines", "Cámara Minera de México".
_HEADS = {
    "government_body": "Ministry Ministerio Ministério Ministère Department Departamento Secretaría Secretaria "
    "Secretariat Agency Agencia Agência Agence Office Oficina Bureau Commission Comisión Comissão Service "
    "Servicio Serviço Autoridad Autoridade Autorité Authority Asamblea Assembleia Assemblée Consejo Conselho "
    "Conseil Council Instituto Institut Institute",
    "company": "Corporación Corporação Compañía Companhia Compagnie Empresa Sociedad Sociedade Société "
    "Bolsa Caminho Ferrocarril",
    "other": "Cámara Câmara Chambre Chamber Asociación Associação Association Banco Banque Bank Fondo Fundo "
    "Fonds Fund",
}
_HEAD_KIND = {fold_word(word): kind for kind, words in _HEADS.items() for word in words.split()}
# The lookahead for a head word's (or a name's) first letter lets the regex engine skip
# every other position at once.
_HEAD_INITIALS = re.escape(
    "".join(sorted({w[0] for words in _HEADS.values() for w in words.split()}))
)
HEAD_FIRST = re.compile(
    rf"(?=[{_HEAD_INITIALS}])\b(?P<head>{'|'.join(w for words in _HEADS.values() for w in words.split())})"
    rf"(?:[ \t]+[{_LOWER}]+(?:[ \t]+[{_LOWER}]+)?(?=[ \t]+{_OF}[ \t]))?"  # "Ministère indien des Mines"
    rf"(?:[ \t]+{_OF}[ \t]*(?:the[ \t]+)?|[ \t]+)(?P<first>{_CAPITALISED}){_NAME_TAIL}"
)
# Companies and bodies named head last, as English does: "Sigma Lithium", "Kobold Metals",
# "Critical Minerals Office", "ZCCM Investments Holdings", "Albemarle Corp."
_SUFFIXES = {
    "company": "Resources Metals Minerals Mining Materials Lithium Holdings Group Investments Energy Magnetics "
    "Chemical Chemicals Industries Motors Steel Capital Partners Trading Earths "
    "Railway Railways Mineração Minera Minería Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited plc PLC SA S.A. "
    "SpA AG GmbH NV",
    "government_body": "Office Agency Authority Commission Survey",
    "other": "Institute Exchange Forum",
}
_SUFFIX_KIND = {
    fold_word(word): kind for kind, words in _SUFFIXES.items() for word in words.split()
}
HEAD_LAST = re.compile(
    rf"(?=[{_UPPER}])(?<![\w'’-])(?P<name>(?:{_CAPITALISED}[ \t]+){{1,4}}(?:(?:and|&)[ \t]+)?)"
    rf"(?P<suffix>{'|'.join(sorted((re.escape(w) for words in _SUFFIXES.values() for w in words.split()), key=len, reverse=True))})"
    rf"(?![\w])(?![ \t]+[{_UPPER}])"  # "National Lithium Strategy" is not a company
)
ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)")
_NOT_ORGANIZATION_ACRONYMS = frozenset(
    {"MoU", "MOU", "MoC", "MOC", "LOI", "FTA", "GDP", "EV", "EVs"}
)
_INTERGOVERNMENTAL_WORDS = (
    "international",
    "inter-american",
    "world",
    "united nations",
    "african",
    "asian",
    "european",
    "development bank",
    "interamericano",
    "mundial",
    "internacional",
)
_TRAILING_CONNECTOR = re.compile(rf"(?:,|[ \t]+(?:{_OF}|{_AND}|the))+$")


def organization_kind_for(name: str) -> str:
    f = fold_word(name)
    if any(w in f for w in _INTERGOVERNMENTAL_WORDS):
        return "intergovernmental"
    for word in WORD.findall(f):
        if _HEAD_KIND.get(word) == "government_body" or _SUFFIX_KIND.get(word) == "government_body":
            return "government_body"
    if any(
        _SUFFIX_KIND.get(word) == "company" or _HEAD_KIND.get(word) == "company"
        for word in WORD.findall(f)
    ):
        return "company"
    return "other"


@dataclass(frozen=True)
class PatternOrganization:
    start: int
    end: int
    text: str
    key: str
    name: str
    acronym: str | None
    kind: str
    country_code: str | None


def find_pattern_organizations(
    text: str, tokens: Tokens, matches: list[Match]
) -> list[PatternOrganization]:
    """Bodies and companies by the shape of their names, and "Long Name (ACRONYM)".

    National bodies carry their country in the key ("Ministry of Mines" of India and of
    Peru are two bodies); each pattern runs only when the words it needs occur.
    """
    known = {m.text for m in matches if m.kind == "organization"}
    listed_starts = frozenset(m.start for m in matches if m.kind == "organization")
    countries = [m for m in matches if m.kind == "country"]
    found: list[PatternOrganization] = []

    def add(
        start: int, name: str, kind: str, acronym: str | None = None, end: int | None = None
    ) -> None:
        if text[start : end or start + len(name)].rstrip(".") in known:
            return  # "Khanij Bidesh India Ltd.": the listed body, its abbreviation's dot
        country = _country_near(countries, start, start + len(name), text)
        qualifier = (
            reference.countries()[country].name if country and kind == "government_body" else ""
        )
        key = organization_key(f"{name} {qualifier}".strip())
        found.append(
            PatternOrganization(
                start,
                end or start + len(name),
                text[start : end or start + len(name)],
                key,
                name,
                acronym,
                kind,
                country,
            )
        )

    vocabulary = tokens.vocabulary
    if not vocabulary.isdisjoint(_HEAD_KIND):
        for m in HEAD_FIRST.finditer(text):
            name = _cut_at_person_or_title(m.group(), countries, m.start(), listed_starts)
            kind = _HEAD_KIND[fold_word(m.group("head"))]
            add(m.start(), name, organization_kind_for(name) if kind == "other" else kind)
    if not vocabulary.isdisjoint(_SUFFIX_KIND):
        for m in HEAD_LAST.finditer(text):
            if in_title_case_line(text, m.start()):
                continue  # "Ghana, US Discuss Lithium and Manganese Supply": a headline
            words = m.group("name").split()
            while words and (
                fold_word(words[0]) in _ARTICLES
                or fold_word(words[0]) in _HEAD_KIND
                or words[0].endswith(("-based", "'s", "’s"))
            ):
                words = words[1:]  # "The", "Perth-based", "Tanzania's": not part of the name
            if all(fold_word(w) in _GENERIC_NAME_WORDS for w in [*words, m.group("suffix")]):
                continue  # "Critical Minerals", "Battery Metals": a topic, not a company
            if (
                words
                and words[-1] in ("and", "&")
                and (len(words) < 3 or fold_word(words[-2]) in _SUFFIX_KIND)
            ):
                continue  # "TWIGG Exploration and Mining", not "Energy and Mining"
            before = text[max(0, m.start() - 5) : m.start()]
            if not words or (
                re.search(rf"\b{_OF}[ \t]+$|\b{_AND}[ \t]+$", before)
                and not any(_AFTER_COUNTRY.fullmatch(text, c.end, m.start()) for c in countries)
            ):
                # "... of Industry and Mineral Resources": the tail of a longer name; not
                # "Nordwind Metals of Germany and Sakura Metals Corp", a second company
                continue
            start = m.start("name") + m.group("name").index(words[0])
            add(start, text[start : m.end()], _SUFFIX_KIND[fold_word(m.group("suffix"))])
    for m in ACRONYM.finditer(text) if "(" in text else ():
        acronym = m.group("acronym")
        if acronym in known or acronym in _NOT_ORGANIZATION_ACRONYMS:
            continue
        long_form = _long_form(text, m.start(), acronym)
        if long_form is None:
            continue
        start, name = long_form
        kind = organization_kind_for(name)
        add(start, name, kind, acronym, end=m.end())
        definition = found[-1]
        for s in whole_word_starts(text, acronym, m.end()):
            found.append(
                PatternOrganization(
                    s,
                    s + len(acronym),
                    acronym,
                    definition.key,
                    name,
                    acronym,
                    kind,
                    definition.country_code,
                )
            )
    return resolve_overlaps(found, lambda o: 0 if o.acronym else 1)


_AFTER_COUNTRY = re.compile(rf"[ \t]+{_AND}[ \t]+")


def in_title_case_line(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = [w for w in WORD.findall(text[start : end if end >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _cut_at_person_or_title(
    name: str, countries: list[Match], offset: int, listed_starts: frozenset[int] = frozenset()
) -> str:
    """ "Ministry of Health, Chapman and Zambian Health Minister ...": the name stops
    before a given name, a title, a country adjective or a listed organisation ("Ministry
    of Energy and Minerals and Standard Chartered Bank"), and an enumeration cut short
    loses its dangling item."""
    words = list(WORD.finditer(name))
    for i, word in enumerate(words):
        folded = fold_word(word.group())
        adjective_of_a_title = any(
            c.start == offset + word.start() and c.entry.attributes.get("alias_kind") == "adjective"
            for c in countries
        ) and any(fold_word(w.group()) in TITLE_HEADS for w in words[i + 1 : i + 4])
        if word.start() > 0 and (
            folded in GIVEN_NAMES
            or folded in TITLE_HEADS
            or adjective_of_a_title
            or offset + word.start() in listed_starts
        ):
            name = name[: word.start()]
            name = _TRAILING_CONNECTOR.sub("", name.rstrip())
            name = re.sub(rf",[ \t]+{_CAPITALISED}$", "", name)
            break
    return _TRAILING_CONNECTOR.sub("", name)


def _country_near(countries: list[Match], start: int, end: int, text: str) -> str | None:
    """A country adjective just before ("Japanese Ministry") or named inside ("of Chile");
    not the country of the name before ("Kimura Trading do Japão e a Hanbit Metals")."""
    for c in countries:
        if start <= c.start < end:
            return c.key
        if start - 25 <= c.end <= start and not _ANOTHER_NAME.search(text, c.end, start):
            return c.key
    return None


# Between a country and a name: a conjunction or a comma starts another name.
_ANOTHER_NAME = re.compile(rf"[,;]|\s{_AND}\s")


_GENERIC_NAME_WORDS = frozenset(
    "critical strategic minerals mineral mining metals metal energy resources battery materials raw".split()
)
_ARTICLES = frozenset("the a an el la los las le les l' o os as un una des du its their".split())
_LONG_FORM_CONNECTORS = frozenset(
    "of for and on the de del la las los y e et des du da do dos das pour para l' d' au aux".split()
)


def _long_form(text: str, paren: int, acronym: str) -> tuple[int, str] | None:
    """The words an acronym in parentheses stands for.

    "Inter-American Development Bank (IDB)": capitalised words and connectors; French and
    Spanish names keep lowercase words after their head ("Institut national de recherche
    halieutique (INRH)"), so lowercase words are taken back to an organisation head word.
    """
    words = list(WORD.finditer(text, max(0, paren - 160), paren))
    picked: list[re.Match] = []
    for w in reversed(words):
        folded = fold_word(w.group())
        if w.group()[0].isupper() or folded in _LONG_FORM_CONNECTORS:
            picked.insert(0, w)
        else:
            break
        if len(picked) > 12:
            break
    while picked and not picked[0].group()[0].isupper():
        picked.pop(0)
    while picked and fold_word(picked[0].group()) in _ARTICLES:
        picked.pop(0)
    if len(picked) < 2 or picked[0].group()[0].upper() != acronym[0].upper():
        # a head word further back with lowercase words in between
        head = next(
            (
                w
                for w in reversed(words[-10:])
                if fold_word(w.group()) in _HEAD_KIND and w.group()[0] == acronym[0].upper()
            ),
            None,
        )
        if head is None or any(c in text[head.start() : paren] for c in ".;:()"):
            return None
        return head.start(), text[head.start() : paren].rstrip(" ,")
    initials = "".join(p.group()[0].upper() for p in picked if p.group()[0].isupper())
    letters = [c for c in acronym.upper() if c.isalpha()]
    if sum(1 for c in letters if c in initials) < len(letters) * 0.6:
        return None
    start = picked[0].start()
    return start, text[start : picked[-1].end()]


# --- money and quantities ----------------------------------------------------

# Signs and ISO codes written before (or after) the amount: "US$1.1 billion", "R$ 5 bilhões",
# "€2bn", "AUD 350 million", "1,2 Md€".
_CURRENCY_SIGNS = {
    "US$": "USD",
    "U.S.$": "USD",
    "$": "USD",
    "S$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "R$": "BRL",
    "NZ$": "NZD",
    "HK$": "HKD",
    "MX$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "RMB": "CNY",
}
_CURRENCY_CODES = (
    "USD EUR GBP JPY CNY CLP AUD CAD BRL CHF SEK NOK DKK KRW ZAR IDR PEN ARS COP MXN INR SGD HKD NZD"
).split()
# Currency names written after the amount, folded: "1,1 milliard de dollars", "500 millones de euros".
_CURRENCY_NAMES = {
    "dollars": "USD",
    "dollar": "USD",
    "dolares": "USD",
    "dolar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "reais": "BRL",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "ienes": "JPY",
    "pesos": "CLP",
    "soles": "PEN",
    "rupees": "INR",
    "roupies": "INR",
    "rupias": "INR",
    "pounds sterling": "GBP",
    "libras esterlinas": "GBP",
    "livres sterling": "GBP",
    "swiss francs": "CHF",
    "francs suisses": "CHF",
}
# Adjectives that say whose dollars or pesos ("dólares australianos", "Canadian dollars"), folded.
_CURRENCY_ADJECTIVES = {
    "australian": "AUD",
    "australianos": "AUD",
    "australiens": "AUD",
    "canadian": "CAD",
    "canadienses": "CAD",
    "canadenses": "CAD",
    "canadiens": "CAD",
    "singapore": "SGD",
    "de singapura": "SGD",
    "de singapur": "SGD",
    "de singapour": "SGD",
    "hong kong": "HKD",
    "de hong kong": "HKD",
    "new zealand": "NZD",
    "neozelandeses": "NZD",
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "estadounidenses": "USD",
    "americanos": "USD",
    "norte-americanos": "USD",
    "americains": "USD",
    "chilean": "CLP",
    "chilenos": "CLP",
    "argentine": "ARS",
    "argentinos": "ARS",
    "mexican": "MXN",
    "mexicanos": "MXN",
    "colombian": "COP",
    "colombianos": "COP",
}
# Scale words, folded ("mil millones" and "mil milhões" are 10^9; Indian crores are 10^7).
_SCALES = {
    "trillion": 1e12,
    "trillions": 1e12,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "thousand": 1e3,
    "mil millones": 1e9,
    "billones": 1e12,
    "billon": 1e12,
    "millones": 1e6,
    "millon": 1e6,
    "mil milhoes": 1e9,
    "bilhoes": 1e9,
    "bilhao": 1e9,
    "milhoes": 1e6,
    "milhao": 1e6,
    "bi": 1e9,  # Brazilian press: "R$ 5 bi", "US$ 300 mi"
    "mi": 1e6,
    "milliards": 1e9,
    "milliard": 1e9,
    "mil": 1e3,
    "mille": 1e3,
    "crores": 1e7,
    "crore": 1e7,
    "lakhs": 1e5,
    "lakh": 1e5,
}
# Abbreviations written straight after the figure: "$5m", "€2bn", "1,2 Md€", "300 M€".
_SHORT_SCALES = {
    "m": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "mn": 1e6,
    "k": 1e3,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
}
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_NUMBER_WORD = r"un|une|one|a|an|um|uma"  # only before a scale: "un milliard", "a billion"
_RANGE_JOIN = r"\s?[-–]\s?|\s(?:to|and|y|e|et|a)\s"


def _alternation(words) -> str:
    """Longest first, accents optional, so that the pattern reads folded and unfolded text."""
    return "|".join(sorted((_accent_free(w) for w in words), key=len, reverse=True))


def _accent_free(word: str) -> str:
    accents = {"a": "[aáàâã]", "e": "[eéèê]", "i": "[ií]", "o": "[oóôõ]", "u": "[uú]", "c": "[cç]"}
    return "".join(accents.get(c, re.escape(c)) for c in word).replace("\\ ", "\\s")


_SCALE = rf"(?i:{_alternation(_SCALES)})"
_SHORT_SCALE = r"(?:bn|mn|Mds|Md|Mrd|m|b|k|M)"
_SIGN = "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
_CODE = "|".join(_CURRENCY_CODES)
MONEY = re.compile(
    # sign or code first: "US$1.1 billion", "R$ 5 bilhões", "EUR 2bn", "$1-2 billion"
    rf"(?:(?<![A-Za-z])(?P<sign>{_SIGN})|(?<![A-Za-z])(?P<code>{_CODE})(?=[\s\u00a0]?\d))[\s\u00a0]?"
    rf"(?:(?P<a_low>{_NUMBER})(?:{_RANGE_JOIN})(?:{_SIGN})?)?"
    rf"(?:(?P<a_num>{_NUMBER})|(?P<a_word>{_NUMBER_WORD})(?=[\s\u00a0]+{_SCALE}))"
    rf"(?:[\s\u00a0]?(?P<a_scale>{_SCALE})(?![\w])|(?P<a_short>{_SHORT_SCALE})(?![\w]))?"
    # figure first, currency named after: "1,1 milliard de dollars", "entre 1.000 y 2.000 millones de dólares"
    rf"|(?<![\w.,$€£¥])(?:(?P<b_low>{_NUMBER})(?:{_RANGE_JOIN}))?"
    rf"(?:(?P<b_num>{_NUMBER})|(?P<b_word>(?i:{_NUMBER_WORD}))(?=[\s\u00a0]+{_SCALE}))"
    rf"(?:[\s\u00a0]?(?P<b_scale>{_SCALE})(?![\w])|[\s\u00a0]?(?P<b_short>{_SHORT_SCALE})(?![\w]))?"
    rf"(?:[\s\u00a0]?(?:(?P<b_sign>€|\$|£)|(?P<b_code>{_CODE})(?![A-Za-z])"
    rf"|[\s\u00a0]?(?:(?i:de|of)\s|(?i:d)['’])?"
    rf"(?:(?P<b_adjective_before>(?i:{_alternation(k for k in _CURRENCY_ADJECTIVES if not k.startswith('de '))}))\s)?"
    rf"(?P<b_name>(?i:{_alternation(_CURRENCY_NAMES)}))(?![\w])"
    rf"(?:\s(?P<b_adjective_after>(?i:{_alternation(_CURRENCY_ADJECTIVES)}))(?![\w]))?))"
)
_UNITS = {
    "metric tonnes": ("t", 1),
    "metric tons": ("t", 1),
    "tonnes metriques": ("t", 1),
    "toneladas metricas": ("t", 1),
    "tonnes": ("t", 1),
    "tonne": ("t", 1),
    "tons": ("t", 1),
    "ton": ("t", 1),
    "toneladas": ("t", 1),
    "tonelada": ("t", 1),
    "t": ("t", 1),
    "mt": ("t", 1),  # lowercase "mt": metric tons; "Mt" is a megatonne
    "tpa": ("t/year", 1),
    "tpy": ("t/year", 1),
    "kilotonnes": ("t", 1e3),
    "kilotons": ("t", 1e3),
    "kt": ("t", 1e3),
    "ktpa": ("t/year", 1e3),
    "Mt": ("t", 1e6),
    "Mtpa": ("t/year", 1e6),
    "mtpa": ("t/year", 1e6),
    "GWh": ("GWh", 1),
    "MWh": ("MWh", 1),
    "GW": ("GW", 1),
    "MW": ("MW", 1),
}
_PER_YEAR = (
    r"(?:(?i:per year|a year|per annum|annually|each year|every year|per an|par an|par année"
    r"|al año|al ano|por año|por ano|ao ano|anuales|anuais|anual|annuelles|annuels)"
    r"|/(?:year|yr|y|a|an|año|ano|annum))(?![\w])(?!\s+(?:ago|earlier|later|before|after))"
)
_QUANTITY_SCALE = (
    r"(?i:million|millions|millones|millon|millón|milhões|milhoes|milhão|milhao|thousand|mil)"
)
QUANTITY = re.compile(
    rf"(?<![\w.,$€£¥])(?:(?P<low>{_NUMBER})(?:{_RANGE_JOIN}))?(?P<num>{_NUMBER})"
    rf"(?:[\s\u00a0]?(?P<scale>{_QUANTITY_SCALE})(?:[\s\u00a0](?:de\s|d['’]))?)?[\s\u00a0]?"
    rf"(?P<unit>{'|'.join(_accent_free(u) if u.islower() and ' ' in u else re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))})(?![\w])"
    # "50,000 tonnes per year", "120,000 tons of lithium carbonate equivalent a year"
    rf"(?P<per>[\s\u00a0]?{_PER_YEAR}"
    rf"|[\s\u00a0](?:of|de|do|da|du|del)[\s\u00a0][^\d\n.,;:()]{{1,45}}?[\s\u00a0]{_PER_YEAR}"
    rf"|[\s\u00a0]d['’][^\d\n.,;:()]{{1,45}}?[\s\u00a0]{_PER_YEAR})?"
)


def _number(raw: str) -> float:
    """ "50,000" → 50000; "1.1" → 1.1; "1.100,5" → 1100.5 (a separator before three digits groups thousands)."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", raw):
        return float(re.sub(r"[ ,.]", "", raw))
    grouped = re.fullmatch(r"(\d{1,3}(?:[ ,.]\d{3})+)[.,](\d+)", raw)
    if grouped:
        return float(re.sub(r"[ ,.]", "", grouped[1]) + "." + grouped[2])
    return float(raw.replace(",", "."))


def _amount_text(amount: float) -> str:
    """Whole amounts without a decimal point ("1100000000"), others as written ("16.5")."""
    return str(round(amount)) if amount == round(amount) else f"{amount:.6g}"


_MONEY_HINTS = frozenset(
    {w.lower() for w in _CURRENCY_CODES}
    | {fold_word(w) for name in _CURRENCY_NAMES for w in name.split()}
    | {"rmb", "rs", "crore", "crores"}
)
_UNIT_WORDS = frozenset(
    "tonnes tonne tons ton toneladas tonelada t kilotonnes kilotons kt mt tpa tpy ktpa mtpa "
    "gwh mwh gw mw".split()
)
_RANGE_OPENERS = re.compile(
    r"(?:between|entre)\s+(?:the\s+|los\s+|las\s+|os\s+|as\s+|les\s+)?$", re.I
)


def find_values(text: str, tokens: Tokens) -> list[Value]:
    """Money and quantities; the patterns run only around a written currency or unit.

    Amounts are normalised: money in units of the currency, quantities in metric tonnes
    (kt ×1,000, Mt ×1,000,000); a range ("between 20,000 and 30,000 t", "$1-2 billion")
    keeps its upper bound in the `amount_high` attribute.
    """
    values: list[Value] = []
    for lo, hi in _windows(text, tokens, _MONEY_HINTS, _MONEY_SIGNS, before=70, after=45):
        for m in MONEY.finditer(text, lo, hi):
            value = _money(text, m)
            if value is not None:
                values.append(value)
    taken = [(v.start, v.end) for v in values]
    for lo, hi in _windows(text, tokens, _UNIT_WORDS, "", before=60, after=80):
        for m in QUANTITY.finditer(text, lo, hi):
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue
            values.append(_quantity(text, m))
    return sorted(values, key=lambda v: v.start)


_MONEY_SIGNS = "$€£¥₹"


@cache
def _characters(chars: str) -> re.Pattern:
    """Any one of `chars`: the regex engine finds them faster than a loop over the text."""
    return re.compile(f"[{re.escape(chars)}]")


def _windows(
    text: str, tokens: Tokens, words: frozenset[str], signs: str, before: int, after: int
) -> list[tuple[int, int]]:
    """Stretches of text around each currency or unit word (and sign): the only places a
    figure can be, so the patterns need not try every number of the document."""
    if tokens.vocabulary.isdisjoint(words) and not any(c in text for c in signs):
        return []
    anchors = [tokens.starts[i] for i in tokens.positions(words)]
    anchors += [m.start() for m in _characters(signs).finditer(text)] if signs else []
    merged: list[tuple[int, int]] = []
    for at in sorted(anchors):
        lo, hi = max(0, at - before), min(len(text), at + after)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


_QUANTITY_SCALES = {
    "million": 1e6,
    "millions": 1e6,
    "millones": 1e6,
    "millon": 1e6,
    "milhoes": 1e6,
    "milhao": 1e6,
    "thousand": 1e3,
    "mil": 1e3,
}


def _quantity(text: str, m: re.Match) -> Value:
    unit, factor = _UNITS.get(m.group("unit")) or _UNITS[_folded_words(m.group("unit"))]
    if m.group("per") and unit == "t":
        unit = "t/year"
    scale = _QUANTITY_SCALES[fold_word(m.group("scale"))] if m.group("scale") else 1.0
    amount = _number(m.group("num")) * scale * factor
    start, low = _range_low(text, m, "low", "num", scale * factor, amount)
    attributes = {"amount": _amount_text(low if low is not None else amount), "unit": unit}
    if low is not None:
        attributes["amount_high"] = _amount_text(amount)
    return Value(
        "quantity",
        start,
        m.end(),
        text[start : m.end()],
        f"{attributes['amount']} {unit}",
        attributes,
    )


def _money(text: str, m: re.Match) -> Value | None:
    side = "a" if m.group("sign") or m.group("code") else "b"
    scale_word, short = m.group(f"{side}_scale"), m.group(f"{side}_short")
    if m.group(f"{side}_word") and not scale_word:
        return None  # "a dollar", "one euro": not an amount
    if side == "a":
        currency = _CURRENCY_SIGNS.get(m.group("sign") or "") or m.group("code")
    elif m.group("b_sign") or m.group("b_code"):
        currency = _CURRENCY_SIGNS.get(m.group("b_sign") or "") or m.group("b_code")
    else:
        currency = _CURRENCY_NAMES[_folded_words(m.group("b_name"))]
        for adjective in (m.group("b_adjective_before"), m.group("b_adjective_after")):
            if adjective and currency in ("USD", "CLP"):
                currency = _CURRENCY_ADJECTIVES.get(_folded_words(adjective), currency)
    if short and short not in ("M", "Md", "Mds", "Mrd") and short.lower() != short:
        return None
    if short and side == "b" and not (m.group("b_sign") or m.group("b_code")):
        return None  # "5 m dollars" is not written; "5 m" is a length
    scale = _SCALES[_folded_words(scale_word)] if scale_word else 1.0
    if short:
        scale = _SHORT_SCALES[short.lower()]
    number = m.group(f"{side}_num")
    amount = (_number(number) if number else 1.0) * scale
    start, low = _range_low(text, m, f"{side}_low", f"{side}_num", scale, amount)
    if side == "a":
        start = m.start()
    attributes = {"currency": currency, "amount": _amount_text(low if low is not None else amount)}
    if low is not None:
        attributes["amount_high"] = _amount_text(amount)
    key_amount = low if low is not None else amount
    return Value(
        "money",
        start,
        m.end(),
        text[start : m.end()],
        f"{currency} {round(key_amount)}",
        attributes,
    )


def _range_low(
    text: str, m: re.Match, low_group: str, high_group: str, scale: float, high: float
) -> tuple[int, float | None]:
    """The lower bound of "20,000-30,000 t" or "entre 1.000 y 2.000 millones", sharing the
    upper bound's scale; "and"/"y"/"e"/"et" make a range only after "between"/"entre",
    and a year is never a lower bound ("in 2024 to 3 million")."""
    low_text = m.group(low_group)
    if not low_text:
        return m.start(), None
    number_start = m.start(high_group) if m.group(high_group) else m.start(high_group[:2] + "word")
    start = m.start(low_group)
    joiner = text[m.end(low_group) : number_start].strip().lower().rstrip("$€£")
    low = _number(low_text) * scale
    is_year = re.fullmatch(r"(?:19|20)\d\d", low_text) is not None
    needs_opener = joiner in ("and", "y", "e", "et")
    if (
        is_year
        or not low < high
        or (needs_opener and not _RANGE_OPENERS.search(text, max(0, start - 14), start))
    ):
        return (m.start() if high_group.startswith("a_") else number_start), None
    return (m.start() if high_group.startswith("a_") else start), low


def _folded_words(words: str) -> str:
    return " ".join(fold_word(w) for w in words.split())
