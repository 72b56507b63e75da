"""C, C++, CUDA, Objective-C++ and Metal through tree-sitter: scopes, kernels, gtest, macros."""

from __future__ import annotations

from textwrap import dedent

import pytest

from sphinxcontrib_repodoc.extractors import extractor_for, treesitter
from sphinxcontrib_repodoc.extractors.comments import leading_comment
from sphinxcontrib_repodoc.model import FileFacts, Kind, Language, Symbol

pytest.importorskip("tree_sitter_cpp")


def facts(text: str, language: Language = Language.CPP, path: str = "src/a.cpp") -> FileFacts:
    extractor = extractor_for(language)
    assert extractor is not None
    return extractor.extract(path, dedent(text))


def flat(f: FileFacts) -> dict[str, Symbol]:
    """qualname → first symbol of that name."""
    out: dict[str, Symbol] = {}
    for sym in f.symbols:
        for s in sym.walk():
            out.setdefault(s.qualname, s)
    return out


def kinds(f: FileFacts) -> list[tuple[str, str]]:
    return [(s.kind.value, s.qualname) for sym in f.symbols for s in sym.walk()]


def test_gtest_cases_are_test_functions_named_suite_dot_name() -> None:
    f = facts(
        """
        #include <gtest/gtest.h>
        #include <ATen/core/Vitals.h>
        using namespace at::vitals;

        TEST(Vitals, Basic) { EXPECT_TRUE(true); }
        TEST(Vitals, MultiString) {}
        TEST_F(VitalsFixture, OnAndOff) {}
        TYPED_TEST(Typed, Works) {}
        """,
        path="aten/src/ATen/test/vitals.cpp",
    )
    tests = [s for s in f.symbols if s.is_test]
    assert [s.qualname for s in tests] == [
        "Vitals.Basic",
        "Vitals.MultiString",
        "VitalsFixture.OnAndOff",
        "Typed.Works",
    ]
    assert all(s.kind is Kind.FUNCTION for s in tests)
    assert tests[2].labels == ("TEST_F",)
    assert tests[0].name == "Basic" and tests[0].line == 6
    # `using namespace` is not a namespace definition
    assert not any(s.kind is Kind.NAMESPACE for s in f.symbols)
    assert [i.module for i in f.imports] == ["<gtest/gtest.h>", "<ATen/core/Vitals.h>"]


def test_gtest_inside_a_namespace_keeps_its_test_name() -> None:
    f = facts("namespace at { namespace {\nTEST(Suite, Name) {}\n} }\n")
    assert flat(f)["Suite.Name"].is_test
    assert kinds(f) == [("namespace", "at"), ("function", "Suite.Name")]


def test_namespaces_nested_and_qualified() -> None:
    f = facts(
        """
        namespace a {
        namespace b {
        struct S {};
        }
        }
        namespace c::d { void f(); }
        namespace { int hidden() { return 0; } }
        """
    )
    assert kinds(f) == [
        ("namespace", "a"),
        ("namespace", "a::b"),
        ("class", "a::b::S"),
        ("namespace", "c::d"),
        ("function", "c::d::f"),
        ("function", "hidden"),  # an anonymous namespace adds no scope
    ]
    assert flat(f)["c::d::f"].labels == ("declaration",)


def test_classes_members_and_out_of_class_methods() -> None:
    f = facts(
        """
        namespace ns {
        /// A tensor.
        class Foo : public Base {
         public:
          Foo();
          ~Foo();
          void bar(int x) const;
          int baz() { return 1; }
          enum class Color { Red };
          using Ptr = Foo*;
        };
        void Foo::bar(int x) const {}
        Foo::Foo() {}
        }  // namespace ns
        void ns::Foo::later() {}
        """
    )
    foo = flat(f)["ns::Foo"]
    assert foo.kind is Kind.CLASS and foo.docstring == "A tensor."
    assert foo.labels == ("class",)
    children = [(c.kind.value, c.qualname, c.line) for c in foo.children]
    assert ("method", "ns::Foo::bar", 8) in children  # the declaration
    assert ("method", "ns::Foo::bar", 13) in children  # the out-of-class definition
    assert ("method", "ns::Foo::Foo", 14) in children
    assert ("method", "ns::Foo::baz", 9) in children
    assert ("type", "ns::Foo::Color", 10) in children
    assert ("type", "ns::Foo::Ptr", 11) in children
    assert ("method", "ns::Foo::later", 16) in children  # written outside the namespace
    bar_decl = next(c for c in foo.children if c.name == "bar")
    assert bar_decl.labels == ("declaration",) and bar_decl.signature == "(int x)"


