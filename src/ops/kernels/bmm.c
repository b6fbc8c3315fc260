/*
 * Batched f32 matrix products for small attention shapes, WebAssembly SIMD (128-bit).
 *
 *   bmm_nn: C[b] = A[b]  @ B[b]    A [batch, m, k], B [batch, k, n], C [batch, m, n]
 *   bmm_tn: C[b] = A[b]ᵀ @ B[b]    A [batch, k, m], B [batch, k, n], C [batch, m, n]
 *   bmm_nt: C[b] = A[b]  @ B[b]ᵀ   A [batch, m, k], B [batch, n, k], C [batch, m, n]
 *
 * All arrays are dense, row-major, in this module's own linear memory; JS places them
 * above `heap_base()` and grows the memory as needed. Every output element is written
 * (no need to zero C first); any sizes work, including 0 and sizes not divisible by 4.
 *
 * Kernel: the output is cut into tiles of up to MR rows × 8 columns held in registers
 * (MR·2 four-lane accumulators). For each step p of the shared axis, the tile adds
 * splat(A(i, p)) · B[p, j..j+8) with one multiply and one add per vector (baseline
 * SIMD has no fused multiply-add). B's rows are read contiguously; A is read through
 * a (row stride, shared stride) pair, which is how bmm_tn reads Aᵀ without copying.
 * bmm_nt first transposes each B[b] into a scratch block, then runs the nn kernel.
 * Column tails: one 4-wide tile, then scalar columns. Row tails: tiles of fewer rows.
 *
 * Rebuild: scripts/build-wasm.sh (clang --target=wasm32 -msimd128).
 */
#include <wasm_simd128.h>

typedef __SIZE_TYPE__ size_t;

#define MR 4
#define INLINE static inline __attribute__((always_inline))
#define EXPORT(name) __attribute__((export_name(name)))

extern unsigned char __heap_base;

/* First byte of memory that JS may use for operands (above static data and the stack). */
EXPORT("heap_base") size_t heap_base(void) { return (size_t)&__heap_base; }

/* Rows r..r+R of C, columns j..j+4·NV: R and NV are constants after inlining. */
INLINE void tile(const size_t R, const size_t NV, const float *a, size_t ars, size_t aks,
                 const float *b, size_t n, float *c, size_t k) {
  v128_t acc[MR][2];
  for (size_t r = 0; r < R; r++)
    for (size_t v = 0; v < NV; v++) acc[r][v] = wasm_f32x4_splat(0.0f);
  for (size_t p = 0; p < k; p++) {
    const float *bp = b + p * n;
    v128_t bv[2];
    for (size_t v = 0; v < NV; v++) bv[v] = wasm_v128_load(bp + 4 * v);
    const float *ap = a + p * aks;
    for (size_t r = 0; r < R; r++) {
      const v128_t av = wasm_v128_load32_splat(ap + r * ars);
      for (size_t v = 0; v < NV; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(av, bv[v]));
    }
  }
  for (size_t r = 0; r < R; r++)
    for (size_t v = 0; v < NV; v++) wasm_v128_store(c + r * n + 4 * v, acc[r][v]);
}

/* Rows r..r+R of C, one column (scalar tail). */
INLINE void tile_scalar(const size_t R, const float *a, size_t ars, size_t aks, const float *b,
                        size_t n, float *c, size_t k) {
  float acc[MR];
  for (size_t r = 0; r < R; r++) acc[r] = 0.0f;
  for (size_t p = 0; p < k; p++) {
    const float bp = b[p * n];
    for (size_t r = 0; r < R; r++) acc[r] += a[p * aks + r * ars] * bp;
  }
  for (size_t r = 0; r < R; r++) c[r * n] = acc[r];
}

/* One band of R rows across all n columns. */
INLINE void band(const size_t R, const float *a, size_t ars, size_t aks, const float *b, float *c,
                 size_t k, size_t n) {
  size_t j = 0;
  for (; j + 8 <= n; j += 8) tile(R, 2, a, ars, aks, b + j, n, c + j, k);
  if (j + 4 <= n) {
    tile(R, 1, a, ars, aks, b + j, n, c + j, k);
    j += 4;
  }
  for (; j < n; j++) tile_scalar(R, a, ars, aks, b + j, n, c + j, k);
}

/* C[m, n] = A(·,·) @ B[k, n], with A(i, p) = a[i·ars + p·aks]. */
static void gemm(const float *a, size_t ars, size_t aks, const float *b, float *c, size_t m,
                 size_t k, size_t n) {
  size_t i = 0;
  for (; i + MR <= m; i += MR) band(MR, a + i * ars, ars, aks, b, c + i * n, k, n);
  switch (m - i) {
    case 3: band(3, a + i * ars, ars, aks, b, c + i * n, k, n); break;
    case 2: band(2, a + i * ars, ars, aks, b, c + i * n, k, n); break;
    case 1: band(1, a + i * ars, ars, aks, b, c + i * n, k, n); break;
    default: break;
  }
}

EXPORT("bmm_nn")
void bmm_nn(const float *a, const float *b, float *c, size_t batch, size_t m, size_t k, size_t n) {
  for (size_t s = 0; s < batch; s++) gemm(a + s * m * k, k, 1, b + s * k * n, c + s * m * n, m, k, n);
}

EXPORT("bmm_tn")
void bmm_tn(const float *a, const float *b, float *c, size_t batch, size_t m, size_t k, size_t n) {
  for (size_t s = 0; s < batch; s++) gemm(a + s * k * m, 1, m, b + s * k * n, c + s * m * n, m, k, n);
}

/* `scratch` holds k·n floats: one transposed B[b] at a time. */
EXPORT("bmm_nt")
void bmm_nt(const float *a, const float *b, float *c, float *scratch, size_t batch, size_t m,
            size_t k, size_t n) {
  for (size_t s = 0; s < batch; s++) {
    const float *bs = b + s * n * k;
    for (size_t j = 0; j < n; j++)
      for (size_t p = 0; p < k; p++) scratch[p * n + j] = bs[j * k + p];
    gemm(a + s * m * k, k, 1, scratch, c + s * m * n, m, k, n);
  }
}
