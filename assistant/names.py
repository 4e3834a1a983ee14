"""Names as people type them: case, diacritics, transliterations, typos, first names and roles.

:func:`resolve` first asks :func:`assistant.people.match` (exact surnames, and
its rule that a different first name never matches). Only when that finds no
one does it try, in order:

1. the name folded — case, diacritics and hyphens dropped, common
   transliteration pairs (y/i, w/v, ff/f …) merged: "Zelenskyy", "Peskow",
   "Castaneda", "Holtz Eakin";
2. a first name alone ("Jens", "Lena") when one speaker has it;
3. a role ("the foreign minister", "the Kremlin spokesman", "the EU's top
   diplomat") against the roles and name forms articles give speakers: every
   word of the role must be there, up to a few interchangeable ones;
4. a typo: the surname within a small edit distance of one speaker's surname
   ("Stoltenburg", "Marwik"). One close candidate is answered with a note;
   several are offered as "did you mean …?" instead of guessed.

A role no stored role holds in full is looked for in the articles' own words
(:func:`by_role_in_text`): "the mayor of the islands".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.people import SpeakerInfo, match
from ingest.lexicon import ROLE_NOUNS
from ingest.text import sentences

# Words of a role phrase that carry no identity.
_FILLER = frozenset(["the", "a", "an", "of", "s", "for", "to", "in", "at", "on", "and", "from", "who", "is"])
# Titles dropped from a typed name before it is compared.
_TITLES = frozenset(["mr", "mrs", "ms", "dr", "captain", "capt", "sen", "rep", "gov", "president", "prof"])
# Interchangeable words of roles.
_SAME = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "top": "high",
    "senior": "high",
    "chief": "head",
    "ceo": "chief executive",
    "pm": "prime minister",
    "eu": "european union",
}
# Spelling pairs that transliterations of one name differ by.
_TRANSLIT = [
    ("yy", "i"),
    ("y", "i"),
    ("w", "v"),
    ("ff", "f"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("ou", "u"),
]


@dataclass(slots=True)
class Resolution:
    """Who a typed name is: canonical speakers, whether by name, and a note or suggestions."""

    names: list[str]
    by_name: bool = True
    note: str = ""
    suggestions: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case, no diacritics, hyphens and apostrophes as spaces.

    >>> fold("Jorge Castañeda"), fold("Holtz-Eakin"), fold("EU's")
    ('jorge castaneda', 'holtz eakin', 'eu s')
    """
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def _skeleton(word: str) -> str:
    """A word with transliteration differences and doubled letters merged.

    >>> _skeleton("zelenskyy") == _skeleton("zelenskiy"), _skeleton("borel") == _skeleton("borrell")
    (True, True)
    """
    for a, b in _TRANSLIT:
        word = word.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", word)


def distance(a: str, b: str) -> int:
    """Levenshtein distance.

    >>> distance("stoltenburg", "stoltenberg"), distance("marwik", "marwick")
    (1, 1)
    """
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@functools.lru_cache(maxsize=65536)  # the same speakers' names are compared at every question
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in fold(name).split() if t not in _TITLES and t not in _FILLER)


@functools.lru_cache(maxsize=65536)
def _role_words(text: str) -> tuple[str, ...]:
    words = " ".join(_SAME.get(w, w) for w in fold(text).split() if w not in _FILLER)
    return tuple(_SAME.get(w, w) for w in words.split())


