export { linear, matMulFast, matMulNT } from './linear';
export { bmmSimd, bmmSimdNT } from './bmmSimd';
export { gatherConcat, gatherRows, splitColumns } from './rows';
export { embed } from './embedding';
export { tokenLogProbs } from './logprobs';
export { linearAuto, isFrozen, frozenMatMulTransposed, releaseTransposes } from './fused';
export { gelu, layerNorm } from './rowwise';
export { recordHostOps } from './kernels/timing';
export type { HostOpTime } from './kernels/timing';
