"""Name mentions and the people (or organisations) of one article.

A mention is a run of capitalised words ("Hillary Clinton", "Mr. Obama",
"Sen. Lindsey Graham", "the Kremlin", "NATO") with its leading title and any
sentence-initial function word dropped. Mentions are grouped into entities, one
per person: "Mrs. Clinton" and "Hillary" after "Hillary Clinton" are her, but
"Bill Clinton" is someone else — a first name never merges with a different one.
A bare surname goes to the most recent full name that ends with it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ingest.lexicon import (
    COMPASS,
    GENDERED_TITLES,
    NAME_STOP,
    NAME_TITLES,
    ORG_HEADS,
    PLURAL_TITLES,
    ROLES,
    given_name,
    name_gender,
)
from ingest.naming import compatible
from ingest.text import has_words

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'.-]*[\w]|[A-Z]\.|[A-Za-z]")
AFFILIATION_WORDS = frozenset(["for", "of", "from", "at", "with", "to", "by"])
_PARTICLES = frozenset(["de", "da", "van", "von", "der", "del", "bin", "al", "la", "le", "di", "du", "st."])


@dataclass(slots=True)
class Mention:
    """One mention of a name in the text."""

    start: int
    end: int
    name: str  # without title or possessive: "Hillary Clinton"
    title: str = ""  # "mr.", "sen.", "president" …
    entity: int = -1


@dataclass(slots=True)
class Entity:
    """One person or organisation of an article, with every form of its name."""

    key: int
    name: str  # the fullest form seen
    forms: set[str] = field(default_factory=set)
    gender: str = ""  # "m", "f" or ""
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()

    @property
    def person(self) -> bool:
        """Whether this looks like a person: a first name, or a personal title."""
        return (len(self.name.split()) > 1 and self.surname not in ORG_HEADS) or bool(self.gender)


def _strip_possessive(word: str) -> str:
    return re.sub(r"[’']s?$", "", word)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Name mentions in ``text[start:end]``, in order.

    >>> [m.name for m in find_mentions("But Sen. Lindsey Graham told Mr. Obama's aide in Paris on Monday.")]
    ['Lindsey Graham', 'Obama', 'Paris']
    >>> [m.name for m in find_mentions("Lenny King and Hal Dean met Kessmark-born Mr Vell.")]
    ['Lenny King', 'Hal Dean', 'Vell']
    >>> [m.name for m in find_mentions("Halden Harbour Director Ilse Kern spoke.")]
    ['Ilse Kern']
    >>> [m.name for m in find_mentions("Retired U.S. Navy Capt. Orla Dask spoke.")]
    ['Orla Dask']
    >>> [m.name for m in find_mentions("Senators Orla Dask and Ilse Kern spoke.")]
    ['Orla Dask', 'Ilse Kern']
    >>> [m.name for m in find_mentions("Captain Ilse Moravec met NATO in Oslo.")]
    ['Ilse Moravec', 'NATO', 'Oslo']

    A sentence's capitalised first word that the text also writes in lower case is a word, not a
    given name, unless it is a known first name:

    >>> [m.name for m in find_mentions("Does Tomas Brill agree? He does. Billionaire Ilse Kern, a billionaire, spoke.")]
    ['Tomas Brill', 'Ilse Kern']
    >>> [m.name for m in find_mentions("Will Hurd voted. It will pass.")]
    ['Will Hurd']
    """
    end = len(text) if end is None else end
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    lower = set(_LOWER_WORD.findall(text, start, end))
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        run: list[tuple[int, int, str]] = []
        j = i
        while j < len(toks):
            s, e, w = toks[j]
            gap = text[toks[j - 1][1] : s].replace("\xa0", " ") if run else ""  # a no-break space is a space
            if (
                run
                and gap != " "
                and not (gap == "" and w == ".")
                and not (gap == ". " and _abbreviation(run[-1][2]))
            ):
                break  # "Republican Tomas Brill. Dask said": a full stop ends the name
            if w[:1].isupper() or (run and w.lower() in _PARTICLES and j + 1 < len(toks)):
                run.append((s, e, w))
                j += 1
                if w.endswith(("'s", "’s")) or text[e : e + 1] in (",", ";", ":", ")"):
                    break
                continue
            break
        if not run:
            i += 1
            continue
        i = max(j, i + 1)
        if len(run) > 1 and _sentence_word(text, run[0], start, lower):
            run = run[1:]  # "Does Rubio …?", "Billionaire Donald Trump praised …"
        piece: list[tuple[int, int, str]] = []
        for k, tok in enumerate(run):  # "Thoughts On Donald Trump": a function word splits a title-case run
            low = tok[2].lower()
            title = k + 1 < len(run) and (low in NAME_TITLES or low.rstrip(".") in NAME_TITLES)
            if piece and (low.rstrip(".") in NAME_STOP or title):  # a title last is a surname: "Larry King"
                if not title:  # "Senate Majority Leader Mitch McConnell": what qualifies a title is no name
                    _add_mention(text, piece, out)
                piece = []
            piece.append(tok)
        _add_mention(text, piece, out)
    return _couples(text, _headline_names(text, start, end, out))


