// Command-line values every command checks the same way: one line on stderr and exit 2 for
// anything not understood, before any work is done.

import { constants, promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';

export class UsageError extends Error {}

/**
 * `--min-score -5` is a value, not an option: joined as `--min-score=-5` so the parser does not
 * call it ambiguous and the range check below can name it.
 */
export function joinDashValues(argv: readonly string[], valueOptions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (valueOptions.includes(argv[i]) && i + 1 < argv.length && /^-\d/.test(argv[i + 1])) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** A whole number 0–100: an empty CI variable, ` `, `0x10`, `1e2` or `50.5` is refused, not read as a number. */
export function parseMinScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw new UsageError(`--min-score must be a whole number from 0 to 100 (got '${value}')`);
  return Number(value);
}

/** The report file can be written: its folder exists and is writable, and it is not a folder. Checked before linting. */
export async function checkOutputPath(file: string): Promise<void> {
  const abs = nodePath.resolve(file);
  const st = await fsp.stat(abs).catch(() => undefined);
  if (st?.isDirectory()) throw new UsageError(`-o ${file}: is a folder, not a file`);
  const dir = nodePath.dirname(abs);
  const dirSt = await fsp.stat(dir).catch(() => undefined);
  if (!dirSt) throw new UsageError(`-o ${file}: folder ${nodePath.dirname(file)} does not exist`);
  if (!dirSt.isDirectory()) throw new UsageError(`-o ${file}: ${nodePath.dirname(file)} is not a folder`);
  try {
    await fsp.access(st ? abs : dir, constants.W_OK);
  } catch {
    throw new UsageError(`-o ${file}: not writable`);
  }
}

/** First line of an error's message, for one-line reports (Node's argument errors shortened). */
export function errorLine(err: unknown): string {
  const line = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  const unknown = /^Unknown option '([^']+)'/.exec(line);
  return unknown ? `unknown option '${unknown[1]}' (see --help)` : line;
}
