export { linear, matMulFast, matMulNT } from './linear';
export { bmmSimd, bmmSimdNT } from './bmmSimd';
export { gatherRows, splitColumns } from './rows';
export { embed } from './embedding';
export { tokenLogProbs } from './logprobs';
export { linearAuto, isFrozen } from './fused';
export { gelu, layerNorm } from './rowwise';
export { attentionKernel, useAttentionKernel } from './attention';
