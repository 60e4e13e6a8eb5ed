"""Deterministic keys shared by the extractor, the gold set and the warehouse.

Keys are built from the entity's name alone, so the same person or organisation
gets the same id on any rebuild, on any machine, in any language the name is
written with or without accents.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters Unicode does not decompose into a base letter and an accent: "Aydın",
# "Jørgensen", "Łukasz" would otherwise lose them.
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}
)


def fold(text: str) -> str:
    """Lowercase and strip accents: "Pérez" → "perez", "Aydın" → "aydin"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slug(text: str) -> str:
    """ "Francisco Pérez Mackenna" → "francisco-perez-mackenna"."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def person_key(full_name: str) -> str:
    return slug(full_name)


def organization_key(name: str) -> str:
    """ "U.S. Department of the Interior" and "US Department of the Interior" are one key."""
    return slug(name.replace(".", ""))
