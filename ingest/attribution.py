"""Learned attribution: which person, if any, a stretch of an article reports.

The rules of :mod:`ingest.quotes` and the name mentions of :mod:`ingest.mentions`
propose candidates: for each statement unit (a sentence, or sentences joined by
an open quotation) every entity named in it, the entity the rules chose, and the
people named just before it. A logistic-regression model scores each
(unit, entity) pair from sparse, readable features — the words around the
mention, quotation marks, cue verbs, what the rules said, how recently the
entity was named — and pairs above the model's threshold become statements.

The model was trained on the PolNeAR training articles by
``make train-attribution`` (:mod:`evaluation.training`); its file
``ingest/data/attribution.json`` holds the feature weights by name, so scoring
is a dictionary lookup per feature and needs no numerical library.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.lexicon import _CUE, NAME_TITLES, PRONOUNS
from ingest.mentions import Entity, Mention, find_mentions, group_entities
from ingest.text import Span, paragraphs, sentences

MODEL_PATH = Path(__file__).with_name("data") / "attribution.json"
_WORD = re.compile(r"[A-Za-z][\w’'-]*|[“”\"‘’,:;—()]")
_QUOTES = '“”"'
POSSESSIVES = ("’s", "'s")


@dataclass(slots=True)
class Unit:
    """A statement unit: one sentence, or sentences joined by an open quotation."""

    span: Span
    para: int
    headline: bool
    mentions: list[Mention] = field(default_factory=list)
    rule: dict[int, str] = field(default_factory=dict)  # entity -> how the rules attributed the unit


@dataclass(slots=True)
class Article:
    """One article as the scorer sees it."""

    text: str
    units: list[Unit]
    entities: list[Entity]


def quote_units(text: str, sents: list[Span]) -> list[Span]:
    """Sentences joined while a quotation stays open across them."""
    units: list[Span] = []
    current: Span | None = None
    open_quote = False
    for sent in sents:
        current = sent if current is None else Span(current.start, sent.end)
        for ch in sent.of(text).replace("''", '""'):
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
    return units


def read_article(text: str, body: Span, rule_spans: list[tuple[int, int, str, str]]) -> Article:
    """Units, mentions and entities of an article; ``rule_spans`` are the rules' (start, end, name, how)."""
    paras = paragraphs(text, body.start, body.end)
    units: list[Unit] = []
    for number, para in enumerate(paras):
        headline = number == 0 and len(paras) > 1 and "\n" not in para.of(text) and len(para.of(text)) < 200
        for span in quote_units(text, sentences(text, para.start, para.end)):
            units.append(Unit(span, number, headline))
    mentions = find_mentions(text, body.start, body.end)
    entities = group_entities(mentions)
    k = 0
    for unit in units:
        while k < len(mentions) and mentions[k].start < unit.span.start:
            k += 1
        j = k
        while j < len(mentions) and mentions[j].end <= unit.span.end:
            unit.mentions.append(mentions[j])
            j += 1
    _attach_rules(units, entities, rule_spans)
    return Article(text, units, entities)


def _attach_rules(units: list[Unit], entities: list[Entity], rule_spans: list[tuple[int, int, str, str]]) -> None:
    for start, end, name, how in rule_spans:
        ent = entity_named(entities, name)
        if ent is None:
            continue
        for unit in units:
            if unit.span.start < end and start < unit.span.end:
                unit.rule.setdefault(ent.key, how or "named")


def entity_named(entities: list[Entity], name: str) -> Entity | None:
    """The entity whose name or forms best match ``name`` (surname first)."""
    parts = name.split()
    if not parts:
        return None
    surname = re.sub(r"[’']s?$", "", parts[-1]).lower()
    first = parts[0].lower() if len(parts) > 1 else ""
    best = None
    for ent in entities:
        if name in ent.forms or ent.name == name:
            return ent
        if ent.surname == surname and (not first or not ent.name.split()[0].lower() != first or best is None):
            best = ent
    return best


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def _context_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])][-3:]
    after = [w.lower() for w in _WORD.findall(text[end : end + 60])][:3]
    return before, after


def _inside_quotes(seg: str, pos: int) -> bool:
    inside = False
    for ch in seg[:pos].replace("''", '""'):
        if ch in _QUOTES:
            inside = ch == "“" or (ch == '"' and not inside)
    return inside


