"""MyST (Markdown) docstrings → docutils nodes, with the restrictions of reST docstrings.

Imported only when a docstring is rendered as MyST, so myst-parser stays optional. The
docstring is rendered by myst-parser's own Sphinx renderer straight into a container of the
stub page (as sphinx-autodoc2 renders MyST docstrings), with the project's ``myst_*``
settings when myst_parser is an extension, its defaults otherwise. Unless
``repodoc_trust_docstrings`` is on, the renderer is narrowed to what a reST docstring may do:

- directives outside the reST allowlist are shown as written, each with a
  ``repodoc.docstring`` warning at its line in the documented file;
- raw HTML is text, never a raw node; images, ``{{substitutions}}`` and front matter are
  shown as written (an image or a path link would copy a local file into the output, a
  substitution could print the build's configuration);
- roles go through the same allowlist as reST (the caller's ``restricted_markup``).

Whatever the trust, a link that is not a URL (``[text](name)``) is a quiet ``repo``
reference, as a reST docstring's default role: a file next to the stub is never linked or
copied. Headings are rubrics (the container is not a section), and the document-wide side
effects of a MyST page (word count, heading slugs, ``html_meta``) are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes

from .docstrings import DISALLOWED_CLASS

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.util.docutils import SphinxDirective

__all__ = ["parse_myst"]


def _line(token: SyntaxTreeNode) -> int:
    """1-based line of ``token`` in the docstring (0 when unknown)."""
    mapping = getattr(token, "map", None)
    return mapping[0] if mapping else 0


class DocstringRenderer(SphinxRenderer):
    """myst-parser's Sphinx renderer, narrowed for text from the documented repository."""

    @property
    def _trusted(self) -> bool:
        return bool(self.md_options.get("repodoc_trusted"))

    def _shown_as_written(self, text: str, *, block: bool) -> None:
        if block:
            node: nodes.Element = nodes.literal_block(text, text, classes=[DISALLOWED_CLASS])
            node["language"] = "text"
        else:
            node = nodes.literal(text, text, classes=[DISALLOWED_CLASS])
        self.current_node.append(node)

    # -- no document-wide side effects ------------------------------------------------------

    def _render_initialise(self) -> None:
        """No ``html_meta`` nodes: they belong to a page, not to one docstring."""

    def _render_finalise(self) -> None:
        """No word count substitutions or heading slugs written into the page's metadata."""

    def create_warning(self, message: str, subtype: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """myst-parser's warnings are collected; the caller reports them as one docstring
        problem at the docstring's location (not the stub's)."""
        line = kwargs.get("line") or 0
        self.md_options["repodoc_problems"].append((line, message))

    # -- untrusted input --------------------------------------------------------------------

    def render_directive(
        self,
        token: SyntaxTreeNode,
        name: str,
        arguments: str,
        *,
        additional_options: dict[str, str] | None = None,
    ) -> None:
        if self._trusted or self.md_options["repodoc_allowed"](name):
            super().render_directive(token, name, arguments, additional_options=additional_options)
            return
        content = token.content
        if content and not content.endswith("\n"):
            content += "\n"
        self._shown_as_written(f"{token.markup}{token.info}\n{content}{token.markup}", block=True)
        self.md_options["repodoc_forbidden"].append((_line(token), name))

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        """A role outside the allowlist is shown as written in MyST, not in reST, syntax."""
        before = len(self.current_node.children)
        super().render_myst_role(token)
        name = token.meta["name"]
        written = f"{{{name}}}`{token.content}`"
        for node in self.current_node.children[before:]:
            if isinstance(node, nodes.literal) and DISALLOWED_CLASS in node["classes"]:
                node.replace_self(nodes.literal(written, written, classes=[DISALLOWED_CLASS]))

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        if self._trusted:
            super().render_html_block(token)
        else:
            self._shown_as_written(token.content.rstrip("\n"), block=True)

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        if self._trusted:
            super().render_html_inline(token)
        else:
            self._shown_as_written(token.content, block=False)

    def render_image(self, token: SyntaxTreeNode) -> None:
        if self._trusted:
            super().render_image(token)
            return
        alt = self.renderInlineAsText(token.children or [])
        self._shown_as_written(f"![{alt}]({token.attrGet('src') or ''})", block=False)

    def render_substitution_inline(self, token: SyntaxTreeNode) -> None:
        if self._trusted:
            super().render_substitution_inline(token)
        else:
            self._shown_as_written(f"{{{{{token.content}}}}}", block=False)

    def render_substitution_block(self, token: SyntaxTreeNode) -> None:
        if self._trusted:
            super().render_substitution_block(token)
        else:
            self._shown_as_written(f"{{{{{token.content}}}}}", block=True)

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """Front matter configures a page; in a docstring it is only text."""
        content = token.content if isinstance(token.content, str) else str(token.content)
        self._shown_as_written(f"---\n{content.rstrip()}\n---", block=True)

    # -- links ------------------------------------------------------------------------------

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        """``[text](name)`` → a quiet ``repo`` reference to ``name`` (plain text if unknown)."""
        target = self.md.normalizeLinkText(cast("str", token.attrGet("href") or ""))
        explicit = token.info != "auto" and bool(token.children)
        ref = addnodes.pending_xref(
            "", refdomain="repo", reftype="obj", reftarget=target, refexplicit=explicit
        )
        self.add_line_and_source_path(ref, token)
        inner = nodes.inline("", "", classes=["xref", "repo", "repo-obj"])
        ref += inner
        with self.current_node_context(inner):
            if explicit:
                self.render_children(token)
            else:
                inner += nodes.literal(target, target)
        self.current_node.append(ref)


def parse_myst(
    text: str,
    directive: SphinxDirective,
    container: nodes.Element,
    *,
    trusted: bool,
    allowed: Any,
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Render ``text`` into ``container``; return (forbidden directives, myst problems),
    each as ``(line in the docstring, name or message)``."""
    config = getattr(directive.env, "myst_config", None) or MdParserConfig()
    parser = create_md_parser(config, DocstringRenderer)
    forbidden: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    parser.options.update({
        "document": directive.state.document,
        "current_node": container,
        "repodoc_trusted": trusted,
        "repodoc_allowed": allowed,
        "repodoc_forbidden": forbidden,
        "repodoc_problems": problems,
    })  # fmt: skip
    parser.render(text)
    return forbidden, problems
