"""The Python extractor on code strings: symbols, imports, docstrings, tests, bad input."""

from __future__ import annotations

import sys
import textwrap

import pytest

from sphinxcontrib_repodoc.extractors.python import PythonExtractor
from sphinxcontrib_repodoc.model import FileFacts, Import, ImportedName, Kind, Language, Symbol


def extract(code: str, path: str = "pkg/mod.py") -> FileFacts:
    return PythonExtractor().extract(path, textwrap.dedent(code))


def symbols(code: str, path: str = "pkg/mod.py") -> dict[str, Symbol]:
    """Every symbol by qualname (the first definition when a name is defined twice)."""
    facts = extract(code, path)
    assert facts.parsed, facts.diagnostics
    out: dict[str, Symbol] = {}
    for top in facts.symbols:
        for sym in top.walk():
            out.setdefault(sym.qualname, sym)
    return out


def all_symbols(code: str, path: str = "pkg/mod.py") -> list[Symbol]:
    return [s for top in extract(code, path).symbols for s in top.walk()]


def test_languages() -> None:
    assert PythonExtractor.languages == frozenset({Language.PYTHON})


# -- nesting, kinds, qualnames ---------------------------------------------------------------


def test_nesting_class_method_nested_function() -> None:
    facts = extract(
        """
        class Outer:
            class Inner:
                def method(self):
                    def helper():
                        class Local:
                            def m(self): ...
                    return helper

        def outer():
            def inner(): ...
        """
    )
    [outer_cls, outer_fn] = facts.symbols
    assert (outer_cls.kind, outer_cls.qualname) == (Kind.CLASS, "Outer")
    [inner] = outer_cls.children
    assert (inner.kind, inner.qualname, inner.name) == (Kind.CLASS, "Outer.Inner", "Inner")
    [method] = inner.children
    assert (method.kind, method.qualname) == (Kind.METHOD, "Outer.Inner.method")
    [helper] = method.children
    assert (helper.kind, helper.qualname) == (Kind.FUNCTION, "Outer.Inner.method.helper")
    [local] = helper.children
    assert (local.kind, local.qualname) == (Kind.CLASS, "Outer.Inner.method.helper.Local")
    assert [(c.kind, c.qualname) for c in local.children] == [
        (Kind.METHOD, "Outer.Inner.method.helper.Local.m")
    ]
    assert (outer_fn.kind, outer_fn.qualname) == (Kind.FUNCTION, "outer")
    assert [(c.kind, c.qualname) for c in outer_fn.children] == [(Kind.FUNCTION, "outer.inner")]


def test_function_locals_are_not_symbols() -> None:
    syms = symbols(
        """
        def f(self):
            x = 1
            y: int = 2
            self.z = 3
            for i in range(3):
                w = i
        """
    )
    assert list(syms) == ["f"]


@pytest.mark.parametrize(
    ("decorator", "kind", "labels"),
    [
        ("property", Kind.PROPERTY, ()),
        ("functools.cached_property", Kind.PROPERTY, ()),
        ("cached_property", Kind.PROPERTY, ()),
        ("abc.abstractproperty", Kind.PROPERTY, ("abstract",)),
        ("staticmethod", Kind.METHOD, ("staticmethod",)),
        ("classmethod", Kind.METHOD, ("classmethod",)),
        ("abstractmethod", Kind.METHOD, ("abstract",)),
        ("abc.abstractmethod", Kind.METHOD, ("abstract",)),
        ("typing.overload", Kind.METHOD, ("overload",)),
        ("overload", Kind.METHOD, ("overload",)),
        ("functools.lru_cache(maxsize=None)", Kind.METHOD, ()),
    ],
)
def test_method_decorators(decorator: str, kind: Kind, labels: tuple[str, ...]) -> None:
    syms = symbols(
        f"""
        class A:
            @{decorator}
            def m(self): ...
        """
    )
    assert syms["A.m"].kind is kind
    assert syms["A.m"].labels == labels
    assert syms["A.m"].decorators == (decorator,)


def test_property_getter_setter_deleter_are_separate_symbols() -> None:
    facts = extract(
        """
        class A:
            @property
            def x(self) -> int:
                "The x."
                return 1

            @x.setter
            def x(self, value: int) -> None: ...

            @x.deleter
            def x(self): ...
        """
    )
    [cls] = facts.symbols
    assert [(c.kind, c.qualname, c.labels) for c in cls.children] == [
        (Kind.PROPERTY, "A.x", ()),
        (Kind.PROPERTY, "A.x", ("setter",)),
        (Kind.PROPERTY, "A.x", ("deleter",)),
    ]
    getter, setter, _ = cls.children
    assert getter.docstring == "The x."
    assert setter.decorators == ("x.setter",)
    assert setter.signature == "(self, value: int) -> None"


