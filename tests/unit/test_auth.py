"""The chat's login: credentials from a flag, the environment or a file; guesses are throttled."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from assistant.auth import ThrottledLogin, login_from
from ingest.errors import BriefingError


def test_login_from_flag_or_file(tmp_path: Path) -> None:
    assert login_from(None, None) is None
    inline = login_from("ana:s3cret", None)
    assert inline is not None and inspect.iscoroutinefunction(inline)  # what Gradio checks before awaiting
    assert asyncio.run(inline("ana", "s3cret")) is True
    (tmp_path / "login").write_text("bo:pa:ss\n", "utf-8")
    from_file = login_from(None, tmp_path / "login")
    assert from_file is not None and asyncio.run(from_file("bo", "pa:ss")) is True
    assert asyncio.run(from_file("bo", "pa")) is False
    for bad in ("nopassword", ":x", "x:"):
        with pytest.raises(BriefingError, match="must be USER:PASS"):
            login_from(bad, None)
    with pytest.raises(BriefingError, match="could not read the login file"):
        login_from(None, tmp_path / "missing")


def test_wrong_guesses_are_answered_one_at_a_time_after_a_pause() -> None:
    login = ThrottledLogin("ana", "s3cret", delay_s=0.05)
    inside = {"now": 0, "most": 0}
    real_sleep = asyncio.sleep

    async def watched_sleep(seconds: float) -> None:
        inside["now"] += 1
        inside["most"] = max(inside["most"], inside["now"])
        await real_sleep(seconds)
        inside["now"] -= 1

    async def attack() -> list[bool]:
        asyncio.sleep = watched_sleep  # type: ignore[assignment]
        try:
            guesses = [login.check("ana", f"guess{i}") for i in range(10)]
            return list(await asyncio.gather(*guesses, login.check("ana", "s3cret")))
        finally:
            asyncio.sleep = real_sleep  # type: ignore[assignment]

    results = asyncio.run(attack())
    assert results == [False] * 10 + [True]
    assert inside["most"] == 1  # ten parallel guesses were paused one after another, never together
