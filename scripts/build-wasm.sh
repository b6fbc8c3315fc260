#!/usr/bin/env bash
# Rebuilds the WebAssembly kernels in src/ops/kernels from their C sources:
# bmm.c (SIMD batched matmul) and rowwise.c (LayerNorm, GELU).
#
# The .wasm files are checked in, so users and CI need no compiler; run this only after
# editing a .c file, then run `npx vitest run tests/ops` and commit both files.
#
# Needs clang and lld with the wasm32 target (Debian 12: `apt-get install -y clang lld`,
# which gives clang-14 and wasm-ld). Usage: bash scripts/build-wasm.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/src/ops/kernels"
clang="${CLANG:-clang}"

if ! command -v "$clang" >/dev/null; then
  echo "build-wasm.sh: $clang not found (Debian: apt-get install -y clang lld)" >&2
  exit 1
fi

# -msimd128: 128-bit SIMD (every current engine; tfjs-wasm's own SIMD build needs it too).
# -nostdlib / --no-entry: a freestanding module with no libc and no start function;
# -fno-builtin: no calls to memset/memcpy for zeroing or copying loops (there is no libc).
# --strip-all: no names or debug sections in the checked-in binary.
for name in bmm rowwise; do
  "$clang" --target=wasm32 -msimd128 -O3 -nostdlib -fno-builtin -Wall -Wextra -Werror \
    -Wl,--no-entry -Wl,--strip-all \
    -o "$dir/$name.wasm" "$dir/$name.c"
  echo "wrote $dir/$name.wasm ($(wc -c <"$dir/$name.wasm") bytes)"
done