def test_property_decorator_outside_class_is_a_function() -> None:
    syms = symbols("@property\ndef f(): ...\n")
    assert syms["f"].kind is Kind.FUNCTION


def test_stacked_labels_async_and_order_free() -> None:
    syms = symbols(
        """
        class A:
            @staticmethod
            @abc.abstractmethod
            async def m(): ...

        async def g(): ...
        """
    )
    assert set(syms["A.m"].labels) == {"async", "staticmethod", "abstract"}
    assert syms["A.m"].decorators == ("staticmethod", "abc.abstractmethod")
    assert syms["g"].labels == ("async",)
    assert syms["g"].kind is Kind.FUNCTION


def test_overloads_are_all_kept() -> None:
    found = all_symbols(
        """
        from typing import overload

        @overload
        def f(x: int) -> int: ...
        @overload
        def f(x: str) -> str: ...
        def f(x): return x
        """
    )
    assert [(s.qualname, s.labels) for s in found] == [
        ("f", ("overload",)),
        ("f", ("overload",)),
        ("f", ()),
    ]


def test_decorator_text_and_bases() -> None:
    syms = symbols(
        """
        @dataclasses.dataclass(frozen=True)
        @register("x", key=1)
        class A(Base, mod.Mixin[int], metaclass=ABCMeta, **extra):
            pass

        @dataclass
        class B: ...
        """
    )
    assert syms["A"].decorators == ("dataclasses.dataclass(frozen=True)", "register('x', key=1)")
    assert syms["A"].bases == ("Base", "mod.Mixin[int]", "metaclass=ABCMeta", "**extra")
    assert syms["A"].labels == ("dataclass",)
    assert syms["A"].signature is None
    assert syms["B"].labels == ("dataclass",)
    assert syms["B"].bases == ()


# -- lines -----------------------------------------------------------------------------------


def test_line_is_the_def_line_not_the_first_decorator() -> None:
    syms = symbols(
        """\
        import functools

        @functools.wraps(
            print,
        )
        @other
        def f(
            a,
        ):
            return a

        @decorate
        class C:
            @property
            def p(self):
                return 1
        """
    )
    assert (syms["f"].line, syms["f"].end_line) == (7, 10)
    assert (syms["C"].line, syms["C"].end_line) == (13, 16)
    assert (syms["C.p"].line, syms["C.p"].end_line) == (15, 16)


# -- signatures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("()", "()"),
        ("(self, x: int = 1, *args, **kw) -> None", "(self, x: int = 1, *args, **kw) -> None"),
        ("(a, b=2, /, c=3)", "(a, b=2, /, c=3)"),
        ("(a, /)", "(a, /)"),
        ("(a, *, k, m: str = 'x')", "(a, *, k, m: str = 'x')"),
        ("(*args: int, k=None, **kwargs: Any)", "(*args: int, k=None, **kwargs: Any)"),
        ("(x:int=1)->'Fwd'", "(x: int = 1) -> 'Fwd'"),
        ("(x: list[int] | None = None) -> dict[str, int]", None),
        ("(f=lambda y: y + 1, t=(1, 2))", None),
        ("(a, b, /, c, *, d)", None),
    ],
)
def test_signature_forms(params: str, expected: str | None) -> None:
    syms = symbols(f"def f{params}: ...\n")
    assert syms["f"].signature == (expected or params)


def test_class_signature_is_none_and_method_keeps_self() -> None:
    syms = symbols("class A:\n    def m(self, /, x, *, y=1) -> A: ...\n")
    assert syms["A"].signature is None
    assert syms["A.m"].signature == "(self, /, x, *, y=1) -> A"


# -- docstrings ------------------------------------------------------------------------------


def test_module_class_and_method_docstrings() -> None:
    facts = extract(
        '''
        r"""Module with a \\d regex.

        More text.
        """

        class A:
            """Class summary.

            Details::

                indented block
            """

            def m(self):
                r"""Raw \\n stays."""
        '''
    )
    assert facts.docstring == "Module with a \\d regex.\n\nMore text."
    [cls] = facts.symbols
    assert cls.docstring == "Class summary.\n\nDetails::\n\n    indented block"
    assert cls.children[0].docstring == "Raw \\n stays."
    assert cls.summary == "Class summary."


