/**
 * Loading one of our WebAssembly kernel modules (`*.wasm` beside this file, built from the
 * `.c` sources by scripts/build-wasm.sh) and laying out operands in its memory.
 *
 * Modules are compiled synchronously on first use, so ops stay synchronous. Each module
 * owns its memory: JS copies operands above `heap_base()`, every operand on a 16-byte
 * boundary, growing the memory on demand (never shrinking).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The WebAssembly JS API members used here (tsconfig's `lib` has no WebAssembly types). */
interface WasmJsApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmJs = (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly;

/** What every kernel module exports besides its kernels. */
export interface ModuleBase {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heap_base(): number;
}

const PAGE_BYTES = 65536;

/** Bytes rounded up to 16 so every operand starts on a SIMD-vector boundary. */
const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

export class KernelModule<E extends ModuleBase> {
  private instance: E | undefined;

  /** `name`: the module's file name without `.wasm`. */
  constructor(private readonly name: string) {}

  get exports(): E {
    if (this.instance === undefined) {
      const file = path.join(__dirname, `${this.name}.wasm`);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        throw new Error(`kernel module ${this.name}: cannot read ${file} (rebuild it with scripts/build-wasm.sh): ${(e as Error).message}`);
      }
      this.instance = new wasmJs.Instance(new wasmJs.Module(bytes), {}).exports as E;
    }
    return this.instance;
  }

  /**
   * Byte offsets for operands of `floats[i]` float32 values each, laid out one after the
   * other, and a view of the memory taken after any growth (growing detaches old views).
   */
  layout(floats: number[]): { heap: Float32Array; at: number[] } {
    const wasm = this.exports;
    const at: number[] = [];
    let end = align16(wasm.heap_base());
    for (const n of floats) {
      at.push(end);
      end += align16(4 * n);
    }
    const have = wasm.memory.buffer.byteLength;
    if (end > have) wasm.memory.grow(Math.ceil((end - have) / PAGE_BYTES));
    return { heap: new Float32Array(wasm.memory.buffer), at };
  }
}
