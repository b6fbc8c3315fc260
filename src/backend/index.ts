export { initBackend, backendInfo } from './init';
export type { BackendInfo, BackendName } from './init';
