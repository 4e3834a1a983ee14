"""Answering: questions in, verbatim cited passages out.

The public API is :func:`ask`, :func:`speakers`, :func:`quotes` and :func:`export` (over
:class:`Service`),
with :class:`Answer`, :class:`Citation`, :class:`Filters` and :class:`SpeakerInfo`.
Names are imported on first use, so that ``import assistant.cli`` (and
``briefing --help``) loads neither LangChain nor Chroma.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.models import Answer, Citation, Filters
    from assistant.people import SpeakerInfo
    from assistant.service import Service, ask, export, quotes, speakers

_HOMES = {
    "Answer": "assistant.models",
    "Citation": "assistant.models",
    "Filters": "assistant.models",
    "SpeakerInfo": "assistant.people",
    "Service": "assistant.service",
    "ask": "assistant.service",
    "speakers": "assistant.service",
    "quotes": "assistant.service",
    "export": "assistant.service",
}
__all__ = ["Answer", "Citation", "Filters", "Service", "SpeakerInfo", "ask", "export", "quotes", "speakers"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
