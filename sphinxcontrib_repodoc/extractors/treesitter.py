"""Every language with a tree-sitter grammar wheel, through one generic driver.

A language is a row of :data:`SPECS`: the grammar's Python module (an optional dependency,
installed by the extra the row names), the query file of ``queries/`` (data: which nodes are
definitions, which are imports) and the separator of its qualified names. The driver runs the
query once over the tree and turns the captures into nested :class:`~..model.Symbol` objects:

- a definition inside another one's range is its child, and its qualname is the parent's
  qualname, the separator and its name; definitions inside a function body are local and left
  out; a definition without a name (an anonymous namespace, ``impl`` blocks are ``scope``) only
  passes its children on;
- a *scoped* name (C++ ``void Foo::bar()`` outside the class, a Go method's receiver, a Rust
  ``impl Foo`` block) attaches the definition to the class of that name when the file defines
  it, else it stays where it is written with the full qualname (``ns::Foo::bar``);
- a name defined several times in one file (a declaration and its definition, overloads) gives
  one symbol per definition; the domain merges them into one object.

The few facts a query cannot say (gtest cases, CUDA qualifiers, Go receivers, JS exports) are
read by small per-language hooks below. Parsers and compiled queries are made once per language
and process. A missing grammar is not an error: the file keeps its metadata and listing, and a
``grammar`` diagnostic names the extra to install (the scan keeps one per language).
"""

from __future__ import annotations

import importlib
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..model import Diagnostic, FileFacts, Import, ImportedName, Kind, Language, Symbol, evolve
from .base import MAX_NESTING, TooComplex, check_lines, too_complex
from .cfamily import blank_macros
from .comments import is_license, leading_comment

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SPECS", "LanguageSpec", "TreeSitterExtractor", "grammar_available"]

_L = Language


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """How one language is read."""

    module: str  #: the grammar's Python module
    function: str  #: its function returning the language pointer
    extra: str  #: the ``sphinxcontrib-repodoc[extra]`` that installs it
    query: str  #: file name in ``queries/``
    sep: str  #: qualified-name separator
    comment: str  #: ``c`` (``//``, ``/* */``) or ``hash`` (``#``) for the file summary
    #: per-definition hook: (node, kind, name, spec) → (kind, name, scope, labels, is_test) or None
    hook: str = ""


SPECS: dict[Language, LanguageSpec] = {
    _L.C: LanguageSpec("tree_sitter_c", "language", "cpp", "c.scm", "::", "c", "cfamily"),
    _L.CPP: LanguageSpec("tree_sitter_cpp", "language", "cpp", "cpp.scm", "::", "c", "cfamily"),
    _L.CUDA: LanguageSpec("tree_sitter_cuda", "language", "cpp", "cpp.scm", "::", "c", "cfamily"),
    # Objective-C++ and Metal: the C++ grammar finds their C++ functions, classes and kernels
    # (Objective-C blocks are parse errors it skips over).
    _L.OBJCPP: LanguageSpec("tree_sitter_cpp", "language", "cpp", "cpp.scm", "::", "c", "cfamily"),
    _L.METAL: LanguageSpec("tree_sitter_cpp", "language", "cpp", "cpp.scm", "::", "c", "cfamily"),
    _L.JAVASCRIPT: LanguageSpec(
        "tree_sitter_javascript", "language", "web", "javascript.scm", ".", "c", "js"
    ),
    _L.TYPESCRIPT: LanguageSpec(
        "tree_sitter_typescript", "language_typescript", "web", "typescript.scm", ".", "c", "js"
    ),
    _L.RUST: LanguageSpec("tree_sitter_rust", "language", "rust", "rust.scm", "::", "c", "rust"),
    _L.GO: LanguageSpec("tree_sitter_go", "language", "go", "go.scm", ".", "c", "go"),
    _L.JAVA: LanguageSpec("tree_sitter_java", "language", "java", "java.scm", ".", "c", "java"),
    _L.SHELL: LanguageSpec("tree_sitter_bash", "language", "shell", "bash.scm", ".", "hash", ""),
}

_OBJC_IMPORT = re.compile(r'^[ \t]*#[ \t]*import[ \t]*([<"][^>"\n]+[>"])', re.MULTILINE)

