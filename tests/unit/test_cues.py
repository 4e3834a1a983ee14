"""Cue verbs learned from annotations (invented articles), and the committed list in use."""

from __future__ import annotations

from pathlib import Path

from evaluation.cues import learn_cues
from ingest.lexicon import HAND_CUE, LEARNED_CUES
from ingest.quotes import extract_statements
from ingest.text import Span


def _article(folder: Path, name: str, text: str, cues: list[str]) -> None:
    (folder / "text").mkdir(parents=True, exist_ok=True)
    (folder / "attributions").mkdir(exist_ok=True)
    (folder / "text" / f"{name}.txt").write_text(text, "utf-8")
    lines = []
    for i, cue in enumerate(cues):
        start = text.index(cue)
        lines.append(f"T{i + 1}\tCue {start} {start + len(cue)}\t{cue}")
    (folder / "attributions" / f"{name}_ab12.ann").write_text("\n".join(lines) + "\n", "utf-8")


def test_a_word_annotated_as_a_cue_after_its_subject_is_learned(tmp_path: Path) -> None:
    for i in range(3):
        _article(
            tmp_path,
            f"a{i}",
            f"Mara Vell grumbled that the roads were bad. Vell walked home {i}.",
            ["grumbled"],
        )
    words = learn_cues(tmp_path, known=HAND_CUE)
    assert "grumbled" in words  # annotated 3 times out of 3
    assert "walked" not in words  # seen 3 times, never a cue
    assert learn_cues(tmp_path, stems=["a0"], known=HAND_CUE) == []  # too rare in one article


def test_the_committed_cues_attribute_sentences_the_hand_lexicon_misses() -> None:
    assert "decried" in LEARNED_CUES and not HAND_CUE.search("decried")
    text = "Senator Mara Vell decried the budget as reckless."
    [st] = extract_statements("d", text, Span(0, len(text)))
    assert st.speaker == "Mara Vell" and st.cue == "decried"
