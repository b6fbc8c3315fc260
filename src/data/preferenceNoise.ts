/**
 * Preference-noise rates read back from the samples and the clip specs: how often yW is
 * wrong and yVr / yEr are not the kind of rejection they claim to be (paper Table 6).
 */
import { agrees, cueById, isPresent, mentionedCues, mentionedEmotions, modalityEmotion, type ClipSpec } from '../world';
import type { PreferenceSample } from './preference';
import type { Rate } from './rate';
import { clipOf, Counter, grounded, isYes, leaked, singleModality } from './readBack';

/** yW is correct: right yes/no word (if any), only present relevant cues, right emotion. */
function yWCorrect(s: PreferenceSample, clip: ClipSpec): boolean {
  const cues = mentionedCues(s.yW);
  if (cues.length === 0 || !cues.every((id) => grounded(clip, id))) return false;
  const m = singleModality(s.modality);
  switch (s.format) {
    case 'basic':
      return m !== null && mentionedEmotions(s.yW).join() === modalityEmotion(clip, m);
    case 'cue': {
      if (m === null) return false;
      const asked = mentionedCues(s.prompt)[0];
      const askedEmotion = mentionedEmotions(s.prompt)[0];
      if (asked === undefined || askedEmotion === undefined) return false;
      const truth = grounded(clip, asked) && cueById(asked).emotion === askedEmotion;
      return isYes(s.yW) === truth && mentionedEmotions(s.yW).join() === modalityEmotion(clip, m);
    }
    case 'agreement':
      return isYes(s.yW) === agrees(clip);
    case 'description':
      return true;
  }
}

/** yVr is what it claims: it credits a present emotion-irrelevant cue. */
function yVrValid(s: PreferenceSample, clip: ClipSpec): boolean {
  return mentionedCues(s.yVr).some((id) => cueById(id).kind === 'irrelevant' && isPresent(clip, id));
}

/** yEr is what it claims: it mentions an absent cue typical of an emotion the clip shows. */
function yErValid(s: PreferenceSample, clip: ClipSpec): boolean {
  return mentionedCues(s.yEr).some((id) => {
    const e = cueById(id).emotion;
    return e !== undefined && !isPresent(clip, id) && (e === clip.audioEmotion || e === clip.videoEmotion);
  });
}

export interface PreferenceMeasurement {
  /** Wrong chosen responses (knob `yWErrorRate`). */
  yWErrorRate: Rate;
  /** yVr that do not credit a present irrelevant cue (knob `yVrErrorRate`). */
  yVrErrorRate: Rate;
  /** yEr that do not mention an absent emotion-typical cue (knob `yErErrorRate`). */
  yErErrorRate: Rate;
  /** yW crediting an irrelevant cue (no planted credit: ≈ 0). */
  yWIrrelevantCreditRate: Rate;
  /** Single-modality basic yW in disagreeing clips with the other modality's emotion (no planted leakage: ≈ 0). */
  yWLeakageRate: Rate;
  /** Cue questions whose correct answer is Yes (balanced like Fig. 9: ≈ 0.5). */
  cueYesShare: Rate;
  /** Agreement samples whose correct answer is Yes (≈ 0.5). */
  agreementYesShare: Rate;
}

export function measurePreference(samples: readonly PreferenceSample[], clips: ReadonlyMap<string, ClipSpec>): PreferenceMeasurement {
  const c = { w: new Counter(), vr: new Counter(), er: new Counter(), credit: new Counter(), leak: new Counter(), cueYes: new Counter(), agreeYes: new Counter() };
  for (const s of samples) {
    const clip = clipOf(clips, s.clipId);
    c.w.add(!yWCorrect(s, clip));
    c.vr.add(!yVrValid(s, clip));
    c.er.add(!yErValid(s, clip));
    c.credit.add(mentionedCues(s.yW).some((id) => cueById(id).kind === 'irrelevant'));
    const m = singleModality(s.modality);
    if (s.format === 'basic' && m !== null && !agrees(clip)) {
      const e = mentionedEmotions(s.yW)[0];
      c.leak.add(e !== undefined && leaked(clip, m, e));
    }
    if (s.format === 'cue') {
      const asked = mentionedCues(s.prompt)[0];
      const askedEmotion = mentionedEmotions(s.prompt)[0];
      c.cueYes.add(asked !== undefined && grounded(clip, asked) && cueById(asked).emotion === askedEmotion);
    }
    if (s.format === 'agreement') c.agreeYes.add(agrees(clip));
  }
  return {
    yWErrorRate: c.w.value,
    yVrErrorRate: c.vr.value,
    yErErrorRate: c.er.value,
    yWIrrelevantCreditRate: c.credit.value,
    yWLeakageRate: c.leak.value,
    cueYesShare: c.cueYes.value,
    agreementYesShare: c.agreeYes.value,
  };
}
