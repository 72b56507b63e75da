"""Determinism helpers: a small generated repository, random edit sequences, output snapshots.

A :class:`Tree` holds a Python package as data (module → docstring, definitions, imports) and
writes it; :func:`random_edits` applies random additions, deletions, renames, edits and import
changes to it. :func:`snapshot` reads every output file that a reader or a tool sees (HTML,
``objects.inv``, ``searchindex.js``, ``_sources``…) so two builds can be compared byte for byte.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from buildutil import build

CONF = """\
extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
repodoc_git_commits = 0
show_warning_types = True
"""

INDEX = """\
Generated
=========

.. repodoc::

See :repo:mod:`pkg` and :any:`pkg`.
"""


@dataclass
class Module:
    doc: str
    defs: list[str] = field(default_factory=list)  #: ``f0``, ``C1``… (classes get a method)
    imports: list[str] = field(default_factory=list)  #: dotted names of other modules

    def text(self) -> str:
        lines = [f'"""{self.doc}"""', ""]
        lines += [f"import {name}" for name in self.imports]
        for d in self.defs:
            lines += ["", ""]
            if d[0].isupper():
                lines += [f"class {d}:", f'    """Class {d}."""', "", "    def run(self):"]
                lines += ['        """Run."""', "        return 1"]
            else:
                lines += [f"def {d}(a, b=1):", f'    """Function {d}, see :repo:obj:`{d}`."""']
                lines += ["    return a"]
        return "\n".join(lines) + "\n"


@dataclass
class Tree:
    """The documented tree as data; ``src/`` of the project is written from it."""

    modules: dict[str, Module] = field(default_factory=dict)  #: path under src/ → module
    docs: dict[str, list[str]] = field(default_factory=dict)  #: markdown path → headings
    serial: int = 0

    @classmethod
    def initial(cls) -> Tree:
        tree = cls()
        tree.modules["pkg/__init__.py"] = Module("The package.", ["init"])
        tree.modules["pkg/core.py"] = Module("Core.", ["Engine", "start"])
        tree.modules["pkg/util.py"] = Module("Utilities.", ["helper"], ["pkg.core"])
        tree.modules["app/main.py"] = Module("Entry point.", ["main"], ["pkg.util", "pkg.core"])
        tree.modules["tests/test_core.py"] = Module("Tests.", ["test_start"], ["pkg.core"])
        tree.docs["README.md"] = ["Project", "Install"]
        return tree

    def write(self, src: Path) -> None:
        """Make ``src`` hold exactly this tree."""
        if src.exists():
            shutil.rmtree(src)
        for path, module in self.modules.items():
            target = src / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(module.text(), encoding="utf-8")
        for path, headings in self.docs.items():
            target = src / path
            target.parent.mkdir(parents=True, exist_ok=True)
            text = "".join(
                f"{'#' * (2 if i else 1)} {h}\n\ntext\n\n" for i, h in enumerate(headings)
            )
            target.write_text(text, encoding="utf-8")

    def dotted(self) -> list[str]:
        return sorted(p[:-3].replace("/", ".").removesuffix(".__init__") for p in self.modules)

    def _name(self, rng: random.Random, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial}"

    # -- the edits ----------------------------------------------------------------------------

    def add(self, rng: random.Random) -> str:
        folder = rng.choice(["pkg", "pkg/sub", "app", "tests", "lib"])
        name = self._name(rng, "test_m" if folder == "tests" else "m")
        imports = rng.sample(self.dotted(), k=min(len(self.modules), rng.randint(0, 2)))
        defs = [self._name(rng, rng.choice(["f", "C", "test_"]))]
        self.modules[f"{folder}/{name}.py"] = Module(f"Module {name}.", defs, imports)
        return f"add {folder}/{name}.py"

    def delete(self, rng: random.Random) -> str:
        choices = sorted(p for p in self.modules if not p.endswith("__init__.py"))
        if len(choices) < 2:
            return self.add(rng)
        path = rng.choice(choices)
        del self.modules[path]
        return f"delete {path}"

    def rename(self, rng: random.Random) -> str:
        choices = sorted(p for p in self.modules if not p.endswith("__init__.py"))
        if not choices:
            return self.add(rng)
        path = rng.choice(choices)
        folder = rng.choice(["pkg", "app", "lib", path.rpartition("/")[0]])
        new = f"{folder}/{self._name(rng, 'r')}.py"
        self.modules[new] = self.modules.pop(path)
        return f"rename {path} {new}"

    def edit(self, rng: random.Random) -> str:
        path = rng.choice(sorted(self.modules))
        module = self.modules[path]
        what = rng.choice(["doc", "add-def", "drop-def"])
        if what == "doc":
            module.doc = f"Edited {self._name(rng, 'doc')}."
        elif what == "add-def" or not module.defs:
            module.defs.append(self._name(rng, rng.choice(["f", "C"])))
        else:
            module.defs.pop(rng.randrange(len(module.defs)))
        return f"edit {path} ({what})"

    def imports(self, rng: random.Random) -> str:
        path = rng.choice(sorted(self.modules))
        names = [*self.dotted(), "os", "pkg.gone", "numpy"]
        self.modules[path].imports = rng.sample(names, k=rng.randint(0, 3))
        return f"imports {path}"

    def heading(self, rng: random.Random) -> str:
        path = rng.choice([*sorted(self.docs), "docs/guide.md"])
        headings = self.docs.setdefault(path, ["Guide"])
        headings.append(self._name(rng, "Section "))
        return f"heading {path}"


EDITS = ("add", "delete", "rename", "edit", "imports", "heading")


def random_edits(tree: Tree, rng: random.Random, count: int) -> list[str]:
    return [getattr(tree, rng.choice(EDITS))(rng) for _ in range(count)]


def make_project(folder: Path, tree: Tree) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(CONF, encoding="utf-8")
    (folder / "index.rst").write_text(INDEX, encoding="utf-8")
    tree.write(folder / "src")
    return folder


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every output file by relative path (the pickled environment lives elsewhere)."""
    outdir = Path(outdir)
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file()
    }


def diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """What differs between two snapshots (paths only on one side, then differing files)."""
    out = [f"only in first: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in second: {p}" for p in sorted(b.keys() - a.keys())]
    for p in sorted(a.keys() & b.keys()):
        if a[p] != b[p]:
            out.append(f"differs: {p}{_first_difference(a[p], b[p])}")
    return out


def _first_difference(x: bytes, y: bytes) -> str:
    i = next((i for i, (c, d) in enumerate(zip(x, y, strict=False)) if c != d), min(len(x), len(y)))
    return f" at byte {i}: {x[max(0, i - 60) : i + 60]!r} vs {y[max(0, i - 60) : i + 60]!r}"


def clean_build(folder: Path, tree: Tree, **kwargs) -> dict[str, bytes]:
    """A fresh project holding ``tree`` at ``folder``, built once; its output snapshot."""
    app = build(make_project(folder, tree), **kwargs)
    assert app.statuscode == 0
    return snapshot(app.outdir)


def check_sequence(base: Path, seed: int, steps: int, edits_per_step: int = 3) -> list[str]:
    """Build, apply ``steps`` rounds of random edits with an incremental build after each, and
    compare the last output with a clean build of the final tree. Returns the edit log."""
    rng = random.Random(seed)
    tree = Tree.initial()
    project = make_project(base / "incremental", tree)
    build(project)
    log: list[str] = []
    for _ in range(steps):
        log += random_edits(tree, rng, rng.randint(1, edits_per_step))
        tree.write(project / "src")
        app = build(project)
        assert app.statuscode == 0
    incremental = snapshot(app.outdir)
    clean = clean_build(base / "clean", tree)
    problems = diff(incremental, clean)
    assert not problems, (f"seed {seed}", log, problems[:10])
    return log
