/**
 * The procedural audiovisual emotion world (SPEC §3): emotions, cue inventories, the
 * text prior, speakers and scenes, clip sampling and the frozen feature renderer.
 */
export * from './emotions';
export * from './cues';
export * from './prior';
export * from './speakers';
export * from './config';
export * from './clip';
export { envelope } from './envelope';
export * from './render';
export * from './lexicon';
