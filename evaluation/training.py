"""Training the attribution scorer on PolNeAR-format articles (``make train-attribution``).

Each (unit, entity) candidate of :mod:`ingest.attribution` is labelled from the
gold annotations: positive when the unit overlaps the source, cue or content of
an attribution whose source is that entity. A named source is the mention in
the source span whose last word is the span's surname ("Clinton campaign
spokesman Brian Fallon" → Brian Fallon); a bare pronoun source ("he said") is
the most recent named source before it in the article. Sources that are
descriptions ("a senior official", "the Trump campaign") label no entity, so
their units teach the model *not* to credit the person named nearby.

Training is a plain L2 logistic regression (scikit-learn, ``liblinear``,
deterministic), so the same data gives the same model file byte for byte.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evaluation.attribution import PRONOUNS, surname
from ingest.attribution import Article, Entity, Model, candidates, read_article
from ingest.mentions import head_mention
from ingest.quotes import rule_statements
from ingest.text import Span

C = 0.3  # L2 strength, chosen by cross-validation on polnear-train
MIN_COUNT = 2  # features seen fewer times are dropped (keeps the file small)


@dataclass(slots=True)
class GoldSource:
    """One gold attribution with its source span kept apart."""

    source: tuple[int, int]
    text: str
    spans: list[tuple[int, int]]


def load_sources(folder: Path) -> dict[str, list[GoldSource]]:
    """Gold attributions per article stem, with source offsets (first annotator file)."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out: dict[str, list[GoldSource]] = {}
    for stem, ann in chosen.items():
        spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
        rows = []
        for line in ann.read_text("utf-8").splitlines():
            if line.startswith("T") and line.count("\t") >= 2:
                tid, mid, text = line.split("\t", 2)
                ranges = mid.partition(" ")[2]
                spans[tid] = ([(int(a), int(b)) for a, b in (p.split() for p in ranges.split(";"))], text)
            elif line.startswith("E"):
                parts = dict(p.split(":", 1) for p in line.split("\t")[1].split()[1:])
                if parts.get("Source") not in spans:
                    continue
                src_spans, src_text = spans[parts["Source"]]
                every = [s for r in ("Source", "Cue", "Content") if parts.get(r) in spans for s in spans[parts[r]][0]]
                rows.append(GoldSource(src_spans[0], src_text, every))
        out[stem] = sorted(rows, key=lambda g: g.source)
    return out


def _source_entity(article: Article, gold: GoldSource) -> Entity | None:
    """The entity a named source span stands for: the head of the span before any appositive.

    "Renee Gold, 83, of Sarasota" is Renee Gold, "Clinton campaign spokesman Brian Fallon" is
    Brian Fallon, and "a spokeswoman for Hillary Clinton" is nobody named (she speaks *for* Clinton).
    """
    if surname(gold.text) is None:
        return None
    mentions = [m for u in article.units for m in u.mentions]
    head = head_mention(article.text, mentions, *gold.source)
    return article.entities[head.entity] if head is not None else None


def labelled_pairs(article: Article, golds: Sequence[GoldSource]) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every candidate of one article."""
    owner: dict[int, set[int]] = defaultdict(set)  # unit -> entities it reports
    last_named: Entity | None = None
    for g in golds:
        ent = _source_entity(article, g)
        if ent is not None:
            last_named = ent
        elif g.text.strip().lower() in PRONOUNS:
            ent = last_named
        if ent is None:
            continue
        for i, unit in enumerate(article.units):
            if any(unit.span.start < e and s < unit.span.end for s, e in g.spans):
                owner[i].add(ent.key)
    feats, labels = [], []
    for i, ent, f in candidates(article):
        feats.append(f)
        labels.append(int(ent.key in owner.get(i, ())))
    return feats, labels


def prepare(folder: Path, stems: Sequence[str] | None = None) -> dict[str, tuple[str, Article, list[GoldSource]]]:
    """Every article of ``folder`` read for training: text, candidates and gold."""
    gold = load_sources(folder)
    out = {}
    for path in sorted((folder / "text").glob("*.txt")):
        if stems is not None and path.stem not in stems:
            continue
        text = path.read_text("utf-8")
        body = Span(0, len(text))
        rules = rule_statements(path.stem, text, body)
        article = read_article(text, body, [(s.start, s.end, s.speaker, s.resolved_from) for s in rules if s.named])
        out[path.stem] = (text, article, gold.get(path.stem, []))
    return out


def train(
    data: dict[str, tuple[str, Article, list[GoldSource]]], threshold: float = 0.5, rule_threshold: float = 0.2
) -> Model:
    """A model trained on ``data`` (deterministic)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows: list[dict[str, int]] = []
    labels: list[int] = []
    counts: dict[str, int] = defaultdict(int)
    for stem in sorted(data):
        _, article, golds = data[stem]
        feats, ys = labelled_pairs(article, golds)
        for f in feats:
            for name in f:
                counts[name] += 1
        rows += [dict.fromkeys(f, 1) for f in feats]
        labels += ys
    keep = {n for n, c in counts.items() if c >= MIN_COUNT}
    rows = [{k: v for k, v in r.items() if k in keep} for r in rows]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear wants 32-bit
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000, fit_intercept=True)
    clf.fit(x, labels)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
    weights = {n: w for n, w in weights.items() if w}
    weights["bias"] = round(weights.get("bias", 0.0) + float(clf.intercept_[0]), 4)
    return Model(weights, threshold, rule_threshold)


def folds(stems: Sequence[str], k: int = 5, seed: int = 13) -> list[list[str]]:
    """``k`` folds of articles, shuffled with a fixed seed."""
    order = sorted(stems)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_validate(
    data: dict[str, tuple[str, Article, list[GoldSource]]],
    evaluate: Callable[[Model, list[str]], object],
    k: int = 5,
    threshold: float = 0.5,
    rule_threshold: float = 0.2,
) -> list[object]:
    """Train on k-1 folds, ``evaluate(model, held_out_stems)`` on the last, for each fold."""
    out = []
    parts = folds(list(data), k)
    for i, held in enumerate(parts):
        rest = {s: data[s] for j, p in enumerate(parts) if j != i for s in p}
        out.append(evaluate(train(rest, threshold, rule_threshold), held))
    return out


def main(folder: Path, out: Path, threshold: float = 0.5) -> Model:
    """Train on every article of ``folder`` and write the model file."""
    model = train(prepare(folder), threshold)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model.to_json() + "\n", "utf-8")
    return model
