// Adopting the linter in an existing repository: the baseline (`poc-readiness baseline`, and
// `lint` applying it), `lint --files` for pre-commit's staged files, and `poc-readiness config`
// (the effective configuration of each PoC root and where every value came from).

import { parseArgs } from 'node:util';
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import pkg from '../../package.json';
import {
  BASELINE_FILE,
  BaselineError,
  applyBaseline,
  createBaseline,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
  type Baseline,
  type BaselineSummary,
} from '../core/baseline';
import { Engine } from '../core/engine';
import { RULES } from '../core/rules';
import { findingGroups, type Finding, type LintResult, type Severity } from '../core/types';
import { absolutePosix, NodeFileSystem, toPosix } from '../node/nodeFs';

export class AdoptionUsageError extends Error {}

export const BASELINE_HELP = `Usage: poc-readiness baseline [path] [options]

Records the current findings in ${BASELINE_FILE} (in [path], default: the current folder), so
that \`lint\` fails only on new findings. Findings are keyed by file, rule and a fingerprint of the
line's content, with a count: moving code around does not revive them. The score is never
changed by a baseline. Commit the file.

Options:
      --prune            Only drop entries that are fixed; never add findings (run after fixing debt)
  -o, --output <file>    Write the baseline here instead of [path]/${BASELINE_FILE}
  -h, --help             Show this help

Exit codes: 0 written, 2 usage or I/O error.`;

export const CONFIG_HELP = `Usage: poc-readiness config [path] [options]

Shows the effective lint configuration of each PoC root and where each value comes from.
Precedence, lowest first: shared policies named by \`extends\`, [tool.poc-readiness] in
pyproject.toml, \`lint:\` in poc.yaml, then VS Code settings (editor) or flags (command line).

Options:
  -f, --format <text|json>   Output format (default: text)
      --rule <id=severity>   A command-line override to include; repeatable
      --ignore <glob>        A command-line ignore to include; repeatable
      --allow-path <prefix>  A command-line local-path allowance to include; repeatable
  -h, --help                 Show this help`;