def test_no_docstring() -> None:
    facts = extract("x = 1\n'not a module docstring'\ndef f(): return 1\n")
    assert facts.docstring is None
    assert symbols("def f(): return 1\n")["f"].docstring is None


def test_attribute_docstrings_both_conventions() -> None:
    syms = symbols(
        '''
        #: Comment doc of A,
        #: on two lines.
        A = 1

        B: int = 2
        """String doc of B."""

        C = 3  #: inline doc of C

        #: not attached (blank line below)

        D = 4

        class K:
            #: attr doc
            a = 1
            b = 2
            """b doc"""
            c = "#: not a comment"
        '''
    )
    assert syms["A"].docstring == "Comment doc of A,\non two lines."
    assert syms["B"].docstring == "String doc of B."
    assert syms["C"].docstring == "inline doc of C"
    assert syms["D"].docstring is None
    assert syms["K.a"].docstring == "attr doc"
    assert syms["K.b"].docstring == "b doc"
    assert syms["K.c"].docstring is None


def test_inline_doc_comment_after_non_ascii_value() -> None:
    syms = symbols("X = 'ééé'  #: accents before me\n")
    assert syms["X"].docstring == "accents before me"


# -- variables -------------------------------------------------------------------------------


def test_module_data() -> None:
    facts = extract(
        """
        __all__ = ["f", "g"]
        a, (b, *c) = 1, (2, 3)
        x = y = 0
        obj.attr = 1
        items[0] = 2
        MAX_SIZE: int = 10
        _ = ignored()
        counter: int
        MAX_SIZE = 11
        TIMEOUT: Final = 3
        """
    )
    syms = {s.qualname: s for s in facts.symbols}
    assert list(syms) == ["__all__", "a", "b", "c", "x", "y", "MAX_SIZE", "_", "counter", "TIMEOUT"]
    assert all(s.kind is Kind.DATA for s in facts.symbols)
    assert syms["__all__"].value == "['f', 'g']"
    assert syms["__all__"].labels == ()
    assert syms["MAX_SIZE"].labels == ("constant",)
    assert (syms["MAX_SIZE"].annotation, syms["MAX_SIZE"].value) == ("int", "10")
    assert syms["MAX_SIZE"].line == 7  # first occurrence wins
    assert (syms["counter"].annotation, syms["counter"].value) == ("int", None)
    assert syms["TIMEOUT"].labels == ("constant",)


def test_long_value_is_truncated() -> None:
    syms = symbols("table = {" + ", ".join(f"'key{i}': {i}" for i in range(2000)) + "}\n")
    value = syms["table"].value
    assert value is not None
    assert len(value) == 80
    assert value.endswith("…")
    assert value.startswith("{'key0': 0, 'key1': 1")


def test_short_value_not_truncated_and_fstrings() -> None:
    syms = symbols('x = f"a{b!r:>{w}}" * 3\ny = "s" * 80\n')
    assert syms["x"].value == "f'a{b!r:>{w}}' * 3"
    assert syms["y"].value == "'s' * 80"


def test_class_attributes_and_instance_attributes() -> None:
    facts = extract(
        """
        class A:
            x: int
            y = 2

            def __init__(self, a, b):
                self.a = a  #: the a
                #: the b
                self.b: int = b
                self.x = 0  # already a class attribute
                if a:
                    self.c, self.d = 1, 2
                else:
                    self.c = 3
                other.e = 4
                def inner(self):
                    self.f = 5

            def other(self):
                self.g = 6
        """
    )
    [cls] = facts.symbols
    assert [(c.kind, c.qualname, c.labels) for c in cls.children] == [
        (Kind.ATTRIBUTE, "A.x", ()),
        (Kind.ATTRIBUTE, "A.y", ()),
        (Kind.METHOD, "A.__init__", ()),
        (Kind.ATTRIBUTE, "A.a", ("instance",)),
        (Kind.ATTRIBUTE, "A.b", ("instance",)),
        (Kind.ATTRIBUTE, "A.c", ("instance",)),
        (Kind.ATTRIBUTE, "A.d", ("instance",)),
        (Kind.METHOD, "A.other", ()),
    ]
    by_name = {c.name: c for c in cls.children}
    assert by_name["x"].annotation == "int"
    assert by_name["a"].docstring == "the a"
    assert by_name["b"].docstring == "the b"
    assert by_name["b"].annotation == "int"
    assert by_name["c"].line == 12
    assert [c.qualname for c in by_name["__init__"].children] == ["A.__init__.inner"]


def test_instance_attributes_use_the_first_parameter_name() -> None:
    syms = symbols(
        """
        class A:
            def __init__(this):
                this.x = 1
                self.y = 2
        """
    )
    assert "A.x" in syms
    assert "A.y" not in syms


