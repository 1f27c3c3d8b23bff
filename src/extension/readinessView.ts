// The readiness view in the Explorer: PoC root → pillar (icon from its score) → rule (how many
// findings) → file → finding labelled `file:line`, each clickable. Repository findings that
// have no line to sit on (no CI, no Dockerfile) live here rather than on line 1 of a README.

import * as vscode from 'vscode';
import { pillarLosses } from '../core/format/explain';
import { RULES } from '../core/rules';
import { LEVEL_TITLES, PILLARS, PILLAR_TITLES, type Finding, type PillarId, type RootResult } from '../core/types';
import { fileUri, type FolderState, type LintController } from './controller';

interface Base {
  state: FolderState;
  root: RootResult;
}

type Node =
  | (Base & { kind: 'root' })
  | (Base & { kind: 'pillar'; pillar: PillarId })
  | (Base & { kind: 'rule'; pillar: PillarId; ruleId: string })
  | (Base & { kind: 'file'; ruleId: string; file: string })
  | (Base & { kind: 'finding'; finding: Finding; index: number });

const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

/** Score text of a pillar in the tree; the score redesign swaps this one function. */
export function pillarDescription(root: RootResult, pillar: PillarId, findings: number): string {
  return `${root.score.pillars[pillar]}%${findings ? ` · ${findings} finding${findings > 1 ? 's' : ''}` : ''}`;
}

/** Pillar points a rule costs ("−31"), from the same explanation the CLI prints. */
function pointsLost(root: RootResult, ruleId: string): number | undefined {
  for (const p of pillarLosses(root)) {
    const r = p.rules.find((x) => x.id === ruleId);
    if (r) return r.points;
  }
  return undefined;
}

/** A pillar's icon from its score: passed, needs work, or failing. */
function pillarIcon(score: number): vscode.ThemeIcon {
  if (score >= 80) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (score >= 50) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
}

/** `notebooks/eda.ipynb cell 3:5`, `src/train.py:12`, or the file alone. */
export function findingLocation(f: Finding): string {
  if (!f.file) return '';
  const cell = f.cell !== undefined ? ` cell ${f.cell + 1}` : '';
  return `${f.file}${cell}${f.line ? `:${f.line}` : ''}`;
}

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
    const base = { state: node.state, root: node.root };
    const findings = node.root.findings;
    switch (node.kind) {
      case 'root':
        return PILLARS.map((pillar) => ({ ...base, kind: 'pillar' as const, pillar }));
      case 'pillar': {
        const rules = [...new Set(findings.filter((f) => f.pillar === node.pillar).map((f) => f.ruleId))];
        return rules.map((ruleId) => ({ ...base, kind: 'rule' as const, pillar: node.pillar, ruleId }));
      }
      case 'rule': {
        const own = findings.map((finding, index) => ({ finding, index })).filter((x) => x.finding.ruleId === node.ruleId);
        const files = [...new Set(own.flatMap((x) => (x.finding.file ? [x.finding.file] : [])))];
        const repository = own.filter((x) => !x.finding.file).map((x) => ({ ...base, kind: 'finding' as const, ...x }));
        return [...repository, ...files.map((file) => ({ ...base, kind: 'file' as const, ruleId: node.ruleId, file }))];
      }
      case 'file':
        return findings
          .map((finding, index) => ({ finding, index }))
          .filter((x) => x.finding.ruleId === node.ruleId && x.finding.file === node.file)
          .map((x) => ({ ...base, kind: 'finding' as const, ...x }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const findings = node.root.findings;
    const idBase = `${node.state.folder.uri}|${node.root.root}`;
    if (node.kind === 'root') {
      const label = node.root.root === '.' ? node.state.folder.name : node.root.root;
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.root.score.total}% · ${LEVEL_TITLES[node.root.score.level]}`;
      item.tooltip = `Weakest pillar: ${PILLAR_TITLES[node.root.score.weakest]}`;
      item.iconPath = new vscode.ThemeIcon('rocket');
      item.contextValue = 'pocRoot';
      item.id = `${idBase}|root`;
      return item;
    }
    if (node.kind === 'pillar') {
      const count = findings.filter((f) => f.pillar === node.pillar).length;
      const item = new vscode.TreeItem(PILLAR_TITLES[node.pillar], count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = pillarDescription(node.root, node.pillar, count);
      item.iconPath = pillarIcon(node.root.score.pillars[node.pillar]);
      item.id = `${idBase}|${node.pillar}`;
      return item;
    }
    if (node.kind === 'rule') {
      const count = findings.filter((f) => f.ruleId === node.ruleId).length;
      const item = new vscode.TreeItem(node.ruleId, vscode.TreeItemCollapsibleState.Collapsed);
      const lost = pointsLost(node.root, node.ruleId);
      item.description = `${count}${lost ? ` · −${lost} pts` : ''} · ${RULE_TITLES.get(node.ruleId) ?? ''}`;
      item.tooltip = RULE_TITLES.get(node.ruleId);
      item.iconPath = new vscode.ThemeIcon('law');
      item.contextValue = 'rule';
      item.command = { command: 'pocReadiness.showRuleDoc', title: 'Show Rule Documentation', arguments: [node.ruleId] };
      item.id = `${idBase}|rule|${node.ruleId}`;
      return item;
    }
    if (node.kind === 'file') {
      const count = findings.filter((f) => f.ruleId === node.ruleId && f.file === node.file).length;
      const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = fileUri(node.state, node.file);
      item.description = `${count}`;
      item.iconPath = vscode.ThemeIcon.File;
      item.id = `${idBase}|file|${node.ruleId}|${node.file}`;
      return item;
    }
    const f = node.finding;
    const summary = f.message.split(/: |\. /)[0];
    const item = new vscode.TreeItem(f.file ? findingLocation(f) : summary, vscode.TreeItemCollapsibleState.None);
    item.description = f.file ? summary : undefined;
    item.tooltip = new vscode.MarkdownString().appendText(f.message);
    item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
    item.contextValue = f.data?.scaffold ? 'findingScaffold' : 'finding';
    const file = f.file ?? node.root.anchor;
    if (file) {
      const uri = fileUri(node.state, file);
      item.command = { command: 'pocReadiness.openFinding', title: 'Open', arguments: [uri.toString(), f.line ?? 1, f.column ?? 1, f.cell] };
    }
    item.id = `${idBase}|${f.pillar}|${node.index}|${f.ruleId}|${f.file ?? ''}|${f.cell ?? ''}|${f.line ?? ''}`;
    return item;
  }

  /** The whole tree as lines (label, description, icon, command, children), as the view shows it. */
  render(node?: Node): TreeLine[] {
    return this.getChildren(node).map((child) => {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return {
        label,
        description: typeof item.description === 'string' ? item.description : undefined,
        icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
        command: item.command?.command,
        children: item.collapsibleState === vscode.TreeItemCollapsibleState.None ? [] : this.render(child),
      };
    });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export interface TreeLine {
  label: string;
  description?: string;
  icon?: string;
  command?: string;
  children: TreeLine[];
}

export type ReadinessNode = Node;
