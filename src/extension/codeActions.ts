// Quick fixes: replace a machine-local path with an environment lookup (Python and notebook
// cells), ignore a rule on a line (in the file's comment syntax), show the rule's doc, scaffold
// what a repository finding misses, add an undeclared import's distribution to requirements.txt.
// `source.fixAll.pocReadiness` applies the safe path fixes.

import * as vscode from 'vscode';
import { commentFor } from '../core/suppression';
import type { Finding } from '../core/types';
import { notebookOfCell } from './controller';
import { findingOf, SOURCE } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('pocReadiness');

/** Resolved lazily (reading the requirements file), when the user picks it. */
class AddRequirementAction extends vscode.CodeAction {
  /** `xgboost==2.1.1` with the version installed in the workspace environment, else the name alone. */
  constructor(readonly requirementsFile: vscode.Uri, readonly requirement: string) {
    super(`Add ${requirement} to ${requirementsFile.path.split('/').pop()}`, vscode.CodeActionKind.QuickFix);
  }
}

export class ReadinessCodeActions implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // `source.fixAll` (editor.codeActionsOnSave, "Fix All") and our own kind both ask for it.
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) return this.fixAll(document);
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const finding = findingOf.get(diagnostic);
      if (!finding) continue;
      const replace = replaceLocalPath(document, diagnostic, finding);
      if (replace) actions.push(replace);
      const add = addRequirement(document, diagnostic, finding);
      if (add) actions.push(add);
      if (finding.data?.scaffold) {
        const a = new vscode.CodeAction(`Scaffold the missing piece (${finding.data.scaffold})`, vscode.CodeActionKind.QuickFix);
        a.command = { command: 'pocReadiness.scaffold', title: 'Scaffold', arguments: [finding.data.scaffold] };
        a.diagnostics = [diagnostic];
        actions.push(a);
      }
      const ignore = ignoreOnLine(document, diagnostic, finding);
      if (ignore) actions.push(ignore);
      const doc = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
      doc.command = { command: 'pocReadiness.showRuleDoc', title: 'Show documentation', arguments: [finding.ruleId] };
      doc.diagnostics = [diagnostic];
      actions.push(doc);
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

  private fixAll(document: vscode.TextDocument): vscode.CodeAction[] {
    const edit = new vscode.WorkspaceEdit();
    let count = 0;
    let needsImport = false;
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      const finding = findingOf.get(diagnostic);
      if (diagnostic.source !== SOURCE || !finding) continue;
      const literal = literalRange(document, diagnostic.range);
      const replacement = finding.data?.suggestion?.replacement;
      if (!literal || !replacement || !isPython(document)) continue;
      edit.replace(document.uri, literal, replacement);
      needsImport ||= finding.data?.suggestion?.requiresImport === 'os';
      count++;
    }
    if (!count) return [];
    if (needsImport) addImport(document, edit);
    const action = new vscode.CodeAction(`Replace ${count} machine-local path${count > 1 ? 's' : ''} with environment lookups`, FIX_ALL_KIND);
    action.edit = edit;
    return [action];
  }
}

function isPython(document: vscode.TextDocument): boolean {
  return document.languageId === 'python' || document.uri.scheme === 'vscode-notebook-cell';
}

function replaceLocalPath(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
  const s = finding.data?.suggestion;
  if (finding.ruleId !== 'local-path' || !s?.replacement || !isPython(document)) return undefined;
  const literal = literalRange(document, diagnostic.range);
  if (!literal) return undefined;
  const action = new vscode.CodeAction(`Read the path from ${s.envVar} (default '${s.relativePath}')`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, literal, s.replacement);
  if (s.requiresImport === 'os') addImport(document, action.edit);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

/** The whole string literal (prefix and quotes included) when the path is its entire body. */
export function literalRange(document: vscode.TextDocument, range: vscode.Range): vscode.Range | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const line = document.lineAt(range.start.line).text;
  const quote = line[range.start.character - 1];
  if ((quote !== '"' && quote !== "'") || line[range.end.character] !== quote) return undefined;
  let start = range.start.character - 1;
  while (start > 0 && /[rRuU]/.test(line[start - 1]) && !/[\w]/.test(line[start - 2] ?? ' ')) start--;
  if (/[fFbB]/.test(line[start - 1] ?? '')) return undefined;
  return new vscode.Range(range.start.line, start, range.start.line, range.end.character + 1);
}

function hasOsImport(text: string): boolean {
  return /^\s*(import\s+(?:[\w.]+\s*,\s*)*os\b(?!\.)|from\s+os\s+import\s+environ\b)/m.test(text);
}

/** Adds `import os` once: to the module, or for a notebook cell to the cell, unless any cell imports it. */
function addImport(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): void {
  if (document.uri.scheme === 'vscode-notebook-cell') {
    const nb = notebookOfCell(document.uri);
    if (nb?.getCells().some((c) => hasOsImport(c.document.getText()))) return;
    edit.insert(document.uri, new vscode.Position(0, 0), 'import os\n');
    return;
  }
  const text = document.getText();
  if (hasOsImport(text)) return;
  let line = 0;
  // Keep a shebang, an encoding line, a module docstring and `from __future__` imports first.
  const lines = text.split('\n');
  while (line < lines.length && /^#!|^#.*coding[:=]/.test(lines[line])) line++;
  if (/^\s*[rRuU]?("""|''')/.test(lines[line] ?? '')) {
    const q = /("""|''')/.exec(lines[line])![1];
    const closesSameLine = lines[line].indexOf(q) !== lines[line].lastIndexOf(q);
    if (!closesSameLine) while (++line < lines.length && !lines[line].includes(q));
    line++;
  }
  while (line < lines.length && /^from __future__ import/.test(lines[line])) line++;
  edit.insert(document.uri, new vscode.Position(line, 0), 'import os\n');
}

function ignoreOnLine(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction | undefined {
  if (!finding.line || /\.(json|ipynb)$/i.test(document.uri.path)) return undefined;
  const lineNo = diagnostic.range.start.line;
  const text = document.lineAt(lineNo).text;
  const indent = /^\s*/.exec(text)![0];
  const { prefix, suffix } = document.uri.scheme === 'vscode-notebook-cell' ? { prefix: '# ', suffix: '' } : commentFor(document.uri.path);
  const action = new vscode.CodeAction(`Ignore ${finding.ruleId} on this line`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, new vscode.Position(lineNo, 0), `${indent}${prefix}poc-readiness-ignore ${finding.ruleId}${suffix}\n`);
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
