"""Fuzzing, fast tier: generated input through every extractor and finding rule.

The property: the per-file scan never raises, gives every file a JSON-able model (maybe
``parsed=False`` with a located diagnostic of a documented subtype). Bounded and derandomized
here (the same few hundred cases every run); ``tests/fuzz/`` runs thousands (``make test-full``).
"""

from __future__ import annotations

import pytest
from fuzzutil import (
    ALL_NAMES,
    SAMPLE_NAMES,
    any_bytes_give_a_model,
    extractor_never_raises,
    valid_python_gives_a_parsed_model,
)

from sphinxcontrib_repodoc.extractors import extractor_for

# hypothesmith compiles what it generates: Python's own SyntaxWarnings are noise here
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

#: examples per test in the fast tier
EXAMPLES = 25


@pytest.mark.parametrize("name", ALL_NAMES)
def test_any_bytes_give_a_model(tmp_path, name):
    any_bytes_give_a_model(tmp_path, name, EXAMPLES)


@pytest.mark.parametrize(
    "language", [lang for lang in SAMPLE_NAMES if extractor_for(lang) is not None]
)
def test_extractors_never_raise_on_text(language):
    extractor_never_raises(language, EXAMPLES, max_size=300)


def test_valid_python_gives_a_parsed_model(tmp_path):
    valid_python_gives_a_parsed_model(tmp_path, 40)
