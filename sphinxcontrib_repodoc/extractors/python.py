"""Python files through the stdlib :mod:`ast`: symbols with nesting, imports, docstrings.

Static only: the text is parsed, never compiled, imported or executed.  The tree is walked once,
statement by statement (griffe-style ``visit_<node kind>`` dispatch); expressions are only turned
back into text where a fact needs them (signatures, decorators, bases, annotations, values), and
function bodies are only entered for what lives there: nested definitions, imports and the
``self.x = ...`` assignments of ``__init__``.
"""

from __future__ import annotations

import ast
import contextlib
import sys
import warnings
from dataclasses import dataclass, field
from inspect import cleandoc
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Diagnostic, FileFacts, Import, ImportedName, Kind, Language, Symbol
from .base import TooComplex, check_lines, too_complex

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["PythonExtractor"]

#: Longest ``value`` text kept for a variable (the ellipsis included).
VALUE_LIMIT = 80

_FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Constants whose ``repr`` is exactly what :func:`ast.unparse` writes (not float/complex/...).
_REPR_CONSTANTS = (str, int, bool, bytes, type(None))
_PROPERTY_DECORATORS = frozenset({"property", "cached_property", "abstractproperty"})
_ACCESSORS = frozenset({"setter", "getter", "deleter"})
#: Decorator (last dotted part) → labels it gives a function.
_DECORATOR_LABELS: dict[str, tuple[str, ...]] = {
    "staticmethod": ("staticmethod",),
    "classmethod": ("classmethod",),
    "abstractmethod": ("abstract",),
    "abstractproperty": ("abstract",),
    "abstractclassmethod": ("abstract", "classmethod"),
    "abstractstaticmethod": ("abstract", "staticmethod"),
    "overload": ("overload",),
}


