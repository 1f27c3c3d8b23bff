// `pocReadiness.*` settings, read fresh on every change (no reload needed).

import * as vscode from 'vscode';
import type { LintOverrides } from '../core/config';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../core/types';

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  overrides: LintOverrides;
  /** How findings covered by .poc-readiness-baseline.json are shown. */
  baselinedFindings: BaselinedFindings;
}

export type BaselinedFindings = 'information' | 'hint' | 'hide';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('pocReadiness', scope);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(c.get<Record<string, string>>('rules') ?? {})) {
    if ((SEVERITY_SETTINGS as readonly string[]).includes(value)) rules[id] = value as SeveritySetting;
  }
  return {
    enable: c.get<boolean>('enable', true),
    run: c.get<'onType' | 'onSave'>('run', 'onType'),
    debounceMs: Math.max(0, c.get<number>('debounceMs', 300)),
    baselinedFindings: (['information', 'hint', 'hide'] as const).find((v) => v === c.get<string>('baselinedFindings')) ?? 'information',
    overrides: {
      rules,
      ignore: c.get<string[]>('ignore', []),
      localPathAllow: c.get<string[]>('localPath.allow', []),
    },
  };
}
