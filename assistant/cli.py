"""The ``briefing`` command line: ingest, ask, list and remove documents, speakers, serve, eval.

Every command goes through :class:`assistant.service.Service` and prints with
:mod:`assistant.render`. Those (and the settings, which need pydantic) are
imported inside the commands, so ``briefing --help`` imports nothing heavy and
answers at once. Domain errors become ``click.ClickException`` here and nowhere
else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ingest.errors import translated

if TYPE_CHECKING:
    from assistant.service import Service


def _service(ctx: click.Context) -> Service:
    from assistant.service import Service

    return Service(ctx.ensure_object(dict)["settings"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    help="Store folder (default: $BRIEFING_STORE or the user data dir).",
)
@click.option("--chroma-host", help="Use a Chroma server instead of a folder.")
@click.option("--chroma-port", type=int, help="Port of the Chroma server (default 8000).")
@click.option(
    "--llm", help="none (default), ollama:MODEL, openai:MODEL or llamacpp:PATH.gguf ($BRIEFING_LLM)."
)
@click.pass_context
def cli(
    ctx: click.Context, store: Path | None, chroma_host: str | None, chroma_port: int | None, llm: str | None
) -> None:
    """Ask questions of briefing material; answers are verbatim, cited passages."""
    from ingest.settings import Settings

    updates: dict[str, Any] = {}
    if llm:
        updates["llm"] = llm
    if chroma_host:
        updates["chroma_host"] = chroma_host
    if chroma_port:
        updates["chroma_port"] = chroma_port
    settings = Settings().with_store(store)
    ctx.ensure_object(dict)["settings"] = settings.model_copy(update=updates) if updates else settings


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Also remove stored documents whose files under PATHS are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file as it is done.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], prune: bool, as_json: bool, verbose: bool) -> None:
    """Add or update articles (.txt .md .html .pdf .docx, files or folders)."""
    from tqdm import tqdm

    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        bar = tqdm(total=total, unit="file", disable=None, file=sys.stderr, leave=False)

    def step(result: Any) -> None:
        if (
            bar is not None
            and result.status not in ("skipped", "removed")
            and result.reason != "no such file or folder"
        ):
            bar.update(1)
        if result.status == "failed" and not as_json:
            (bar.write if bar is not None else click.echo)(
                f"failed: {result.path}: {result.reason}", file=sys.stderr
            )
        elif verbose and result.status in ("added", "updated", "unchanged"):
            click.echo(f"{result.status}: {result.path}")
            sys.stdout.flush()

    try:
        with translated(click.ClickException):
            report = _service(ctx).ingest(list(paths), prune=prune, on_result=step, on_start=start)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        for r in report.skipped:
            click.echo(f"skipped: {r.path}: {r.reason}", err=True)
        for r in report.removed:
            click.echo(f"removed: {r.path}")
        click.echo(report.summary())
    if not report.ok:
        ctx.exit(1)


@cli.command()
@click.argument("question")
@click.option("-k", type=int, help="Passages to retrieve.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer and its citations as JSON.")
@click.pass_context
def ask(ctx: click.Context, question: str, k: int | None, as_json: bool) -> None:
    """Answer QUESTION from the stored articles."""
    from assistant.render import plain

    with translated(click.ClickException):
        answer = _service(ctx).ask(question, k=k)
    click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False) if as_json else plain(answer))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def documents(ctx: click.Context, as_json: bool) -> None:
    """List the stored documents."""
    from assistant.render import document_line

    with translated(click.ClickException):
        records = _service(ctx).catalog()
    if as_json:
        click.echo(json.dumps([r.metadata() | {"doc_id": r.doc_id} for r in records], indent=2))
        return
    for r in records:
        click.echo(document_line(r))
    click.echo(f"{len(records)} documents")


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, targets: tuple[str, ...]) -> None:
    """Remove documents by doc id (or a prefix of 6+ characters), file or folder path."""
    with translated(click.ClickException):
        removed = _service(ctx).remove(list(targets))
    for r in removed:
        click.echo(f"removed: {r.doc_id}  {r.source}")
    if not removed:
        raise click.ClickException("nothing matched: give a doc id (see 'briefing documents') or a path")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def speakers(ctx: click.Context, as_json: bool) -> None:
    """List who is quoted, with statement counts and the forms of their names."""
    from assistant.render import speaker_line

    with translated(click.ClickException):
        found = _service(ctx).speakers()
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return
    for s in found:
        click.echo(speaker_line(s))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to listen on.")
@click.option("--auth", metavar="USER:PASS", help="Require this login.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, auth: str | None) -> None:
    """Open the chat in the browser (http://HOST:PORT)."""
    import os

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    try:
        from assistant.ui import launch
    except ImportError as e:
        raise click.ClickException(f"the chat UI needs gradio: pip install -e . ({e})") from e
    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise click.BadParameter("use USER:PASS", param_hint="--auth")
        credentials = (user, password)
    service = _service(ctx)
    with translated(click.ClickException):
        service.engine  # noqa: B018 -- open the store and build the engine before listening
    click.echo(f"briefing: serving {service.label} on http://{host}:{port}", err=True)
    launch(service, host=host, port=port, auth=credentials, block=True)


@cli.command(name="eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--naive/--no-naive", default=True, help="Also score the naive LangChain pipeline.")
@click.option("--per-question", is_flag=True, help="Print each question's scores.")
@click.option("--questions/--no-questions", default=True, help="Also run the question benchmark.")
@click.pass_context
def evaluate(ctx: click.Context, folder: Path, naive: bool, per_question: bool, questions: bool) -> None:
    """Run the "what did X say?" benchmark on a PolNeAR-format FOLDER (text/, attributions/),
    then the question benchmark on the shared data FOLDER belongs to (shared/eval/NAME)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, translated(click.ClickException):
        result = _service(ctx).evaluate(folder, naive=naive, workdir=Path(tmp))
    click.echo(f"ingested: {result.ingested}", err=True)
    click.echo(result.table)
    if per_question:
        for row in result.per_question:
            click.echo(
                f"{row['recall']:.2f} {row['precision']:.2f} gold={row['gold']} cited={row['cited']}  {row['question']}"
            )
    if questions:
        with tempfile.TemporaryDirectory() as tmp, translated(click.ClickException):
            shared = folder.resolve().parents[1]
            click.echo("\n" + _service(ctx).question_benchmark(shared, naive=naive, workdir=Path(tmp)))


def main() -> None:
    """Console-script entry point."""
    cli(obj={})


if __name__ == "__main__":
    main()
