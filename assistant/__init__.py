"""Answering: questions in, verbatim cited passages out.

The public API is :func:`ask` with its :class:`Answer` and :class:`Citation`.
"""

from assistant.chain import ask
from assistant.models import Answer, Citation

__all__ = ["Answer", "Citation", "ask"]
