/**
 * Bad input (benchmark JSON, predictions, CLI arguments). The message always names the
 * file, the item (index and id when known) and the field, so a user can fix the input.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly item?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Builds "<file>: item #3 (id \"17\"): field \"answer\": <problem>". */
export function inputError(file: string, problem: string, where: { index?: number; id?: string; field?: string } = {}): InputError {
  const parts = [file];
  let item: string | undefined;
  if (where.index !== undefined || where.id !== undefined) {
    item = [where.index !== undefined ? `item #${where.index}` : '', where.id !== undefined ? `(id "${where.id}")` : ''].filter((s) => s !== '').join(' ');
    parts.push(item);
  }
  if (where.field !== undefined) parts.push(`field "${where.field}"`);
  return new InputError(`${parts.join(': ')}: ${problem}`, file, item, where.field);
}
