// Module's out-of-line parts.
#include <torch/nn/module.h>
#include <c10/util/Half.h>
