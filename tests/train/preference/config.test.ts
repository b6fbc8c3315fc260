import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../../src/config';
import { defaultPreferenceTrainConfig, rejectedPicks, resolvePreference, responsesNeeded, splitHeldOut } from '../../../src/train';

describe('PreferenceTrainConfig', () => {
  it('defaults to the paper: AVEm-DPO knobs, its own rejected input and responses, one epoch, 10 % held out', () => {
    const cfg = defaultPreferenceTrainConfig();
    expect([cfg.epochs, cfg.heldOutFraction, cfg.trainable]).toEqual([1, 0.1, 'lora']);
    const r = resolvePreference(cfg);
    expect(r.options).toEqual({ beta: 0.1, rejectedWeights: [0.5, 0.5], gammaTpd: 0.2, lambdaAv: 1 });
    expect([r.responses, r.rejectedInput, r.textPrior]).toEqual([['yVr', 'yEr'], 'pmp-diff-emotion', true]);
  });

  it('every row of Tables 17 and 18 is an override of avem-dpo', () => {
    const base = defaultPreferenceTrainConfig('avem-dpo');
    const t17 = resolvePreference(applyOverrides(base, ['rejectedInput=both-random-tensor']));
    expect(t17.rejectedInput).toBe('both-random-tensor');
    const t18 = resolvePreference(applyOverrides(base, ['rejectedResponses=[{"source":"yEr","weight":0.5},{"source":"yIrr","weight":0.5}]']));
    expect([t18.responses, t18.options.rejectedWeights]).toEqual([
      ['yEr', 'yIrr'],
      [0.5, 0.5],
    ]);
    const single = resolvePreference(applyOverrides(base, ['rejectedResponses=[{"source":"yVr","weight":1}]']));
    expect(single.options.rejectedWeights).toEqual([1]);
    expect(resolvePreference(applyOverrides(base, ['objective.lambdaAv=0'])).rejectedInput).toBeUndefined();
    expect(resolvePreference(applyOverrides(base, ['objective.gammaTpd=0'])).textPrior).toBe(false);
  });

  it('rejects contradictions and bad values, naming the field', () => {
    const base = defaultPreferenceTrainConfig('avem-dpo');
    expect(() =>
      resolvePreference({ ...base, objective: { name: 'avem-dpo', betaVr: 0.7, betaEr: 0.3 }, rejectedResponses: [{ source: 'yVr', weight: 1 }] }),
    ).toThrow(/not both/);
    expect(() => resolvePreference({ ...base, rejectedResponses: [{ source: 'yVr', weight: 0.6 }] })).toThrow(/sum to 1/);
    expect(() => resolvePreference({ ...defaultPreferenceTrainConfig('naive-dpo'), rejectedInput: 'pmp-random-clip' })).toThrow(/no input term/);
    expect(() => resolvePreference({ ...base, rejectedInput: 'prompt-random' as never })).toThrow(/unknown rejected-input kind/);
    expect(() => resolvePreference({ ...base, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolvePreference({ ...base, objective: { name: 'naive-dpo', gammaTpd: 0.1 } as never })).toThrow(/no knob 'gammaTpd'/);
  });

  it('holds out a fixed 10 % by sample id, and picks y_vr / y_er per sample from the seed', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `pref-${String(i).padStart(6, '0')}` }));
    const s = splitHeldOut(items, 0.1);
    expect(s.heldOut.length / 2000).toBeGreaterThan(0.08);
    expect(s.heldOut.length / 2000).toBeLessThan(0.12);
    expect(splitHeldOut(items.slice(0, 1000), 0.1).heldOut).toEqual(s.heldOut.filter((i) => i < 1000)); // by id, not by position or count
    const a = rejectedPicks(100, ['random-of-yVr-yEr'], 7);
    expect(rejectedPicks(100, ['random-of-yVr-yEr'], 7)).toEqual(a);
    expect(rejectedPicks(100, ['random-of-yVr-yEr'], 8)).not.toEqual(a);
    const share = a.filter((p) => p[0] === 'yVr').length / 100;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
    expect(rejectedPicks(3, ['yVr', 'yIrr'], 0)).toEqual([
      ['yVr', 'yIrr'],
      ['yVr', 'yIrr'],
      ['yVr', 'yIrr'],
    ]);
    expect(responsesNeeded(['random-of-yVr-yEr'])).toEqual(['yW', 'yVr', 'yEr']);
  });
});
