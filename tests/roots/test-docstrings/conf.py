"""Test root for docstrings.py: a probe directive and a stub ``repo`` domain (test only)."""

from docutils.parsers.rst import directives
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_repodoc.sphinx_.docstrings import render_docstring


class DocstringProbe(SphinxDirective):
    has_content = True
    option_spec = {
        "path": directives.unchanged,
        "line": directives.nonnegative_int,
        "scope": directives.unchanged,
    }

    def run(self):
        return render_docstring(
            "\n".join(self.content),
            self,
            path=self.options.get("path", "pkg/mod.py"),
            line=self.options.get("line", 1),
            scope=self.options.get("scope"),
        )


class RepoStub(Domain):
    name = "repo"
    label = "repo (stub)"

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def merge_domaindata(self, docnames, otherdata):
        pass


def quiet(app, env, node, contnode):
    return contnode if node.get("repodoc_quiet") else None


def setup(app):
    app.add_domain(RepoStub)
    app.add_directive("docstring-probe", DocstringProbe)
    app.connect("missing-reference", quiet)
    return {"parallel_read_safe": True}


extensions = []
project = "docstrings"
exclude_patterns = ["_build"]

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
