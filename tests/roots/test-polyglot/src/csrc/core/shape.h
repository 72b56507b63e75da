// Shapes and strides.
#pragma once
#include <vector>

namespace mini {
namespace core {
typedef std::vector<long> Shape;
enum class Layout { Strided, Sparse };
}  // namespace core
}  // namespace mini