def pair_features(article: Article, i: int, ent: Entity, last_seen: dict[int, int]) -> list[str]:
    """Readable features of (unit ``i``, ``ent``)."""
    unit = article.units[i]
    text = article.text
    seg = unit.span.of(text)
    feats = ["bias"]
    quoted = sum(1 for ch in seg if ch in _QUOTES) + seg.count("''")
    q = "q" if quoted else "nq"
    start_q = seg.lstrip()[:1] in "“\"'‘"
    feats += [q, "startq" if start_q else "nstartq"]
    if unit.headline:
        feats.append("headline")
    plain_cues = [m.group(0).lower() for m in _CUE.finditer(_blank_quotes(seg))]
    feats += [f"cue={c}" for c in plain_cues[:3]] or ["nocue"]
    feats.append(f"pron_cue={_pronoun_cue(seg)}")
    mine = [m for m in unit.mentions if m.entity == ent.key]
    others = {m.entity for m in unit.mentions if m.entity != ent.key}
    feats.append(f"others={_bucket(len(others), (0, 1, 2))}")
    how = unit.rule.get(ent.key)
    feats.append(f"rule={how}" if how else ("rule=other" if unit.rule else "rule=none"))
    feats.append(f"rule={how}|{q}" if how else f"rulex|{q}")
    feats.append(f"person={ent.person}|g={ent.gender}")
    feats.append(f"nment={_bucket(len(ent.mentions), (1, 2, 4, 8))}")
    prev = article.units[i - 1] if i else None
    if prev is not None and ent.key in prev.rule:
        feats += ["prev_rule", f"prev_rule|{q}|{'startq' if start_q else ''}"]
    if prev is not None and any(m.entity == ent.key for m in prev.mentions):
        feats.append("prev_mention")
    seen = last_seen.get(ent.key)
    recency = sorted(last_seen.values(), reverse=True)
    rank = recency.index(seen) if seen is not None else -1
    feats.append(f"recent={_bucket(rank, (-1, 0, 1, 2))}")
    feats.append(f"dist={_bucket(i - seen, (0, 1, 2, 4, 8)) if seen is not None else 'never'}")
    if not mine:
        feats += ["nomention", f"nomention|{q}|{plain_cues[:1]}|rank={rank}"]
        return feats
    m = next((m for m in mine if not _inside_quotes(seg, m.start - unit.span.start)), mine[0])
    inq = _inside_quotes(seg, m.start - unit.span.start)
    before, after = _context_words(text, m.start, m.end)
    at_start = not re.sub(r"^[\s“\"'‘(]*(?:(?:but|and|so|yet|still|meanwhile|however|instead|now|then)\W+)?", "", text[unit.span.start : m.start], flags=re.I)
    title = "title" if m.title else "notitle"
    feats += [
        "inquote" if inq else "outquote",
        f"n1={after[0] if after else '$'}",
        f"n12={' '.join(after[:2])}",
        f"p1={before[-1] if before else '^'}",
        f"p12={' '.join(before[-2:])}",
        f"n1={after[0] if after else '$'}|{q}",
        f"p1={before[-1] if before else '^'}|{q}",
        f"start={at_start}",
        f"start={at_start}|n1={after[0] if after else '$'}",
        f"{title}|multi={len(m.name.split()) > 1}",
        f"pos={_bucket((m.start - unit.span.start) / max(1, len(seg)), (0.05, 0.3, 0.6, 0.9))}",
        f"poss={text[m.end - 2 : m.end] in POSSESSIVES}",
        f"nmine={_bucket(len(mine), (1, 2))}",
    ]
    if before and before[-1] in ("for", "of", "to", "with", "by", "against", "about", "on", "at"):
        feats.append(f"prep_before={before[-1]}|{'role' if len(before) > 1 and before[-2] in NAME_TITLES else ''}")
    if plain_cues:
        cue_pos = _blank_quotes(seg).lower().find(plain_cues[0])
        side = "cue_after" if cue_pos > m.start - unit.span.start else "cue_before"
        feats += [side, f"{side}|{plain_cues[0]}"]
    return feats


def _blank_quotes(seg: str) -> str:
    out, inside = [], False
    for ch in seg.replace("''", '""'):
        if ch in _QUOTES:
            inside = ch == "“" or (ch == '"' and not inside)
            out.append(" ")
        else:
            out.append(" " if inside else ch)
    return "".join(out)


_PRONOUN_CUE = re.compile(r"\b(he|she|they|it|we)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?(" + _CUE.pattern[5:-3] + r")\b", re.I)


def _pronoun_cue(seg: str) -> str:
    m = _PRONOUN_CUE.search(_blank_quotes(seg))
    return m.group(1).lower() if m else "none"


def candidates(article: Article) -> Iterator[tuple[int, Entity, list[str]]]:
    """Every (unit, entity, features) the scorer considers, in reading order."""
    last_seen: dict[int, int] = {}
    by_key = {e.key: e for e in article.entities}
    for i, unit in enumerate(article.units):
        keys = dict.fromkeys([m.entity for m in unit.mentions] + list(unit.rule))
        recent = sorted(last_seen, key=lambda k: -last_seen[k])
        for k in recent[:2]:
            if by_key[k].person:
                keys.setdefault(k)
        for k in keys:
            yield i, by_key[k], _conjoin(pair_features(article, i, by_key[k], last_seen))
        for m in unit.mentions:
            last_seen[m.entity] = i
        for k in unit.rule:
            last_seen[k] = i


_CORE = ("q", "nq", "startq", "rule=", "n1=", "p1=", "start=", "recent=", "nomention", "cue_", "others=",
         "pron_cue=", "inquote", "outquote", "dist=", "prev_", "person=", "headline", "nocue", "cue=")


def _conjoin(feats: list[str]) -> list[str]:
    """The features plus every pair of the core ones (the model is linear; pairs give it interactions)."""
    core = sorted(f for f in feats if f.startswith(_CORE) and "|" not in f)
    return feats + [f"{a}&{b}" for k, a in enumerate(core) for b in core[k + 1 :]]


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights, bias and decision threshold."""

    weights: dict[str, float]
    threshold: float = 0.5  # for pairs the rules did not propose
    rule_threshold: float = 0.2  # for pairs the rules proposed

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {"threshold": self.threshold, "rule_threshold": self.rule_threshold, "weights": self.weights},
            sort_keys=True,
            indent=0,
        )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The trained model, or None when no model file is installed."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return Model(weights, float(data["threshold"]), float(data["rule_threshold"]))


def score(article: Article, model: Model) -> list[tuple[int, Entity, float]]:
    """(unit, entity, probability) of every pair at or above the model's threshold."""
    out = []
    for i, ent, feats in candidates(article):
        p = model.probability(feats)
        ruled = ent.key in article.units[i].rule
        if p >= (model.rule_threshold if ruled else model.threshold):
            out.append((i, ent, p))
    return out


def gold_pronoun(source: str) -> bool:
    """Whether a source phrase is a bare pronoun."""
    return source.strip().lower() in PRONOUNS
