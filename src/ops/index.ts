export { linear, matMulFast } from './linear';
export { bmmSimd } from './bmmSimd';
export { embed } from './embedding';
export { tokenLogProbs } from './logprobs';
export { linearAuto, isFrozen, gelu } from './fused';
