"""Training the model of :mod:`ingest.learned` (``make train-attribution``).

Each training article is read by the extractor with a *recording* judge: every
candidate (a person named in a sentence the cue rules leave without a speaker) is
kept with its features and refused, so the rules' own output is unchanged. A
candidate is positive when a gold attribution's source (or cue) span overlaps the
mention and its content overlaps the sentence. A logistic regression (scikit-learn,
liblinear, fixed regularisation: deterministic) is fitted on them, and its weights
are written as a table, one ``feature<TAB>weight`` per line, rounded and sorted, so
the same folder always gives the same file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from evaluation.attribution import Attribution, load_gold
from ingest.learned import Candidate
from ingest.quotes import extract_statements
from ingest.text import Span

C = 0.5  # inverse regularisation strength
MIN_COUNT = 3  # a feature seen in fewer candidates is dropped (names and one-off words)
MIN_WEIGHT = 1e-3


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def label(cand: Candidate, attributions: list[Attribution]) -> bool:
    """Whether a gold attribution has this mention as its source and this sentence as content."""
    mention = (cand.start, cand.end)
    for a in attributions:
        source = [s for s in a.spans if s not in a.content]
        if any(_overlaps(mention, s) for s in source) and any(_overlaps(cand.sentence, c) for c in a.content):
            return True
    return False


def collect(folder: Path, stems: Iterable[str] | None = None) -> tuple[list[tuple[str, ...]], list[int]]:
    """Features and labels of every candidate in the articles of ``folder`` (``stems`` only, when given)."""
    gold = load_gold(folder)
    wanted = set(stems) if stems is not None else None
    xs: list[tuple[str, ...]] = []
    ys: list[int] = []
    for path in sorted((folder / "text").glob("*.txt")):
        if wanted is not None and path.stem not in wanted:
            continue
        text = path.read_text("utf-8")
        seen: list[Candidate] = []

        def record(cand: Candidate, seen: list[Candidate] = seen) -> bool:
            seen.append(cand)
            return False

        extract_statements(path.stem, text, Span(0, len(text)), judge=record)
        for cand in seen:
            xs.append(cand.features)
            ys.append(int(label(cand, gold.get(path.stem, []))))
    return xs, ys


def train(folder: Path, stems: Iterable[str] | None = None) -> dict[str, float]:
    """Feature weights learned from the articles of ``folder`` (``stems`` only, when given)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs, ys = collect(folder, stems)
    counts = Counter(f for x in xs for f in x)
    xs = [tuple(f for f in x if counts[f] >= MIN_COUNT) for x in xs]
    vec = DictVectorizer()
    matrix = vec.fit_transform([dict.fromkeys(x, 1) for x in xs]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=1000, random_state=0)
    model.fit(matrix, ys)
    weights = {
        name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
    }
    return {k: v for k, v in sorted(weights.items()) if abs(v) >= MIN_WEIGHT}


def write(weights: dict[str, float], out: Path) -> None:
    """The weights as ``feature<TAB>weight`` lines."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(weights.items())), "utf-8")


def main(folder: Path, out: Path) -> dict[str, float]:
    """Learn from every article of ``folder`` and write the table."""
    weights = train(folder)
    write(weights, out)
    return weights
