/** Worker-thread pool with typed request/response calls, and a shared-memory gradient exchange. */
export { startPool, WorkerError } from './pool';
export type { PoolOptions, WorkerPool } from './pool';
export { serve } from './serve';
export type { Handlers } from './protocol';
export { createGradientExchange, gradientSlot, sumGradients } from './gradients';
export type { GradientExchange } from './gradients';
