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
    from ingest.settings import Settings

    options = ctx.find_root().ensure_object(dict).setdefault("options", {})
    updates = {k: v for k, v in options.items() if k != "store" and v}
    settings = Settings().with_store(options.get("store"))
    return Service(settings.model_copy(update=updates) if updates else settings)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is not None and param.name:
        ctx.find_root().ensure_object(dict).setdefault("options", {})[param.name] = value


def store_options(command: Any) -> Any:
    """The store and model options, accepted before or after the subcommand (the later one wins)."""
    remember: dict[str, Any] = {"callback": _remember, "expose_value": False}
    options = [
        click.option(
            "--store",
            type=click.Path(path_type=Path),
            help="Store folder (default: $BRIEFING_STORE or the user data dir).",
            **remember,
        ),
        click.option("--chroma-host", help="Use a Chroma server instead of a folder.", **remember),
        click.option("--chroma-port", type=int, help="Port of the Chroma server (default 8000).", **remember),
        click.option(
            "--llm",
            help="none (default), ollama:MODEL, openai:MODEL or llamacpp:PATH.gguf ($BRIEFING_LLM).",
            **remember,
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@store_options
def cli() -> None:
    """Ask questions of briefing material; answers are verbatim, cited passages."""
    from assistant.progress import quiet_third_party_bars

    quiet_third_party_bars()  # before any model loads: no "Loading weights" bar in our output


def _existing(ctx: click.Context) -> Service:
    """The service of a store that exists: asking an empty, mistyped folder is an error, not "no answer"."""
    service = _service(ctx)
    with translated(click.ClickException):
        service.require_store()
    return service


def _write(data: bytes, out: Path | None) -> None:
    if out is not None:
        out.write_bytes(data)
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(data.decode("utf-8").rstrip("\n"))


FORMATS = click.Choice(["text", "md", "csv", "json", "docx"])
OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")


@cli.command()
@store_options
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Also remove stored documents whose files under PATHS are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file as it is done.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], prune: bool, as_json: bool, verbose: bool) -> None:
    """Add or update articles (.txt .md .html .pdf .docx, files or folders)."""
    from assistant.progress import Progress

    progress = Progress(sys.stderr, tty=sys.stderr.isatty())

    def step(result: Any) -> None:
        if not as_json:
            progress.result(result)
        if verbose and result.status in ("added", "updated", "unchanged"):
            click.echo(f"{result.status}: {result.path}")
            sys.stdout.flush()

    try:
        with translated(click.ClickException):
            report = _service(ctx).ingest(
                list(paths), prune=prune, on_result=step, on_start=None if as_json else progress.start
            )
    finally:
        progress.close()
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
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Cite every statement of a speaker (else the speaker_limit setting, 20).",
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
@OUT
@store_options
@click.pass_context
def ask(
    ctx: click.Context, question: str, k: int | None, every: bool, as_json: bool, fmt: str, out: Path | None
) -> None:
    """Answer QUESTION from the stored articles (as text, Markdown, CSV, JSON or DOCX)."""
    from assistant.service import export

    service = _existing(ctx)
    with translated(click.ClickException):
        answer = service.ask(question, k=k, all=every)
    _write_export(export(answer, "json" if as_json else fmt), fmt, out)


def _write_export(data: bytes, fmt: str, out: Path | None) -> None:
    if fmt == "docx" and out is None:
        raise click.UsageError("--format docx needs --out FILE.docx")
    _write(data, out)


@cli.command()
@click.argument("speaker")
@click.option("--topic", help="Only statements about this.")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True, help="Output format.")
@OUT
@store_options
@click.pass_context
def quotes(ctx: click.Context, speaker: str, topic: str | None, fmt: str, out: Path | None) -> None:
    """Every statement of SPEAKER, with its article, outlet, date and file."""
    from assistant.render import clean_text
    from assistant.service import export

    with translated(click.ClickException):
        answer = _existing(ctx).quotes(speaker, topic)
    data = clean_text(answer).encode("utf-8") if fmt == "text" else export(answer, fmt)
    _write_export(data, fmt, out)


