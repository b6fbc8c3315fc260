/*
 * Masked multi-head attention for short sequences, forward and backward in one kernel call
 * each, WebAssembly SIMD (128-bit) over the head dimension. The heads stay interleaved in
 * the model's row layout, so no transposes are needed on either pass.
 *
 *   q [B, Tq, H·dh], k, v [B, Tk, H·dh], off = Tk − Tq ≥ 0: query i sits at key position
 *   off + i and sees keys j ≤ off + i (causal; the first `off` keys are a shared prefix).
 *
 *   attn_fwd: S_ij = scale · q_i·k_j,  P = softmax_j(S) (masked keys get exactly 0),
 *             ctx_i = Σ_j P_ij v_j.  Writes ctx [B, Tq, H·dh] and P [B, H, Tq, Tk].
 *   attn_bwd: from q, k, v, P and dctx:  dP_ij = dctx_i·v_j,  dS_ij = P_ij (dP_ij − Σ_j P_ij dP_ij),
 *             dq_i = scale Σ_j dS_ij k_j,  dk_j = scale Σ_i dS_ij q_i,  dv_j = Σ_i P_ij dctx_i.
 *             `ds` is scratch for one row of Tk floats.
 *
 * dh must be a multiple of 4 (JS checks). exp is the same range-reduced Taylor exp as in
 * rowwise.c, scalar here. Rebuild: scripts/build-wasm.sh.
 */
#include <wasm_simd128.h>

typedef __SIZE_TYPE__ size_t;

#define INLINE static inline __attribute__((always_inline))
#define EXPORT(name) __attribute__((export_name(name)))

extern unsigned char __heap_base;

EXPORT("heap_base") size_t heap_base(void) { return (size_t)&__heap_base; }

/* e^t for t ≤ 0 (scores minus their row maximum), clamped below at −87. */
INLINE float exp_nonpos(float t) {
  if (t < -87.0f) t = -87.0f;
  const float k = __builtin_nearbyintf(t * 1.4426950408889634f);
  float r = t - k * 0.693145751953125f;
  r = r - k * 1.4286068203094172e-6f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  union { float f; int i; } s;
  s.i = ((int)k + 127) << 23;
  return p * s.f;
}

INLINE float dot(const float *a, const float *b, size_t dh) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  for (size_t c = 0; c < dh; c += 4) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + c), wasm_v128_load(b + c)));
  return wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1) + wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3);
}

/* y += w · x over dh floats. */
INLINE void axpy(float *y, float w, const float *x, size_t dh) {
  const v128_t vw = wasm_f32x4_splat(w);
  for (size_t c = 0; c < dh; c += 4) wasm_v128_store(y + c, wasm_f32x4_add(wasm_v128_load(y + c), wasm_f32x4_mul(vw, wasm_v128_load(x + c))));
}

INLINE void zero(float *y, size_t n) {
  for (size_t c = 0; c < n; c++) y[c] = 0.0f;
}

EXPORT("attn_fwd")
void attn_fwd(const float *q, const float *k, const float *v, float *ctx, float *p, size_t nb, size_t nh,
              size_t tq, size_t tk, size_t dh, float scale) {
  const size_t d = nh * dh, off = tk - tq;
  for (size_t b = 0; b < nb; b++)
    for (size_t h = 0; h < nh; h++)
      for (size_t i = 0; i < tq; i++) {
        const float *qi = q + (b * tq + i) * d + h * dh;
        float *pi = p + ((b * nh + h) * tq + i) * tk;
        const size_t last = off + i; /* keys 0 … last are visible */
        float mx = -3.4e38f;
        for (size_t j = 0; j <= last; j++) {
          const float s = scale * dot(qi, k + (b * tk + j) * d + h * dh, dh);
          pi[j] = s;
          if (s > mx) mx = s;
        }
        float sum = 0.0f;
        for (size_t j = 0; j <= last; j++) {
          pi[j] = exp_nonpos(pi[j] - mx);
          sum += pi[j];
        }
        const float inv = 1.0f / sum;
        float *ci = ctx + (b * tq + i) * d + h * dh;
        zero(ci, dh);
        for (size_t j = 0; j <= last; j++) {
          pi[j] *= inv;
          axpy(ci, pi[j], v + (b * tk + j) * d + h * dh, dh);
        }
        for (size_t j = last + 1; j < tk; j++) pi[j] = 0.0f;
      }
}

EXPORT("attn_bwd")
void attn_bwd(const float *q, const float *k, const float *v, const float *p, const float *dctx, float *dq, float *dk,
              float *dv, float *ds, size_t nb, size_t nh, size_t tq, size_t tk, size_t dh, float scale) {
  const size_t d = nh * dh, off = tk - tq;
  zero(dk, nb * tk * d);
  zero(dv, nb * tk * d);
  for (size_t b = 0; b < nb; b++)
    for (size_t h = 0; h < nh; h++)
      for (size_t i = 0; i < tq; i++) {
        const float *pi = p + ((b * nh + h) * tq + i) * tk;
        const float *gi = dctx + (b * tq + i) * d + h * dh;
        const float *qi = q + (b * tq + i) * d + h * dh;
        float *dqi = dq + (b * tq + i) * d + h * dh;
        const size_t last = off + i;
        float rowdot = 0.0f;
        for (size_t j = 0; j <= last; j++) {
          const size_t kv = (b * tk + j) * d + h * dh;
          ds[j] = dot(gi, v + kv, dh); /* dP_ij */
          rowdot += pi[j] * ds[j];
          axpy(dv + kv, pi[j], gi, dh);
        }
        zero(dqi, dh);
        for (size_t j = 0; j <= last; j++) {
          const size_t kv = (b * tk + j) * d + h * dh;
          const float g = scale * pi[j] * (ds[j] - rowdot); /* scale · dS_ij */
          axpy(dqi, g, k + kv, dh);
          axpy(dk + kv, g, qi, dh);
        }
      }
}
