"""Speakers across the corpus: grouping name variants and matching a question's name.

Within an article the extractor already merges "Stoltenberg" into "Jens
Stoltenberg". Across articles, a bare surname joins the one full name that ends
with it; when two people share it ("Bill Clinton", "Hillary Clinton") the bare
form stays on its own rather than being guessed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ingest.lexicon import (
    FUNCTION_WORDS,
    GENDERED_TITLES,
    HAND_CUE,
    NAME_TITLES,
    OFFICES,
    PRONOUNS,
    name_gender,
    short_form,
    title_role,
)
from ingest.naming import same_person

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "prime",
        "minister",
        "secretary",
        "general",
        "the",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "foreign",
        "chief",
    ]
)


_PARTICLES = frozenset(["de", "da", "di", "du", "van", "von", "der", "del", "la", "le", "al", "bin", "el"])


@dataclass(slots=True)
class SpeakerInfo:
    """One speaker of the corpus."""

    name: str
    statements: int = 0
    forms: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    # statements the cue rules found in the speaker's own voice; a speaker with none (only the
    # learned model's guesses, see ingest.learned, or words another speaker reports of them)
    # answers "what did X say?" but is not listed as quoted
    quoted: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "statements": self.statements,
            "articles": len(self.articles),
            "forms": sorted(f for f in self.forms if f),
            "roles": sorted(r for r in self.roles if r),
        }


class Canon(dict[str, str]):
    """Each speaker name's corpus-wide person, and per article the person a shared surname is there.

    ``canon[name]`` is the person a name is wherever it stands; :meth:`of` gives a
    statement's person, which for a bare surname ("Obama") shared by several people may
    be decided by its own article ("Mr. Obama", "President Obama", "he said").
    """

    def __init__(self, names: dict[str, str], in_article: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__(names)
        self.in_article = in_article or {}

    def of(self, statement: dict[str, Any]) -> str:
        """The person a statement's speaker is."""
        speaker = str(statement["speaker"])
        return self.in_article.get((str(statement["doc_id"]), speaker)) or self.get(speaker, speaker)


def canonical_names(statements: Iterable[dict[str, Any]]) -> Canon:
    """Map each named speaker string to its corpus-wide person, and bare surnames per article.

    Full names that fit by a given name are one person, under the form with the most
    statements ("Hillary Rodham Clinton" is "Hillary Clinton", "Michael R. Bloomberg" is
    "Michael Bloomberg"; "Bill Clinton" stays apart). A bare surname joins the one person of
    that surname; of several, its article decides when it tells them apart (see :func:`_bare_in_article`).
    """
    statements = list(statements)
    names = {str(s["speaker"]) for s in statements if s.get("named")}
    counts: Counter[str] = Counter()
    for s in statements:
        n = str(s["speaker"])
        # a learned guess ("Keith Lamont Scott was shot …") never decides who a bare "Scott" is
        if s.get("named") and len(n.split()) > 1 and s.get("resolved_from") != "learned":
            counts[n] += 1
    out: dict[str, str] = {}
    people: dict[str, list[str]] = {}
    for n in sorted(counts, key=lambda n: (-counts[n], len(n), n)):
        mine = people.setdefault(n.split()[-1].lower(), [])
        out[n] = next((p for p in mine if same_person(n, p)), n)
        if out[n] == n:
            mine.append(n)
    shared: set[str] = set()  # bare surnames of several people
    single: set[str] = set()  # bare surnames of one
    for n in names - set(out):
        of_surname = people.get(n.lower(), []) if len(n.split()) == 1 else []
        out[n] = of_surname[0] if len(of_surname) == 1 else n
        if len(of_surname) > 1:
            shared.add(n)
        elif of_surname:
            single.add(n)
    titles = _person_titles(statements, out)
    in_article = _bare_in_article(statements, shared, people, titles)
    return Canon(out, {**_apart_in_article(statements, single, out, titles), **in_article})


def _person_titles(statements: list[dict[str, Any]], canon: dict[str, str]) -> dict[str, set[str]]:
    """The titles each full-named person carries where the corpus names them in full ("sen", "president" …)."""
    titles: dict[str, set[str]] = {}
    for s in statements:
        person = canon.get(str(s["speaker"]), "")
        if s.get("named") and len(str(s["speaker"]).split()) > 1 and len(person.split()) > 1:
            titles.setdefault(person, set()).update(_said_titles(s))
    return titles


