"""Cues: where a sentence says that someone said something, and who.

:func:`find_speakers` reads one statement unit (a sentence, or sentences joined
by an open quotation) for its cues ("said", "mentioned", "according to", a
name and a colon before a quotation …) and the speaker phrase of each: before
the cue, past appositives ("Jonas Ekberg, the mayor, said"; "Brina Sott, 29, of
Huntsville, Ala., said"), or after it ("…,” said Peskov, the spokesman"). The
phrases themselves are read and split by :mod:`ingest.phrases`.
"""

from __future__ import annotations

import re

from ingest.lexicon import (
    ACCORDING,
    CUE,
    HEADLINE_COLON,
    HEADLINE_CUE,
    LEARNED_CUES,
    NOUN_CUES,
    OBJECT_CUES,
    PRONOUNS,
    TRAILING_TIME,
)
from ingest.phrases import (
    is_cap,
    normalise_quotes,
    np_backward,
    np_forward,
    outside_quotes,
    split_phrase,
    tokens,
)

# A piece between commas that describes the person before it: "29", "of Huntsville", "Ala.",
# "Republican of West Virginia", "R-Ill.", "which has a backlog …", "a law professor".
_DESCRIBING = re.compile(
    r"\s*(?:\d|[a-z]|(?:Republican|Democrat|Democratic|Independent|Libertarian)\b|[A-Z][a-z]{1,4}\.\s*$"
    r"|[RDI]-[A-Z][A-Za-z.]*\s*$)"  # "R-Ill."
)
_AUXILIARIES = re.compile(
    r"\s*(?:(?:has|have|had|is|was|were|are|will|would|did|does|also|even|and|but|then|later|now|still|just|"
    r"again|once|\w+ly)\s+)*"
)
_COLON_QUOTE = re.compile(r"(?<=[A-Za-z.])\s*:\s+(?=[“\"])")
# "Or, as Tom Ridge, a former secretary, put it:", "…, while Mara Vell, the former governor, proposed"
_OPENER = re.compile(r"^\s*(?:as|while|whereas|although|though)\s+(?=[A-Z])")
_PIECES = re.compile(r"[,;:—–]|\s-\s")  # the pieces of a sentence between its commas and dashes
_AND_THEN = re.compile(r"\s*(?:and|but)\s+(?:(?:\w+ly|also|then|later)\s+)?")
_RELATIVE = re.compile(r"\s*(?:who|which|whose)\b")
_WHO = re.compile(r"\bwho\b")
# What may stand between a name's comma and "who" for the name to be who is meant: nothing, or
# a short noun phrase ("Silver, the guru who …"), not a clause ("In Lund, voters hear a man who …").
_APPOSITIVE = re.compile(r"\s*(?:(?:the|a|an)\s+(?:[\w.'’-]+\s+){0,4})?")
# "Sen. Arvo Lunde (R-Iowa) said", "Harry Reid (D) repeatedly attacked"
_PARENTHESIS = re.compile(r"\s*\([^()]{1,30}\)(?:\s+[a-z]+ly)?\s*$")


# How the words that may end a time phrase end: "Tuesday", "today", "week", "night", "evening" …
_TIME_ENDINGS = ("day", "week", "month", "year", "night", "morning", "afternoon", "evening")


