/**
 * The EmoReAlM-style benchmark from the benchmark source (paper §3, Table 1, Fig. 9),
 * with no planted correlations (the source's irrelevant cues are independent of emotion).
 *
 * - Per task: the question and distinct-video counts of Table 1; 2,649 distinct videos.
 * - Basic reasoning: 4 options sharing one answer template: the correct one (a present
 *   relevant cue + the modality's emotion) and three distractors (§3.1): a present
 *   irrelevant cue credited with that emotion, a hallucinated (absent, typical) cue credited
 *   with it, and an absent cue of another emotion with that emotion.
 * - Stress test: half `no_hallucination` (Yes), the No half split equally between
 *   `spurious` and `hallucination` (Fig. 9). Modality agreement: half Yes.
 * - Yes/no choices are always "(A) Yes", "(B) No": answer texts are exactly balanced.
 */
import { EMOREALM_TASKS, type EmoRealmItem, type EmoRealmTask, type StressSubtask } from '../formats';
import type { Rng } from '../random';
import { agrees, ClipSampler, modalityEmotion, type ClipSpec, type CueModality, type Emotion, type WorldConfig } from '../world';
import type { BenchmarkConfig } from './config';
import { canonicalItem, letter } from './emorealm';
import { pickHallucination, pickIrrelevant, pickOtherEmotionCue, presentIrrelevant, presentRelevant } from './picks';
import { agreementQuestion, basicQuestion, REASONING_TEMPLATES, reasoningAnswer, stressQuestion } from './sentences';

export interface Benchmark {
  items: EmoRealmItem[];
  /** The benchmark's clips (one per distinct video key). */
  clips: ClipSpec[];
}

const TASK_MODALITY: Record<EmoRealmTask, CueModality | null> = {
  reasoning_basic_audio: 'audio',
  reasoning_basic_video: 'visual',
  modality_agreement: null,
  reasoning_stress_audio: 'audio',
  reasoning_stress_video: 'visual',
};

/** Splits `n` stress questions per Fig. 9: half Yes, the No half split equally. */
export function stressSubtaskCounts(n: number): Record<StressSubtask, number> {
  const yes = Math.round(n / 2);
  const spurious = Math.round((n - yes) / 2);
  return { no_hallucination: yes, spurious, hallucination: n - yes - spurious };
}

/** Assigns videos to tasks: agreement first (half agreeing, half disagreeing), then unused clips first. */
function assignVideos(pool: readonly ClipSpec[], cfg: BenchmarkConfig, rng: Rng): Record<EmoRealmTask, ClipSpec[]> {
  const used = new Set<string>();
  const out = {} as Record<EmoRealmTask, ClipSpec[]>;
  const agreeN = cfg.counts.modality_agreement.videos;
  const noN = Math.floor(agreeN / 2);
  const disagreeing = rng.shuffle(pool.filter((c) => !agrees(c)));
  const agreeing = rng.shuffle(pool.filter(agrees));
  if (disagreeing.length < noN || agreeing.length < agreeN - noN) {
    throw new Error(
      `benchmark pool of ${pool.length} clips has ${disagreeing.length} disagreeing and ${agreeing.length} agreeing clips; ` +
        `modality agreement needs ${noN} and ${agreeN - noN} (raise world.sources.benchmark.disagreementRate or uniqueVideos)`,
    );
  }
  out.modality_agreement = rng.shuffle([...disagreeing.slice(0, noN), ...agreeing.slice(0, agreeN - noN)]);
  out.modality_agreement.forEach((c) => used.add(c.id));
  for (const task of EMOREALM_TASKS) {
    if (task === 'modality_agreement') continue;
    const n = cfg.counts[task].videos;
    if (n > pool.length) throw new Error(`task ${task} needs ${n} videos, the pool has ${pool.length}`);
    const order = rng.shuffle(pool);
    const fresh = order.filter((c) => !used.has(c.id));
    const reused = order.filter((c) => used.has(c.id));
    out[task] = [...fresh, ...reused].slice(0, n);
    out[task].forEach((c) => used.add(c.id));
  }
  if (used.size !== pool.length) {
    throw new Error(`benchmark uses ${used.size} of ${pool.length} videos; per-task video counts are too small for uniqueVideos`);
  }
  return out;
}

/** Questions per video: one each, plus the surplus spread over distinct videos (cycling if needed). */
function questionsPerVideo(videos: number, questions: number, rng: Rng): number[] {
  if (questions < videos) throw new Error(`${questions} questions cannot cover ${videos} videos`);
  const counts = new Array<number>(videos).fill(1);
  const order = rng.shuffle([...counts.keys()]);
  for (let k = 0; k < questions - videos; k++) counts[order[k % videos] as number]! += 1;
  return counts;
}