/** The baseline `lint` uses: `--baseline <file>`, else [path]/.poc-readiness-baseline.json when present; none with `--no-baseline`. */
export async function loadLintBaseline(rootAbs: string, opts: { baseline?: string; noBaseline?: boolean }): Promise<{ baseline: Baseline; path: string } | undefined> {
  if (opts.noBaseline) {
    if (opts.baseline) throw new AdoptionUsageError('--baseline and --no-baseline exclude each other');
    return undefined;
  }
  const path = opts.baseline ? nodePath.resolve(opts.baseline) : nodePath.join(rootAbs, BASELINE_FILE);
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (err) {
    if (!opts.baseline && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AdoptionUsageError(`cannot read baseline '${display(path)}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return { baseline: parseBaseline(text), path };
  } catch (err) {
    if (err instanceof BaselineError) throw new AdoptionUsageError(`baseline '${display(path)}' is unusable: ${err.message}`);
    throw err;
  }
}

export function withBaseline(result: LintResult, loaded: { baseline: Baseline; path: string } | undefined): { result: LintResult; summary?: BaselineSummary & { file: string } } {
  if (!loaded) return { result };
  const applied = applyBaseline(result, loaded.baseline);
  return { result: applied.result, summary: { file: display(loaded.path), ...applied.summary } };
}

export async function runBaseline(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prune: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(BASELINE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new AdoptionUsageError('baseline takes one path');
  const rootAbs = await lintableFolder(positionals[0] ?? '.');
  const file = values.output ? nodePath.resolve(values.output) : nodePath.join(rootAbs, BASELINE_FILE);
  // Configuration files still apply (a rule turned off is not baselined), command-line overrides do not exist here.
  const result = await new Engine(new NodeFileSystem(), rootAbs).lintWorkspace();
  const rootSkip = result.skipped.find((s) => s.path === '.');
  if (rootSkip) throw new AdoptionUsageError(`cannot read '${positionals[0] ?? '.'}': ${rootSkip.reason}`);
  const generatedBy = `poc-readiness ${pkg.version}`;
  let baseline: Baseline;
  if (values.prune) {
    const old = await loadLintBaseline(rootAbs, { baseline: file });
    baseline = pruneBaseline(old!.baseline, result, generatedBy);
    const before = countEntries(old!.baseline);
    out(`pruned ${display(file)}: ${before - countEntries(baseline)} fixed finding(s) dropped, ${countEntries(baseline)} kept`);
  } else {
    baseline = createBaseline(result, generatedBy);
    out(`wrote ${display(file)}: ${countEntries(baseline)} finding(s) in ${Object.keys(baseline.findings).length} file(s) and root(s)`);
  }
  try {
    await fsp.writeFile(file, serializeBaseline(baseline));
  } catch (err) {
    throw new AdoptionUsageError(`cannot write '${display(file)}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return 0;
}

function countEntries(b: Baseline): number {
  let n = 0;
  for (const byRule of Object.values(b.findings)) for (const byPrint of Object.values(byRule)) for (const count of Object.values(byPrint)) n += count;
  return n;
}

export async function runConfig(argv: string[], out: (s: string) => void, parseRules: (specs: string[]) => Record<string, import('../core/types').SeveritySetting>): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      rule: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      'allow-path': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(CONFIG_HELP);
    return 0;
  }
  if (!['text', 'json'].includes(values.format!)) throw new AdoptionUsageError(`unknown --format '${values.format}' (text, json)`);
  if (positionals.length > 1) throw new AdoptionUsageError('config takes one path');
  const rootAbs = await lintableFolder(positionals[0] ?? '.');
  const flags = { rules: parseRules(values.rule ?? []), ignore: values.ignore ?? [], localPathAllow: values['allow-path'] ?? [] };
  const hasFlags = Object.keys(flags.rules).length + flags.ignore.length + flags.localPathAllow.length > 0;
  const engine = new Engine(new NodeFileSystem(), rootAbs, { ...(hasFlags ? { overrides: flags } : {}), overridesSource: 'command line' });
  await engine.scan();
  const roots = engine.roots().map((root) => {
    const { config, layers, problems } = engine.configOf(root);
    const rules: Record<string, { severity: string; source: string }> = {};
    for (const rule of RULES) rules[rule.id] = { severity: rule.severity, source: 'default' };
    const from = (pick: (l: (typeof layers)[number]) => boolean) => layers.filter(pick).map((l) => l.source);
    for (const layer of layers) for (const [id, severity] of Object.entries(layer.rules)) rules[id] = { severity, source: layer.source };
    return {
      root,
      layers,
      effective: {
        rules,
        ignore: layers.flatMap((l) => l.ignore.map((pattern) => ({ pattern, source: l.source }))),
        localPathAllow: layers.flatMap((l) => l.localPathAllow.map((prefix) => ({ prefix, source: l.source }))),
        allowInlineIgnore: { value: config.allowInlineIgnore, source: config.allowInlineIgnore ? 'default' : from((l) => l.allowInlineIgnore === false).join(', ') },
      },
      problems: problems.map((p) => ({ file: p.file, line: p.range.line, message: p.message })),
    };
  });
  if (values.format === 'json') {
    out(JSON.stringify({ version: 1, precedence: ['policy', 'pyproject.toml', 'poc.yaml', 'settings / command line'], roots }, null, 2));
    return 0;
  }
  for (const r of roots) {
    const lines = [`${r.root === '.' ? display(rootAbs) : r.root}`];
    lines.push(`  sources (lowest precedence first): ${r.layers.length ? r.layers.map((l) => l.source).join(' < ') : 'none (defaults only)'}`);
    const changed = Object.entries(r.effective.rules).filter(([, v]) => v.source !== 'default');
    lines.push(`  rules: ${changed.length ? '' : 'all at their default severity'}`);
    for (const [id, v] of changed) lines.push(`    ${id.padEnd(28)} ${v.severity.padEnd(8)} from ${v.source}`);
    lines.push(`  ignore: ${r.effective.ignore.length ? '' : 'none'}`);
    for (const i of r.effective.ignore) lines.push(`    ${i.pattern.padEnd(36)} from ${i.source}`);
    lines.push(`  local-path allow: ${r.effective.localPathAllow.length ? '' : 'none'}`);
    for (const a of r.effective.localPathAllow) lines.push(`    ${a.prefix.padEnd(36)} from ${a.source}`);
    lines.push(`  inline poc-readiness-ignore: ${r.effective.allowInlineIgnore.value ? 'honoured' : `reported, not honoured (${r.effective.allowInlineIgnore.source})`}`);
    for (const p of r.problems) lines.push(`  problem: ${p.file}:${p.line}: ${p.message}`);
    out(lines.join('\n') + '\n');
  }
  return 0;
}

/** `lint --files a.py b.ipynb`: only file findings in those files (pre-commit passes the staged ones). */
export function onlyFiles(result: LintResult, files: readonly string[], rootAbs: string): LintResult {
  const wanted = new Set(files.map((f) => toPosix(nodePath.relative(rootAbs, nodePath.resolve(f)))));
  const fileRules = new Set(RULES.filter((r) => r.scope === 'file').map((r) => r.id));
  const keep = (f: Finding) => f.file !== undefined && wanted.has(f.file) && fileRules.has(f.ruleId);
  const outside = result.outside?.filter(keep);
  const { outside: _all, ...rest } = result;
  return { ...rest, roots: result.roots.map((r) => ({ ...r, findings: r.findings.filter(keep) })), ...(outside?.length ? { outside } : {}) };
}

/** `path:line:col: severity message [rule]`, one per finding: what editors and pre-commit output parse. */
export function formatFileFindings(result: LintResult, displayRoot: string): string {
  const lines: string[] = [];
  const prefix = displayRoot === '.' ? '' : displayRoot.replace(/\/$/, '') + '/';
  for (const root of findingGroups(result)) {
    for (const f of root.findings) {
      const where = f.cell !== undefined ? `${f.rawLine ?? 1}:1: cell ${f.cell + 1}, line ${f.line}:` : `${f.line}:${f.column}:`;
      lines.push(`${prefix}${f.file}:${where} ${f.severity} ${f.message} [${f.ruleId}]${f.baselineState === 'unchanged' ? ' (baselined)' : ''}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
export const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];

/** Does a finding fail the run? Baselined findings never do. */
export function failsGate(f: Finding, failOn: Severity): boolean {
  return f.baselineState !== 'unchanged' && RANK[f.severity] >= RANK[failOn];
}

async function lintableFolder(target: string): Promise<string> {
  const abs = absolutePosix(target);
  let stat;
  try {
    stat = await fsp.stat(abs);
  } catch {
    throw new AdoptionUsageError(`cannot read '${target}': no such folder`);
  }
  if (!stat.isDirectory()) throw new AdoptionUsageError(`'${target}' is not a folder`);
  return abs;
}

function display(p: string): string {
  const rel = toPosix(nodePath.relative(process.cwd(), p));
  return rel === '' ? '.' : rel.startsWith('../../') ? toPosix(p) : rel;
}
