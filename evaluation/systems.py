"""The two systems the benchmarks compare: this project's ``ask()`` and the naive LangChain pipeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from evaluation.attribution import Cited


def briefing_system(store: object, settings: object = None) -> Callable[[str], list[Cited]]:
    """This project's ``ask()`` as a benchmark system."""
    from assistant.chain import ask

    def answer(question: str) -> list[Cited]:
        # every statement: the benchmark scores attribution, not the bounded answer a user first sees
        result = ask(question, store=store, settings=settings, all=True)  # type: ignore[arg-type]
        return [Cited(Path(c.source).stem, c.start, c.end, c.passage) for c in result.citations]

    return answer


def naive_system(files: Sequence[Path], workdir: Path) -> Callable[[str], list[Cited]]:
    """The naive LangChain pipeline: 1000/200 character chunks, MiniLM in Chroma, top-4."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError as e:
        raise ImportError("the naive pipeline needs the dev extras: pip install -e '.[dev]'") from e
    from ingest.store import load_embeddings

    client = chromadb.PersistentClient(path=str(workdir), settings=ChromaSettings(anonymized_telemetry=False))
    db = Chroma(
        client=client, collection_name="naive", embedding_function=load_embeddings("all-MiniLM-L6-v2")
    )
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    docs = splitter.create_documents(
        [p.read_text("utf-8") for p in files], metadatas=[{"article": p.stem} for p in files]
    )
    db.add_documents(docs)

    def answer(question: str) -> list[Cited]:
        found = db.similarity_search(question, k=4)
        return [
            Cited(
                d.metadata["article"],
                d.metadata["start_index"],
                d.metadata["start_index"] + len(d.page_content),
                d.page_content,
            )
            for d in found
        ]

    return answer