#: ``.tsx`` and ``.jsx`` files: the TSX grammar (TypeScript's own rejects JSX, TSX rejects
#: ``<T>x`` casts); plain JavaScript's grammar reads JSX.
_TSX = LanguageSpec(
    "tree_sitter_typescript", "language_tsx", "web", "typescript.scm", ".", "c", "js"
)

#: Longest signature text kept (the ellipsis included).
SIGNATURE_LIMIT = 160

_lock = threading.Lock()
_loaded: dict[tuple[str, str, str], Any] = {}


def _import_grammar(module: str) -> Any:
    """The grammar module (a seam for tests that simulate a missing grammar)."""
    return importlib.import_module(module)


def _load(spec: LanguageSpec) -> tuple[Any, Any] | None:
    """``(parser, query)`` for ``spec``, made once per process; None without the grammar."""
    key = (spec.module, spec.function, spec.query)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        try:
            import tree_sitter

            grammar = _import_grammar(spec.module)
            language = tree_sitter.Language(getattr(grammar, spec.function)())
            text = resources.files(__package__).joinpath("queries", spec.query).read_text("utf-8")
            loaded = (tree_sitter.Parser(language), tree_sitter.Query(language, text))
        except ImportError:
            loaded = None
        _loaded[key] = loaded
        return loaded


def reset_cache() -> None:
    """Forget the loaded grammars (tests that simulate a missing one)."""
    with _lock:
        _loaded.clear()


def grammar_available(language: Language) -> bool:
    spec = SPECS.get(language)
    return spec is not None and _load(spec) is not None


