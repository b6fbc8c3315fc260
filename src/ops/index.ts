export { linear, matMulFast } from './linear';
export { embed } from './embedding';
export { tokenLogProbs } from './logprobs';
