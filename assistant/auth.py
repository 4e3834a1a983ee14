"""The chat's login: where the credentials come from, and a check that throttles password guessing.

``briefing serve`` takes ``USER:PASS`` from ``--auth``, from the ``BRIEFING_AUTH``
environment variable or from the first line of ``--auth-file`` (the last two
keep the password out of ``ps``). Gradio awaits an auth function defined with
``async def`` (it checks ``inspect.iscoroutinefunction``: an object with an
async ``__call__`` would be taken for a plain function and its coroutine for
"yes"), so :meth:`ThrottledLogin.check` checks one attempt at a time and
answers a wrong one only after a pause: guesses are held to about one per
``delay_s`` seconds (instead of 200 in 1.9 s) without blocking the server's
other requests.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from pathlib import Path

from ingest.errors import BriefingError


class ThrottledLogin:
    """A Gradio auth callable for one user that makes each wrong attempt cost ``delay_s`` seconds."""

    def __init__(self, user: str, password: str, delay_s: float = 1.0) -> None:
        self.user = user
        self._password = password
        self.delay_s = delay_s
        self._turn: asyncio.Lock | None = None

    async def check(self, user: str, password: str) -> bool:
        """True for the right user and password; a wrong pair is answered after ``delay_s``."""
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:  # one attempt at a time: parallel guesses queue up
            ok = hmac.compare_digest(user.encode(), self.user.encode()) & hmac.compare_digest(
                password.encode(), self._password.encode()
            )
            if not ok:
                await asyncio.sleep(self.delay_s)
            return ok


Check = Callable[[str, str], Awaitable[bool]]


def login_from(auth: str | None, auth_file: Path | None) -> Check | None:
    """The login ``USER:PASS`` given inline (or by ``BRIEFING_AUTH``) or in a file; None for no login.

    Raises:
        BriefingError: the value is not ``USER:PASS`` or the file cannot be read.
    """
    if auth_file is not None:
        try:
            lines = auth_file.read_text("utf-8").splitlines()
        except OSError as e:
            raise BriefingError(f"could not read the login file {auth_file} ({e.strerror or e})") from e
        auth = lines[0].strip() if lines else ""
    if not auth:
        return None if auth_file is None else _bad(str(auth_file))
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        return _bad(str(auth_file) if auth_file else "--auth")
    return ThrottledLogin(user, password).check


def _bad(where: str) -> Check:
    raise BriefingError(f"the login in {where} must be USER:PASS")
