"""Docstrings → docutils nodes, in a restricted reST (or MyST) parse.

Docstrings are text from the documented repository, not from the documentation's author, so
they are parsed with an allowlist: a few harmless directives and roles work, anything else
(``raw``, ``include``, images, domain object directives, ``:ref:``…) is shown as written. Google
and NumPy sections go through napoleon's converters (without loading ``sphinx.ext.napoleon``),
and the resulting fields are grouped like Sphinx groups them for Python objects, with types as
quiet cross-references into the ``repo`` domain. A docstring docutils complains about is shown
as a literal block with one ``repodoc.docstring`` warning, never with docutils' own messages.

``repodoc_docstring_format`` picks the markup (:mod:`..pages.docstring_format`): ``"myst"``
docstrings are rendered by :mod:`.myst_docstrings` under the same allowlists, ``"plain"`` ones
are shown as written.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.states import RSTState
from docutils.statemachine import StringList, string2lines
from docutils.utils import Reporter
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.ext.napoleon import Config as NapoleonConfig
from sphinx.ext.napoleon.docstring import GoogleDocstring, NumpyDocstring
from sphinx.locale import _ as sphinx_label  # Sphinx's labels, Sphinx's catalog (not ours)
from sphinx.util.docfields import DocFieldTransformer, Field, GroupedField, TypedField
from sphinx.util.nodes import nested_parse_with_titles

from ..pages.docstring_format import choose_format, plain_blocks
from ..pages.targets import ROLE_TYPES
from .config import myst_available
from .domain import RepoXRefRole
from .locale import __
from .logging import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.nodes import Node, system_message
    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective

__all__ = ["render_docstring"]

DOMAIN = "repo"
LITERAL_CLASS = "repodoc-docstring-literal"  #: the whole docstring, shown as written
DISALLOWED_CLASS = "repodoc-disallowed"  #: one directive or role, shown as written
PLAIN_CLASS = "repodoc-docstring-plain"  #: ``repodoc_docstring_format = "plain"``

# --------------------------------------------------------------------------- allowlists

#: Directives a docstring may use: presentation only, nothing that reads files, runs code,
#: emits raw output or registers objects (``replace``/``unicode``/``date`` serve substitutions).
ALLOWED_DIRECTIVES = frozenset({
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
    "seealso", "tip", "warning",
    "versionadded", "versionchanged", "versionremoved", "deprecated",
    "code-block", "code", "sourcecode", "parsed-literal", "math",
    "rubric", "list-table", "table",
    "epigraph", "highlights", "pull-quote", "compound", "container", "topic", "hlist",
    "centered",
    "replace", "unicode", "date",
})  # fmt: skip

#: Generic inline roles a docstring may use (``:pep:``/``:rfc:`` link out; their index
#: entries are stripped).
ALLOWED_ROLES = frozenset({
    "emphasis", "strong", "literal", "code", "math",
    "sub", "subscript", "sup", "superscript",
    "abbr", "abbreviation", "ab", "acronym", "ac",
    "title-reference", "title", "t",
    "kbd", "samp", "command", "dfn", "file", "guilabel", "menuselection", "mimetype",
    "program", "regexp", "makevar", "manpage",
    "pep", "pep-reference", "rfc", "rfc-reference",
})  # fmt: skip

#: Python-ish cross-reference roles without a domain prefix → ``repo`` reftype. The default
#: role (single backticks) is ``obj``: a reference, by the NumPy convention.
XREF_TYPES: dict[str, str] = {
    "class": "class",
    "exc": "class",
    "func": "func",
    "meth": "meth",
    "attr": "attr",
    "data": "data",
    "const": "data",
    "mod": "mod",
    "obj": "obj",
    "any": "obj",
    "type": "obj",
}

#: Options dropped from allowed directives: they would register labels/equations.
_DROPPED_OPTIONS = ("name", "label")

#: Substitutions Sphinx defines itself (``sphinx.transforms._DEFAULT_SUBSTITUTIONS``).
_SPHINX_SUBSTITUTIONS = frozenset({"version", "release", "today", "translation progress"})


# --------------------------------------------------------------------------- roles


class DocstringXRefRole(RepoXRefRole):
    """A domain-less xref role (``:class:``…) that always targets the ``repo`` domain.

    ``XRefRole.run`` derives the domain from the role name (and Sphinx rewrites the empty name
    to ``default_role``), so the reftype is fixed per instance instead; names are read as the
    ``repo`` roles read them (``~a.b`` shows ``b``).
    """

    def __init__(self, reftype: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.repo_reftype = reftype

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.refdomain, self.reftype = DOMAIN, self.repo_reftype
        self.classes = ["xref", DOMAIN, f"{DOMAIN}-{self.reftype}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


XREF_ROLES: dict[str, DocstringXRefRole] = {
    name: DocstringXRefRole(reftype, fix_parens=reftype in {"func", "meth"})
    for name, reftype in XREF_TYPES.items()
} | {  # the ``repo`` domain's own roles, spelled out (``{repo:func}`f``` in MyST)
    f"{DOMAIN}:{role}": DocstringXRefRole(role, fix_parens=role in {"func", "meth"})
    for role in ROLE_TYPES
}


def _default_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[Node], list[system_message]]:
    """`text` → ``:obj:`text```, whatever the project's ``default_role``."""
    return XREF_ROLES["obj"]("obj", rawtext, text, lineno, inliner, options, content or [])