function basicItem(clip: ClipSpec, m: CueModality, usedCues: Set<string>, rng: Rng): Omit<EmoRealmItem, 'id' | 'task'> {
  const em = modalityEmotion(clip, m);
  const relevant = presentRelevant(clip, m);
  const fresh = relevant.filter((c) => !usedCues.has(c));
  const correct = rng.pick(fresh.length > 0 ? fresh : relevant);
  usedCues.add(correct);
  const t = rng.int(REASONING_TEMPLATES);
  const say = (cue: string, e: Emotion): string => reasoningAnswer(cue, e, clip.speaker, rng, t);
  const wrong = pickOtherEmotionCue(clip, m, em, rng);
  const options = [say(correct, em), say(pickIrrelevant(clip, m, rng), em), say(pickHallucination(clip, m, rng), em), say(wrong.cue, wrong.emotion)];
  const order = rng.shuffle([0, 1, 2, 3]);
  return {
    video: clip.id,
    question: basicQuestion(m, clip.speaker, rng),
    choices: order.map((k, i) => `(${letter(i)}) ${options[k]}`),
    answer: letter(order.indexOf(0)),
    emotion: em,
    modality: m,
    cue: correct,
  };
}

function stressItem(clip: ClipSpec, m: CueModality, subtask: StressSubtask, usedCues: Set<string>, rng: Rng): Omit<EmoRealmItem, 'id' | 'task'> {
  const em = modalityEmotion(clip, m);
  const candidates = (): string[] => {
    switch (subtask) {
      case 'no_hallucination':
        return presentRelevant(clip, m);
      case 'spurious':
        return presentIrrelevant(clip, m);
      case 'hallucination':
        return [pickHallucination(clip, m, rng)];
    }
  };
  const pool = candidates();
  const fresh = pool.filter((c) => !usedCues.has(c));
  const cue = rng.pick(fresh.length > 0 ? fresh : pool);
  usedCues.add(cue);
  return {
    video: clip.id,
    question: stressQuestion(m, cue, em, clip.speaker, rng),
    choices: ['(A) Yes', '(B) No'],
    answer: subtask === 'no_hallucination' ? 'A' : 'B',
    subtask,
    emotion: em,
    modality: m,
    cue,
  };
}

function agreementItem(clip: ClipSpec, rng: Rng): Omit<EmoRealmItem, 'id' | 'task'> {
  return {
    video: clip.id,
    question: agreementQuestion(clip.emotion, clip.speaker, rng),
    choices: ['(A) Yes', '(B) No'],
    answer: agrees(clip) ? 'A' : 'B',
    emotion: clip.emotion,
    modality: 'audiovisual',
  };
}

export function generateBenchmark(world: WorldConfig, cfg: BenchmarkConfig, rng: Rng): Benchmark {
  const pool = new ClipSampler(world, 'benchmark', rng.fork('clips')).sampleMany(cfg.uniqueVideos);
  const videos = assignVideos(pool, cfg, rng.fork('assign'));
  const items: EmoRealmItem[] = [];
  for (const task of EMOREALM_TASKS) {
    const trng = rng.fork(task);
    const clips = videos[task];
    const perVideo = questionsPerVideo(clips.length, cfg.counts[task].questions, trng);
    const m = TASK_MODALITY[task];
    const slots = clips.flatMap((clip, i) => new Array<ClipSpec>(perVideo[i] as number).fill(clip));
    let subtasks: StressSubtask[] = [];
    if (task === 'reasoning_stress_audio' || task === 'reasoning_stress_video') {
      const counts = stressSubtaskCounts(slots.length);
      subtasks = trng.shuffle((Object.keys(counts) as StressSubtask[]).flatMap((s) => new Array<StressSubtask>(counts[s]).fill(s)));
    }
    const usedCues = new Map<string, Set<string>>();
    slots.forEach((clip, k) => {
      const used = usedCues.get(clip.id) ?? new Set<string>();
      usedCues.set(clip.id, used);
      let body: Omit<EmoRealmItem, 'id' | 'task'>;
      if (m === null) body = agreementItem(clip, trng);
      else if (subtasks.length > 0) body = stressItem(clip, m, subtasks[k] as StressSubtask, used, trng);
      else body = basicItem(clip, m, used, trng);
      items.push(canonicalItem({ id: '', task, ...body }));
    });
  }
  items.forEach((it, i) => (it.id = `emorealm-${String(i + 1).padStart(4, '0')}`));
  return { items, clips: pool };
}
