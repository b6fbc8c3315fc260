import { describe, expect, it } from 'vitest';
import { calibrationView } from '../../src/report';

describe('calibration summary, read tolerantly', () => {
  it('reads the documented shape', () => {
    expect(
      calibrationView({
        status: 'fails',
        criteria: [
          { name: 'a', holds: true, detail: 'd' },
          { name: 'b', holds: false },
        ],
      }),
    ).toEqual({
      status: 'fails',
      criteria: [
        { name: 'a', holds: true, detail: 'd' },
        { name: 'b', holds: false },
      ],
    });
  });

  it("reads summarizeCalibration's shape: pass for holds and status, target for detail", () => {
    const s = { seeds: [1, 2], pass: false, criteria: [{ name: 'agreement F1', target: '≤ 50', values: [40, 55], pass: false, fragile: false }] };
    expect(calibrationView(s)).toEqual({ status: 'fail', criteria: [{ name: 'agreement F1', holds: false, detail: '≤ 50' }] });
  });

  it('takes a bare string, a bare array, nothing, or anything else (shown as JSON)', () => {
    expect(calibrationView('frozen references: fail')).toEqual({ status: 'frozen references: fail', criteria: [] });
    expect(calibrationView([{ holds: 'yes' }, 'named'])).toEqual({
      status: null,
      criteria: [
        { name: 'criterion 1', holds: null },
        { name: 'named', holds: null },
      ],
    });
    expect(calibrationView(undefined)).toEqual({ status: 'not given', criteria: [] });
    expect(calibrationView({ verdict: 3 })).toEqual({ status: null, criteria: [], verbatim: '{"verdict":3}' });
    expect(calibrationView(42)).toEqual({ status: null, criteria: [], verbatim: '42' });
  });
});
