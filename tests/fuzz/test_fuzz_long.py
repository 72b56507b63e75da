"""Full tier: thousands of generated inputs through every extractor, finding rule and a real
build (``make test-full``; the fast tier runs the same properties with a few cases each)."""

from __future__ import annotations

import pytest
from fuzzutil import (
    ALL_NAMES,
    SAMPLE_NAMES,
    any_bytes_give_a_model,
    extractor_never_raises,
    fuzz_settings,
    valid_python_gives_a_parsed_model,
)
from hypothesis import given
from test_fuzz import build_generated, check_build, repositories

from sphinxcontrib_repodoc.extractors import extractor_for

# hypothesmith compiles what it generates: Python's own SyntaxWarnings are noise here
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::SyntaxWarning")]

#: cases per file name (28 names), per extractor (22 languages), of hypothesmith Python, and
#: generated repositories built with Sphinx
BYTES_PER_NAME = 300
TEXT_PER_LANGUAGE = 300
PYTHON_CASES = 1000
BUILDS = 40


@pytest.mark.parametrize("name", ALL_NAMES)
def test_any_bytes_give_a_model(tmp_path, name):
    any_bytes_give_a_model(tmp_path, name, BYTES_PER_NAME)


@pytest.mark.parametrize(
    "language", [lang for lang in SAMPLE_NAMES if extractor_for(lang) is not None]
)
def test_extractors_never_raise_on_text(language):
    extractor_never_raises(language, TEXT_PER_LANGUAGE, max_size=2000)


def test_valid_python(tmp_path):
    valid_python_gives_a_parsed_model(tmp_path, PYTHON_CASES)


@pytest.mark.sphinx
def test_generated_repositories_build(tmp_path_factory):
    @fuzz_settings(BUILDS)
    @given(repository=repositories)
    def check(repository) -> None:
        check_build(build_generated(tmp_path_factory.mktemp("fuzz"), repository))

    check()
