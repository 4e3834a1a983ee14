"""Answering: questions in, verbatim cited passages out.

The public API is :func:`ask` with its :class:`Answer` and :class:`Citation`.
"""

from assistant.chain import ask, speakers
from assistant.models import Answer, Citation
from assistant.people import SpeakerInfo

__all__ = ["Answer", "Citation", "SpeakerInfo", "ask", "speakers"]