class PythonExtractor:
    """The :class:`~.base.Extractor` for Python source (``.py``, ``.pyi``, scripts)."""

    languages = frozenset({Language.PYTHON})

    def extract(self, path: str, text: str) -> FileFacts:
        """Facts of one file; a file that does not parse gives ``parsed=False`` and why."""
        return self.extract_with_tree(path, text)[0]

    def extract_with_tree(self, path: str, text: str) -> tuple[FileFacts, ast.Module | None]:
        """The facts and the syntax tree, for the detectors that need it (parsed once)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            check_lines(text)
        except TooComplex as exc:
            return too_complex(path, str(exc)), None
        try:
            # Invalid escapes warn (DeprecationWarning/SyntaxWarning): noise for a documenter.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text, filename=path, type_comments=False)
        except SyntaxError as exc:
            return _unparsed(path, "syntax", f"cannot parse: {exc.msg}", exc.lineno), None
        except (ValueError, RecursionError, MemoryError) as exc:
            # Null bytes (ValueError before 3.12), pathological nesting.
            return _unparsed(path, "syntax", f"cannot parse: {_describe(exc)}", None), None
        try:
            return _Visitor(path, text).visit_Module(tree), tree
        except (RecursionError, MemoryError) as exc:
            return _unparsed(path, "syntax", f"cannot parse: {_describe(exc)}", None), None
        except Exception as exc:  # a bug of ours must not stop a whole build
            return _unparsed(path, "scan", f"cannot extract: {_describe(exc)}", None), None


def _string_list(value: ast.expr | None) -> list[str] | None:
    """The strings of a literal list or tuple of strings, else None (computed: unknown)."""
    if not isinstance(value, ast.List | ast.Tuple):
        return None
    out = []
    for elt in value.elts:
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)):
            return None
        out.append(elt.value)
    return out


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _unparsed(path: str, subtype: str, message: str, line: int | None) -> FileFacts:
    diagnostic = Diagnostic(subtype=subtype, message=message, path=path, line=line or 1)
    return FileFacts(parsed=False, diagnostics=(diagnostic,))


@dataclass(slots=True)
class _Scope:
    """Where the statements being visited define their names."""

    kind: Kind | None  #: None (module), CLASS or FUNCTION
    prefix: str  #: qualname prefix of what is defined here, ``Outer.Inner.`` or ``""``
    type_checking: bool = False  #: the scope itself only exists under ``if TYPE_CHECKING:``
    symbols: list[Symbol] = field(default_factory=list)
    #: names of the variables already recorded (module and class scopes): first one wins
    variables: set[str] = field(default_factory=set)
    tests: bool = False  #: a class whose ``test*`` methods are test cases
    pytest_class: bool = False  #: a class pytest collects (its nested ``Test*`` classes too)
    self_name: str | None = None  #: in ``__init__``: the name of its first parameter
    owner: _Scope | None = None  #: in ``__init__``: the class scope receiving ``self.x``
    unordered: bool = False  #: instance attributes were appended out of source order


class _Visitor:
    """One file's walk. Handlers get ``(node, scope, tc, following statement)``.

    ``tc`` says the statement sits directly under ``if TYPE_CHECKING:`` in its scope (the
    symbol gets the ``type_checking`` label); ``scope.type_checking`` says the whole scope does
    (imports in it are flagged too).
    """

    _dispatch: ClassVar[dict[type[ast.AST], Callable[..., None]]] = {}

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        name = path.rpartition("/")[2]
        #: pytest's default ``python_files``: ``test_*.py`` and ``*_test.py``
        self.test_file = name.endswith(".py") and (
            name.startswith("test_") or name.endswith("_test.py")
        )
        self.doc_comments = "#:" in text
        self.imports: list[Import] = []
        #: qualnames of this file's unittest classes, so ``class B(A)`` with ``A(TestCase)``
        #: above is one too (across files it is analysis' job)
        self.unittest_classes: set[str] = set()
        self._lines: list[str] | None = None
        #: names listed in a literal module-level ``__all__`` (None: no such list)
        self.exports: list[str] | None = None

    # -- walking --------------------------------------------------------------------------

    def visit_Module(self, node: ast.Module) -> FileFacts:
        scope = _Scope(None, "")
        self.body(node.body, scope, False)
        return FileFacts(
            symbols=tuple(scope.symbols),
            imports=tuple(self.imports),
            docstring=ast.get_docstring(node, clean=True),
            exports=tuple(self.exports) if self.exports is not None else None,
        )

    def body(self, stmts: Sequence[ast.stmt], scope: _Scope, tc: bool) -> None:
        """Visit a block; statements without a handler (expressions, returns...) are skipped."""
        dispatch = self._dispatch
        last = len(stmts) - 1
        for i, stmt in enumerate(stmts):
            handler = dispatch.get(type(stmt))
            if handler is not None:
                handler(self, stmt, scope, tc, stmts[i + 1] if i < last else None)

    # -- definitions ----------------------------------------------------------------------

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope, tc: bool, _: object
    ) -> None:
        in_class = scope.kind is Kind.CLASS
        kind = Kind.METHOD if in_class else Kind.FUNCTION
        labels: list[str] = ["async"] if isinstance(node, ast.AsyncFunctionDef) else []
        for dec in node.decorator_list:
            tail = _tail(dec)
            if tail is None:
                continue
            if in_class and tail in _PROPERTY_DECORATORS:
                kind = Kind.PROPERTY
            elif in_class and tail in _ACCESSORS and isinstance(dec, ast.Attribute):
                kind = Kind.PROPERTY
                if tail != "getter":
                    labels.append(tail)
            labels.extend(_DECORATOR_LABELS.get(tail, ()))
        if tc:
            labels.append("type_checking")

        name = node.name
        qualname = scope.prefix + name
        inner = _Scope(Kind.FUNCTION, qualname + ".", scope.type_checking or tc)
        if in_class and name == "__init__" and kind is Kind.METHOD and "staticmethod" not in labels:
            params = node.args.posonlyargs or node.args.args
            if params:
                inner.self_name = params[0].arg
                inner.owner = scope
        self.body(node.body, inner, False)

        is_test = name.startswith("test") and (
            (kind is Kind.METHOD and scope.tests)
            or (kind is Kind.FUNCTION and scope.kind is None and self.test_file)
        )
        scope.symbols.append(
            Symbol(
                kind=kind,
                name=name,
                qualname=qualname,
                line=node.lineno,
                end_line=node.end_lineno or node.lineno,
                signature=self.signature(node),
                docstring=ast.get_docstring(node, clean=True),
                decorators=tuple(_expr(d) for d in node.decorator_list),
                labels=tuple(dict.fromkeys(labels)),
                is_test=is_test,
                children=tuple(inner.symbols),
            )
        )

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef, scope: _Scope, tc: bool, _: object) -> None:
        name = node.name
        qualname = scope.prefix + name
        bases = [_expr(b) for b in node.bases]
        # unittest, in any file
        tests = any(b.endswith("TestCase") or b in self.unittest_classes for b in bases)
        if tests:
            self.unittest_classes.add(qualname)
        bases.extend(
            f"{kw.arg}={_expr(kw.value)}" if kw.arg else f"**{_expr(kw.value)}"
            for kw in node.keywords
        )
        # pytest: ``Test*`` classes without ``__init__``, at module level or inside another.
        pytest_class = (
            self.test_file
            and name.startswith("Test")
            and (scope.kind is None or scope.pytest_class)
            and not _has_init(node)
        )
        labels: list[str] = []
        if any(_tail(d) == "dataclass" for d in node.decorator_list):
            labels.append("dataclass")
        if tc:
            labels.append("type_checking")

        inner = _Scope(
            Kind.CLASS,
            qualname + ".",
            scope.type_checking or tc,
            tests=tests or pytest_class,
            pytest_class=pytest_class,
        )
        self.body(node.body, inner, False)
        if inner.unordered:
            inner.symbols.sort(key=_line_of)
        scope.symbols.append(
            Symbol(
                kind=Kind.CLASS,
                name=name,
                qualname=qualname,
                line=node.lineno,
                end_line=node.end_lineno or node.lineno,
                docstring=ast.get_docstring(node, clean=True),
                decorators=tuple(_expr(d) for d in node.decorator_list),
                bases=tuple(bases),
                labels=tuple(labels),
                children=tuple(inner.symbols),
            )
        )

    # -- variables ------------------------------------------------------------------------

    def visit_Assign(
        self, node: ast.Assign, scope: _Scope, tc: bool, following: ast.stmt | None
    ) -> None:
        if scope.kind is Kind.FUNCTION:
            if scope.self_name is not None:
                attrs: list[str] = []
                for target in node.targets:
                    _self_attributes(target, scope.self_name, attrs)
                self.instance_attributes(attrs, node, None, node.value, scope, following)
            return
        names: list[str] = []
        for target in node.targets:
            _target_names(target, names)
        if scope.kind is None and names == ["__all__"]:
            self.exports = _string_list(node.value)
        self.variables(names, node, None, node.value, scope, tc, following)

    def visit_AugAssign(
        self, node: ast.AugAssign, scope: _Scope, tc: bool, following: ast.stmt | None
    ) -> None:
        """``__all__ += [...]`` extends the exported names."""
        target = node.target
        if scope.kind is None and isinstance(target, ast.Name) and target.id == "__all__":
            more = _string_list(node.value)
            if more is not None and self.exports is not None:
                self.exports.extend(more)

    def visit_AnnAssign(
        self, node: ast.AnnAssign, scope: _Scope, tc: bool, following: ast.stmt | None
    ) -> None:
        target = node.target
        if scope.kind is Kind.FUNCTION:
            if scope.self_name is not None:
                attrs: list[str] = []
                _self_attributes(target, scope.self_name, attrs)
                self.instance_attributes(attrs, node, node.annotation, node.value, scope, following)
            return
        if isinstance(target, ast.Name):
            self.variables([target.id], node, node.annotation, node.value, scope, tc, following)

    def visit_TypeAlias(  # Python 3.12+: ``type X = ...``
        self, node: ast.stmt, scope: _Scope, tc: bool, following: ast.stmt | None
    ) -> None:
        name = node.name  # type: ignore[attr-defined]
        if scope.kind is not Kind.FUNCTION and isinstance(name, ast.Name):
            value = node.value  # type: ignore[attr-defined]
            self.variables([name.id], node, None, value, scope, tc, following, ("type_alias",))

    def variables(
        self,
        names: list[str],
        node: ast.stmt,
        annotation: ast.expr | None,
        value: ast.expr | None,
        scope: _Scope,
        tc: bool,
        following: ast.stmt | None,
        extra: tuple[str, ...] = (),
    ) -> None:
        """DATA (module) or ATTRIBUTE (class) symbols: each name once per scope, first wins."""
        seen = scope.variables
        names = [n for n in names if n not in seen]
        if not names:
            return
        seen.update(names)
        kind = Kind.DATA if scope.kind is None else Kind.ATTRIBUTE
        doc = self.variable_doc(node, following)
        ann = None if annotation is None else _expr(annotation)
        text = None if value is None else _short(value)
        final = ann is not None and (ann == "Final" or ann.endswith(".Final") or "Final[" in ann)
        for name in names:
            labels = list(extra)
            if final or (kind is Kind.DATA and name.isupper()):
                labels.append("constant")
            if tc:
                labels.append("type_checking")
            scope.symbols.append(
                Symbol(
                    kind=kind,
                    name=name,
                    qualname=scope.prefix + name,
                    line=node.lineno,
                    end_line=node.end_lineno or node.lineno,
                    docstring=doc,
                    annotation=ann,
                    value=text,
                    labels=tuple(labels),
                )
            )

    def instance_attributes(
        self,
        names: list[str],
        node: ast.stmt,
        annotation: ast.expr | None,
        value: ast.expr | None,
        scope: _Scope,
        following: ast.stmt | None,
    ) -> None:
        """``self.x = ...`` in ``__init__``: ATTRIBUTE of the class, labelled ``instance``."""
        owner = scope.owner
        if owner is None or not names:
            return
        seen = owner.variables
        names = [n for n in names if n not in seen]
        if not names:
            return
        seen.update(names)
        owner.unordered = True
        doc = self.variable_doc(node, following)
        ann = None if annotation is None else _expr(annotation)
        text = None if value is None else _short(value)
        for name in names:
            owner.symbols.append(
                Symbol(
                    kind=Kind.ATTRIBUTE,
                    name=name,
                    qualname=owner.prefix + name,
                    line=node.lineno,
                    end_line=node.end_lineno or node.lineno,
                    docstring=doc,
                    annotation=ann,
                    value=text,
                    labels=("instance",),
                )
            )

    def variable_doc(self, node: ast.stmt, following: ast.stmt | None) -> str | None:
        """A variable's documentation, as Sphinx reads it without importing anything.

        In order: a string literal right after the assignment, a ``#:`` comment after it on its
        last line, ``#:`` comment lines right above it (joined).
        """
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            return cleandoc(following.value.value)
        if not self.doc_comments:
            return None
        last = self.line(node.end_lineno or node.lineno)
        if "#:" in last and node.end_col_offset is not None:
            # ast columns are UTF-8 byte offsets.
            rest = last.encode("utf-8")[node.end_col_offset :].decode("utf-8", "replace").strip()
            if rest.startswith("#:"):
                return rest[2:].strip()
        comments: list[str] = []
        lineno = node.lineno - 1
        while lineno > 0:
            text = self.line(lineno).strip()
            if not text.startswith("#:"):
                break
            text = text[2:]
            comments.append(text[1:] if text.startswith(" ") else text)
            lineno -= 1
        if comments:
            return "\n".join(reversed(comments)).strip() or None
        return None

    # -- imports --------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import, scope: _Scope, tc: bool, _: object) -> None:
        flag = tc or scope.type_checking
        self.imports.extend(
            Import(line=node.lineno, module=alias.name, alias=alias.asname, type_checking=flag)
            for alias in node.names
        )

    def visit_ImportFrom(self, node: ast.ImportFrom, scope: _Scope, tc: bool, _: object) -> None:
        self.imports.append(
            Import(
                line=node.lineno,
                module=node.module or "",
                names=tuple(ImportedName(a.name, a.asname) for a in node.names),
                level=node.level or 0,
                type_checking=tc or scope.type_checking,
            )
        )

    # -- blocks: what they define belongs to the enclosing scope ---------------------------

    def visit_If(self, node: ast.If, scope: _Scope, tc: bool, _: object) -> None:
        while True:  # an ``elif`` chain is a loop, not a recursion (generated code has long ones)
            guard = _type_checking_guard(node.test)
            self.body(node.body, scope, tc or guard > 0)
            tc = tc or guard < 0
            orelse = node.orelse
            if len(orelse) == 1 and isinstance(orelse[0], ast.If):
                node = orelse[0]
                continue
            self.body(orelse, scope, tc)
            return

    def visit_For(
        self, node: ast.For | ast.AsyncFor | ast.While, scope: _Scope, tc: bool, _: object
    ) -> None:
        self.body(node.body, scope, tc)
        self.body(node.orelse, scope, tc)

    visit_AsyncFor = visit_While = visit_For

    def visit_With(
        self, node: ast.With | ast.AsyncWith, scope: _Scope, tc: bool, _: object
    ) -> None:
        self.body(node.body, scope, tc)

    visit_AsyncWith = visit_With

    def visit_Try(self, node: ast.Try, scope: _Scope, tc: bool, _: object) -> None:
        self.body(node.body, scope, tc)
        for handler in node.handlers:
            self.body(handler.body, scope, tc)
        self.body(node.orelse, scope, tc)
        self.body(node.finalbody, scope, tc)

    visit_TryStar = visit_Try

    def visit_Match(self, node: ast.Match, scope: _Scope, tc: bool, _: object) -> None:
        for case in node.cases:
            self.body(case.body, scope, tc)

    # -- helpers --------------------------------------------------------------------------

    def signature(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
        """``(a, /, b: int = 1, *args, c, **kw) -> None``, PEP 8 spacing as Sphinx shows it."""
        sig = f"({_arguments(node.args)})"
        if node.returns is not None:
            sig += f" -> {_expr(node.returns)}"
        type_params = getattr(node, "type_params", None)  # Python 3.12+
        if type_params:
            sig = f"[{', '.join(_expr(p) for p in type_params)}]{sig}"
        return sig

    def line(self, lineno: int) -> str:
        """Source line ``lineno`` (1-based), split as the tokenizer does, only when needed."""
        if self._lines is None:
            text = self.text
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._lines = text.split("\n")
        if 0 < lineno <= len(self._lines):
            return self._lines[lineno - 1]
        return ""


_Visitor._dispatch.update(
    (node_type, getattr(_Visitor, name))
    for name in dir(_Visitor)
    if name.startswith("visit_")
    and name != "visit_Module"
    and isinstance(node_type := getattr(ast, name[6:], None), type)
)


# -- small pure helpers ----------------------------------------------------------------------


def _line_of(symbol: Symbol) -> int:
    return symbol.line


def _tail(dec: ast.expr) -> str | None:
    """Last dotted part of a decorator, call stripped: ``functools.cache()`` → ``cache``."""
    if isinstance(dec, ast.Call):
        dec = dec.func
    if isinstance(dec, ast.Name):
        return dec.id
    if isinstance(dec, ast.Attribute):
        return dec.attr
    return None


def _has_init(node: ast.ClassDef) -> bool:
    return any(isinstance(s, _FUNCTION_NODES) and s.name == "__init__" for s in node.body)


def _type_checking_guard(test: ast.expr) -> int:
    """1 for ``if TYPE_CHECKING:``, -1 for ``if not TYPE_CHECKING:``, else 0."""
    sign = 1
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, sign = test.operand, -1
    if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    ):
        return sign
    return 0


def _target_names(target: ast.expr, out: list[str]) -> None:
    """Plain names bound by an assignment target (``a, (b, *c) = ...``); not ``x.y`` / ``x[i]``."""
    if isinstance(target, ast.Name):
        out.append(target.id)
    elif isinstance(target, ast.Tuple | ast.List):
        for elt in target.elts:
            _target_names(elt, out)
    elif isinstance(target, ast.Starred):
        _target_names(target.value, out)


def _self_attributes(target: ast.expr, self_name: str, out: list[str]) -> None:
    """Attribute names bound on ``self`` by an assignment target (``self.a, self.b = ...``)."""
    if isinstance(target, ast.Attribute):
        value = target.value
        if isinstance(value, ast.Name) and value.id == self_name:
            out.append(target.attr)
    elif isinstance(target, ast.Tuple | ast.List):
        for elt in target.elts:
            _self_attributes(elt, self_name, out)
    elif isinstance(target, ast.Starred):
        _self_attributes(target.value, self_name, out)


def _arguments(args: ast.arguments) -> str:
    """The text between a signature's parentheses, like ``ast.unparse`` but with PEP 8 ``=``."""
    parts: list[str] = []
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults.extend(args.defaults)
    n_posonly = len(args.posonlyargs)
    for i, (arg, default) in enumerate(zip(positional, defaults, strict=True), 1):
        parts.append(_parameter(arg, default))
        if i == n_posonly:
            parts.append("/")
    if args.vararg is not None:
        parts.append("*" + _parameter(args.vararg, None))
    elif args.kwonlyargs:
        parts.append("*")
    parts.extend(
        _parameter(arg, default)
        for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    )
    if args.kwarg is not None:
        parts.append("**" + _parameter(args.kwarg, None))
    return ", ".join(parts)


