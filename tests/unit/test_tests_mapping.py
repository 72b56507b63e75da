"""Test files ↔ tested files, test cases and the commands that run them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxcontrib_repodoc.analysis.tests import (
    TestPlan,
    has_pytest_config,
    link_tests,
    paired_names,
)
from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.model import Kind, Language, Purpose, SourceFile, Symbol
from sphinxcontrib_repodoc.scan import scan


def write(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def model(root: Path, **values):
    repo = scan(RepodocConfig.from_values(root, {"git_commits": 0, **values}))
    return repo


@pytest.mark.parametrize(
    ("name", "pairs"),
    [
        ("test_foo.py", ("foo.py",)),
        ("foo_test.py", ("foo.py",)),
        ("test_.py", ()),
        ("conftest.py", ()),
        ("foo_test.go", ("foo.go",)),
        ("FooTest.java", ("Foo.java",)),
        ("FooTests.java", ("Foo.java",)),
        ("x.test.ts", ("x.ts", "x.tsx", "x.js", "x.jsx", "x.mjs", "x.cjs")),
        ("x.spec.js", ("x.ts", "x.tsx", "x.js", "x.jsx", "x.mjs", "x.cjs")),
        ("foo.py", ()),
    ],
)
def test_paired_names(name, pairs):
    assert paired_names(name) == pairs


def test_cpp_names_pair_with_sources_and_headers():
    pairs = paired_names("vitals_test.cpp")
    assert "vitals.cpp" in pairs
    assert "vitals.h" in pairs
    assert paired_names("test_vitals.cc")[:3] == ("vitals.c", "vitals.cc", "vitals.cpp")
    assert "vitals.cu" in paired_names("vitals_unittest.cu")


@pytest.fixture
def tree(tmp_path):
    return write(
        tmp_path,
        {
            "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests']\n",
            "pkg/__init__.py": "",
            "pkg/core.py": "class Engine:\n    pass\n\ndef start():\n    pass\n",
            "pkg/util.py": "def helper():\n    pass\n",
            "other/util.py": "def helper():\n    pass\n",
            "pkg/tests/__init__.py": "",
            "pkg/tests/test_util.py": """\
                def test_helper():
                    pass
                """,
            "tests/conftest.py": "import pytest\n",
            "tests/test_core.py": """\
                from pkg.core import Engine

                class TestEngine:
                    def test_engine_starts(self):
                        pass

                    def test_other(self):
                        pass

                def test_start_works():
                    pass

                def test_unrelated():
                    pass
                """,
        },
    )


def test_imports_and_name_pairs(tree):
    repo = model(tree)
    core = repo.file("pkg/core.py")
    assert [(t.path, t.how) for t in core.tested_by] == [
        ("tests/test_core.py", "imports it · name pairs with it")
    ]
    # the cases whose names name the file's symbols (Engine, start)
    assert core.tested_by[0].cases == (
        "TestEngine.test_engine_starts",
        "TestEngine.test_other",
        "test_start_works",
    )
    test = repo.file("tests/test_core.py")
    assert [(t.path, t.how) for t in test.tests] == [
        ("pkg/core.py", "imports it · name pairs with it")
    ]
    # no local import of the package marker is made a "test" relation
    assert repo.file("pkg/__init__.py").tested_by == ()


def test_name_pairs_with_the_nearest_file(tree):
    repo = model(tree)
    assert [t.path for t in repo.file("pkg/util.py").tested_by] == ["pkg/tests/test_util.py"]
    assert repo.file("other/util.py").tested_by == ()
    assert [t.how for t in repo.file("pkg/tests/test_util.py").tests] == ["name pairs with it"]


def test_pytest_node_ids(tree):
    test = model(tree).file("tests/test_core.py")
    assert test.test_command == "pytest tests/test_core.py"
    assert [(c.qualname, c.line, c.command) for c in test.test_cases] == [
        (
            "TestEngine.test_engine_starts",
            4,
            "pytest tests/test_core.py::TestEngine::test_engine_starts",
        ),
        ("TestEngine.test_other", 7, "pytest tests/test_core.py::TestEngine::test_other"),
        ("test_start_works", 10, "pytest tests/test_core.py::test_start_works"),
        ("test_unrelated", 13, "pytest tests/test_core.py::test_unrelated"),
    ]


def test_source_files_have_no_test_command(tree):
    core = model(tree).file("pkg/core.py")
    assert core.test_command is None
    assert core.test_cases == ()
    assert core.tests == ()


UNITTEST_TREE = {
    "lib/calc.py": "def add(a, b):\n    return a + b\n",
    "tests/__init__.py": "",
    "tests/test_calc.py": """\
        import unittest
        from lib.calc import add

        class TestAdd(unittest.TestCase):
            def test_add(self):
                self.assertEqual(add(1, 2), 3)
        """,
}


def test_unittest_only_tree_without_pytest_config(tmp_path):
    repo = model(write(tmp_path, UNITTEST_TREE))
    test = repo.file("tests/test_calc.py")
    assert test.test_command == "python -m unittest tests.test_calc"
    assert [c.command for c in test.test_cases] == [
        "python -m unittest tests.test_calc.TestAdd.test_add"
    ]
    assert [t.path for t in repo.file("lib/calc.py").tested_by] == ["tests/test_calc.py"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pytest.ini", "[pytest]\n"),
        ("tox.ini", "[tox]\n[pytest]\naddopts = -q\n"),
        ("setup.cfg", "[metadata]\nname = x\n[tool:pytest]\n"),
        ("pyproject.toml", "[tool.pytest.ini_options]\n"),
        ("conftest.py", ""),
    ],
)
def test_pytest_configuration_wins_over_unittest(tmp_path, name, text):
    repo = model(write(tmp_path, {**UNITTEST_TREE, name: text}))
    test = repo.file("tests/test_calc.py")
    assert test.test_cases[0].command == "pytest tests/test_calc.py::TestAdd::test_add"


def test_no_pytest_config_detected(tmp_path):
    write(tmp_path, {"tox.ini": "[tox]\n", "setup.cfg": "[metadata]\n", "pyproject.toml": "x ="})
    assert not has_pytest_config(tmp_path, ["tox.ini", "setup.cfg", "pyproject.toml"])


def test_templates(tmp_path):
    templates = {
        "test/**/*.py": "python test/run_test.py -i {module} -k '{qualname}'",
        "*.cpp": "build/bin/{stem} --gtest_filter={qualname}",
    }
    repo = model(
        write(tmp_path, {"test/nn/test_linear.py": "def test_fwd():\n    pass\n"}),
        test_command=templates,
        python_paths=["test"],
    )
    test = repo.file("test/nn/test_linear.py")
    assert test.test_command is None  # the template names the case
    assert test.test_cases[0].command == "python test/run_test.py -i nn.test_linear -k 'test_fwd'"


def _cpp(path: str, *tests: str) -> SourceFile:
    symbols = tuple(
        Symbol(Kind.FUNCTION, q.rpartition(".")[2], q, 3 + i, 5 + i, is_test=True)
        for i, q in enumerate(tests)
    )
    purpose = Purpose.TEST if tests else Purpose.SOURCE
    return SourceFile(path, Language.CPP, 10, 10, "", "cpp", purpose=purpose, symbols=symbols)


def test_gtest_cases_and_cpp_pairing():
    files = {
        f.path: f
        for f in (
            _cpp("aten/src/ATen/core/vitals.cpp"),
            _cpp("aten/src/ATen/core/vitals.h"),
            _cpp("c10/util/vitals.cpp"),
            _cpp("aten/src/ATen/test/vitals_test.cpp", "Vitals.Basic", "Vitals.MultiString"),
        )
    }
    updates = link_tests(files, TestPlan((), pytest=True))
    test = updates["aten/src/ATen/test/vitals_test.cpp"]
    assert [t.path for t in test["tests"]] == [
        "aten/src/ATen/core/vitals.cpp",
        "aten/src/ATen/core/vitals.h",
    ]
    assert test["test_command"] is None
    assert [(c.qualname, c.command) for c in test["test_cases"]] == [
        ("Vitals.Basic", "--gtest_filter=Vitals.Basic"),
        ("Vitals.MultiString", "--gtest_filter=Vitals.MultiString"),
    ]
    assert "c10/util/vitals.cpp" not in updates


def test_gtest_template():
    f = _cpp("aten/src/ATen/test/vitals.cpp", "Vitals.Basic")
    plan = TestPlan([("aten/**/test/*.cpp", "build/bin/{stem} --gtest_filter={qualname}")], True)
    command, cases = plan.commands(f)
    assert command is None
    assert cases[0].command == "build/bin/vitals --gtest_filter=Vitals.Basic"


def test_whole_file_template(tmp_path):
    repo = model(
        write(tmp_path, {"test/test_nn.py": "def test_fwd():\n    pass\n"}),
        test_command={"test/*.py": "python test/run_test.py -i {stem}"},
    )
    test = repo.file("test/test_nn.py")
    assert test.test_command == "python test/run_test.py -i test_nn"
    assert test.test_cases[0].command == "python test/run_test.py -i test_nn"


def test_go_commands():
    sym = Symbol(Kind.FUNCTION, "TestAdd", "TestAdd", 5, 9, is_test=True)
    f = SourceFile("calc/add_test.go", Language.GO, 1, 1, "", "go", Purpose.TEST, symbols=(sym,))
    command, cases = TestPlan((), True).commands(f)
    assert command == "go test ./calc"
    assert cases[0].command == "go test ./calc -run '^TestAdd$'"


def test_cases_of_a_test_importing_some_names_are_about_those_names(tree):
    write(
        tree,
        {
            "tests/test_misc.py": """\
                from pkg.core import start

                def test_engine_unrelated():
                    pass

                def test_start_again():
                    pass
                """
        },
    )
    core = model(tree).file("pkg/core.py")
    misc = next(t for t in core.tested_by if t.path == "tests/test_misc.py")
    assert misc.how == "imports it"
    assert misc.cases == ("test_start_again",)