def test_qualified_function_of_a_namespace_of_the_file_is_a_function() -> None:
    f = facts("namespace detail { void helper(); }\nvoid detail::helper() {}\n")
    assert kinds(f) == [
        ("namespace", "detail"),
        ("function", "detail::helper"),
        ("function", "detail::helper"),
    ]


def test_out_of_class_method_of_a_class_defined_elsewhere() -> None:
    f = facts(
        "namespace at {\nvoid Tensor::add_(int a) {}\ntemplate <> void Vec<float>::load() {}\n}\n"
    )
    assert kinds(f) == [
        ("namespace", "at"),
        ("method", "at::Tensor::add_"),
        ("method", "at::Vec::load"),
    ]


def test_functions_templates_macros_typedefs() -> None:
    f = facts(
        """
        #define SQR(x) ((x) * (x))
        #define LIMIT 4
        typedef int myint;
        typedef struct node { int v; } node_t;
        template <typename T>
        T add(T a, T b) { return a + b; }
        static int* make(void) { return 0; }
        union U { int a; float b; };
        int main(int argc, char** argv) {
          struct Local {};  // local: not part of the file's API
          return 0;
        }
        """
    )
    table = flat(f)
    assert table["SQR"].kind is Kind.MACRO and table["SQR"].signature == "(x)"
    assert table["LIMIT"].kind is Kind.MACRO and table["LIMIT"].line == 3
    assert table["myint"].kind is Kind.TYPE
    assert table["node"].kind is Kind.CLASS and table["node_t"].kind is Kind.TYPE
    assert table["add"].kind is Kind.FUNCTION and table["add"].line == 6  # the template line
    assert table["add"].signature == "(T a, T b)"
    assert table["make"].kind is Kind.FUNCTION
    assert table["U"].labels == ("union",)
    assert "Local" not in table and "main::Local" not in table


def test_cuda_kernels_are_labelled() -> None:
    f = facts(
        """
        __global__ void axpy(float a, const float* x, float* y) {}
        __device__ __forceinline__ float sq(float v) { return v * v; }
        __host__ __device__ int both() { return 0; }
        template <int N> __global__ void tiled() {}
        """,
        Language.CUDA,
        "csrc/k.cu",
    )
    table = flat(f)
    assert table["axpy"].labels == ("cuda-kernel",)
    assert table["sq"].labels == ("device",)
    assert table["both"].labels == ("host", "device")
    assert table["tiled"].labels == ("cuda-kernel",)


def test_c_grammar() -> None:
    f = facts(
        """
        /* Ring buffer. */
        #include "ring.h"
        struct ring { int head; };
        int ring_push(struct ring *r, int v) { return 0; }
        void ring_free(struct ring *r);
        """,
        Language.C,
        "lib/ring.c",
    )
    assert f.docstring == "Ring buffer."
    assert kinds(f) == [
        ("class", "ring"),
        ("function", "ring_push"),
        ("function", "ring_free"),
    ]
    assert f.imports[0].module == '"ring.h"' and f.imports[0].line == 3


@pytest.mark.parametrize("language", [Language.OBJCPP, Language.METAL])
def test_objective_cpp_and_metal_through_the_cpp_grammar(language: Language) -> None:
    f = facts(
        """
        #include <metal_stdlib>
        using namespace metal;
        kernel void add_arrays(device const float* a [[buffer(0)]], uint i) {}
        static float helper(float x) { return x; }
        """,
        language,
        "mps/kernels.metal",
    )
    table = {s.name: s for s in f.symbols}
    assert "helper" in table
    if language is Language.METAL:
        assert table["add_arrays"].labels == ("kernel",)
    assert f.imports[0].module == "<metal_stdlib>"


