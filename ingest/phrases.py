"""Speaker phrases: reading who a sentence quotes, and how, from its words alone.

For one statement unit (a sentence, or sentences joined by an open quotation)
these helpers find the cue ("said", "mentioned", "according to" …) and the
noun phrase beside it — before the cue ("Kremlin spokesperson Dmitry Peskov
said"), after it ("…,” said Peskov"), past one appositive ("Jonas Ekberg, the
mayor, said") — and split that phrase into a role and a name. They know nothing
of the article around the sentence; :mod:`ingest.quotes` resolves pronouns,
roles and name variants across it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.lexicon import (
    ADVERBS,
    CONNECTORS,
    DETERMINERS,
    GENDERED_ROLES,
    GENDERED_TITLES,
    HAND_CUE,
    HEADLINE_ADVERBS,
    HONORIFICS,
    LEADERS,
    NOT_DESCRIBING,
    NOT_FIRST_NAMES,
    ORG_HEADS,
    PARTY_TAG,
    PRONOUNS,
    ROLES,
    SPEECH_NOUNS,
    TOKEN,
    TRAILING_TIME,
    WEEKDAYS,
    name_gender,
)
from ingest.text import Span


@dataclass(slots=True)
class Speaker:
    """A speaker as named in one article."""

    name: str
    role: str = ""
    gender: str = ""
    named: bool = True
    surface: str = ""
    speaking_for: str = ""  # "Mara Vell" for "a spokeswoman for Mara Vell"
    titled: str = ""  # the roles the article's titles give this person ("president" for "President Harl")

    @property
    def key(self) -> str:
        """Lower-case canonical name, the grouping key across articles."""
        return self.name.lower()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


def _clean(tok: str) -> str:
    tok = re.sub(r"[’']s$", "", tok)
    if re.fullmatch(r"(?:[A-Z]\.){2,}", tok):
        return tok  # "U.S." keeps its last period
    return tok.strip(".,;:")


def np_backward(left: str, descriptor: bool = False) -> str:
    """The noun phrase that ends ``left`` (the text just before a cue), or ''."""
    left = TRAILING_TIME.sub("", left)
    toks = tokens(left)
    while toks and (toks[-1].lower() in ADVERBS or (toks[-1].endswith("ly") and toks[-1].islower())):
        toks.pop()
    if toks and toks[-1].lower() in PRONOUNS:
        return toks[-1]
    out: list[str] = []
    for tok in reversed(toks):
        low = tok.lower()
        if is_cap(tok) or low in ROLES or (low in CONNECTORS and out) or re.fullmatch(r"[A-Z]\.", tok):
            out.append(tok)
            continue
        if low in DETERMINERS and out:
            out.append(tok)
        break
    while out and out[-1].lower() in CONNECTORS - {"the"}:
        out.pop()
    if not out and descriptor:
        return _descriptor(" ".join(toks[-4:]), at_end=True)
    return " ".join(reversed(out))


_DET = r"(?:a|an|the|one|another|some)"
_DESCRIPTOR = re.compile(rf"\b{_DET}\s+(?:(?!{_DET}\s)[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*$")


_DESCRIBED = re.compile(
    r"\s*((?:a|an|one|another)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)"
    r"(?:\s*,\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}))?"
)
# Lower-case heads that are things, not people, after a determiner.
_NOT_SPEAKERS = frozenset(
    [
        "statement",
        "report",
        "ad",
        "video",
        "letter",
        "memo",
        "book",
        "poll",
        "survey",
        "study",
        "release",
        "tweet",
        "post",
        "email",
        "interview",
        "speech",
        "bill",
        "law",
        "plan",
        "way",
        "time",
        "day",
        "week",
        "year",
        "lot",
        "number",
        "source",
    ]
)


def _descriptor(words: str, at_end: bool = False) -> str:
    """A lower-case speaker like "a narrator" or "one voter" (nobody named), or ''.

    >>> _descriptor("in an ad a narrator", at_end=True), _descriptor("the bill", at_end=True)
    ('a narrator', '')
    """
    m = _DESCRIPTOR.search(words) if at_end else _DESCRIPTOR.match(words)
    if not m or m.group(0).split()[-1] in _NOT_SPEAKERS:
        return ""
    return m.group(0)


# "Varna delegate Orm Kessel", "Coast Wire co-host Lina Brask": capitalised words, then
# lower-case words describing the person, then the person's name (the head of the phrase).
_NAMED_AFTER_DESCRIPTION = re.compile(
    r"\s*(?:[A-Z][\w.’'&-]*\s+){1,5}((?:[a-z][a-z-]*\s+){1,4})([A-Z][\w’'-]*(?:\s+[A-Z][\w.’'-]*){1,3})"
)


def _named_after_description(right: str) -> str:
    """The name ending "<Capitalised> <description> <First Last>", when a description word is not a role.

    >>> _named_after_description(" Montclair State University political scientist Ada Vell.")
    'Ada Vell'
    >>> _named_after_description(" Obama in New York."), _named_after_description(" Tory campaign manager Ada Vell")
    ('', '')
    """
    m = _NAMED_AFTER_DESCRIPTION.match(right)
    if not m:
        return ""
    described = m.group(1).split()
    if any(w in NOT_DESCRIBING or (w.endswith(("ing", "ed")) and "-" not in w) for w in described):
        return ""  # "said Obama in New York", "said Obama, calling …": no description
    if all(w in ROLES for w in described):
        return ""  # read whole, as before: "Tory campaign manager Ada Vell"
    name = m.group(2)
    return name[:-1] if re.search(r"\w\w\.$", name) else name  # the sentence's full stop, not "J."


def np_forward(right: str) -> str:
    """The noun phrase that starts ``right`` (the text just after a cue), or ''.

    >>> np_forward(" one voter, Ilse Kern, of Dunmore."), np_forward(" a narrator in the ad.")
    ('Ilse Kern', 'a narrator')
    >>> np_forward(" Coast delegate Ilse Kern, angered.")
    'Ilse Kern'
    """
    m = _DESCRIBED.match(right)
    if m and not any(w in ROLES for w in m.group(1).split()):
        return m.group(2) or _descriptor(m.group(1))
    if named := _named_after_description(right):
        return named
    toks = tokens(right)
    if toks and toks[0].lower() in PRONOUNS:
        return toks[0]
    out: list[str] = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        if out and re.search(r"[’']s$", tok) and is_cap(tok) and i + 1 < len(toks):
            out = []  # "Ronald Reagan's former education secretary William J. Bennett": whose, not who
            continue
        if not out or all(not is_cap(t) for t in out):
            ahead = [t.lower() for t in toks[i : i + 5]]
            if not is_cap(tok) and low not in ROLES and any(a in ROLES for a in ahead[1:]):
                out.append(tok)  # a descriptor before the role word
                continue
        if is_cap(tok) or low in ROLES or (low in CONNECTORS and out) or (low in DETERMINERS and not out):
            out.append(tok)
            if tok.endswith(".") and not (tok.lower() in HONORIFICS or re.fullmatch(r"[A-Z]\.", tok)):
                break
            continue
        break
    while out and out[-1].lower() in CONNECTORS | DETERMINERS:
        out.pop()
    return " ".join(out)


# Someone who speaks for a named person or body: "a spokeswoman for Mara Vell".
_PROXY = re.compile(
    r"(?:[Aa]n?\s+|[Tt]he\s+)?((?:[a-z-]+\s+){0,2}(?:spokes(?:man|woman|person)|press secretary|aide|adviser|advisor|"
    r"lawyer|attorney|representative|campaign manager|campaign|staffer|official))\s+(?:for|of|to)\s+"
    r"((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$"
)


# The same, possessive: "Cameron's spokesman", "Clinton's campaign".
_PROXY_OF = re.compile(
    r"(?:[Tt]he\s+)?((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s?\s+((?:[a-z-]+\s+){0,2}(?:spokes(?:man|woman|person)|"
    r"press secretary|aide|adviser|advisor|lawyer|attorney|representative|campaign manager|campaign|office))$"
)


# A named person's own writing or words: "Schlafly's final column", "Mara Vell's statement".
_WORDS_OF = re.compile(
    r"(?:[Tt]he\s+)?((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s?\s+(?:[A-Za-z-]+\s+){0,2}(?i:"
    + "|".join(sorted(SPEECH_NOUNS, key=len, reverse=True))
    + r")"
)


def _nobody_named(phrase: str) -> Speaker | None:
    """A pronoun, a descriptor ("a narrator", "one voter") or someone speaking for another.

    >>> s = _nobody_named("Cameron’s spokesman")
    >>> (s.named, s.role, s.speaking_for)
    (False, 'spokesman', 'Cameron')
    """
    low = phrase.lower()
    if low in PRONOUNS or _DESCRIPTOR.fullmatch(phrase):
        return Speaker(name=low, named=False, surface=phrase)
    proxy = _PROXY.match(phrase)
    if proxy:
        return Speaker(
            name=phrase, role=proxy.group(1), named=False, surface=phrase, speaking_for=proxy.group(2)
        )
    proxy = _PROXY_OF.match(phrase)
    if proxy:
        return Speaker(
            name=phrase, role=proxy.group(2), named=False, surface=phrase, speaking_for=proxy.group(1)
        )
    return None


def _organisation(phrase: str, joint: int) -> Speaker | None:
    """A body named "X of Y" whose head X is an organisation word, as one name.

    "The Centers for Disease Control and Prevention" is one speaker, where "Sofia
    Brandt of the Lantern Relief Society" is a person and her affiliation.
    """
    head = tokens(phrase[:joint])
    while head and (head[0].lower() in DETERMINERS or not is_cap(head[0])):
        head.pop(0)
    if not head or _clean(head[-1]).lower() not in ORG_HEADS:
        return None
    rest = phrase[joint:].split()
    if not all(is_cap(t) or t.lower() in CONNECTORS for t in rest):
        return None
    name = " ".join([*head[:-1], _clean(head[-1]), *(_clean(t) for t in rest)])
    return Speaker(name=name, named=True, surface=phrase)


# Words that open a clause, never a role: "What", "After", "When".
_CLAUSE_WORDS = frozenset(
    ["what", "which", "how", "why", "where", "when", "whenever", "after", "before", "while", "if", "as"]
)


def _head_words(phrase: str) -> list[str]:
    """The words of a phrase from where a role or name can begin (no "the", "What", "Leading")."""
    toks = [t for t in phrase.split() if t and not PARTY_TAG.fullmatch(t)]
    while toks and (
        toks[0].lower() in DETERMINERS | LEADERS
        or (toks[0].lower() in CONNECTORS and not _particle_name(toks))
        or toks[0].lower() in _CLAUSE_WORDS  # "What Mr. Trump considers …", "After former Gov. Jerry Brown"
        or (toks[0].endswith("ing") and len(toks) > 1)  # "Leading Democrat Mara Vell", not "Ebeling"
    ):
        toks.pop(0)
    # "Broaddrick Sunday night recounted"; a headline's "Al Sharpton Just Said …"
    while len(toks) > 1 and (
        toks[-1].lower() in WEEKDAYS or (toks[-1][:1].isupper() and toks[-1].lower() in HEADLINE_ADVERBS)
    ):
        toks.pop()
    return toks


def _particle_name(toks: list[str]) -> bool:
    """Whether a phrase opens with a name particle that is part of the name ("Al Sharpton", "De Blasio")."""
    return len(toks) > 1 and toks[0] in _PARTICLES and is_cap(toks[1])


_PARTICLES = frozenset(["Al", "De", "La", "Le", "Van", "Von", "Der", "Bin"])


def _titled_after_of(head: str, rest: str) -> Speaker | None:
    """The person a title phrase with "of" ends in: "Speaker of the House Rep. Paul Ryan".

    Only after a title of one or two capitalised role words, and only a full name with its own
    title ("Mayor Ilse Kern of Des Moines" and "Ilse Kern of the University of Dunmore Law School"
    stay people of a place).

    >>> s = _titled_after_of("Speaker", "House Rep. Mara Vell")
    >>> (s.name, s.role)
    ('Mara Vell', 'Speaker of House Rep.')
    """
    before = tokens(head)
    if not 1 <= len(before) <= 2 or not all(is_cap(t) and t.lower().rstrip(".") in ROLES for t in before):
        return None  # "Stephen Vladeck of the University of Texas" is a person of a place
    inner = split_phrase(rest)
    if inner is None or not inner.named or len(inner.name.split()) < 2 or not inner.role:
        return None
    return replace(inner, role=f"{' '.join(before)} of {inner.role}", surface=f"{head} of {rest}")


def _described_name(toks: list[str]) -> list[str]:
    """The full name that ends a phrase after a description the role words do not cover.

    "Trump ally Newt Gingrich", "longtime friend Mara Vell": two or more capitalised words after a
    lower-case one. One word alone is not enough ("the Paris" of "the Paris attacks").

    >>> _described_name("Trump ally Newt Gingrich".split()), _described_name("senior Obama".split())
    (['Newt', 'Gingrich'], [])
    """
    k = len(toks)
    while k > 0 and is_cap(toks[k - 1]):
        k -= 1
    run = toks[k:]
    if k == 0 or len(run) < 2 or not toks[k - 1][:1].islower() or toks[k - 1].lower() in CONNECTORS:
        return []
    if run[0].lower() in NOT_FIRST_NAMES or run[-1].lower().strip(".") in ORG_HEADS:
        return []
    return run


def split_phrase(phrase: str) -> Speaker | None:
    """Role and name of a speaker phrase.

    >>> s = split_phrase("Kremlin spokesperson Dmitry Peskov")
    >>> (s.name, s.role)
    ('Dmitry Peskov', 'Kremlin spokesperson')
    >>> s = split_phrase("Relief coordinator Sofia Brandt of the Lantern Relief Society")
    >>> (s.name, s.role)
    ('Sofia Brandt', 'Relief coordinator of the Lantern Relief Society')
    >>> split_phrase("Western officials").named
    False
    >>> (split_phrase("What Mr. Vell").role, split_phrase("After former Gov. Ilse Kern").role)
    ('', 'former Gov.')
    >>> s = split_phrase("A spokeswoman for Mara Vell")
    >>> (s.named, s.role, s.speaking_for)
    (False, 'spokeswoman', 'Mara Vell')
    >>> [(s.name, s.named) for s in map(split_phrase, ["Vell’s Final Column", "Mara Vell's statement"])]
    [('Vell', True), ('Mara Vell', True)]
    """
    phrase = phrase.strip(" ,.;:")
    if not phrase:
        return None
    nobody = _nobody_named(phrase)
    if nobody is not None:
        return nobody
    own = _WORDS_OF.fullmatch(phrase)
    # "Schlafly's Final Column explains …" is Schlafly's writing, not a person "Schlafly Final Column"
    if own:
        author = split_phrase(own.group(1))
        if author is not None and author.named:
            return replace(author, surface=phrase)
    if not any(is_cap(t) or t.lower() in ROLES for t in phrase.split()):
        return None
    affiliation = ""
    m = re.search(r"\s(?:of|for|at|with)\s(?:the\s)?(.+)$", phrase)
    if m and (titled := _titled_after_of(phrase[: m.start()], m.group(1))) is not None:
        return titled
    head = tokens(phrase[: m.start()])[-1] if m else ""
    if m and re.match(r"[A-Z]", m.group(1)) and is_cap(head) and head.lower() not in ROLES:
        org = _organisation(phrase, m.start())
        if org is not None:
            return org
        affiliation = phrase[m.start() :].strip()
        phrase = phrase[: m.start()]
    toks = _head_words(phrase)
    if not toks:
        return None
    if is_cap(toks[-1]) and toks[-1].lower().strip(".") in ORG_HEADS:
        caps = [t for t in toks if is_cap(t) or t.lower() in CONNECTORS]
        if len(caps) == len(toks) or toks[-1].isupper():
            return Speaker(name=" ".join(_clean(t) for t in toks), named=True, surface=phrase)
    # The name is what follows the last role word; title words before it are role.
    last_role = -1
    for i, tok in enumerate(toks):
        if tok.lower().rstrip(".") in ROLES or tok.lower() in HONORIFICS:
            last_role = i
    name_toks = toks[last_role + 1 :]
    role_toks = toks[: last_role + 1]
    if name_toks and name_toks[0] in ("of", "for"):  # "Speaker of the House Paul Ryan": from a given name on
        given = next((i for i in range(1, len(name_toks) - 1) if name_gender(" ".join(name_toks[i:]))), 0)
        role_toks, name_toks = role_toks + name_toks[:given], name_toks[given:]
    gender = ""
    for tok in role_toks:
        gender = GENDERED_TITLES.get(tok.lower(), "") or GENDERED_ROLES.get(tok.lower(), "") or gender
    named = bool(name_toks) and all(is_cap(t) or t.lower() in CONNECTORS for t in name_toks)
    if not named and (described := _described_name(toks)):  # "Trump ally Newt Gingrich"
        role_toks, name_toks, named = toks[: -len(described)], described, True
    if not named:
        head = " ".join(toks)
        return Speaker(
            name=head, role=" ".join([head, affiliation]).strip(), gender=gender, named=False, surface=phrase
        )
    name = " ".join(_clean(t) for t in name_toks)
    gender = gender or name_gender(name)
    role = " ".join(t for t in role_toks if t.lower() not in GENDERED_TITLES)
    role = " ".join(p for p in (role, affiliation) if p)
    return Speaker(name=name, role=role, gender=gender, named=True, surface=" ".join(toks))


def quote_units(text: str, sents: list[Span]) -> list[Span]:
    """Sentences joined while a quotation stays open across them."""
    units: list[Span] = []
    current: Span | None = None
    open_quote = False
    for sent in sents:
        current = sent if current is None else Span(current.start, sent.end)
        for ch in normalise_quotes(sent.of(text)):
            if ch == "“":
                open_quote = True
            elif ch == "”":
                open_quote = False
            elif ch == '"':
                open_quote = not open_quote
        if not open_quote:
            units.append(current)
            current = None
    if current is not None:
        units.append(current)
    return _with_tails(text, units)


# A question or exclamation closing a quotation: the sentence splitter ends the sentence there.
_ASKED_CLOSE = re.compile(r"[?!]\s*[”\"]\s*$")
# What is left of it: "Biden said.", "Mr. Vell asked on Monday.", "said Mara Vell." (short, with a cue).
_CUE_TAIL = re.compile(
    r"\s*(?:[A-Z][\w.’'-]*\s+){0,4}(?:[a-z]+ly\s+)?[a-z]+(?:\s+[A-Z]?[\w.’'-]+){0,4}\s*[.!]?\s*"
)


def _with_tails(text: str, units: list[Span]) -> list[Span]:
    """Units with a cue left on its own after "?”" joined to the quotation it closes.

    >>> t = "“Does he not understand?” Biden said. It rained."
    >>> [u.of(t) for u in _with_tails(t, [Span(0, 25), Span(26, 37), Span(38, 48)])]
    ['“Does he not understand?” Biden said.', 'It rained.']
    """
    out: list[Span] = []
    for unit in units:
        seg = unit.of(text)
        if (
            out
            and len(seg.split()) <= 8
            and _CUE_TAIL.fullmatch(seg)
            and HAND_CUE.search(seg)
            and _ASKED_CLOSE.search(normalise_quotes(out[-1].of(text)))
        ):
            out[-1] = Span(out[-1].start, unit.end)
        else:
            out.append(unit)
    return out


def normalise_quotes(seg: str) -> str:
    """``seg`` with two-apostrophe quotes (''like this'') as one double quote and a space; same length.

    >>> normalise_quotes("''We will,'' he said.")
    '" We will,"  he said.'
    """
    return seg.replace("''", '" ')


def outside_quotes(seg: str) -> str:
    """``seg`` with quoted stretches blanked out (cues inside quotations are not cues)."""
    out = []
    inside = False
    last = ""
    for ch in normalise_quotes(seg):
        if ch in '“”"':
            closing = inside and ch != "“"
            inside = ch == "“" or (ch == '"' and not inside)
            out.append("," if closing and last == "," else " ")  # “Morning Joe,” keeps its comma
        else:
            out.append(" " if inside else ch)
        last = ch if not ch.isspace() else last
    return "".join(out)
