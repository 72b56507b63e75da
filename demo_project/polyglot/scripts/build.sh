#!/usr/bin/env bash
# Configures and builds the sample with CMake.
set -euo pipefail
source "$(dirname "$0")/env.sh"

configure() {
  cmake -S "$SAMPLE_DIR" -B build -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
}

build() {
  configure
  cmake --build build
}
