"""One bad file never stops a run: every stage turns a file's problem into that file's named failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest import ingest_paths
from ingest.errors import LoadError
from ingest.limits import Limits
from ingest.loaders import load, load_bytes
from ingest.store import Store
from tests import bad_inputs
from tests.conftest import EXAMPLES


def _names(results: list) -> dict[str, str]:
    return {Path(r.path).name: r.reason for r in results}


def test_mixed_folder_good_files_stored_bad_ones_named(fake_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    good, bad = bad_inputs.write_mixed_folder(folder)
    report = ingest_paths([folder], fake_store)
    assert sorted(Path(r.path).name for r in report.added) == sorted(good)
    failed = _names(report.failed)
    assert set(failed) == set(bad)
    for name, reason in bad.items():
        assert reason in failed[name], (name, failed[name])
    stored = {Path(r.source).name for r in fake_store.catalog()}
    assert stored == set(good)
    assert not report.ok


def test_links_named_on_the_command_line(fake_store: Store, tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    os.symlink(tmp_path / "gone.md", tmp_path / "dangling.md")
    report = ingest_paths([tmp_path / "loop", tmp_path / "dangling.md"], fake_store)
    assert _names(report.failed) == {
        "loop": "is a symbolic link loop",
        "dangling.md": f"is a dangling link (to {tmp_path / 'gone.md'}, which does not exist)",
    }


def test_dangling_link_inside_a_folder_is_reported_under_its_own_path(
    fake_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    os.symlink(tmp_path / "elsewhere.md", tmp_path / "a" / "link.md")
    report = ingest_paths([tmp_path / "a"], fake_store)
    assert [r.path for r in report.failed] == [str(tmp_path / "a" / "link.md")]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(bad_inputs.utf16_text())
    art = load(tmp_path / "u.txt")
    assert art.title == "Accord urges restraint"
    assert bad_inputs.GOOD_TEXT in art.text


def test_aes_pdf_with_an_empty_password_opens_and_a_locked_one_is_named(tmp_path: Path) -> None:
    art = load_bytes(bad_inputs.encrypted_pdf(""), Path("aes.pdf"))
    assert bad_inputs.GOOD_TEXT in art.text
    with pytest.raises(LoadError, match="password-protected"):
        load_bytes(bad_inputs.encrypted_pdf("secret"), Path("locked.pdf"))


def test_pypdf_warnings_stay_off_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    data = bad_inputs.pdf_bytes()
    damaged = data.replace(b"startxref", b"startxref\n999999\n%", 1)  # a wrong xref offset: pypdf recovers
    art = load_bytes(damaged, Path("damaged.pdf"))
    assert bad_inputs.GOOD_TEXT in art.text
    assert capfd.readouterr().err == ""


def test_bomb_docx_refused_before_it_is_opened() -> None:
    with pytest.raises(LoadError, match=r"unpacks to 4\d\.\d MB, over the 10 MB limit"):
        load_bytes(bad_inputs.bomb_docx(40), Path("bomb.docx"), limits=Limits(max_unpacked_bytes=10_000_000))


def test_text_and_chunk_limits(fake_store: Store, tmp_path: Path) -> None:
    from ingest import Settings

    long = "The talks went on, he said. " * 400  # 11,200 characters, about 16 chunks
    (tmp_path / "long.txt").write_text(long, "utf-8")
    with pytest.raises(LoadError, match="over the 1,000 limit"):
        load(tmp_path / "long.txt", limits=Limits(max_text_chars=1_000))
    report = ingest_paths([tmp_path], fake_store, settings=Settings(max_chunks=5))
    assert "chunks, over the 5 limit" in report.failed[0].reason
    assert fake_store.catalog() == []


def test_parser_crash_is_the_files_named_failure(
    fake_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.loaders

    shutil.copytree(EXAMPLES, tmp_path / "a")
    (tmp_path / "a" / "boom.docx").write_bytes(bad_inputs.docx_bytes())

    def broken(src: object) -> object:
        raise ZeroDivisionError("a parser bug")

    monkeypatch.setitem(ingest.loaders._LOADERS, ".docx", broken)
    report = ingest_paths([tmp_path / "a"], fake_store)
    assert _names(report.failed) == {
        "boom.docx": "could not read the DOCX file (ZeroDivisionError: a parser bug)"
    }
    assert len(report.added) == 8


def test_embedding_failure_on_one_file_is_named(fake_store: Store, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "a")
    (tmp_path / "a" / "poison.md").write_text("Poison pill paragraph, the spokesman said.\n", "utf-8")
    real = fake_store.embeddings

    class Picky:
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            if any("Poison" in t for t in texts):
                raise RuntimeError("tokenizer exploded")
            return real.embed_documents(texts)

    fake_store._embeddings = Picky()  # type: ignore[assignment]
    report = ingest_paths([tmp_path / "a"], fake_store)
    assert _names(report.failed) == {"poison.md": "could not embed it (RuntimeError: tokenizer exploded)"}
    assert len(report.added) == 8 and len(fake_store.catalog()) == 8
