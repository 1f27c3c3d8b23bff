// Quick fixes: replace a machine-local path (Python and notebook cells), ignore a rule on a
// line (in the file's comment syntax), show the rule's doc, scaffold what a repository finding
// misses (named like the command that does it), turn a repository rule off for the PoC, allow a
// shared mount. A thin adapter: the edits are planned in core/fix/.
// `source.fixAll.pocReadiness` and "Fix all local paths in this notebook" apply every path fix.
// An undeclared import gets "Add <distribution> to requirements.txt".

import * as vscode from 'vscode';
import { planPathFix, planPathFixAll, siteOf, type FixSite, type FixSource, type PlannedFix } from '../core/fix/local-path';
import { changedSpan, sharedPrefixOf, withLocalPathAllowed, withRuleOff } from '../core/fix/manifest';
import { RULES } from '../core/rules';
import { ignoreEdit } from '../core/fix/ignore';
import type { Finding } from '../core/types';
import { notebookOfCell, type LintController } from './controller';
import { findingOf, SOURCE } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('pocReadiness');

/** Resolved lazily (reading the requirements file), when the user picks it. */
class AddRequirementAction extends vscode.CodeAction {
  /** `xgboost==2.1.1` with the version installed in the workspace environment, else the name alone. */
  constructor(readonly requirementsFile: vscode.Uri, readonly requirement: string) {
    super(`Add ${requirement} to ${requirementsFile.path.split('/').pop()}`, vscode.CodeActionKind.QuickFix);
  }
}