def _offices(titles: set[str]) -> set[str]:
    """The offices among titles ("sen" -> "senator"); a bare "Chief Justice Roberts" is not
    Charlotte's Mayor Jennifer Roberts, the one Roberts the corpus names in full."""
    return {r for t in titles if (r := title_role(t)) in OFFICES}


def _said_titles(statement: dict[str, Any]) -> set[str]:
    """The titles of a statement's speaker as the article gives them, in its phrase or role."""
    return _titles(str(statement.get("surface") or "")) | _titles(str(statement.get("role") or ""))


def _apart_in_article(
    statements: list[dict[str, Any]], single: set[str], canon: dict[str, str], titles: dict[str, set[str]]
) -> dict[tuple[str, str], str]:
    """The articles where a bare surname stays apart from the one person of that surname: it holds
    there an office the person never holds in the corpus, and the person holds another; or its
    article gives it a sex the person's first name does not have ("Mr. Khan" is not Ghazala Khan)."""
    out = {}
    for s in statements:
        name = str(s["speaker"])
        if not s.get("named") or name not in single:
            continue
        here = _offices(_said_titles(s))
        theirs = _offices(titles.get(canon[name], set()))
        sexes = _sexes(str(s.get("surface") or ""))
        other_sex = len(sexes) == 1 and name_gender(canon[name]) not in ("", *sexes)
        if (here and theirs and not here & theirs) or other_sex:
            out[(str(s["doc_id"]), name)] = name
    return out


def _forms_sex(info: SpeakerInfo) -> str:
    """The one sex a speaker's name forms give ("Mr. Khan", "Mr. Khan's"), else ""."""
    sexes = set().union(*(_sexes(f) for f in info.forms)) if info.forms else set()
    return next(iter(sexes)) if len(sexes) == 1 else ""


def _sexes(surface: str) -> set[str]:
    """The sexes a speaker phrase gives: "Mr. Khan" m, "she" f."""
    return {g for w in re.findall(r"[\w.]+", surface.lower()) if (g := _SEX_WORDS.get(w))}


def _bare_in_article(
    statements: list[dict[str, Any]],
    shared: set[str],
    people: dict[str, list[str]],
    titles: dict[str, set[str]],
) -> dict[tuple[str, str], str]:
    """Who a bare surname of several people is in each article that tells them apart.

    The article tells by a title the surname carries there ("Mrs. Clinton", "President
    Obama") that only one of them carries in the corpus, or by sex ("Mr.", "Mrs.", "Ms." or
    the pronouns the article resolves to that surname): a first name of that sex is preferred
    to one that names neither ("Mr. Trump" is Donald Trump, not "Washington Post Trump").
    """
    if not shared:
        return {}
    evidence: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for s in statements:
        name = str(s["speaker"])
        if s.get("named") and name in shared:
            said_as, sexes = evidence.setdefault((str(s["doc_id"]), name), (set(), set()))
            surface = str(s.get("surface") or "")
            said_as.update(_titles(surface))
            sexes.update(_sexes(surface))
    out = {}
    for (doc, name), (said_as, sexes) in evidence.items():
        fits = people[name.lower()]
        if len(sexes) == 1:  # a first name of that sex, else one that names neither
            fits = [p for p in fits if name_gender(p) in sexes] or [p for p in fits if not name_gender(p)]
        said_as -= _ANYONES_TITLES
        titled = [p for p in fits if said_as & titles.get(p, set())]
        fits = titled or fits
        if len(fits) == 1:
            out[(doc, name)] = fits[0]
    return out


# words of a speaker's surface that give their sex: a title ("Mr.", "Dame") or a pronoun
_SEX_WORDS = {
    **GENDERED_TITLES,
    **{w: g for w, g in PRONOUNS.items() if g in "mf"},
    "his": "m",
    "him": "m",
    "her": "f",
}
# titles every person of a surname may carry: they tell nobody apart by themselves
_ANYONES_TITLES = frozenset(["mr", "mrs", "ms", "former", "then", "the"])


