"""Full tier: thousands of generated inputs through every extractor, finding rule and a real
build (``make test-full``; the fast tier runs the same properties with a few cases each)."""

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
from test_fuzz import build_generated, check_build, repositories

from sphinxcontrib_repodoc.extractors import extractor_for
from sphinxcontrib_repodoc.model import Language

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
    @fuzz_settings(BYTES_PER_NAME)
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

    @fuzz_settings(TEXT_PER_LANGUAGE)
    @given(text=st.one_of(code_text, st.text(max_size=2000)))
    def check(text: str) -> None:
        extractor.extract(SAMPLE_NAMES[language], text)

    check()


def test_valid_python(tmp_path):
    @fuzz_settings(PYTHON_CASES)
    @given(source=python_source())
    def check(source: str) -> None:
        assert extractor_for(Language.PYTHON).extract("gen.py", source).parsed
        src, problems = scan_bytes(tmp_path, "gen.py", source.encode("utf-8", "surrogatepass"))
        check_file(src, problems, "gen.py")

    check()


@pytest.mark.sphinx
def test_generated_repositories_build(tmp_path_factory):
    @fuzz_settings(BUILDS)
    @given(repository=repositories)
    def check(repository) -> None:
        check_build(build_generated(tmp_path_factory.mktemp("fuzz"), repository))

    check()
