// Baseline: the findings a repository had when it adopted the linter, so a gate can fail on
// new findings only. `.poc-readiness-baseline.json` keys findings by file, rule and the
// fingerprint of the line's content (never the line number, so edits above a finding do not
// revive it), with a count for identical lines. Findings without a file are keyed by their
// PoC root with a trailing "/" ("./" for the workspace). The score never looks at a baseline.

import { decodeText, type FileSystem } from './fs';
import { findingGroups, type Finding, type LintResult } from './types';

export const BASELINE_FILE = '.poc-readiness-baseline.json';
export const BASELINE_VERSION = 1;

/** file (or "<root>/") → rule id → fingerprint → count. */
export type BaselineCounts = Record<string, Record<string, Record<string, number>>>;

export interface Baseline {
  version: number;
  generatedBy?: string;
  findings: BaselineCounts;
}

export interface BaselineSummary {
  /** Findings the baseline covers. */
  unchanged: number;
  /** Findings not in the baseline. */
  new: number;
  /** Baseline entries no longer found (fixed); `baseline --prune` drops them. */
  absent: number;
}

export function baselineKey(f: Finding, root: string): string {
  return f.file ?? `${root}/`;
}

function add(counts: BaselineCounts, file: string, ruleId: string, fingerprint: string, n = 1): void {
  const byRule = (counts[file] ??= {});
  const byPrint = (byRule[ruleId] ??= {});
  byPrint[fingerprint] = (byPrint[fingerprint] ?? 0) + n;
}

/** Counts of every finding of the result (the baseline `poc-readiness baseline` writes). */
export function countFindings(result: LintResult): BaselineCounts {
  const counts: BaselineCounts = {};
  for (const group of findingGroups(result)) for (const f of group.findings) add(counts, baselineKey(f, group.root), f.ruleId, f.fingerprint ?? '');
  return counts;
}

export function createBaseline(result: LintResult, generatedBy?: string): Baseline {
  return { version: BASELINE_VERSION, ...(generatedBy ? { generatedBy } : {}), findings: countFindings(result) };
}

/** The old baseline shrunk to what is still found: fixed findings go, new ones are not added. */
export function pruneBaseline(old: Baseline, result: LintResult, generatedBy?: string): Baseline {
  const now = countFindings(result);
  const findings: BaselineCounts = {};
  for (const [file, byRule] of Object.entries(old.findings)) {
    for (const [ruleId, byPrint] of Object.entries(byRule)) {
      for (const [print, count] of Object.entries(byPrint)) {
        const kept = Math.min(count, now[file]?.[ruleId]?.[print] ?? 0);
        if (kept > 0) add(findings, file, ruleId, print, kept);
      }
    }
  }
  return { version: BASELINE_VERSION, ...(generatedBy ? { generatedBy } : {}), findings };
}

/** Stable text: keys sorted, so regenerating an unchanged baseline leaves no diff. */
export function serializeBaseline(baseline: Baseline): string {
  const sorted: BaselineCounts = {};
  for (const file of Object.keys(baseline.findings).sort()) {
    const byRule = baseline.findings[file];
    sorted[file] = {};
    for (const ruleId of Object.keys(byRule).sort()) {
      sorted[file][ruleId] = {};
      for (const print of Object.keys(byRule[ruleId]).sort()) sorted[file][ruleId][print] = byRule[ruleId][print];
    }
  }
  return JSON.stringify({ version: baseline.version, ...(baseline.generatedBy ? { generatedBy: baseline.generatedBy } : {}), findings: sorted }, null, 2) + '\n';
}

export class BaselineError extends Error {}

/** Parses a baseline file; throws BaselineError with a reason a person can act on. */
export function parseBaseline(text: string): Baseline {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`not valid JSON (${(err as Error).message})`);
  }
  if (!data || typeof data !== 'object' || typeof data.findings !== 'object' || data.findings === null || Array.isArray(data.findings)) {
    throw new BaselineError('expected { "version": 1, "findings": { "<file>": { "<rule>": { "<fingerprint>": <count> } } } }');
  }
  if (data.version !== BASELINE_VERSION) throw new BaselineError(`unsupported version ${JSON.stringify(data.version)} (this poc-readiness reads version ${BASELINE_VERSION})`);
  const findings: BaselineCounts = {};
  for (const [file, byRule] of Object.entries<any>(data.findings)) {
    if (!byRule || typeof byRule !== 'object') continue;
    for (const [ruleId, byPrint] of Object.entries<any>(byRule)) {
      if (!byPrint || typeof byPrint !== 'object') continue;
      for (const [print, count] of Object.entries<any>(byPrint)) {
        if (Number.isInteger(count) && count > 0) add(findings, file, ruleId, print, count);
      }
    }
  }
  return { version: BASELINE_VERSION, ...(typeof data.generatedBy === 'string' ? { generatedBy: data.generatedBy } : {}), findings };
}

/**
 * Marks each finding `baselineState: 'unchanged'` (covered by the baseline) or `'new'`. Of
 * several findings with the same key, the first `count` (in report order) are covered. Scores
 * are left exactly as they are.
 */
export function applyBaseline(result: LintResult, baseline: Baseline): { result: LintResult; summary: BaselineSummary } {
  const left: BaselineCounts = JSON.parse(JSON.stringify(baseline.findings));
  const summary: BaselineSummary = { unchanged: 0, new: 0, absent: 0 };
  const mark = (root: string) => (f: Finding): Finding => {
      const slot = left[baselineKey(f, root)]?.[f.ruleId];
      const print = f.fingerprint ?? '';
      if (slot && (slot[print] ?? 0) > 0) {
        slot[print]--;
        summary.unchanged++;
        return { ...f, baselineState: 'unchanged' };
      }
      summary.new++;
      return { ...f, baselineState: 'new' };
    };
  const roots = result.roots.map((root) => ({ ...root, findings: root.findings.map(mark(root.root)) }));
  const outside = result.outside?.map(mark('.'));
  for (const byRule of Object.values(left)) for (const byPrint of Object.values(byRule)) for (const n of Object.values(byPrint)) summary.absent += n;
  return { result: { ...result, roots, ...(outside ? { outside } : {}) }, summary };
}

/** Findings that count for the exit code: baselined ones do not. */
export function isBaselined(f: Finding): boolean {
  return f.baselineState === 'unchanged';
}

/** Reads a baseline through the core's FileSystem: undefined when the file does not exist; BaselineError when it is unusable. */
export async function loadBaseline(fs: FileSystem, path: string): Promise<Baseline | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch {
    return undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded) throw new BaselineError('binary content');
  return parseBaseline(decoded.text);
}