def _titles(text: str) -> set[str]:
    """The titles in a phrase: "Sen.", "President", "Gov." ("Pres." is "president")."""
    found = {
        w.rstrip(".")
        for w in re.findall(r"[\w.-]+", text.lower())
        if w in NAME_TITLES or w + "." in NAME_TITLES
    }
    return {"president" if w == "pres" else w for w in found}


def _in_own_voice(statement: dict[str, Any]) -> bool:
    """Whether a statement makes its speaker one of the people quoted.

    Not a guess of the learned model, not words another speaker reports ("Briggs said
    Sharpton asked …"), not a cue inside a relative clause about someone ("…, as well as
    Lena Brook, who joked …": on polnear-train 15 of 29 such statements are a gold
    attribution of that person, against 90 % of those named in place), and not a
    paraphrase whose only cue is a verb learned from data
    ("Footage of the raid appears", "Opposition appears to win"): on polnear-train, 70 % of
    the speakers with nothing else were real sources, against 96 % of the rest.
    """
    how = str(statement.get("resolved_from") or "")
    if how in ("learned", "nested", "relative"):
        return False
    if how or statement.get("kind") != "paraphrase":
        return True
    cue = str(statement.get("cue") or "")
    return cue in ("according to", ":") or HAND_CUE.fullmatch(cue) is not None


def group(statements: Iterable[dict[str, Any]]) -> dict[str, SpeakerInfo]:
    """Named speakers with their statement counts, name forms and roles."""
    statements = list(statements)
    canon = canonical_names(statements)
    out: dict[str, SpeakerInfo] = {}
    for s in statements:
        if not s.get("named"):
            continue
        name = canon.of(s)
        info = out.setdefault(name, SpeakerInfo(name))
        info.statements += 1
        info.quoted += _in_own_voice(s)
        surname = name.split()[-1].lower()
        # forms of the *name*: "Peskov", "Kremlin spokesperson Dmitry Peskov" — not "he" or "the minister",
        # nor a phrase of two people ("Ukraine and Russia said …" is no form of Russia's name)
        surface = _form(str(s.get("surface") or ""))
        if " and " in surface or " & " in surface:
            surface = ""
        info.forms.update(f for f in (str(s["speaker"]), surface) if surname in f.lower())
        info.roles.add(str(s.get("role") or ""))
        info.articles.add(str(s["doc_id"]))
    return out


def _form(surface: str) -> str:
    """A name as the text wrote it, without the words before it that are not the name's.

    >>> _form("Although Trump"), _form("But Mr. Obama"), _form("WASHINGTON President Obama"), _form("Obama.")
    ('Trump', 'Mr. Obama', 'President Obama', 'Obama')
    """
    words = surface.split()
    while len(words) > 1 and (
        words[0].lower() in FUNCTION_WORDS or (words[0].isupper() and len(words[0]) > 5)  # a dateline
    ):
        words.pop(0)
    return re.sub(r"(?<=[a-z]{3})[.,;:]$", "", " ".join(words))  # "Obama." but "Jr."


@functools.lru_cache(
    maxsize=1 << 16
)  # match() reads every speaker's name on every call (callers never mutate)
def _name_tokens(text: str) -> list[str]:
    toks = [t for t in re.findall(r"[\w][\w.’'-]*", text) if t.lower().rstrip(".") not in _TITLES]
    return [re.sub(r"[’']s$", "", t).rstrip(".") for t in toks]


def _same_first_name(a: str, b: str) -> bool:
    """Loose first-name equality: "len" ~ "leonard", "j." ~ "james", "jim" ~ "james"; "larry" !~ "charlie".

    >>> _same_first_name("len", "leonard"), _same_first_name("larry", "charlie")
    (True, False)
    >>> _same_first_name("jim", "james"), _same_first_name("chuck", "jim"), _same_first_name("bill", "barack")
    (True, False, False)
    >>> _same_first_name("heinz", "karl-heinz"), _same_first_name("hans-peter", "karl-heinz")
    (True, False)
    """
    a, b = a.rstrip("."), b.rstrip(".")
    if short_form(a, b):  # "chuck" ~ "charles"
        return True
    if "-" in a or "-" in b:  # "Heinz" is half of "Karl-Heinz"
        return bool(set(a.split("-")) & set(b.split("-")))
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return a.startswith(b) or b.startswith(a) or (len(a) > 2 and len(b) > 2 and a[:2] == b[:2])


