#!/usr/bin/env bash
# Simulate the Read the Docs build of demo_project/ (see demo_project/.readthedocs.yaml):
#   1. a shallow clone of this repository's last commit (RTD clones with --depth 50), so only
#      committed files take part and git history is as short as on RTD;
#   2. a clean virtual environment with the package installed from that clone, with the
#      extras of .readthedocs.yaml (the only step that uses the network: the package index);
#   3. sphinx-build run as RTD runs it (-T -W --keep-going, from conf.py's folder, READTHEDOCS
#      set), with no network at all when `unshare -n` (or `unshare -rn`) works here, so a
#      build that needs the network fails instead of passing by luck.
# Usage: tools/rtd_simulate.sh [--keep]    (PYTHON=python3.11 to choose the interpreter)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/repodoc-rtd.XXXXXX")
if [ "${1:-}" = "--keep" ]; then
  echo "rtd-simulate: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# the extras, read from .readthedocs.yaml (one "- name" per line under extra_requirements)
extras=$(sed -n '/extra_requirements:/,/^[^ ]/s/^ *- *\([A-Za-z0-9_-]*\).*/\1/p' \
  "$repo/demo_project/.readthedocs.yaml" | paste -sd, -)

echo "rtd-simulate: shallow clone of $(git -C "$repo" rev-parse --short HEAD)"
git clone -q --depth 50 "file://$repo" "$work/checkout"
cd "$work/checkout"

echo "rtd-simulate: clean venv, pip install .[$extras]"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q ".[$extras]"

command -v dot >/dev/null 2>&1 || echo "rtd-simulate: no Graphviz 'dot' here (RTD installs it): diagrams as text"

offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
else
  echo "rtd-simulate: cannot block the network here (no unshare -n); building with it"
fi

echo "rtd-simulate: sphinx-build -W ${offline[*]:+(no network)}"
cd demo_project
env READTHEDOCS=True READTHEDOCS_VERSION=latest READTHEDOCS_PROJECT=sphinxcontrib-repodoc \
  "${offline[@]}" "$work/venv/bin/python" -m sphinx -T -W --keep-going -b html \
  -d "$work/doctrees" -D language=en . "$work/html"
test -f "$work/html/index.html"
test -f "$work/html/repodoc/files/README.md.html"
echo "rtd-simulate: OK ($work/html)"
