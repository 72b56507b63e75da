// Element-wise addition on the GPU.
#pragma once
#include <core/tensor.h>

namespace mini::cuda {
__device__ float add_one(float a, float b);
void launch_add(const float* a, const float* b, float* out, int n);
}  // namespace mini::cuda
