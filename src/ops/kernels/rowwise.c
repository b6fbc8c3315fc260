/*
 * Fused row-wise kernels, WebAssembly SIMD (128-bit): LayerNorm and the sigmoid form of
 * the tanh GELU, forward and backward, each one pass over its rows. On tfjs-wasm each of
 * these is 6–10 separate elementwise kernels (a LayerNorm forward alone is ~10).
 *
 *   layernorm_fwd: y = (x − μ) · r · g + b,  μ, r = 1/√(σ² + ε) per row of x [n, d]
 *   layernorm_bwd: from x, g, dy: x̂ = (x − μ) · r, dx = r · (dy·g − mean(dy·g) − x̂ · mean(dy·g·x̂)),
 *                  dg += Σ_rows dy·x̂, db += Σ_rows dy (dg, db are zeroed here first)
 *   gelu_fwd:      y = x · σ(2u), u = c · (x + a·x³)            (= 0.5·x·(1 + tanh u))
 *   gelu_bwd:      dx = dy · (s + x·s·(1 − s)·2c·(1 + 3a·x²)),  s = σ(2u)
 *
 * Arrays are dense and row-major in this module's memory (JS places them above
 * `heap_base()`). d need not be a multiple of 4 (scalar tails). exp: simd_exp.h.
 *
 * Rebuild: scripts/build-wasm.sh.
 */
#include <wasm_simd128.h>
#include "simd_exp.h"

typedef __SIZE_TYPE__ size_t;

#define INLINE static inline __attribute__((always_inline))
#define EXPORT(name) __attribute__((export_name(name)))

extern unsigned char __heap_base;

EXPORT("heap_base") size_t heap_base(void) { return (size_t)&__heap_base; }

#define GELU_C 0.7978845608028654f /* √(2/π) */
#define GELU_A 0.044715f

/* σ(2u) for u = c·(x + a·x³), and 2u'(x) = 2c·(1 + 3a·x²). */
INLINE v128_t gelu_gate(v128_t x, v128_t *du2) {
  const v128_t x2 = wasm_f32x4_mul(x, x);
  const v128_t two_u = wasm_f32x4_mul(x, wasm_f32x4_add(wasm_f32x4_mul(x2, wasm_f32x4_splat(2.0f * GELU_C * GELU_A)), wasm_f32x4_splat(2.0f * GELU_C)));
  if (du2) *du2 = wasm_f32x4_add(wasm_f32x4_mul(x2, wasm_f32x4_splat(6.0f * GELU_C * GELU_A)), wasm_f32x4_splat(2.0f * GELU_C));
  const v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, vexp(wasm_f32x4_neg(two_u))));
}

/* Loads lanes [i, i+4) of p, or the `left` (< 4) remaining ones padded with zeros. */
INLINE v128_t load(const float *p, size_t left) {
  if (left >= 4) return wasm_v128_load(p);
  return wasm_f32x4_make(p[0], left > 1 ? p[1] : 0.0f, left > 2 ? p[2] : 0.0f, 0.0f);
}

/* Stores lanes [i, i+4) of p, or only the `left` (< 4) remaining ones. */
INLINE void store(float *p, v128_t v, size_t left) {
  if (left >= 4) {
    wasm_v128_store(p, v);
    return;
  }
  p[0] = wasm_f32x4_extract_lane(v, 0);
  if (left > 1) p[1] = wasm_f32x4_extract_lane(v, 1);
  if (left > 2) p[2] = wasm_f32x4_extract_lane(v, 2);
}

INLINE float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

/* Mean and 1/√(var + eps) of one row. Zero padding of the tail adds nothing to either sum. */
INLINE void row_stats(const float *x, size_t d, float eps, float *mean, float *rstd) {
  v128_t s = wasm_f32x4_splat(0.0f);
  for (size_t j = 0; j < d; j += 4) s = wasm_f32x4_add(s, load(x + j, d - j));
  const float mu = hsum(s) / (float)d;
  const v128_t vmu = wasm_f32x4_splat(mu);
  v128_t q = wasm_f32x4_splat(0.0f);
  for (size_t j = 0; j < d; j += 4) {
    const size_t left = d - j;
    v128_t c = wasm_f32x4_sub(load(x + j, left), vmu);
    if (left < 4) c = wasm_f32x4_mul(c, wasm_f32x4_make(1.0f, left > 1, left > 2, 0.0f)); /* padded lanes are 0 − μ */
    q = wasm_f32x4_add(q, wasm_f32x4_mul(c, c));
  }
  *mean = mu;
  *rstd = 1.0f / __builtin_sqrtf(hsum(q) / (float)d + eps);
}