def _speaker_before(plain: str, seg: str, start: int) -> str:
    """The speaker phrase ending just before ``start`` (the cue), looking past appositives."""
    left = _PARENTHESIS.sub(" ", plain[:start])
    # "Sen. Arvo Lunde, the state's senior senator, on Tuesday called": the time is no appositive
    # (looked for only when the last word may end one: the search is slow)
    last = left[-12:].split()[-1:]
    if (
        last
        and last[0].lower().endswith(_TIME_ENDINGS)
        and (time := TRAILING_TIME.search(left, len(left) - 60))
    ):
        left = left[: time.start()] + " "
    pieces = [_PARENTHESIS.sub(" ", _OPENER.sub(" ", p)) for p in _PIECES.split(left)]
    tail = pieces[-1] if pieces else ""
    who = _WHO.search(tail)
    if who and len(pieces) > 1 and _APPOSITIVE.fullmatch(tail[: who.start()]):
        # "Beck, who has in the past described", "Silver, the guru who … tweeted", and past
        # descriptions: "Jeff Flake, Republican of Arizona, who echoed"
        k = len(pieces) - 2
        while k > 0 and _DESCRIBING.match(pieces[k]):
            k -= 1
        return _antecedent(pieces[k])
    if _AND_THEN.fullmatch(tail) and len(pieces) > 2 and (subject := _clause_subject(plain, seg, start)):
        return subject  # "Walking on, Ebeling reminisced about her days with Clinton, and said"
    phrase = np_backward(tail, descriptor=True) if tail.strip() else ""
    if not _AUXILIARIES.fullmatch(tail) or len(pieces) < 3:  # "In Coralville, Iowa, Mr. Busk … rejected"
        return phrase
    pieces[-1] = ""  # "Rusk Limber, the talk-show host, has even likened": look past the appositive
    relative = [k for k in range(max(1, len(pieces) - 7), len(pieces) - 1) if _RELATIVE.match(pieces[k])]
    if relative:  # "Sandra Fell, who lost her daughter in Aurora, Colorado, in 2012, said"
        return _named_before(pieces[max(0, relative[0] - 5) : relative[0]])
    appositive, before = pieces[-2], pieces[-3]
    if _DESCRIBING.match(appositive) and _DESCRIBING.match(before):
        return _named_before(pieces[-7:-2])
    inner, outer = np_backward(appositive), np_backward(before)
    inner_sp, outer_sp = split_phrase(inner), split_phrase(outer)
    if (
        inner_sp
        and inner_sp.named
        and (not outer_sp or not outer_sp.named)
        and not _DESCRIBING.match(appositive)
    ):
        return inner if not outer else f"{outer} {inner}"
    if outer_sp and outer_sp.named and not _DESCRIBING.match(before):
        clean = (
            not re.search(r"\s(?:of|for|at|with|in|from|on)\s", appositive)
            and len(appositive.split()) <= 4
            and not re.match(r"\s*\w+ing\b", appositive)  # "De Blasio, speaking on WOR710, called"
        )
        return f"{appositive.strip()} {outer}" if inner and clean else outer
    return _named_before(pieces[-7:-2])


def _antecedent(piece: str) -> str:
    """The name a piece consists of (one opening word aside), which a relative clause after it describes."""
    phrase = np_backward(piece)
    named = (sp := split_phrase(phrase)) is not None and sp.named
    return phrase if named and len(piece.split()) - len(phrase.split()) <= 1 else ""


def _clause_subject(plain: str, seg: str, start: int) -> str:
    """The subject of the clause before a participle cue ("Ilse Kern rejected it, saying …").

    When that clause opens with its verb, the subject stands before it, past appositives:
    "Sen. Arvo Lunde, R-Iowa, who faces a hard race, withdrew his support, saying …".
    """
    clauses = _PIECES.split(plain[:start])
    clause = clauses[-2:][0]
    phrase = np_forward(clause)
    if (
        ((sp := split_phrase(phrase)) is None or not sp.named)
        and len(clauses) > 2
        and clause.strip()[:1].islower()
    ):
        phrase = _speaker_before(
            plain, seg, plain.rfind(clause, 0, start) + len(clause) - len(clause.lstrip())
        )
    return phrase


def _named_before(pieces: list[str]) -> str:
    """The named phrase ending the last piece that does not describe: "Brina Sott, 29, of Huntsville, Ala.,"."""
    for piece in reversed(pieces):
        if not _DESCRIBING.match(piece):
            phrase = np_backward(piece)
            named = split_phrase(phrase)
            return phrase if named is not None and named.named else ""
    return ""


