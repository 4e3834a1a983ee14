"""The ``briefing`` command line: ingest, ask, list and remove documents.

Heavy modules (Chroma, torch, sentence-transformers) are imported inside the
commands, so ``briefing --help`` answers at once. Domain errors become
``click.ClickException`` here and nowhere else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ingest.errors import BriefingError
from ingest.settings import Settings


def _settings(ctx: click.Context) -> Settings:
    return ctx.ensure_object(dict)["settings"]


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

    from ingest import ingest_paths

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
        report = ingest_paths(
            list(paths), settings=_settings(ctx), prune=prune, on_result=step, on_start=start
        )
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
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


def format_answer(answer: Any) -> str:
    """Plain-text rendering of an answer with its numbered sources."""
    lines = [answer.text]
    if answer.resolved_question and answer.resolved_question != answer.question:
        lines.insert(0, f"(understood as: {answer.resolved_question})\n")
    if answer.composer != "extractive":
        lines.insert(
            0, f"(written by {answer.composer}; every sentence verified against the cited passages)\n"
        )
    if answer.unsupported:
        lines.append(f"\nNot part of the answer — {len(answer.unsupported)} sentence(s) failed verification:")
        lines.extend(
            f"  x {' '.join(u['sentence'].split())[:200]}  ({u['reason']})" for u in answer.unsupported
        )
    if answer.citations:
        lines.append("\nSources:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.label()}, characters {c.start}-{c.end}")
            lines.append(f"    {c.source}")
    return "\n".join(lines)


@cli.command()
@click.argument("question")
@click.option("-k", type=int, help="Passages to retrieve.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer and its citations as JSON.")
@click.pass_context
def ask(ctx: click.Context, question: str, k: int | None, as_json: bool) -> None:
    """Answer QUESTION from the stored articles."""
    from assistant.chain import ask as ask_fn

    try:
        answer = ask_fn(question, settings=_settings(ctx), k=k)
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    click.echo(
        json.dumps(answer.to_dict(), indent=2, ensure_ascii=False) if as_json else format_answer(answer)
    )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def documents(ctx: click.Context, as_json: bool) -> None:
    """List the stored documents."""
    from ingest.store import open_store

    try:
        records = sorted(open_store(_settings(ctx)).catalog(), key=lambda r: (r.date or "", r.title))
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps([r.metadata() | {"doc_id": r.doc_id} for r in records], indent=2))
        return
    for r in records:
        click.echo(f"{r.doc_id}  {r.date or '----------'}  {r.title[:70]}  ({r.source})")
    click.echo(f"{len(records)} documents")


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, targets: tuple[str, ...]) -> None:
    """Remove documents by doc id (or a prefix of 6+ characters), file or folder path."""
    from ingest import remove_documents

    try:
        removed = remove_documents(list(targets), settings=_settings(ctx))
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    for r in removed:
        click.echo(f"removed: {r.doc_id}  {r.source}")
    if not removed:
        raise click.ClickException("nothing matched: give a doc id (see 'briefing documents') or a path")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def speakers(ctx: click.Context, as_json: bool) -> None:
    """List who is quoted, with statement counts and the forms of their names."""
    from assistant.chain import speakers as speakers_fn

    try:
        found = speakers_fn(settings=_settings(ctx))
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return
    for s in found:
        d = s.to_dict()
        forms = ", ".join(f for f in d["forms"] if f != s.name)
        role = f" ({d['roles'][-1]})" if d["roles"] else ""
        click.echo(f"{s.statements:4d}  {s.name}{role}" + (f"  — also: {forms}" if forms else ""))


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
        from assistant.chain import engine_for
        from assistant.ui import launch
    except ImportError as e:
        raise click.ClickException(f"the chat UI needs gradio: pip install -e . ({e})") from e
    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise click.BadParameter("use USER:PASS", param_hint="--auth")
        credentials = (user, password)
    settings = _settings(ctx)
    try:
        engine = engine_for(settings=settings)
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"briefing: serving {engine.store.label} on http://{host}:{port}", err=True)
    launch(engine, settings, host=host, port=port, auth=credentials, block=True)


@cli.command(name="setup-embeddings")
@click.pass_context
def setup_embeddings(ctx: click.Context) -> None:
    """Export the embedding model to ONNX now (otherwise the first ingest or question does it)."""
    from ingest.embedding import model_path, prepare_onnx

    settings = _settings(ctx)
    try:
        folder = prepare_onnx(model_path(settings.embedding_model), settings.embedding_cache)
    except BriefingError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"ONNX embedder ready in {folder}")


@cli.command(name="eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--naive/--no-naive", default=True, help="Also score the naive LangChain pipeline.")
@click.option("--per-question", is_flag=True, help="Print each question's scores.")
@click.pass_context
def evaluate(ctx: click.Context, folder: Path, naive: bool, per_question: bool) -> None:
    """Run the "what did X say?" benchmark on a PolNeAR-format FOLDER (text/, attributions/)."""
    import tempfile

    from evaluation.attribution import run, table
    from ingest import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(ctx).with_store(Path(tmp) / "store")
        report = ingest_paths([folder / "text"], settings=settings)
        click.echo(f"ingested: {report.summary()}", err=True)
        scores, qs = run(folder, Path(tmp) / "store", naive_workdir=Path(tmp) / "naive" if naive else None)
    click.echo(table(scores, len(qs)))
    if per_question:
        for row in scores[0].per_question:
            click.echo(
                f"{row['recall']:.2f} {row['precision']:.2f} gold={row['gold']} cited={row['cited']}  {row['question']}"
            )


def main() -> None:
    """Console-script entry point."""
    cli(obj={})


if __name__ == "__main__":
    main()
