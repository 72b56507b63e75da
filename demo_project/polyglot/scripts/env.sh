# Settings shared by the sample's scripts.
export BUILD_TYPE=Release
export SAMPLE_DIR="$(dirname "$0")/.."
