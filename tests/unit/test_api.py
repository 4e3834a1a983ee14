"""The public API: what ``import assistant`` gives a Python user."""

import importlib.util

import assistant


def test_speakers_is_the_function_and_no_module_shadows_it():
    # Before, `assistant.speakers` was both a module and the exported function:
    # `import assistant.speakers` rebound the name to the module.
    assert importlib.util.find_spec("assistant.speakers") is None
    assert callable(assistant.speakers)
    assert set(assistant.__all__) >= {"ask", "speakers", "Answer", "Citation", "SpeakerInfo"}
