// Declarations of the SAXPY kernels.
#pragma once

namespace demo::kernels {

/// y = a * x + y on the GPU, one thread per element.
__global__ void saxpy(int n, float a, const float* x, float* y);

/// Launches saxpy with enough blocks for n elements.
void launch_saxpy(int n, float a, const float* x, float* y);

}  // namespace demo::kernels
