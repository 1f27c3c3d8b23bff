// The `pocReadiness.*` settings as a language client sends them: the section object returned by
// `workspace/configuration`, `initializationOptions` or a pushed `workspace/didChangeConfiguration`.
// The keys are the VS Code extension's (package.json contributes.configuration), so one settings
// block works in every editor. Values of the wrong shape fall back to the defaults.

import type { LintOverrides } from '../core/config';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../core/types';

export interface ServerSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  overrides: LintOverrides;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, run: 'onType', debounceMs: 300, overrides: { rules: {}, ignore: [], localPathAllow: [] } };

/**
 * Accepts the section itself (`{ enable, rules, localPath: { allow } }`), the section wrapped
 * (`{ pocReadiness: { … } }`) or flat dotted keys (`{ "pocReadiness.localPath.allow": […] }`,
 * `{ "localPath.allow": […] }`), as different clients produce each. With several sources, later
 * ones win key by key (initializationOptions, then pushed settings, then `workspace/configuration`).
 */
export function parseSettings(...values: unknown[]): ServerSettings {
  const section: Record<string, unknown> = {};
  for (const value of values) Object.assign(section, sectionOf(value));
  const get = (key: string): unknown => {
    let v: unknown = section;
    for (const part of key.split('.')) v = isObject(v) ? v[part] : undefined;
    return v !== undefined ? v : section[key];
  };
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = get('rules');
  if (isObject(rawRules)) {
    for (const [id, setting] of Object.entries(rawRules)) {
      if (typeof setting === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(setting)) rules[id] = setting as SeveritySetting;
    }
  }
  const enable = get('enable');
  const run = get('run');
  const debounceMs = get('debounceMs');
  return {
    enable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.enable,
    run: run === 'onSave' || run === 'onType' ? run : DEFAULT_SETTINGS.run,
    debounceMs: typeof debounceMs === 'number' && Number.isFinite(debounceMs) ? Math.max(0, debounceMs) : DEFAULT_SETTINGS.debounceMs,
    overrides: { rules, ignore: strings(get('ignore')), localPathAllow: strings(get('localPath.allow')) },
  };
}

function sectionOf(value: unknown): Record<string, unknown> {
  if (!isObject(value)) return {};
  if (isObject(value.pocReadiness)) return value.pocReadiness;
  const dotted = Object.entries(value).filter(([k]) => k.startsWith('pocReadiness.'));
  if (dotted.length) return Object.fromEntries(dotted.map(([k, v]) => [k.slice('pocReadiness.'.length), v]));
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
