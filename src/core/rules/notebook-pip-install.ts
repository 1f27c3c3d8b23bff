import type { FileRule } from '../rule';

const INSTALL = /^\s*[!%]\s*(?:(?:pip3?|uv\s+pip|conda|mamba|micromamba)\s+install|(?:python3?|["']?\{sys\.executable\}["']?)\s+-m\s+pip\s+install)\b/;

/** Long options that take the next word as their value (`--requirement reqs.txt`, `--index-url URL`). */
const LONG_WITH_VALUE = /^--(?:requirement|constraint|editable|file|index-url|extra-index-url|find-links|target|prefix|root|src|upgrade-strategy|platform|python-version|implementation|abi|trusted-host|cache-dir|log|proxy|timeout|retries|exists-action|cert|client-cert|channel|name|prefix)$/;
/** Short options that take a value, alone or last in a cluster (`-r`, `-qr`, `-c conda-forge`, `-i URL`). */
const SHORT_WITH_VALUE = /^-[a-zA-Z]*[rceiftnp]$/;
/** The project itself (`.`, `..[dev]`, `-e .`): declared where it is built. */
const LOCAL_PROJECT = /^["']?\.{1,2}\/?(?:\[[^\]]*\])?["']?$/;
/** The installer itself (`pip install -U pip setuptools wheel`), not a dependency of the code. */
const INSTALLER = /^(pip|setuptools|wheel)([<>=~!].*)?$/i;

/**
 * What an install line adds beyond declared files: `-r requirements.txt` and the project itself
 * are declared, a package named beside them is not (`%pip install -qr requirements.txt comet_ml`).
 */
function undeclaredInstalls(text: string): string[] {
  const args = text.replace(/(^|\s)#.*$/, '').split(/\binstall\b/)[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
  const packages: string[] = [];
  // `{USER_FLAG}`, `$PIP_ARGS`: a variable's value, a flag beside a declared file, maybe a package alone.
  const interpolated: string[] = [];
  let fromFiles = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg.startsWith('-')) {
      if (LONG_WITH_VALUE.test(arg) || SHORT_WITH_VALUE.test(arg)) {
        const value = args[++k];
        if (/^(?:-[a-zA-Z]*r|--requirement|--file)$/.test(arg)) fromFiles = true;
        // `-e git+https://…`: an editable install of something not in the declared files.
        if (/(?:^-[a-zA-Z]*e|^--editable)$/.test(arg) && value) {
          if (LOCAL_PROJECT.test(value)) fromFiles = true;
          else packages.push(value);
        }
      }
      continue;
    }
    if (LOCAL_PROJECT.test(arg)) fromFiles = true;
    else if (/^["']?[{$]/.test(arg)) interpolated.push(arg);
    else if (!INSTALLER.test(arg)) packages.push(arg);
  }
  return fromFiles ? packages : [...packages, ...interpolated];
}

export const notebookPipInstall: FileRule = {
  id: 'notebook-pip-install',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 1,
  title: '`!pip install` in a notebook cell instead of declared dependencies',
  scope: 'file',
  kinds: ['notebook'],
  check(file, report) {
    for (const seg of file.segments) {
      for (let line = 1; line <= seg.lines.lineCount; line++) {
        const text = seg.lines.lineText(line);
        if (!INSTALL.test(text) || !undeclaredInstalls(text).length) continue;
        const start = text.search(/\S/);
        report({
          range: { line, column: start + 1, endLine: line, endColumn: text.trimEnd().length + 1 },
          cell: seg.cell,
          message: 'Package installed from a notebook cell: the environment exists only in this kernel. Declare the dependency (with a version) in requirements.txt, pyproject.toml or environment.yml.',
        });
      }
    }
  },
};