def _source_after(right: str) -> str:
    """The speaker phrase just after a cue or "according to", ending where an appositive begins.

    >>> _source_after(" Dara Melk, president of drama at Vistel."), _source_after(" Roffay, Trask made")
    ('Dara Melk', 'Roffay')
    >>> _source_after(" Howard Dean (D), a supporter."), _source_after(" one voter, Ilse Kern, of Dunmore.")
    ('Howard Dean', 'Ilse Kern')
    """
    phrase = np_forward(right)
    head = np_forward(re.split(r"[,;:(—–]", right, maxsplit=1)[0])
    if head and head != phrase and (sp := split_phrase(head)) is not None and sp.named:
        return head
    return phrase


def _colon_labels(seg: str, plain: str) -> list[tuple[str, str]]:
    """Names that introduce a quotation with a colon: "… - Philip Bumm: “Two weeks ago, …”".

    Only a name stands before the colon: "Trask wrote to Roffay:" has its own cue.
    """
    out = []
    for m in _COLON_QUOTE.finditer(normalise_quotes(seg)):
        label = _PIECES.split(plain[: m.start()])[-1]
        named = (sp := split_phrase(label)) is not None and sp.named
        if named and tokens(label) and all(is_cap(t) for t in tokens(label)):
            out.append((label.strip(), ":"))
    return out


def find_speakers(seg: str, headline: bool = False) -> list[tuple[str, str, str]]:
    """(speaker phrase, cue, aside) of one statement unit, in order, one per speaker.

    *aside* is "nested" for a speaker another speaker of the sentence reports ("Briggs said
    Sharpton asked for the meeting": Sharpton's asking is Briggs's report), "relative" for
    a cue inside a relative clause about the speaker ("Stevie Wonder, who joked …"), else "".
    """
    plain = outside_quotes(seg)
    found: list[tuple[str, str]] = []
    closing = ""  # who a closing ", Politico reported." or ", according to Politico." makes the source
    for m in ACCORDING.finditer(plain):
        phrase = _source_after(plain[m.end() :])
        if phrase:
            found.append((phrase, "according to"))
            if _closes(plain, m.start(), m.end() + plain[m.end() :].find(phrase) + len(phrase)):
                closing = phrase
    cues = list(CUE.finditer(plain))
    found += _colon_labels(seg, plain)
    if headline:
        cues += list(HEADLINE_CUE.finditer(plain))
        colon = HEADLINE_COLON.match(seg)
        if colon and not colon.group(1).lower().startswith(_NOT_HEADLINE_SPEAKERS):
            found.append((colon.group(1), ":"))
    asked = _ASKED.match(plain)
    said_at = -1  # where the last speaker's cue ended: a cue in its clause is reported speech
    nested: set[int] = set()
    relative: set[int] = set()
    spoke_before = False  # a cue earlier in the sentence, whoever its speaker
    for m in sorted(cues, key=lambda m: m.start()):
        cue = m.group(0)
        spoke = len(found) > len(relative)  # a speaker in the main clause, not only in an aside
        if (asked and m.start() < asked.end()) or not _speaks(m, seg, plain, spoke):
            continue  # "Asked if she believed Putin wanted …, Clinton said": the question put to her
        tail = normalise_quotes(seg)[: m.start()].rstrip()  # the quotation marks, which plain blanks
        if cue.endswith("ing"):  # "…, arguing that": the subject of the clause before it, if no one spoke yet
            phrase = "" if spoke else _clause_subject(plain, seg, m.start())
            if phrase and (sp := split_phrase(phrase)) is not None and sp.named:
                found.append((phrase, cue.lower()))
            continue
        if tail.endswith(("”", '"')) and (forward := _source_after(plain[m.end() :])):
            phrase = forward  # "… is ''not a backslapper,'' said Mr. Sperl": the speaker follows
        else:
            phrase = _speaker_before(plain, seg, m.start())
        if not phrase or phrase.lower() in ("i", "we", "you"):
            phrase = ""
            if (
                (not tail or tail.endswith((",", "”", '"')))
                and cue.lower() not in OBJECT_CUES
                and cue not in LEARNED_CUES
            ):
                forward = _source_after(plain[m.end() :])
                phrase = forward if forward.lower() not in ("i", "we", "you") else ""
        piece = _PIECES.split(plain[: m.start()])[-1]
        aside = (who := _WHO.search(piece)) is not None
        inside = phrase and phrase in (rest := piece[who.end() :] if who else "") and " that " not in rest
        if aside and (cue in LEARNED_CUES or inside):
            continue  # a deed in an aside ("who fired the chief"), or a name inside it ("who met Vell say")
        if phrase.lower() in PRONOUNS and (found or spoke_before):
            continue  # "X said … and that he had …", "Vell's aides said he … speaks": inside a report
        spoke_before = True
        if found and phrase:
            second = split_phrase(phrase)
            if second is None or not second.named:
                continue  # a second speaker in one sentence must be named
        again = next((k for k, (p, _) in enumerate(found) if p == phrase), None) if phrase else None
        if again is not None and again in relative and not aside:
            # "Ada Lind, who said …, recounted …": the main clause's cue is hers, not the aside's
            relative.discard(again)
            found[again] = (phrase, cue.lower())
            said_at = m.end()
        elif phrase and again is None:
            if 0 <= said_at < m.start() and not _CLAUSE_BREAK.search(plain, said_at, m.start()):
                nested.add(len(found))  # "Briggs said Sharpton asked for the meeting": Briggs reports it
            if aside:
                relative.add(len(found))
            found.append((phrase, cue.lower()))
            said_at = m.end()
            if cue.lower() in _REPORTED_BY and _closes(plain, *_extent(plain, phrase, m)):
                closing = phrase
    if closing and len(found) > 1:  # "Lund sought to restore the deal, Politico reported.": Politico's report
        # only deeds the cue lexicon learned ("sought"): "“…,” Trump said, Politico reported" stays Trump's quote
        demoted = {
            k for k, (p, c) in enumerate(found) if p != closing and c in LEARNED_CUES and k not in relative
        }
        nested = (nested | demoted) - {k for k, (p, _) in enumerate(found) if p == closing}
    asides = {**dict.fromkeys(relative, "relative"), **dict.fromkeys(nested, "nested")}
    return [(phrase, cue, asides.get(k, "")) for k, (phrase, cue) in enumerate(found)]