def _same_word(a: str, b: str) -> bool:
    """One role word for another: equal, plural or adjective ("drovnian"/"drovnia", "islands")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def by_role(who: str, speakers: dict[str, SpeakerInfo]) -> list[str]:
    """Speakers whose roles or name forms hold every word of the role ``who`` describes.

    When several do, those whose role says least besides win: "the foreign minister" is
    the "Foreign Minister", not a "former Mexican foreign minister who is a critic of …".
    """
    wanted = _role_words(who)
    if not wanted:
        return []
    extra: dict[str, int] = {}
    for name, info in speakers.items():
        for described in (*info.roles, *info.forms):
            have = [h for h in _role_words(described) if h not in _tokens(name)]
            if have and all(any(_same_word(w, h) for h in have) for w in wanted):
                extra[name] = min(extra.get(name, 99), len(have) - len(wanted))
    fewest = min(extra.values(), default=0)
    return [n for n, e in extra.items() if e <= fewest + 1]


def by_role_in_text(who: str, speakers: dict[str, SpeakerInfo], texts: dict[str, str]) -> list[str]:
    """Speakers whose articles describe them with the role ``who`` names, when their stored role
    holds only its role noun: "the mayor of the islands" is "Jonas Ekberg, the mayor of the Esker
    islands", "the ferry captain" is "Captain Ilse Moravec, who commands the ferry".

    The other words of the role must stand within a few words of the role noun, in a
    sentence naming the speaker.
    """
    wanted = _role_words(who)
    nouns = [w for w in wanted if w in ROLE_NOUNS]
    rest = [w for w in wanted if w not in ROLE_NOUNS]
    if not nouns or not rest:
        return []
    found = []
    for name, info in speakers.items():
        described = [w for r in (*info.roles, *info.forms) for w in _role_words(r)]
        if not all(any(_same_word(n, d) for d in described) for n in nouns):
            continue
        surname = _tokens(name)[-1] if _tokens(name) else ""
        for doc_id in info.articles:
            text = texts.get(doc_id, "")
            naming = (fold(s.of(text)) for s in sentences(text))
            if any(_near(_role_words(s), nouns, rest) for s in naming if surname in s):
                found.append(name)
                break
    return found


def _near(words: Sequence[str], nouns: list[str], rest: list[str], window: int = 6) -> bool:
    """Whether every word of ``rest`` stands within ``window`` words of a role noun in ``words``."""
    at = [i for i, w in enumerate(words) if any(_same_word(n, w) for n in nouns)]
    return any(
        all(any(_same_word(r, w) for w in words[max(0, i - window) : i + window + 1]) for r in rest)
        for i in at
    )


def is_role(who: str) -> bool:
    """Whether ``who`` describes a role ("the British prime minister") rather than naming someone."""
    words = fold(who).split()
    described = bool(words) and (words[0] in ("the", "a", "an") or "s" in words or words[-1] in ROLE_NOUNS)
    return described and any(w in ROLE_NOUNS for w in _role_words(who))


def _by_spelling(toks: Sequence[str], speakers: dict[str, SpeakerInfo]) -> tuple[list[str], int]:
    """Speakers whose surname is spelled like the typed one, and the edit distance."""
    surname = _skeleton(toks[-1])
    first = toks[0] if len(toks) > 1 else None
    best: list[str] = []
    best_d = 99
    others = {  # surnames someone of another first name is quoted under
        _skeleton(t[-1]) for t in map(_tokens, speakers) if first and len(t) > 1 and t[0][0] != first[0]
    }
    for name in speakers:
        theirs = _tokens(name)
        if (
            not theirs
            or theirs[-1][0] != toks[-1][0]
            or (first and len(theirs) > 1 and theirs[0][0] != first[0])
            or (
                first and len(theirs) == 1 and _skeleton(theirs[0]) in others
            )  # a bare "Obama" is not Michelle
        ):
            continue
        d = distance(surname, _skeleton(theirs[-1]))
        if d < best_d:
            best, best_d = [name], d
        elif d == best_d:
            best.append(name)
    limit = 0 if len(surname) < 4 else 1 if len(surname) < 5 else 2
    return (best, best_d) if best_d <= limit else ([], best_d)


def resolve(who: str, speakers: dict[str, SpeakerInfo], texts: dict[str, str] | None = None) -> Resolution:
    """The speakers ``who`` means (see the module docstring for the order of the rules).

    ``texts`` (article texts by document) let a role be found in how articles describe people.
    """
    if is_role(who):  # a role is matched against roles only: "the Drovnian foreign minister" is no spokesman
        roles = by_role(who, speakers) or by_role_in_text(who, speakers, texts or {})
        return Resolution(roles, by_name=False)
    names, by_name = match(who, speakers)
    if names and by_name:
        return Resolution(names, by_name)
    toks = _tokens(who)
    if not toks:
        return Resolution(names, by_name)
    typed = " ".join(toks)
    tail = [n for n in speakers if fold(n) == typed or fold(n).endswith(" " + typed)]
    if tail:
        return Resolution(tail)
    spelled, d = _by_spelling(toks, speakers)
    if spelled and d == 0:
        return Resolution(spelled)
    if len(toks) == 1:
        firsts = [n for n in speakers if len(_tokens(n)) > 1 and _tokens(n)[0] == toks[0]]
        if len({_tokens(n)[-1] for n in firsts}) == 1:
            return Resolution(firsts)
    if names:  # by affiliation: "the Kremlin" → its spokesperson
        return Resolution(names, by_name)
    roles = by_role(who, speakers)
    if roles:
        return Resolution(roles, by_name=False)
    if len(spelled) == 1:
        return Resolution(spelled, note=f"Taking “{who}” to mean {spelled[0]}.")
    return Resolution([], suggestions=sorted(spelled)[:3])