EXPORT("layernorm_fwd")
void layernorm_fwd(const float *x, const float *g, const float *b, float *y, size_t n, size_t d, float eps) {
  for (size_t i = 0; i < n; i++) {
    const float *xr = x + i * d;
    float *yr = y + i * d;
    float mu, rs;
    row_stats(xr, d, eps, &mu, &rs);
    const v128_t vmu = wasm_f32x4_splat(mu), vrs = wasm_f32x4_splat(rs);
    for (size_t j = 0; j < d; j += 4) {
      const size_t left = d - j;
      const v128_t xh = wasm_f32x4_mul(wasm_f32x4_sub(load(xr + j, left), vmu), vrs);
      store(yr + j, wasm_f32x4_add(wasm_f32x4_mul(xh, load(g + j, left)), load(b + j, left)), left);
    }
  }
}

EXPORT("layernorm_bwd")
void layernorm_bwd(const float *x, const float *g, const float *dy, float *dx, float *dg, float *db, size_t n, size_t d, float eps) {
  for (size_t j = 0; j < d; j++) dg[j] = db[j] = 0.0f;
  for (size_t i = 0; i < n; i++) {
    const float *xr = x + i * d, *dyr = dy + i * d;
    float *dxr = dx + i * d;
    float mu, rs;
    row_stats(xr, d, eps, &mu, &rs);
    const v128_t vmu = wasm_f32x4_splat(mu), vrs = wasm_f32x4_splat(rs);
    v128_t s1 = wasm_f32x4_splat(0.0f), s2 = wasm_f32x4_splat(0.0f);
    for (size_t j = 0; j < d; j += 4) {
      const size_t left = d - j;
      const v128_t xh = wasm_f32x4_mul(wasm_f32x4_sub(load(xr + j, left), vmu), vrs);
      const v128_t dyv = load(dyr + j, left);
      const v128_t dyg = wasm_f32x4_mul(dyv, load(g + j, left));
      s1 = wasm_f32x4_add(s1, dyg);
      s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(dyg, xh));
      store(dg + j, wasm_f32x4_add(load(dg + j, left), wasm_f32x4_mul(dyv, xh)), left);
      store(db + j, wasm_f32x4_add(load(db + j, left), dyv), left);
    }
    const v128_t m1 = wasm_f32x4_splat(hsum(s1) / (float)d), m2 = wasm_f32x4_splat(hsum(s2) / (float)d);
    for (size_t j = 0; j < d; j += 4) {
      const size_t left = d - j;
      const v128_t xh = wasm_f32x4_mul(wasm_f32x4_sub(load(xr + j, left), vmu), vrs);
      const v128_t dyg = wasm_f32x4_mul(load(dyr + j, left), load(g + j, left));
      store(dxr + j, wasm_f32x4_mul(vrs, wasm_f32x4_sub(wasm_f32x4_sub(dyg, m1), wasm_f32x4_mul(xh, m2))), left);
    }
  }
}

EXPORT("gelu_fwd")
void gelu_fwd(const float *x, float *y, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t xv = wasm_v128_load(x + i);
    wasm_v128_store(y + i, wasm_f32x4_mul(xv, gelu_gate(xv, 0)));
  }
  if (i < n) {
    const v128_t xv = load(x + i, n - i);
    store(y + i, wasm_f32x4_mul(xv, gelu_gate(xv, 0)), n - i);
  }
}

INLINE v128_t gelu_grad(v128_t xv, v128_t dyv) {
  v128_t du2;
  const v128_t s = gelu_gate(xv, &du2);
  const v128_t d = wasm_f32x4_add(s, wasm_f32x4_mul(wasm_f32x4_mul(xv, wasm_f32x4_mul(s, wasm_f32x4_sub(wasm_f32x4_splat(1.0f), s))), du2));
  return wasm_f32x4_mul(dyv, d);
}

EXPORT("gelu_bwd")
void gelu_bwd(const float *x, const float *dy, float *dx, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dx + i, gelu_grad(wasm_v128_load(x + i), wasm_v128_load(dy + i)));
  if (i < n) store(dx + i, gelu_grad(load(x + i, n - i), load(dy + i, n - i)), n - i);
}
