# Shared settings of the build scripts.
export BUILD_TYPE=Release
