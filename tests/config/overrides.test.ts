import { describe, expect, it } from 'vitest';
import { applyOverrides, configPaths } from '../../src/config';

const base = {
  objective: { name: 'avem-dpo', beta: 0.1 },
  lr: 1e-4,
  weights: [0.5, 0.5],
  progress: true,
  rejectedInput: null as string | null,
  sources: [{ source: 'yVr', weight: 0.5 }],
};

describe('applyOverrides', () => {
  it('sets dotted paths with JSON values (else strings), leaving the base untouched', () => {
    const out = applyOverrides(base, [
      'objective.beta=0.2',
      'weights=[0.7,0.3]',
      'objective.name=naive-dpo',
      'progress=false',
      'sources.0.weight=1',
      'lr=3e-4',
    ]);
    expect(out).toEqual({
      ...base,
      objective: { name: 'naive-dpo', beta: 0.2 },
      weights: [0.7, 0.3],
      progress: false,
      sources: [{ source: 'yVr', weight: 1 }],
      lr: 3e-4,
    });
    expect(base.objective.beta).toBe(0.1);
    expect(base.sources[0]!.weight).toBe(0.5);
  });

  it('names an unknown key and lists the closest ones', () => {
    expect(() => applyOverrides(base, ['objective.bta=1'])).toThrow(/unknown key "objective.bta"; closest keys: objective.beta/);
    expect(() => applyOverrides(base, ['lrate=1'])).toThrow(/unknown key "lrate".*closest keys: lr/);
    expect(() => applyOverrides(base, ['sources.3.weight=1'])).toThrow(/unknown key "sources.3"/);
    expect(() => applyOverrides(base, ['lr.x=1'])).toThrow(/unknown key "lr.x"/);
  });

  it("requires the default's type; a null default takes any value", () => {
    expect(() => applyOverrides(base, ['lr=fast'])).toThrow(/expected a number \(the default is 0.0001\), got string "fast"/);
    expect(() => applyOverrides(base, ['weights=0.5'])).toThrow(/expected an array/);
    expect(() => applyOverrides(base, ['objective={"name":1}'])).not.toThrow(); // an object replaces an object
    expect(() => applyOverrides(base, ['progress=1'])).toThrow(/expected a boolean/);
    expect(applyOverrides(base, ['rejectedInput=both-random-tensor']).rejectedInput).toBe('both-random-tensor');
    expect(() => applyOverrides(base, ['lr'])).toThrow(/expected path=value/);
    expect(() => applyOverrides(base, ['a..b=1'])).toThrow(/empty key/);
  });

  it('lists every dotted path', () => {
    expect(configPaths(base)).toEqual(['objective', 'objective.name', 'objective.beta', 'lr', 'weights', 'progress', 'rejectedInput', 'sources']);
  });
});

describe('parameter grids', () => {
  it('parse axes (brackets keep their commas) and expand to every combination', async () => {
    const { expandGrid, gridPointValues, parseGridAxis } = await import('../../src/config');
    expect(parseGridAxis('weights=[0.5,0.5],[1,0]')).toEqual({ path: 'weights', values: ['[0.5,0.5]', '[1,0]'] });
    const points = expandGrid([parseGridAxis('lr=1e-4,3e-4'), parseGridAxis('batchSize=8,16')]);
    expect(points).toEqual([
      ['lr=1e-4', 'batchSize=8'],
      ['lr=1e-4', 'batchSize=16'],
      ['lr=3e-4', 'batchSize=8'],
      ['lr=3e-4', 'batchSize=16'],
    ]);
    expect(gridPointValues(points[3]!)).toEqual({ lr: 3e-4, batchSize: 16 });
    expect(applyOverrides({ lr: 1, batchSize: 2 }, points[1]!)).toEqual({ lr: 1e-4, batchSize: 16 });
    expect(() => parseGridAxis('lr=')).toThrow(/empty value/);
  });
});
