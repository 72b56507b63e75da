"""Security rules: code that runs data, turns off checks, or holds a secret."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from .base import C_FAMILY, PYTHON, Hit, Source, rule

if TYPE_CHECKING:
    from collections.abc import Iterator


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant)


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _is_const(node: ast.AST | None, value: object) -> bool:
    return isinstance(node, ast.Constant) and node.value is value


@rule(
    "eval-exec",
    "security",
    "eval() / exec() run a string that is not a literal: whoever controls it runs code.",
    PYTHON,
    words=("eval(", "exec(", "eval (", "exec ("),
    prefilter=r"(?<![\w.])(?:eval|exec)\s*\(",
)
def eval_exec(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        evaluates = name in ("eval", "exec", "builtins.eval", "builtins.exec")
        if evaluates and call.args and not _is_literal(call.args[0]):
            yield Hit(call.lineno, name.rpartition(".")[2])


_UNPICKLERS = {
    "pickle.load",
    "pickle.loads",
    "pickle.Unpickler",
    "cPickle.load",
    "cPickle.loads",
    "_pickle.load",
    "_pickle.loads",
    "marshal.load",
    "marshal.loads",
    "dill.load",
    "dill.loads",
    "shelve.open",
}


@rule(
    "pickle-load",
    "security",
    "Unpickling (pickle, marshal, dill, shelve, torch.load without weights_only=True) runs "
    "code from the data: only load trusted files.",
    PYTHON,
    words=(
        ("pickle", "Pickle", "marshal", "dill", "shelve", "torch"),
        ("load", "Unpickler", "open"),
    ),
    prefilter=r"(?:load|loads|Unpickler|open)\s*\(",
)
def pickle_load(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        unsafe_torch = name == "torch.load" and not _is_const(_keyword(call, "weights_only"), True)
        if name in _UNPICKLERS or unsafe_torch:
            yield Hit(call.lineno, name)


@rule(
    "yaml-load",
    "security",
    "yaml.load() without a safe loader can build arbitrary Python objects: use "
    "yaml.safe_load() or Loader=SafeLoader.",
    PYTHON,
    words=(("yaml",), ("load",)),
)
def yaml_load(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name in ("yaml.unsafe_load", "yaml.unsafe_load_all"):
            yield Hit(call.lineno, name)
        elif name in ("yaml.load", "yaml.load_all"):
            loader = _keyword(call, "Loader")
            if loader is None and len(call.args) > 1:
                loader = call.args[1]
            if loader is None or "Safe" not in ast.unparse(loader):
                yield Hit(call.lineno, name)


@rule(
    "shell-true",
    "security",
    "subprocess with shell=True runs the command through the shell: arguments built from "
    "data can inject commands.",
    PYTHON,
    words=("shell",),
    prefilter=r"shell\s*=\s*True",
)
def shell_true(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name.startswith("subprocess.") and _is_const(_keyword(call, "shell"), True):
            yield Hit(call.lineno, name)


@rule(
    "os-system",
    "security",
    "os.system() / os.popen() run a command line through the shell.",
    PYTHON,
    words=("system(", "popen(", "system (", "popen ("),
    # a bare call (``from os import system``) or through ``os.``: not ``platform.system()``
    prefilter=r"(?<![\w.])(?:system|popen)\s*\(|\bos\.(?:system|popen)\s*\(",
)
def os_system(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name in ("os.system", "os.popen"):
            yield Hit(call.lineno, name)


@rule(
    "mktemp",
    "security",
    "tempfile.mktemp() returns a name another process can take first: use mkstemp() or "
    "NamedTemporaryFile().",
    PYTHON,
    words=("mktemp",),
)
def mktemp(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name == "tempfile.mktemp":
            yield Hit(call.lineno, name)


@rule(
    "tls-verify-off",
    "security",
    "TLS certificate verification is turned off (verify=False, CERT_NONE, an unverified "
    "context, check_hostname = False).",
    PYTHON,
    words=("False", "CERT_NONE", "_create_unverified_context"),
    prefilter=r"verify\s*=\s*False|CERT_NONE|_create_unverified_context|check_hostname\s*=",
)
def tls_verify_off(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if _is_const(_keyword(call, "verify"), False):
            yield Hit(call.lineno, "verify=False")
        if name == "ssl._create_unverified_context":
            yield Hit(call.lineno, name)
    for node in src.nodes:
        if isinstance(node, ast.Attribute) and node.attr == "CERT_NONE":
            yield Hit(node.lineno, "CERT_NONE")
        elif isinstance(node, ast.Assign) and _is_const(node.value, False):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "check_hostname":
                    yield Hit(node.lineno, "check_hostname = False")


_SECRET_NAME = re.compile(
    r"(?i)(?:^|_)(?:password|passwd|pwd|secret|secret_key|api_?key|access_?key|auth_?token|"
    r"private_?key|client_secret|token)$"
)
_PLACEHOLDER = re.compile(r"(?i)[<>{}$%\s]|xxx|change.?me|example|dummy|placeholder|your|\*\*\*")
#: a string literal of 8+ characters given to something (``=`` / ``:``), and a secret-looking
#: name just before it: a cheap text check before the syntax tree is read
_LITERAL_VALUE = re.compile(r"[:=][ \t]*[rbuRB]?['\"][^'\"\s]{8,}")
_SECRET_NAME_BEFORE = re.compile(
    r"(?i)(?:password|passwd|pwd|secret|api_?key|access_?key|auth_?token|private_?key|token)"
    r"\w*['\"]?\s*$"
)


def _secret_assignment(text: str) -> bool:
    for match in _LITERAL_VALUE.finditer(text):
        if _SECRET_NAME_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            return True
    return False


_SECRET_TOKENS = re.compile(
    r"\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[abprs]-[A-Za-z0-9-]{10,}|"
    r"sk_live_[A-Za-z0-9]{16,})\b|-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----"
)
_TOKEN_WORDS = ("AKIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xox", "sk_live_", "PRIVATE KEY")


@rule(
    "hardcoded-secret",
    "security",
    "A credential appears to be written in the file (a password / key / token literal or a "
    "known key format): move it to the environment or a secret store.",
    None,
)
def hardcoded_secret(src: Source) -> Iterator[Hit]:
    text = src.text
    if any(w in text for w in _TOKEN_WORDS):
        for match in _SECRET_TOKENS.finditer(text):
            yield Hit(src.line_of(match.start()), "key pattern")
    if src.language not in PYTHON:
        return
    if not _secret_assignment(text):
        return
    for node in src.nodes:
        pairs: list[tuple[str, ast.AST]] = []
        if isinstance(node, ast.Assign):
            pairs = [(_target_name(t), node.value) for t in node.targets]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            pairs = [(_target_name(node.target), node.value)]
        elif isinstance(node, ast.keyword) and node.arg:
            pairs = [(node.arg, node.value)]
        for name, value in pairs:
            if name and _SECRET_NAME.search(name) and _looks_secret(value):
                yield Hit(value.lineno, name)


def _target_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _looks_secret(value: ast.AST) -> bool:
    if not isinstance(value, ast.Constant) or not isinstance(value.value, str):
        return False
    text = value.value
    return len(text) >= 8 and not _PLACEHOLDER.search(text) and len(set(text)) >= 5


_C_STRING = re.compile(r"(?<![\w.>:])(?:std::)?(strcpy|strcat|sprintf|vsprintf|gets)\s*\(")
_C_SYSTEM = re.compile(r"(?<![\w.>:])(?:std::)?(system|popen)\s*\(")


@rule(
    "c-unsafe-string",
    "security",
    "strcpy / strcat / sprintf / vsprintf / gets write without a bound: a long input "
    "overflows the buffer (use the n- / s- variants or std::string).",
    C_FAMILY,
    words=("strcpy", "strcat", "sprintf", "gets"),
)
def c_unsafe_string(src: Source) -> Iterator[Hit]:
    yield from src.code_hits(_C_STRING, 1)


@rule(
    "c-system",
    "security",
    "system() / popen() run a command line through the shell.",
    C_FAMILY,
    words=("system", "popen"),
)
def c_system(src: Source) -> Iterator[Hit]:
    yield from src.code_hits(_C_SYSTEM, 1)
