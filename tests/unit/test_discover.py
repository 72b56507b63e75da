"""discover: which files, in which order, in which language, read how — on real temp trees."""

from __future__ import annotations

import builtins
import io
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name

from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.discover import (
    STUB_MARKER,
    DiscoveredFile,
    discover,
    is_binary,
    language_for,
    lexer_for,
    read_text,
)
from sphinxcontrib_repodoc.model import Language

HAVE_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAVE_GIT, reason="git is not installed")
MODES = ["walk", pytest.param("git", marks=needs_git)]


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep git from finding a repository above tmp_path or reading the user's config."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=a@b", "-c", "user.name=n", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def make_repo(root: Path, mode: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if mode == "git":
        git(root, "init", "-q")
    return root


def commit_all(root: Path, mode: str) -> None:
    if mode == "git":
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "c")


def listed(root: Path, **kwargs: object) -> list[str]:
    files, _ = discover(RepodocConfig(root=root, **kwargs))  # type: ignore[arg-type]
    return [f.path for f in files]


# ---------------------------------------------------------------------------- git listing


@needs_git
def test_git_listing_honours_git_ignore_rules_and_lists_untracked(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", "git")
    write(
        root,
        {
            ".gitignore": "build/\n*.log\n",
            "a.py": "",
            "gone.py": "",
            "forced.log": "tracked although ignored\n",
            "build/out.py": "",
            "x.log": "",
            "secret.txt": "",
            "pkg/mod.py": "",
        },
    )
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("secret.txt\n")
    git(root, "add", ".gitignore", "a.py", "gone.py")
    git(root, "add", "-f", "forced.log")
    git(root, "commit", "-q", "-m", "c")
    (root / "gone.py").unlink()  # deleted but not staged: silently skipped
    write(root, {"new.py": ""})  # untracked, not ignored: listed

    files, diagnostics = discover(RepodocConfig(root=root))

    # forced.log (tracked) and the absence of secret.txt (.git/info/exclude) show git did it.
    assert [f.path for f in files] == [".gitignore", "a.py", "forced.log", "new.py", "pkg/mod.py"]
    assert diagnostics == []
    assert not any(f.path.startswith(".git/") for f in files)


@needs_git
def test_git_root_in_a_subfolder_gives_paths_relative_to_root(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", "git")
    write(
        repo,
        {
            ".gitignore": "*.tmp\n",
            "top.py": "",
            "proj/a.py": "",
            "proj/sub/b.py": "",
            "proj/c.tmp": "",
        },
    )
    commit_all(repo, "git")

    files, _ = discover(RepodocConfig(root=repo / "proj"))

    assert [f.path for f in files] == ["a.py", "sub/b.py"]
    assert files[1].abspath == (repo / "proj" / "sub" / "b.py").resolve()


@needs_git
def test_git_untracked_nested_repository_is_not_a_file(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", "git")
    write(root, {"a.py": "", "nested/n.py": ""})
    git(root / "nested", "init", "-q")

    files, diagnostics = discover(RepodocConfig(root=root))

    # git reports the nested repository as "nested/": a folder, not a file to document.
    assert [f.path for f in files] == ["a.py"]
    assert diagnostics == []


@needs_git
def test_without_git_executable_falls_back_to_walking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo", "git")
    write(root, {".gitignore": "*.log\n", "a.py": "", "x.log": "", "secret.txt": ""})
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("secret.txt\n")
    assert listed(root) == [".gitignore", "a.py"]

    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    # The walk honours .gitignore but cannot know .git/info/exclude: secret.txt shows up.
    assert listed(root) == [".gitignore", "a.py", "secret.txt"]


def test_failing_git_ls_files_falls_back_to_walking_with_a_diagnostic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "tree"
    write(root, {".gitignore": "*.log\n", "a.py": "", "x.log": ""})
    fake_bin = tmp_path / "bin"
    write(
        fake_bin,
        {
            "git": '#!/bin/sh\ncase "$*" in\n'
            f'  *rev-parse*) echo "{root}" ;;\n'
            '  *) echo "fatal: index file corrupt" >&2; exit 128 ;;\n'
            "esac\n"
        },
    )
    (fake_bin / "git").chmod(0o755)
    monkeypatch.setenv("PATH", str(fake_bin))

    files, diagnostics = discover(RepodocConfig(root=root))

    assert [f.path for f in files] == [".gitignore", "a.py"]
    assert [d.subtype for d in diagnostics] == ["scan"]
    assert "index file corrupt" in diagnostics[0].message


# ---------------------------------------------------------------------------- walking


def test_walk_honours_nested_gitignore_relative_to_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(
        root,
        {
            ".gitignore": "*.log\n/build/\n",
            "a.py": "",
            "x.log": "",
            "build/b.py": "",
            "local.txt": "",
            "sub/.gitignore": "local.txt\n!keep.log\n/only_here.py\n",
            "sub/build/c.py": "",
            "sub/local.txt": "",
            "sub/keep.log": "",
            "sub/other.log": "",
            "sub/only_here.py": "",
            "sub/deeper/only_here.py": "",
            "sub/deeper/local.txt": "",
        },
    )

    assert listed(root) == [
        ".gitignore",
        "a.py",
        "local.txt",  # sub/.gitignore does not reach the root
        "sub/.gitignore",
        "sub/build/c.py",  # /build/ is anchored at the root
        "sub/deeper/only_here.py",  # /only_here.py is anchored at sub/
        "sub/keep.log",  # re-included by the deeper .gitignore
    ]


def test_walk_ignored_folder_is_not_entered(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(root, {".gitignore": "gen/\n", "gen/.gitignore": "!*\n", "gen/x.py": "", "y.py": ""})
    assert listed(root) == [".gitignore", "y.py"]


# ---------------------------------------------------------------------------- selection rules


@pytest.mark.parametrize("mode", MODES)
def test_default_excludes_and_dot_folders(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    write(
        root,
        {
            "pkg/__init__.py": "",
            "pkg/__pycache__/mod.cpython-311.pyc": b"\0",
            "pkg/__pycache__/stray.py": "",
            "stale.pyc": b"\0",
            ".venv/lib/site.py": "",
            "node_modules/left-pad/index.js": "",
            "pkg.egg-info/PKG-INFO": "",
            ".tox/py/x.py": "",
            ".github/workflows/ci.yml": "on: push\n",
            ".pre-commit-config.yaml": "repos: []\n",
            ".hg/store/data": "",
            "sub/.svn/entries": "",
        },
    )
    commit_all(root, mode)

    paths = listed(root)

    assert paths == [
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
        "pkg/__init__.py",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_exclude_replaces_defaults_but_vcs_stays_excluded(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    write(
        root,
        {
            "a.py": "",
            "docs/index.md": "",
            "node_modules/x.js": "",
            "__pycache__/m.py": "",
            ".hg/hgrc": "",
            "CVS/Root": "",
        },
    )
    commit_all(root, mode)

    assert listed(root, exclude=("docs/",)) == ["__pycache__/m.py", "a.py", "node_modules/x.js"]
    assert listed(root, exclude=()) == [
        "__pycache__/m.py",
        "a.py",
        "docs/index.md",
        "node_modules/x.js",
    ]
    if mode == "git":
        assert not any(p.startswith(".git") for p in listed(root, exclude=()))


@pytest.mark.parametrize("mode", MODES)
def test_include_patterns_keep_only_matching_files(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    write(
        root,
        {
            "a.py": "",
            "b.txt": "",
            "docs/guide.md": "",
            "docs/img/logo.png": b"\x89PNG\0",
            "src/pkg/c.py": "",
            "src/pkg/data.json": "{}",
            "node_modules/d.py": "",
        },
    )
    commit_all(root, mode)

    paths = listed(root, include=("*.py", "docs/"))

    # node_modules/d.py matches *.py but stays excluded by the default exclude list.
    assert paths == ["a.py", "docs/guide.md", "docs/img/logo.png", "src/pkg/c.py"]


@pytest.mark.parametrize("mode", MODES)
def test_skip_dirs_and_stub_marker_folders_are_never_scanned(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    write(
        root,
        {
            "a.py": "",
            "docs/conf.py": "",
            "docs/_build/html/index.html": "<html/>",
            "docs/_build/doctrees/x.txt": "",
            "docs/api/repodoc/files/a.py.rst": "",
            "gen/" + STUB_MARKER: "",
            "gen/files/a.rst": "",
            "gen/deep/b.rst": "",
        },
    )
    commit_all(root, mode)
    # The skip dir is given through another name for the same folder: compared resolved.
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)

    paths = listed(
        alias,
        skip_dirs=(alias / "docs" / "_build", root / "docs" / "api" / "repodoc"),
        exclude=(),
    )

    assert paths == ["a.py", "docs/conf.py"]


@pytest.mark.parametrize("mode", MODES)
def test_output_is_sorted_with_sizes_and_absolute_paths(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    names = ["b/z.py", "a.py", "B.md", "a/b.py", "a-b.py", "a/a/a.py", "c.txt"]
    write(root, {name: "x" * i for i, name in enumerate(names)})
    commit_all(root, mode)

    files, _ = discover(RepodocConfig(root=root))

    assert [f.path for f in files] == sorted(names)
    by_path = {f.path: f for f in files}
    for i, name in enumerate(names):
        entry = by_path[name]
        assert isinstance(entry, DiscoveredFile)
        assert entry.size == i
        assert entry.abspath == root.resolve() / name
        assert entry.abspath.read_text() == "x" * i


def test_large_files_are_listed_with_their_size(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(root, {"big.py": "#" * 5000, "blob": b"\0" * 5000})

    files, _ = discover(RepodocConfig(root=root, max_file_bytes=100))

    assert [(f.path, f.size, f.language) for f in files] == [
        ("big.py", 5000, Language.PYTHON),
        ("blob", 5000, Language.BINARY),
    ]


def test_discover_sniffs_files_without_a_known_extension(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(
        root,
        {
            "bin/tool": "#!/usr/bin/env python3\nprint(1)\n",
            "bin/run": "#!/bin/bash\necho hi\n",
            "data.weird": b"ab\0cd",
            "notes.weird": "just words\n",
            "empty": "",
            "LICENSE": "MIT\n",
        },
    )

    files, _ = discover(RepodocConfig(root=root))

    assert {f.path: f.language for f in files} == {
        "LICENSE": Language.TEXT,
        "bin/run": Language.SHELL,
        "bin/tool": Language.PYTHON,
        "data.weird": Language.BINARY,
        "empty": Language.OTHER,
        "notes.weird": Language.OTHER,
    }


def test_discover_opens_only_files_whose_name_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "tree"
    write(root, {"a.py": "x", "b.md": "x", "c.png": "x", "Makefile": "x", "tool": "#!/bin/sh\n"})
    spy = OpenSpy(monkeypatch)

    files, _ = discover(RepodocConfig(root=root))

    assert len(files) == 5
    assert [Path(p).name for p in spy.opened] == ["tool"]


def test_non_utf8_file_names_are_skipped_with_a_diagnostic(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(root, {"a.py": ""})
    try:
        (root / os.fsdecode(b"bad\xff.py")).write_text("")
    except (OSError, UnicodeError):
        pytest.skip("this file system only stores UTF-8 names")

    files, diagnostics = discover(RepodocConfig(root=root))

    assert [f.path for f in files] == ["a.py"]
    assert [(d.subtype, d.path) for d in diagnostics] == [("scan", "bad\\xff.py")]


def test_root_that_is_not_a_folder(tmp_path: Path) -> None:
    files, diagnostics = discover(RepodocConfig(root=tmp_path / "missing"))
    assert files == []
    assert [d.subtype for d in diagnostics] == ["scan"]


# ---------------------------------------------------------------------------- symlinks


class OpenSpy:
    """Records every file opened through open()/Path.open() while installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[str] = []
        real_open = builtins.open

        def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(file, str | bytes | os.PathLike):
                self.opened.append(os.path.realpath(os.fsdecode(file)))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", spy)
        monkeypatch.setattr(io, "open", spy)


@pytest.mark.parametrize("mode", MODES)
def test_symlinks_leaving_the_root_are_skipped_and_never_read(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    write(outside, {"canary": "CANARY-SECRET\n", "dir/inner.py": "CANARY = 1\n"})
    root = make_repo(tmp_path / "repo", mode)
    write(root, {"real.py": "x = 1\n", "pkg/mod.py": ""})
    (root / "leak").symlink_to(outside / "canary")
    (root / "leakdir").symlink_to(outside / "dir", target_is_directory=True)
    (root / "inner.py").symlink_to("real.py")  # inside the root: kept
    (root / "pkgalias").symlink_to("pkg", target_is_directory=True)  # folder: not followed
    (root / "dangling.py").symlink_to("nowhere.py")
    commit_all(root, mode)
    spy = OpenSpy(monkeypatch)

    files, diagnostics = discover(RepodocConfig(root=root))
    texts = [read_text(f.abspath, f.path, f.language)[0] for f in files]
    leak_text, leak_diags = read_text(root.resolve() / "leak", "leak", Language.TEXT)

    assert [f.path for f in files] == ["inner.py", "pkg/mod.py", "real.py"]
    assert next(f for f in files if f.path == "inner.py").size == len("x = 1\n")
    assert [(d.subtype, d.path) for d in diagnostics] == [
        ("symlink", "dangling.py"),
        ("symlink", "leak"),
        ("symlink", "leakdir"),
    ]
    assert "outside" in diagnostics[1].message
    assert leak_text is None
    assert [d.subtype for d in leak_diags] == ["unreadable"]
    assert not any("CANARY" in (t or "") for t in texts)
    assert not any(p.startswith(str(outside.resolve())) for p in spy.opened)
    assert spy.opened  # the spy did see the files that were read


@pytest.mark.parametrize("mode", MODES)
def test_symlink_loops_do_not_hang(tmp_path: Path, mode: str) -> None:
    root = make_repo(tmp_path / "repo", mode)
    write(root, {"a.py": "", "sub/b.py": ""})
    (root / "loop1").symlink_to("loop2")
    (root / "loop2").symlink_to("loop1")
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "self").symlink_to(".", target_is_directory=True)
    commit_all(root, mode)
    result: list[tuple[list[DiscoveredFile], list]] = []

    worker = threading.Thread(target=lambda: result.append(discover(RepodocConfig(root=root))))
    worker.start()
    worker.join(timeout=20)

    assert not worker.is_alive(), "discover() hangs on a symlink loop"
    files, diagnostics = result[0]
    assert [f.path for f in files] == ["a.py", "sub/b.py"]
    assert [(d.subtype, d.path) for d in diagnostics] == [
        ("symlink", "loop1"),
        ("symlink", "loop2"),
    ]
    assert all("loop" in d.message for d in diagnostics)


def test_symlink_into_vcs_metadata_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write(root, {".hg/hgrc": "[paths]\n", "a.py": ""})
    (root / "hgrc").symlink_to(".hg/hgrc")

    files, diagnostics = discover(RepodocConfig(root=root))

    assert [f.path for f in files] == ["a.py"]
    assert [(d.subtype, d.path) for d in diagnostics] == [("symlink", "hgrc")]


def test_ignored_symlink_is_not_reported(tmp_path: Path) -> None:
    write(tmp_path / "outside", {"x.py": ""})
    root = tmp_path / "tree"
    write(root, {".gitignore": "/leak.py\n", "a.py": ""})
    (root / "leak.py").symlink_to(tmp_path / "outside" / "x.py")
    real = root.resolve()
    assert discover(RepodocConfig(root=root)) == (
        [
            DiscoveredFile(".gitignore", real / ".gitignore", 9, Language.TEXT),
            DiscoveredFile("a.py", real / "a.py", 0, Language.PYTHON),
        ],
        [],
    )


def test_gitignore_symlinked_outside_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "outside", {"ignore": "*.py\n"})
    root = tmp_path / "tree"
    write(root, {"a.py": ""})
    (root / ".gitignore").symlink_to(tmp_path / "outside" / "ignore")

    files, diagnostics = discover(RepodocConfig(root=root))

    assert [f.path for f in files] == ["a.py"]
    assert [(d.subtype, d.path) for d in diagnostics] == [("symlink", ".gitignore")]


# ---------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    ("path", "head", "expected"),
    [
        ("pkg/mod.py", b"", Language.PYTHON),
        ("stubs/mod.pyi", b"", Language.PYTHON),
        ("gui.PYW", b"", Language.PYTHON),
        ("README.md", b"", Language.MARKDOWN),
        ("doc.markdown", b"", Language.MARKDOWN),
        ("index.rst", b"", Language.RST),
        ("index.rest", b"", Language.RST),
        ("a.c", b"", Language.C),
        ("a.h", b"", Language.CPP),
        ("a.hpp", b"", Language.CPP),
        ("a.cc", b"", Language.CPP),
        ("a.cxx", b"", Language.CPP),
        ("a.c++", b"", Language.CPP),
        ("a.ipp", b"", Language.CPP),
        ("a.tpp", b"", Language.CPP),
        ("A.CPP", b"", Language.CPP),
        ("k.cu", b"", Language.CUDA),
        ("k.cuh", b"", Language.CUDA),
        ("v.mm", b"", Language.OBJCPP),
        ("s.metal", b"", Language.METAL),
        ("a.js", b"", Language.JAVASCRIPT),
        ("a.mjs", b"", Language.JAVASCRIPT),
        ("a.cjs", b"", Language.JAVASCRIPT),
        ("a.jsx", b"", Language.JAVASCRIPT),
        ("a.ts", b"", Language.TYPESCRIPT),
        ("a.tsx", b"", Language.TYPESCRIPT),
        ("a.mts", b"", Language.TYPESCRIPT),
        ("lib.rs", b"", Language.RUST),
        ("main.go", b"", Language.GO),
        ("Main.java", b"", Language.JAVA),
        ("x.sh", b"", Language.SHELL),
        ("x.bash", b"", Language.SHELL),
        ("x.zsh", b"", Language.SHELL),
        ("CMakeLists.txt", b"", Language.CMAKE),
        ("sub/CMakeLists.txt", b"", Language.CMAKE),
        ("cmake/Find.cmake", b"", Language.CMAKE),
        ("Makefile", b"", Language.MAKE),
        ("GNUmakefile", b"", Language.MAKE),
        ("rules.mk", b"", Language.MAKE),
        ("Dockerfile", b"", Language.DOCKERFILE),
        ("Dockerfile.cuda", b"", Language.DOCKERFILE),
        ("ci/base.dockerfile", b"", Language.DOCKERFILE),
        ("a.yml", b"", Language.YAML),
        ("a.yaml", b"", Language.YAML),
        ("pyproject.toml", b"", Language.TOML),
        ("package.json", b"", Language.JSON),
        ("a.ini", b"", Language.INI),
        ("setup.cfg", b"", Language.INI),
        ("tox.ini", b"", Language.INI),
        (".editorconfig", b"", Language.INI),
        ("a.html", b"", Language.HTML),
        ("a.htm", b"", Language.HTML),
        ("a.css", b"", Language.CSS),
        ("requirements.txt", b"", Language.TEXT),
        ("LICENSE", b"", Language.TEXT),
        ("README", b"", Language.TEXT),
        ("AUTHORS", b"", Language.TEXT),
        (".gitignore", b"", Language.TEXT),
        ("sub/.dockerignore", b"", Language.TEXT),
        ("logo.png", b"", Language.BINARY),
        # the content decides only when the name does not
        ("scripts/tool", b"#!/usr/bin/env python3\nimport sys\n", Language.PYTHON),
        ("scripts/tool", b"#!/usr/bin/python3.11 -u\n", Language.PYTHON),
        ("scripts/run", b"#!/bin/bash\nset -e\n", Language.SHELL),
        ("scripts/run", b"#!/bin/sh\r\n", Language.SHELL),
        ("scripts/run", b"#!/usr/bin/env -S bash -e\n", Language.SHELL),
        ("scripts/run", b"#!/usr/bin/env -u HOME node\n", Language.JAVASCRIPT),
        ("scripts/run", b"#!/usr/bin/perl\n", Language.OTHER),
        ("scripts/run", b"#!\n", Language.OTHER),
        ("scripts/run", b"echo no shebang\n", Language.OTHER),
        ("blob", b"\x7fELF\x02\x01\x01\x00\x00", Language.BINARY),
        ("blob", b"#!/bin/sh\n\0", Language.BINARY),
        ("x.py", b"\0\0\0", Language.PYTHON),  # the extension wins over content
        ("x.sh", b"#!/usr/bin/env python\n", Language.SHELL),
        ("no_ext", b"", Language.OTHER),
        ("archive.weird", b"", Language.OTHER),
    ],
)
def test_language_for(path: str, head: bytes, expected: Language) -> None:
    assert language_for(path, head) is expected


def test_is_binary_looks_at_the_first_8_kib_only() -> None:
    assert is_binary(b"a\0b")
    assert not is_binary(b"plain text\n\xff\xfe")
    assert not is_binary(b"x" * 8192 + b"\0")
    assert is_binary(b"x" * 8191 + b"\0")


@pytest.mark.parametrize("language", list(Language))
def test_lexer_for_every_language_is_known_to_pygments(language: Language) -> None:
    alias = lexer_for("some/file.name", language)
    get_lexer_by_name(alias)


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("a.py", Language.PYTHON, "python"),
        ("a.md", Language.MARKDOWN, "markdown"),
        ("a.rst", Language.RST, "rst"),
        ("a.h", Language.CPP, "cpp"),
        ("a.cu", Language.CUDA, "cuda"),
        ("a.yaml", Language.YAML, "yaml"),
        ("CMakeLists.txt", Language.CMAKE, "cmake"),
        ("LICENSE", Language.TEXT, "text"),
        ("logo.png", Language.BINARY, "text"),
        ("style.scss", Language.OTHER, "scss"),
        ("schema.proto", Language.OTHER, "protobuf"),
        ("mystery.zzzz", Language.OTHER, "text"),
    ],
)
def test_lexer_for_examples(path: str, language: Language, expected: str) -> None:
    alias = lexer_for(path, language)
    assert alias == expected
    get_lexer_by_name(alias)


def test_lexer_for_discovered_tree_is_always_usable(tmp_path: Path) -> None:
    names = ["a.jsx", "a.tsx", "a.zsh", "a.mm", "a.metal", "Dockerfile", "Makefile", "x.bat"]
    root = tmp_path / "tree"
    write(root, dict.fromkeys(names, ""))
    files, _ = discover(RepodocConfig(root=root))
    assert len(files) == len(names)
    for f in files:
        get_lexer_by_name(lexer_for(f.path, f.language))


# ---------------------------------------------------------------------------- read_text


def read(tmp_path: Path, name: str, data: bytes, language: Language) -> tuple[str | None, list]:
    (tmp_path / name).write_bytes(data)
    return read_text(tmp_path / name, name, language)


def test_read_text_strips_a_utf8_bom(tmp_path: Path) -> None:
    text, diags = read(tmp_path, "a.md", b"\xef\xbb\xbf# Title\n", Language.MARKDOWN)
    assert (text, diags) == ("# Title\n", [])
    text, diags = read(tmp_path, "a.py", b"\xef\xbb\xbfx = '\xc3\xa9'\n", Language.PYTHON)
    assert (text, diags) == ("x = 'é'\n", [])


def test_read_text_normalises_crlf_and_lone_cr(tmp_path: Path) -> None:
    text, diags = read(tmp_path, "a.txt", b"one\r\ntwo\rthree\n\r\nfour", Language.TEXT)
    assert text == "one\ntwo\nthree\n\nfour"
    assert diags == []


def test_read_text_honours_a_python_coding_cookie(tmp_path: Path) -> None:
    data = b"#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\n"
    text, diags = read(tmp_path, "legacy.py", data, Language.PYTHON)
    assert diags == []
    assert text is not None
    assert text.splitlines()[2] == "name = 'été'"
    # The cookie means nothing outside Python: the same bytes are invalid UTF-8 there.
    text, diags = read(tmp_path, "legacy.txt", data, Language.TEXT)
    assert [(d.subtype, d.line) for d in diags] == [("encoding", 3)]


def test_read_text_with_an_unknown_coding_cookie(tmp_path: Path) -> None:
    data = b"# coding: no-such-codec\nx = 1\n"
    text, diags = read(tmp_path, "odd.py", data, Language.PYTHON)
    assert text == "# coding: no-such-codec\nx = 1\n"
    assert [(d.subtype, d.path, d.line) for d in diags] == [("encoding", "odd.py", 1)]


def test_read_text_invalid_utf8_is_replaced_with_a_diagnostic_naming_the_line(
    tmp_path: Path,
) -> None:
    data = b"line one\r\nline two\rline \xff three\nline \xfe four\n"
    text, diags = read(tmp_path, "bad.md", data, Language.MARKDOWN)
    assert text == "line one\nline two\nline \ufffd three\nline \ufffd four\n"
    assert len(diags) == 1  # one diagnostic per file, at the first bad byte
    (diag,) = diags
    assert diag.subtype == "encoding"
    assert diag.path == "bad.md"
    assert diag.line == 3
    assert diag.location == "bad.md:3"
    assert "UTF-8" in diag.message
    offset = data.index(b"\xff")
    assert f"byte 0xff at offset {offset}" in diag.message


def test_read_text_binary_content_and_binary_language(tmp_path: Path) -> None:
    assert read(tmp_path, "x.txt", b"text\0more", Language.TEXT) == (None, [])
    (tmp_path / "img.png").write_text("not read at all")
    assert read_text(tmp_path / "img.png", "img.png", Language.BINARY) == (None, [])


def test_read_text_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "adir.py").mkdir()
    text, diags = read_text(tmp_path / "adir.py", "adir.py", Language.PYTHON)
    assert text is None
    assert [(d.subtype, d.path) for d in diags] == [("unreadable", "adir.py")]
    text, diags = read_text(tmp_path / "gone.py", "gone.py", Language.PYTHON)
    assert text is None
    assert [(d.subtype, d.path) for d in diags] == [("unreadable", "gone.py")]


def test_read_text_refuses_a_path_that_does_not_match_abspath(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    text, diags = read_text(tmp_path / "a.py", "other/a.py", Language.PYTHON)
    assert text is None
    assert [d.subtype for d in diags] == ["unreadable"]
