"""The learned model of sentences the cue rules leave without a speaker (invented names)."""

from __future__ import annotations

from assistant.people import canonical_names, group
from evaluation.crossval import trained_on
from evaluation.subjects import train
from ingest.learned import MODEL_FILE, Candidate
from ingest.quotes import extract_statements
from ingest.text import Span
from tests.conftest import SHARED

ARTICLE = """Senate weighs the bridge bill

Senator Lena Marwick said on Monday that the bridge bill would pass.

Marwick is telling voters that the toll cap will pass before the recess.

Marwick's office is on the third floor of the old building.

The weather in the capital was mild, and Marwick took a walk. "It will pass," she said.
"""


def _statements(text: str = ARTICLE, **kw):
    return extract_statements("d", text, Span(0, len(text)), **kw)


def test_the_model_reports_a_stance_the_cue_rules_miss_and_labels_it() -> None:
    said = {st.text: st for st in _statements()}
    stance = said["Marwick is telling voters that the toll cap will pass before the recess."]
    assert (stance.speaker, stance.kind, stance.resolved_from) == ("Lena Marwick", "reported", "learned")
    # a sentence that only mentions her, or her office, is not hers
    assert not [t for t in said if "third floor" in t or "took a walk" in t]


def test_the_verb_after_a_mention_is_past_an_aside_and_function_words() -> None:
    from ingest.learned import features

    def read(sentence: str, name: str) -> set[str]:
        at = sentence.index(name)
        return {f for f in features(sentence, at, at + len(name)) if f.startswith(("verb=", "cue-"))}

    assert read("Lena Marwick – a ferry fan – walked to the pier.", "Lena Marwick") == {"verb=walked"}
    assert read("Marwick often questions the toll.", "Marwick") == {"verb=questions", "cue-lemma"}
    # a reporting verb a few words on is a clue even when another word comes first
    assert read("Marwick at the time said she would wait.", "Marwick") == {"verb=time", "cue-near"}


def test_a_name_in_a_row_of_names_is_never_guessed_the_source() -> None:
    text = ARTICLE.replace(
        "Senate weighs the bridge bill\n", "Senate weighs the bridge bill\n\nOrla Dask said no.\n"
    )
    for group_of in (
        "Dask and Marwick are telling",
        "Dask, Marwick and Brill are telling",
        "Dask, Marwick, Brill are telling",
    ):
        said = _statements(text.replace("Marwick is telling", group_of))
        assert not [st for st in said if st.resolved_from == "learned"], group_of


def test_a_guess_never_takes_a_pronoun_or_adds_a_person() -> None:
    text = ARTICLE.replace("took a walk.", "took a walk with Kurt Marwick.")
    always = _statements(text, judge=lambda c: True)
    # the rules' "she said" stays Lena's although a guessed sentence stands between
    assert any(st.text.startswith('"It will pass,"') and st.speaker == "Lena Marwick" for st in always)
    # two Marwicks in the article: no guess for either, so a bare "Marwick said" stays unambiguous
    assert not [st for st in always if st.resolved_from == "learned"]


def test_training_sees_every_candidate_and_changes_nothing() -> None:
    seen: list[Candidate] = []
    rules = _statements(judge=lambda c: False)
    assert _statements(judge=lambda c: seen.append(c) or False) == rules
    assert [ARTICLE[c.start : c.end] for c in seen] == ["Marwick", "Marwick's", "Marwick"]
    assert all(ARTICLE[c.sentence[0] : c.sentence[1]].count("Marwick") for c in seen)


def test_a_speaker_only_guessed_is_answerable_but_not_listed_and_names_nobody() -> None:
    rows = [
        {"speaker": "Bobby Wren", "named": True, "doc_id": "a", "resolved_from": ""},
        {"speaker": "Wren", "named": True, "doc_id": "a", "resolved_from": ""},
        {"speaker": "Keith Wren", "named": True, "doc_id": "b", "resolved_from": "learned"},
    ]
    speakers = group(rows)
    assert speakers["Keith Wren"].statements == 1 and speakers["Keith Wren"].quoted == 0
    assert speakers["Bobby Wren"].quoted == 2
    # the guessed Keith Wren does not make the bare "Wren" of article a ambiguous
    assert canonical_names(rows)["Wren"] == "Bobby Wren"


def test_cross_validation_trains_on_the_other_folds_and_restores_the_committed_model() -> None:
    import ingest.learned

    folder = SHARED / "eval" / "polnear-train"
    stems = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:40]
    weights = train(folder, stems)
    assert weights == train(folder, stems)  # deterministic
    committed = ingest.learned.probability(("bias",))
    with trained_on(folder, stems):  # cue verbs and weights learned from these 40 articles only
        assert ingest.learned.ACTIVE and ingest.learned.ACTIVE["bias"] != ingest.learned._weights()["bias"]
        assert ingest.learned.probability(("bias",)) != committed
    assert ingest.learned.ACTIVE is None and ingest.learned.probability(("bias",)) == committed
    assert MODEL_FILE.exists()
