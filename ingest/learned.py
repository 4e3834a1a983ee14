"""Attributions the cue rules miss, scored by a model learned from annotated news.

News attributes far more than "X said": "Mr. Kamp was more upbeat about …", "Gowdy
touted progress …", "Roffman sent a second letter retracting his apology". The cue
rules of :mod:`ingest.cues` find the reporting verbs; this module looks at the
sentences they leave without a speaker. Each mention there of a person the article
names is a *candidate*, described by a few words around it (the word before, the
verb after it past any appositive or adverb, whether a "that" clause or a quotation
follows, where in the sentence it stands). A logistic model learned from
polnear-train (``make train-attribution``, :mod:`evaluation.subjects`) gives the
probability that the sentence reports that person's words, views or stance; at
:data:`THRESHOLD` or above the sentence becomes one of their statements, marked
``resolved_from="learned"`` and labelled *reported* where it is shown.

The model is a table of feature weights (``ingest/data/subjects.tsv``), read once on
first use; scoring is a sum of weights — no library, deterministic, microseconds a
sentence. Without the file nothing is added.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.lexicon import FUNCTION_WORDS

MODEL_FILE = Path(__file__).with_name("data") / "subjects.tsv"
# Chosen by 5-fold cross-validation on polnear-train (never on polnear-dev). Recall / precision
# of the benchmark with the features of 7 December (a dash aside skipped, function words never
# the verb, "cue-near"; `briefing eval --folds 5 --no-naive`, 20:48–21:00 UTC): 0.3: 0.841 /
# 0.902; 0.35: 0.830 / 0.908; 0.4: 0.817 / 0.910 — against 0.819 / 0.905 at 0.4 with the
# features before. At 0.35 both are above the earlier model's; at 0.3 answers with others'
# words rose from 0.045 to 0.050. (November, rules alone: 0.746 / 0.888.) What it adds is
# labelled "reported".
THRESHOLD = 0.35
# Weights that replace the committed ones while set (cross-validation trains one set per fold).
ACTIVE: dict[str, float] | None = None
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[“”\"':;,()—-]")
_AUX = frozenset(
    re.findall(
        r"\w+",
        "is was are were be been has have had will would may might can could should did does do "
        "also still now then even not never just already again only later first once however "
        "more most less very too",
    )
)
_OPENERS = frozenset(re.findall(r"\w+", "but and so yet still meanwhile however instead"))
# Never the verb after a mention: "Trump at the time …", "Sanders often questions …".
_SKIP = FUNCTION_WORDS - {"who", "which", "that"} | {"often", "again", "sometimes", "nonetheless"}
_QUOTES = "“”\"'‘’"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person mention in a sentence the rules gave nobody."""

    start: int  # the mention, in article offsets
    end: int
    sentence: tuple[int, int]  # the sentence it is in, in article offsets
    features: tuple[str, ...]


