// The readiness view in the Explorer: PoC roots → pillars → findings, each clickable.

import * as vscode from 'vscode';
import { LEVEL_TITLES, PILLARS, PILLAR_TITLES, type Finding, type PillarId, type RootResult } from '../core/types';
import { fileUri, type FolderState, type LintController } from './controller';

type Node =
  | { kind: 'root'; state: FolderState; root: RootResult }
  | { kind: 'pillar'; state: FolderState; root: RootResult; pillar: PillarId }
  | { kind: 'finding'; state: FolderState; root: RootResult; finding: Finding; index: number };

export class ReadinessView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly controller: LintController) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (!this.controller.enabled) return [];
      return this.controller.states().flatMap((state) => (state.result?.roots ?? []).map((root) => ({ kind: 'root' as const, state, root })));
    }
    if (node.kind === 'root') return PILLARS.map((pillar) => ({ kind: 'pillar' as const, state: node.state, root: node.root, pillar }));
    if (node.kind === 'pillar') return node.root.findings.filter((f) => f.pillar === node.pillar).map((finding, index) => ({ kind: 'finding' as const, state: node.state, root: node.root, finding, index }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'root') {
      const label = node.root.root === '.' ? node.state.folder.name : node.root.root;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.root.score.total}% · ${LEVEL_TITLES[node.root.score.level]}`;
      item.tooltip = `Weakest pillar: ${PILLAR_TITLES[node.root.score.weakest]}`;
      item.iconPath = new vscode.ThemeIcon('rocket');
      item.contextValue = 'pocRoot';
      return item;
    }
    if (node.kind === 'pillar') {
      const count = node.root.findings.filter((f) => f.pillar === node.pillar).length;
      const item = new vscode.TreeItem(PILLAR_TITLES[node.pillar], count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = `${node.root.score.pillars[node.pillar]}%${count ? ` · ${count}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(count ? 'circle-outline' : 'pass');
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(f.message.split(':')[0].slice(0, 90), vscode.TreeItemCollapsibleState.None);
    item.description = f.file ? `${f.file}${f.cell !== undefined ? ` cell ${f.cell + 1}` : ''}${f.line ? `:${f.line}` : ''}` : f.ruleId;
    item.tooltip = `${f.ruleId}: ${f.message}`;
    item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
    item.contextValue = f.data?.scaffold ? 'findingScaffold' : 'finding';
    const file = f.file ?? node.root.anchor;
    if (file) {
      const uri = fileUri(node.state, file);
      item.command = { command: 'pocReadiness.openFinding', title: 'Open', arguments: [uri.toString(), f.line ?? 1, f.column ?? 1, f.cell] };
    }
    item.id = `${node.state.folder.uri}|${node.root.root}|${f.pillar}|${node.index}|${f.ruleId}|${f.file ?? ''}|${f.cell ?? ''}|${f.line ?? ''}`;
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export type ReadinessNode = Node;
