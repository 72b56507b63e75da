"""Uses of imported names, and the "used in" index built from them."""

from __future__ import annotations

import textwrap

from sphinxcontrib_repodoc.analysis.usages import find_uses
from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.extractors.python import PythonExtractor
from sphinxcontrib_repodoc.model import Usage, Use
from sphinxcontrib_repodoc.scan import scan


def uses(code: str) -> tuple[Use, ...]:
    code = textwrap.dedent(code)
    return find_uses(code, PythonExtractor().extract("m.py", code).imports)


def test_uses_skip_imports_comments_strings_and_attributes():
    found = uses(
        """\
        from .a import run, Thing as T
        import os

        # run is mentioned here only
        x = "run"
        obj.run()
        run(T())
        y = run
        """
    )
    assert found == (
        Use("T", 7, 1, "run(T())"),
        Use("run", 7, 2, "run(T())"),
    )


def test_no_from_imports_no_uses():
    assert uses("import os\nos.getcwd()\n") == ()


def test_usages_follow_reexports_and_skip_the_defining_file(tmp_path):
    files = {
        "pkg/__init__.py": "from .impl import run\n",
        "pkg/impl.py": "def run(): ...\nrun()\n",
        "app.py": "from pkg import run\n\nrun()\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    repo = scan(RepodocConfig(root=tmp_path))
    assert repo.usages == (Usage("pkg/impl.py::run", "app.py", 3, 1, "run()"),)
    assert repo.usages_of("pkg/impl.py::run") == repo.usages


def test_a_name_inside_a_rejected_longer_name_is_still_found():
    # ``·`` continues an identifier without being ``\w``: ``xa·b`` is no use of ``a·b``, but
    # the ``b`` inside it still counts, as a look-behind pattern would have found it
    found = uses("from m import a·b, b\nxa·b\nrun_b = 1\n")
    assert [(u.name, u.line, u.count) for u in found] == [("b", 2, 1)]
