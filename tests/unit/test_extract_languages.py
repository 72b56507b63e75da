"""JavaScript, TypeScript, Rust, Go, Java and shell through tree-sitter."""

from __future__ import annotations

from textwrap import dedent

import pytest

from sphinxcontrib_repodoc.extractors import extractor_for
from sphinxcontrib_repodoc.model import FileFacts, Kind, Language


def facts(language: Language, text: str, path: str = "x") -> FileFacts:
    extractor = extractor_for(language)
    assert extractor is not None
    return extractor.extract(path, dedent(text))


def kinds(f: FileFacts) -> list[tuple[str, str]]:
    return [(s.kind.value, s.qualname) for sym in f.symbols for s in sym.walk()]


def test_typescript() -> None:
    pytest.importorskip("tree_sitter_typescript")
    f = facts(
        Language.TYPESCRIPT,
        """
        /** Widget helpers. */
        import { a, b as c } from "./util";
        import * as x from "../lib";
        export { z } from "./z";
        const fs = require("fs");

        /** A widget. */
        export class Widget extends Base {
          constructor(private n: number) { super(); }
          async render(x: number): Promise<void> {
            function inner() {}
          }
        }
        export interface Shape { area(): number; }
        export type Id = string;
        export function make(n: number): Widget { return new Widget(n); }
        export const DEFAULT = 3;
        const helper = (a: number) => a + 1;
        """,
        "web/widget.ts",
    )
    assert f.docstring == "Widget helpers."
    assert kinds(f) == [
        ("data", "fs"),
        ("class", "Widget"),
        ("method", "Widget.constructor"),
        ("method", "Widget.render"),
        ("class", "Shape"),
        ("method", "Shape.area"),
        ("type", "Id"),
        ("function", "make"),
        ("data", "DEFAULT"),
        ("function", "helper"),
    ]
    widget = f.symbols[1]
    assert widget.labels == ("export",) and widget.docstring == "A widget."
    assert widget.children[1].labels == ("async",)
    assert widget.children[1].signature == "(x: number) -> Promise<void>"
    assert [i.module for i in f.imports] == ["./util", "../lib", "./z", "fs"]


def test_javascript() -> None:
    pytest.importorskip("tree_sitter_javascript")
    f = facts(
        Language.JAVASCRIPT,
        """
        import def from "./a.js";
        const { b } = require("./b");
        export function run() {}
        export default class App {}
        module.exports = { run };
        """,
    )
    # a destructuring ``const { b } = …`` binds no single name: not a symbol
    assert kinds(f) == [("function", "run"), ("class", "App")]
    assert [i.module for i in f.imports] == ["./a.js", "./b"]


def test_rust() -> None:
    pytest.importorskip("tree_sitter_rust")
    f = facts(
        Language.RUST,
        """
        //! Geometry.
        use std::collections::HashMap;
        use crate::util::{a, b};
        mod util;
        /// A point.
        pub struct Point { x: i32 }
        pub trait Shape { fn area(&self) -> f64; }
        impl Point {
            /// New point.
            pub fn new(x: i32) -> Self { Point { x } }
        }
        impl Shape for Point { fn area(&self) -> f64 { 0.0 } }
        pub fn free(a: i32) -> i32 { a }
        #[cfg(test)]
        mod tests {
            #[test]
            fn it_works() {}
        }
        """,
        "src/geo.rs",
    )
    assert f.docstring == "Geometry."
    assert kinds(f) == [
        ("namespace", "util"),
        ("class", "Point"),
        ("method", "Point::new"),
        ("method", "Point::area"),
        ("class", "Shape"),
        ("method", "Shape::area"),
        ("function", "free"),
        ("namespace", "tests"),
        ("function", "tests::it_works"),
    ]
    point = f.symbols[1]
    assert point.docstring == "A point." and point.children[0].docstring == "New point."
    assert point.children[1].labels == ("impl Shape",)
    assert f.symbols[-1].children[0].is_test
    assert [i.module for i in f.imports] == [
        "std::collections::HashMap",
        "crate::util::{a, b}",
        "util",
    ]


def test_go() -> None:
    pytest.importorskip("tree_sitter_go")
    f = facts(
        Language.GO,
        """
        // Package geo does geometry.
        package geo

        import (
        \t"fmt"
        \tm "github.com/x/y/mathx"
        )

        // Point is a point.
        type Point struct{ X int }
        type ID string
        // Area computes.
        func (p *Point) Area() float64 { return 0 }
        func New() *Point { return &Point{} }
        """,
        "geo/geo.go",
    )
    assert f.docstring == "Package geo does geometry."
    assert kinds(f) == [
        ("namespace", "geo"),
        ("class", "Point"),
        ("method", "Point.Area"),
        ("type", "ID"),
        ("function", "New"),
    ]
    area = f.symbols[1].children[0]
    assert area.docstring == "Area computes." and area.signature == "(p *Point) -> float64"
    assert [i.module for i in f.imports] == ["fmt", "github.com/x/y/mathx"]


def test_java() -> None:
    pytest.importorskip("tree_sitter_java")
    f = facts(
        Language.JAVA,
        """
        package com.example.geo;
        import java.util.List;
        import com.example.util.Helper;
        /** A shape. */
        public class Shape {
            private int n;
            public Shape() {}
            public double area(int x) { return 0; }
            @Test
            public void testArea() {}
        }
        """,
    )
    assert kinds(f) == [
        ("namespace", "com.example.geo"),
        ("class", "Shape"),
        ("attribute", "Shape.n"),
        ("method", "Shape.Shape"),
        ("method", "Shape.area"),
        ("method", "Shape.testArea"),
    ]
    assert f.symbols[1].children[-1].is_test
    assert [i.module for i in f.imports] == ["java.util.List", "com.example.util.Helper"]


def test_shell() -> None:
    pytest.importorskip("tree_sitter_bash")
    f = facts(
        Language.SHELL,
        """\
        #!/bin/bash
        # Build helper script.
        source ./common.sh
        . "$(dirname "$0")/env.sh"
        build() { echo hi; }
        function clean {
          rm -rf build
        }
        """,
    )
    assert f.docstring == "Build helper script."
    assert kinds(f) == [("function", "build"), ("function", "clean")]
    assert f.symbols[1].end_line == 8
    assert [i.module for i in f.imports] == ["./common.sh", '$(dirname "$0")/env.sh']
    assert all(s.kind is Kind.FUNCTION for s in f.symbols)


def test_tsx_uses_the_tsx_grammar_and_ts_the_typescript_one() -> None:
    pytest.importorskip("tree_sitter_typescript")
    extractor = extractor_for(Language.TYPESCRIPT)
    tsx = extractor.extract("ui/App.tsx", "export function App() { return <div>hi</div>; }\n")
    assert [s.qualname for s in tsx.symbols] == ["App"]
    ts = extractor.extract("lib/cast.ts", "const x = <number>y;\nexport class B {}\n")
    assert [s.qualname for s in ts.symbols] == ["x", "B"]
