/**
 * Clip sets on disk: `clips.jsonl` (one `ClipSpec` per line) beside `features.bin` +
 * `features.json` (see `features.ts`). Features are also reproducible from the spec with
 * the frozen renderer (`renderClip`); the binary saves consumers the rendering.
 */
import * as path from 'path';
import {
  cueById,
  EMOTIONS,
  isCueId,
  SCENES,
  SOURCE_NAMES,
  SPEAKER_NOUNS,
  type ClipSpec,
  type CueModality,
  type CuePresence,
  type WorldConfig,
} from '../world';
import { FeatureStore, writeFeatures } from './features';
import { readJsonl, writeJsonl } from './jsonl';
import { arr, asObject, fail, num, oneOf, str, sub, withId, type Ctx } from './validate';

export function parseClipSpec(raw: unknown, ctx0: Ctx): ClipSpec {
  const o = asObject(raw, ctx0);
  const ctx = withId(ctx0, o.id);
  const id = str(o, 'id', ctx);
  const speaker = sub(o, 'speaker', ctx);
  const cues = (modality: CueModality): CuePresence[] =>
    arr(o, modality, ctx).map((v, i) => {
      const field = `${modality}[${i}]`;
      const p = asObject(v, ctx, field);
      const cue = str(p, 'cue', ctx, `${field}.`);
      if (!isCueId(cue)) fail(ctx, `${field}.cue`, `unknown cue "${cue}"`);
      if (cueById(cue).modality !== modality) fail(ctx, `${field}.cue`, `cue "${cue}" is ${cueById(cue).modality}, listed under ${modality}`);
      return {
        cue,
        onset: num(p, 'onset', ctx, { int: true, min: 0 }, `${field}.`),
        intensity: num(p, 'intensity', ctx, { min: 0 }, `${field}.`),
      };
    });
  return {
    id,
    source: oneOf(o, 'source', SOURCE_NAMES, ctx),
    emotion: oneOf(o, 'emotion', EMOTIONS, ctx),
    audioEmotion: oneOf(o, 'audioEmotion', EMOTIONS, ctx),
    videoEmotion: oneOf(o, 'videoEmotion', EMOTIONS, ctx),
    speaker: { id: str(speaker, 'id', ctx, 'speaker.'), noun: oneOf(speaker, 'noun', SPEAKER_NOUNS, ctx, 'speaker.') },
    scene: oneOf(o, 'scene', SCENES, ctx),
    audio: cues('audio'),
    visual: cues('visual'),
    seed: num(o, 'seed', ctx, { int: true, min: 0 }),
  };
}

export function readClipSpecs(file: string): ClipSpec[] {
  return readJsonl(file, parseClipSpec);
}

/** Clip specs with their features, addressable by clip (video) id. */
export class ClipSet {
  readonly byId: ReadonlyMap<string, ClipSpec>;

  constructor(
    readonly clips: readonly ClipSpec[],
    readonly features: FeatureStore,
  ) {
    this.byId = new Map(clips.map((c) => [c.id, c]));
  }

  clip(id: string): ClipSpec {
    const c = this.byId.get(id);
    if (c === undefined) throw new Error(`clip "${id}" not in this clip set`);
    return c;
  }
}

/** Writes `clips.jsonl`, `features.bin` and `features.json` into `dir`. */
export function writeClipSet(dir: string, clips: readonly ClipSpec[], world: WorldConfig): void {
  writeJsonl(path.join(dir, 'clips.jsonl'), clips);
  writeFeatures(dir, clips, world);
}

/** Opens a clip set written by `writeClipSet`, checking that specs and features cover the same ids. */
export function openClipSet(dir: string): ClipSet {
  const file = path.join(dir, 'clips.jsonl');
  const clips = readClipSpecs(file);
  const features = FeatureStore.open(dir);
  clips.forEach((c, i) => {
    if (!features.has(c.id)) fail({ file: path.join(dir, 'features.json'), item: `clip ${c.id}` }, 'ids', `no features for clip on line ${i + 1} of ${file}`);
  });
  return new ClipSet(clips, features);
}
