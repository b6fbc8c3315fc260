/*
 * e^t on four lanes: e^t = 2^k · e^r with k = round(t / ln 2), r = t − k·ln 2 (|r| ≤ ln2/2,
 * ln 2 split in a high and a low part), e^r by its Taylor series to degree 7 (relative error
 * < 1e-8); t is clamped to [−87, 88] so the result is always finite.
 */
#include <wasm_simd128.h>

static inline __attribute__((always_inline)) v128_t vexp(v128_t t) {
  t = wasm_f32x4_min(wasm_f32x4_max(t, wasm_f32x4_splat(-87.0f)), wasm_f32x4_splat(88.0f));
  /* k = round(t / ln 2) by the 1.5·2²³ trick: the sum's low mantissa bits hold k as an integer */
  const v128_t magic = wasm_f32x4_splat(12582912.0f);
  const v128_t kbits = wasm_f32x4_add(wasm_f32x4_mul(t, wasm_f32x4_splat(1.4426950408889634f)), magic);
  const v128_t k = wasm_f32x4_sub(kbits, magic);
  v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(k, wasm_f32x4_splat(0.693145751953125f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(k, wasm_f32x4_splat(1.4286068203094172e-6f)));
  v128_t p = wasm_f32x4_splat(1.0f / 5040.0f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 720.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 120.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 24.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f / 6.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(0.5f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.0f));
  const v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_sub(kbits, magic), wasm_i32x4_splat(127)), 23); /* 2^k */
  return wasm_f32x4_mul(p, scale);
}
