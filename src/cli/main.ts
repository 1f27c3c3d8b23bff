// `poc-readiness` — the CLI face over the core. Exit codes: 0 clean, 1 findings at error
// severity or a score under --min-score, 2 usage or I/O error.

import { parseArgs } from 'node:util';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { promises as fsp } from 'node:fs';
import pkg from '../../package.json';
import { Engine } from '../core/engine';
import { RULES } from '../core/rules';
import { docsUrl } from '../core/rule';
import { allFindings, LEVELS, SEVERITY_SETTINGS, type Level, type LintResult, type SeveritySetting } from '../core/types';
import { absolutePosix, NodeFileSystem, toPosix } from '../node/nodeFs';
import { AnalyzePool } from '../node/analyzePool';
import { buildId, DEFAULT_CACHE_DIR, FileAnalysisCache } from '../node/analysisCache';
import { serveAnalysisIfWorker } from '../node/analyzeWorker';
import { formatJson, type ReportContext } from './format/json';
import { charterOf } from '../core/portfolio';
import { repositoryInfo } from '../node/gitInfo';
import { formatMarkdown } from '../core/format/markdown';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { runInit, INIT_HELP } from './init';
import { runPortfolio, PORTFOLIO_HELP } from './portfolio';
import { runHistory } from './history';
import { checkOutputPath, errorLine, joinDashValues, parseMinScore, UsageError } from './args';
import { formatGitlab } from './format/gitlab';
import { AdoptionUsageError, BASELINE_HELP, CONFIG_HELP, FAIL_ON, failsGate, formatFileFindings, loadLintBaseline, onlyFiles, runBaseline, runConfig, withBaseline } from './adoption';

const MAIN_HELP = `Usage: poc-readiness <command> [options]

Lints machine-learning PoC repositories against the five scalable-PoC principles.

Commands:
  lint [path]            Lint a repository (default: current folder)
  init [path]            Scaffold poc.yaml, data requirements, Dockerfile, CI, playbook
  portfolio <dir|report>...
                         Many PoCs: pilot-stagnation diagnosis, KPIs, score, level, stage
  history [path]         Score and level along the git history
  rules                  List the rules with their pillar, severity, weight and doc
  baseline [path]        Record today's findings so lint fails on new ones only
  config [path]          Show the effective configuration and where each value comes from
  lsp --stdio            Language server (LSP) over stdin/stdout, for Neovim, Helix, JetBrains, JupyterLab

Run 'poc-readiness <command> --help' for the options of a command.
Options: --help, --version`;

