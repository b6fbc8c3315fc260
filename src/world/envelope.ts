/**
 * Temporal envelopes: a cue's relative strength at frame t of T, given its onset frame.
 * Values lie in [0, 1].
 */
import type { EnvelopeKind } from './cues';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Width (frames) of a burst and slope (frames) of a rise/fall. */
const BURST_WIDTH = 1.0;
const RAMP = 0.7;
/** Period (frames) of a pulsing cue (laughter, sobbing, clapping). */
const PULSE_PERIOD = 3;

export function envelope(kind: EnvelopeKind, t: number, onset: number): number {
  switch (kind) {
    case 'sustained':
      return 1;
    case 'burst':
      return Math.exp(-0.5 * ((t - onset) / BURST_WIDTH) ** 2);
    case 'rise':
      return sigmoid((t - onset) / RAMP + 1);
    case 'fall':
      return sigmoid((onset - t) / RAMP + 1);
    case 'pulse':
      return 0.5 + 0.5 * Math.cos((2 * Math.PI * (t - onset)) / PULSE_PERIOD);
  }
}