def _couples(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give the shared surname to the first of two people named together: "Khizr and Ghazala Khan".

    Only when the first word is a given name: one of the hand lists of :mod:`ingest.lexicon` (not
    the larger table, where "Clinton" is a given name too), or one the article also writes with
    that surname ("Clinton and Bernie Sanders" are two surnames).

    >>> [m.name for m in find_mentions("Mary and Tomas Vell spoke. Clinton and Bernie Sanders spoke.")]
    ['Mary Vell', 'Tomas Vell', 'Clinton', 'Bernie Sanders']
    """
    for a, b in itertools.pairwise(mentions):
        parts = b.name.split()
        if " " in a.name or len(parts) < 2 or a.title or text[a.end : b.start] != " and ":
            continue
        full = f"{a.name} {parts[-1]}"
        if given_name(a.name) or has_words(text, full, ignore_case=False):
            a.name = full
    return mentions


def _headline_names(text: str, start: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """Cut the names of a title-case headline to what the article goes on to call a name.

    A title-case headline capitalises its verbs too: "Obama Sees 'Personal Insult' …" is about
    Obama, whom the article calls "Mr. Obama", never "Obama Sees". A headline name of two words or
    more that the body never writes is cut to its longest first words the body does write.

    >>> text = "Vell Sees Gain As Mara Dask Wins\\n\\nMr. Vell said it. Mara Dask spoke."
    >>> [m.name for m in find_mentions(text)]
    ['Vell', 'Mara Dask', 'Vell', 'Mara Dask']
    """
    line_end = text.find("\n", start, end)
    if line_end < 0:
        return mentions
    words = re.findall(r"[A-Za-z][\w’'-]*", text[start:line_end])
    long = [w for w in words if len(w) > 3]
    if len(long) < 3 or sum(w[0].isupper() for w in long) < 0.7 * len(long):
        return mentions  # not a title-case headline
    body = text[line_end:end]
    out = []
    for m in mentions:
        parts = m.name.split()
        if m.start < line_end and len(parts) > 1 and not has_words(body, m.name, ignore_case=False):
            kept = next(
                (
                    k
                    for k in range(len(parts) - 1, 0, -1)
                    if has_words(body, " ".join(parts[:k]), ignore_case=False)
                ),
                0,
            )
            if kept:
                name = " ".join(parts[:kept])
                at = text.find(name, m.start, m.end)
                m = Mention(m.start, at + len(name) if at >= 0 else m.end, name, m.title)
        out.append(m)
    return out


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]*\b")


def _sentence_word(text: str, tok: tuple[int, int, str], start: int, lower: set[str]) -> bool:
    """Whether a capitalised token opens a sentence and is a word the text writes in lower case."""
    word = tok[2]
    if word.lower() not in lower or given_name(word) or word.lower() in NAME_TITLES:
        return False
    k = tok[0] - 1
    while k >= start and text[k] in " \t\xa0\"“‘'(":
        k -= 1
    return k < start or text[k] in ".!?:;\n"


def _abbreviation(word: str) -> bool:
    """Whether a word before a full stop is an initial or a title ("F." of "John F. Kerry", "Mr.")."""
    dotted = re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word) is not None  # "U.S" of "Retired U.S. Air Force Gen."
    return len(word) == 1 or dotted or word.lower() in NAME_TITLES or word.lower() + "." in NAME_TITLES


def _place(run: list[tuple[int, int, str]]) -> bool:
    """Whether a run opens with a word that is part of a place's name ("North Korea", "New York Times")."""
    return (
        len(run) > 1
        and (run[0][2].lower() in COMPASS or run[0][2] == "New")
        and run[1][2][:1].isupper()
        and run[1][2].lower().rstrip(".") not in NAME_STOP
        and run[1][2].lower() not in NAME_TITLES
    )


def _add_mention(text: str, run: list[tuple[int, int, str]], out: list[Mention]) -> None:
    title = ""
    while (
        run
        and not _place(run)
        and (
            run[0][2].lower().rstrip(".") in NAME_STOP
            or run[0][2].lower() in NAME_TITLES
            or run[0][2].isdigit()
            or (
                len(run) > 2 and run[0][2].lower().removesuffix("s") in NAME_TITLES
            )  # "Senators Mitch McConnell"
            or (len(run) == 2 and run[0][2].lower() in PLURAL_TITLES)  # "Professors Foner and Alba"
        )
    ):
        low = run[0][2].lower()
        if low in NAME_TITLES or low.rstrip(".") in NAME_TITLES:
            title = low
        run = run[1:]
    while run and (run[-1][2].lower() in _PARTICLES or run[-1][2].lower().rstrip(".") in NAME_STOP):
        run = run[:-1]
    if not run:
        return
    roles = [k for k, tok in enumerate(run) if tok[2].lower().rstrip(".") in ROLES]
    if roles and roles[-1] <= len(run) - 3 and run[-1][2].lower().rstrip(".") not in ORG_HEADS:
        title = (
            title or run[roles[-1]][2].lower()
        )  # "Captain Ilse Moravec", "White House Press Secretary Josh Earnest"
        run = run[roles[-1] + 1 :]
    words = [_strip_possessive(w).rstrip(".") if k == len(run) - 1 else w for k, (_, _, w) in enumerate(run)]
    if not words[-1] or words[-1].lower() in ROLES:
        return
    name = " ".join(words)
    out.append(Mention(run[0][0], run[-1][1], name, title))


def head_mention(text: str, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The mention that names who a phrase ``text[start:end]`` is, if any.

    The head is the last name before any appositive comma, unless an affiliation
    word precedes it: "Clinton campaign spokesman Brian Fallon" is Brian Fallon,
    "Renee Gold, 83, of Sarasota" is Renee Gold, "a spokeswoman for Hillary Clinton"
    is nobody named.

    >>> t = "Clinton campaign spokesman Brian Fallon"
    >>> head_mention(t, find_mentions(t), 0, len(t)).name
    'Brian Fallon'
    >>> t = "a spokeswoman for Hillary Clinton"
    >>> head_mention(t, find_mentions(t), 0, len(t)) is None
    True
    """
    comma = text.find(",", start, end)
    head_end = comma if comma > start else end
    inside = [m for m in mentions if start <= m.start and m.end <= head_end]
    if not inside:
        return None
    last = inside[-1]
    before = text[start : last.start].lower().split()
    if before and before[-1] in AFFILIATION_WORDS:
        return None
    return last


def _first(name: str) -> str:
    parts = name.split()
    return parts[0].lower().rstrip(".") if len(parts) > 1 else ""


def group_entities(mentions: list[Mention]) -> list[Entity]:
    """Entities of an article from its mentions (each mention gets its ``entity``).

    >>> ms = find_mentions("Hillary Clinton spoke. Bill Clinton left. Mr. Clinton stayed. Hillary waved.")
    >>> [(e.name, sorted(e.forms)) for e in group_entities(ms)]
    [('Hillary Clinton', ['Hillary', 'Hillary Clinton']), ('Bill Clinton', ['Bill Clinton', 'Clinton'])]
    """
    entities: list[Entity] = []
    by_surname: dict[str, list[Entity]] = {}
    by_first: dict[str, list[Entity]] = {}
    for m in mentions:
        parts = m.name.split()
        surname, first = parts[-1].lower(), _first(m.name)
        gender = GENDERED_TITLES.get(m.title, "") or name_gender(m.name)  # "Mr. Vell" is not Mary Vell
        ent = _find(entities, by_surname, by_first, m, surname, first, gender)
        if ent is None:
            ent = Entity(len(entities), m.name, gender=gender)
            entities.append(ent)
            by_surname.setdefault(surname, []).append(ent)
            if first:
                by_first.setdefault(first, []).append(ent)
        elif len(parts) > len(ent.name.split()) and ent.surname == surname:
            ent.name = m.name
        ent.forms.add(m.name)
        ent.gender = ent.gender or gender
        ent.mentions.append(m)
        m.entity = ent.key
    for ent in entities:
        ent.name = _usual_name(ent)
    return entities


def _usual_name(ent: Entity) -> str:
    """The full name an entity goes by: its most frequent form of two words or more, the shorter on a tie.

    A headline's "Billionaire Mark Cuban" is Mark Cuban when the article says "Mark Cuban" as often.
    """
    counts: dict[str, int] = {}
    for m in ent.mentions:
        if len(m.name.split()) > 1 and m.name.split()[-1].lower() == ent.surname:
            counts[m.name] = counts.get(m.name, 0) + 1
    if not counts:
        return ent.name
    return max(counts, key=lambda f: (counts[f], -len(f.split()), f))


def _find(
    entities: list[Entity],
    by_surname: dict[str, list[Entity]],
    by_first: dict[str, list[Entity]],
    m: Mention,
    surname: str,
    first: str,
    gender: str,
) -> Entity | None:
    """The existing entity a mention refers to, most recently mentioned first."""
    candidates = sorted(by_surname.get(surname, []), key=lambda e: -e.mentions[-1].start)
    for ent in candidates:
        given = {w.lower().rstrip(".") for form in ent.forms for w in form.split()[:-1]} or {""}
        if any(compatible(first, g) for g in given) and (not gender or ent.gender in ("", gender)):
            return ent
    if len(m.name.split()) == 1:  # "Hillary" alone: a known first name
        for ent in sorted(by_first.get(surname, []), key=lambda e: -e.mentions[-1].start):
            if ent.person and (not gender or ent.gender in ("", gender)):
                return ent
    return None
