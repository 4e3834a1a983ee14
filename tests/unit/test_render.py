"""One answer structure, three renderings: the ``[n]`` text, the CLI's text and the chat's Markdown."""

from __future__ import annotations

from assistant.models import Answer, Group, Sentence
from assistant.render import _source_html, answer_text, markdown_lines, plain
from tests.conftest import make_citation

WHERE = {"title": "Talks stall", "date": "2026-03-02", "source": "/a/talks.md", "start": 10, "end": 40}
WHAT = {
    "passage": "The talks  stalled,\nhe said.",
    "outlet": "Coast Wire",
    "paragraph": 2,
    "speaker": "Ana Ruiz",
}
CITE = make_citation(**WHERE, **WHAT)


def extractive() -> Answer:
    answer = Answer(
        text="",
        citations=[CITE],
        question="what did she say?",
        resolved_question="What did Ana Ruiz say?",
        kind="speaker",
        heading="Ana Ruiz: 1 statement in 1 article.",
        groups=[Group("d", CITE.title, CITE.outlet, CITE.date, [CITE])],
    )
    answer.text = answer_text(answer)
    return answer


def test_text_groups_passages_under_their_article_with_markers() -> None:
    assert extractive().text == (
        "Ana Ruiz: 1 statement in 1 article.\n"
        "**Talks stall** (Coast Wire, 2026-03-02)\n"
        "- The talks stalled, he said. [1]"
    )


def test_cli_text_says_how_the_question_was_understood_and_lists_sources() -> None:
    out = plain(extractive()).splitlines()
    assert out[0] == "(understood as: What did Ana Ruiz say?)"
    assert out[-2:] == [
        "[1] Talks stall (Coast Wire, 2026-03-02, paragraph 2), characters 10-40",
        "    /a/talks.md",
    ]


def test_model_answers_render_their_sentences_and_what_failed() -> None:
    answer = Answer(
        text="",
        citations=[CITE],
        composer="llm:m",
        sentences=[Sentence("Ruiz said the talks stalled [1].", [1])],
        unsupported=[{"sentence": "Ruiz   resigned [1].", "reason": "not in the passages"}],
    )
    answer.text = answer_text(answer)
    assert answer.text == "Ruiz said the talks stalled [1]."
    cli = plain(answer)
    assert cli.startswith("(written by llm:m; every sentence verified")
    assert "  x Ruiz resigned [1].  (not in the passages)" in cli
    chat = "\n".join(markdown_lines(answer, turn=3))
    assert 'stalled <a href="#src-3-1" class="cite">[1]</a>' in chat
    assert "~~Ruiz resigned &#91;1&#93;&#46;~~" in chat


def test_notes_come_first() -> None:
    answer = extractive()
    answer.notes = ["The model's answer could not be verified."]
    assert answer_text(answer).startswith("The model's answer could not be verified.\n\nAna Ruiz:")
    assert markdown_lines(answer, 1)[2:4] == ["*The model's answer could not be verified&#46;*", ""]


def test_sources_say_how_a_statement_is_reported() -> None:
    from dataclasses import replace

    quoted = replace(CITE, kind="partial quote")
    assert quoted.label() == "Talks stall (Coast Wire, 2026-03-02, paragraph 2) — partial quote"
    assert quoted.to_dict()["kind"] == "partial quote"  # --json carries it
    assert "Speaker: Ana Ruiz (partial quote)" in _source_html(quoted, "x" * 60, 1)


def test_a_newline_in_a_file_name_keeps_the_documents_listing_one_line_per_document() -> None:
    from assistant.render import document_line
    from ingest.records import DocRecord

    record = DocRecord("abc123", "/briefings/odd\nname.txt", "Odd\ttitle", "txt", "sha")
    line = document_line(record)
    assert "\n" not in line and "odd\\nname.txt" in line and "Odd\\ttitle" in line