export class ReadinessCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly controller: LintController,
    /** A command's title as the palette shows it (from package.json). */
    private readonly commandTitle: (command: string) => string | undefined,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    // `source.fixAll` (editor.codeActionsOnSave, "Fix All") and our own kind both ask for it.
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) {
      // Fix-on-save may run once per cell of a notebook: each run edits its own cell only.
      const all = this.fixAll(document, FIX_ALL_KIND, true);
      return all ? [all.action] : [];
    }
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    let pathFixes = 0;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const finding = findingOf.get(diagnostic);
      if (!finding) continue;
      const add = addRequirement(document, diagnostic, finding);
      if (add) actions.push(add);
      const replace = this.replaceLocalPath(document, diagnostic, finding);
      if (replace) {
        actions.push(replace);
        pathFixes++;
      }
      if (finding.data?.scaffold) {
        const command = SCAFFOLD_COMMANDS[finding.data.scaffold] ?? 'pocReadiness.scaffold';
        const title = this.commandTitle(command) ?? `Scaffold the missing piece (${finding.data.scaffold})`;
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.command = { command, title, arguments: command === 'pocReadiness.scaffold' ? [finding.data.scaffold] : [] };
        a.diagnostics = [diagnostic];
        a.isPreferred = true;
        actions.push(a);
      }
      const allow = finding.ruleId === 'local-path' ? await this.allowPrefix(document, diagnostic, finding) : undefined;
      if (allow) actions.push(allow);
      // A repository finding is about the PoC, not a line: the PoC's lint settings are the place.
      const off = REPOSITORY_RULES.has(finding.ruleId) ? await this.turnOff(document, diagnostic, finding) : undefined;
      if (off) actions.push(off);
      const ignore = ignoreOnLine(document, diagnostic, finding);
      if (ignore) actions.push(ignore);
      const doc = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
      doc.command = { command: 'pocReadiness.showRuleDoc', title: 'Show documentation', arguments: [finding.ruleId] };
      doc.diagnostics = [diagnostic];
      actions.push(doc);
    }
    // As vscode-eslint does: "fix all" right in the Ctrl+. list, when there is more than this one.
    if (pathFixes) {
      const all = this.fixAll(document, vscode.CodeActionKind.QuickFix);
      if (all && all.count > 1) actions.splice(pathFixes, 0, all.action);
    }
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction): Promise<vscode.CodeAction> {
    if (!(action instanceof AddRequirementAction)) return action;
    let text = '';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(action.requirementsFile));
    } catch {
      // The file went away since the lint: the edit creates it.
    }
    const lines = text.split('\n');
    const end = new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
    const line = `${action.requirement}\n`;
    action.edit = new vscode.WorkspaceEdit();
    if (!text) action.edit.createFile(action.requirementsFile, { ignoreIfExists: true });
    action.edit.insert(action.requirementsFile, end, text && !text.endsWith('\n') ? `\n${line}` : line);
    return action;
  }

  private async turnOff(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): Promise<vscode.CodeAction | undefined> {
    const manifest = this.controller.manifestOf(document.uri);
    if (!manifest) {
      const a = new vscode.CodeAction(`Turn off ${finding.ruleId} in this workspace's settings`, vscode.CodeActionKind.QuickFix);
      a.command = { command: 'pocReadiness.setRuleSetting', title: a.title, arguments: [document.uri, finding.ruleId, 'off'] };
      a.diagnostics = [diagnostic];
      return a;
    }
    return this.manifestEdit(manifest, `Turn off ${finding.ruleId} for this PoC`, (text) => withRuleOff(text, finding.ruleId), diagnostic);
  }

  private async allowPrefix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): Promise<vscode.CodeAction | undefined> {
    const path = typeof finding.data?.path === 'string' ? finding.data.path : undefined;
    const prefix = path && sharedPrefixOf(path);
    if (!prefix) return undefined;
    const manifest = this.controller.manifestOf(document.uri);
    if (!manifest) {
      const a = new vscode.CodeAction(`Allow the prefix ${prefix} (pocReadiness.localPath.allow)`, vscode.CodeActionKind.QuickFix);
      a.command = { command: 'pocReadiness.allowPathPrefix', title: a.title, arguments: [document.uri, prefix] };
      a.diagnostics = [diagnostic];
      return a;
    }
    return this.manifestEdit(manifest, `Allow the prefix ${prefix} for this PoC (lint.local_path_allow)`, (text) => withLocalPathAllowed(text, prefix), diagnostic);
  }

  /** An edit of poc.yaml as it is in the editor (unsaved changes included). */
  private async manifestEdit(manifest: vscode.Uri, title: string, edit: (text: string) => string | undefined, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction | undefined> {
    const doc = await vscode.workspace.openTextDocument(manifest).then(undefined, () => undefined);
    const text = doc?.getText();
    const next = text === undefined ? undefined : edit(text);
    if (!doc || next === undefined || next === text) return undefined;
    const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    const { start, end, newText } = changedSpan(text!, next);
    a.edit.replace(manifest, new vscode.Range(start.line, start.character, end.line, end.character), newText);
    a.diagnostics = [diagnostic];
    return a;
  }

  private fixAll(document: vscode.TextDocument, kind: vscode.CodeActionKind, thisDocumentOnly = false): { action: vscode.CodeAction; count: number } | undefined {
    const target = this.fixTarget(document);
    if (!target) return undefined;
    const sites: FixSite[] = [];
    target.uris.forEach((uri, unit) => {
      if (thisDocumentOnly && uri.toString() !== document.uri.toString()) return;
      for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
        const finding = diagnostic.source === SOURCE ? findingOf.get(diagnostic) : undefined;
        const site = finding && siteAt(finding, unit, diagnostic.range);
        if (site) sites.push(site);
      }
    });
    const plan = planPathFixAll(target.source, sites, target.source.notebook && thisDocumentOnly ? 'this cell' : undefined);
    return plan && { action: toAction(plan, kind, target.uris), count: plan.count };
  }

  private replaceLocalPath(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
    const target = this.fixTarget(document);
    const unit = target?.uris.findIndex((u) => u.toString() === document.uri.toString()) ?? -1;
    const site = target && unit >= 0 ? siteAt(finding, unit, diagnostic.range) : undefined;
    const plan = site && planPathFix(target!.source, site);
    if (!plan) return undefined;
    const action = toAction(plan, vscode.CodeActionKind.QuickFix, target!.uris);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return action;
  }

  /** The Python module, or every cell of the notebook a cell belongs to, as the core fix reads them. */
  private fixTarget(document: vscode.TextDocument): { source: FixSource; uris: vscode.Uri[] } | undefined {
    if (document.uri.scheme === 'vscode-notebook-cell') {
      const nb = notebookOfCell(document.uri);
      const fileInRoot = nb && this.controller.pathInRoot(nb.uri);
      if (!nb || !fileInRoot) return undefined;
      const cells = nb.getCells();
      return {
        source: { fileInRoot, notebook: true, units: cells.map((c) => (c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python' ? c.document.getText() : null)) },
        uris: cells.map((c) => c.document.uri),
      };
    }
    if (document.languageId !== 'python' && !/\.pyw?$/i.test(document.uri.path)) return undefined;
    const fileInRoot = this.controller.pathInRoot(document.uri);
    if (!fileInRoot) return undefined;
    return { source: { fileInRoot, notebook: false, units: [document.getText()] }, uris: [document.uri] };
  }
}

const REPOSITORY_RULES = new Set(RULES.filter((r) => r.scope === 'repository').map((r) => r.id));

/** The palette command that scaffolds what a repository finding misses (its title names the action). */
const SCAFFOLD_COMMANDS: Record<string, string> = {
  manifest: 'pocReadiness.newUseCase',
  'data-requirements': 'pocReadiness.addDataRequirements',
  dockerfile: 'pocReadiness.addDockerfile',
  ci: 'pocReadiness.addCiPipeline',
  playbook: 'pocReadiness.addPlaybook',
};

/** The finding's site where its diagnostic is now (the range VS Code tracked while the user typed). */
function siteAt(finding: Finding, unit: number, range: vscode.Range): FixSite | undefined {
  const site = siteOf(finding);
  return site && { ...site, unit, start: range.start, end: range.end };
}

function toAction(plan: PlannedFix, kind: vscode.CodeActionKind, uris: readonly vscode.Uri[]): vscode.CodeAction {
  const action = new vscode.CodeAction(plan.title, kind);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) {
    action.edit.replace(uris[e.unit], new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character), e.newText);
  }
  return action;
}

function ignoreOnLine(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
  if (!finding.line) return undefined;
  const cell = document.uri.scheme === 'vscode-notebook-cell';
  const edit = ignoreEdit(document.getText(), document.uri.path, diagnostic.range.start.line, finding.ruleId, cell);
  if (!edit) return undefined;
  const action = new vscode.CodeAction(`Ignore ${finding.ruleId} on this line`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, new vscode.Range(edit.start.line, edit.start.character, edit.end.line, edit.end.character), edit.newText);
  action.diagnostics = [diagnostic];
  return action;
}

function addRequirement(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
  const distribution = finding.data?.distribution;
  const file = finding.data?.requirementsFile;
  if (finding.ruleId !== 'import-undeclared' || typeof distribution !== 'string' || typeof file !== 'string') return undefined;
  const owner = document.uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(document.uri)?.uri : document.uri;
  const folder = owner && vscode.workspace.getWorkspaceFolder(owner);
  if (!folder) return undefined;
  const version = typeof finding.data?.version === 'string' ? finding.data.version : undefined;
  const action = new AddRequirementAction(vscode.Uri.joinPath(folder.uri, file), version ? `${distribution}==${version}` : distribution);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
