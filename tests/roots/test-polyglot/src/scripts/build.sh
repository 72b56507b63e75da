#!/usr/bin/env bash
# Configure and build the C++ core.
set -euo pipefail
source "$(dirname "$0")/common.sh"

configure() {
  cmake -S . -B build
}

build() {
  cmake --build build
}