# -- blocks ----------------------------------------------------------------------------------


def test_definitions_in_if_else_and_try_except_are_kept() -> None:
    found = all_symbols(
        """
        import sys

        if sys.version_info >= (3, 11):
            def f(): return 1
        elif sys.platform == "win32":
            def f(): return 2
        else:
            def f(): return 3

        try:
            from json import loads
        except ImportError:
            def loads(s): ...
        else:
            HAVE = True
        finally:
            DONE = True

        with ctx():
            class W: ...

        class A:
            if sys.version_info >= (3, 12):
                def m(self): ...
            else:
                def m(self): ...
        """
    )
    assert [(s.kind, s.qualname) for s in found] == [
        (Kind.FUNCTION, "f"),
        (Kind.FUNCTION, "f"),
        (Kind.FUNCTION, "f"),
        (Kind.FUNCTION, "loads"),
        (Kind.DATA, "HAVE"),
        (Kind.DATA, "DONE"),
        (Kind.CLASS, "W"),
        (Kind.CLASS, "A"),
        (Kind.METHOD, "A.m"),
        (Kind.METHOD, "A.m"),
    ]


def test_long_elif_chain_does_not_recurse() -> None:
    branches = "".join(f"elif x == {i}:\n    def f{i}(): ...\n" for i in range(2000))
    facts = extract("if x is None:\n    pass\n" + branches)
    assert facts.parsed
    assert len(facts.symbols) == 2000


def test_type_checking_flags() -> None:
    facts = extract(
        """
        import typing
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from collections.abc import Iterator
            Alias = int
            class Proto:
                import os
                def m(self): ...
        else:
            Alias = object

        if typing.TYPE_CHECKING:
            import json
        if not TYPE_CHECKING:
            import pickle
        else:
            import marshal

        def f():
            if TYPE_CHECKING:
                import ast
                def g(): ...
        """
    )
    imports = {i.module: i.type_checking for i in facts.imports}
    assert imports == {
        "typing": False,
        "collections.abc": True,
        "os": True,
        "json": True,
        "pickle": False,
        "marshal": True,
        "ast": True,
    }
    syms = {s.qualname: s for top in facts.symbols for s in top.walk()}
    assert syms["Alias"].labels == ("type_checking",)  # the first one wins
    assert syms["Proto"].labels == ("type_checking",)
    assert syms["Proto.m"].labels == ()
    assert syms["f"].labels == ()
    assert syms["f.g"].labels == ("type_checking",)


# -- imports ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import os", [Import(line=1, module="os")]),
        ("import a.b as c", [Import(line=1, module="a.b", alias="c")]),
        ("import a, b.c", [Import(line=1, module="a"), Import(line=1, module="b.c")]),
        (
            "from ..x import y as z, w",
            [
                Import(
                    line=1,
                    module="x",
                    level=2,
                    names=(ImportedName("y", "z"), ImportedName("w")),
                )
            ],
        ),
        ("from . import m", [Import(line=1, module="", level=1, names=(ImportedName("m"),))]),
        ("from x import *", [Import(line=1, module="x", names=(ImportedName("*"),))]),
        (
            "from a.b import (\n    c,\n    d as e,\n)",
            [Import(line=1, module="a.b", names=(ImportedName("c"), ImportedName("d", "e")))],
        ),
    ],
)
def test_import_forms(code: str, expected: list[Import]) -> None:
    facts = extract(code + "\n")
    assert list(facts.imports) == expected


def test_imports_anywhere_in_source_order() -> None:
    facts = extract(
        """
        import z
        try:
            import ujson as json
        except ImportError:
            import json

        def f():
            import inner_mod
            class C:
                def m(self):
                    from .deep import thing

        class K:
            import in_class
        """
    )
    assert [(i.line, i.module, i.alias, i.level) for i in facts.imports] == [
        (2, "z", None, 0),
        (4, "ujson", "json", 0),
        (6, "json", None, 0),
        (9, "inner_mod", None, 0),
        (12, "deep", None, 1),
        (15, "in_class", None, 0),
    ]
    assert all(i.target is None and i.origin is None for i in facts.imports)


# -- tests -----------------------------------------------------------------------------------

TEST_CODE = """
import unittest

def test_top(): ...
async def test_async(): ...
def helper(): ...

class TestThing:
    def test_a(self): ...
    def helper(self): ...
    class TestNested:
        def test_n(self): ...

class TestWithInit:
    def __init__(self): ...
    def test_not_collected(self): ...

class Case(unittest.TestCase):
    def test_u(self): ...
    def setUp(self): ...

class Other:
    def test_not(self): ...

def factory():
    def test_local(): ...
"""


