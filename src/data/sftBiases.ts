/**
 * Planted SFT bias strengths read back from the text and the clip specs (never from
 * generator flags), one rate per knob of `SftBiasKnobs`.
 */
import { agrees, cueById, isPresent, mentionedCues, mentionedEmotions, modalityEmotion, type ClipSpec, type Emotion } from '../world';
import { rate, type Rate } from './rate';
import { clipOf, Counter, isYes, leaked, singleModality } from './readBack';
import type { SftExample } from './sft';

export interface SftBiasMeasurement {
  /** Yes among yes/no questions about a relevant cue (knob `cueYesRate`). */
  cueYesRate: Rate;
  /** Hard negatives among relevant-cue questions answered No (knob `hardNegativeRate`). */
  hardNegativeRate: Rate;
  /** Questions about an irrelevant cue among all cue questions (knob `irrelevantQuestionShare`). */
  irrelevantQuestionShare: Rate;
  /** Yes to irrelevant-cue questions (knob `irrelevantCreditRate`). */
  irrelevantQuestionYesRate: Rate;
  /** Basic answers (not leaked) crediting an irrelevant cue (knob `irrelevantCreditRate`). */
  basicIrrelevantCreditRate: Rate;
  /** Descriptions mentioning a present irrelevant cue (knob `irrelevantCreditRate`). */
  descriptionIrrelevantCreditRate: Rate;
  /** Descriptions mentioning an absent cue (knob `descriptionHallucinationRate`). */
  descriptionHallucinationRate: Rate;
  /** Single-modality answers (basic, recognition) in disagreeing clips with the other modality's emotion (knob `crossModalLeakageRate`). */
  crossModalLeakageRate: Rate;
  /** Yes among agreement questions (knob `agreementYesRate`). */
  agreementYesRate: Rate;
  /** Yes among all cue questions, relevant and irrelevant (compare: 50% in the benchmark's stress tests). */
  cueQuestionYesShare: Rate;
  /** Relevant-cue Yes answers that are wrong (should be 0: the affirmation bias is in the mix, not in wrong labels). */
  wrongYesRate: Rate;
  /** Examples whose text could not be read back (should be 0). */
  unparsed: number;
}

export function measureSftBiases(examples: readonly SftExample[], clips: ReadonlyMap<string, ClipSpec>): SftBiasMeasurement {
  const c = {
    cueYes: new Counter(),
    hard: new Counter(),
    irrShare: new Counter(),
    irrYes: new Counter(),
    basicCredit: new Counter(),
    descCredit: new Counter(),
    descHall: new Counter(),
    leak: new Counter(),
    agreeYes: new Counter(),
    wrongYes: new Counter(),
  };
  let unparsed = 0;
  for (const ex of examples) {
    const clip = clipOf(clips, ex.clipId);
    const m = singleModality(ex.modality);
    switch (ex.task) {
      case 'cue': {
        const cues = mentionedCues(ex.prompt);
        const emos = mentionedEmotions(ex.prompt);
        if (cues.length !== 1 || emos.length !== 1 || m === null) {
          unparsed++;
          break;
        }
        const cue = cueById(cues[0] as string);
        const asked = emos[0] as Emotion;
        const yes = isYes(ex.response);
        c.irrShare.add(cue.kind === 'irrelevant');
        if (cue.kind === 'irrelevant') c.irrYes.add(yes);
        else {
          c.cueYes.add(yes);
          if (yes) c.wrongYes.add(!(isPresent(clip, cue.id) && cue.emotion === asked));
          else c.hard.add(cue.emotion === asked && asked === modalityEmotion(clip, m) && !isPresent(clip, cue.id));
        }
        break;
      }
      case 'basic': {
        const cues = mentionedCues(ex.response);
        const emos = mentionedEmotions(ex.response);
        if (cues.length !== 1 || emos.length !== 1 || m === null) {
          unparsed++;
          break;
        }
        const answered = emos[0] as Emotion;
        const isLeak = leaked(clip, m, answered);
        if (!agrees(clip)) c.leak.add(isLeak);
        if (!isLeak) c.basicCredit.add(cueById(cues[0] as string).kind === 'irrelevant');
        break;
      }
      case 'recognition': {
        const emos = mentionedEmotions(ex.response);
        if (emos.length !== 1) {
          unparsed++;
          break;
        }
        if (m !== null && !agrees(clip)) c.leak.add(leaked(clip, m, emos[0] as Emotion));
        break;
      }
      case 'description': {
        const cues = mentionedCues(ex.response);
        if (cues.length === 0) {
          unparsed++;
          break;
        }
        c.descCredit.add(cues.some((id) => cueById(id).kind === 'irrelevant'));
        c.descHall.add(cues.some((id) => !isPresent(clip, id)));
        break;
      }
      case 'agreement':
        c.agreeYes.add(isYes(ex.response));
        break;
    }
  }
  return {
    cueYesRate: c.cueYes.value,
    hardNegativeRate: c.hard.value,
    irrelevantQuestionShare: c.irrShare.value,
    irrelevantQuestionYesRate: c.irrYes.value,
    basicIrrelevantCreditRate: c.basicCredit.value,
    descriptionIrrelevantCreditRate: c.descCredit.value,
    descriptionHallucinationRate: c.descHall.value,
    crossModalLeakageRate: c.leak.value,
    agreementYesRate: c.agreeYes.value,
    cueQuestionYesShare: rate(c.cueYes.k + c.irrYes.k, c.cueYes.n + c.irrYes.n),
    wrongYesRate: c.wrongYes.value,
    unparsed,
  };
}
