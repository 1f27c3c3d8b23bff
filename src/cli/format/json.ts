// The brief's JSON contract, field for field.

import type { BaselineSummary } from '../../core/baseline';
import type { Finding, LintResult } from '../../core/types';

export function toJson(result: LintResult, baseline?: BaselineSummary & { file: string }): object {
  return {
    version: 1,
    ...(baseline ? { baseline } : {}),
    roots: result.roots.map((r) => ({
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
      findings: r.findings.map(jsonFinding),
    })),
  };
}

function jsonFinding(f: Finding): object {
  const out: Record<string, unknown> = { ruleId: f.ruleId, pillar: f.pillar, severity: f.severity };
  if (f.file !== undefined) out.file = f.file;
  if (f.line !== undefined) Object.assign(out, { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });
  if (f.cell !== undefined) out.cell = f.cell;
  out.message = f.message;
  if (f.fingerprint) out.fingerprint = f.fingerprint;
  if (f.baselineState) out.baselineState = f.baselineState;
  return out;
}

export function formatJson(result: LintResult, baseline?: BaselineSummary & { file: string }): string {
  return JSON.stringify(toJson(result, baseline), null, 2) + '\n';
}