@cli.command()
@click.argument("speaker")
@click.option("--topic", help="Only statements about this.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="file.html, .svg or .png"
)
@store_options
@click.pass_context
def timeline(ctx: click.Context, speaker: str, topic: str | None, out: Path) -> None:
    """A plot of SPEAKER's statements by date (one mark per statement, one lane per article)."""
    from assistant.views import timeline_html, timeline_png, timeline_svg

    with translated(click.ClickException):
        answer = _existing(ctx).quotes(speaker, topic)
    heading = (
        f"{answer.speaker or speaker}{' on ' + topic if topic else ''}: {len(answer.citations)} statements"
    )
    suffix = out.suffix.lower()
    if suffix == ".png":
        _write(timeline_png(answer, heading), out)
    elif suffix == ".svg":
        _write(timeline_svg(answer, 900).encode("utf-8"), out)
    elif suffix in (".html", ".htm"):
        _write(timeline_html(answer, heading).encode("utf-8"), out)
    else:
        raise click.BadParameter("use a .html, .svg or .png file", param_hint="--out")


@cli.command()
@click.option("-k", type=int, help="Passages to retrieve.")
@store_options
@click.pass_context
def chat(ctx: click.Context, k: int | None) -> None:
    """Ask questions one per line, with follow-ups ("did he mention Romania?"); /new forgets, Ctrl-D ends."""
    from assistant.models import Answer
    from assistant.render import plain

    service = _existing(ctx)
    history: list[Answer] = []
    prompt = sys.stdin.isatty()
    while True:
        if prompt:
            click.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            break
        question = line.strip()
        if question == "/new":
            history = []
            click.echo("(new conversation)")
            continue
        if not question:
            continue
        with translated(click.ClickException):
            answer = service.ask(question, history=history, k=k)
        history.append(answer)
        click.echo(plain(answer) + "\n")
        sys.stdout.flush()


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@store_options
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
@store_options
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
@store_options
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
@click.option(
    "--auth", metavar="USER:PASS", envvar="BRIEFING_AUTH", help="Require this login ($BRIEFING_AUTH)."
)
@click.option(
    "--auth-file", type=click.Path(path_type=Path), help="Require the login USER:PASS in this file."
)
@store_options
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, auth: str | None, auth_file: Path | None) -> None:
    """Open the chat in the browser (http://HOST:PORT)."""
    import os

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    try:
        from assistant.ui import launch
    except ImportError as e:
        raise click.ClickException(f"the chat UI needs gradio: pip install -e . ({e})") from e
    from assistant.auth import login_from

    with translated(click.ClickException):
        credentials = login_from(auth, auth_file)
    service = _service(ctx)
    with translated(click.ClickException):
        service.engine  # noqa: B018 -- open the store and build the engine before listening
    click.echo(f"briefing: serving {service.label} on http://{host}:{port}", err=True)
    launch(service, host=host, port=port, auth=credentials, block=True)


@cli.command(name="setup-embeddings")
@store_options
@click.pass_context
def setup_embeddings(ctx: click.Context) -> None:
    """Export the embedding model to ONNX now (otherwise the first ingest or question does it)."""
    with translated(click.ClickException):
        folder = _service(ctx).prepare_embeddings()
    click.echo(f"ONNX embedder ready in {folder}")


@cli.command(name="eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--naive/--no-naive", default=True, help="Also score the naive LangChain pipeline.")
@click.option("--per-question", is_flag=True, help="Print each question's scores.")
@click.option(
    "--folds", default=1, show_default=True, help="Split the articles into folds, each asked alone."
)
@click.option("--questions/--no-questions", default=True, help="Also run the question benchmark.")
@store_options
@click.pass_context
def evaluate(
    ctx: click.Context, folder: Path, naive: bool, per_question: bool, folds: int, questions: bool
) -> None:
    """Run the "what did X say?" benchmark on a PolNeAR-format FOLDER (text/, attributions/),
    then the question benchmark on the shared data FOLDER belongs to (shared/eval/NAME)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, translated(click.ClickException):
        result = _service(ctx).evaluate(folder, naive=naive, workdir=Path(tmp), folds=folds)
    click.echo(f"ingested: {result.ingested}", err=True)
    click.echo(result.table)
    if per_question:
        for row in result.per_question:
            click.echo(
                f"{row['recall']:.2f} {row['precision']:.2f} gold={row['gold']} cited={row['cited']}"
                f"{' others' if row.get('others') else ''}  {row['question']}"
            )
        if result.fake_speakers:
            click.echo(
                "listed speakers that are no named source in the gold: " + "; ".join(result.fake_speakers)
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
