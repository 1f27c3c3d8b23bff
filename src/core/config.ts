// Effective lint configuration of a PoC root, merged from layers, lowest precedence first:
//
//   1. shared policies named by `extends` (a policy's own `extends` sits below it)
//   2. `[tool.poc-readiness]` in the root's pyproject.toml
//   3. the `lint:` block of the root's poc.yaml
//   4. the caller's settings (VS Code settings in the editor, flags on the command line)
//
// `rules` of a later layer win per rule id; `ignore` and the local-path allow-list add up;
// `allow_inline_ignore: false` in any layer holds (a shared policy cannot be loosened below it).
// Pure: the engine reads the files through its FileSystem and hands the text in here.

import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { SeveritySetting } from './types';
import { SEVERITY_SETTINGS } from './types';

export interface LintConfig {
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  localPathAllow: string[];
  /** False when a layer forbids `poc-readiness-ignore` comments: they are reported, not honoured. */
  allowInlineIgnore: boolean;
}

export interface LintOverrides {
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  localPathAllow?: string[];
}

/** One source of configuration, as `poc-readiness config` shows it. */
export interface ConfigLayer {
  /** Where it came from: `policy <path>`, `pyproject.toml`, `poc.yaml`, `settings`. */
  source: string;
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  localPathAllow: string[];
  allowInlineIgnore?: boolean;
}

/** What a configuration file says, before its `extends` is followed. */
export interface ParsedConfigFile {
  layer?: Omit<ConfigLayer, 'source'>;
  /** The `extends` reference, relative to the file that holds it (or absolute). */
  extends?: string;
  /** Line (1-based) of the `extends` key, when known, for the finding on a broken reference. */
  extendsLine?: number;
  error?: string;
}

export function emptyConfig(): LintConfig {
  return { rules: {}, ignore: [], localPathAllow: [], allowInlineIgnore: true };
}

/** The lint settings of a plain object (poc.yaml `lint:`, a policy, `[tool.poc-readiness]`); wrong shapes are dropped (the schema reports them). */
export function layerFromObject(lint: any): Omit<ConfigLayer, 'source'> {
  const layer: Omit<ConfigLayer, 'source'> = { rules: {}, ignore: [], localPathAllow: [] };
  if (!lint || typeof lint !== 'object' || Array.isArray(lint)) return layer;
  if (lint.rules && typeof lint.rules === 'object') {
    for (const [id, value] of Object.entries(lint.rules)) {
      const setting = value === false ? 'off' : value;
      if (typeof setting === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(setting)) layer.rules[id] = setting as SeveritySetting;
    }
  }
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((g: unknown): g is string => typeof g === 'string' && g !== '') : []);
  layer.ignore = strings(lint.ignore);
  // TOML spells keys with dashes by convention, YAML with underscores: both are read.
  layer.localPathAllow = strings(lint.local_path_allow ?? lint['local-path-allow']);
  const allow = lint.allow_inline_ignore ?? lint['allow-inline-ignore'];
  if (typeof allow === 'boolean') layer.allowInlineIgnore = allow;
  return layer;
}

/**
 * `[tool.poc-readiness]` of a pyproject.toml; undefined when the file has no such table or is not
 * valid TOML (invalid-file reports a broken pyproject.toml once, as a dependency file).
 */
export function parsePyprojectConfig(text: string): ParsedConfigFile | undefined {
  if (!text.includes('poc-readiness')) return undefined;
  let data: any;
  try {
    data = parseToml(text);
  } catch {
    return undefined;
  }
  const table = data?.tool?.['poc-readiness'];
  if (!table || typeof table !== 'object') return undefined;
  const ref = typeof table.extends === 'string' ? table.extends : undefined;
  return { layer: layerFromObject(table), extends: ref, extendsLine: ref ? lineOf(text, /^\s*extends\s*=/m) : undefined };
}

/**
 * A shared policy file: YAML or JSON holding the `lint:` keys at the top level or under `lint:`;
 * a pyproject.toml is read for its `[tool.poc-readiness]` table.
 */
export function parsePolicy(path: string, text: string): ParsedConfigFile {
  if (/\.toml$/i.test(path)) return parsePyprojectConfig(text) ?? { error: 'no valid [tool.poc-readiness] table' };
  let data: any;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    return { error: `not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) return { error: 'a policy must be a mapping of lint settings (rules, ignore, local_path_allow, allow_inline_ignore, extends)' };
  const body = data.lint && typeof data.lint === 'object' ? data.lint : data;
  return { layer: layerFromObject(body), extends: typeof body.extends === 'string' ? body.extends : undefined };
}

export function mergeLayers(layers: readonly ConfigLayer[]): LintConfig {
  const config = emptyConfig();
  for (const layer of layers) {
    Object.assign(config.rules, layer.rules);
    config.ignore.push(...layer.ignore);
    config.localPathAllow.push(...layer.localPathAllow);
    if (layer.allowInlineIgnore === false) config.allowInlineIgnore = false;
  }
  return config;
}

export function overridesLayer(overrides: LintOverrides, source = 'settings'): ConfigLayer {
  return { source, rules: { ...(overrides.rules ?? {}) }, ignore: [...(overrides.ignore ?? [])], localPathAllow: [...(overrides.localPathAllow ?? [])] };
}

function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = 0; i < m.index + m[0].search(/\S/); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
