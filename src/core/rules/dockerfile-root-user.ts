import { dockerfileOf } from '../facts';
import { isRootUser } from '../parsers/dockerfile';
import type { FileRule } from '../rule';

export const dockerfileRootUser: FileRule = {
  id: 'dockerfile-root-user',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 1,
  title: 'The final image runs as root',
  scope: 'file',
  kinds: ['dockerfile'],
  check(file, report) {
    if (/(^|\/)\.devcontainer\//.test(file.path)) return;
    const stages = dockerfileOf(file).stages;
    const last = stages[stages.length - 1];
    if (!last || !isRootUser(last.user)) return;
    report({
      range: file.lines.lineRange(last.line),
      message: last.user === undefined
        ? 'The final stage never switches to a non-root USER: the model server runs as root. Add a user and `USER app` before CMD.'
        : `The final stage runs as '${last.user}': switch to a non-root USER before CMD.`,
    });
  },
};
