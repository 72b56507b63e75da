// The tensor type.
#pragma once

namespace at {
class Tensor {
 public:
  int dim() const;
};
}  // namespace at
