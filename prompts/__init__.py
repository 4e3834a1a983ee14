"""The prompt templates, shipped inside the wheel as the package ``briefing_prompts``.

``pyproject.toml`` maps this folder to that package (``package-dir``) and
declares the ``*.txt`` files as its package data, so the templates stay in
the repository's top-level ``prompts/`` and are found by
:func:`assistant.llm.load_prompt` through :mod:`importlib.resources` in an
editable install and in a normal (wheel) install alike.
"""
