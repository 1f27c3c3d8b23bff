// Entry point of the extension's web bundle, and the body of the Node one (extensionNode.ts). A thin adapter: the rules, the
// score and the scaffolds live in src/core; this wires them to diagnostics, the status bar,
// the readiness view, code actions and commands. Activation only registers; the first scan
// starts after activate() returns.

import * as vscode from 'vscode';
import { formatEditorReport } from '../core/format/editorReport';
import { RULES } from '../core/rules';
import type { ScaffoldOptions, ScaffoldRequest } from '../core/scaffold';
import { allFindings, type LintResult } from '../core/types';
import { ReadinessCodeActions } from './codeActions';
import { LintController, fileUri, type LocalFolders, type ScanRecord } from './controller';
import { DiagnosticsPublisher } from './diagnostics';
import { PORTFOLIO_URI, portfolioMarkdown, showPortfolio } from './portfolioView';
import { ReadinessView, type ReadinessNode, type TreeLine } from './readinessView';
import { ScaffoldCommands, type ScaffoldCommandResult } from './scaffoldCommands';
import { ReadinessStatusBar } from './statusBar';
import { currentWizardStep, type WizardStep } from './wizard';

/** What the extension exports: used by its integration tests and by other extensions. */
export interface PocReadinessApi {
  /** Resolves once the first workspace scan has finished. */
  ready: Promise<void>;
  statusBarText(): string;
  /** Every text the status bar item showed since activation, oldest first. */
  statusBarHistory(): readonly string[];
  /** The readiness view as the user sees it: labels, descriptions, icons, commands, nested. */
  readinessTree(): TreeLine[];
  results(): LintResult[];
  /** Runs a scaffold without prompts. */
  scaffold(which: ScaffoldRequest, options?: ScaffoldOptions): Promise<ScaffoldCommandResult | undefined>;
  /** The New Use Case step on screen (tests answer it through the real QuickInput). */
  wizardStep(): WizardStep | undefined;
  /** The last full scan of each folder: files, how many worker threads analysed, milliseconds. */
  lastScans(): ScanRecord[];
  /** Files worker threads analysed since activation (0 in VS Code for the Web). */
  workerFiles(): number;
}

// Every scheme: the workspace may be local, remote or virtual; actions only attach to our diagnostics.
const SELECTOR: vscode.DocumentSelector = [{ pattern: '**' }, { scheme: 'vscode-notebook-cell' }];

/** @param localFolders given by the Node host (extensionNode.ts), absent in VS Code for the Web. */
export function activate(context: vscode.ExtensionContext, localFolders?: LocalFolders): PocReadinessApi {
  // "PoC Readiness" in the Output panel: scans, scores, and (at debug level) every skipped file and why.
  const log = vscode.window.createOutputChannel('PoC Readiness', { log: true });
  const controller = new LintController(log, localFolders);
  const diagnostics = new DiagnosticsPublisher(controller);
  const statusBar = new ReadinessStatusBar(controller);
  const view = new ReadinessView(controller);
  const scaffolds = new ScaffoldCommands(context.extensionUri, controller);

  context.subscriptions.push(
    log,
    controller,
    diagnostics,
    statusBar,
    view,
    vscode.window.registerTreeDataProvider('pocReadiness.view', view),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ReadinessCodeActions(controller, commandTitle(context)), ReadinessCodeActions.metadata),
    controller.onDidChangeResults(() => {
      diagnostics.publish();
      statusBar.update();
      view.refresh();
      // The portfolio button shows where there is a portfolio: a monorepo or a multi-root workspace.
      const roots = controller.states().reduce((n, s) => n + (s.result?.roots.length ?? 0), 0);
      void vscode.commands.executeCommand('setContext', 'pocReadiness.severalPocRoots', roots > 1);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.update()),
    vscode.window.onDidChangeActiveNotebookEditor(() => statusBar.update()),
    vscode.commands.registerCommand('pocReadiness.lintWorkspace', () => lintWorkspace(controller)),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_URI.scheme, new ReportProvider(controller)),
    vscode.commands.registerCommand('pocReadiness.showReport', showReport),
    vscode.commands.registerCommand('pocReadiness.showPortfolio', showPortfolio),
    vscode.commands.registerCommand('pocReadiness.showRuleDoc', (ruleId?: string) => showRuleDoc(context.extensionUri, ruleId)),
    vscode.commands.registerCommand('pocReadiness.openFinding', openFinding),
    // Called with a scaffold id (code actions) or with a readiness-view node (its inline button).
    vscode.commands.registerCommand('pocReadiness.scaffold', (which: ScaffoldRequest | ReadinessNode | undefined, options?: ScaffoldOptions & { interactive?: boolean }) =>
      scaffolds.run(typeof which === 'string' ? which : ((which?.kind === 'finding' ? which.finding.data?.scaffold : undefined) as ScaffoldRequest | undefined) ?? 'all', options),
    ),
    vscode.commands.registerCommand('pocReadiness.newUseCase', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('manifest', o)),
    vscode.commands.registerCommand('pocReadiness.addDataRequirements', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('data-requirements', o)),
    vscode.commands.registerCommand('pocReadiness.addDockerfile', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('dockerfile', o)),
    vscode.commands.registerCommand('pocReadiness.addCiPipeline', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('ci', o)),
    vscode.commands.registerCommand('pocReadiness.addPlaybook', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('playbook', o)),
    vscode.commands.registerCommand('pocReadiness.setRuleSetting', (uri: vscode.Uri, ruleId: string, value: string) => {
      const config = vscode.workspace.getConfiguration('pocReadiness', uri);
      return config.update('rules', { ...config.get<Record<string, string>>('rules', {}), [ruleId]: value }, vscode.ConfigurationTarget.Workspace);
    }),
    vscode.commands.registerCommand('pocReadiness.allowPathPrefix', (uri: vscode.Uri, prefix: string) => {
      const config = vscode.workspace.getConfiguration('pocReadiness', uri);
      const allow = config.get<string[]>('localPath.allow', []);
      return allow.includes(prefix) ? undefined : config.update('localPath.allow', [...allow, prefix], vscode.ConfigurationTarget.Workspace);
    }),
    vscode.commands.registerCommand('pocReadiness.scaffoldAll', (o?: ScaffoldOptions & { interactive?: boolean }) => scaffolds.run('all', o)),
  );

  controller.start();
  // The first scan runs after activation returns, so activation stays cheap.
  const ready = new Promise<void>((resolve) => setTimeout(() => void controller.scanAll().then(resolve, resolve), 0));

  return {
    ready,
    statusBarText: () => statusBar.text,
    statusBarHistory: () => statusBar.history,
    readinessTree: () => view.render(),
    results: () => controller.states().flatMap((s) => (s.result ? [s.result] : [])),
    scaffold: (which, options) => scaffolds.run(which, { ...options, interactive: false }),
    wizardStep: currentWizardStep,
    lastScans: () => [...controller.lastScans.values()],
    workerFiles: () => localFolders?.pool.analysed ?? 0,
  };
}

