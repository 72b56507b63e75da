// CUDA kernels; strcpy(a, b) in a comment does not count
__global__ void scale(float* x, float k) {
    x[threadIdx.x] *= k;
}

void run(float* x) {
    scale<<<1, 32>>>(x, 2.0f);
    const char* note = "sprintf(buf)";
}