def _literal_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[Node], list[system_message]]:
    """A disallowed role: its source text, as inline code."""
    return [nodes.literal(rawtext, rawtext, classes=[DISALLOWED_CLASS])], []


class _LiteralDirective(Directive):
    """A disallowed directive: its whole block, as written. Accepts any shape without error."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = None

    def run(self) -> list[Node]:
        text = self.block_text.rstrip()
        block = nodes.literal_block(text, text, classes=[DISALLOWED_CLASS])
        block["language"] = "text"
        return [block]


_SAFE_DIRECTIVES: dict[type, type] = {}


def _safe_directive(cls: type) -> type:
    """``cls`` without ``:name:``/``:label:`` (labels and equations would leave the docstring)."""
    safe = _SAFE_DIRECTIVES.get(cls)
    if safe is None:

        def run(self: Any) -> list[Node]:
            for option in _DROPPED_OPTIONS:
                self.options.pop(option, None)
            return cls.run(self)

        safe = _SAFE_DIRECTIVES[cls] = type(cls.__name__, (cls,), {"run": run})
    return safe


@contextlib.contextmanager
def restricted_markup(document: nodes.document) -> Iterator[None]:
    """Resolve only allowlisted directives and roles; no raw output, no file insertion.

    Wraps whatever ``directives.directive`` / ``roles.role`` are current (Sphinx patches them
    while reading) and restores exactly those objects.
    """
    outer_directive = directives.directive
    outer_role = roles.role
    settings = document.settings
    saved = {key: getattr(settings, key, None) for key in ("file_insertion_enabled", "raw_enabled")}

    def directive(name: str, language_module: Any, doc: nodes.document) -> tuple[Any, list]:
        if name.lower() in ALLOWED_DIRECTIVES:
            cls, messages = outer_directive(name, language_module, doc)
            if isinstance(cls, type) and not issubclass(cls, ObjectDescription):
                return _safe_directive(cls), messages
        return _LiteralDirective, []

    def role(name: str, language_module: Any, lineno: int, reporter: Reporter) -> tuple[Any, list]:
        normalized = name.lower()
        if not normalized:
            return _default_role, []
        if normalized in XREF_ROLES:
            return XREF_ROLES[normalized], []
        if normalized in ALLOWED_ROLES:
            fn, messages = outer_role(name, language_module, lineno, reporter)
            if fn is not None:
                return fn, messages
        return _literal_role, []

    directives.directive = directive  # type: ignore[assignment]
    roles.role = role  # type: ignore[assignment]
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    try:
        yield
    finally:
        directives.directive = outer_directive
        roles.role = outer_role
        for key, value in saved.items():
            setattr(settings, key, value)


@contextlib.contextmanager
def captured_messages(state: RSTState) -> Iterator[list[nodes.system_message]]:
    """Collect docutils messages of level ≥ WARNING instead of reporting them to Sphinx.

    Nested parsers take the reporter from ``memo``; directives from the document.
    """
    found: list[nodes.system_message] = []
    document = state.document
    capture = Reporter(
        document.get("source", ""),
        report_level=Reporter.SEVERE_LEVEL + 1,
        halt_level=Reporter.SEVERE_LEVEL + 1,  # never raise, not even for "severe"
        stream=io.StringIO(),
    )
    capture.attach_observer(
        lambda msg: found.append(msg) if msg["level"] >= Reporter.WARNING_LEVEL else None
    )
    saved = document.reporter, state.memo.reporter
    document.reporter = state.memo.reporter = capture
    try:
        yield found
    finally:
        document.reporter, state.memo.reporter = saved


# --------------------------------------------------------------------------- napoleon

_NAPOLEON = NapoleonConfig(
    napoleon_use_ivar=True,
    napoleon_use_param=True,
    napoleon_use_rtype=True,
    napoleon_use_keyword=True,
    napoleon_use_admonition_for_examples=False,
    napoleon_use_admonition_for_notes=False,
    napoleon_use_admonition_for_references=False,
    napoleon_preprocess_types=False,
    napoleon_attr_annotations=False,
)


class _NoObjectsMixin:
    """Napoleon output that stays inside the docstring.

    Its "Methods" section emits ``.. method::`` (an object directive, shown literally here):
    a rubric and a definition list instead.
    """

    _method = re.compile(r"^([\w.]+)(\(.*\))?$")

    def _parse_methods_section(self, section: str) -> list[str]:
        lines = [".. rubric:: " + sphinx_label("Methods"), ""]
        for name, _type, desc in self._consume_fields(parse_type=False):  # type: ignore[attr-defined]
            match = self._method.match(name)
            if match is None:
                lines.append(f"``{name}``")
            else:
                lines.append(f":meth:`{name} <{match[1]}>`" if match[2] else f":meth:`{name}`")
            lines.extend(self._indent(desc or [""], 3))  # type: ignore[attr-defined]
            lines.append("")
        return lines


class _GoogleDocstring(_NoObjectsMixin, GoogleDocstring):
    pass


class _NumpyDocstring(_NoObjectsMixin, NumpyDocstring):
    # napoleon ≥ 8 writes ``:py:obj:`` in "See Also"; the ``py`` domain is not ours.
    def _parse_numpydoc_see_also_section(self, content: list[str]) -> list[str]:
        lines = super()._parse_numpydoc_see_also_section(content)
        return [line.replace(":py:obj:`", ":obj:`") for line in lines]


def convert_sections(text: str) -> str:
    """Google and NumPy sections → reST fields, in napoleon's own order (NumPy, then Google).

    Nothing is imported (``obj=None``). Napoleon on odd text is not worth failing a build for:
    on error the text stays as it is.
    """
    try:
        lines = _NumpyDocstring(text, _NAPOLEON, what="object", name="", obj=None).lines()
        lines = _GoogleDocstring(lines, _NAPOLEON, what="object", name="", obj=None).lines()
    except Exception:  # arbitrary repository text; napoleon is best effort
        return text
    return "\n".join(lines)


# Footnote, citation and substitution names are page-wide (citations even project-wide):
# NumPy's ``.. [1]`` in two docstrings of a page would collide. So each docstring's own
# labels become private auto-numbered footnotes (as numpydoc does), and its substitutions
# get private names (they never show).
_LABEL_DEF = re.compile(r"^([ \t]*\.\.[ \t]+\[)([^\]\s]+)(\])", re.MULTILINE)
_LABEL_REF = re.compile(r"\[([^\]\s]+)\]_")
_SUBST_DEF = re.compile(r"^([ \t]*\.\.[ \t]+\|)([^|\s](?:[^|]*[^|\s])?)(\|)", re.MULTILINE)
_SUBST_REF = re.compile(r"(?<![\w|])\|([^|\s](?:[^|]*[^|\s])?)\|")


def _private_prefix(key: str) -> str:
    return "r" + hashlib.sha1(key.encode()).hexdigest()[:8]


def _private_names(text: str, key: str) -> str:
    labels = {m.group(2).lower() for m in _LABEL_DEF.finditer(text)} - {"#", "*"}
    substitutions = {" ".join(m.group(2).split()).lower() for m in _SUBST_DEF.finditer(text)}
    if not labels and not substitutions:
        return text
    prefix = _private_prefix(key)

    def label(name: str) -> str:
        return f"#{prefix}-{name.lstrip('#')}" if name.lower() in labels else name

    def substitution(name: str) -> str:
        known = " ".join(name.split()).lower() in substitutions
        return f"{prefix}-{name}" if known else name

    text = _LABEL_DEF.sub(lambda m: f"{m.group(1)}{label(m.group(2))}{m.group(3)}", text)
    text = _LABEL_REF.sub(lambda m: f"[{label(m.group(1))}]_", text)
    text = _SUBST_DEF.sub(lambda m: f"{m.group(1)}{substitution(m.group(2))}{m.group(3)}", text)
    return _SUBST_REF.sub(lambda m: f"|{substitution(m.group(1))}|", text)


def _public_link_names(container: nodes.Element, document: nodes.document, key: str) -> None:
    """``|name|_`` links to the target ``name``, not to the private substitution name."""
    prefix = _private_prefix(key) + "-"
    for ref in container.findall(nodes.reference):
        name = ref.get("refname", "")
        if name.startswith(prefix):
            with contextlib.suppress(KeyError, ValueError):
                document.refnames[name].remove(ref)
            ref["refname"] = name.removeprefix(prefix)
            document.note_refname(ref)


# --------------------------------------------------------------------------- doc fields


class _RepoXrefMixin:
    """Doc-field xrefs built directly as ``repo`` pending_xrefs (never via a domain's role)."""

    _delimiters = re.compile(r"(\s*[\[\]\(\),](?:\s*o[rf]\s)?\s*|\s+o[rf]\s+|\s*\|\s*|\.\.\.)")

    def make_xref(
        self,
        rolename: str,
        domain: str,
        target: str,
        innernode: type[nodes.TextElement] = addnodes.literal_emphasis,
        contnode: Node | None = None,
        env: BuildEnvironment | None = None,
        inliner: Any = None,
        location: nodes.Element | None = None,
    ) -> Node:
        if not rolename:
            return contnode or innernode(target, target)
        title = target.lstrip("~")
        if target.startswith("~"):
            title = title.rpartition(".")[2]
        ref = addnodes.pending_xref(
            "",
            refdomain=DOMAIN,
            reftype=XREF_TYPES.get(rolename, rolename),
            reftarget=target.lstrip("~"),
            refexplicit=False,
        )
        ref += contnode or innernode(title, title)
        return ref

    def make_xrefs(
        self,
        rolename: str,
        domain: str,
        target: str,
        innernode: type[nodes.TextElement] = addnodes.literal_emphasis,
        contnode: Node | None = None,
        env: BuildEnvironment | None = None,
        inliner: Any = None,
        location: nodes.Element | None = None,
    ) -> list[Node]:
        """``list of str or None`` → one xref per name (as the ``py`` domain splits types)."""
        split_contnode = contnode is not None and contnode.astext() == target
        result: list[Node] = []
        for part in filter(None, self._delimiters.split(target)):
            if split_contnode:
                contnode = nodes.Text(part)
            if self._delimiters.match(part):
                result.append(contnode or innernode(part, part))
            else:
                result.append(self.make_xref(rolename, domain, part, innernode, contnode, env))
        return result


class _Field(_RepoXrefMixin, Field):
    pass


class _GroupedField(_RepoXrefMixin, GroupedField):
    pass


class _TypedField(_RepoXrefMixin, TypedField):
    pass


DOC_FIELD_TYPES: list[Field] = [
    _TypedField(
        "parameter",
        label=sphinx_label("Parameters"),
        names=("param", "parameter", "arg", "argument"),
        typerolename="class",
        typenames=("paramtype", "type"),
        can_collapse=True,
    ),
    _TypedField(
        "keyword",
        label=sphinx_label("Keyword Arguments"),
        names=("keyword", "kwarg", "kwparam"),
        typerolename="class",
        typenames=("kwtype",),
        can_collapse=True,
    ),
    _TypedField(
        "variable",
        label=sphinx_label("Variables"),
        names=("var", "ivar", "cvar"),
        typerolename="class",
        typenames=("vartype",),
        can_collapse=True,
    ),
    _GroupedField(
        "exceptions",
        label=sphinx_label("Raises"),
        rolename="class",
        names=("raises", "raise", "exception", "except"),
        can_collapse=True,
    ),
    _Field(
        "returnvalue", label=sphinx_label("Returns"), has_arg=False, names=("returns", "return")
    ),
    _Field(
        "returntype",
        label=sphinx_label("Return type"),
        has_arg=False,
        names=("rtype",),
        bodyrolename="class",
    ),
]


def _field_type_map() -> dict[str, tuple[Field, bool]]:
    result: dict[str, tuple[Field, bool]] = {}
    for field in DOC_FIELD_TYPES:
        for name in field.names:
            result[name] = (field, False)
        if isinstance(field, TypedField):
            for name in field.typenames:
                result[name] = (field, True)
    return result


class _FieldHost:
    """What ``DocFieldTransformer`` reads from its ``ObjectDescription``.

    Sphinx 7.4 reads ``state.document.settings.env`` and ``state.inliner``; 9.x reads ``env``.
    """

    domain = DOMAIN
    _type_map: ClassVar[dict[str, tuple[Field, bool]]] = _field_type_map()

    def __init__(self, directive: SphinxDirective) -> None:
        self.env = directive.env
        self.state = directive.state

    def get_field_type_map(self) -> dict[str, tuple[Field, bool]]:
        return self._type_map


# --------------------------------------------------------------------------- rendering


def render_docstring(
    text: str,
    directive: SphinxDirective,
    *,
    path: str,
    line: int,
    scope: str | None = None,
) -> list[Node]:
    """Render one docstring for the page ``directive`` is building.

    ``path``/``line`` locate the definition (warnings, and the source of the nodes); ``scope``
    is the enclosing qualname, used by the domain to resolve short names.
    """
    if not text or not text.strip():
        return []
    original = textwrap.dedent(text).strip("\n")  # callers pass cleaned docstrings
    setting = getattr(directive.config, "repodoc_docstring_format", "rst")
    markdown_possible = setting in ("myst", "auto") and myst_available()
    rendering = choose_format(setting, original, myst_available=markdown_possible)
    if rendering == "plain":
        return _plain(original)
    state = directive.state
    if not isinstance(state, RSTState):
        # A non-reST parser (MyST) would read the text as its own markup.
        return [_literal(original)]

    # names private to this docstring (deterministic, unique on the page even for repeats)
    key = f"{path}:{line}:{directive.env.new_serialno('repodoc-docstring')}"
    document = state.document
    container = nodes.container()
    trusted = bool(getattr(directive.config, "repodoc_trust_docstrings", False))
    markup = contextlib.nullcontext() if trusted else restricted_markup(document)
    forbidden: list[tuple[int, str]] = []  # MyST directives outside the allowlist
    with markup, captured_messages(state) as messages:
        if rendering == "myst":
            problem, forbidden = _parse_myst(original, directive, container, path=path, line=line)
        else:
            _parse_rst(original, state, container, key=key, path=path, line=line)
            problem = None
    _public_link_names(container, document, key)
    if problem is None:
        problem = messages[0] if messages else _dangling_reference(container, directive)
    if problem is not None:
        message = problem if isinstance(problem, str) else _message_text(problem)
        language = "MyST" if rendering == "myst" else "reST"
        warn(
            Subtype.DOCSTRING,
            __("docstring is not valid %(language)s (%(message)s); shown as written")
            % {"language": language, "message": message},
            location=f"{path}:{line}",
        )
        _forget(container, document)
        return [_literal(original)]
    for directive_line, name in forbidden:
        warn(
            Subtype.DOCSTRING,
            f"directive {name!r} is not allowed in a docstring (repodoc_trust_docstrings is "
            "off); shown as written",
            location=f"{path}:{directive_line}",
        )

    for node in list(container.findall(nodes.system_message)):
        node.parent.remove(node)  # INFO level only, by now
    _sections_to_rubrics(container, document)
    DocFieldTransformer(_FieldHost(directive)).transform_all(container)  # type: ignore[arg-type]
    _strip_index_entries(container)
    _quiet_citations(container, directive.env)
    _private_targets(container, document, key)
    for xref in container.findall(addnodes.pending_xref):
        xref["repodoc_quiet"] = True
        xref["repo:file"] = path
        xref["repo:scope"] = scope
    return list(container.children)


def _parse_rst(
    original: str, state: RSTState, container: nodes.Element, *, key: str, path: str, line: int
) -> None:
    """Google/NumPy sections converted, then a nested reST parse located at ``path:line``."""
    rest = _private_names(convert_sections(original), key)
    tab_width = getattr(state.document.settings, "tab_width", 8)
    lines = string2lines(rest, tab_width, convert_whitespace=True)
    content = StringList(lines, items=[(path, line + i) for i in range(len(lines))])
    nested_parse_with_titles(state, content, container)


def _parse_myst(
    original: str, directive: SphinxDirective, container: nodes.Element, *, path: str, line: int
) -> tuple[str | None, list[tuple[int, str]]]:
    """A MyST parse into ``container``: myst-parser's first complaint, if any, and the
    directives outside the allowlist (shown as written), with their lines in the file.

    Nodes are located in the documented file, as the reST ones are.
    """
    from .myst_docstrings import parse_myst  # myst-parser is optional

    trusted = bool(getattr(directive.config, "repodoc_trust_docstrings", False))
    forbidden, problems = parse_myst(
        original,
        directive,
        container,
        trusted=trusted,
        allowed=lambda name: name.lower() in ALLOWED_DIRECTIVES,
    )
    for node in container.findall(nodes.Element):
        if node.line is not None:
            node.line = line + max(node.line, 1) - 1
        node.source = path
    in_file = [(line + max(offset, 1) - 1, name) for offset, name in forbidden]
    return (problems[0][1] if problems else None), in_file


def _plain(text: str) -> list[Node]:
    """The docstring as written: paragraphs, and indented blocks kept preformatted."""
    result: list[Node] = []
    for preformatted, block in plain_blocks(text):
        if preformatted:
            literal = nodes.literal_block(block, block, classes=[PLAIN_CLASS])
            literal["language"] = "text"
            result.append(literal)
        else:
            result.append(nodes.paragraph(block, block, classes=[PLAIN_CLASS]))
    return result


def _forget(container: nodes.Element, document: nodes.document) -> None:
    """Unregister from the page what the parse of a docstring now shown as written noted there.

    Docutils' page-wide transforms read these registries, not the tree: a footnote reference
    left in them would be reported at the page ("Too many autonumbered footnote references").
    """
    inside = {id(node) for node in container.findall(nodes.Element)}
    for name in ("autofootnote_refs", "symbol_footnote_refs", "autofootnotes", "symbol_footnotes",
                 "footnotes", "citations"):  # fmt: skip
        registered = getattr(document, name)
        registered[:] = [node for node in registered if id(node) not in inside]
    for mapping in (document.footnote_refs, document.citation_refs, document.refnames):
        for key, registered in list(mapping.items()):
            registered[:] = [node for node in registered if id(node) not in inside]
            if not registered:
                del mapping[key]
    gone = {node_id for node_id, node in document.ids.items() if id(node) in inside}
    for node_id in gone:
        del document.ids[node_id]
    for name, node_id in list(document.nameids.items()):
        if node_id in gone:
            del document.nameids[name]
            document.nametypes.pop(name, None)


def _literal(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, classes=[LITERAL_CLASS])
    block["language"] = "text"
    return block


def _message_text(message: nodes.system_message) -> str:
    paragraph = next(iter(message.findall(nodes.paragraph)), None)
    text = (paragraph or message).astext()
    return " ".join(text.split())


def _dangling_reference(container: nodes.Element, directive: SphinxDirective) -> str | None:
    """Problems docutils would only report in its transforms, after our capture (page-wide).

    Returns the message docutils would give, or None.
    """
    document = directive.state.document
    anonymous = 0
    for node in container.findall(nodes.Element):
        if node.get("anonymous"):
            anonymous += 1 if isinstance(node, nodes.reference) else -1
        refname = node.get("refname")
        if not refname or isinstance(node, nodes.citation_reference):
            continue  # citations resolve project-wide, through Sphinx
        if isinstance(node, nodes.substitution_reference):
            known = refname.lower() in document.substitution_names or refname.lower() in (
                _SPHINX_SUBSTITUTIONS | _epilog_substitutions(directive)
            )
            if not known:
                return f'Undefined substitution referenced: "{refname}".'
        elif refname not in document.nameids:
            return f'Unknown target name: "{refname}".'
    if anonymous:
        return "Anonymous hyperlink mismatch."
    return None


_SUBSTITUTION_DEF = re.compile(r"^\s*\.\.\s+\|([^|]+)\|", re.MULTILINE)


def _epilog_substitutions(directive: SphinxDirective) -> set[str]:
    # rst_epilog is parsed after the page, so its substitutions are not known yet.
    epilog = getattr(directive.config, "rst_epilog", None) or ""
    return {" ".join(name.split()).lower() for name in _SUBSTITUTION_DEF.findall(epilog)}


def _sections_to_rubrics(container: nodes.Element, document: nodes.document) -> None:
    """A docstring heading is a rubric: it must not add sections (or toc entries) to the page."""
    while True:
        section = next(iter(container.findall(nodes.section)), None)
        if section is None:
            return
        title = section.next_node(nodes.title)
        replacement: list[Node] = []
        if title is not None and title.parent is section:
            rubric = nodes.rubric(title.rawsource, "", *title.children)
            rubric["ids"] = list(section["ids"])
            rubric["names"] = list(section["names"])
            for node_id in rubric["ids"]:
                document.ids[node_id] = rubric
            replacement.append(rubric)
            section.remove(title)
        replacement.extend(section.children)
        section.replace_self(replacement)


def _strip_index_entries(container: nodes.Element) -> None:
    """``:pep:``/``:rfc:`` add index entries; a docstring must not."""
    for node in list(container.findall(addnodes.index)):
        node.parent.remove(node)
    for node in list(container.findall(nodes.target)):
        ids = node["ids"]
        if ids and not node.children and all(i.startswith("index-") for i in ids):
            node.parent.remove(node)


def _quiet_citations(container: nodes.Element, env: BuildEnvironment) -> None:
    """``[Smith]_`` not defined in the docstring: a project citation, if any, else plain text.

    (Sphinx's own transform would make it a *warning* reference to the ``citation`` domain.)
    """
    for node in list(container.findall(nodes.citation_reference)):
        target = node.astext()
        ref = addnodes.pending_xref(
            target,
            refdomain="citation",
            reftype="ref",
            reftarget=target,
            support_smartquotes=False,
            ids=node["ids"],
            classes=node.get("classes", []),
        )
        ref += nodes.inline(target, f"[{target}]")
        ref.source, ref.line = node.source, node.line
        node.replace_self(ref)
        env.get_domain("citation").note_citation_reference(ref)  # type: ignore[attr-defined]


def _private_targets(container: nodes.Element, document: nodes.document, key: str) -> None:
    """A docstring's hyperlink targets keep working inside it, and are invisible outside.

    Their names are page-wide: two docstrings with ``.. _examples:`` would collide, and the
    standard domain would make each explicit name a ``:ref:`` label. So each is renamed to a
    private, implicit name, together with the docstring's references to it (docutils only
    resolves references in its transforms, after the whole page is read).
    """
    prefix = _private_prefix(key) + "-"
    renamed: dict[str, str] = {}
    for target in container.findall(nodes.target):
        names = target["names"]
        for i, name in enumerate(names):
            if document.nametypes.get(name) and document.nameids.get(name) in target["ids"]:
                new = renamed[name] = prefix + name
                document.nameids[new] = document.nameids.pop(name)
                del document.nametypes[name]
                document.nametypes[new] = False
                names[i] = new
    if renamed:
        for node in container.findall(nodes.Element):
            old = node.get("refname")
            if old in renamed:
                with contextlib.suppress(KeyError, ValueError):
                    document.refnames[old].remove(node)
                node["refname"] = renamed[old]
                document.note_refname(node)
