# docs/source/conf.py of a PyTorch-like monorepo: Python in torch/, C++ and CUDA in aten/,
# c10/ and torch/csrc/, Python tests in test/, gtest cases in aten/src/ATen/test/.
extensions = ["sphinxcontrib_repodoc"]

# docs/source/ → the repository root (inside git the default finds it too)
repodoc_root = "../.."

# Vendored submodules and build output are not this project's code; generated copies of the
# headers under build/ would also define every class twice.
repodoc_exclude = [
    "third_party/",
    "build/",
    "docs/build/",
    "__pycache__/",
    "*.egg-info/",
    ".venv/",
]

# torch/ sits at the root, so the root is the Python import root ("src" is skipped when
# missing)
repodoc_python_paths = [""]

# The -I folders of the C++ build: <ATen/core/Tensor.h> lives in aten/src/,
# <torch/nn/module.h> in torch/csrc/api/include/, <c10/util/Half.h> at the root.
repodoc_cpp_include_dirs = ["aten/src", "torch/csrc/api/include", ""]

# The parts of the architecture, shown on every file and folder page (longest prefix wins).
repodoc_components = {
    "torch/": "the Python package",
    "torch/csrc/": "the C++ core and the Python bindings",
    "aten/": "ATen, the C++ tensor library",
    "c10/": "c10, the core abstractions",
    "test/": "the Python test suite",
}

# How the project runs its tests (instead of plain pytest node ids).
repodoc_test_command = {
    "test/*.py": "python test/run_test.py -i {stem}",
    "aten/src/ATen/test/*.cpp": "build/bin/{stem} --gtest_filter={qualname}",
}

# Short names defined in several places (a header and its Python binding) settle on these.
repodoc_prefer = ["torch/", "aten/src/"]

# Links to every file and symbol on GitHub, from the origin remote.
repodoc_source_url = "auto"
