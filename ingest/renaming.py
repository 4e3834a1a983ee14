"""Each statement's speaker named as its article names them, after the rules have read them.

The phrase beside a cue can run long or short ("After BlazeTV Glenn Beck", "Stoltenberg"); the
article's fullest form of the name, its name mentions (:mod:`ingest.mentions`) and the checks of
:mod:`ingest.naming` decide the name a statement keeps, or that it names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ingest.lexicon import GENDERED_TITLES
from ingest.mentions import Entity, Mention
from ingest.naming import common_word, garbled, organisation, plausible_name
from ingest.phrases import Speaker
from ingest.statements import Statement


def final_names(statements: list[Statement], known: Callable[[str], Speaker | None]) -> list[Statement]:
    """Rename statements to the fullest form of their speaker seen in the whole article."""
    # names that a title of the other sex keeps apart from the article's full name: "Mr. Vell" is
    # not Mary Vell, and neither is what he goes on to say ("…," continuation paragraphs)
    found = [known(st.speaker) if st.named else None for st in statements]
    apart = {
        st.speaker
        for st, sp in zip(statements, found, strict=True)
        if sp is not None
        and sp.gender
        and GENDERED_TITLES.get(st.surface.split()[0].lower() if st.surface else "", sp.gender) != sp.gender
    }
    out = []
    for st, sp in zip(statements, found, strict=True):
        sp = None if st.speaker in apart else sp
        if sp is not None and sp.name != st.speaker and st.speaker.split()[-1] == sp.name.split()[-1]:
            st = replace(st, speaker=sp.name, role=sp.role or st.role)
        out.append(st)
    return out


def names_from_mentions(
    statements: list[Statement], text: str, mentions: list[Mention], entities: list[Entity]
) -> list[Statement]:
    """Name each statement's speaker by the head of its speaker phrase, in its article's fullest form.

    The phrase the rules read can run long ("After BlazeTV Glenn Beck", "UMWA Director of
    Government Affairs Phil Smith"); the article's name mentions say who it is.
    """
    people = {e.name for e in entities if e.person}
    # surnames the article quotes with a cue in a sentence of its own ("Guccifer said …")
    quoted = {
        st.speaker.split()[-1]
        for st in statements
        if st.named and st.cue and not _title_case(text[st.start : st.end])
    }
    out = []
    for st in statements:
        ent = _entity_of(st, mentions, entities, text) if st.named and garbled(st.speaker) else None
        if ent is not None and ent.name != st.speaker:
            st = replace(st, speaker=ent.name)
        words = st.speaker.split()
        known = [" ".join(words[k:]) for k in range(1, len(words) - 1) if " ".join(words[k:]) in people]
        if st.named and known and not organisation(st.speaker):  # "Rival Hillary Clinton" is Hillary Clinton
            st = replace(st, speaker=known[0])
        if st.named and st.speaker.endswith(("’", "'")):  # "Bernie Sanders’ remarks"
            st = replace(st, speaker=st.speaker.rstrip("’'"))
        # "Bash and Blitzer asked": two people, neither alone
        if st.named and " and " in st.speaker and not organisation(st.speaker):
            st = replace(st, named=False)
        if (
            st.named
            and _title_case(text[st.start : st.end])
            and not _named_elsewhere(st, people | quoted, text)
        ):
            st = replace(st, named=False)  # "Trump Addresses Munich Attack: …": a headline's words
        if st.named and (not plausible_name(st.speaker) or common_word(st.speaker, text)):
            st = replace(st, named=False)  # "April", "I've", "Chinese": nobody to list
        out.append(st)
    return out


def _title_case(sentence: str) -> bool:
    """Whether a sentence is written in title case, as headlines are: its capitals name nobody."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", sentence) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _named_elsewhere(st: Statement, people: set[str], text: str) -> bool:
    """Whether the article names a statement's speaker, as a person, outside the statement."""
    outside = text[: st.start] + " " + text[st.end :]
    surname = st.speaker.split()[-1]
    known = any(p in (st.speaker, surname) or p.endswith(" " + surname) for p in people)
    return known and re.search(rf"\b{re.escape(surname)}\b", outside) is not None


def _entity_of(st: Statement, mentions: list[Mention], entities: list[Entity], text: str) -> Entity | None:
    """The article's entity a named statement's speaker is: by the surname, in the statement first."""
    last = st.speaker.split()[-1].lower()
    first = st.speaker.split()[0].lower() if len(st.speaker.split()) > 1 else ""
    here = [m for m in mentions if st.start <= m.start < st.end and entities[m.entity].surname == last]
    if here:
        return entities[here[0].entity]
    same = [e for e in entities if e.surname == last and (not first or e.name.split()[0].lower() == first)]
    return same[0] if len(same) == 1 else None
