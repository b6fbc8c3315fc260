#!/usr/bin/env bash
# Rebuilds src/ops/kernels/bmm.wasm (the SIMD batched-matmul kernel) from bmm.c.
#
# The .wasm is checked in, so users and CI need no compiler; run this only after
# editing bmm.c, then run `npx vitest run tests/ops` and commit both files.
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
# -nostdlib / --no-entry: a freestanding module with no libc and no start function.
# --strip-all: no names or debug sections in the checked-in binary.
"$clang" --target=wasm32 -msimd128 -O3 -nostdlib -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--strip-all \
  -o "$dir/bmm.wasm" "$dir/bmm.c"

echo "wrote $dir/bmm.wasm ($(wc -c <"$dir/bmm.wasm") bytes)"
