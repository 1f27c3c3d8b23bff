// The brief's JSON contract, field for field.

import type { BaselineSummary } from '../../core/baseline';
import type { Charter, RepositoryInfo } from '../../core/portfolio';
import type { Finding, LintResult } from '../../core/types';

/** What a report carries beyond the findings, so `portfolio` can aggregate reports alone. */
export interface ReportContext {
  baseline?: BaselineSummary & { file: string };
  repository?: RepositoryInfo;
  generatedAt?: string;
  /** The charter keys of each root's poc.yaml. */
  charterOf?: (root: string) => Charter | undefined;
}

export function toJson(result: LintResult, context: ReportContext = {}): object {
  return {
    version: 1,
    ...(context.generatedAt ? { generatedAt: context.generatedAt } : {}),
    ...(context.repository ? { repository: context.repository } : {}),
    ...(context.baseline ? { baseline: context.baseline } : {}),
    roots: result.roots.map((r) => {
      const charter = context.charterOf?.(r.root);
      return {
        root: r.root,
        score: {
          total: r.score.total,
          level: r.score.level,
          pillars: r.score.pillars,
          weakest: r.score.weakest,
          evidence: r.score.evidence,
          ...(r.score.next ? { next: r.score.next } : {}),
          improvements: r.score.improvements,
        },
        rules: r.rules,
        ...(charter ? { charter } : {}),
        findings: r.findings.map(jsonFinding),
      };
    }),
    // Files outside every PoC root: their findings, never scored.
    ...(result.outside?.length ? { outside: { findings: result.outside.map(jsonFinding) } } : {}),
  };
}

function jsonFinding(f: Finding): object {
  const out: Record<string, unknown> = { ruleId: f.ruleId, pillar: f.pillar, severity: f.severity };
  if (f.file !== undefined) out.file = f.file;
  if (f.line !== undefined) Object.assign(out, { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });
  if (f.cell !== undefined) out.cell = f.cell;
  out.message = f.message;
  // What a fix needs (a suggested replacement, a distribution to declare, a scaffold): added to the contract, never secret.
  if (f.data) out.data = f.data;
  if (f.fingerprint) out.fingerprint = f.fingerprint;
  if (f.baselineState) out.baselineState = f.baselineState;
  return out;
}

export function formatJson(result: LintResult, context: ReportContext = {}): string {
  return JSON.stringify(toJson(result, context), null, 2) + '\n';
}
