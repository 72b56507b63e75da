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
    check_file,
    code_text,
    file_bytes,
    fuzz_settings,
    python_source,
    scan_bytes,
)
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_repodoc.extractors import extractor_for
from sphinxcontrib_repodoc.model import Language

# hypothesmith compiles what it generates: Python's own SyntaxWarnings are noise here
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

#: examples per test in the fast tier
EXAMPLES = 25


@pytest.mark.parametrize("name", ALL_NAMES)
def test_any_bytes_give_a_model(tmp_path, name):
    @fuzz_settings(EXAMPLES)
    @given(data=file_bytes)
    def check(data: bytes) -> None:
        source, problems = scan_bytes(tmp_path, name, data)
        check_file(source, problems, name)

    check()


@pytest.mark.parametrize(
    "language", [lang for lang in SAMPLE_NAMES if extractor_for(lang) is not None]
)
def test_extractors_never_raise_on_text(language):
    extractor = extractor_for(language)
    assert extractor is not None

    @fuzz_settings(EXAMPLES)
    @given(text=st.one_of(code_text, st.text(max_size=300)))
    def check(text: str) -> None:
        facts = extractor.extract(SAMPLE_NAMES[language], text)
        for d in facts.diagnostics:
            assert d.path == SAMPLE_NAMES[language]

    check()


@fuzz_settings(40)
@given(source=python_source())
def test_valid_python_always_parses(source):
    facts = extractor_for(Language.PYTHON).extract("gen.py", source)
    # hypothesmith writes code `compile` accepts: our extractor must say it parsed
    assert facts.parsed, facts.diagnostics


def test_valid_python_through_the_whole_file_step(tmp_path):
    @fuzz_settings(EXAMPLES)
    @given(source=python_source())
    def check(source: str) -> None:
        src, problems = scan_bytes(tmp_path, "gen.py", source.encode("utf-8", "surrogatepass"))
        check_file(src, problems, "gen.py")

    check()
