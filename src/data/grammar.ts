/**
 * The world's grammar: every sentence template any dataset writes. Slots are `{name}`:
 *
 *   {spk}  speaker noun phrase ("the older woman")    {poss} his/her    {pron} he/she
 *   {cue} {cue2} {cues}  cue noun phrases ("her wide smile", "the dim lighting")
 *   {emo} {emo2}  emotion nouns ("sadness")            {adj} {adj2}  adjectives ("sad")
 *   {scene}  scene name    {answer}  Yes/No
 *   {s} {s2}  verb ending agreeing with {cue}/{cues} and {cue2} ("s" or "")
 *   {es}  Do{es} → Does/Do     {is}  Is/Are, agreeing with {cue}
 *
 * The tokenizer's vocabulary is built from these templates and the world's lexicon, so
 * anything generated from them encodes without <unk>.
 */

export const GRAMMAR = {
  /** Emotion Reasoning – Basic, audio questions. */
  basicAudioQuestion: [
    'What does the voice of {spk} reveal about {poss} emotion?',
    'How does the audio reflect the emotional state of {spk}?',
    'What do the sounds in the clip say about how {spk} feels?',
    'How does the speech of {spk} show {poss} feeling?',
  ],
  /** Emotion Reasoning – Basic, visual questions. */
  basicVisualQuestion: [
    'How does the face of {spk} show {poss} emotional state?',
    'What does the body language of {spk} reveal about {poss} emotion?',
    'How do the visual cues show the feeling of {spk}?',
    'What does the video show about how {spk} feels?',
  ],
  /** A reasoning answer: one cue credited with one emotion (options, SFT answers, yW/yVr/yEr). */
  reasoningAnswer: [
    '{cue} show{s} {poss} {emo}.',
    '{cue} reveal{s} that {pron} feels {adj}.',
    '{pron} is {adj}, as {cue} show{s}.',
    '{cue} point{s} to the {emo} of {spk}.',
  ],
  /** Stress test, audio cue questions. */
  stressAudioQuestion: [
    'Do{es} {cue} suggest the {emo} of {spk}?',
    '{is} {cue} in the audio a sign of {poss} {emo}?',
    'Do{es} {cue} contribute to the {emo} of {spk}?',
  ],
  /** Stress test, visual cue questions. */
  stressVisualQuestion: [
    'Do{es} {cue} suggest the {emo} of {spk}?',
    '{is} {cue} in the video a sign of {poss} {emo}?',
    'Do{es} {cue} in the video convey the {emo} of {spk}?',
  ],
  /** Modality agreement questions. */
  agreementQuestion: [
    'Do the audio and video show the same {emo} of {spk}?',
    'Does the voice of {spk} agree with {poss} face in showing {emo}?',
    'Do the audio and video align in expressing the {emo} of {spk}?',
  ],
  /** "Which emotion" recognition, per modality. */
  recognitionAudio: ['Which emotion does the voice of {spk} convey?'],
  recognitionVisual: ['Which emotion does the face of {spk} show?'],
  recognitionAudiovisual: ['Which emotion does {spk} feel?', 'What is the emotion of {spk}?'],
  /** Free description prompts. */
  descriptionQuestion: [
    'Describe the emotion of {spk} and the cues that show it.',
    'What does {spk} feel, and what in the clip shows it?',
  ],
  /** Description answers; `{cues}` is a list. */
  descriptionAgree: ['{spk} feels {adj}. {cues} show{s} it.'],
  descriptionDisagree: ['{spk} sounds {adj} and looks {adj2}. {cues} show{s} it.'],
  /** Yes/no answers, bare (SFT) and with a justification (preference data). */
  yes: ['Yes.'],
  no: ['No.'],
  justifiedYesNo: ['{answer}. {cue} show{s} {poss} {emo}.'],
  /** Agreement justifications (preference data, Table 12 style). */
  agreementJustifiedSame: ['{answer}. {cue} and {cue2} both show {emo}.'],
  agreementJustifiedDifferent: ['{answer}. {cue} show{s} {emo} but {cue2} show{s2} {emo2}.'],
  /** Text corpus (no clips): descriptions, co-occurrence, cue meaning, scenes, text QA. */
  textDescribePrompt: ['Describe someone who feels {adj}.', 'How does someone who feels {adj} look and sound?'],
  textDescribe: ['Someone who feels {adj} often shows {cue} and {cue2}.', '{cue} and {cue2} often go with {emo}.'],
  textCooccurPrompt: ['What goes with {cue}?'],
  textCooccur: ['{cue} often come{s} with {cue2}.'],
  textMeaningPrompt: ['What does {cue} suggest?'],
  textMeaning: ['{cue} suggest{s} {emo}.'],
  textNoMeaning: ['{cue} say{s} nothing about emotion.'],
  textCueQuestion: ['Do{es} {cue} suggest {emo}?'],
  textScenePrompt: ['Describe the scene.', 'What is in the {scene}?'],
  textScene: ['In the {scene} there is {cue}.', 'The {scene} has {cue} and {cue2}.'],
} as const;

export type GrammarKey = keyof typeof GRAMMAR;

export type Slots = Partial<Record<'spk' | 'poss' | 'pron' | 'cue' | 'cue2' | 'cues' | 'emo' | 'emo2' | 'adj' | 'adj2' | 'scene' | 'answer' | 's' | 's2' | 'es' | 'is', string>>;

/** Fills `{slot}`s and capitalises each sentence; throws on a missing slot. */
export function fill(template: string, slots: Slots): string {
  const text = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = slots[name as keyof Slots];
    if (v === undefined) throw new Error(`template "${template}" needs slot {${name}}`);
    return v;
  });
  return sentenceCase(text);
}

/** Upper-cases the first letter of the text and of each sentence after ". ". */
export function sentenceCase(text: string): string {
  return text.replace(/(^|[.?] )([a-z])/g, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

/** "a, b and c" */
export function listPhrase(items: readonly string[]): string {
  if (items.length === 0) throw new Error('listPhrase of nothing');
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Every template string (for building the vocabulary). */
export function allTemplates(): string[] {
  return Object.values(GRAMMAR).flatMap((list) => [...list]);
}

/** Each template with its agreement slots expanded both ways, other slots removed (vocabulary source). */
export function templateWordings(): string[] {
  return allTemplates().flatMap((t) =>
    [{ s: '', es: '', is: 'is' }, { s: 's', es: 'es', is: 'are' }].map((v) =>
      t
        .replace(/\{(s|s2)\}/g, v.s)
        .replace(/\{es\}/g, v.es)
        .replace(/\{is\}/g, v.is)
        .replace(/\{\w+\}/g, ' '),
    ),
  );
}
