// Tensor methods.
#include "tensor.h"

#include <numeric>

namespace mini::core {

Tensor::Tensor() = default;

int64_t Tensor::numel() const {
  return static_cast<int64_t>(data_.size());
}

void Tensor::resize(const Shape& shape) {
  data_.resize(std::accumulate(shape.begin(), shape.end(), 1L, std::multiplies<long>()));
}

Tensor zeros(const Shape& shape) {
  Tensor t;
  t.resize(shape);
  return t;
}

}  // namespace mini::core
