import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRASTIVE, type RunOutcome, type RunSpec } from '../../src/experiments';
import { PayloadError, validateJobData, validateOutcome, validateRunSpec } from '../../src/queue';
import { defaultReferenceBuildConfig } from '../../src/train';
import { microBuild } from '../fixtures/microBuild';

const reference: RunSpec = { kind: 'reference', reference: 'base', seed: 1, scorer: { kind: 'likelihood' } };
const preference: RunSpec = { kind: 'preference', reference: 'emotionllama', seed: 3, objective: 'avem-dpo-no-tpd', set: ['lr=0.005', 'checkpointEvery=0'] };

/** The message of the PayloadError `f` throws. */
function rejection(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PayloadError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

const job = (spec: unknown, build: unknown = microBuild()) => ({ v: 1, spec, build });

describe('job payload', () => {
  it('accepts every RunSpec form with the micro and the default build, unchanged', () => {
    for (const spec of [reference, preference, { ...reference, scorer: DEFAULT_CONTRASTIVE }] as RunSpec[]) {
      for (const build of [microBuild(), defaultReferenceBuildConfig()]) {
        const d = validateJobData(JSON.parse(JSON.stringify(job(spec, build))));
        expect(d.spec).toEqual(spec);
        expect(d.build).toEqual(build);
      }
    }
  });
  it('rejects specs outside the RunSpec union, naming the field', () => {
    expect(rejection(() => validateRunSpec({ ...reference, kind: 'shell' }))).toMatch(/spec\.kind: expected one of reference, preference/);
    expect(rejection(() => validateRunSpec({ ...reference, reference: 'gpt' }))).toMatch(/spec\.reference/);
    expect(rejection(() => validateRunSpec({ ...reference, seed: -1 }))).toMatch(/spec\.seed/);
    expect(rejection(() => validateRunSpec({ ...reference, seed: 1.5 }))).toMatch(/spec\.seed/);
    expect(rejection(() => validateRunSpec({ ...reference, cmd: 'rm -rf /' }))).toMatch(/unexpected key "cmd"/);
    expect(rejection(() => validateRunSpec({ ...reference, scorer: { kind: 'contrastive', alpha: 1 } }))).toMatch(/spec\.scorer: missing key "beta"/);
    expect(rejection(() => validateRunSpec({ ...preference, objective: 'eval' }))).toMatch(/spec\.objective/);
    expect(rejection(() => validateRunSpec({ ...preference, set: 'lr=1' }))).toMatch(/spec\.set: expected an array/);
    expect(rejection(() => validateRunSpec({ ...preference, set: ['no equals sign'] }))).toMatch(/spec\.set\[0\]: .*path=value/);
    expect(rejection(() => validateRunSpec({ ...preference, set: [{ toString: 'x' }] }))).toMatch(/spec\.set\[0\]/);
    expect(rejection(() => validateRunSpec(null))).toMatch(/spec: expected an object/);
  });
  it('rejects a build config of another shape, and prototype keys anywhere', () => {
    const b = microBuild();
    expect(rejection(() => validateJobData(job(reference, { ...b, script: '/tmp/x.js' })))).toMatch(/job\.build: unexpected key "script"/);
    expect(rejection(() => validateJobData(job(reference, { ...b, sft: { ...b.sft, epochs: '1' } })))).toMatch(
      /job\.build\.sft\.epochs: expected number, got string/,
    );
    expect(rejection(() => validateJobData(job(reference, { ...b, sft: { ...b.sft, trainable: 'everything' } })))).toMatch(/sft\.trainable/);
    expect(rejection(() => validateJobData(job(reference, { ...b, data: { ...b.data, extra: 1 } })))).toMatch(/job\.build\.data: unknown key "extra"/);
    const noSeed: Record<string, unknown> = { ...b.data };
    delete noSeed['seed'];
    expect(rejection(() => validateJobData(job(reference, { ...b, data: noSeed })))).toMatch(/missing key "seed"/);
    expect(rejection(() => validateJobData(job(reference, { ...b, model: { dModel: -4 } })))).toMatch(/job\.build\.model: .*dModel/);
    expect(rejection(() => validateJobData(job(reference, { ...b, projectors: { base: { kind: 'exec' }, emotionllama: b.projectors.emotionllama } })))).toMatch(
      /projectors\.base\.kind/,
    );
    const polluted = JSON.parse(
      `{"v":1,"spec":${JSON.stringify(reference)},"build":${JSON.stringify({ ...b, model: {} }).replace('"model":{}', '"model":{"__proto__":{"polluted":true}}')}}`,
    ) as unknown;
    expect(rejection(() => validateJobData(polluted))).toMatch(/forbidden key "__proto__"/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('rejects other payload versions, extra keys and oversized payloads', () => {
    expect(rejection(() => validateJobData({ ...job(reference), v: 2 }))).toMatch(/job\.v/);
    expect(rejection(() => validateJobData({ ...job(reference), root: '/etc' }))).toMatch(/unexpected key "root"/);
    expect(
      rejection(() =>
        validateJobData(job({ ...preference, set: Array.from({ length: 60 }, () => `lr=${'1'.repeat(500)}`) }, { ...microBuild(), pad: 'x'.repeat(1 << 20) })),
      ),
    ).toMatch(/more than/);
  });
});

describe('worker result', () => {
  const expected = { backend: 'wasm', code: { train: 2, preference: 1, score: 2 } };
  const outcome = (over: Partial<Record<keyof RunOutcome, unknown>> = {}) => ({
    spec: reference,
    seed: 1,
    backend: 'wasm',
    code: { train: 2, preference: 1, score: 2 },
    score: { table5: {} },
    training: null,
    wallSeconds: 1.5,
    finishedAt: new Date(0).toISOString(),
    ...over,
  });
  it('is accepted only for the run asked for, from the same code and backend', () => {
    expect(validateOutcome(outcome(), reference, expected).seed).toBe(1);
    expect(rejection(() => validateOutcome(outcome({ spec: preference }), reference, expected))).toMatch(/not the run asked for/);
    expect(rejection(() => validateOutcome(outcome({ backend: 'cpu' }), reference, expected))).toMatch(/computed on "cpu"/);
    expect(rejection(() => validateOutcome(outcome({ code: { train: 1, preference: 1, score: 2 } }), reference, expected))).toMatch(/code versions/);
    expect(rejection(() => validateOutcome(outcome({ score: 'ok' }), reference, expected))).toMatch(/result\.score/);
    expect(rejection(() => validateOutcome({ ...outcome(), path: '/tmp' }, reference, expected))).toMatch(/unexpected key "path"/);
  });
});
