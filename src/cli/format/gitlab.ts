// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues with
// description, check_name, fingerprint, severity and location.path / location.lines.begin.
// The fingerprint is built from the root, file, rule and the finding's line content (plus an
// occurrence number for identical lines), never from the line number: a finding that moves
// down the file stays the same issue in GitLab's merge-request widget.

import { createHash } from 'node:crypto';
import { baselineKey } from '../../core/baseline';
import { findingGroups, type Finding, type LintResult } from '../../core/types';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

export interface GitlabOptions {
  /** Prefix from the repository root (GitLab's working directory) to the linted folder. */
  uriPrefix: string;
}

/** A leaked credential blocks a merge; other errors are major, warnings minor. */
export function gitlabSeverity(f: Finding): GitlabSeverity {
  if (f.severity === 'info') return 'info';
  if (f.severity === 'warning') return 'minor';
  return f.ruleId === 'hardcoded-secret' ? 'critical' : 'major';
}

export function toGitlab(result: LintResult, opts: GitlabOptions): GitlabIssue[] {
  const prefix = opts.uriPrefix && opts.uriPrefix !== '.' && !opts.uriPrefix.startsWith('..') ? opts.uriPrefix.replace(/\/$/, '') + '/' : '';
  const issues: GitlabIssue[] = [];
  const occurrences = new Map<string, number>();
  for (const root of findingGroups(result)) {
    for (const f of root.findings) {
      const file = f.file ?? root.anchor ?? (root.root === '.' ? '' : root.root);
      const key = `${root.root}|${baselineKey(f, root.root)}|${f.ruleId}|${f.fingerprint ?? ''}`;
      const n = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, n);
      const cell = f.cell !== undefined ? ` (cell ${f.cell + 1}, line ${f.line})` : '';
      issues.push({
        // GitLab compares reports by fingerprint itself; a baselined finding stays listed, marked.
        description: `${f.message}${cell}${f.baselineState === 'unchanged' ? ' (baselined)' : ''}`,
        check_name: f.ruleId,
        fingerprint: createHash('md5').update(`${key}|${n}`).digest('hex'),
        severity: gitlabSeverity(f),
        location: { path: prefix + (file || '.'), lines: { begin: f.cell !== undefined ? f.rawLine ?? 1 : f.line ?? 1 } },
      });
    }
  }
  return issues;
}

export function formatGitlab(result: LintResult, opts: GitlabOptions): string {
  return JSON.stringify(toGitlab(result, opts), null, 2) + '\n';
}
