"""Whether a speaker name the rules read names someone, and whether two names are one person's.

The extractor (:mod:`ingest.quotes`) reads names from the words beside a cue; these
checks keep what is not a name ("April", "On Oct", "Society" at the start of a
sentence) off the speaker list, and keep different first names apart.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.lexicon import (
    CONNECTORS,
    FUNCTION_WORDS,
    HEADLINE_ADVERBS,
    HEADLINE_CUE,
    NAME_STOP,
    NAME_TITLES,
    ORG_HEADS,
    WEEKDAYS,
    short_form,
)


def compatible(first: str, other: str) -> bool:
    """Whether two first names (or initials), lower case, can be the same person's ("" fits any).

    >>> compatible("françois", "francois"), compatible("chuck", "charles"), compatible("bill", "hillary")
    (True, True, False)
    """
    if not first or not other:
        return True
    first, other = _unaccented(first), _unaccented(other)
    return (
        first == other
        or (len(first) == 1 and other.startswith(first))
        or (len(other) == 1 and first.startswith(other))
        or short_form(first, other)  # "Chuck" and "Charles"
    )


def _unaccented(word: str) -> str:
    """A word without its accents: "François" and "Francois" are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def same_person(name: str, full_name: str) -> bool:
    """Whether a name fits a known full name by its given names: "Hillary Clinton" fits
    "Hillary Rodham Clinton", "Bill Clinton" does not; a headline's "McCain Challenger Kelli Ward" fits "Kelli Ward".
    """
    mine = [w.lower().rstrip(".") for w in name.split()[:-1]]
    theirs = [w.lower().rstrip(".") for w in full_name.split()[:-1]]
    if not mine or not theirs or any(w in NAME_TITLES for w in mine + theirs):
        return True
    return any(compatible(a, b) for a in mine for b in theirs)


_NUMBER_WORD = re.compile(
    r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\b", re.I
)
_DEMONYM = re.compile(r"(?:ese|ish|ans|ern)$")
# Words of a headline, never of a name: "Mara Vell Finally", "Vell Just", "Vell Sunday".
_HEADLINE_WORDS = HEADLINE_ADVERBS | WEEKDAYS | {"update"}


# Words that open a phrase about people but never a name (the function words aside).
_NOT_OPENING = frozenset(["other", "others", "another", "unlike", "like", "despite", "several", "few", "any"])


def plausible_name(name: str) -> bool:
    """Whether a speaker name names someone: a person or an organisation, not a word that starts a sentence.

    >>> [plausible_name(n) for n in ("Lena Marwick", "NATO", "Peskov", "April", "I've", "Chinese", "Twenty-seven")]
    [True, True, True, False, False, False, False]
    >>> plausible_name("Ilse DeMarco McKee"), plausible_name("Ilse KernFlagShareLikeReplyOrla Dask")
    (True, False)
    >>> plausible_name("Other Western"), plausible_name("Unlike Vistel"), plausible_name("Lena Other")
    (False, False, True)
    """
    words = name.split()
    if not words or not words[0][:1].isupper() or _NUMBER_WORD.search(words[0]):
        return False
    if len(words) == 1 and (re.search(r"[’']t$|-$", words[0]) or words[0].endswith("ly")):
        return False  # "Don't blame …", "Conversely, …": sentence openers
    if len(words) > 2 and all(w.isupper() for w in words[:-1]):
        return False  # "SAVE A QUARTER Let": a shouted headline
    if re.search(r"\w-[a-z]", words[-1]):
        return False  # "Democratic-leaning", "Islamic State-linked": a description
    if any(len(re.findall(r"[a-z][A-Z]", w)) > 1 for w in words):
        # "BenderyFlagShareLikeReplyPaige": a web page's buttons run into a name (McDonald has one)
        return False
    if len(words) > 1:  # "On Oct", "Betty Shelby On", "Before the Paris": a date or a headline's words
        edges = any(w.lower().rstrip(".") in FUNCTION_WORDS for w in (words[0], words[-1]))
        edges = edges or words[0].lower() in _NOT_OPENING  # "Other Western leaders", "Unlike Patriot, …"
        return not edges and not any(w.lower() in _HEADLINE_WORDS or HEADLINE_CUE.fullmatch(w) for w in words)
    low = words[0].lower().replace("’", "'").rstrip(".")
    return not (low in NAME_STOP or low in NAME_TITLES or len(low) < 3 or _DEMONYM.search(low))


def common_word(name: str, text: str) -> bool:
    """A one-word "name" the article also writes in lower case, and capitalises only to open a sentence.

    >>> common_word("Society", "Society is split. Our society is split."), common_word("Moscow", "Moscow said no.")
    (True, False)
    """
    if " " in name or name.isupper():
        return False
    found = list(re.finditer(rf"\b{re.escape(name)}\b", text))
    if not all(_OPENS_SENTENCE.search(text, 0, m.start()) for m in found):
        return False
    # "Boasting 108,000 residents", "Wow: …", "Boom!" need no lower-case twin
    interjection = all(text[m.end() : m.end() + 1] in (":", "!") for m in found)
    return name.endswith("ing") or interjection or bool(re.search(rf"\b{re.escape(name.lower())}\b", text))


_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:\n][\s“\"'‘(]*|^[\s“\"'‘(]*)$")


def organisation(name: str) -> bool:
    """Whether a name is a body named "X of Y" around an organisation word.

    >>> organisation("Centers for Disease Control and Prevention"), organisation("Sofia Brandt of Cheyenne")
    (True, False)
    """
    words = name.split()
    joints = [i for i, w in enumerate(words) if w in ("of", "for") and i > 0]
    return bool(joints) and (
        words[joints[0] - 1].lower() in ORG_HEADS and all(w[:1].isupper() or w in CONNECTORS for w in words)
    )


def garbled(name: str) -> bool:
    """Whether a speaker name the rules read carries words that are not a name.

    >>> garbled("After BlazeTV Glenn Beck"), garbled("of the Party Charlie King"), garbled("Ted Cruz")
    (True, True, False)
    """
    words = name.split()
    first = words[0].lower().rstrip(".")
    if organisation(name):
        return False
    return (
        len(words) > 3
        or not words[0][:1].isupper()
        or first in NAME_STOP
        or any(w in ("of", "at", "for", "on") for w in words)
    )
