// Effective lint configuration of a PoC root: the `lint:` block of its poc.yaml, overlaid by
// the caller's settings (CLI flags, VS Code settings).

import type { SeveritySetting } from './types';
import { SEVERITY_SETTINGS } from './types';

export interface LintConfig {
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  localPathAllow: string[];
}

export interface LintOverrides {
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  localPathAllow?: string[];
}

export function emptyConfig(): LintConfig {
  return { rules: {}, ignore: [], localPathAllow: [] };
}

/** Reads `lint:` from a manifest's data, dropping values of the wrong shape (the schema reports them). */
export function configFromManifest(data: any): LintConfig {
  const config = emptyConfig();
  const lint = data && typeof data === 'object' ? data.lint : undefined;
  if (!lint || typeof lint !== 'object') return config;
  if (lint.rules && typeof lint.rules === 'object') {
    for (const [id, value] of Object.entries(lint.rules)) {
      const setting = value === false ? 'off' : value;
      if (typeof setting === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(setting)) config.rules[id] = setting as SeveritySetting;
    }
  }
  if (Array.isArray(lint.ignore)) config.ignore = lint.ignore.filter((g: unknown): g is string => typeof g === 'string');
  if (Array.isArray(lint.local_path_allow)) config.localPathAllow = lint.local_path_allow.filter((g: unknown): g is string => typeof g === 'string');
  return config;
}

export function mergeConfig(base: LintConfig, overrides: LintOverrides | undefined): LintConfig {
  if (!overrides) return base;
  return {
    rules: { ...base.rules, ...(overrides.rules ?? {}) },
    ignore: [...base.ignore, ...(overrides.ignore ?? [])],
    localPathAllow: [...base.localPathAllow, ...(overrides.localPathAllow ?? [])],
  };
}