def features(seg: str, start: int, end: int, headline: bool = False) -> tuple[str, ...]:
    """The words around the mention ``seg[start:end]`` that tell an attribution.

    >>> f = features("Mr. Kamp was more upbeat about NATO.", 0, 8)
    >>> [x for x in f if x.startswith(("verb=", "pos="))]
    ['pos=first', 'verb=upbeat']
    """
    before = [w.lower() for w in _WORD.findall(seg[:start])]
    after_text = seg[end:]
    out = ["bias"]
    words_before = [w for w in before if w[0].isalpha()]
    first = not words_before or all(w in _OPENERS for w in words_before)
    out.append("pos=first" if first else "pos=mid")
    prev = before[-1] if before else "<s>"
    out.append(f"prev={prev}")
    if len(before) >= 2:
        out.append(f"prev2={before[-2]}_{prev}")
    if re.search(r"[’']s?$", seg[start:end]) or re.match(r"[’']s\b", after_text):
        out.append("possessive")  # "Stoltenberg’s warning …": the mention may hold the ’s or not
        after_text = after_text[2:] if re.match(r"[’']s\b", after_text) else after_text
    if re.match(r"\s*(?:\([^)]{1,30}\)\s*)?:", after_text):
        out.append("colon")
    if re.match(r"\s*,", after_text):
        # an appositive: "Sen. Mark Kirk, R-Ill., who faces a tough race, rescinded …"
        close = re.search(r",\s+(?=[a-z])(?!(?:who|which|that|a|an|the|and|of|in)\b)", after_text[1:200])
        out.append("appositive")
        after_text = after_text[close.end() + 1 :] if close else after_text
    dash = re.match(r"\s*([–—])", after_text)
    if dash:  # "Governor Chris Christie – a Dallas Cowboys fan – gave …": past the aside
        shut = after_text.find(dash.group(1), dash.end(), dash.end() + 120)
        after_text = after_text[shut + 1 :] if shut > 0 else after_text
    words = [w.lower() for w in _WORD.findall(after_text)[:12]]
    plain = [w for w in words if w[0].isalpha()]
    verb = next((w for w in plain if w not in _AUX and w not in _SKIP and not w.endswith("ly")), "")
    if plain:
        out.append(f"w1={plain[0]}")
    if verb and "possessive" in out:  # "Ms. Brainard's case for …": a noun, not a verb
        out.append(f"noun={_lemma(verb)}")
    elif verb:
        out.append(f"verb={verb}")
        out.append(f"lemma={_lemma(verb)}")
        if _lemma(verb) in _cue_lemmas():  # "is telling": a reporting verb the rules know as "told"
            out.append("cue-lemma")
        out.append(f"suffix={verb[-3:]}")
    if verb:
        at = plain.index(verb) + 1
        following = plain[at : at + 1]
        out.append(f"then={following[0] if following else '</s>'}")
    if plain[:1] and plain[0] in _AUX:
        out.append(f"aux={plain[0]}")
    if "that" in plain[:8]:
        out.append("that")
    if any(_lemma(w) in _cue_lemmas() for w in plain[:8] if w != verb):
        out.append("cue-near")  # "Trump at the time said he'd asked …"
    if any(q in seg[end:] for q in _QUOTES if q not in "'’"):
        out.append("quote-after")
    if any(q in seg for q in '“”"'):
        out.append("quote")
    if headline:
        out.append("headline")
    out.append(f"length={min(len(seg) // 80, 4)}")
    return tuple(out)


def _lemma(word: str) -> str:
    """A crude stem, so "touted", "touts" and "touting" share a weight.

    >>> [_lemma(w) for w in ("touted", "touts", "touting", "criticizes", "said")]
    ['tout', 'tout', 'tout', 'criticiz', 'said']
    """
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


@cache
def _cue_lemmas() -> frozenset[str]:
    """Stems of the words of the cue lexicon (hand-written and learned)."""
    from ingest.lexicon import HAND_CUES, LEARNED_CUES

    return frozenset(_lemma(w) for w in re.findall(r"[a-z]{3,}", HAND_CUES + " " + " ".join(LEARNED_CUES)))


@cache
def _weights(path: Path = MODEL_FILE) -> dict[str, float]:
    """The model's feature weights (empty when the file is missing)."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text("utf-8").splitlines():
        name, _, value = line.rpartition("\t")
        if name:
            out[name] = float(value)
    return out


def probability(feats: tuple[str, ...], weights: dict[str, float] | None = None) -> float:
    """The model's probability that the candidate is an attribution."""
    w = weights if weights is not None else ACTIVE if ACTIVE is not None else _weights()
    if not w:
        return 0.0
    z = sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Scores a candidate; training passes a recorder instead.
Judge = Callable[[Candidate], float]


def default_judge(candidate: Candidate) -> float:
    """The committed model's probability (a sentence goes to its likeliest candidate at :data:`THRESHOLD`)."""
    return probability(candidate.features)