def _parameter(arg: ast.arg, default: ast.expr | None) -> str:
    if arg.annotation is None:
        return arg.arg if default is None else f"{arg.arg}={_expr(default)}"
    text = f"{arg.arg}: {_expr(arg.annotation)}"
    return text if default is None else f"{text} = {_expr(default)}"


def _expr(node: ast.AST) -> str:
    """Source text of an expression as :func:`ast.unparse` writes it (common cases inline)."""
    kind = type(node)
    if kind is ast.Name:
        return node.id  # type: ignore[attr-defined]
    if kind is ast.Attribute and type(node.value) is ast.Name:  # type: ignore[attr-defined]
        return f"{node.value.id}.{node.attr}"  # type: ignore[attr-defined]
    if (
        kind is ast.Constant
        and node.kind is None  # type: ignore[attr-defined]
        and type(node.value) in _REPR_CONSTANTS  # type: ignore[attr-defined]
    ):
        try:
            return repr(node.value)  # type: ignore[attr-defined]
        except ValueError:  # an int above sys.get_int_max_str_digits()
            return "…"
    try:
        return ast.unparse(node)
    except (RecursionError, ValueError):
        return "…"


class _Enough(Exception):
    """Raised by :class:`_PrefixUnparser` once it has written enough."""


_Unparser: type | None = getattr(ast, "_Unparser", None)

