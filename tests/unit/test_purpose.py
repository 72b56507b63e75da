"""Purpose classification: a table of paths, with the reason checked for its key words."""

from __future__ import annotations

import pytest

from sphinxcontrib_repodoc.analysis.purpose import classify
from sphinxcontrib_repodoc.model import Kind, Language, Purpose, Symbol

L = Language
P = Purpose


def fn(name: str, *, is_test: bool = False, children: tuple[Symbol, ...] = ()) -> Symbol:
    kind = Kind.CLASS if children else Kind.FUNCTION
    return Symbol(kind, name, name, 1, 2, is_test=is_test, children=children)


TESTS = (
    fn("helper"),
    fn("test_a", is_test=True),
    fn("TestB", children=(fn("test_b1", is_test=True), fn("test_b2", is_test=True))),
)
HELPERS = (fn("make_tensor"), fn("assert_close"))

CASES = [
    # path, language, symbols, purpose, words in the reason
    ("tests/conftest.py", L.PYTHON, HELPERS, P.TEST_SUPPORT, "conftest.py"),
    ("conftest.py", L.PYTHON, (), P.TEST_SUPPORT, "pytest fixtures"),
    (
        "tests/test_nn.py",
        L.PYTHON,
        TESTS,
        P.TEST,
        "matches test_*.py and defines 3 test cases",
    ),
    ("pkg/foo_test.py", L.PYTHON, TESTS[1:2], P.TEST, "defines 1 test case"),
    ("test/test_empty.py", L.PYTHON, HELPERS, P.TEST, "no test cases were found"),
    ("c10/test/util/Half_test.cpp", L.CPP, (), P.TEST, "name matches *_test.cpp"),
    ("src/foo_test.cc", L.CPP, (), P.TEST, "*_test.cc"),
    ("pkg/server_test.go", L.GO, (), P.TEST, "*_test.go"),
    ("src/test/java/FooTest.java", L.JAVA, (), P.TEST, "*Test.java"),
    ("web/app.test.ts", L.TYPESCRIPT, (), P.TEST, "*.test.ts"),
    ("web/app.spec.js", L.JAVASCRIPT, (), P.TEST, "*.spec.js"),
    ("aten/src/ATen/test/vitals.cpp", L.CPP, TESTS, P.TEST, "under aten/src/ATen/test/ and"),
    ("aten/src/ATen/test/vitals.cpp", L.CPP, (), P.TEST, "under aten/src/ATen/test/"),
    ("tests/helpers.py", L.PYTHON, HELPERS, P.TEST_SUPPORT, "no test cases (helpers)"),
    ("tests/__init__.py", L.PYTHON, (), P.TEST_SUPPORT, "package marker"),
    ("torch/testing/_internal/common.py", L.PYTHON, HELPERS, P.TEST_SUPPORT, "testing/"),
    ("tests/fixtures/sample.md", L.MARKDOWN, (), P.TEST_SUPPORT, "tests/fixtures/"),
    ("tests/data/model.json", L.JSON, (), P.TEST_SUPPORT, "test data"),
    ("tests/expected.yaml", L.YAML, (), P.TEST_SUPPORT, "under tests/"),
    ("pkg/testdata/input.txt", L.TEXT, (), P.TEST_SUPPORT, "pkg/testdata/"),
    ("tests/README.md", L.MARKDOWN, (), P.DOCS, "Markdown document under tests/"),
    ("tests/CMakeLists.txt", L.CMAKE, (), P.BUILD, "(CMakeLists.txt)"),
    ("benchmarks/tests/test_speed.py", L.PYTHON, TESTS, P.TEST, "test_*.py"),
    ("benchmarks/run.py", L.PYTHON, (), P.BENCHMARK, "under benchmarks/"),
    ("tools/bench/x.cpp", L.CPP, (), P.BENCHMARK, "under tools/bench/"),
    ("scripts/bench_matmul.py", L.PYTHON, (), P.BENCHMARK, "bench_*.py"),
    ("tests/benchmarks/heavy.py", L.PYTHON, HELPERS, P.BENCHMARK, "tests/benchmarks/"),
    ("examples/mnist/main.py", L.PYTHON, (), P.EXAMPLE, "under examples/"),
    ("docs/example/demo.py", L.PYTHON, (), P.EXAMPLE, "under docs/example/"),
    ("examples/README.md", L.MARKDOWN, (), P.DOCS, "Markdown document under examples/"),
    (
        ".github/workflows/ci.yml",
        L.YAML,
        (),
        P.CI,
        "Actions workflow under .github/workflows/",
    ),
    (".github/scripts/filter.py", L.PYTHON, (), P.CI, ".github/scripts/"),
    (".gitlab-ci.yml", L.YAML, (), P.CI, ".gitlab-ci.yml"),
    (".circleci/config.yml", L.YAML, (), P.CI, "CircleCI"),
    ("azure-pipelines.yml", L.YAML, (), P.CI, "azure-pipelines.yml"),
    (".travis.yml", L.YAML, (), P.CI, ".travis.yml"),
    ("Jenkinsfile", L.OTHER, (), P.CI, "Jenkinsfile"),
    (".ci/docker/build.sh", L.SHELL, (), P.CI, "under .ci/"),
    ("setup.py", L.PYTHON, (), P.BUILD, "(setup.py)"),
    ("setup.cfg", L.INI, (), P.BUILD, "(setup.cfg)"),
    ("pyproject.toml", L.TOML, (), P.BUILD, "(pyproject.toml)"),
    ("CMakeLists.txt", L.CMAKE, (), P.BUILD, "build script (CMakeLists.txt)"),
    ("cmake/Dependencies.cmake", L.CMAKE, (), P.BUILD, "CMake script"),
    ("Makefile", L.MAKE, (), P.BUILD, "(Makefile)"),
    ("docker/Dockerfile", L.DOCKERFILE, (), P.BUILD, "(Dockerfile)"),
    ("docker/Dockerfile.cuda", L.DOCKERFILE, (), P.BUILD, "container build file"),
    ("meson.build", L.OTHER, (), P.BUILD, "meson.build"),
    ("BUILD.bazel", L.OTHER, (), P.BUILD, "Bazel"),
    ("BUILD", L.OTHER, (), P.BUILD, "Bazel"),
    ("WORKSPACE", L.OTHER, (), P.BUILD, "Bazel"),
    ("requirements-dev.txt", L.TEXT, (), P.BUILD, "dependency list (requirements-dev.txt)"),
    ("requirements/docs.txt", L.TEXT, (), P.BUILD, "under requirements/"),
    ("docs/Makefile", L.MAKE, (), P.BUILD, "(Makefile)"),
    ("docs/conf.py", L.PYTHON, (), P.DOCS, "under docs/"),
    ("doc/source/_static/logo.png", L.BINARY, (), P.DOCS, "under doc/"),
    ("Documentation/intro.txt", L.TEXT, (), P.DOCS, "Documentation/"),
    ("README.md", L.MARKDOWN, (), P.DOCS, "Markdown document"),
    ("CHANGELOG.rst", L.RST, (), P.DOCS, "reStructuredText document"),
    ("NOTES.txt", L.TEXT, (), P.DOCS, "Plain text document"),
    ("LICENSE", L.OTHER, (), P.DOCS, "(LICENSE)"),
    ("third_party/fmt/src/format.cc", L.CPP, (), P.VENDORED, "under third_party/"),
    ("third_party/googletest/test/foo_test.cc", L.CPP, (), P.VENDORED, "third_party/"),
    ("pip/_vendor/six.py", L.PYTHON, (), P.VENDORED, "pip/_vendor/"),
    ("vendor/github.com/x/y.go", L.GO, (), P.VENDORED, "vendor/"),
    ("proto/model_pb2.py", L.PYTHON, (), P.GENERATED, "_pb2.py"),
    ("proto/model.pb.h", L.CPP, (), P.GENERATED, "protobuf"),
    ("src/generated/ops.cpp", L.CPP, (), P.GENERATED, "under src/generated/"),
    ("tests/protos/t_pb2.py", L.PYTHON, (), P.GENERATED, "_pb2.py"),
    ("poetry.lock", L.OTHER, (), P.GENERATED, "lock file"),
    ("static/app.min.js", L.JAVASCRIPT, (), P.GENERATED, "minified"),
    (".gitignore", L.OTHER, (), P.CONFIG, "(.gitignore)"),
    (".editorconfig", L.INI, (), P.CONFIG, ".editorconfig"),
    (".pre-commit-config.yaml", L.YAML, (), P.CONFIG, ".pre-commit-config.yaml"),
    (".github/CODEOWNERS", L.OTHER, (), P.CONFIG, "CODEOWNERS"),
    (".github/dependabot.yml", L.YAML, (), P.CONFIG, "YAML"),
    ("mypy.ini", L.INI, (), P.CONFIG, "INI"),
    ("config/settings.toml", L.TOML, (), P.CONFIG, "TOML"),
    ("tsconfig.json", L.JSON, (), P.CONFIG, "JSON"),
    ("app/logging.cfg", L.OTHER, (), P.CONFIG, ".cfg"),
    ("assets/iris.csv", L.OTHER, (), P.DATA, ".csv"),
    ("weights/model.bin", L.BINARY, (), P.DATA, ".bin"),
    ("blob", L.BINARY, (), P.DATA, "binary file"),
    ("torch/nn/linear.py", L.PYTHON, HELPERS, P.SOURCE, "Python module"),
    ("torch/nn/__init__.py", L.PYTHON, (), P.SOURCE, "Python package"),
    ("aten/src/ATen/core/Tensor.cpp", L.CPP, (), P.SOURCE, "C++ source"),
    ("aten/src/ATen/core/Tensor.h", L.CPP, (), P.SOURCE, "C++ header"),
    ("scripts/release.sh", L.SHELL, (), P.SOURCE, "Shell script"),
    ("src/lib.rs", L.RUST, (), P.SOURCE, "Rust source"),
    ("misc/thing.xyz", L.OTHER, (), P.SOURCE, "not recognised"),
    ("src/contest.py", L.PYTHON, (), P.SOURCE, "Python module"),  # not a test
    ("src/latest_tests/x.py", L.PYTHON, (), P.SOURCE, "Python module"),  # not a test folder
]


@pytest.mark.parametrize(
    ("path", "language", "symbols", "purpose", "words"),
    CASES,
    ids=[f"{case[0]}-{case[3].value}" for case in CASES],
)
def test_classify(
    path: str, language: Language, symbols: tuple[Symbol, ...], purpose: Purpose, words: str
) -> None:
    got, reason = classify(path, language, symbols)
    assert got is purpose, reason
    assert words in reason
    assert "\n" not in reason and reason == reason.strip()


def test_every_purpose_is_reachable() -> None:
    assert {case[3] for case in CASES} == set(Purpose)


def test_accepts_any_sequence() -> None:
    assert classify("tests/test_x.py", L.PYTHON, list(TESTS))[0] is P.TEST
