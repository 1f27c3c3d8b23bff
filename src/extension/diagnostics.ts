// Findings → vscode.Diagnostic: file findings at their range (notebook findings on their cell's
// document when the notebook is open). Repository findings the rules place (a poc.yaml key, a
// workflow, a Dockerfile line) carry a file; the others (no CI, no Dockerfile) have no line
// where their fix goes and are shown in the readiness view, not stacked on line 1 of a README.

import * as vscode from 'vscode';
import { findingGroups, type Finding } from '../core/types';
import { fileUri, type FolderState, type LintController } from './controller';
import { readSettings } from './settings';

export const SOURCE = 'poc-readiness';

/** The finding behind each published diagnostic, for code actions. */
export const findingOf = new WeakMap<vscode.Diagnostic, Finding>();

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);

  constructor(private readonly controller: LintController) {}

  publish(): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, d: vscode.Diagnostic) => {
      const key = uri.toString();
      if (!byUri.has(key)) byUri.set(key, { uri, diagnostics: [] });
      byUri.get(key)!.diagnostics.push(d);
    };
    if (this.controller.enabled) {
      for (const state of this.controller.states()) {
        const baselined = readSettings(state.folder.uri).baselinedFindings;
        for (const root of state.result ? findingGroups(state.result) : []) {
          for (const f of root.findings) {
            if (f.baselineState === 'unchanged' && baselined === 'hide') continue;
            const placed = place(state, f);
            if (placed) add(placed.uri, toDiagnostic(f, placed.range, placed.prefix, f.baselineState === 'unchanged' && baselined !== 'hide' ? baselined : undefined));
          }
        }
      }
    }
    // Only touch the URIs whose diagnostics changed: a keystroke usually changes one file.
    for (const [key, uri] of this.published) if (!byUri.has(key)) this.collection.delete(uri);
    const next = new Map<string, vscode.Uri>();
    const signatures = new Map<string, string>();
    for (const [key, { uri, diagnostics }] of byUri) {
      next.set(key, uri);
      const signature = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${d.severity}:${(d.code as { value: string }).value}:${d.message}`).join('\n');
      signatures.set(key, signature);
      if (this.signatures.get(key) !== signature) this.collection.set(uri, diagnostics);
    }
    this.published = next;
    this.signatures = signatures;
  }

  private published = new Map<string, vscode.Uri>();
  private signatures = new Map<string, string>();

  dispose(): void {
    this.collection.dispose();
  }
}

function place(state: FolderState, f: Finding): { uri: vscode.Uri; range: vscode.Range; prefix?: string } | undefined {
  const file = f.file;
  if (!file) return undefined;
  const uri = fileUri(state, file);
  const range = f.line
    ? new vscode.Range(f.line - 1, Math.max(0, (f.column ?? 1) - 1), (f.endLine ?? f.line) - 1, Math.max(0, (f.endColumn ?? f.column ?? 1) - 1))
    : new vscode.Range(0, 0, 0, 0);
  if (f.cell !== undefined) {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
    if (nb && f.cell < nb.cellCount) return { uri: nb.cellAt(f.cell).document.uri, range };
    // Closed notebook: a line of the .ipynb JSON means nothing to a reader ("Ln 48685"). The
    // diagnostic goes on the URI the cell will have once the notebook opens, at the line inside
    // the cell, so the Problems panel shows cell-relative positions and its first click opens
    // the notebook at that cell; opening it moves the finding onto the real cell document.
    return { uri: closedCellUri(uri, f.cell), range, prefix: `Cell ${f.cell + 1}: ` };
  }
  return { uri, range };
}

// VS Code's cell URIs: the notebook's URI (as the workbench sees it) with scheme
// vscode-notebook-cell and a fragment of the cell's handle (base 7, after a length letter) and
// the notebook's scheme (URL-safe base64). A notebook that opens numbers its cells' handles
// 0, 1, 2 … in order, so cell i has handle i, and the workbench opens such a URI as the notebook
// with that cell selected. In a remote window the extension host sees file:///… where the
// workbench sees vscode-remote://<authority>/…: the shape is taken from a cell seen open, else
// from the remote name (code-server's is its authority).
const HANDLE_LENGTH_MARKS = ['W', 'X', 'Y', 'Z', 'a', 'b', 'c', 'd', 'e', 'f'];
export function closedCellUri(notebook: vscode.Uri, index: number): vscode.Uri {
  const handle = index.toString(7);
  const mark = handle.length < HANDLE_LENGTH_MARKS.length ? HANDLE_LENGTH_MARKS[handle.length - 1] : 'z';
  const seen = workbenchSide(notebook);
  const scheme = btoa(seen.scheme).replace(/\+/g, '-').replace(/\//g, '_');
  return notebook.with({ scheme: 'vscode-notebook-cell', authority: seen.authority, fragment: `${mark}${handle}s${scheme}` });
}

function workbenchSide(notebook: vscode.Uri): { scheme: string; authority: string } {
  const remote = vscode.env.remoteName;
  if (notebook.scheme !== 'file' || !remote) return { scheme: notebook.scheme, authority: notebook.authority };
  for (const nb of vscode.workspace.notebookDocuments) {
    const cell = nb.uri.scheme === 'file' && nb.cellCount ? nb.cellAt(0).document.uri : undefined;
    const encoded = cell?.scheme === 'vscode-notebook-cell' ? cell.fragment.split('s').slice(1).join('s') : undefined;
    if (cell && encoded) {
      try {
        return { scheme: atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), authority: cell.authority };
      } catch {
        // not the fragment shape expected: fall back on the remote name
      }
    }
  }
  return { scheme: 'vscode-remote', authority: remote };
}

export function ruleDocLink(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: 'pocReadiness.showRuleDoc', query: JSON.stringify([ruleId]) });
}

export function toDiagnostic(f: Finding, range: vscode.Range, prefix = '', baselined?: 'information' | 'hint'): vscode.Diagnostic {
  const severity = f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  // Baselined findings are known debt: shown below their rule's severity, with a note saying why.
  const shown = baselined === 'hint' ? vscode.DiagnosticSeverity.Hint : baselined === 'information' ? vscode.DiagnosticSeverity.Information : severity;
  const d = new vscode.Diagnostic(range, prefix + f.message + (baselined ? ' (baselined)' : ''), shown);
  d.source = SOURCE;
  // The rule link in Problems and in the hover opens the page "Show documentation" opens: the
  // doc shipped with the extension, in the Markdown preview (offline too). Both open command links.
  d.code = { value: f.ruleId, target: ruleDocLink(f.ruleId) };
  findingOf.set(d, f);
  return d;
}