# What a headline's "X: …" may open with that is no speaker ("Watch: …", "Wow: Al Sharpton …").
_NOT_HEADLINE_SPEAKERS = (
    "the ",
    "update",
    "watch",
    "exclusive",
    "breaking",
    "wow",
    "whoa",
    "video",
    "poll",
    "live",
    "opinion",
)


def _speaks(m: re.Match[str], seg: str, plain: str, after_a_speaker: bool) -> bool:
    """Whether a cue word, where it stands, is someone speaking (and not a noun, a deed or a passive)."""
    cue, at = m.group(0), m.start()
    if _NOT_SPEECH.match(f"{cue.lower()} {plain[m.end() :].lstrip()[:12].lower()}"):
        return False  # "called for", "reported from Kabul", "compared to", "agreed to a moratorium"
    if after_a_speaker and cue in LEARNED_CUES:
        return False  # a learned cue inside a reported clause ("… whether Pence would endorse him")
    if _PASSIVE.search(normalise_quotes(seg), 0, at):
        return False  # "Mr. Quiros was accused of …", "Reagan was once asked": the subject did not speak
    if (cue.lower() in NOUN_CUES and _POSSESSIVE.search(plain, 0, at)) or _OWNER.search(plain, 0, at):
        return False  # "Watch the full video of Beck’s remarks below:", "Their fear that …": a noun
    # "X called Y ''driven'' and asserted …": the verb shares X as its subject
    return not (after_a_speaker and _COORDINATED.search(plain, 0, at))