def test_objective_cpp_imports_and_cpp_parts() -> None:
    f = facts(
        """
        #import <Foundation/Foundation.h>
        #include "mps_utils.h"
        @interface Foo : NSObject
        - (void)bar;
        @end
        static int helper(int x) { return x; }
        namespace mps { void run() {} }
        """,
        Language.OBJCPP,
        "mps/ops.mm",
    )
    assert [i.module for i in f.imports] == ["<Foundation/Foundation.h>", '"mps_utils.h"']
    assert ("function", "mps::run") in kinds(f) and ("function", "helper") in kinds(f)


def test_leading_comment_skips_license_and_include_guard() -> None:
    text = dedent(
        """\
        // Copyright (c) Meta Platforms, Inc. and affiliates.
        // All rights reserved.
        //
        // This source code is licensed under the BSD-style license.

        #ifndef ATEN_VITALS_H_
        #define ATEN_VITALS_H_

        /**
         * Vitals: named counters that code can set and tests can read.
         *
         * More detail here.
         */
        #include <string>
        """
    )
    assert leading_comment(text, "c") == (
        "Vitals: named counters that code can set and tests can read.\n\nMore detail here."
    )
    only_license = "/* SPDX-License-Identifier: MIT */\nint x;\n"
    assert leading_comment(only_license, "c") is None
    assert leading_comment("#!/bin/sh\n# Build it.\nmake\n", "hash") == "Build it."


def test_broken_code_never_raises() -> None:
    f = facts("class { void ( ;; namespace }}} #define\n template<")
    assert f.parsed


def test_missing_grammar_gives_metadata_only_and_names_the_extra(monkeypatch) -> None:
    def missing(module: str):
        raise ModuleNotFoundError(module)

    treesitter.reset_cache()
    monkeypatch.setattr(treesitter, "_import_grammar", missing)
    try:
        f = facts("// Doc.\nint f() { return 0; }\n")
    finally:
        treesitter.reset_cache()
    assert f.symbols == () and f.docstring == "Doc."
    [diag] = f.diagnostics
    assert diag.subtype == "grammar"
    assert "pip install sphinxcontrib-repodoc[cpp]" in diag.message
    assert "C++" in diag.message


def test_export_and_statement_macros_do_not_hide_classes() -> None:
    f = facts(
        """
        namespace at {
        class TORCH_API Tensor : public TensorBase {
         public:
          C10_DISABLE_COPY_AND_ASSIGN(Tensor)
          void f();
        };
        struct C10_API Storage {};
        TORCH_API void free_fn(int x);
        PyAPI_FUNC(PyObject *) PyObject_Repr(PyObject *o);
        }
        """
    )
    assert {
        ("class", "at::Tensor"),
        ("method", "at::Tensor::f"),
        ("class", "at::Storage"),
        ("function", "at::free_fn"),
        ("function", "at::PyObject_Repr"),
    } <= set(kinds(f))
    assert f.symbols[0].children[0].line == 3  # lines do not move


def test_macro_calls_are_not_declarations_and_defines_are_never_local() -> None:
    f = facts(
        """
        class A {
          NO_COPIES_OF(A);
          operator bool() const { return true; }
          bool operator()(int x) const;
        };
        typedef int (*callback_t)(int);
        typedef void *(*alloc_t)(size_t n);
        void run() {
        #define LOCAL_MACRO 1
          struct Hidden {};
        }
        """
    )
    assert kinds(f) == [
        ("class", "A"),
        ("method", "A::operator bool"),
        ("method", "A::operator()"),
        ("type", "callback_t"),
        ("type", "alloc_t"),
        ("function", "run"),
        ("macro", "LOCAL_MACRO"),
    ]


def test_gtest_with_the_brace_on_the_next_line_is_kept() -> None:
    f = facts("TEST(Suite, Name)\n{\n  EXPECT_TRUE(true);\n}\n")
    assert [s.qualname for s in f.symbols if s.is_test] == ["Suite.Name"]
