"""Matching a question's name to the people quoted (invented names)."""

from assistant.people import canonical_names, group, match, statements_of


def _speakers(*names: str):
    return group({"speaker": n, "named": True, "doc_id": f"d{i}", "surface": n} for i, n in enumerate(names))


def test_a_different_first_name_is_a_different_person():
    speakers = _speakers("Barnaby Quell", "Quell", "Miriam Quell")
    assert match("Miriam Quell", speakers)[0] == ["Miriam Quell"]
    # nobody named Odile Quell is quoted: neither Barnaby nor the bare "Quell" may answer for her
    assert match("Odile Quell", speakers)[0] == []


def test_a_bare_surname_answers_for_the_only_person_of_that_name():
    speakers = _speakers("Tobias Wren", "Wren")
    assert sorted(match("Tobias Wren", speakers)[0]) == ["Tobias Wren"]
    assert match("Ilse Marrow", _speakers("Marrow"))[0] == ["Marrow"]


def test_first_name_variants_and_initials_still_match():
    speakers = _speakers("Leonard Fisk", "J. Cobb")
    assert match("Len Fisk", speakers)[0] == ["Leonard Fisk"]
    assert match("Jonas Cobb", speakers)[0] == ["J. Cobb"]
    assert match("Chuck Cobb", speakers)[0] == []
    # a short form of the given name ("Chuck" for Charles, "Bill" for William)
    assert match("Charles Fisk", _speakers("Chuck Fisk"))[0] == ["Chuck Fisk"]
    assert match("Bill Fisk", _speakers("William Fisk"))[0] == ["William Fisk"]
    # a double surname typed without the first name, and half of a hyphenated first name
    speakers = _speakers("Della Marsh Tolland", "Marsh Tolland", "Karl-Otto Brem")
    # (both forms are one person, listed once under the shorter form of the two)
    assert match("Marsh Tolland", speakers)[0] == ["Marsh Tolland"]
    assert speakers["Marsh Tolland"].forms == {"Della Marsh Tolland", "Marsh Tolland"}
    assert match("Otto Brem", speakers)[0] == ["Karl-Otto Brem"]
    assert match("Hans Brem", speakers)[0] == []
    # a title typed before a surname ("Professor Alba") when no one has that first name
    assert match("Professor Brem", speakers)[0] == ["Karl-Otto Brem"]


def test_a_spokespersons_words_are_offered_as_speaking_for_the_person():
    statements = [
        {"speaker": "Mara Vell", "named": True, "doc_id": "a", "start": 0, "end": 5},
        {
            "speaker": "a spokeswoman for Mara Vell",
            "named": False,
            "doc_id": "a",
            "start": 9,
            "end": 20,
            "speaking_for": "Mara Vell",
        },
        {"speaker": "Brant Vell", "named": True, "doc_id": "b", "start": 0, "end": 5},
        {"speaker": "a narrator", "named": False, "doc_id": "b", "start": 9, "end": 20},
    ]
    speakers = group(statements)
    canon = canonical_names(statements)
    names, _ = match("Mara Vell", speakers)
    got = statements_of(names, statements, canon, speakers)
    assert [label for _, label in got] == [
        "Mara Vell",
        "a spokeswoman for Mara Vell (speaking for Mara Vell)",
    ]


def test_spelling_fallbacks_keep_the_first_name_rule():
    from assistant.names import resolve

    speakers = _speakers("Barnaby Quell", "Odile Quell", "Quell")
    assert resolve("Miriam Quell", speakers).names == []  # not Barnaby, not Odile, not a bare "Quell"
    assert resolve("Barnaby Quel", speakers).names == ["Barnaby Quell"]  # a typo still finds him


def test_only_a_paraphrase_by_a_verb_learned_from_data_does_not_list_a_speaker():
    def row(name: str, cue: str, kind: str = "paraphrase", how: str = "") -> dict[str, object]:
        return {"speaker": name, "named": True, "doc_id": "a", "cue": cue, "kind": kind, "resolved_from": how}

    speakers = group(
        [
            row("Halden Footage", "appears"),  # "Halden Footage again appears."
            row("Mara Vell", "appears"),
            row("Mara Vell", "said"),
            row("Ilse Kern", "appears", kind="direct quote"),
            row("Tomas Brill", "according to"),
            row("Orla Dask", "asked", how="nested"),
        ]
    )
    assert {name: info.quoted for name, info in speakers.items()} == {
        "Halden Footage": 0,
        "Mara Vell": 1,
        "Ilse Kern": 1,
        "Tomas Brill": 1,
        "Orla Dask": 0,
    }