export const LINT_HELP = `Usage: poc-readiness lint [path] [options]

Options:
  -f, --format <text|json|sarif|markdown|gitlab>
                                           Output format (default: text; gitlab: Code Quality report)
      --min-score <0-100>                  Exit 1 when a PoC root scores below this
      --min-level <level>                  Exit 1 when a PoC root is below this maturity level
                                           (scripted, pipelined, continuous)
      --rule <id=severity>                 Override a rule's severity (off|info|warning|error); repeatable
      --ignore <glob>                      Extra ignore pattern (gitignore syntax); repeatable
      --allow-path <prefix>                Path prefix local-path accepts; repeatable
      --baseline <file>                    Baseline to apply (default: [path]/.poc-readiness-baseline.json if present)
      --no-baseline                        Ignore the baseline: every finding counts
      --fail-on <error|warning|info>       Lowest severity that fails the run (default: error)
      --files <file>...                    Only file findings in these files (pre-commit's staged files);
                                           the folder linted is the current one
      --cache                              Keep per-file analyses in .poc-readiness-cache/ and reuse
                                           them for files whose content did not change
      --cache-location <dir>               The cache folder (implies --cache; CI: a cached path)
  -o, --output <file>                      Write the report to a file instead of stdout
      --color / --no-color                 Force colours on or off (default: on for a TTY)
  -v, --verbose                            Also list skipped paths and why
  -h, --help                               Show this help

Exit codes: 0 clean, 1 error findings, score under --min-score or level under --min-level,
2 usage or I/O error. Baselined findings are reported but never fail the run; the score
ignores the baseline.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(MAIN_HELP + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const write = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  switch (command) {
    case 'lint':
      return lint(rest);
    case 'init':
      return runInit(rest, write, (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'));
    case 'portfolio':
      return runPortfolio(rest, write);
    case 'history':
      return runHistory(rest, write);
    case 'rules':
      return listRules(rest);
    // Adoption (baseline, effective configuration): src/cli/adoption.ts.
    case 'baseline':
      return runBaseline(rest, write);
    case 'config':
      return runConfig(rest, write, parseRuleOverrides);
    case 'lsp':
      return languageServer(rest);
    default:
      throw new UsageError(`unknown command '${command}' (lint, init, portfolio, history, rules; see --help)`);
  }
}

async function lint(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: joinDashValues(argv, ['--min-score']),
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'min-score': { type: 'string' },
      'min-level': { type: 'string' },
      rule: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      'allow-path': { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      // Adoption flags (baseline, pre-commit): src/cli/adoption.ts.
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      'fail-on': { type: 'string', default: 'error' },
      files: { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(LINT_HELP + '\n');
    return 0;
  }
  // --- adoption: `--files` lints the current folder and reports only the named files ---
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info (got '${values['fail-on']}')`);
  const onlyTheseFiles = values.files ? positionals.splice(0) : undefined;
  // --- end adoption ---
  if (positionals.length > 1) throw new UsageError('lint takes one path (use `portfolio` for several repositories)');
  const format = values.format!;
  if (!['text', 'json', 'sarif', 'markdown', 'gitlab'].includes(format)) throw new UsageError(`unknown --format '${format}' (text, json, sarif, markdown, gitlab)`);
  const minScore = parseMinScore(values['min-score']);
  const minLevel = values['min-level'] as Level | undefined;
  if (minLevel !== undefined && !LEVELS.includes(minLevel)) throw new UsageError(`--min-level must be one of ${LEVELS.join(', ')}`);
  const rules = parseRuleOverrides(values.rule ?? []);
  const target = positionals[0] ?? '.';
  const rootAbs = absolutePosix(target);
  let stat;
  try {
    stat = await fsp.stat(rootAbs);
  } catch {
    process.stderr.write(`poc-readiness: cannot read '${target}': no such folder\n`);
    return 2;
  }
  if (!stat.isDirectory()) {
    process.stderr.write(`poc-readiness: '${target}' is not a folder\n`);
    return 2;
  }
  if (values.output !== undefined) await checkOutputPath(values.output);

  // This bundle is also the script of the analysis workers (see the end of this file).
  const pool = new AnalyzePool(__filename);
  const cacheDir = values['cache-location'] !== undefined ? nodePath.resolve(values['cache-location']) : values.cache ? nodePath.join(rootAbs, DEFAULT_CACHE_DIR) : undefined;
  const cache = cacheDir ? await FileAnalysisCache.open(cacheDir, buildId(pkg.version, __filename)) : undefined;
  if (cache?.discarded && values.verbose) process.stderr.write(`poc-readiness: cache ${cacheDir} not used: ${cache.discarded}\n`);
  const engine = new Engine(new NodeFileSystem(), rootAbs, {
    overrides: { rules, ignore: values.ignore ?? [], localPathAllow: values['allow-path'] ?? [] },
    offload: pool,
    ...(cache ? { cache } : {}),
  });
  const loadedBaseline = await loadLintBaseline(rootAbs, { baseline: values.baseline, noBaseline: values['no-baseline'] });
  const linted = await engine.lintWorkspace().finally(() => pool.close());
  if (values.verbose && pool.analysed) process.stderr.write(`poc-readiness: worker threads analysed ${pool.analysed} of ${linted.filesLinted} files\n`);
  if (cache) {
    // A cache that cannot be written costs the next run time, never this run's report.
    await cache.save().catch((err: Error) => process.stderr.write(`poc-readiness: cache not written to ${cacheDir}: ${err.message}\n`));
    if (values.verbose) process.stderr.write(`poc-readiness: cache ${cacheDir}: ${cache.hits} files reused, ${cache.misses} analysed\n`);
  }
  const rootSkip = linted.skipped.find((s) => s.path === '.');
  if (rootSkip) {
    process.stderr.write(`poc-readiness: cannot read '${target}': ${rootSkip.reason}\n`);
    return 2;
  }
  // --- adoption: baseline marks known findings; --files keeps the named files' findings ---
  const baselined = withBaseline(linted, loadedBaseline);
  const result = onlyTheseFiles ? onlyFiles(baselined.result, onlyTheseFiles, rootAbs) : baselined.result;
  // --- end adoption ---
  const displayRoot = toPosix(nodePath.relative(process.cwd(), nodePath.resolve(target))) || '.';
  const color = values['no-color'] ? false : values.color ?? (!values.output && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const report =
    onlyTheseFiles && format === 'text' ? formatFileFindings(result, displayRoot)
    : format === 'gitlab' ? formatGitlab(result, { uriPrefix: displayRoot })
    : format === 'json' ? formatJson(result, { ...(await reportContext(engine, rootAbs)), baseline: baselined.summary })
    : format === 'sarif' ? formatSarif(result, { uriPrefix: displayRoot.startsWith('..') ? '' : displayRoot, version: pkg.version, baseUri: pathToFileURL(displayRoot.startsWith('..') ? nodePath.resolve(target) : process.cwd()).href })
    : format === 'markdown' ? formatMarkdown(result, nodePath.basename(rootAbs))
    : formatText(result, { displayRoot, verbose: !!values.verbose, color });
  if (values.output !== undefined) {
    try {
      await fsp.writeFile(values.output, report);
    } catch (err) {
      process.stderr.write(`poc-readiness: cannot write -o ${values.output}: ${errorLine(err)}\n`);
      return 2;
    }
  } else process.stdout.write(report);
  return exitCode(result, minScore, minLevel, failOn);
}

