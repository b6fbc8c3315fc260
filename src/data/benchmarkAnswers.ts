/** Each benchmark question's correct answer read back against the clip specs (all planted-bias rates should be 0). */
import type { EmoRealmItem } from '../formats';
import { agrees, cueById, isPresent, mentionedCues, mentionedEmotions, modalityEmotion, type ClipSpec, type CueModality } from '../world';
import { scoringView } from './emorealm';
import type { Rate } from './rate';
import { clipOf, Counter, grounded, isYes, leaked } from './readBack';

export interface BenchmarkAnswerMeasurement {
  /** Correct answers that credit an irrelevant cue (correct basic option naming one, or Yes to an irrelevant-cue question): 0. */
  irrelevantCreditRate: Rate;
  /** Correct answers grounded in an absent cue (correct basic option naming one, or Yes to an absent-cue question): 0. */
  hallucinationRate: Rate;
  /** Correct single-modality basic options in disagreeing clips with the other modality's emotion: 0. */
  leakageRate: Rate;
  /** Yes answers in the stress tasks: 0.5. */
  stressYesShare: Rate;
  /** Yes answers in modality agreement: 0.5. */
  agreementYesShare: Rate;
  /** Correct answers that are wrong per the clip specs: 0. */
  wrongAnswerRate: Rate;
}

/** Reads back each benchmark question's correct answer against the clip specs. */
export function measureBenchmarkAnswers(items: readonly EmoRealmItem[], clips: ReadonlyMap<string, ClipSpec>): BenchmarkAnswerMeasurement {
  const c = { credit: new Counter(), hall: new Counter(), leak: new Counter(), stressYes: new Counter(), agreeYes: new Counter(), wrong: new Counter() };
  for (const item of items) {
    const clip = clipOf(clips, item.video);
    const view = scoringView(item);
    const correct = view.options[view.answerIndex] as string;
    switch (item.task) {
      case 'reasoning_basic_audio':
      case 'reasoning_basic_video': {
        const m: CueModality = item.task === 'reasoning_basic_audio' ? 'audio' : 'visual';
        const cue = mentionedCues(correct)[0];
        const e = mentionedEmotions(correct)[0];
        const ok = cue !== undefined && e !== undefined;
        c.credit.add(ok && cueById(cue).kind === 'irrelevant');
        c.hall.add(ok && !isPresent(clip, cue));
        if (!agrees(clip)) c.leak.add(ok && leaked(clip, m, e));
        c.wrong.add(!(ok && grounded(clip, cue) && cueById(cue).modality === m && e === modalityEmotion(clip, m)));
        break;
      }
      case 'reasoning_stress_audio':
      case 'reasoning_stress_video': {
        const m: CueModality = item.task === 'reasoning_stress_audio' ? 'audio' : 'visual';
        const yes = isYes(correct);
        const cue = mentionedCues(item.question)[0];
        const e = mentionedEmotions(item.question)[0];
        const ok = cue !== undefined && e !== undefined;
        c.stressYes.add(yes);
        c.credit.add(yes && ok && cueById(cue).kind === 'irrelevant');
        c.hall.add(yes && ok && !isPresent(clip, cue));
        const truth = ok && grounded(clip, cue) && cueById(cue).emotion === e && e === modalityEmotion(clip, m);
        c.wrong.add(!ok || yes !== truth);
        break;
      }
      case 'modality_agreement': {
        const yes = isYes(correct);
        c.agreeYes.add(yes);
        c.wrong.add(yes !== agrees(clip));
        break;
      }
    }
  }
  return {
    irrelevantCreditRate: c.credit.value,
    hallucinationRate: c.hall.value,
    leakageRate: c.leak.value,
    stressYesShare: c.stressYes.value,
    agreementYesShare: c.agreeYes.value,
    wrongAnswerRate: c.wrong.value,
  };
}
