"""A PyTorch-shaped tree (Python, C++, CUDA, gtest, TypeScript, CMake, shell, CI YAML) built
by Sphinx: the model, the pages, includes both ways, test cases, roles and ``objects.inv``."""

from __future__ import annotations

import pytest
from buildutil import (
    Site,
    build,
    copy_root,
    dangling_links,
    html_pages,
    link_targets,
    links,
    read_inventory,
    warnings_of,
)

from sphinxcontrib_repodoc.model import Kind, Language, Origin

pytest.importorskip("tree_sitter_cpp")
pytest.importorskip("tree_sitter_cuda")
pytest.importorskip("tree_sitter_typescript")
pytest.importorskip("tree_sitter_bash")

FILES = "repodoc/files"
RELATED = "repodoc/related"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("polyglot", tmp_path_factory.mktemp("polyglot")))


@pytest.fixture(scope="module")
def repo(app):
    return app.env.get_domain("repo").state.repo


@pytest.fixture(scope="module")
def site(app) -> Site:
    return Site(app.outdir)


def _walk(source):
    return {(s.kind, s.qualname) for s in source.all_symbols()}


def test_builds_without_warnings(app):
    assert warnings_of(app) == []


def test_languages_and_summaries(repo):
    lang = {f.path: f.language for f in repo.files}
    assert lang["csrc/cuda/add.cu"] is Language.CUDA
    assert lang["csrc/cuda/add.cuh"] is Language.CUDA
    assert lang["csrc/core/tensor.h"] is Language.CPP
    assert lang["CMakeLists.txt"] is Language.CMAKE
    assert lang[".github/workflows/ci.yml"] is Language.YAML
    assert lang["scripts/build.sh"] is Language.SHELL
    summary = {f.path: f.summary for f in repo.files}
    # the license header is skipped, the comment after #pragma once is the summary
    assert summary["csrc/core/tensor.h"] == "Dense tensors of the C++ core."
    assert summary["CMakeLists.txt"] == "Builds the mini core, its CUDA kernels and the C++ tests."
    assert summary[".github/workflows/ci.yml"] == "CI"
    assert summary["scripts/build.sh"] == "Configure and build the C++ core."


def test_cpp_symbols(repo):
    header = repo.file("csrc/core/tensor.h")
    assert {
        (Kind.MACRO, "MINI_CHECK"),
        (Kind.NAMESPACE, "mini::core"),
        (Kind.CLASS, "mini::core::Tensor"),
        (Kind.METHOD, "mini::core::Tensor::numel"),
        (Kind.TYPE, "mini::core::TensorList"),
        (Kind.FUNCTION, "mini::core::zeros"),
    } <= _walk(header)
    source = repo.file("csrc/core/tensor.cpp")
    assert (Kind.METHOD, "mini::core::Tensor::numel") in _walk(source)
    kernels = {s.name: s for s in repo.file("csrc/cuda/add.cu").all_symbols()}
    assert kernels["add_kernel"].labels == ("cuda-kernel",)
    assert kernels["add_one"].labels == ("device",)
    assert not any(s.kind is Kind.NAMESPACE for s in repo.file("test/cpp/test_tensor.cpp").symbols)


def test_gtest_cases(repo):
    tests = [s for s in repo.file("test/cpp/test_tensor.cpp").all_symbols() if s.is_test]
    assert [s.qualname for s in tests] == [
        "TensorTest.Numel",
        "TensorTest.Zeros",
        "Fixture.Resize",
        "Fixture.Param",
    ]


def test_includes_resolved_both_ways(repo):
    cpp = {i.module: (i.target, i.origin) for i in repo.file("csrc/core/tensor.cpp").imports}
    assert cpp['"tensor.h"'] == ("csrc/core/tensor.h", Origin.LOCAL)
    assert cpp["<numeric>"] == (None, Origin.STDLIB)
    cuh = {i.module: (i.target, i.origin) for i in repo.file("csrc/cuda/add.cuh").imports}
    assert cuh["<core/tensor.h>"] == ("csrc/core/tensor.h", Origin.LOCAL)  # include dir
    cu = {i.module: (i.target, i.origin) for i in repo.file("csrc/cuda/add.cu").imports}
    assert cu["<cuda_runtime.h>"] == (None, Origin.THIRD_PARTY)
    assert repo.file("csrc/core/tensor.h").imported_by == (
        "csrc/core/tensor.cpp",
        "csrc/cuda/add.cuh",
        "test/cpp/test_tensor.cpp",
    )
    assert repo.file("web/src/format.ts").imported_by == ("web/src/app.ts",)
    assert repo.file("scripts/common.sh").imported_by == ("scripts/build.sh",)


