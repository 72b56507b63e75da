"""Finding rules: each rule on a planted positive and a look-alike negative, exact lines."""

from __future__ import annotations

import textwrap

import pytest

from sphinxcontrib_repodoc.analysis import findings as F
from sphinxcontrib_repodoc.analysis.findings.base import strip_c_comments_and_strings
from sphinxcontrib_repodoc.extractors.python import PythonExtractor
from sphinxcontrib_repodoc.model import Language


def found(code: str, language: Language = Language.PYTHON, path: str = "m.py") -> dict:
    """``rule → (lines, details)`` of every finding in ``code``."""
    code = textwrap.dedent(code)
    symbols, imports = (), ()
    if language is Language.PYTHON:
        facts = PythonExtractor().extract(path, code)
        symbols, imports = facts.symbols, facts.imports
    findings, problems = F.run(path, language, code, symbols, imports, F.RULES.values())
    assert problems == []
    return {f.rule: (f.lines, f.details) for f in findings}


# (rule, planted code, its evidence lines, look-alike code that must not fire); a pattern is
# evidenced by its definition's line, a compiling decorator by the decorator's line
PYTHON_CASES = [
    (
        "eval-exec",
        "x = eval(user_input)\nexec(code, {})\n",
        (1, 2),
        "model.eval()\ny = eval('1 + 2')\nexec('pass')\n",
    ),
    (
        "pickle-load",
        "import pickle\nimport torch\nd = pickle.loads(b)\nm = torch.load(p)\n",
        (3, 4),
        "import pickle, torch, json\npickle.dumps(d)\njson.loads(s)\n"
        "torch.load(p, weights_only=True)\n",
    ),
    (
        "yaml-load",
        "import yaml\na = yaml.load(s)\nb = yaml.load(s, Loader=yaml.FullLoader)\n",
        (2, 3),
        "import yaml\nyaml.safe_load(s)\nyaml.load(s, Loader=yaml.SafeLoader)\n"
        "yaml.load(s, yaml.CSafeLoader)\n",
    ),
    (
        "shell-true",
        "import subprocess as sp\nsp.run(cmd, shell=True)\n",
        (2,),
        "import subprocess\nsubprocess.run(cmd, shell=False)\nsubprocess.run(['ls'])\n"
        "other.run(cmd, shell=True)\n",
    ),
    (
        "os-system",
        "import os\nos.system('make')\nos.popen(cmd)\n",
        (2, 3),
        "import platform\nplatform.system()\n",
    ),
    (
        "mktemp",
        "from tempfile import mktemp\nname = mktemp()\n",
        (2,),
        "import tempfile\ntempfile.mkstemp()\ntempfile.mkdtemp()\n",
    ),
    (
        "tls-verify-off",
        "import requests, ssl\nrequests.get(u, verify=False)\nctx.verify_mode = ssl.CERT_NONE\n"
        "ctx.check_hostname = False\n",
        (2, 3, 4),
        "import requests, ssl\nrequests.get(u, verify=True)\nctx.verify_mode = ssl.CERT_REQUIRED\n"
        "verify = False\n",
    ),
    (
        "hardcoded-secret",
        "API_KEY = 'k3y-Abc123xyz789'\nconnect(password='hunter2hunter2')\n",
        (1, 2),
        "API_KEY = os.environ['API_KEY']\npassword = 'changeme'\npassword = ''\n"
        "token = '<your token>'\nmonkey = 'aaaaaaaaaaaa'\n",
    ),
    (
        "torch-compile",
        "import torch\n@torch.jit.script\ndef f(x):\n    return x\ng = torch.compile(model)\n",
        (2, 5),
        "import re\nre.compile('x')\ncompile(src, 'f', 'exec')\n",
    ),
    (
        "concurrency",
        "from multiprocessing import Pool\nimport threading\nPool(4)\n"
        "threading.Thread(target=f)\nclass W(threading.Thread):\n    pass\n",
        (3, 4, 5),
        "import threading\nlock = threading.Lock()\nPool = object\n",
    ),
    (
        "numba",
        "from numba import njit\n@njit\ndef f(x):\n    return x\n",
        (2,),
        "def njit(f):\n    return f\n@njit\ndef g():\n    pass\n# numba\n",
    ),
    (
        "nn-module",
        "from torch import nn\nclass Net(nn.Module):\n    pass\nclass Deep(Net):\n    pass\n",
        (2, 4),
        "class Module:\n    pass\nclass Net(Module):\n    pass\n",
    ),
    (
        "data-model",
        "from dataclasses import dataclass\nimport attrs\nfrom pydantic import BaseModel\n"
        "@dataclass(frozen=True)\nclass A:\n    x: int\n@attrs.define\nclass B:\n    pass\n"
        "class C(BaseModel):\n    pass\n",
        (5, 8, 10),
        "class BaseModel:\n    pass\nclass C(BaseModel):\n    pass\n",
    ),
    (
        "abstract-interface",
        "import abc\nfrom typing import Protocol\nclass A(abc.ABC):\n    pass\n"
        "class B(metaclass=abc.ABCMeta):\n    pass\nclass P(Protocol[T]):\n    pass\n",
        (3, 5, 7),
        "class ABC:\n    pass\nclass A(ABC):\n    pass\n",
    ),
    (
        "cli-entry-point",
        "def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n",
        (4,),
        "text = '''\nif __name__ == \"__main__\":\n'''\nif __name__ == 'pkg':\n    pass\n",
    ),
    (
        "pytest-fixture",
        "import pytest\n@pytest.fixture(scope='session')\ndef app():\n    pass\n",
        (3,),
        "import pytest\n@pytest.mark.slow\ndef test_x():\n    pass\ndef fixture():\n    pass\n",
    ),
    (
        "context-manager",
        "from contextlib import contextmanager\n@contextmanager\ndef opened():\n    yield\n"
        "class Lock:\n    def __enter__(self):\n        pass\n    def __exit__(self, *a):\n"
        "        pass\n",
        (3, 5),
        "class Half:\n    def __enter__(self):\n        pass\n"
        "def contextmanager(f):\n    return f\n",
    ),
]


