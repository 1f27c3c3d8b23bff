// SARIF 2.1.0 for GitHub code scanning: one reportingDescriptor per rule id with helpUri to
// its doc; every result has a physical location (repository findings sit on the root's
// anchor file, usually poc.yaml) because code scanning drops results without one.

import type * as Sarif from 'sarif';
import { docsUrl } from '../../core/rule';
import { RULES } from '../../core/rules';
import { findingGroups, PILLAR_TITLES, type Finding, type LintResult } from '../../core/types';

export interface SarifOptions {
  /** Prefix from the repository root (the CI working directory) to the linted folder. */
  uriPrefix: string;
  version: string;
  /**
   * Absolute `file:` URI (ending in `/`) of the folder the results' paths are relative to: the
   * working directory with a prefix, else the linted folder. Viewers resolve `%SRCROOT%` by it.
   */
  baseUri?: string;
}

export function toSarif(result: LintResult, opts: SarifOptions): Sarif.Log {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const uri = (p: string) => uriReference(opts.uriPrefix && opts.uriPrefix !== '.' ? `${opts.uriPrefix.replace(/\/$/, '')}/${p}` : p);
  const results: Sarif.Result[] = [];
  for (const root of findingGroups(result)) {
    for (const f of root.findings) {
      const file = f.file ?? root.anchor;
      const res: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: f.severity === 'info' ? 'note' : f.severity,
        message: { text: f.cell !== undefined ? `${f.message} (cell ${f.cell + 1}, line ${f.line})` : f.message },
        properties: { pillar: f.pillar, ...(root.outside ? { outsideEveryRoot: true } : { root: root.root }), ...(f.cell !== undefined ? { cell: f.cell } : {}) },
      };
      if (file) res.locations = [{ physicalLocation: { artifactLocation: { uri: uri(file), uriBaseId: '%SRCROOT%' }, region: region(f) } }];
      res.partialFingerprints = { 'pocReadiness/v1': fingerprint(f, root.root) };
      if (f.baselineState) res.baselineState = f.baselineState;
      results.push(res);
    }
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'poc-readiness',
            semanticVersion: opts.version,
            version: opts.version,
            informationUri: 'https://github.com/poc-readiness/poc-readiness',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.title}. Pillar: ${PILLAR_TITLES[r.pillar]}.` },
              helpUri: docsUrl(r.id),
              help: { text: `See ${docsUrl(r.id)}`, markdown: `[${r.id}](${docsUrl(r.id)}): ${r.title}` },
              defaultConfiguration: { level: r.severity === 'info' ? 'note' : r.severity },
              properties: { tags: ['poc-readiness', r.pillar], pillar: r.pillar, weight: r.weight },
            })),
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
        ...(opts.baseUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: opts.baseUri.endsWith('/') ? opts.baseUri : `${opts.baseUri}/` } } } : {}),
      },
    ],
  } as Sarif.Log;
}

/**
 * A relative path as the URI reference SARIF requires (§3.10): each segment percent-encoded, so
 * `my data/{{cookiecutter.name}}/x.py` or `notes#1.md` resolve to the file, not to a broken URI.
 */
export function uriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding): Sarif.Region {
  // Notebook findings count lines inside a cell; code scanning wants the line of the .ipynb itself.
  if (f.cell !== undefined) return { startLine: f.rawLine ?? 1 };
  if (!f.line) return { startLine: 1 };
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

function fingerprint(f: Finding, root: string): string {
  const key = `${root}|${f.ruleId}|${f.file ?? ''}|${f.cell ?? ''}|${f.message}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export function formatSarif(result: LintResult, opts: SarifOptions): string {
  return JSON.stringify(toSarif(result, opts), null, 2) + '\n';
}