# A cue in the passive voice names who was spoken to or of, not a speaker.
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+|once\s+|not\s+|also\s+)?$"
)
# A question put to the speaker opens the sentence: "Asked whether Vell would run, Dask said …".
_ASKED = re.compile(r"[\W_]*(?:When\s+)?[Aa]sked\s+(?:if|whether|about|why|how|what|who|when)\b[^,]*,")
# A possessive just before a cue that is also a noun: "Beck’s remarks".
_POSSESSIVE = re.compile(r"\w[’']s\s+$")
_OWNER = re.compile(r"\b(?:his|her|their|its|our|my|your)\s+$", re.IGNORECASE)
# Where one speaker's clause ends and another's may begin: "X said A; Y said B", "…, while Y said".
# Verbs of a source that closes a sentence with what it reported: "…, Politico reported."
_REPORTED_BY = frozenset(["reported", "reports", "said", "says", "wrote", "writes", "according to"])


def _extent(plain: str, phrase: str, cue: re.Match[str]) -> tuple[int, int]:
    """Where a source and its cue stand together: "Politico reported" or "said Politico"."""
    after = plain.find(phrase, cue.end(), cue.end() + 3 + len(phrase))
    if after >= 0:
        return cue.start(), after + len(phrase)
    return plain.rfind(phrase, 0, cue.start()), cue.end()


def _closes(plain: str, start: int, end: int) -> bool:
    """Whether ``plain[start:end]`` (a source and its verb) closes the sentence after a comma.

    >>> s = "Lund sought to restore the deal, Politico reported on Monday."
    >>> _closes(s, s.index("Politico"), s.index(" on"))
    True
    >>> s = "Lund said Politico reported it."
    >>> _closes(s, s.index("Politico"), s.index(" it"))
    False
    """
    if start < 0 or not plain[:start].rstrip().endswith(","):
        return False
    rest = plain[end:]
    time = TRAILING_TIME.search(rest.rstrip(" .!?\n"))
    if time is not None and time.start() == 0:
        rest = rest[time.end() :]
    return re.fullmatch(r"(?:\s+\w+ly)?\s*[.!?]?[\s\W]*", rest) is not None


_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s+(?:and|but|while|whereas|though|although)\b|\s-\s")
# A verb coordinated with an earlier one: "… and asserted", "… but also warned".
_COORDINATED = re.compile(r"\b(?:and|but|or)\s+(?:(?:\w+ly|also|then|later)\s+)?$")
_NOT_SPEECH = re.compile(
    r"(?:called|calls) (?:for|off|up)\b|reported from\b|compared (?:to|with)\b"
    r"|states (?!that\b)(?:[a-z]|[.;)]|$)|cited (?:in|by)\b|admitted (?:to|into) (?!\w+ing\b)"  # "Rust Belt states", passives
    r"|agreed to\b|responded by\b"  # deeds, not words: "agreed to a moratorium", "responded by settling"
)

_SUBJECT_VERB = re.compile(
    r"^(?:[^,\"“]{0,60},\s+)?(?:(?:But|And|Yet|So|Still|Meanwhile|However|Instead),?\s+)?"
    r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:(?:\w+ly|both|also|still|now|then|even|has|had|have)\s+)?"
    r"(?:(?:is|was|has been|remains|remained)\s+(?:\w+\s+)?(?:bearish|bullish|skeptical|sceptical|confident|"
    r"optimistic|pessimistic|critical|convinced|adamant|sure|worried|concerned|opposed|supportive|passionate|"
    r"hopeful|wary|doubtful|certain|clear)|supported|supports|opposed|opposes|backed|backs|favou?rs|favou?red|"
    r"rejected|rejects|doubts|doubted|expects|likes|liked|loves|hates|went on|documents|highlights|endorsed|"
    r"considers|considered|sees|saw|views|viewed|regards|regarded|accepts|accepted)\b"
)


def subject_phrase(seg: str, known: set[str]) -> str:
    """A named person who is the subject of the sentence ("Cruz exhorted …", "Mr. McKinley is …")."""
    m = _SUBJECT_VERB.match(seg.lstrip("“\"' "))
    if not m:
        return ""
    phrase = m.group(1)
    sp = split_phrase(phrase)
    if sp is None or not sp.named or sp.name.split()[-1].lower() not in known:
        return ""
    return phrase
