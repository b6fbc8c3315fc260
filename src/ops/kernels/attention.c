/*
 * Masked multi-head attention for short sequences, forward and backward in one kernel call
 * each, WebAssembly SIMD (128-bit). The heads stay interleaved in the model's row layout,
 * so no transposes are materialised in tfjs.
 *
 *   q [B, Tq, H·dh], k, v [B, Tk, H·dh], off = Tk − Tq ≥ 0: query i sits at key position
 *   off + i and sees keys j ≤ off + i (causal; the first `off` keys are a shared prefix).
 *
 *   attn_fwd: S_ij = scale · q_i·k_j,  P = softmax_j(S) (masked keys get exactly 0),
 *             ctx_i = Σ_j P_ij v_j.  Writes ctx [B, Tq, H·dh] and P [B, H, Tq, Tk].
 *   attn_bwd: from q, k, v, P and dctx:  dP_ij = dctx_i·v_j,  dS_ij = P_ij (dP_ij − Σ_j P_ij dP_ij),
 *             dq_i = scale Σ_j dS_ij k_j,  dk_j = scale Σ_i dS_ij q_i,  dv_j = Σ_i P_ij dctx_i.
 *
 * Per (batch, head) the keys (and values, backward) are first transposed into `scratch`
 * ([dh, Tk4], Tk4 = Tk rounded up to 4, zero-padded), so a query's scores are one pass of
 * 4-key vectors: s[j..j+4) += q_c · kᵀ[c, j..j+4). Weighted sums of rows (Σ_j P_ij v_j
 * and the three gradients) run over the head dimension in vectors. dh must be a multiple
 * of 4 (JS checks). `scratch` holds 2·dh·Tk4 + 2·Tq·Tk4 floats. exp: simd_exp.h.
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

/* dst[c·tk4 + j] = rows[j·stride + c] for j < tk, zero for tk ≤ j < tk4. */
static void transpose_rows(float *dst, const float *rows, size_t stride, size_t tk, size_t tk4, size_t dh) {
  for (size_t c = 0; c < dh; c++) {
    float *d = dst + c * tk4;
    for (size_t j = 0; j < tk; j++) d[j] = rows[j * stride + c];
    for (size_t j = tk; j < tk4; j++) d[j] = 0.0f;
  }
}

/* out[j] = Σ_c a[c] · bt[c·tk4 + j] for j < tk4 (a multiple of 4), 32 keys at a time in registers. */
static void row_times(float *out, const float *a, const float *bt, size_t tk4, size_t dh) {
  size_t j = 0;
  for (; j + 32 <= tk4; j += 32) {
    v128_t acc[8];
    for (int u = 0; u < 8; u++) acc[u] = wasm_f32x4_splat(0.0f);
    for (size_t c = 0; c < dh; c++) {
      const v128_t ac = wasm_f32x4_splat(a[c]);
      const float *b = bt + c * tk4 + j;
      for (int u = 0; u < 8; u++) acc[u] = wasm_f32x4_add(acc[u], wasm_f32x4_mul(ac, wasm_v128_load(b + 4 * u)));
    }
    for (int u = 0; u < 8; u++) wasm_v128_store(out + j + 4 * u, acc[u]);
  }
  for (; j < tk4; j += 4) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (size_t c = 0; c < dh; c++) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(a[c]), wasm_v128_load(bt + c * tk4 + j)));
    wasm_v128_store(out + j, acc);
  }
}

/* out[0..dh) (+)= Σ_{r<n} w[r·wstride] · rows[r·stride .. +dh), eight vectors at a time in registers. */
static void weighted_rows(float *out, int accumulate, const float *w, size_t wstride, const float *rows, size_t stride, size_t n, size_t dh) {
  size_t c = 0;
  for (; c + 32 <= dh; c += 32) {
    v128_t acc[8];
    for (int u = 0; u < 8; u++) acc[u] = accumulate ? wasm_v128_load(out + c + 4 * u) : wasm_f32x4_splat(0.0f);
    for (size_t r = 0; r < n; r++) {
      const v128_t wr = wasm_f32x4_splat(w[r * wstride]);
      const float *row = rows + r * stride + c;
      for (int u = 0; u < 8; u++) acc[u] = wasm_f32x4_add(acc[u], wasm_f32x4_mul(wr, wasm_v128_load(row + 4 * u)));
    }
    for (int u = 0; u < 8; u++) wasm_v128_store(out + c + 4 * u, acc[u]);
  }
  for (; c < dh; c += 4) {
    v128_t acc = accumulate ? wasm_v128_load(out + c) : wasm_f32x4_splat(0.0f);
    for (size_t r = 0; r < n; r++) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_splat(w[r * wstride]), wasm_v128_load(rows + r * stride + c)));
    wasm_v128_store(out + c, acc);
  }
}

