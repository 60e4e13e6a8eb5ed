"""Sentences and word tokens with character offsets into the document text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from etl.keys import fold

# A sentence ends at . ! ? (and a closing quote or bracket) before whitespace and a
# capital, digit or opening quote; or at a line break after a full stop, a colon, or
# before a capitalised line (a headline, a caption, a paragraph); or at a blank line.
# A hard-wrapped line ("... el desarrollo de\nminerales") does not end a sentence.
# Every ending starts at a space, a line break or a closing quote or bracket, after a
# . ! ? or before a line break: the lookarounds in front let the regex engine skip
# every other position at once.
_SENTENCE_END = re.compile(
    r"""(?=[\s"”»’)\]])(?:(?<=[.!?])|(?=[ \t]*\n))(?:"""
    r"""(?<=[.!?])["”»’)\]]*(?=\s+["“«¿¡(]?[A-ZÀ-ÖØ-Þ0-9])"""  # punctuation
    r"|\n[ \t]*\n\s*"  # blank line
    r"|(?<=[.!?:;\"”»])[ \t]*\n"  # line ending in punctuation
    r"|[ \t]*\n(?=[ \t]*[A-ZÀ-ÖØ-Þ\"“«¿¡])"  # a line ending before a capitalised line
    r"|[ \t]*\n(?=[ \t]*[-•*–·][ \t])"  # a bulleted line
    r")"
)
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sr sra jr gen gov sen rep prof vs no nos inc ltd co corp dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s d.c e.u ee.uu sra dra av".split()
)
# Words keep inner hyphens, dots and apostrophes ("U.S", "O'Brien", "aujourd'hui"), but
# not a possessive ("Bolivia's" is "Bolivia" + "s") nor a French elision ("l'Inde" is
# "l'" + "Inde", "d'accord" is "d'" + "accord").
WORD = re.compile(
    r"(?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=\w)"
    r"|\w+(?:[-.]\w+|['’](?![sS]\b)\w+)*",
    re.UNICODE,
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


class Tokens:
    """The words of a text as parallel lists: offsets, and the folded word.

    Words are read off the folded text (same length as the original), so they are
    lowercase and accent-free already; lists, not objects, because a document has
    hundreds of words and extraction must take about a millisecond.
    """

    __slots__ = ("starts", "ends", "words", "vocabulary", "_positions")

    def __init__(self, folded_text: str):
        matches = list(WORD.finditer(folded_text))
        self.starts: list[int] = list(map(re.Match.start, matches))
        self.ends: list[int] = list(map(re.Match.end, matches))
        self.words: list[str] = list(map(re.Match.group, matches))
        self.vocabulary: frozenset[str] = frozenset(self.words)
        self._positions: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def between(self, start: int, end: int) -> list[str]:
        """The words that start in [start, end)."""
        return self.words[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def positions(self, *wanted: Iterable[str]) -> list[int]:
        """The indexes of the words in any of `wanted`, in text order.

        The word index is built once per document, on first use: the phrase lists and
        gazetteers then look up only the few words they know instead of scanning all.
        """
        if self._positions is None:
            self._positions = {}
            for i, word in enumerate(self.words):
                self._positions.setdefault(word, []).append(i)
        positions = self._positions
        present = set().union(*(self.vocabulary.intersection(words) for words in wanted))
        found = [i for word in present for i in positions[word]]
        found.sort()
        return found


def split_sentences(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.start() if match.group().strip() == "" else match.end()
        if match.group() == "" or match.group()[0] in '"”»’)]':
            cut = match.end()
        if text[cut - 1 : cut] == "." and _ends_with_abbreviation(text, start, cut):
            continue
        _append(sentences, text, start, cut)
        start = match.end()
    _append(sentences, text, start, len(text))
    return tuple(sentences)


def _ends_with_abbreviation(text: str, start: int, cut: int) -> bool:
    word_start = text.rfind(" ", start, cut - 1) + 1
    word = text[max(word_start, start) : cut - 1].lstrip('("“').casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """A word as extraction compares it: the same folding as the document's folded text.

    Cached: the same words (names, titles) are folded again and again.
    """
    return fold_same_length(word)


def whole_word_starts(
    text: str, word: str, start: int = 0, end: int | None = None, *, joiners: str = ""
) -> Iterator[int]:
    """Where `word` occurs in text[start:end] with no letter, digit, underscore or one of
    `joiners` right before or after it inside that span, left to right, not overlapping:
    what `(?<![\\w<joiners>])word(?![\\w<joiners>])` finds there, without compiling
    a pattern for each word (names and acronyms differ from document to document)."""
    if not word:
        raise ValueError("an empty word")
    end = len(text) if end is None else end
    i = start
    while (at := text.find(word, i, end)) >= 0:
        after = at + len(word)
        if (at == start or not _joins(text[at - 1], joiners)) and (
            after == end or not _joins(text[after], joiners)
        ):
            yield at
            i = after
        else:
            i = at + 1


def _joins(char: str, joiners: str) -> bool:
    return char.isalnum() or char == "_" or char in joiners


class SentenceIndex:
    """Which sentence a character offset falls in."""

    def __init__(self, sentences: tuple[Sentence, ...]):
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def index_of(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def of(self, offset: int) -> Sentence:
        return self.sentences[self.index_of(offset)]


def _fold_char(char: str) -> str:
    folded = fold(char)[:1] or char
    if len(char.lower()) != 1:
        return char
    return "'" if folded == "’" else folded


# Latin letters with accents, and typographic apostrophes, to their plain forms.
_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0xC0, 0x250)}
_FOLD_TABLE[ord("’")] = "'"
# The characters the table maps: a document has few of them, and substituting only
# those is several times faster than str.translate looking up every character.
_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, sorted(_FOLD_TABLE)))) + "]")