def test_outline_and_included_by_pages(site):
    header = f"{FILES}/csrc/core/tensor.h"
    outline = site.section(header, "outline")
    assert outline is not None
    ids = site.tree(header).ids()
    for anchor in ("mini::core", "mini::core::Tensor", "mini::core::Tensor::numel", "MINI_CHECK"):
        assert anchor in ids
    importers = site.section(f"{RELATED}/csrc/core/tensor.h", "importers")
    assert importers is not None
    targets = link_targets(importers, f"{RELATED}/csrc/core/tensor.h")
    assert f"{FILES}/csrc/cuda/add.cuh.html" in targets
    assert f"{FILES}/test/cpp/test_tensor.cpp.html" in targets
    assert "includes this file" in importers.text
    assert "sources this file" in site.section(f"{RELATED}/scripts/common.sh", "importers").text
    kernel_page = f"{FILES}/csrc/cuda/add.cu"
    assert "cuda-kernel" in site.section(kernel_page, "outline").text
    assert dangling_links(site.outdir, html_pages(site.outdir, "repodoc/files/csrc")) == []


def test_roles_resolve(site):
    found = dict(links(site.tree("index"), "index"))  # link text: the name as written
    header = f"{FILES}/csrc/core/tensor.h.html"
    assert found["csrc/core/tensor.h::mini::core"] == f"{header}#mini::core"
    assert found["mini::core::Tensor"] == f"{header}#mini::core::Tensor"
    # declared in the header, defined in the source: one entity, the header answers
    assert found["Tensor::numel"] == f"{header}#mini::core::Tensor::numel"
    assert found["csrc/core/tensor.h::MINI_CHECK"] == f"{header}#MINI_CHECK"
    assert found["mini::core::Shape"] == f"{FILES}/csrc/core/shape.h.html#mini::core::Shape"
    assert found["csrc/cuda/add.cu::mini::cuda::add_kernel"] == (
        f"{FILES}/csrc/cuda/add.cu.html#mini::cuda::add_kernel"
    )
    test_page = f"{FILES}/test/cpp/test_tensor.cpp.html"
    assert found["test/cpp/test_tensor.cpp::TensorTest.Numel"] == f"{test_page}#TensorTest.Numel"
    assert found["Fixture.Resize"] == f"{test_page}#Fixture.Resize"
    assert found["web/src/app.ts::App"] == f"{FILES}/web/src/app.ts.html#App"
    assert found["CMakeLists.txt"] == f"{FILES}/CMakeLists.txt.html"
    assert found["mini::cuda"] == f"{FILES}/csrc/cuda/add.cu.html#mini::cuda"  # no ambiguity


def test_objects_inv(app):
    inventory = {(e.name, e.role) for e in read_inventory(app.outdir / "objects.inv")}
    assert ("csrc/core/tensor.h::mini::core", "repo:namespace") in inventory
    assert ("csrc/core/tensor.h::mini::core::Tensor", "repo:class") in inventory
    assert ("csrc/core/tensor.h::MINI_CHECK", "repo:macro") in inventory
    assert ("csrc/core/shape.h::mini::core::Shape", "repo:type") in inventory
    assert ("test/cpp/test_tensor.cpp::TensorTest.Numel", "repo:test") in inventory
    assert ("test/cpp/test_tensor.cpp::TensorTest.Numel", "repo:function") in inventory
    assert ("csrc/cuda/add.cu::mini::cuda::add_kernel", "repo:function") in inventory
    assert ("CMakeLists.txt::mini_core", "repo:data") in inventory


def test_missing_grammar_warns_once_per_language(tmp_path, monkeypatch):
    from buildutil import repodoc_warnings

    from sphinxcontrib_repodoc.extractors import treesitter

    real = treesitter._import_grammar

    def no_cpp(module: str):
        if module in ("tree_sitter_cpp", "tree_sitter_cuda"):
            raise ModuleNotFoundError(module)
        return real(module)

    treesitter.reset_cache()
    monkeypatch.setattr(treesitter, "_import_grammar", no_cpp)
    try:
        app = build(copy_root("polyglot", tmp_path))
    finally:
        treesitter.reset_cache()
    found = repodoc_warnings(app, "grammar")
    # C++ (.h, .cpp: 3 files) and CUDA (.cu, .cuh): one warning each
    assert len(found) == 2, found
    assert all("pip install sphinxcontrib-repodoc[cpp]" in w for w in found)
    repo = app.env.get_domain("repo").state.repo
    header = repo.file("csrc/core/tensor.h")
    assert header.symbols == () and header.summary == "Dense tensors of the C++ core."
    assert Site(app.outdir).section(f"{FILES}/csrc/core/tensor.h", "source") is not None


