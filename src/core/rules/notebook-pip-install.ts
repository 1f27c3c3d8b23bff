import { installCommandsOf } from '../parsers/imports';
import type { FileRule } from '../rule';

const INSTALL = /^\s*[!%]\s*(?:(?:pip3?|uv\s+pip|conda|mamba|micromamba)\s+install|(?:python3?|["']?\{sys\.executable\}["']?)\s+-m\s+pip\s+install)\b/;

/** The installer itself (`pip install -U pip setuptools wheel`), not a dependency of the code. */
const INSTALLER = /^(pip|setuptools|wheel)([<>=~!].*)?$/i;

/**
 * What an install line adds beyond declared files: `-r requirements.txt` and the project itself
 * are declared, a package named beside them is not (`%pip install -qr requirements.txt comet_ml`).
 * An interpolated word (`{USER_FLAG}`) beside a declared file is taken for a flag.
 */
function undeclaredInstalls(text: string): string[] {
  return installCommandsOf(text.replace(/^\s*[!%]\s*/, ' ')).flatMap((c) => {
    const packages = c.named.filter((w) => !INSTALLER.test(w) && !(c.fromFiles && w.startsWith('{')));
    return [...packages, ...c.editables];
  });
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
        if (!INSTALL.test(text)) continue;
        // `! pip3 install --upgrade --quiet \` names its packages on the lines it continues onto.
        let command = text;
        for (let next = line + 1; /\\\s*$/.test(command) && next <= seg.lines.lineCount; next++) command = command.replace(/\\\s*$/, ' ') + seg.lines.lineText(next);
        if (!undeclaredInstalls(command).length) continue;
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
