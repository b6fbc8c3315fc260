export { Rng, hashString } from './rng';