/** Repository identity (read from .git without running git), time, and each root's charter. */
async function reportContext(engine: Engine, rootAbs: string): Promise<ReportContext> {
  return { generatedAt: new Date().toISOString(), repository: await repositoryInfo(rootAbs), charterOf: (root) => charterOf(engine.manifestData(root)) };
}

export function exitCode(result: LintResult, minScore: number | undefined, minLevel?: Level, failOn: (typeof FAIL_ON)[number] = 'error'): number {
  const errors = allFindings(result).some((f) => failsGate(f, failOn));
  const low = minScore !== undefined && result.roots.some((r) => r.score.total < minScore);
  const below = minLevel !== undefined && result.roots.some((r) => LEVELS.indexOf(r.score.level) < LEVELS.indexOf(minLevel));
  return errors || low || below ? 1 : 0;
}

function parseRuleOverrides(specs: string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const [id, severity] = spec.split('=');
    if (!RULES.some((r) => r.id === id)) throw new UsageError(`unknown rule '${id}' in --rule (see 'poc-readiness rules')`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) throw new UsageError(`--rule ${spec}: severity must be off, info, warning or error`);
    out[id] = severity as SeveritySetting;
  }
  return out;
}

const LSP_HELP = `Usage: poc-readiness lsp --stdio

Runs the PoC Readiness language server, speaking LSP over stdin/stdout. Settings come from the
client (initializationOptions, workspace/configuration) under the VS Code keys: pocReadiness.*.`;

async function languageServer(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(LSP_HELP + '\n');
    return 0;
  }
  if (!argv.includes('--stdio')) throw new UsageError("lsp needs --stdio, the only transport (see 'poc-readiness lsp --help')");
  // Loaded on demand: the other commands do not pay for the LSP library.
  const { startServer } = await import('../lsp/server');
  // This bundle is also the script of the analysis workers (see the end of this file).
  const connection = startServer(process.stdin, process.stdout, { workerScript: __filename });
  // The library exits the process on the client's `exit` notification; this covers a closed pipe.
  return new Promise((resolve) => connection.onExit(() => resolve(0)));
}

function listRules(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', short: 'f', default: 'text' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write('Usage: poc-readiness rules [--format text|json]\n');
    return 0;
  }
  if (positionals.length) throw new UsageError(`rules takes no arguments (got '${positionals[0]}')`);
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`unknown --format '${values.format}' (text, json)`);
  if (values.json || values.format === 'json') {
    process.stdout.write(JSON.stringify(RULES.map(({ id, pillar, severity, weight, title, scope }) => ({ id, pillar, severity, weight, scope, title, docs: docsUrl(id) })), null, 2) + '\n');
    return 0;
  }
  for (const r of RULES) process.stdout.write(`${r.id.padEnd(28)} ${r.pillar.padEnd(24)} ${r.severity.padEnd(8)} w${r.weight}  ${r.title}\n`);
  return 0;
}

export { INIT_HELP, PORTFOLIO_HELP };

// In an analysis worker (started by AnalyzePool with this bundle as its script) nothing else runs.
if (!serveAnalysisIfWorker()) startCli();

function startCli(): void {
  // `lint … | head`: the reader went away; end quietly instead of printing EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // One line, whatever went wrong: usage errors name the option; anything else is an I/O error
      // (POC_READINESS_DEBUG=1 adds the stack for a bug report).
      const known = err instanceof UsageError || err instanceof AdoptionUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      const detail = !known && process.env.POC_READINESS_DEBUG ? `\n${(err as Error).stack ?? ''}` : '';
      process.stderr.write(`poc-readiness: ${errorLine(err)}${detail}\n`);
      process.exitCode = 2;
    },
  );
}