@pytest.mark.parametrize(("rule", "code", "lines", "negative"), PYTHON_CASES)
def test_python_rule(rule, code, lines, negative):
    assert found(code)[rule][0] == lines
    assert rule not in found(negative)


def test_evidence_lines_are_exact_and_details_name_the_calls():
    code = """\
        import pickle as pk


        data = pk.load(f)  # line 4
        """
    assert found(code)["pickle-load"] == ((4,), ("pickle.load",))


def test_nn_module_evidence_at_the_decorated_class_line():
    code = """\
        import torch.nn as nn

        class Linear(nn.Module):
            def forward(self, x):
                return x
        """
    assert found(code)["nn-module"] == ((3,), ("Linear",))


C_CASES = [
    (
        "c-unsafe-string",
        'void f(char* a) {\n  strcpy(a, b);\n  sprintf(a, "%d", 1);\n  gets(a);\n}\n',
        (2, 3, 4),
        '// strcpy(a, b)\n/* sprintf(a) */\nconst char* s = "gets(x)";\nstrncpy(a, b, 3);\n'
        "snprintf(a, 3, x);\nobj.strcpy(a);\nmy_strcpy(a);\n",
    ),
    (
        "c-system",
        'int main() {\n  std::system("ls");\n  system(cmd);\n}\n',
        (2, 3),
        'int x = os->system(1);\nauto s = "system(1)";\n// system("rm")\nfilesystem(x);\n',
    ),
    (
        "cuda-kernel",
        "__global__ void add(float* x) {}\ntemplate <typename T>\n__global__ void\n"
        "scale(T* x) {}\n",
        (1, 3),
        "// __global__ void fake()\n__device__ float helper(float x);\n",
    ),
    (
        "cuda-launch",
        "void run() {\n  add<<<grid, block>>>(x);\n  scale<float><<<1, 32, 0, stream>>>(y);\n}\n",
        (2, 3),
        "int a = b << c;\nstd::cout << x << y;\n// add<<<1, 1>>>(x)\n",
    ),
    (
        "openmp",
        "void f() {\n#pragma omp parallel for\n  for (;;) {}\n}\n",
        (2,),
        '#pragma once\n// #pragma omp parallel\n#pragma GCC optimize("O3")\n',
    ),
    (
        "simd",
        "#include <immintrin.h>\n__m256 f(__m256 a) {\n  return _mm256_add_ps(a, a);\n}\n",
        (1, 3),
        '#include "mm_helpers.h"\nint _mm = 0;\nconst char* s = "_mm256_add_ps(a)";\n',
    ),
]