def _fold_chars(text: str) -> str:
    return _FOLDABLE.sub(lambda m: _FOLD_TABLE[ord(m.group())], text)


def fold_same_length(text: str) -> str:
    """Lowercase without accents, one character for one: offsets stay valid."""
    if text.isascii():
        return text.lower()
    folded = _fold_chars(text).lower()
    if len(folded) != len(text):  # a rare letter whose lowercase is two characters
        folded = "".join(
            _fold_char(c) if len(c.lower()) != 1 else c.lower() for c in _fold_chars(text)
        )
    return folded


class PhraseIndex:
    """Fixed phrases (folded words) found in a document by one pass over its words.

    Each phrase is indexed by its longest word ("the agreement" by "agreement"), so common
    words such as "the" or "la" cost nothing; neighbours are checked only around a hit.
    """

    def __init__(self, phrases: dict[str, str]):
        """`phrases` maps each phrase to a label (e.g. the agreement kind it names)."""
        # (anchor's place in the phrase, the phrase's words) → (rank, label): the first
        # phrase listed wins among those that fold to the same words.
        self._phrases: dict[tuple[int, tuple[str, ...]], tuple[int, str]] = {}
        # anchor word → the phrase lengths around it, longest first, each with the places
        # the anchor takes in phrases of that length: one lookup per shape, not per phrase.
        shapes: dict[str, dict[int, list[int]]] = {}
        for rank, (phrase, label) in enumerate(phrases.items()):
            words = tuple(WORD.findall(fold_same_length(phrase)))
            if words:
                anchor = max(range(len(words)), key=lambda i: (len(words[i]), i))
                self._phrases.setdefault((anchor, words), (rank, label))
                offsets = shapes.setdefault(words[anchor], {}).setdefault(len(words), [])
                if anchor not in offsets:
                    offsets.append(anchor)
        self._shapes = {
            word: sorted(by_length.items(), reverse=True) for word, by_length in shapes.items()
        }
        self._anchors = frozenset(self._shapes)

    def find(self, tokens: Tokens) -> list[tuple[int, int, str]]:
        """(start, end, label) of each match, left to right; overlapping matches keep the longest."""
        words = tokens.words
        hits: list[tuple[int, int, str]] = []  # (first word, last word, label)
        for i in tokens.positions(self._anchors):
            for length, offsets in self._shapes[words[i]]:
                # Of the phrases of this length found here, the one listed first.
                best: tuple[int, int, str] | None = None
                for anchor in offsets:
                    first = i - anchor
                    if first < 0 or first + length > len(words):
                        continue
                    known = self._phrases.get((anchor, tuple(words[first : first + length])))
                    if known is not None and (best is None or known[0] < best[0]):
                        best = (known[0], first, known[1])
                if best is not None:
                    hits.append((best[1], best[1] + length - 1, best[2]))
                    break
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        found: list[tuple[int, int, str]] = []
        next_free = 0
        for first, last, label in hits:
            if first >= next_free:
                found.append((tokens.starts[first], tokens.ends[last], label))
                next_free = last + 1
        return found