class TreeSitterExtractor:
    """The :class:`~.base.Extractor` of one tree-sitter language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.languages = frozenset({language})
        self.spec = SPECS[language]

    def extract(self, path: str, text: str) -> FileFacts:
        spec = _TSX if self.language is _L.TYPESCRIPT and path.endswith(".tsx") else self.spec
        docstring = leading_comment(text, spec.comment)
        loaded = _load(spec)
        if loaded is None:
            message = (
                f"no tree-sitter grammar for {self.language.label} "
                f"(pip install sphinxcontrib-repodoc[{spec.extra}]): "
                f"{self.language.label} files get metadata and listing only"
            )
            return FileFacts(
                docstring=docstring, diagnostics=(Diagnostic("grammar", message, path),)
            )
        try:
            return self._extract(path, text, spec, loaded, docstring)
        except TooComplex as exc:
            return evolve(too_complex(path, str(exc)), docstring=docstring)
        except RecursionError:
            reason = f"nesting deeper than the parse limit ({MAX_NESTING})"
            return evolve(too_complex(path, reason), docstring=docstring)

    def _extract(
        self, path: str, text: str, spec: LanguageSpec, loaded: Any, docstring: str | None
    ) -> FileFacts:
        check_lines(text)
        parser, query = loaded
        source = blank_macros(text) if spec.hook == "cfamily" else text
        data = source.encode("utf-8", "surrogatepass")
        tree = parser.parse(data)
        import tree_sitter

        matches = tree_sitter.QueryCursor(query).matches(tree.root_node)
        builder = _Builder(self.language, spec, data)
        for pattern, captures in matches:
            builder.add(pattern, captures)
        if self.language is _L.OBJCPP:
            # ``#import`` is Objective-C: the C++ grammar does not know it
            for m in _OBJC_IMPORT.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                builder.imports.append(Import(line=line, module=m.group(1)))
        try:
            symbols = builder.symbols()
        finally:
            builder.release()
        return FileFacts(symbols=symbols, imports=tuple(builder.imports), docstring=docstring)


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------

_KINDS = {k.value: k for k in Kind}
_FUNCTIONS = (Kind.FUNCTION, Kind.METHOD)
#: Kinds whose range holds other definitions (None: a transparent scope); a typedef of a
#: struct holds the struct, but the struct is not a member of the typedef.
_CONTAINERS = (Kind.NAMESPACE, Kind.CLASS, Kind.FUNCTION, Kind.METHOD, None)


@dataclass(slots=True)
class _Def:
    """One definition while the tree is built."""

    node: Any
    kind: Kind | None  #: None: a scope without a symbol of its own (``impl`` block)
    name: str
    scope: str = ""  #: written scope (``Foo`` of ``Foo::bar``, a receiver type, an impl type)
    labels: tuple[str, ...] = ()
    is_test: bool = False
    qualname: str = ""
    test_name: str = ""  #: gtest ``Suite.Name``
    children: list[_Def] = field(default_factory=list)
    parent: _Def | None = None
    attached: bool = False
    pattern: int = 0  #: index of the query pattern that found it

    @property
    def start(self) -> int:
        return self.node.start_byte

    @property
    def end(self) -> int:
        return self.node.end_byte


class _Builder:
    def __init__(self, language: Language, spec: LanguageSpec, data: bytes) -> None:
        self.language = language
        self.spec = spec
        self.data = data
        self.defs: dict[int, _Def] = {}
        self.imports: list[Import] = []
        self.hook: Callable[..., Any] | None = _HOOKS.get(spec.hook)
        self.namespaces: set[str] = set()

    def text(self, node: Any) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def add(self, pattern: int, captures: dict[str, list[Any]]) -> None:
        if "import" in captures:
            self._import(captures)
            return
        for cap, nodes in captures.items():
            if not cap.startswith("definition."):
                continue
            node = nodes[0]
            known = self.defs.get(node.id)
            if known is not None and known.pattern <= pattern:
                return  # the first pattern of the query that matches a node decides its kind
            kind_name = cap.partition(".")[2]
            kind = None if kind_name == "scope" else _KINDS.get(kind_name)
            if kind is None and kind_name != "scope":
                return
            name_nodes = captures.get("name")
            name = " ".join(self.text(name_nodes[0]).split()) if name_nodes else ""
            d = _Def(node, kind, name, pattern=pattern)
            if self.hook is not None and not self.hook(self, d, captures):
                return
            if not d.name and d.kind is not None:
                d.kind = None  # anonymous: its children go to the enclosing scope
            self.defs[node.id] = d
            return

    def _import(self, captures: dict[str, list[Any]]) -> None:
        node = captures["import"][0]
        paths = captures.get("import.path") or []
        if not paths:
            return
        written = self.text(paths[0])
        if self.language not in (_L.C, _L.CPP, _L.CUDA, _L.OBJCPP, _L.METAL):
            written = written.strip().strip("'\"`")
        if not written:
            return
        names = tuple(
            ImportedName(self.text(n))
            for n in captures.get("import.name", ())
            if self.text(n) not in ("*", "")
        )
        self.imports.append(Import(line=node.start_point[0] + 1, module=written, names=names))

    def release(self) -> None:
        """Break the parent / child cycles of the definitions, so the file's syntax tree (C
        memory, held by their nodes) is freed at once rather than at the next collection."""
        for d in self.defs.values():
            d.parent = None
            d.children = []

    # -- nesting ----------------------------------------------------------------------------

    def symbols(self) -> tuple[Symbol, ...]:
        ordered = sorted(self.defs.values(), key=lambda d: (d.start, -d.end))
        roots: list[_Def] = []
        stack: list[_Def] = []
        for d in ordered:
            while stack and stack[-1].end <= d.start:
                stack.pop()
            parent = stack[-1] if stack else None
            # Local definitions (inside a function's body) are not part of the file's API;
            # a macro is defined for the rest of the file wherever it is written.
            if d.kind is not Kind.MACRO and any(p.kind in _FUNCTIONS for p in stack):
                continue
            if d.kind is Kind.MACRO:
                parent = None  # the preprocessor knows no scope: ``PATH::NAME``
            d.parent = parent
            (parent.children if parent else roots).append(d)
            if d.kind in _CONTAINERS:
                stack.append(d)
                if len(stack) > MAX_NESTING:
                    msg = f"definitions nested deeper than the parse limit ({MAX_NESTING})"
                    raise TooComplex(msg)
        # Qualnames, then attach scoped definitions to their class when the file has it.
        classes: dict[str, _Def] = {}
        self._qualify(roots, "", classes)
        self._attach(roots, classes)
        self.imports.sort(key=lambda i: i.line)
        return tuple(s for d in roots for s in self._freeze(d))

    def _qualify(self, defs: list[_Def], prefix: str, classes: dict[str, _Def]) -> None:
        sep = self.spec.sep
        for d in defs:
            scoped = _join(sep, d.scope, d.name)
            d.qualname = _join(sep, prefix, scoped)
            if d.kind is Kind.CLASS or d.kind is Kind.TYPE:
                classes.setdefault(d.qualname, d)
            elif d.kind is Kind.NAMESPACE:
                self.namespaces.add(d.qualname)
            # a definition without a symbol (anonymous namespace, impl block) is transparent
            self._qualify(d.children, d.qualname if d.kind is not None else prefix, classes)

    def _attach(self, defs: list[_Def], classes: dict[str, _Def]) -> None:
        """Move ``Foo::bar`` (and methods of ``impl Foo``) under the class ``Foo`` of the file."""
        sep = self.spec.sep
        for d in list(defs):
            self._attach(d.children, classes)
            if not d.scope or d.kind is None:
                continue
            owner_name = d.qualname[: -len(sep + d.name)] if d.name else d.qualname
            owner = classes.get(owner_name)
            if owner is None and d.kind is Kind.METHOD and owner_name in self.namespaces:
                d.kind = Kind.FUNCTION  # ``void detail::helper() {}``: a namespace's function
            if owner is None or owner is d or _inside(owner, d):
                continue
            defs.remove(d)
            d.attached = True
            owner.children.append(d)
            owner.children.sort(key=lambda c: c.start)

    def _freeze(self, d: _Def) -> list[Symbol]:
        children = [s for c in d.children for s in self._freeze(c)]
        if d.kind is None:
            return children
        node = d.node
        outer = _outer(node)
        kind = d.kind
        if kind is Kind.FUNCTION and (
            d.attached or (d.parent is not None and d.parent.kind is Kind.CLASS)
        ):
            kind = Kind.METHOD
        end = node.end_point
        end_line = end[0] + (1 if end[1] or end[0] == outer.start_point[0] else 0)
        return [
            Symbol(
                kind=kind,
                name=d.name,  # as written: ``a::b`` for ``namespace a::b``
                qualname=d.test_name or d.qualname,
                line=outer.start_point[0] + 1,
                end_line=end_line,
                signature=None if d.test_name else _signature(self, node, kind),
                docstring=_doc_comment(self, outer),
                labels=d.labels,
                is_test=d.is_test,
                children=tuple(children),
            )
        ]


def _join(sep: str, *parts: str) -> str:
    return sep.join(p for p in parts if p)


def _inside(outer: _Def, inner: _Def) -> bool:
    p = outer.parent
    while p is not None:
        if p is inner:
            return True
        p = p.parent
    return False


#: Nodes that wrap a definition without changing it (the comment above belongs to the wrapper).
_WRAPPERS = frozenset(
    {
        "template_declaration",
        "export_statement",
        "decorated_definition",
        "attribute_item",
        "linkage_specification",
    }
)


def _outer(node: Any) -> Any:
    while node.parent is not None and node.parent.type in _WRAPPERS:
        node = node.parent
    return node


_FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "function"})
_PARAMS = frozenset({"parameter_list", "formal_parameters", "parameters", "preproc_params"})
_RETURN_FIELDS = ("return_type", "result")


def _signature(builder: _Builder, node: Any, kind: Kind) -> str | None:
    if kind not in (*_FUNCTIONS, Kind.MACRO):
        return None
    params = _find_params(node)
    if params is None:
        return None
    sig = " ".join(builder.text(params).split())
    for name in _RETURN_FIELDS:
        ret = node.child_by_field_name(name)
        if ret is not None:
            ret_text = " ".join(builder.text(ret).split()).lstrip(":").strip()
            sig += f" -> {ret_text}"
            break
    if len(sig) > SIGNATURE_LIMIT:
        sig = sig[: SIGNATURE_LIMIT - 1] + "…"
    return sig


def _find_params(node: Any, depth: int = 0) -> Any:
    """The parameter list of a definition: breadth-first, never into its body."""
    if depth > 4:
        return None
    for child in node.named_children:
        if child.type in _PARAMS:
            return child
    for i, child in enumerate(node.children):
        if node.field_name_for_child(i) == "body" or child.type in (
            "compound_statement",
            "block",
            "statement_block",
            "field_declaration_list",
            "declaration_list",
        ):
            continue
        if child.type.endswith("declarator") or child.type in _FUNCTION_VALUES:
            found = _find_params(child, depth + 1)
            if found is not None:
                return found
    return None


_COMMENT_PREFIX = re.compile(r"^\s*(?:/\*+!?|\*+/|//[/!]?|\*(?!/)|#+)\s?")


def _doc_comment(builder: _Builder, node: Any) -> str | None:
    """The comment lines right above a definition (doc comments or plain ones)."""
    lines: list[str] = []
    prev = node.prev_sibling
    expected = node.start_point[0]
    while prev is not None and "comment" in prev.type and prev.end_point[0] >= expected - 1:
        lines[:0] = builder.text(prev).splitlines()
        expected = prev.start_point[0]
        prev = prev.prev_sibling
    if not lines:
        return None
    cleaned = [_COMMENT_PREFIX.sub("", line.rstrip()).rstrip() for line in lines]
    cleaned = [line.removesuffix("*/").rstrip() for line in cleaned]
    paragraphs = "\n".join(cleaned).strip().split("\n\n")
    text = "\n\n".join(p for p in paragraphs if not is_license(p)).strip()
    return text or None


# --------------------------------------------------------------------------------------------
# Per-language hooks: (builder, definition, captures) → keep it?
# --------------------------------------------------------------------------------------------

#: gtest / gmock / benchmark macros defining a test case: ``TEST(Suite, Name)``.
GTEST_MACROS = frozenset(
    {
        "TEST",
        "TEST_F",
        "TEST_P",
        "TYPED_TEST",
        "TYPED_TEST_P",
        "GTEST_TEST",
        "FRIEND_TEST",
    }
)
_OPERATOR = re.compile(r"^(.*?\boperator\s*(?:\(\)|[^(]*)).*$", re.DOTALL)
_MACRO_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
_TEMPLATE_ARGS = re.compile(r"<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>")
_CUDA_QUALIFIERS = {"__global__": "cuda-kernel", "__device__": "device", "__host__": "host"}
_METAL_QUALIFIERS = {"kernel": "kernel", "vertex": "vertex", "fragment": "fragment"}


def _cfamily(builder: _Builder, d: _Def, captures: dict[str, list[Any]]) -> bool:
    node = d.node
    if node.type == "type_definition":
        found = _declared_type_name(captures["name"][0])
        if found is None:
            return False
        d.name = builder.text(found)
    if "operator" in d.name and "(" in d.name:
        # a conversion operator's node holds its parameters: ``operator bool() const``
        d.name = _OPERATOR.sub(r"\1", d.name).strip()
    if "<" in d.name and "operator" not in d.name:
        # a specialization (``Vec<float>``, ``foo<int>``) documents the template's name
        d.name = _TEMPLATE_ARGS.sub("", d.name)
    if ("(" in d.name or ")" in d.name) and "operator" not in d.name:
        # a pointer to a function (``void (*impl)(int)``: a variable), or a name a macro
        # wraps (``NOINLINE(Foo::bar)()``) that cannot be read without the preprocessor
        return False
    if d.kind in _FUNCTIONS:
        if (
            node.type != "function_definition"
            and node.child_by_field_name("type") is None
            and _MACRO_NAME.match(d.name)
        ):
            return False  # ``NO_COPIES(Foo);``: a macro call, not a declaration
        if d.name in GTEST_MACROS and node.type == "function_definition":
            params = _find_params(node)
            args = [builder.text(p).strip() for p in (params.named_children if params else ())]
            if len(args) >= 2:
                d.labels = (d.name,)  # the macro: TEST, TEST_F, …
                d.kind = Kind.FUNCTION
                d.test_name = f"{args[0]}.{args[1]}"
                d.name = args[1]
                d.is_test = True
                return True
        labels: list[str] = []
        if node.type != "function_definition":
            labels.append("declaration")
        for child in node.children:
            label = _CUDA_QUALIFIERS.get(child.type) or _CUDA_QUALIFIERS.get(builder.text(child))
            if label is None and builder.language is _L.METAL:
                label = _METAL_QUALIFIERS.get(builder.text(child))
            if label is not None and label not in labels:
                labels.append(label)
        d.labels = tuple(labels)
        if "::" in d.name:
            d.scope, _, d.name = d.name.rpartition("::")
            d.scope = re.sub(r"<[^<>]*>", "", d.scope)  # Foo<T>::bar → Foo
            if d.kind is Kind.FUNCTION:
                d.kind = Kind.METHOD
        elif d.kind is Kind.METHOD and node.type == "declaration":
            d.kind = Kind.FUNCTION
        return True
    if d.kind is Kind.NAMESPACE:
        d.name = d.name.replace(" ", "")
        return True
    if d.kind is Kind.MACRO:
        value = node.child_by_field_name("value")
        if value is None and node.type == "preproc_def":
            d.labels = ("flag",)
        return True
    if d.kind in (Kind.CLASS, Kind.TYPE) and node.type in ("class_specifier", "struct_specifier"):
        d.labels = (node.type.partition("_")[0],)
    elif node.type == "union_specifier":
        d.labels = ("union",)
    elif node.type == "enum_specifier":
        d.labels = ("enum",)
    elif node.type in ("type_definition", "alias_declaration"):
        d.labels = ("typedef" if node.type == "type_definition" else "using",)
    if "::" in d.name:
        d.scope, _, d.name = d.name.rpartition("::")
    return True


def _declared_type_name(node: Any) -> Any:
    """The name a typedef declarator declares: its first type name outside parameter lists."""
    if node.type in ("type_identifier", "primitive_type"):
        return node
    for child in node.named_children:
        if child.type in ("parameter_list", "template_argument_list"):
            continue
        found = _declared_type_name(child)
        if found is not None:
            return found
    return None


def _go(builder: _Builder, d: _Def, captures: dict[str, list[Any]]) -> bool:
    receivers = captures.get("receiver")
    if receivers:
        d.scope = builder.text(receivers[0]).lstrip("*").partition("[")[0]
    if d.kind is Kind.NAMESPACE:
        d.labels = ("package",)
        d.node = captures["name"][0].parent  # the clause only: it holds no definition
    if d.kind in _FUNCTIONS and d.name.startswith("Test") and builder.language is _L.GO:
        d.is_test = True
    return True


def _rust(builder: _Builder, d: _Def, captures: dict[str, list[Any]]) -> bool:
    parent = d.node.parent
    if d.kind is Kind.FUNCTION and parent is not None:
        owner = parent.parent if parent.type == "declaration_list" else None
        if owner is not None and owner.type in ("impl_item", "trait_item"):
            d.kind = Kind.METHOD
        if owner is not None and owner.type == "impl_item":
            # methods of ``impl [Trait for] Type`` belong to Type (attached when it is here)
            impl_type = owner.child_by_field_name("type")
            trait = owner.child_by_field_name("trait")
            if impl_type is not None:
                d.scope = re.sub(r"<.*", "", builder.text(impl_type)).strip()
            if trait is not None:
                d.labels = ("impl " + builder.text(trait),)
        for sib in _previous_attributes(d.node):
            if re.search(r"\btest\b", builder.text(sib)):
                d.is_test = True
    return True


def _previous_attributes(node: Any) -> list[Any]:
    out = []
    prev = node.prev_named_sibling
    while prev is not None and prev.type in ("attribute_item", "line_comment", "block_comment"):
        if prev.type == "attribute_item":
            out.append(prev)
        prev = prev.prev_named_sibling
    return out


def _java(builder: _Builder, d: _Def, captures: dict[str, list[Any]]) -> bool:
    if d.kind is Kind.NAMESPACE:
        d.labels = ("package",)
    if d.kind is Kind.METHOD:
        mods = d.node.child_by_field_name("modifiers") or next(
            (c for c in d.node.children if c.type == "modifiers"), None
        )
        if mods is not None and re.search(r"@(?:\w+\.)*Test\b", builder.text(mods)):
            d.is_test = True
    return True


def _js(builder: _Builder, d: _Def, captures: dict[str, list[Any]]) -> bool:
    node = d.node
    if node.type == "variable_declarator":
        decl = node.parent
        if decl is not None and decl.parent is not None and decl.parent.type == "program":
            node = decl  # const at the top: keep (exported or not)
        elif not _exported(decl):
            return False
    labels = []
    if _exported(node):
        labels.append("export")
    if any(c.type == "async" for c in d.node.children):
        labels.append("async")
    d.labels = tuple(labels)
    return True


def _exported(node: Any) -> bool:
    while node is not None and node.type not in ("program", "statement_block", "class_body"):
        if node.type == "export_statement":
            return True
        node = node.parent
    return False


_HOOKS: dict[str, Callable[[_Builder, _Def, dict[str, list[Any]]], bool]] = {
    "cfamily": _cfamily,
    "go": _go,
    "rust": _rust,
    "java": _java,
    "js": _js,
}
