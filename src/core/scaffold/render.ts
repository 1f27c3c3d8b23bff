// The placeholder renderer behind the scaffolds. Deliberately tiny: `{{name}}` is replaced by
// a value, `{{name|yaml}}` by the value written as a YAML scalar. Anything else between double
// braces is an error, so a typo in a template fails the tests instead of shipping "{{nmae}}".
// `${{ … }}` (GitHub Actions / Azure Pipelines expressions) is left untouched. Values are
// inserted in a single pass and never re-scanned, so user input cannot inject placeholders.

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type TemplateVars = Readonly<Record<string, string>>;

const PLACEHOLDER = /(\$?)\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILTERS: Record<string, (value: string) => string> = {
  yaml: yamlScalar,
};

/** Renders `template`; throws a TemplateError listing every unknown placeholder or filter. */
export function render(template: string, vars: TemplateVars, templateName = 'template'): string {
  const problems: string[] = [];
  const out = template.replace(PLACEHOLDER, (whole, dollar: string, inner: string) => {
    if (dollar) return whole; // ${{ expression }} belongs to the CI system
    const [rawName, ...rawFilters] = inner.split('|').map((s) => s.trim());
    if (!NAME.test(rawName)) {
      problems.push(`malformed placeholder ${whole}`);
      return whole;
    }
    if (!Object.prototype.hasOwnProperty.call(vars, rawName) || typeof vars[rawName] !== 'string') {
      problems.push(`unknown placeholder {{${rawName}}}`);
      return whole;
    }
    let value = vars[rawName];
    for (const f of rawFilters) {
      const filter = Object.prototype.hasOwnProperty.call(FILTERS, f) ? FILTERS[f] : undefined;
      if (!filter) {
        problems.push(`unknown filter "${f}" in ${whole}`);
        return whole;
      }
      value = filter(value);
    }
    return value;
  });
  if (problems.length) {
    throw new TemplateError(`${templateName}: ${[...new Set(problems)].join('; ')}`);
  }
  return out;
}

/** Placeholder names used by a template (without filters), in order of first use. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[1]) continue;
    const name = m[2].split('|')[0].trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

const PLAIN_SAFE = /^[\p{L}\p{N}][\p{L}\p{N} ._/()+,;'&-]*$/u;
const NOT_A_STRING = /^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|true|false|null|yes|no|on|off|y|n|~|[-+]?\.inf|\.nan)$/i;

/**
 * `value` as a YAML scalar that parses back to exactly this string: plain when that is safe
 * (and reads well), otherwise double-quoted with JSON escapes (valid YAML 1.2).
 */
export function yamlScalar(value: string): string {
  if (value !== '' && PLAIN_SAFE.test(value) && !/\s$/.test(value) && !NOT_A_STRING.test(value) && !/\d{4}-\d\d-\d\d/.test(value)) {
    return value;
  }
  return JSON.stringify(value);
}