if _Unparser is not None:

    class _PrefixUnparser(_Unparser):  # type: ignore[misc,valid-type]
        """Stops writing past ``limit`` characters: a 2 000-entry dict costs as much as 80.

        Relies on the private ``ast._Unparser`` (stable since 3.9); without it we fall back to
        a full ``ast.unparse``.
        """

        def __init__(self, limit: int = sys.maxsize, **kwargs: Any) -> None:
            # ``kwargs``: the unparser makes helpers of its own type for f-string parts.
            super().__init__(**kwargs)
            self._top = self._source
            self._count = 0
            self._limit = limit

        def write(self, *text: str) -> None:
            self._source.extend(text)
            if self._source is self._top:  # not inside a temporary buffer (f-strings)
                self._count += sum(map(len, text))
                if self._count > self._limit:
                    raise _Enough

        def prefix(self, node: ast.AST) -> str:
            with contextlib.suppress(_Enough):
                self.traverse(node)
            return "".join(self._top)


def _short(node: ast.expr, limit: int = VALUE_LIMIT) -> str:
    """A value's text cut to ``limit`` characters, the last one ``…`` when cut."""
    kind = type(node)
    if kind is ast.Name or kind is ast.Attribute or _Unparser is None:
        text = _expr(node)
    else:
        try:
            text = _PrefixUnparser(limit).prefix(node)
        except (RecursionError, ValueError):
            return "…"
    return text if len(text) <= limit else text[: limit - 1] + "…"
