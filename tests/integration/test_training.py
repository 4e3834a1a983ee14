"""`make train-attribution` on a slice of the real training articles: the file it writes loads and attributes."""

from __future__ import annotations

import re
from pathlib import Path

from evaluation.cues import main
from ingest.lexicon import cue_pattern, read_cues
from tests.conftest import SHARED

TRAIN = SHARED / "eval" / "polnear-train"


def test_training_on_a_slice_writes_a_deterministic_file_that_attributes(tmp_path: Path) -> None:
    folder = tmp_path / "slice"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for path in sorted((TRAIN / "text").glob("*.txt"))[:150]:
        (folder / "text" / path.name).symlink_to(path)
        for ann in (TRAIN / "attributions").glob(f"{path.stem}_*.ann"):
            (folder / "attributions" / ann.name).symlink_to(ann)
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    words = main(folder, first)
    main(folder, second)
    assert words and first.read_bytes() == second.read_bytes()
    learned = read_cues(first)
    assert list(learned) == words and all(re.fullmatch(r"[a-z][a-z'-]+", w) for w in learned)
    pattern = cue_pattern(learned)
    assert all(pattern.fullmatch(w) for w in learned) and pattern.fullmatch("said")
