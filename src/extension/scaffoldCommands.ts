// Scaffolding commands (category "PoC"). Files are created through one WorkspaceEdit, so a
// single Undo removes them; existing files are never touched: the user may open them or see
// the template beside them. One notification sums up what happened.

import * as vscode from 'vscode';
import { CI_PROVIDERS, planScaffold, ScaffoldInputError, TemplateError, type ScaffoldOptions, type ScaffoldPlan, type ScaffoldRequest } from '../core/scaffold';
import type { LintController } from './controller';
import { VscodeFileSystem } from './vscodeFs';
import { newUseCaseWizard } from './wizard';

export interface ScaffoldCommandResult {
  created: string[];
  kept: string[];
  /** The planner's warnings (defaults taken, dependency file not found …). */
  notes: string[];
  /** The PoC root's score before and after (after the rescan); undefined where it was not scanned. */
  scoreBefore?: number;
  scoreAfter?: number;
  /** The one notification's text. */
  summary: string;
}

/** What a scaffold is called in its summary: the palette command's title. */
const TITLES: Record<ScaffoldRequest, string> = {
  all: 'Scaffold Scalable PoC',
  manifest: 'New Use Case',
  'data-requirements': 'Add Data-Requirements Checklist',
  dockerfile: 'Add Dockerfile',
  ci: 'Add CI Pipeline',
  playbook: 'Add Deployment Playbook',
};

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

  /** The score of the PoC root at `root`, from the last scan. */
  private scoreAt(root: vscode.Uri): number | undefined {
    for (const state of this.controller.states()) {
      const base = state.folder.uri.path.replace(/\/$/, '');
      if (root.scheme !== state.folder.uri.scheme || root.authority !== state.folder.uri.authority) continue;
      const rel = root.path === base ? '.' : root.path.startsWith(base + '/') ? root.path.slice(base.length + 1) : undefined;
      const found = rel && state.result?.roots.find((r) => r.root === rel);
      if (found) return found.score.total;
    }
    return undefined;
  }

  private async plan(root: vscode.Uri, which: ScaffoldRequest, opts: ScaffoldOptions): Promise<ScaffoldPlan | undefined> {
    try {
      return await planScaffold(root.path, which, opts, new VscodeFileSystem(root), this.readTemplate);
    } catch (err) {
      if (err instanceof ScaffoldInputError || err instanceof TemplateError) {
        void vscode.window.showErrorMessage(`PoC Readiness: ${err.message} — nothing was written.`);
        return undefined;
      }
      throw err;
    }
  }

  /**
   * Runs a scaffold. `options.interactive === false` skips every prompt (tests, automation).
   * Otherwise it asks only what the files it is about to write need: the New Use Case questions
   * when it writes poc.yaml (an existing one is reused as it is), the CI provider when no CI exists.
   * Ends with one notification: created and kept files, the planner's warnings, the score.
   */
  async run(which: ScaffoldRequest, options: ScaffoldOptions & { interactive?: boolean } = {}): Promise<ScaffoldCommandResult | undefined> {
    const root = await this.target();
    if (!root) {
      void vscode.window.showWarningMessage('PoC Readiness: open a folder first.');
      return undefined;
    }
    const { interactive, ...given } = options;
    let opts: ScaffoldOptions = given;
    let plan = await this.plan(root, which, opts);
    if (!plan) return undefined;
    if (interactive !== false) {
      let asked = false;
      if (plan.create.some((f) => f.scaffold === 'manifest')) {
        const answers = await newUseCaseWizard(root.path.split('/').filter(Boolean).pop() ?? '', this.readTemplate);
        if (!answers) return undefined;
        opts = { ...opts, ...answers };
        asked = true;
      }
      if (plan.create.some((f) => f.scaffold === 'ci') && !opts.ci) {
        const pick = await vscode.window.showQuickPick(
          CI_PROVIDERS.map((c) => ({ label: c, description: c === 'github' ? 'GitHub Actions (default)' : c === 'gitlab' ? 'GitLab CI' : 'Azure Pipelines' })),
          { title: 'CI provider: no CI configuration was found', ignoreFocusOut: true },
        );
        if (!pick) return undefined;
        opts = { ...opts, ci: pick.label as ScaffoldOptions['ci'] };
        asked = true;
      }
      if (asked) plan = await this.plan(root, which, opts);
      if (!plan) return undefined;
    }
    const scoreBefore = this.scoreAt(root);
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
    const scoreAfter = this.scoreAt(root);
    const result: ScaffoldCommandResult = {
      created: plan.create.map((f) => f.rel),
      kept: plan.kept.map((k) => k.rel),
      notes: plan.notes,
      scoreBefore,
      scoreAfter,
      summary: summaryOf(TITLES[which], plan, scoreBefore, scoreAfter),
    };
    if (interactive !== false) await this.report(root, which, plan, result.summary);
    return result;
  }

  /** Opens the first created file and shows the one summary notification (not awaited: it stays until dismissed). */
  private async report(root: vscode.Uri, which: ScaffoldRequest, plan: ScaffoldPlan, summary: string): Promise<void> {
    const first = plan.create[0];
    if (first) await vscode.window.showTextDocument(root.with({ path: first.path }), { preview: false });
    const kept = which !== 'all' && !plan.create.length ? plan.kept[0] : undefined;
    const buttons = [...(kept ? ['Open it', 'Show the template beside it'] : []), 'Show Readiness Report'];
    void vscode.window.showInformationMessage(summary, ...buttons).then(async (choice) => {
      if (choice === 'Show Readiness Report') await vscode.commands.executeCommand('pocReadiness.showReport');
      if (!kept) return;
      if (choice === 'Open it') await vscode.window.showTextDocument(root.with({ path: kept.path }));
      if (choice === 'Show the template beside it') {
        const template = await planScaffold('/__template__', kept.scaffold, {}, emptyFs, this.readTemplate);
        const file = template.create.find((f) => f.rel.endsWith(kept.rel.split('/').pop()!)) ?? template.create[0];
        if (file) {
          const doc = await vscode.workspace.openTextDocument({ content: file.content, language: languageOf(file.rel) });
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
        }
      }
    });
  }
}

/** "Scaffold Scalable PoC: created poc.yaml, Dockerfile; kept ci.yml (exists). Score 23% → 58%. Note: …" */
export function summaryOf(title: string, plan: ScaffoldPlan, before: number | undefined, after: number | undefined): string {
  const parts: string[] = [];
  if (plan.create.length) parts.push(`created ${plan.create.map((f) => f.rel).join(', ')}`);
  if (plan.kept.length) parts.push(`kept ${plan.kept.map((k) => k.rel).join(', ')} (already there, left as they are)`);
  let text = `PoC Readiness — ${title}: ${parts.join('; ') || 'nothing to do'}.`;
  if (before !== undefined && after !== undefined) text += ` Score ${before}% → ${after}%.`;
  if (plan.notes.length) text += ` Note: ${plan.notes.join('; ')}.`;
  return text;
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
