"""Build and configuration files: summaries, top-level keys and targets, never a crash."""

from __future__ import annotations

from textwrap import dedent

import pytest

from sphinxcontrib_repodoc.extractors import extractor_for
from sphinxcontrib_repodoc.model import FileFacts, Kind, Language

L = Language


def facts(language: Language, text: str) -> FileFacts:
    extractor = extractor_for(language)
    assert extractor is not None
    return extractor.extract("x", dedent(text))


def keys(f: FileFacts) -> list[tuple[str, int, int, str]]:
    return [(s.name, s.line, s.end_line, s.labels[0]) for s in f.symbols]


def test_github_workflow_yaml() -> None:
    f = facts(
        L.YAML,
        """\
        # CI for pull requests.
        name: Pull request
        on:
          pull_request:
        jobs:
          build:
            runs-on: ubuntu-latest
        """,
    )
    assert keys(f) == [("name", 2, 2, "key"), ("on", 3, 4, "key"), ("jobs", 5, 7, "key")]
    assert f.symbols[0].value == "Pull request"
    assert all(s.kind is Kind.DATA for s in f.symbols)
    assert f.docstring == "CI for pull requests."


def test_yaml_without_comment_uses_description_or_name() -> None:
    assert facts(L.YAML, "name: Lint\ndescription: 'Checks style'\n").docstring == "Checks style"
    assert facts(L.YAML, "name: Lint\n").docstring == "Lint"
    # tags are never executed: they are text
    f = facts(L.YAML, "evil: !!python/object/apply:os.system ['true']\n")
    assert [s.name for s in f.symbols] == ["evil"]


def test_pyproject_toml() -> None:
    f = facts(
        L.TOML,
        """\
        [build-system]
        requires = ["setuptools"]

        [project]
        name = "demo"
        description = "A demo package."

        [tool.ruff]
        line-length = 100
        """,
    )
    assert keys(f) == [
        ("build-system", 1, 3, "key"),
        ("project", 4, 7, "key"),
        ("tool", 8, 9, "key"),
    ]
    assert f.docstring == "A demo package."


def test_cargo_toml_and_broken_toml() -> None:
    f = facts(L.TOML, '[package]\nname = "geo"\ndescription = "Geometry."\n')
    assert f.docstring == "Geometry."
    broken = facts(L.TOML, "# Settings.\n[a\nkey = = 1\n")
    assert broken.parsed and broken.docstring == "Settings."


def test_json() -> None:
    f = facts(
        L.JSON, '{\n  "name": "web",\n  "description": "The web client.",\n  "scripts": {}\n}\n'
    )
    assert [s.name for s in f.symbols] == ["name", "description", "scripts"]
    assert [s.line for s in f.symbols] == [2, 3, 4]
    assert f.docstring == "The web client."
    assert facts(L.JSON, "[1, 2]").symbols == ()
    assert facts(L.JSON, "{ not json").symbols == ()


def test_cmake() -> None:
    f = facts(
        L.CMAKE,
        """\
        # Builds the C++ core and its tests.
        cmake_minimum_required(VERSION 3.18)
        project(Mini LANGUAGES CXX CUDA)
        add_library(core STATIC csrc/core.cpp)
        add_executable(core_test test/core_test.cpp)
        function(mini_add_test name)
        endfunction()
        """,
    )
    assert keys(f) == [
        ("Mini", 3, 3, "project"),
        ("core", 4, 4, "target"),
        ("core_test", 5, 5, "target"),
        ("mini_add_test", 6, 6, "function"),
    ]
    assert f.docstring == "Builds the C++ core and its tests."


def test_makefile_dockerfile_ini() -> None:
    make = facts(L.MAKE, "# Tasks.\nCC := gcc\n.PHONY: all\nall: build\n\tcc x\nbuild test:\n")
    assert [s.name for s in make.symbols] == ["all", "build", "test"]
    assert make.docstring == "Tasks."
    docker = facts(L.DOCKERFILE, "# Image.\nFROM python:3.12 AS base\nFROM base AS test\n")
    assert keys(docker) == [("base", 2, 2, "stage"), ("test", 3, 3, "stage")]
    assert docker.docstring == "Image."
    ini = facts(L.INI, "[metadata]\nname = x\ndescription = Tools.\n[options]\n")
    assert [s.name for s in ini.symbols] == ["metadata", "options"]
    assert ini.docstring == "Tools."


@pytest.mark.parametrize("language", sorted(set(L) - {L.BINARY}, key=str))
def test_no_language_crashes_on_junk(language: Language) -> None:
    extractor = extractor_for(language)
    if extractor is None:
        return
    for junk in ("", "\x00\x01", "{[(<", "# only a comment", "\ufeffkey: [unclosed"):
        extractor.extract("junk", junk)
