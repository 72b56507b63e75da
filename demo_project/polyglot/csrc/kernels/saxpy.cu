// SAXPY in CUDA: a kernel, a device helper and the host launcher.
#include "saxpy.cuh"

#include <cuda_runtime.h>
#include <vec/vec.h>

namespace demo::kernels {

/// Multiply-add of one element.
__device__ float fma1(float a, float x, float y) { return a * x + y; }

__global__ void saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = fma1(a, x[i], y[i]);
}

void launch_saxpy(int n, float a, const float* x, float* y) {
  saxpy<<<(n + 255) / 256, 256>>>(n, a, x, y);
}

}  // namespace demo::kernels