/* Softmax of s[0..n) in place (n ≥ 1), entries n..tk set to 0. */
static void softmax_row(float *s, size_t n, size_t tk) {
  float mx = s[0];
  for (size_t j = 1; j < n; j++) mx = s[j] > mx ? s[j] : mx;
  const v128_t vmx = wasm_f32x4_splat(mx);
  float sum = 0.0f;
  size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const v128_t e = vexp(wasm_f32x4_sub(wasm_v128_load(s + j), vmx));
    wasm_v128_store(s + j, e);
    sum += wasm_f32x4_extract_lane(e, 0) + wasm_f32x4_extract_lane(e, 1) + wasm_f32x4_extract_lane(e, 2) + wasm_f32x4_extract_lane(e, 3);
  }
  if (j < n) {
    const v128_t e = vexp(wasm_f32x4_sub(wasm_f32x4_make(s[j], j + 1 < n ? s[j + 1] : mx, j + 2 < n ? s[j + 2] : mx, mx), vmx));
    const float es[4] = {wasm_f32x4_extract_lane(e, 0), wasm_f32x4_extract_lane(e, 1), wasm_f32x4_extract_lane(e, 2), wasm_f32x4_extract_lane(e, 3)};
    for (size_t u = 0; j + u < n; u++) {
      s[j + u] = es[u];
      sum += es[u];
    }
  }
  const float inv = 1.0f / sum;
  for (size_t t = 0; t < n; t++) s[t] *= inv;
  for (size_t t = n; t < tk; t++) s[t] = 0.0f;
}

EXPORT("attn_fwd")
void attn_fwd(const float *q, const float *k, const float *v, float *ctx, float *p, float *scratch, size_t nb, size_t nh,
              size_t tq, size_t tk, size_t dh, float scale) {
  const size_t d = nh * dh, off = tk - tq, tk4 = (tk + 3) & ~(size_t)3;
  float *kt = scratch, *srow = scratch + dh * tk4;
  for (size_t b = 0; b < nb; b++)
    for (size_t h = 0; h < nh; h++) {
      const float *kb = k + b * tk * d + h * dh, *vb = v + b * tk * d + h * dh;
      transpose_rows(kt, kb, d, tk, tk4, dh);
      for (size_t i = 0; i < tq; i++) {
        const size_t n = off + i + 1; /* visible keys */
        row_times(srow, q + (b * tq + i) * d + h * dh, kt, tk4, dh);
        for (size_t j = 0; j < n; j++) srow[j] *= scale;
        softmax_row(srow, n, tk);
        float *pi = p + ((b * nh + h) * tq + i) * tk;
        for (size_t j = 0; j < tk; j++) pi[j] = srow[j];
        weighted_rows(ctx + (b * tq + i) * d + h * dh, 0, pi, 1, vb, d, n, dh);
      }
    }
}

EXPORT("attn_bwd")
void attn_bwd(const float *q, const float *k, const float *v, const float *p, const float *dctx, float *dq, float *dk,
              float *dv, float *scratch, size_t nb, size_t nh, size_t tq, size_t tk, size_t dh, float scale) {
  const size_t d = nh * dh, off = tk - tq, tk4 = (tk + 3) & ~(size_t)3;
  float *vt = scratch, *ds = scratch + dh * tk4; /* ds: [tq, tk4], scale · dS */
  for (size_t b = 0; b < nb; b++)
    for (size_t h = 0; h < nh; h++) {
      const size_t hb = (b * nh + h) * tq * tk;
      const float *kb = k + b * tk * d + h * dh, *vb = v + b * tk * d + h * dh;
      const float *qb = q + b * tq * d + h * dh, *gb = dctx + b * tq * d + h * dh;
      transpose_rows(vt, vb, d, tk, tk4, dh);
      for (size_t i = 0; i < tq; i++) {
        const size_t n = off + i + 1;
        const float *pi = p + hb + i * tk;
        float *dsi = ds + i * tk4;
        row_times(dsi, gb + i * d, vt, tk4, dh); /* dP_i· */
        float rowdot = 0.0f;
        for (size_t j = 0; j < n; j++) rowdot += pi[j] * dsi[j];
        for (size_t j = 0; j < n; j++) dsi[j] = scale * pi[j] * (dsi[j] - rowdot);
        for (size_t j = n; j < tk4; j++) dsi[j] = 0.0f;
        weighted_rows(dq + (b * tq + i) * d + h * dh, 0, dsi, 1, kb, d, n, dh);
      }
      for (size_t j = 0; j < tk; j++) {
        const size_t first = j > off ? j - off : 0; /* queries that see key j */
        float *dkj = dk + (b * tk + j) * d + h * dh, *dvj = dv + (b * tk + j) * d + h * dh;
        weighted_rows(dkj, 0, ds + first * tk4 + j, tk4, qb + first * d, d, tq - first, dh);
        weighted_rows(dvj, 0, p + hb + first * tk + j, tk, gb + first * d, d, tq - first, dh);
      }
    }
}
