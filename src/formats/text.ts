/**
 * Text of input files as users hand it over: a leading UTF-8 byte-order mark, UTF-16 files
 * (PowerShell's `>` writes them), invisible characters in messages.
 */
import { inputError } from './errors';

/** `text` without a leading byte-order mark (U+FEFF), which `JSON.parse` rejects. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `s` with control and format characters (zero-width spaces, BOMs, …) written as "U+200B", so a message shows them. */
export function visible(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) =>
    c === '\n' || c === '\t' ? c : `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** The UTF-8 text of a file's bytes without a byte-order mark; a UTF-16 file is an `InputError` naming `file`. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  const bom = bytes.subarray(0, 2).toString('hex').toUpperCase();
  if (bom === 'FFFE' || bom === 'FEFF') throw inputError(file, `the file is UTF-16 (byte-order mark ${bom.slice(0, 2)} ${bom.slice(2)}); save it as UTF-8`);
  return stripBom(bytes.toString('utf8'));
}
