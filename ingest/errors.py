"""Domain errors. Each message says what went wrong and what to do next.

Only the CLI and the UI translate these into their own error types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


class BriefingError(Exception):
    """Base class of every error this project raises on purpose."""


class LoadError(BriefingError):
    """A file could not be turned into an article; the message is the reason."""


class StoreError(BriefingError):
    """The store could not be opened or written."""


class ModelError(BriefingError):
    """A model (embedder or chat model) could not be loaded."""


class PromptError(BriefingError):
    """A prompt template is missing, malformed, or was given the wrong variables."""


class LLMError(BriefingError):
    """The configured language model could not be built or reached."""


@contextmanager
def translated(into: Callable[[str], Exception]) -> Iterator[None]:
    """Re-raise a :class:`BriefingError` as the front end's own error type, keeping its message.

    The CLI uses ``translated(click.ClickException)``, the UI ``translated(gr.Error)``.
    """
    try:
        yield
    except BriefingError as e:
        raise into(str(e)) from e