def test_a_title_typed_before_a_surname_picks_the_one_person_with_that_title():
    rows = [
        {"speaker": "Vikram Amar", "named": True, "doc_id": "a", "role": "Dean"},
        {"speaker": "Akhil Amar", "named": True, "doc_id": "b", "role": "law professor"},
    ]
    speakers = group(rows)
    assert match("Dean Amar", speakers)[0] == ["Vikram Amar"]
    assert sorted(match("Amar", speakers)[0]) == ["Akhil Amar", "Vikram Amar"]


def test_an_empty_name_matches_nobody():
    assert match("", _speakers("Anna Berg")) == ([], False)


def _said(speaker: str, doc: str, surface: str = "") -> dict:
    return {
        "speaker": speaker,
        "named": True,
        "doc_id": doc,
        "surface": surface or speaker,
        "start": 0,
        "end": 1,
    }


def test_name_variants_of_one_person_are_listed_once():
    statements = [
        _said("Orla Dask", "a"),
        _said("Orla Dask", "b"),
        _said("Orla B. Dask", "c"),
        _said("Piet Dask", "d"),
    ]
    speakers = group(statements)
    assert sorted(speakers) == ["Orla Dask", "Piet Dask"]
    assert speakers["Orla Dask"].statements == 3
    assert match("Orla Dask", speakers)[0] == ["Orla Dask"]


def test_a_phrase_of_two_people_is_no_form_of_either_name():
    statements = [
        _said("Orla Dask", "a", "Mayor Orla Dask"),
        _said("Orla Dask", "b", "Piet Vell and Orla Dask"),
    ]
    assert group(statements)["Orla Dask"].forms == {"Orla Dask", "Mayor Orla Dask"}


def test_a_shared_surname_is_the_person_its_article_tells():
    statements = [
        _said("Walter Quell", "a", "President Walter Quell"),
        _said("Miriam Quell", "b", "Miriam Quell"),
        _said("Quell", "c", "Mr. Quell"),  # Miriam is a woman's name: Walter
        _said("Quell", "d", "President Quell"),  # only Walter is called President
        _said("Quell", "e", "she"),  # a pronoun the article resolves to "Quell"
        _said("Quell", "f", "Quell"),  # nothing tells them apart: nobody's
        _said("Harbour Post Quell", "g"),  # a name of neither sex does not stand in the way
    ]
    speakers = group(statements)
    walter = statements_of(["Walter Quell"], statements, canonical_names(statements), speakers)
    assert sorted(s["doc_id"] for s, _ in walter) == ["a", "c", "d"]
    miriam = statements_of(["Miriam Quell"], statements, canonical_names(statements), speakers)
    assert sorted(s["doc_id"] for s, _ in miriam) == ["b", "e"]
    assert speakers["Quell"].statements == 1


def test_a_bare_surname_holding_another_office_is_not_the_one_person_of_that_name():
    statements = [
        _said("Jenna Robb", "a", "Mayor Jenna Robb"),
        _said("Robb", "b", "Chief Justice Robb"),  # the court's Robb, not the mayor
        _said("Robb", "c", "Mayor Robb"),
        _said("Robb", "d", "Robb"),  # no office: the one Robb named in full
    ]
    speakers = group(statements)
    mayor = statements_of(["Jenna Robb"], statements, canonical_names(statements), speakers)
    assert sorted(s["doc_id"] for s, _ in mayor) == ["a", "c", "d"]
    assert speakers["Robb"].statements == 1


def test_a_bare_surname_of_the_other_sex_is_not_the_one_person_of_that_name():
    # "Mr. Khan" in an article where the corpus names only "Ghazala Khan" in full is not her
    statements = [
        _said("Mary Robb", "a", "Mary Robb"),
        _said("Robb", "b", "Mr. Robb"),
        _said("Robb", "c", "Ms. Robb"),
        _said("Robb", "d", "Robb"),
    ]
    speakers = group(statements)
    mary = statements_of(["Mary Robb"], statements, canonical_names(statements), speakers)
    assert sorted(s["doc_id"] for s, _ in mary) == ["a", "c", "d"]


def test_a_bare_surname_said_of_a_man_never_answers_for_a_woman():
    speakers = group([_said("Robb", "b", "Mr. Robb")])
    assert match("Mary Robb", speakers)[0] == []
    assert match("Peter Robb", speakers)[0] == ["Robb"]
    # no sex given: the bare surname still answers for the only person of that name
    assert match("Mary Robb", group([_said("Robb", "b", "Robb")]))[0] == ["Robb"]
