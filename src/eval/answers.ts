/**
 * Reading an answer out of a model's free-text prediction, in the two modes of SPEC §5.
 *
 * - `officialMatch` is the released scorer's `matches_correct_answer` (ihp-lab/AVERE,
 *   evaluate/tasks/evaluate_emorealm.py): the prediction is stripped and lower-cased, and it
 *   is correct when the right letter occurs as a token, `\b[\(\[]?X[\)\]\.\:]?\b`, ignoring case.
 *   So "A or B" is credited whatever the answer, and the English article "a" credits answer A.
 * - `parseAnswer` (strict) reads exactly one choice from letters, Yes/No or the option text,
 *   and reports empty, ambiguous and unparseable predictions instead of guessing.
 */
import { normText, type BenchmarkItem } from '../formats';

/** Python's Unicode `\w` (letters, numbers, underscore), as a JS character class. */
const W = '[\\p{L}\\p{N}_]';
/** Python's `\b`, built from look-arounds so that it is Unicode-aware like Python's. */
const B = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The released scorer's test: does the (stripped, lower-cased) prediction contain the letter as a token? */
export function officialMatch(prediction: string, letter: string): boolean {
  const pattern = new RegExp(`${B}[\\(\\[]?${escapeRegExp(letter)}[\\)\\]\\.:]?${B}`, 'iu');
  return pattern.test(prediction.trim().toLowerCase());
}

export type ParseStatus = 'answer' | 'empty' | 'ambiguous' | 'unparseable';

export interface ParsedAnswer {
  status: ParseStatus;
  /** The chosen letter when `status` is "answer". */
  letter?: string;
  /** Every choice letter the prediction points to (several when ambiguous). */
  candidates: string[];
}

/** Words after which an upper-case "A" (or "I") still reads as a choice letter: "A or B". */
const CONNECTIVES = new Set(['or', 'and', 'nor', 'vs', 'versus', 'then', 'but']);

/** Upper-case letter tokens, skipping the article "A" and pronoun "I" before a lower-case word. */
function upperLetterMentions(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`(?<!${W})([A-Z])(?!${W})`, 'gu');
  for (const m of text.matchAll(re)) {
    const letter = m[1] as string;
    const after = text.slice((m.index ?? 0) + 1);
    if (letter === 'A' || letter === 'I') {
      const next = /^\s+([a-z]+)/.exec(after);
      if (next !== null && !CONNECTIVES.has(next[1] as string)) continue;
      if (/^['’][a-z]/.test(after)) continue;
    }
    out.push(letter);
  }
  return out;
}

/** Letters written as "(b)", "[B]", after "answer"/"option"/"choice", or as the whole response. */
function markedLetterMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[([]\s*([A-Za-z])\s*[)\]]/g)) out.push((m[1] as string).toUpperCase());
  const keyword = new RegExp(`\\b(?:answer|option|choice)\\s*(?:is\\s*)?[:\\-]?\\s*([A-Za-z])(?!${W})(?!\\s+[a-z]+)`, 'giu');
  for (const m of text.matchAll(keyword)) out.push((m[1] as string).toUpperCase());
  const whole = /^\W*([A-Za-z])\W*$/.exec(text);
  if (whole !== null) out.push((whole[1] as string).toUpperCase());
  return out;
}

/** Options whose normalised text occurs in the prediction, dropping those inside a longer match. */
function textMentions(text: string, item: BenchmarkItem): string[] {
  const pred = ` ${normText(text)} `;
  const hits = item.options
    .map((o, k) => ({ letter: item.letters[k] as string, norm: normText(o) }))
    .filter((o) => o.norm !== '' && o.norm !== 'yes' && o.norm !== 'no' && pred.includes(` ${o.norm} `));
  return hits.filter((h) => !hits.some((o) => o !== h && o.norm.length > h.norm.length && o.norm.includes(h.norm))).map((h) => h.letter);
}

/** Strict parse of one prediction against one item. */
export function parseAnswer(prediction: string, item: BenchmarkItem): ParsedAnswer {
  const text = prediction.trim();
  if (text === '') return { status: 'empty', candidates: [] };
  const found = new Set<string>();
  for (const l of [...upperLetterMentions(text), ...markedLetterMentions(text)]) {
    if (item.letters.includes(l)) found.add(l);
  }
  if (item.yesLetter !== undefined && new RegExp(`(?<!${W})yes(?!${W})`, 'iu').test(text)) found.add(item.yesLetter);
  if (item.noLetter !== undefined && new RegExp(`(?<!${W})no(?!${W})`, 'iu').test(text)) found.add(item.noLetter);
  for (const l of textMentions(text, item)) found.add(l);
  const candidates = [...found].sort();
  if (candidates.length === 0) return { status: 'unparseable', candidates };
  if (candidates.length > 1) return { status: 'ambiguous', candidates };
  return { status: 'answer', letter: candidates[0] as string, candidates };
}