/** Lint Workspace from the palette or the view: progress while it runs, then what it found (returned for tests). */
async function lintWorkspace(controller: LintController): Promise<string> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'PoC Readiness: linting the workspace' }, () => controller.scanAll());
  const results = controller.states().flatMap((s) => (s.result ? [s.result] : []));
  const files = results.reduce((n, r) => n + r.filesLinted, 0);
  const findings = results.reduce((n, r) => n + allFindings(r).length, 0);
  const message = `PoC Readiness: linted ${files} file${files === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'}.`;
  vscode.window.setStatusBarMessage(`$(check) ${message}`, 5000);
  return message;
}

function commandTitle(context: vscode.ExtensionContext): (command: string) => string | undefined {
  const commands: Array<{ command: string; title: string }> = context.extension.packageJSON?.contributes?.commands ?? [];
  return (command) => commands.find((c) => c.command === command)?.title;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** The readiness report as a read-only virtual document: no "save changes?" when it closes. */
const REPORT_URI = vscode.Uri.from({ scheme: 'poc-readiness', path: '/PoC Readiness Report.md' });

class ReportProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly controller: LintController) {
    controller.onDidChangeResults(() => {
      this.emitter.fire(REPORT_URI);
      this.emitter.fire(PORTFOLIO_URI);
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    if (uri.path === PORTFOLIO_URI.path) return portfolioMarkdown(this.controller);
    const parts = this.controller
      .states()
      .filter((s) => s.result)
      .map((s) => formatEditorReport(s.result!, s.folder.name, ({ file, line }) => fileUri(s, file).with({ fragment: line ? `L${line}` : '' }).toString()));
    return parts.length ? parts.join('\n') : '# PoC Readiness\n\nNo workspace folder has been scanned yet.';
  }
}

async function showReport(): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI).then(undefined, async () =>
    vscode.window.showTextDocument(await vscode.workspace.openTextDocument(REPORT_URI)),
  );
}

async function showRuleDoc(extensionUri: vscode.Uri, ruleId?: string): Promise<void> {
  const id = ruleId ?? (await vscode.window.showQuickPick(RULES.map((r) => ({ label: r.id, description: r.pillar, detail: r.title })), { title: 'Rule documentation' }))?.label;
  if (!id || !RULES.some((r) => r.id === id)) return;
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(uri));
}

async function openFinding(uriString: string, line: number, column: number, cell?: number): Promise<void> {
  const uri = vscode.Uri.parse(uriString);
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  if (cell !== undefined && uri.path.endsWith('.ipynb')) {
    const nb = await vscode.workspace.openNotebookDocument(uri);
    const editor = await vscode.window.showNotebookDocument(nb);
    const range = new vscode.NotebookRange(cell, cell + 1);
    editor.revealRange(range);
    editor.selections = [range];
    if (cell < nb.cellCount) await vscode.window.showTextDocument(nb.cellAt(cell).document, { selection: new vscode.Range(position, position), viewColumn: editor.viewColumn });
    return;
  }
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

