"""The index persisted beside the store, and updated by the documents that changed.

Reading a whole store and indexing it took about a minute at 10,000 articles
(reading the statements from Chroma and tokenising the chunks were most of it),
and it happened on the first question after every start and every ingest. Now:

* **Persisted.** Each :class:`~assistant.retrieval.Index` is pickled to
  ``<store>/index/<generation>.pkl`` (written to a temporary file, then renamed),
  keyed by the store's generation stamp. A process whose store is at that
  generation loads it: nothing is read from Chroma but the stamp.
* **Updated, not rebuilt.** When the generation moved on (an ingest, by this
  process or another), the catalog of document records is compared with the
  fingerprints the snapshot holds; only the documents added, changed or removed
  are read (their texts, chunk offsets and statements), the others are kept as
  they are, and the postings are updated as arrays (:meth:`Postings.update`).
  Speakers are regrouped over all statements (a new article can merge names).
* **Never wrong.** A snapshot that cannot be read (damaged, another version of
  this code) is logged and replaced by a full build from the store; a snapshot
  stamped with another generation is only ever a base for the update, which the
  store's own records decide. Stores on a Chroma server keep their index in memory.

The snapshot is a cache of what Chroma holds: deleting ``<store>/index/`` is
always safe. It is a pickle, as trusted as the rest of the store's folder.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from assistant.people import canonical_names, group
from assistant.postings import Postings
from assistant.retrieval import ChunkRef, Index, terms
from ingest.records import DocRecord
from ingest.store import Store

log = logging.getLogger(__name__)

# Bump when terms(), the postings, SpeakerInfo or the grouping of speakers (assistant.people) change:
# older snapshots are then rebuilt (as when Index's fields change). 6: a bare surname holding
# another office stays apart; a phrase of two people is no form of either name.
FORMAT = "briefing-index-6:" + ",".join(f.name for f in dataclasses.fields(Index))


def folder(store: Store) -> Path | None:
    """Where the store's snapshots live (None: not persisted)."""
    return store.sidecar / "index" if store.sidecar is not None else None


def current(store: Store, generation: str, held: Index | None) -> tuple[Index, str]:
    """The index at ``generation`` and how it was had: ``loaded``, ``updated`` or ``built``.

    ``held`` is the snapshot this process already has (the base of an update).
    """
    where = folder(store)
    if where is not None:
        saved = _load(where / f"{generation}.pkl")
        if saved is not None and saved.generation == generation:
            return saved, "loaded"
        if held is None:
            held = _newest(where)
    if held is None:
        log.info("building the index of %s from the store", store.label)
    index = update(store, held)
    if where is not None:
        _save(where, index)
    return index, "updated" if held is not None else "built"


def fingerprint(record: DocRecord) -> str:
    """What changes when a document's record does (re-attribution, a new version, its removal)."""
    return json.dumps(record.metadata(), sort_keys=True)


def update(store: Store, base: Index | None) -> Index:
    """The index of ``store`` now, reading only the documents that differ from ``base`` (all without one)."""
    generation = store.generation()  # read first: a write meanwhile makes the next question update again
    records = {r.doc_id: r for r in store.catalog()}
    old = base.fingerprints if base is not None else {}
    changed = [d for d, r in records.items() if old.get(d) != fingerprint(r)]
    kept = set(records) - set(changed)
    texts = {d: t for d, t in base.texts.items() if d in kept} if base is not None else {}
    texts.update(store.texts(changed))
    # in the store's order (the order they were written), as ties in the rankings were always broken
    new_chunks = [ChunkRef(cid, d, a, b) for cid, d, a, b in store.chunk_spans(changed) if d in texts]
    tokens = [terms(texts[c.doc_id][c.start : c.end]) or ["∅"] for c in new_chunks]
    if base is not None:
        keep = np.fromiter((c.doc_id in kept for c in base.chunks), dtype=bool, count=len(base.chunks))
        chunks = [c for c, k in zip(base.chunks, keep, strict=True) if k] + new_chunks
        postings = base.postings.update(keep, tokens)
    else:
        chunks, postings = new_chunks, Postings.build(tokens)
    statements, said = _statements(store, base, kept, changed, texts)
    return Index(
        generation=generation,
        docs={d: r for d, r in records.items() if d in texts},
        texts=texts,
        chunks=chunks,
        postings=postings,
        idf=postings.idf(),
        statements=statements,
        by_chunk_id={c.id: i for i, c in enumerate(chunks)},
        speakers=group(statements),
        canon=canonical_names(statements),
        fingerprints={d: fingerprint(r) for d, r in records.items() if d in texts},
        statement_postings=said,
    )


def _statements(
    store: Store, base: Index | None, kept: set[str], changed: list[str], texts: dict[str, str]
) -> tuple[list[dict[str, Any]], Postings]:
    """The statements of the kept documents and of the ``changed`` ones, in (doc, start) order,
    and their terms as postings (only the changed documents' statements are tokenised)."""
    old = base.statements if base is not None else []
    keep = np.fromiter((s["doc_id"] in kept for s in old), dtype=bool, count=len(old))
    new = sorted(
        (s for s in store.statements_of(changed) if s.get("doc_id") in texts),
        key=lambda m: (m["doc_id"], m["start"]),
    )
    tokens = [terms(texts[s["doc_id"]][s["start"] : s["end"]]) or ["∅"] for s in new]
    if base is not None and base.statement_postings is not None:
        said = base.statement_postings.update(keep, tokens)
    else:  # an older snapshot without them: every kept statement is tokenised too
        kept_tokens = [
            terms(texts[s["doc_id"]][s["start"] : s["end"]]) or ["∅"]
            for s, k in zip(old, keep, strict=True)
            if k
        ]
        said = Postings.build(kept_tokens + tokens)
    statements = [s for s, k in zip(old, keep, strict=True) if k] + new
    order = sorted(range(len(statements)), key=lambda i: (statements[i]["doc_id"], statements[i]["start"]))
    return [statements[i] for i in order], said.reordered(np.asarray(order, dtype=np.int64))


def _load(path: Path) -> Index | None:
    """The snapshot at ``path``; None (logged) when it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            if pickle.load(f) != FORMAT:
                raise ValueError("written by another version")
            index = pickle.load(f)
        if not isinstance(index, Index):
            raise TypeError(f"holds a {type(index).__name__}")
        return index
    except FileNotFoundError:  # replaced by a newer one meanwhile
        return None
    except Exception as e:
        log.warning(
            "the saved index %s is unusable (%s: %s); rebuilding it from the store", path, type(e).__name__, e
        )
        return None


def _newest(where: Path) -> Index | None:
    """The most recent readable snapshot in ``where`` (a base for an update), if any."""
    saved = (
        sorted(where.glob("*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True) if where.is_dir() else []
    )
    for path in saved:
        index = _load(path)
        if index is not None:
            return index
    return None


def _save(where: Path, index: Index) -> None:
    """Persist ``index`` atomically and drop older snapshots; a failure is logged (the index still serves)."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(FORMAT, f)
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        target = where / f"{index.generation}.pkl"
        os.replace(tmp, target)
        for old in where.glob("*.pkl"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as e:
        log.warning("could not save the index beside the store (%s); it will be rebuilt after a restart", e)