def test_declaration_and_definition_link_to_each_other(repo, site):
    decl = next(
        s
        for s in repo.file("csrc/core/tensor.h").all_symbols()
        if s.qualname == "mini::core::Tensor::numel"
    )
    assert "declaration" in decl.labels
    assert decl.counterparts == ("csrc/core/tensor.cpp",)
    definition = next(
        s
        for s in repo.file("csrc/core/tensor.cpp").all_symbols()
        if s.qualname == "mini::core::Tensor::numel"
    )
    assert definition.counterparts == ("csrc/core/tensor.h",)
    kernel = next(s for s in repo.file("csrc/cuda/add.cuh").all_symbols() if s.name == "add_one")
    assert kernel.counterparts == ("csrc/cuda/add.cu",)
    page = f"{FILES}/csrc/core/tensor.h"
    assert f"{FILES}/csrc/core/tensor.cpp.html#mini::core::Tensor::numel" in link_targets(
        site.section(page, "outline"), page
    )
    assert "defined in" in site.section(page, "outline").text
    source = f"{FILES}/csrc/core/tensor.cpp"
    assert "declared in" in site.section(source, "outline").text


def test_cli_output_of_the_tree_matches_the_schema():
    import json
    import subprocess
    import sys
    from pathlib import Path

    import jsonschema
    from buildutil import ROOTS

    schema = json.loads(
        (
            Path(__file__).parent.parent / "sphinxcontrib_repodoc/schema/repository.schema.json"
        ).read_text()
    )
    out = subprocess.run(
        [
            *(sys.executable, "-m", "sphinxcontrib_repodoc", "scan"),
            *(str(ROOTS / "test-polyglot/src"), "--cpp-include-dirs", "csrc", "--json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)

    # symbols (with counterparts) and imports; test_cli.py checks the whole document
    def part(name: str) -> jsonschema.Draft202012Validator:
        sub = {k: v for k, v in schema.items() if k in ("$schema", "$id", "$defs")}
        return jsonschema.Draft202012Validator({**sub, "$ref": f"#/$defs/{name}"})

    symbols, imports = part("symbol"), part("import")
    for f in data["files"]:
        for sym in f["symbols"]:
            symbols.validate(sym)
        for imp in f["imports"]:
            imports.validate(imp)
    kinds = {s["kind"] for f in data["files"] for s in f["symbols"]}
    assert {"namespace", "macro", "class", "function", "data"} <= kinds


def test_editing_a_source_rereads_its_header_page(tmp_path, make_app):
    srcdir = copy_root("polyglot", tmp_path / "project")

    def run() -> tuple[object, set[str]]:
        app = make_app("html", srcdir=srcdir)
        read: list[str] = []
        app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
        try:
            app.build()
        finally:
            app.cleanup()
        return app, set(read)

    run()
    source = srcdir / "src/csrc/core/tensor.cpp"
    text = source.read_text(encoding="utf-8")
    start = text.index("int64_t Tensor::numel")
    end = text.index("void Tensor::resize")
    source.write_text(text[:start] + text[end:], encoding="utf-8")
    app, read = run()
    assert f"{FILES}/csrc/core/tensor.cpp" in read
    assert f"{FILES}/csrc/core/tensor.h" in read  # its outline said "defined in tensor.cpp"
    repo = app.env.get_domain("repo").state.repo
    numel = next(
        s
        for s in repo.file("csrc/core/tensor.h").all_symbols()
        if s.qualname == "mini::core::Tensor::numel"
    )
    assert numel.counterparts == ()
    assert warnings_of(app) == []


def test_listing_links_includes_and_names_from_included_headers(app):
    import re

    html = (app.outdir / "repodoc/files/csrc/core/tensor.cpp.html").read_text()

    def line(n: int) -> str:
        start = html.index(f'<span class="repodoc-code-line" id="L-{n}">')
        return html[start : html.index(f'<span class="repodoc-code-line" id="L-{n + 1}">', start)]

    def hrefs(n: int) -> list[str]:
        return re.findall(r'class="repodoc-xref" href="([^"]*)"', line(n))

    assert hrefs(2) == ["tensor.h.html"]  # #include "tensor.h"
    assert hrefs(4) == []  # <numeric>: the standard library
    # 18: Tensor zeros(const Shape& shape) {   the class comes from the included header
    assert hrefs(18)[0] == "tensor.h.html#L-19"
    assert "#outline-mini::core::zeros" in hrefs(18)  # the definition links to its outline
