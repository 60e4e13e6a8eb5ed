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

from etl import reference
from etl.extract.gazetteer import Match, resolve_overlaps
from etl.extract.lexicon import (
    NOT_NAME_WORDS,
    ORGANIZATION_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from etl.extract.text import WORD, Tokens, fold_word
from etl.keys import organization_key, person_key

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_WORD = rf"(?:[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}{_LOWER}][{_LOWER}]+)?|[{_UPPER}]\.)"
_PARTICLE = r"(?:de|del|de la|de los|da|das|do|dos|van|von|der|den|di|du|bin|ibn|al|el|le)"
NAME_SEQUENCE = re.compile(
    rf"(?<![\w.]){_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD}){{0,6}}(?![\w])"
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
    found = []
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
        if any(fold_word(w.group()) in ORGANIZATION_WORDS for w in words):
            continue
        candidates.append((words[0].start(), words[-1].end(), words))

    persons: dict[str, Person] = {}
    short_forms: list[tuple[int, int, str]] = []
    for start, end, words in candidates:
        if len(words) < 2:
            short_forms.append((start, end, text[start:end]))
            continue
        first = fold_word(words[0].group())
        credible = first in GIVEN_NAMES or _surname_used_alone(text, words[-1], end)
        if not credible and _PREPOSITION_BEFORE.search(folded, max(0, start - 6), start):
            continue  # "ministro de Energía y Minas": the name of a portfolio, not a person
        sentence = sentence_of(start)
        title, title_start = _title_before(text, folded, sentence.start, start, covered)
        if title is None:
            title, title_start = _title_after(text, folded, end, sentence.end)
        if title is None and not credible:
            continue
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

    for start, name in _byline_names(text):
        key = person_key(name)
        person = persons.setdefault(key, Person(key=key, name=name, title="Journalist"))
        if not any(span[0] == start for span in person.spans):
            person.spans.append((start, start + len(name), name, 0.8))

    _resolve_short_forms(persons, short_forms, text, folded, entity_matches)
    return list(persons.values())


def _surname_used_alone(text: str, surname: re.Match, after: int) -> bool:
    """ "Katrin Vollmer ... Vollmer said": a name the text later quotes by its last word."""
    word = surname.group()
    if len(word) < 3 or fold_word(word) in NOT_NAME_WORDS:
        return False
    for later in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text[after:]):
        start, end = after + later.start(), after + later.end()
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
    for start, end, surface in short_forms:
        person = by_surname.get(" ".join(fold_word(w) for w in surface.split()))
        if person is not None and not any(s[0] == start for s in person.spans):
            person.spans.append((start, end, surface, 0.7))


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
HEAD_FIRST = re.compile(
    rf"\b(?P<head>{'|'.join(w for words in _HEADS.values() for w in words.split())})"
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
    rf"(?<![\w'’-])(?P<name>(?:{_CAPITALISED}[ \t]+){{1,4}})"
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
    countries = [m for m in matches if m.kind == "country"]
    found: list[PatternOrganization] = []

    def add(
        start: int, name: str, kind: str, acronym: str | None = None, end: int | None = None
    ) -> None:
        country = _country_near(countries, start, start + len(name))
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
            name = _cut_at_person_or_title(m.group(), countries, m.start())
            kind = _HEAD_KIND[fold_word(m.group("head"))]
            add(m.start(), name, organization_kind_for(name) if kind == "other" else kind)
    if not vocabulary.isdisjoint(_SUFFIX_KIND):
        for m in HEAD_LAST.finditer(text):
            if _in_title_case_line(text, m.start()):
                continue  # "Ghana, US Discuss Lithium and Manganese Supply": a headline
            words = m.group("name").split()
            while words and (
                fold_word(words[0]) in _ARTICLES
                or fold_word(words[0]) in _HEAD_KIND
                or words[0].endswith("-based")
            ):
                words = words[1:]  # "The", "Perth-based": not part of the name
            if all(fold_word(w) in _GENERIC_NAME_WORDS for w in [*words, m.group("suffix")]):
                continue  # "Critical Minerals", "Battery Metals": a topic, not a company
            before = text[max(0, m.start() - 5) : m.start()]
            if not words or re.search(rf"\b{_OF}[ \t]+$|\b{_AND}[ \t]+$", before):
                continue  # "... of Industry and Mineral Resources": the tail of a longer name
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
        for later in re.finditer(rf"(?<![\w]){re.escape(acronym)}(?![\w])", text[m.end() :]):
            s = m.end() + later.start()
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


def _in_title_case_line(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = [w for w in WORD.findall(text[start : end if end >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _cut_at_person_or_title(name: str, countries: list[Match], offset: int) -> str:
    """ "Ministry of Health, Chapman and Zambian Health Minister ...": the name stops
    before a given name, a title or a country adjective, and an enumeration cut short
    loses its dangling item."""
    words = list(WORD.finditer(name))
    for i, word in enumerate(words):
        folded = fold_word(word.group())
        adjective_of_a_title = any(
            c.start == offset + word.start() and c.entry.attributes.get("alias_kind") == "adjective"
            for c in countries
        ) and any(fold_word(w.group()) in TITLE_HEADS for w in words[i + 1 : i + 4])
        if word.start() > 0 and (
            folded in GIVEN_NAMES or folded in TITLE_HEADS or adjective_of_a_title
        ):
            name = name[: word.start()]
            name = _TRAILING_CONNECTOR.sub("", name.rstrip())
            name = re.sub(rf",[ \t]+{_CAPITALISED}$", "", name)
            break
    return _TRAILING_CONNECTOR.sub("", name)


def _country_near(countries: list[Match], start: int, end: int) -> str | None:
    """A country adjective just before ("Japanese Ministry") or named inside ("of Chile")."""
    for c in countries:
        if start - 25 <= c.end <= start or start <= c.start < end:
            return c.key
    return None


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

_CURRENCIES = {
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "S$": "SGD",
    "A$": "AUD",
    "C$": "CAD",
    "R$": "BRL",
    "NZ$": "NZD",
    "HK$": "HKD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "CNY": "CNY",
    "CLP": "CLP",
}
_MULTIPLIERS = {
    "trillion": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mil millones": 1e9,
    "millones": 1e6,
    "millon": 1e6,
    "millón": 1e6,
    "milhões": 1e6,
    "milhoes": 1e6,
    "bilhões": 1e9,
    "bilhoes": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "millions": 1e6,
    "mil": 1e3,
}
_NUMBER = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MULT = "|".join(sorted((re.escape(k) for k in _MULTIPLIERS), key=len, reverse=True))
MONEY = re.compile(
    rf"(?P<cur>US\$|NZ\$|HK\$|S\$|A\$|C\$|R\$|USD|EUR|GBP|JPY|CNY|CLP|\$|€|£|¥)[ \t\u00a0]?(?P<num>{_NUMBER})(?:[ \t\u00a0]?(?P<mult>{_MULT})\b)?"
    rf"|(?P<num2>{_NUMBER})[ \t\u00a0](?P<mult2>{_MULT})?[ \t\u00a0]?(?:de[ \t])?(?P<word>dollars|dólares|dolares|euros|reais|yuan|yen|pesos)\b"
)
_WORD_CURRENCIES = {
    "dollars": "USD",
    "dólares": "USD",
    "dolares": "USD",
    "euros": "EUR",
    "reais": "BRL",
    "yuan": "CNY",
    "yen": "JPY",
    "pesos": "CLP",
}
QUANTITY = re.compile(
    rf"(?P<num>{_NUMBER})[ \t\u00a0]?(?P<mult>million|millones|milhões|millions)?[ \t\u00a0]?(?P<unit>metric tonnes|metric tons|tonnes métriques|tonnes|tons|toneladas métricas|toneladas|kilotonnes|kt|Mt|tpa|GWh|MWh|GW|MW|t)\b(?P<per>[ \t]?(?:per year|a year|/year|per annum|annually|al año|por año|anuales|por ano|ao ano|par an))?"
)
_UNITS = {
    "metric tonnes": "t",
    "metric tons": "t",
    "tonnes métriques": "t",
    "tonnes": "t",
    "tons": "t",
    "toneladas métricas": "t",
    "toneladas": "t",
    "t": "t",
    "kilotonnes": "kt",
    "kt": "kt",
    "Mt": "Mt",
    "tpa": "t",
    "GWh": "GWh",
    "MWh": "MWh",
    "GW": "GW",
    "MW": "MW",
}


def _number(raw: str) -> float:
    """ "50,000" → 50000; "1.1" → 1.1; "1.100,5" → 1100.5 (a separator before three digits groups thousands)."""
    raw = raw.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", raw):
        return float(re.sub(r"[ ,.]", "", raw))
    grouped = re.fullmatch(r"(\d{1,3}(?:[ ,.]\d{3})+)[.,](\d+)", raw)
    if grouped:
        return float(re.sub(r"[ ,.]", "", grouped[1]) + "." + grouped[2])
    return float(raw.replace(",", "."))


_CURRENCY_WORDS = frozenset(
    "usd eur gbp jpy cny clp dollars dolares euros reais yuan yen pesos".split()
)
_UNIT_WORDS = frozenset("tonnes tons toneladas t kilotonnes kt mt tpa gwh mwh gw mw".split())


def find_values(text: str, tokens: Tokens) -> list[Value]:
    """Money and quantities; the patterns run only when a currency or a unit is written."""
    values: list[Value] = []
    has_money = not tokens.vocabulary.isdisjoint(_CURRENCY_WORDS) or any(c in text for c in "$€£¥")
    has_quantity = not tokens.vocabulary.isdisjoint(_UNIT_WORDS)
    for m in MONEY.finditer(text) if has_money else ():
        if m.group("cur"):
            currency, num, mult = _CURRENCIES[m.group("cur")], m.group("num"), m.group("mult")
        else:
            currency, num, mult = (
                _WORD_CURRENCIES[m.group("word").lower()],
                m.group("num2"),
                m.group("mult2"),
            )
        amount = _number(num) * _MULTIPLIERS.get((mult or "").lower(), 1)
        values.append(
            Value(
                "money",
                m.start(),
                m.end(),
                m.group(),
                f"{currency} {round(amount)}",
                {"currency": currency, "amount": str(round(amount))},
            )
        )
    taken = [(v.start, v.end) for v in values]
    for m in QUANTITY.finditer(text) if has_quantity else ():
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        unit = _UNITS[m.group("unit")] + (
            "/year" if m.group("per") or m.group("unit") == "tpa" else ""
        )
        amount = _number(m.group("num")) * (1e6 if m.group("mult") else 1)
        amount_text = f"{amount:g}" if amount < 1e15 else str(amount)
        values.append(
            Value(
                "quantity",
                m.start(),
                m.end(),
                m.group(),
                f"{round(amount) if amount == int(amount) else amount_text} {unit}",
                {"amount": amount_text, "unit": unit},
            )
        )
    return values
