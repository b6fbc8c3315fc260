/**
 * JSON Lines files: one JSON value per line. Writers are deterministic (key order is the
 * objects' construction order); readers validate each line and name the line on error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DataError, type Ctx } from './validate';

export function writeJsonl(file: string, items: readonly unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, items.map((x) => `${JSON.stringify(x)}\n`).join(''));
}

/** Parses JSONL text; `parse` validates one value (throwing `DataError`). Blank lines are skipped. */
export function parseJsonl<T>(text: string, file: string, parse: (raw: unknown, ctx: Ctx) => T): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const ctx: Ctx = { file, item: `line ${i + 1}` };
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new DataError(file, ctx.item, '(line)', `invalid JSON: ${(e as Error).message}`);
    }
    out.push(parse(raw, ctx));
  });
  return out;
}

export function readJsonl<T>(file: string, parse: (raw: unknown, ctx: Ctx) => T): T[] {
  if (!fs.existsSync(file)) throw new DataError(file, '(file)', '(file)', 'file not found');
  return parseJsonl(fs.readFileSync(file, 'utf8'), file, parse);
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
}

export function readJson(file: string): unknown {
  if (!fs.existsSync(file)) throw new DataError(file, '(file)', '(file)', 'file not found');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(file, '(file)', '(file)', `invalid JSON: ${(e as Error).message}`);
  }
}
