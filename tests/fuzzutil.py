"""Shared pieces of the fuzz tests: one file name per language, input strategies, the checks.

The fast tier (``tests/unit/test_fuzz_extractors.py``, ``tests/test_fuzz.py``) and the full
tier (``tests/fuzz/``, marked ``slow``) run the same properties with different example counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_repodoc.analysis import findings as findings_rules
from sphinxcontrib_repodoc.discover import DiscoveredFile, language_for
from sphinxcontrib_repodoc.model import Diagnostic, Language, SourceFile, to_jsonable
from sphinxcontrib_repodoc.scan import scan_file

#: one file name per language the scan reads (the extension decides the language)
SAMPLE_NAMES: dict[Language, str] = {
    Language.PYTHON: "mod.py",
    Language.MARKDOWN: "doc.md",
    Language.RST: "doc.rst",
    Language.C: "lib.c",
    Language.CPP: "lib.cpp",
    Language.CUDA: "kern.cu",
    Language.OBJCPP: "view.mm",
    Language.METAL: "shade.metal",
    Language.JAVASCRIPT: "app.js",
    Language.TYPESCRIPT: "app.ts",
    Language.RUST: "lib.rs",
    Language.GO: "main.go",
    Language.JAVA: "Main.java",
    Language.SHELL: "run.sh",
    Language.CMAKE: "CMakeLists.txt",
    Language.MAKE: "Makefile",
    Language.DOCKERFILE: "Dockerfile",
    Language.YAML: "conf.yaml",
    Language.TOML: "conf.toml",
    Language.JSON: "data.json",
    Language.INI: "setup.cfg",
    Language.HTML: "page.html",
    Language.CSS: "style.css",
    Language.TEXT: "notes.txt",
}

#: the tsx flavour of TypeScript has its own grammar
EXTRA_NAMES = ("app.tsx", "header.h", "header.hpp", "stubs.pyi")

ALL_NAMES = (*SAMPLE_NAMES.values(), *EXTRA_NAMES)

#: every rule on: a detector crashing on odd input is a bug too
RULES = findings_rules.select(())[0]

#: the subtypes a file's own diagnostics may carry (documented in the README)
FILE_SUBTYPES = frozenset(
    {"syntax", "encoding", "unreadable", "too_large", "symlink", "scan", "grammar", "finding"}
)

# -- strategies ------------------------------------------------------------------------------------

#: text that is mostly code-like: brackets, quotes, comment and string markers, odd whitespace
_CODE_ALPHABET = st.sampled_from(
    [
        *"abcxyz_019 \t\n\r{}[]()<>;:,.'\"`#/*\\=+-!?@$%&|^~",
        *("\x00", "\ufeff", "\u2028", "\x0c", "\r\n", "é", "𝔘", "ß"),
        *("def ", "class ", "import ", "#include ", "fn ", "func ", "struct ", "namespace "),
        *("/*", "*/", '"""', "'''", "```", "---", "===", "::", "..", "{{", "}}", "${", "<<EOF"),
    ]
)
code_text = st.lists(_CODE_ALPHABET, max_size=120).map("".join)
any_text = st.text(max_size=400)
any_bytes = st.binary(max_size=600)

#: what a file may hold: arbitrary bytes, arbitrary text, code-like token soup (encoded in
#: UTF-8, Latin-1 or UTF-16)
file_bytes = st.one_of(
    any_bytes,
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    code_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(code_text, st.sampled_from(["latin-1", "utf-16", "utf-8-sig"])).map(
        lambda p: p[0].encode(p[1], "replace")
    ),
)


def python_source():
    """Syntactically valid Python (hypothesmith's grammar-based generator)."""
    return hypothesmith.from_grammar()


def fuzz_settings(examples: int) -> settings:
    """Bounded, derandomized in the fast tier (same cases every run), no deadline."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


# -- checks ----------------------------------------------------------------------------------------


def scan_bytes(folder: Path, name: str, data: bytes) -> tuple[SourceFile, list[Diagnostic]]:
    """Write ``data`` as ``folder/name`` and run the scan's per-file step on it."""
    path = folder / name
    path.write_bytes(data)
    language = language_for(name, data[:8192])
    item = DiscoveredFile(name, path, len(data), language)
    return scan_file(item, 2_000_000, RULES)


def check_file(source: SourceFile, problems: list[Diagnostic], name: str) -> None:
    """A model for the file, JSON-able, whose diagnostics are documented and located."""
    assert isinstance(source, SourceFile)
    assert source.path == name
    json.dumps(to_jsonable(source))  # plain data all the way down
    for d in problems:
        assert d.subtype in FILE_SUBTYPES, d
        assert d.path == name, d
        assert d.message, d
        assert d.line is None or d.line >= 1, d
    for sym in source.symbols:
        for s in sym.walk():
            assert s.line >= 1, s
            assert s.end_line is None or s.end_line >= s.line, s
    if source.parsed and source.lines:
        for sym in source.symbols:
            for s in sym.walk():
                assert s.line <= source.lines + 1, (s, source.lines)


# -- the properties, shared by the fast tier and the full tier (they differ in case counts) -----


def any_bytes_give_a_model(folder: Path, name: str, examples: int) -> None:
    """Arbitrary bytes under ``name``: the per-file step gives a model, never an exception."""

    @fuzz_settings(examples)
    @given(data=file_bytes)
    def check(data: bytes) -> None:
        source, problems = scan_bytes(folder, name, data)
        check_file(source, problems, name)

    check()


def extractor_never_raises(language: Language, examples: int, max_size: int) -> None:
    """Arbitrary text through the language's extractor: facts, with located diagnostics."""
    from sphinxcontrib_repodoc.extractors import extractor_for

    extractor = extractor_for(language)
    assert extractor is not None
    name = SAMPLE_NAMES[language]

    @fuzz_settings(examples)
    @given(text=st.one_of(code_text, st.text(max_size=max_size)))
    def check(text: str) -> None:
        facts = extractor.extract(name, text)
        for d in facts.diagnostics:
            assert d.path == name

    check()


def valid_python_gives_a_parsed_model(folder: Path, examples: int) -> None:
    """hypothesmith's Python parses, and goes through the whole per-file step."""
    from sphinxcontrib_repodoc.extractors import extractor_for

    @fuzz_settings(examples)
    @given(source=python_source())
    def check(source: str) -> None:
        facts = extractor_for(Language.PYTHON).extract("gen.py", source)
        assert facts.parsed, facts.diagnostics
        src, problems = scan_bytes(folder, "gen.py", source.encode("utf-8", "surrogatepass"))
        check_file(src, problems, "gen.py")

    check()