def match(who: str, speakers: dict[str, SpeakerInfo]) -> tuple[list[str], bool]:
    """Canonical speakers that ``who`` names, and whether they were matched by name.

    By name: the surname matches and, when both give one, so does the first name
    (or its initial). Failing that, by affiliation: every word of ``who`` appears
    in a speaker's role ("the Kremlin" → the Kremlin spokesperson). A leading title
    that is not a first name ("Professor Alba", "Dean Amar") is dropped when the name
    as typed finds nobody.
    """
    found = _match(who, speakers)
    words = who.split()
    title = words[0].lower().rstrip(".") if words else ""
    if not found[0] and len(words) > 1 and title in NAME_TITLES:
        names, by_name = _match(" ".join(words[1:]), speakers)
        # of several people of that name, the one the articles give that title ("Dean Amar said")
        titled = [
            n
            for n in names
            if any(title in re.findall(r"[\w-]+", t.lower()) for t in speakers[n].roles | speakers[n].forms)
        ]
        return (titled if len(titled) == 1 else names), by_name
    return found


def _match(who: str, speakers: dict[str, SpeakerInfo]) -> tuple[list[str], bool]:
    toks = _name_tokens(who)
    if not toks:
        return [], False
    surname, first = toks[-1].lower(), toks[0].lower() if len(toks) > 1 else None
    if first in _PARTICLES:  # "De Blasio" is a surname, not a first name
        first = None
    same_surname = [n for n in speakers if (p := _name_tokens(n)) and p[-1].lower() == surname]
    by_name = same_surname
    if first:
        # A first name never matches a different one: "Michelle Obama" is not "Barack Obama", and a
        # bare "Obama" is hers only when no one else of that surname is quoted by full name.
        full = [n for n in same_surname if len(_name_tokens(n)) > 1]
        typed = " " + " ".join(toks).lower()
        fitting = [
            n
            for n in full
            if _same_first_name(_name_tokens(n)[0].lower(), first)
            or " ".join(_name_tokens(n))
            .lower()
            .endswith(typed)  # "Wasserman Schultz" of "Debbie Wasserman Schultz"
        ]
        others = [n for n in full if n not in fitting]
        sex = name_gender(" ".join(toks))  # "Mr. Khan" never answers for Ghazala Khan
        bare = [
            n
            for n in same_surname
            if len(_name_tokens(n)) == 1
            and not others
            and not (sex and _forms_sex(speakers[n]) not in ("", sex))
        ]
        by_name = fitting + bare
    if by_name:
        return by_name, True
    whole = " ".join(toks).lower()
    exact = [n for n in speakers if n.lower() == whole or n.lower().endswith(" " + whole)]
    if exact:
        return exact, True
    words = [t.lower() for t in toks]
    affiliated = [
        n
        for n, info in speakers.items()
        if any(all(re.search(rf"\b{re.escape(w)}\b", r.lower()) for w in words) for r in info.roles if r)
    ]
    return affiliated, False


def statements_of(
    names: Iterable[str],
    statements: Iterable[dict[str, Any]],
    canon: Canon,
    speakers: dict[str, SpeakerInfo],
    matched: dict[str, list[str]] | None = None,
) -> list[tuple[dict[str, Any], str]]:
    """The statements of the people ``names``, each with the label an answer shows.

    Their own words are labelled with their name; a spokesperson's ("a spokeswoman for
    Mara Vell said …") with the spokesperson, "speaking for" them. Other people's words
    are never included, whoever is named nearby.
    """
    wanted = set(names)
    proxies: dict[str, bool] = {}
    memo = {} if matched is None else matched  # match()'s answers, kept by a caller that asks again
    out = []
    for s in statements:
        if s.get("named"):
            name = canon.of(s)
            if name in wanted:
                out.append((s, str(name)))
            continue
        behalf = str(s.get("speaking_for") or "")
        if behalf:
            if behalf not in proxies:
                if behalf not in memo:
                    memo[behalf] = match(behalf, speakers)[0]
                proxies[behalf] = bool(wanted & set(memo[behalf]))
            if proxies[behalf]:
                out.append((s, f"{s['speaker']} (speaking for {behalf})"))
    return out
