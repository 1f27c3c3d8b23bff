import type { FileRule } from '../rule';

const INSTALL = /^\s*[!%]\s*(?:(?:pip3?|uv\s+pip|conda|mamba|micromamba)\s+install|python3?\s+-m\s+pip\s+install)\b/;

// Installing what is already declared (`-r requirements.txt`, `-e .`, `.`) is not an undeclared dependency.
const DECLARED = /\sinstall\s(?:.*\s)?(?:-[a-zA-Z]*r|--requirement)[\s=]|\sinstall\s(?:.*\s)?(?:-e|--editable)[\s=]+\.|\sinstall(?:\s+-\S+)*\s+\.{1,2}\/?(?:\[[^\]]*\])?\s*$/;

/** `!pip install -q --upgrade pip` updates the installer itself, not a dependency of the code. */
function installerOnly(text: string): boolean {
  const args = text.replace(/#.*$/, '').split(/\binstall\b/)[1]?.trim().split(/\s+/).filter((a) => a && !a.startsWith('-')) ?? [];
  return args.length > 0 && args.every((a) => /^(pip|setuptools|wheel)([<>=~!].*)?$/i.test(a));
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
        if (!INSTALL.test(text) || DECLARED.test(text) || installerOnly(text)) continue;
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
