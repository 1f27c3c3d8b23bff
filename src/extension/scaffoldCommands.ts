// Scaffolding commands (category "PoC"). Files are created through one WorkspaceEdit, so a
// single Undo removes them; existing files are never touched: the user may open them or see
// the template beside them.

import * as vscode from 'vscode';
import {
  CI_PROVIDERS,
  DEPLOYMENT_TARGETS,
  planScaffold,
  ScaffoldInputError,
  TemplateError,
  USE_CASE_TYPES,
  type ScaffoldId,
  type ScaffoldOptions,
  type ScaffoldRequest,
} from '../core/scaffold';
import type { LintController } from './controller';
import { VscodeFileSystem } from './vscodeFs';

export interface ScaffoldCommandResult {
  created: string[];
  kept: string[];
}

export class ScaffoldCommands {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: LintController,
  ) {}

  private readTemplate = async (name: string): Promise<string> =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'templates', name)));

  /** Where to scaffold: the active PoC root, else the only (or a picked) workspace folder. */
  private async target(): Promise<vscode.Uri | undefined> {
    const active = this.controller.activeRoot();
    if (active) return active.root.root === '.' ? active.state.folder.uri : vscode.Uri.joinPath(active.state.folder.uri, active.root.root);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) return folders[0]?.uri;
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Scaffold into which folder?' }))?.uri;
  }

  /**
   * Runs a scaffold. `options.interactive === false` skips every prompt (tests, automation);
   * otherwise "New Use Case" asks its wizard questions first.
   */
  async run(which: ScaffoldRequest, options: ScaffoldOptions & { interactive?: boolean; ci?: ScaffoldOptions['ci'] } = {}): Promise<ScaffoldCommandResult | undefined> {
    const root = await this.target();
    if (!root) {
      void vscode.window.showWarningMessage('PoC Readiness: open a folder first.');
      return undefined;
    }
    let opts: ScaffoldOptions = { ...options };
    if (options.interactive !== false) {
      if (which === 'manifest' || which === 'all') {
        const answers = await wizard();
        if (!answers) return undefined;
        opts = { ...opts, ...answers };
      }
      if ((which === 'ci' || which === 'all') && !opts.ci) {
        const pick = await vscode.window.showQuickPick(CI_PROVIDERS.map((c) => ({ label: c, description: c === 'github' ? 'GitHub Actions (default)' : c === 'gitlab' ? 'GitLab CI' : 'Azure Pipelines' })), { title: 'CI provider' });
        if (!pick) return undefined;
        opts.ci = pick.label as ScaffoldOptions['ci'];
      }
    }
    const fs = new VscodeFileSystem(root);
    let plan;
    try {
      plan = await planScaffold(root.path, which, opts, fs, this.readTemplate);
    } catch (err) {
      if (err instanceof ScaffoldInputError || err instanceof TemplateError) {
        void vscode.window.showErrorMessage(`PoC Readiness: ${err.message} — nothing was written.`);
        return undefined;
      }
      throw err;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const file of plan.create) {
      edit.createFile(root.with({ path: file.path }), { contents: new TextEncoder().encode(file.content), ignoreIfExists: true });
    }
    if (plan.create.length && !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('PoC Readiness: the files could not be created.');
      return undefined;
    }
    // Created files are saved so the linter and the user's tools see them on disk.
    for (const file of plan.create) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === file.path);
      if (doc?.isDirty) await doc.save();
    }
    await this.controller.scanAll();
    const created = plan.create.map((f) => f.rel);
    const kept = plan.kept.map((k) => k.rel);
    if (options.interactive !== false) await this.report(root, plan.create.map((f) => f.path), plan.kept);
    return { created, kept };
  }

  private async report(root: vscode.Uri, created: string[], kept: Array<{ path: string; rel: string; reason: string; scaffold: ScaffoldId }>): Promise<void> {
    if (created.length) {
      const first = root.with({ path: created[0] });
      await vscode.window.showTextDocument(first, { preview: false });
    }
    for (const k of kept) {
      const choice = await vscode.window.showInformationMessage(`PoC Readiness — ${k.reason}; left as it is.`, 'Open it', 'Show the template beside it');
      if (choice === 'Open it') await vscode.window.showTextDocument(root.with({ path: k.path }));
      if (choice === 'Show the template beside it') {
        const plan = await planScaffold('/__template__', k.scaffold, {}, emptyFs, this.readTemplate);
        const file = plan.create.find((f) => f.rel.endsWith(k.rel.split('/').pop()!)) ?? plan.create[0];
        if (file) {
          const doc = await vscode.workspace.openTextDocument({ content: file.content, language: languageOf(file.rel) });
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
        }
      }
    }
  }
}

/** A file system where nothing exists: renders templates without looking at the workspace. */
const emptyFs = {
  readDirectory: async () => [],
  stat: async () => {
    throw new Error('ENOENT');
  },
  readFile: async () => {
    throw new Error('ENOENT');
  },
  exists: async () => false,
};

function languageOf(path: string): string {
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/\.md$/.test(path)) return 'markdown';
  if (/dockerfile/i.test(path)) return 'dockerfile';
  return 'plaintext';
}

/** New Use Case wizard: every step can be skipped with an empty answer; Escape cancels. */
async function wizard(): Promise<ScaffoldOptions | undefined> {
  const steps = 7;
  const ask = async (step: number, prompt: string, placeHolder: string): Promise<string | null | undefined> => {
    const value = await vscode.window.showInputBox({ title: `New Use Case (${step}/${steps})`, prompt, placeHolder, ignoreFocusOut: true, validateInput: (v) => (/[\\/]|\.\./.test(v) && step === 1 ? 'No path separators or ".." in a name' : undefined) });
    return value === undefined ? undefined : value.trim() || null;
  };
  const pick = async <T extends string>(step: number, title: string, items: readonly T[]): Promise<T | null | undefined> => {
    const choice = await vscode.window.showQuickPick([{ label: '$(debug-step-over) Skip', value: null as T | null }, ...items.map((i) => ({ label: String(i), value: i as T | null }))], { title: `New Use Case (${step}/${steps}): ${title}`, ignoreFocusOut: true });
    return choice === undefined ? undefined : choice.value;
  };
  const name = await ask(1, 'Use-case name (kebab-case, e.g. churn-prediction)', 'Enter to skip');
  if (name === undefined) return undefined;
  const problem = await ask(2, 'Problem statement: the business problem, in one sentence', 'Enter to skip');
  if (problem === undefined) return undefined;
  const type = await pick(3, 'Use-case type', USE_CASE_TYPES);
  if (type === undefined) return undefined;
  const owner = await ask(4, 'Business owner (a person in the business unit)', 'Enter to skip');
  if (owner === undefined) return undefined;
  const sponsor = await ask(5, 'Executive sponsor', 'Enter to skip');
  if (sponsor === undefined) return undefined;
  const tier = await pick(6, 'Risk tier (1 low: self-service · 2 medium: light review · 3 high: full governance)', ['1', '2', '3'] as const);
  if (tier === undefined) return undefined;
  const target = await pick(7, 'Deployment target', DEPLOYMENT_TARGETS);
  if (target === undefined) return undefined;
  const options: ScaffoldOptions = {};
  if (name) options.name = name;
  if (problem) options.problem = problem;
  if (type) options.useCaseType = type;
  if (owner) options.businessOwner = owner;
  if (sponsor) options.sponsor = sponsor;
  if (tier) options.riskTier = Number(tier) as 1 | 2 | 3;
  if (target) options.deploymentTarget = target;
  return options;
}
