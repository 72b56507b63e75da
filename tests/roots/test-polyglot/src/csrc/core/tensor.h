// Copyright (c) mini contributors.
// Licensed under the BSD-3-Clause license.

#pragma once

/// Dense tensors of the C++ core.

#include <cstdint>
#include <vector>
#include "core/shape.h"

#define MINI_CHECK(cond) \
  do {                   \
  } while (0)

namespace mini::core {

/// A dense tensor.
class Tensor {
 public:
  Tensor();
  /// Number of elements.
  int64_t numel() const;
  void resize(const Shape& shape);

 private:
  std::vector<float> data_;
};

using TensorList = std::vector<Tensor>;

Tensor zeros(const Shape& shape);

}  // namespace mini::core
