/**
 * The one normalisation of option letters, choices and answers, shared by the benchmark
 * validator (`emorealmReader.ts`) and the data library (`src/data/emorealm.ts`):
 *
 * - a choice is "(A) text": leading and trailing spaces, and spaces after ")", are optional
 *   on input ("(A)text", " (A)  text ") and canonical on output ("(A) text");
 * - an answer is one letter, any case, padded or not, normalised to upper case.
 */

/** At most 26 options: "A" … "Z". */
export const MAX_CHOICES = 26;

/** "A", "B", … for option index 0, 1, … */
export function letter(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_CHOICES)
    throw new Error(`no option letter for index ${index} (at most ${MAX_CHOICES} options, A–Z)`);
  return String.fromCharCode(65 + index);
}

/** Option index of an upper-case letter ("A" → 0). */
export function letterIndex(l: string): number {
  if (!/^[A-Z]$/.test(l)) throw new Error(`"${l}" is not an option letter`);
  return l.charCodeAt(0) - 65;
}

const CHOICE_RE = /^\s*\(([A-Z])\)\s*([\s\S]*?)\s*$/;

/** Letter and text of a choice, or undefined when it is not "(X) text" with non-empty text. */
export function parseChoice(choice: unknown): { letter: string; text: string } | undefined {
  const m = typeof choice === 'string' ? CHOICE_RE.exec(choice) : null;
  if (m === null || (m[2] as string) === '') return undefined;
  return { letter: m[1] as string, text: m[2] as string };
}

/** The canonical spelling "(A) text". */
export function formatChoice(l: string, text: string): string {
  return `(${l}) ${text}`;
}

/** The text of a choice without its "(A) " prefix. */
export function choiceText(choice: string): string {
  const c = parseChoice(choice);
  if (c === undefined) throw new Error(`choice ${JSON.stringify(choice)} is not of the form "(A) text"`);
  return c.text;
}

/** The answer letter in upper case, or undefined when `raw` is not one letter (spaces around it allowed). */
export function normalizeAnswer(raw: string): string | undefined {
  const t = raw.trim();
  return /^[A-Za-z]$/.test(t) ? t.toUpperCase() : undefined;
}
