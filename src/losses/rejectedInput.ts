/**
 * The rejected multimodal input (a_l, v_l) of Eqs. (4)–(5) and the paper's Table 17: the one
 * definition of its kinds (the data library builds them, the objectives and the trainer name them).
 */

/** What replaces the chosen input (Table 17 rows): a clip whose audio and video emotions both differ, Gaussian noise at the features' scale, a random other clip, or the chosen clip diffused (VCD-style). */
export const REJECTED_INPUT_SOURCES = ['diff-emotion', 'random-tensor', 'random-clip', 'diffused'] as const;
export type RejectedInputSource = (typeof REJECTED_INPUT_SOURCES)[number];

/**
 * Which modalities are replaced (Table 17 "Change"). `pmp`: prompt-based (PMP, Eq. 5) — only the
 * prompt's modality (audio for x^A, video for x^V, both for x^AV); `both`: audio and video
 * whatever the prompt (Eq. 4, Vista-DPO†).
 */
export const REJECTED_INPUT_FORMS = ['pmp', 'both'] as const;
export type RejectedInputForm = (typeof REJECTED_INPUT_FORMS)[number];

/** A rejected-input kind: form and source, e.g. `pmp-diff-emotion` (AVEm-DPO), `both-random-tensor`. */
export type RejectedInputKind = `${RejectedInputForm}-${RejectedInputSource}`;

/** Every kind: the eight rows of Table 17. */
export const REJECTED_INPUT_KINDS: readonly RejectedInputKind[] = REJECTED_INPUT_FORMS.flatMap((f) => REJECTED_INPUT_SOURCES.map((s) => `${f}-${s}` as const));

/** The form and source of a kind; throws on anything else, listing the kinds. */
export function parseRejectedInputKind(kind: string): { form: RejectedInputForm; source: RejectedInputSource } {
  if (!(REJECTED_INPUT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`unknown rejected-input kind '${kind}'; known: ${REJECTED_INPUT_KINDS.join(', ')}`);
  }
  const at = kind.indexOf('-');
  return { form: kind.slice(0, at) as RejectedInputForm, source: kind.slice(at + 1) as RejectedInputSource };
}
