/** Irrelevant-cue ↔ emotion association of clips (the spurious-association mechanism), measured and in closed form. */
import { CUE_MODALITIES, EMOTIONS, irrelevantCues, modalityEmotion, SPURIOUS_ASSOCIATION, type ClipSpec, type SourceConfig } from '../world';

/**
 * Irrelevant-cue ↔ emotion association of a set of clips, pooled over modalities:
 * p_in = P(a modality carries the irrelevant cue associated with its own emotion),
 * p_out = P(it carries the one associated with another emotion), and the normalised
 * excess ρ̂ = (p_in − p_out) / (1 − p_out): 0 when independent, ≈ the source's
 * `irrelevantCorrelation` otherwise (slightly above it, since the associated cue can also
 * land in a uniform slot).
 */
export function irrelevantAssociation(clips: readonly ClipSpec[]): { pIn: number; pOut: number; rho: number } {
  let inHits = 0;
  let inN = 0;
  let outHits = 0;
  let outN = 0;
  for (const clip of clips) {
    for (const m of CUE_MODALITIES) {
      const own = modalityEmotion(clip, m);
      const present = new Set((m === 'audio' ? clip.audio : clip.visual).map((p) => p.cue));
      for (const e of EMOTIONS) {
        const hit = present.has(SPURIOUS_ASSOCIATION[m][e]);
        if (e === own) {
          inN++;
          if (hit) inHits++;
        } else {
          outN++;
          if (hit) outHits++;
        }
      }
    }
  }
  const pIn = inN === 0 ? 0 : inHits / inN;
  const pOut = outN === 0 ? 0 : outHits / outN;
  return { pIn, pOut, rho: pOut >= 1 ? 0 : (pIn - pOut) / (1 - pOut) };
}


/**
 * The expectation of `irrelevantAssociation` for clips of one source (closed form).
 * With N irrelevant cues in a modality and k slots (uniform in the configured range):
 * slot 0 holds the associated cue with probability ρ, otherwise all k slots are a uniform
 * k-subset, so p_in(k) = ρ + (1 − ρ) k/N and, for another emotion's cue,
 * p_out(k) = ρ (k − 1)/(N − 1) + (1 − ρ) k/N (both 0 when k = 0). Pooled over modalities.
 */
export function expectedIrrelevantAssociation(source: SourceConfig): { pIn: number; pOut: number; rho: number } {
  const [lo, hi] = source.irrelevantPerModality;
  const r = source.irrelevantCorrelation;
  let pIn = 0;
  let pOut = 0;
  for (const m of CUE_MODALITIES) {
    const N = irrelevantCues(m).length;
    for (let k = lo; k <= hi; k++) {
      const w = 1 / (hi - lo + 1) / CUE_MODALITIES.length;
      if (k === 0) continue;
      pIn += w * (r + ((1 - r) * k) / N);
      pOut += w * ((r * (k - 1)) / (N - 1) + ((1 - r) * k) / N);
    }
  }
  return { pIn, pOut, rho: (pIn - pOut) / (1 - pOut) };
}
