"""Discovery: the files an ingest run will read, and a named result for every path it cannot.

Folders are walked recursively without following links to folders; hidden
files and folders are ignored; files of other types inside a folder are
``skipped``. A path named explicitly with an unsupported type is a failure.
Links are reported under the link's own path: a loop as a loop, a dangling
link with its target. Nothing here raises for one bad path.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from ingest.loaders import SUPPORTED
from ingest.report import FileResult


def link_problem(path: Path) -> str | None:
    """Why the link ``path`` cannot be followed (a loop, a dangling link), or None.

    >>> link_problem(Path("/"))
    """
    if not path.is_symlink():
        return None
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises this for a loop
        return "is a symbolic link loop"
    except FileNotFoundError:
        return f"is a dangling link (to {os.readlink(path)}, which does not exist)"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "is a symbolic link loop"
        return f"could not follow the link ({e.strerror or e})"
    return None


def _walk(folder: Path, files: list[Path], results: list[FileResult]) -> None:
    def unreadable(e: OSError) -> None:
        results.append(
            FileResult(str(e.filename or folder), "failed", f"could not read the folder ({e.strerror})")
        )

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        linked = [d for d in dirs if Path(root, d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for d in sorted(linked):
            if not d.startswith("."):
                results.append(FileResult(str(Path(root, d)), "skipped", "a link to a folder (not followed)"))
        for name in sorted(names):
            if not name.startswith("."):
                _found(Path(root, name), files, results, inside_folder=True)


def _found(f: Path, files: list[Path], results: list[FileResult], *, inside_folder: bool) -> None:
    problem = link_problem(f)
    if problem:
        results.append(FileResult(str(f), "failed", problem))
    elif inside_folder and f.suffix.lower() not in SUPPORTED:
        results.append(FileResult(str(f), "skipped", f"not a supported type ({f.suffix or 'no extension'})"))
    else:
        try:
            files.append(f.resolve(strict=True))
        except (OSError, RuntimeError) as e:
            reason = getattr(e, "strerror", None) or str(e)
            results.append(FileResult(str(f), "failed", f"could not read it ({reason})"))


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest under ``paths`` (resolved, each once), and results for paths that cannot be."""
    files: list[Path] = []
    results: list[FileResult] = []
    for path in paths:
        path = Path(path).expanduser()
        problem = link_problem(path)
        if problem:
            results.append(FileResult(str(path), "failed", problem))
        elif not path.exists():
            results.append(FileResult(str(path), "failed", "no such file or folder"))
        elif path.is_dir():
            _walk(path, files, results)
        else:
            _found(path, files, results, inside_folder=False)
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, results
