// CUDA kernels of element-wise addition.
#include "add.cuh"
#include <cuda_runtime.h>

namespace mini::cuda {

__device__ float add_one(float a, float b) { return a + b; }

/// out[i] = a[i] + b[i]
__global__ void add_kernel(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = add_one(a[i], b[i]);
}

void launch_add(const float* a, const float* b, float* out, int n) {
  add_kernel<<<(n + 255) / 256, 256>>>(a, b, out, n);
}

}  // namespace mini::cuda
