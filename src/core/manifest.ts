// poc.yaml and data-requirements.yaml: parsed with positions (the `yaml` package keeps node
// ranges), validated against our JSON Schemas with ajv, every error placed at its key.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, isPair, parseDocument, type Document, type Node } from 'yaml';
import { MAX_YAML_ALIASES, yamlCostProblem } from './parsers/limits';
import { duplicateKey, undefinedAlias } from './parsers/yaml';
import * as generated from './schemaValidators.generated';
import { LineIndex } from './text';
import type { Range } from './types';

export interface ManifestProblem {
  message: string;
  range: Range;
}

export interface ManifestInfo {
  /** Workspace-relative path. */
  path: string;
  kind: 'manifest' | 'data-requirements';
  /** Plain JS value of the document; undefined when YAML syntax is broken. */
  data: any;
  syntaxErrors: ManifestProblem[];
  schemaErrors: ManifestProblem[];
  /** Range of the key at `path` (or of its value with `value: true`); the document start if absent. */
  locate(path: ReadonlyArray<string | number>, value?: boolean): Range;
}

// Precompiled from schemas/*.schema.json by esbuild.js (ajv standalone, same options as
// `new Ajv({ allErrors: true, strict: false, allowUnionTypes: true })`).
const validators = {
  manifest: generated.manifest as unknown as ValidateFunction,
  'data-requirements': generated.dataRequirements as unknown as ValidateFunction,
};

function getValidators() {
  return validators;
}

/**
 * Never throws: whatever the text holds (an undefined alias, an alias bomb, nesting beyond the
 * parse bounds, or a bug here) ends as a syntax error placed in the file.
 */
export function parseManifest(path: string, text: string, kind: ManifestInfo['kind']): ManifestInfo {
  const lines = new LineIndex(text);
  const whole: Range = lines.range(0, Math.min(text.length, Math.max(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))));
  const label = kind === 'manifest' ? 'poc.yaml' : 'data-requirements.yaml';
  const failed = (message: string, range = whole): ManifestInfo =>
    ({ path, kind, data: undefined, syntaxErrors: [{ message: `${label} ${message}`, range }], schemaErrors: [], locate: () => whole });
  const tooCostly = yamlCostProblem(text);
  if (tooCostly) return failed(`is not read: ${tooCostly}`);
  try {
    return parseWithinBounds(path, text, kind, lines, whole, label);
  } catch (err) {
    return failed(`cannot be read: ${firstLine(err)}`);
  }
}

function parseWithinBounds(path: string, text: string, kind: ManifestInfo['kind'], lines: LineIndex, whole: Range, label: string): ManifestInfo {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  // A key that is missing is reported on the first key (`name:`), not on a comment above it.
  const firstKey = isMap(doc.contents) ? (doc.contents.items[0]?.key as Node | undefined)?.range : undefined;
  const fallback = firstKey ? lines.range(firstKey[0], firstKey[1]) : whole;
  const locate = (p: ReadonlyArray<string | number>, value = false): Range => locateNode(doc, p, value, lines) ?? fallback;
  const info: ManifestInfo = { path, kind, data: undefined, syntaxErrors: [], schemaErrors: [], locate };
  const problems = [...doc.errors];
  if (problems.length) {
    info.syntaxErrors = problems.map((e) => ({
      message: `${label} is not valid YAML: ${e.message.split('\n')[0]}`,
      range: lines.range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
    }));
    return info;
  }
  const repeated = duplicateKey(doc);
  if (repeated?.range) {
    info.syntaxErrors = [{ message: `${label} is not valid YAML: Map keys must be unique`, range: lines.range(repeated.range[0], Math.max(repeated.range[1], repeated.range[0] + 1)) }];
    return info;
  }
  const alias = undefinedAlias(doc);
  if (alias) {
    const at = alias.range ? lines.range(alias.range[0], Math.max(alias.range[1], alias.range[0] + 1)) : whole;
    info.syntaxErrors = [{ message: `${label} is not valid YAML: alias *${alias.source} names no anchor set before it`, range: at }];
    return info;
  }
  try {
    info.data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (err) {
    // The `yaml` package's guard against alias bombs ("Excessive alias count").
    info.syntaxErrors = [{ message: `${label} is not read: ${firstLine(err)}`, range: whole }];
    return info;
  }
  const validate = getValidators()[kind];
  if (!validate(info.data)) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      const problem = describe(err, locate);
      const key = `${problem.range.line}:${problem.range.column}:${problem.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        info.schemaErrors.push(problem);
      }
    }
  }
  return info;
}

function describe(err: ErrorObject, locate: ManifestInfo['locate']): ManifestProblem {
  const segments = err.instancePath.split('/').slice(1).map((s) => {
    const unescaped = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(unescaped) ? Number(unescaped) : unescaped;
  });
  const where = segments.length ? segments.join('.') : '(top level)';
  switch (err.keyword) {
    case 'required':
      return { message: `${where}: missing required key '${(err.params as { missingProperty: string }).missingProperty}'`, range: locate(segments) };
    case 'additionalProperties':
      return {
        message: `${where}: unknown key '${(err.params as { additionalProperty: string }).additionalProperty}'`,
        range: locate([...segments, (err.params as { additionalProperty: string }).additionalProperty]),
      };
    case 'enum':
      return { message: `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, range: locate(segments, true) };
    default:
      return { message: `${where}: ${err.message ?? 'is invalid'}`, range: locate(segments, true) };
  }
}

function locateNode(doc: Document, path: ReadonlyArray<string | number>, value: boolean, lines: LineIndex): Range | undefined {
  let node = doc.contents as Node | null;
  let keyNode: Node | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      keyNode = item;
      node = item;
    } else break;
  }
  const target = value && node && node.range ? node : keyNode;
  if (!target?.range) return undefined;
  const [start, valueEnd] = target.range;
  // Keep the range on one line: a block value's range runs to the end of its children.
  const firstLineEnd = lines.text.indexOf('\n', start);
  const end = firstLineEnd >= 0 && firstLineEnd < valueEnd ? firstLineEnd : valueEnd;
  return lines.range(start, Math.max(end, start + 1));
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