@pytest.mark.parametrize(("rule", "code", "lines", "negative"), C_CASES)
def test_c_family_rule(rule, code, lines, negative):
    assert found(code, Language.CUDA, "k.cu")[rule][0] == lines
    assert rule not in found(negative, Language.CUDA, "k.cu")


def test_c_rules_name_the_function():
    code = "void f() {\n  strcpy(a, b);\n  gets(a);\n  kern<<<1, 1>>>();\n}\n"
    result = found(code, Language.CPP, "a.cpp")
    assert result["c-unsafe-string"] == ((2, 3), ("strcpy", "gets"))
    assert result["cuda-launch"] == ((4,), ("kern",))


def test_c_rules_do_not_run_on_python():
    assert "c-unsafe-string" not in found("strcpy(a, b)\n")


def test_secret_key_formats_in_any_text_file():
    key = "AKIA" + "ABCDEFGHIJKLMNOP"
    header = "-----BEGIN " + "RSA PRIVATE KEY-----"
    text = f"aws:\n  key: {key}\n{header}\n"
    assert found(text, Language.YAML, "c.yaml")["hardcoded-secret"][0] == (2, 3)
    assert "hardcoded-secret" not in found("aws:\n  key: ${AWS_KEY}\n", Language.YAML, "c.yaml")


def test_strip_keeps_lines_and_offsets():
    text = (
        'a = "x // y";\n/* one\ntwo */ b; // c\nint n = 1\'000;\nchar c = \'"\';\nR"(raw "q")";\n'
    )
    out = strip_c_comments_and_strings(text)
    assert len(out) == len(text)
    assert out.count("\n") == text.count("\n")
    assert "//" not in out.splitlines()[0]
    assert out.splitlines()[2].strip() == "b;"
    assert "1'000" in out
    assert "q" not in out.splitlines()[5]


def test_a_failing_rule_is_reported_once_and_the_others_still_run(monkeypatch):
    def boom(src):
        raise RuntimeError("bad rule")

    broken = F.Rule("broken", "patterns", "never works", None, boom)
    rules = [broken, F.RULES["eval-exec"]]
    findings, problems = F.run("m.py", Language.PYTHON, "eval(x)\n", (), (), rules)
    assert [f.rule for f in findings] == ["eval-exec"]
    assert len(problems) == 1
    assert problems[0].subtype == "finding"
    assert problems[0].path == "m.py"
    assert "'broken'" in problems[0].message
    assert "RuntimeError: bad rule" in problems[0].message


def test_select_by_id_and_category():
    rules, problems = F.select([("security", False), ("eval-exec", True), ("nope", False)])
    ids = {r.id for r in rules}
    assert "eval-exec" in ids
    assert "pickle-load" not in ids
    assert "nn-module" in ids
    assert len(problems) == 1
    assert problems[0].subtype == "config"
    assert "'nope'" in problems[0].message
    assert {r.id for r in F.select([])[0]} == set(F.RULES)


def test_registry_is_ordered_by_category_and_every_rule_documents_itself():
    categories = [r.category for r in F.RULES.values()]
    assert categories == sorted(categories, key=F.CATEGORIES.index)
    for r in F.RULES.values():
        assert r.explanation.endswith(".") and "\n" not in r.explanation


def test_rules_register_once():
    with pytest.raises(ValueError, match="twice"):
        F.rule("eval-exec", "security", "x.", None)(lambda src: ())
    with pytest.raises(ValueError, match="category"):
        F.rule("new-rule", "style", "x.", None)


def test_prefilter_skips_the_parse(monkeypatch):
    parsed = []
    original = F.Source.tree.func

    def tree(self):
        parsed.append(self.path)
        return original(self)

    monkeypatch.setattr(F.Source, "tree", property(tree))
    F.run("plain.py", Language.PYTHON, "x = 1\n", (), (), F.RULES.values())
    assert parsed == []
    F.run("ev.py", Language.PYTHON, "eval(x)\n", (), (), F.RULES.values())
    assert parsed  # parsed (once per file thanks to cached_property in normal use)


def test_main_guard_forms_without_a_parse():
    code = (
        'def f():\n    if __name__ == "__main__":\n        pass\n\n'
        'if "__main__" == __name__:\n    f()\n'
    )
    assert found(code)["cli-entry-point"] == ((5,), ("__main__",))
    doc = 'X = """\nif __name__ == "__main__":\n"""\n'
    assert "cli-entry-point" not in found(doc)