@pytest.mark.parametrize("path", ["tests/test_thing.py", "pkg/thing_test.py", "test_x.py"])
def test_pytest_and_unittest_detection_in_test_files(path: str) -> None:
    syms = symbols(TEST_CODE, path)
    tests = sorted(q for q, s in syms.items() if s.is_test)
    assert tests == [
        "Case.test_u",
        "TestThing.TestNested.test_n",
        "TestThing.test_a",
        "test_async",
        "test_top",
    ]
    assert not syms["TestThing"].is_test


@pytest.mark.parametrize("path", ["pkg/thing.py", "tests/conftest.py", "pkg/testing.py"])
def test_only_unittest_detection_outside_test_files(path: str) -> None:
    syms = symbols(TEST_CODE, path)
    assert sorted(q for q, s in syms.items() if s.is_test) == ["Case.test_u"]
    assert not syms["test_top"].is_test


@pytest.mark.parametrize(
    "base", ["TestCase", "unittest.TestCase", "absltest.TestCase", "IsolatedAsyncioTestCase"]
)
def test_unittest_bases(base: str) -> None:
    syms = symbols(f"class Anything({base}):\n    def test_x(self): ...\n", "lib/mod.py")
    assert syms["Anything.test_x"].is_test


def test_unittest_base_defined_in_the_same_file() -> None:
    syms = symbols(
        """
        class Base(unittest.TestCase):
            def test_base(self): ...

        class Derived(Base):
            def test_derived(self): ...

        class Plain(Unrelated):
            def test_plain(self): ...
        """,
        "lib/checks.py",
    )
    assert syms["Base.test_base"].is_test
    assert syms["Derived.test_derived"].is_test
    assert not syms["Plain.test_plain"].is_test


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("x = 1\ndef f(:\n    pass\n", 2),
        ("print 'python 2'\n", 1),
        ("x = 1\n  y = 2\n", 2),
        ("def f():\n    return 1\n\n\nclass\n", 5),
    ],
)
def test_syntax_error_gives_diagnostic(code: str, line: int) -> None:
    facts = PythonExtractor().extract("pkg/bad.py", code)
    assert not facts.parsed
    assert facts.symbols == ()
    [diag] = facts.diagnostics
    assert diag.subtype == "syntax"
    assert diag.message.startswith("cannot parse: ")
    assert (diag.path, diag.line) == ("pkg/bad.py", line)
    assert diag.location == f"pkg/bad.py:{line}"


@pytest.mark.parametrize(
    "code",
    [
        "x = 1\0\n",
        "(" * 200_000,
        "-" * 100_000 + "1",
        "1" + "+1" * 100_000,
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["null-byte", "parens", "unary", "binop", "lists"],
)
def test_pathological_input_never_raises(code: str) -> None:
    facts = PythonExtractor().extract("bad.py", code)
    assert not facts.parsed
    [diag] = facts.diagnostics
    assert diag.subtype == "syntax"
    assert diag.path == "bad.py"
    assert diag.line is not None
    assert diag.line >= 1


@pytest.mark.parametrize(
    "value",
    ["-" * 400 + "1", "1" + " + 1" * 950, "[" * 90 + "]" * 90],
    ids=["unary", "binop", "lists"],
)
def test_deep_but_parseable_values(value: str) -> None:
    facts = PythonExtractor().extract("deep.py", f"x = {value}\ndef f(a={value}): ...\n")
    assert facts.parsed
    x, f = facts.symbols
    assert x.value is not None
    assert len(x.value) <= 80
    assert f.signature is not None


def test_invalid_escape_does_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    facts = PythonExtractor().extract("w.py", 'PATTERN = "\\d+"\n')
    assert facts.parsed
    assert len(recwarn) == 0


def test_bom_and_crlf() -> None:
    text = '\ufeff"""Doc."""\r\n#: comment doc\r\nX = 1\r\n'
    facts = PythonExtractor().extract("crlf.py", text)
    assert facts.docstring == "Doc."
    assert facts.symbols[0].docstring == "comment doc"
    assert facts.symbols[0].line == 3


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax")
def test_type_parameters_and_alias() -> None:
    syms = symbols("type Vec[T] = list[T]\ndef first[T](xs: list[T]) -> T: ...\n")
    assert syms["first"].signature == "[T](xs: list[T]) -> T"
    assert syms["Vec"].labels == ("type_alias",)
