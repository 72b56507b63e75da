"""Re-exports: the names a Python symbol is importable under besides its own."""

from __future__ import annotations

import textwrap

from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.scan import scan


def reexports_of(tmp_path, files: dict[str, str]) -> dict[str, str]:
    for path, text in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    repo = scan(RepodocConfig(root=tmp_path))
    return dict(repo.reexports)


def test_package_init_reexports_public_names_through_chains(tmp_path):
    found = reexports_of(
        tmp_path,
        {
            "pkg/__init__.py": "from .nn import Linear, _hidden\nfrom .nn import relu as act\n",
            "pkg/nn/__init__.py": (
                "from .linear import Linear\nfrom .functional import relu, _hidden\n"
            ),
            "pkg/nn/linear.py": "class Linear: ...\n",
            "pkg/nn/functional.py": "def relu(x): ...\ndef _hidden(): ...\n",
        },
    )
    assert found == {
        "pkg.Linear": "pkg/nn/linear.py::Linear",
        "pkg.act": "pkg/nn/functional.py::relu",
        "pkg.nn.Linear": "pkg/nn/linear.py::Linear",
        "pkg.nn.relu": "pkg/nn/functional.py::relu",
    }


def test_all_in_a_plain_module_and_star_imports(tmp_path):
    found = reexports_of(
        tmp_path,
        {
            "lib/api.py": "from .impl import run, helper\n__all__ = ['run']\n",
            "lib/impl.py": (
                "__all__ = ['run', 'stop']\ndef run(): ...\ndef stop(): ...\ndef helper(): ...\n"
            ),
            "lib/__init__.py": "from .impl import *\n",
        },
    )
    assert found == {
        "lib.api.run": "lib/impl.py::run",  # in __all__; helper is not
        "lib.run": "lib/impl.py::run",  # the star import binds impl's __all__ only
        "lib.stop": "lib/impl.py::stop",
    }


def test_cycles_and_missing_names_end_quietly(tmp_path):
    found = reexports_of(
        tmp_path,
        {
            "a/__init__.py": "from .b import X\n",
            "a/b.py": "from . import c\nfrom .c import X\n",
            "a/c.py": "from .b import X\n",
        },
    )
    assert found == {}
