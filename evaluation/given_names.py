"""The table of given names and their sex (``make given-names``): ``ingest/data/given_names.tsv``.

Built from the name data of the ``nomquamgender`` package (MIT licence; Van Buskirk et al.,
"An open-source cultural consistency theory approach to name-gender classification", 2023),
which pools the counts of many national name registers into one share of women per name. A
name is kept when at least :data:`MIN_COUNT` people are counted and at least :data:`SHARE` of
them are of one sex ("Lolita", "Ghazala": f; "Humayun", "Brant": m). Names given to both
("Kelly", "Jordan", "Taylor") are left out, as in the hand lists of :mod:`ingest.lexicon`, which
come first. Only the package's data file is read (``pip install --no-deps nomquamgender``), and
the same data always gives the same file: one ``name<TAB>m|f`` line per name, sorted.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

MIN_COUNT = 100
SHARE = 0.97
_NAME = re.compile(r"[a-z][a-z'-]+")


def table(data: dict[str, list[float]]) -> dict[str, str]:
    """The names of one sex: ``{"lolita": "f", "humayun": "m"}``.

    >>> table({"lolita": [25, 17430, 0.99], "kelly": [32, 652218, 0.887], "khizr": [3, 30, 0.0]})
    {'lolita': 'f'}
    """
    out = {}
    for name, (_, count, women, *_) in sorted(data.items()):
        if not _NAME.fullmatch(name) or count < MIN_COUNT:
            continue
        if women >= SHARE:
            out[name] = "f"
        elif women <= 1 - SHARE:
            out[name] = "m"
    return out


def main(out: Path) -> int:
    """Write the table from the installed ``nomquamgender`` data; returns the number of names."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("needs the name data: pip install --no-deps nomquamgender==0.1.4")
    source = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    names = table(json.loads(source.read_text("utf-8")))
    out.write_text("".join(f"{n}\t{s}\n" for n, s in names.items()), "utf-8")
    return len(names)
