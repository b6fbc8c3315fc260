/**
 * Reader-side check that a prompt/response pair encodes within the token budget and
 * without unknown words.
 */
import { fail, type Ctx } from './validate';
import { buildTokenizer, MAX_PROMPT_TOKENS, MAX_RESPONSE_TOKENS, UNK_ID } from './tokenizer';

export function checkText(text: string, field: string, role: 'prompt' | 'response', ctx: Ctx): void {
  const ids = buildTokenizer().encode(text);
  const unk = ids.indexOf(UNK_ID);
  if (unk >= 0) fail(ctx, field, `word #${unk + 1} of "${text}" is not in the vocabulary`);
  const n = ids.length + (role === 'prompt' ? 2 : 1);
  const max = role === 'prompt' ? MAX_PROMPT_TOKENS : MAX_RESPONSE_TOKENS;
  if (n > max) fail(ctx, field, `${n} tokens > ${max} (${role} budget)`);
}

export function checkBudget(prompt: string, response: string, ctx: Ctx, promptField = 'prompt', responseField = 'response'): void {
  checkText(prompt, promptField, 'prompt', ctx);
  checkText(response, responseField, 'response', ctx);
}
