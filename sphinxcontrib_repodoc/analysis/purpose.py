"""What a file is for, decided from its path, language and symbols, with the reason why.

The reason is shown on the file's page next to the purpose, so a surprising classification can
be understood (and reported) without reading this module.  Rules are tried in order and the
first that matches wins; folder rules use the innermost matching folder, so
``docs/examples/demo.py`` is an example and ``benchmarks/tests/helpers.py`` test support.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from ..model import Language, Purpose

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ..model import Symbol

__all__ = ["classify"]

_VENDORED_DIRS = frozenset(
    {"third_party", "third-party", "thirdparty", "3rdparty", "vendor", "vendored", "_vendor"}
    | {"node_modules"}
)
_GENERATED_DIRS = frozenset({"generated", "_generated", "__generated__", "autogen"})
_GENERATED_NAMES: tuple[tuple[str, str], ...] = (
    ("*_pb2.py", "generated protobuf module"),
    ("*_pb2.pyi", "generated protobuf stub"),
    ("*_pb2_grpc.py", "generated gRPC module"),
    ("*.pb.h", "generated protobuf header"),
    ("*.pb.cc", "generated protobuf source"),
    ("*.pb.go", "generated protobuf source"),
    ("*_pb.js", "generated protobuf source"),
    ("*_pb.d.ts", "generated protobuf declarations"),
    ("*_generated.*", "generated file"),
    ("*.generated.*", "generated file"),
    ("zz_generated*", "generated file"),
    ("*.min.js", "minified file"),
    ("*.min.css", "minified file"),
)
_LOCK_FILES = frozenset(
    {"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock"}
    | {"Cargo.lock", "uv.lock", "pdm.lock", "go.sum", "Gemfile.lock", "composer.lock"}
)

_CI_FILES = frozenset(
    {".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", "Jenkinsfile", "appveyor.yml"}
    | {".appveyor.yml", "bitbucket-pipelines.yml", ".drone.yml", "codecov.yml", ".codecov.yml"}
)
_CI_DIRS = {
    ".circleci": "CircleCI configuration",
    ".buildkite": "Buildkite pipeline",
    ".azure-pipelines": "Azure Pipelines configuration",
    ".ci": "CI scripts",
    "ci": "CI scripts",
}
_GITHUB_CI_DIRS = {
    "workflows": "GitHub Actions workflow",
    "actions": "GitHub Actions action",
    "scripts": "script run by GitHub Actions",
}

_TEST_DIRS = frozenset({"test", "tests", "testing", "__tests__"})
_TEST_DATA_DIRS = frozenset({"testdata", "test_data", "test-data"})
#: under a test folder, these hold fixtures and data rather than tests
_FIXTURE_DIRS = frozenset({"fixtures", "fixture", "data", "resources", "assets", "files"})
_TEST_NAMES = (
    "test_*.py",
    "*_test.py",
    "tests.py",
    "*_test.go",
    "*_test.c",
    "*_test.cc",
    "*_test.cpp",
    "*_test.cxx",
    "*_test.cu",
    "*_unittest.cc",
    "*_unittest.cpp",
    "test_*.c",
    "test_*.cc",
    "test_*.cpp",
    "*Test.java",
    "*Tests.java",
    "*Test.kt",
    "*_spec.rb",
    *(f"*.{kind}.{ext}" for kind in ("test", "spec") for ext in ("js", "jsx", "mjs", "ts", "tsx")),
)

_BENCH_DIRS = frozenset({"bench", "benches", "benchmark", "benchmarks"})
_BENCH_NAMES = (
    "bench_*.py",
    "benchmark_*.py",
    "*_bench.py",
    "*_benchmark.py",
    "*_bench.cc",
    "*_bench.cpp",
    "*_benchmark.cc",
    "*_benchmark.cpp",
    "*Benchmark.java",
)
_EXAMPLE_DIRS = frozenset({"example", "examples", "sample", "samples"})
_DOCS_DIRS = frozenset({"doc", "docs", "documentation"})

#: exact names (and glob patterns below) of build files, with what they are
_BUILD_FILES = {
    "setup.py": "packaging script",
    "setup.cfg": "packaging configuration",
    "pyproject.toml": "project and build configuration",
    "MANIFEST.in": "packaging manifest",
    "CMakeLists.txt": "build script",
    "Makefile": "build script",
    "GNUmakefile": "build script",
    "makefile": "build script",
    "Dockerfile": "container build file",
    "docker-compose.yml": "container composition",
    "docker-compose.yaml": "container composition",
    "meson.build": "build script",
    "meson_options.txt": "build options",
    "BUILD": "Bazel build file",
    "BUILD.bazel": "Bazel build file",
    "WORKSPACE": "Bazel workspace",
    "WORKSPACE.bazel": "Bazel workspace",
    "MODULE.bazel": "Bazel module",
    "BUCK": "Buck build file",
    "build.rs": "Cargo build script",
    "Cargo.toml": "Cargo manifest",
    "go.mod": "Go module file",
    "package.json": "npm package manifest",
    "pom.xml": "Maven build file",
    "build.gradle": "Gradle build script",
    "build.gradle.kts": "Gradle build script",
    "settings.gradle": "Gradle settings",
    "settings.gradle.kts": "Gradle settings",
    "configure.ac": "autoconf script",
    "Makefile.am": "automake file",
    "environment.yml": "conda environment",
    "environment.yaml": "conda environment",
    "Pipfile": "dependency list",
    "Gemfile": "dependency list",
    "tox.ini": "test automation",
    "noxfile.py": "test automation",
}
_BUILD_PATTERNS = (
    ("*.cmake", "CMake script"),
    ("*.cmake.in", "CMake template"),
    ("*.mk", "make include"),
    ("*.bzl", "Bazel extension"),
    ("Dockerfile.*", "container build file"),
    ("*.Dockerfile", "container build file"),
    ("*.dockerfile", "container build file"),
    ("requirements*.txt", "dependency list"),
    ("requirements*.in", "dependency list"),
    ("constraints*.txt", "dependency constraints"),
    ("*.gemspec", "gem specification"),
)
_BUILD_LANGUAGES = {
    Language.CMAKE: "CMake script",
    Language.MAKE: "build script",
    Language.DOCKERFILE: "container build file",
}

_DOC_LANGUAGES = frozenset({Language.MARKDOWN, Language.RST, Language.TEXT})
_DOC_NAMES = (
    "README*",
    "CHANGELOG*",
    "CHANGES*",
    "HISTORY*",
    "NEWS*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "NOTICE*",
    "AUTHORS*",
    "CONTRIBUTORS*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
)

_CONFIG_LANGUAGES = frozenset({Language.YAML, Language.TOML, Language.JSON, Language.INI})
_CONFIG_EXTENSIONS = frozenset(
    {"yml", "yaml", "toml", "ini", "cfg", "conf", "json", "jsonc", "json5", "properties"}
)
_CONFIG_NAMES = frozenset({"CODEOWNERS", "OWNERS"})
_DATA_EXTENSIONS = frozenset(
    {"csv", "tsv", "jsonl", "ndjson", "parquet", "arrow", "feather", "npy", "npz", "pkl"}
    | {"pickle", "h5", "hdf5", "db", "sqlite", "sqlite3", "bin", "dat", "pt", "pth", "onnx"}
    | {"safetensors", "tflite", "zip", "tar", "gz", "bz2", "xz", "7z", "whl"}
    | {"png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tif", "tiff", "svg", "pdf"}
    | {"wav", "mp3", "mp4", "ogg", "ttf", "otf", "woff", "woff2"}
)

_HEADER_EXTENSIONS = frozenset({"h", "hh", "hpp", "hxx", "cuh", "inl"})
_SOURCE_NOUNS = {
    Language.PYTHON: "module",
    Language.SHELL: "script",
    Language.HTML: "page",
    Language.CSS: "stylesheet",
}


def classify(path: str, language: Language, symbols: Sequence[Symbol]) -> tuple[Purpose, str]:
    """The purpose of the file at ``path`` and a one-line reason saying why."""
    folders = path.split("/")
    name = folders.pop()
    lowered = [folder.lower() for folder in folders]
    for rule in (_vendored, _generated, _ci):
        found = rule(folders, lowered, name)
        if found is not None:
            return found
    if name == "conftest.py":
        return Purpose.TEST_SUPPORT, "conftest.py: pytest fixtures and hooks"
    for index, folder in enumerate(lowered):
        if folder in _TEST_DATA_DIRS:
            return Purpose.TEST_SUPPORT, f"test data under {_prefix(folders, index)}"

    pattern = _match(name, _TEST_NAMES)
    if pattern is not None:
        return Purpose.TEST, f"name matches {pattern}{_test_count_phrase(symbols, ' and')}"
    pattern = _match(name, _BENCH_NAMES)
    if pattern is not None:
        return Purpose.BENCHMARK, f"name matches {pattern}"

    found = _build(folders, lowered, name, language)
    if found is not None:
        return found

    # the innermost test / benchmark / example / docs folder decides
    for index in range(len(lowered) - 1, -1, -1):
        folder = lowered[index]
        under = _prefix(folders, index)
        if folder in _TEST_DIRS:
            return _in_test_folder(folders, lowered, index, name, language, symbols)
        if folder in _DOCS_DIRS:
            return Purpose.DOCS, f"under {under}"
        if language in _DOC_LANGUAGES and folder in _BENCH_DIRS | _EXAMPLE_DIRS:
            return Purpose.DOCS, f"{language.label} document under {under}"
        if folder in _BENCH_DIRS:
            return Purpose.BENCHMARK, f"under {under}"
        if folder in _EXAMPLE_DIRS:
            return Purpose.EXAMPLE, f"under {under}"

    if language in _DOC_LANGUAGES:
        return Purpose.DOCS, f"{language.label} document"
    if _match(name, _DOC_NAMES) is not None:
        return Purpose.DOCS, f"project document ({name})"

    extension = _extension(name)
    if name.startswith(".") or name in _CONFIG_NAMES:
        return Purpose.CONFIG, f"tool configuration ({name})"
    if language in _CONFIG_LANGUAGES:
        return Purpose.CONFIG, f"{language.label} configuration file"
    if extension in _CONFIG_EXTENSIONS:
        return Purpose.CONFIG, f"configuration file (.{extension})"
    if language is Language.BINARY or extension in _DATA_EXTENSIONS:
        return Purpose.DATA, f"data (.{extension} file)" if extension else "data (binary file)"
    return Purpose.SOURCE, _source_reason(name, language)


# -- rules ------------------------------------------------------------------------------------

_Found = tuple[Purpose, str] | None


def _vendored(folders: list[str], lowered: list[str], name: str) -> _Found:
    for index, folder in enumerate(lowered):
        if folder in _VENDORED_DIRS:
            return Purpose.VENDORED, f"vendored code under {_prefix(folders, index)}"
    return None


def _generated(folders: list[str], lowered: list[str], name: str) -> _Found:
    if name in _LOCK_FILES:
        return Purpose.GENERATED, f"lock file written by the package manager ({name})"
    for pattern, what in _GENERATED_NAMES:
        if fnmatchcase(name, pattern):
            return Purpose.GENERATED, f"{what} (name matches {pattern})"
    for index, folder in enumerate(lowered):
        if folder in _GENERATED_DIRS:
            return Purpose.GENERATED, f"under {_prefix(folders, index)}"
    return None


def _ci(folders: list[str], lowered: list[str], name: str) -> _Found:
    if name in _CI_FILES:
        return Purpose.CI, f"CI configuration ({name})"
    for index, folder in enumerate(lowered):
        if folder == ".github" and index + 1 < len(lowered):
            what = _GITHUB_CI_DIRS.get(lowered[index + 1])
            if what is not None:
                return Purpose.CI, f"{what} under {_prefix(folders, index + 1)}"
        if folder in _CI_DIRS:
            return Purpose.CI, f"{_CI_DIRS[folder]} under {_prefix(folders, index)}"
    return None


def _build(folders: list[str], lowered: list[str], name: str, language: Language) -> _Found:
    if lowered and lowered[-1] == "requirements" and _extension(name) in ("txt", "in"):
        return Purpose.BUILD, f"dependency list under {_prefix(folders, len(folders) - 1)}"
    what = _BUILD_FILES.get(name)
    if what is not None:
        return Purpose.BUILD, f"{what} ({name})"
    for pattern, what in _BUILD_PATTERNS:
        if fnmatchcase(name, pattern):
            return Purpose.BUILD, f"{what} ({name})"
    if language in _BUILD_LANGUAGES:
        return Purpose.BUILD, f"{_BUILD_LANGUAGES[language]} ({name})"
    return None


def _in_test_folder(
    folders: list[str],
    lowered: list[str],
    index: int,
    name: str,
    language: Language,
    symbols: Sequence[Symbol],
) -> tuple[Purpose, str]:
    """A file under ``test/`` whose name does not say it is a test."""
    under = _prefix(folders, index)
    for inner in range(index + 1, len(lowered)):
        if lowered[inner] in _FIXTURE_DIRS:
            return Purpose.TEST_SUPPORT, f"test data under {_prefix(folders, inner)}"
    if name == "__init__.py":
        return Purpose.TEST_SUPPORT, f"package marker of the tests under {under}"
    if language in _DOC_LANGUAGES:
        return Purpose.DOCS, f"{language.label} document under {under}"
    extension = _extension(name)
    if (
        language in _CONFIG_LANGUAGES
        or language is Language.BINARY
        or extension in _CONFIG_EXTENSIONS
        or extension in _DATA_EXTENSIONS
    ):
        return Purpose.TEST_SUPPORT, f"test data or configuration under {under}"
    count = _count_tests(symbols)
    if count:
        return Purpose.TEST, f"under {under} and defines {_plural(count)}"
    if symbols:
        return Purpose.TEST_SUPPORT, f"under {under} but defines no test cases (helpers)"
    # nothing extracted (no grammar for the language, or an empty file): trust the folder
    return Purpose.TEST, f"under {under}"


# -- helpers ----------------------------------------------------------------------------------


def _prefix(folders: Sequence[str], index: int) -> str:
    """``a/b/`` for the folder at ``index`` (as written, to be recognisable in the reason)."""
    return "/".join(folders[: index + 1]) + "/"


def _match(name: str, patterns: Iterable[str]) -> str | None:
    for pattern in patterns:
        if fnmatchcase(name, pattern):
            return pattern
    return None


def _extension(name: str) -> str:
    stem, dot, extension = name.lstrip(".").rpartition(".")
    return extension.lower() if dot and stem else ""


def _count_tests(symbols: Sequence[Symbol]) -> int:
    return sum(1 for top in symbols for symbol in top.walk() if symbol.is_test)


def _plural(count: int) -> str:
    return f"{count} test case" if count == 1 else f"{count} test cases"


def _test_count_phrase(symbols: Sequence[Symbol], conjunction: str) -> str:
    count = _count_tests(symbols)
    if count:
        return f"{conjunction} defines {_plural(count)}"
    if symbols:
        return ", but no test cases were found"
    return ""


def _source_reason(name: str, language: Language) -> str:
    if language is Language.OTHER:
        return "source file (language not recognised)"
    if language is Language.PYTHON and name == "__init__.py":
        return "Python package (__init__.py)"
    if _extension(name) in _HEADER_EXTENSIONS:
        return f"{language.label} header"
    return f"{language.label} {_SOURCE_NOUNS.get(language, 'source')}"
