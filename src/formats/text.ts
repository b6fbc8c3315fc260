/** Text of input files as users hand it over: a leading UTF-8 byte-order mark, invisible characters in messages. */

/** `text` without a leading byte-order mark (U+FEFF), which `JSON.parse` rejects. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `s` with control and format characters (zero-width spaces, BOMs, …) written as "U+200B", so a message shows them. */
export function visible(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => (c === '\n' || c === '\t' ? c : `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`));
}
