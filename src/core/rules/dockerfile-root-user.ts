import { dockerfileOf } from '../facts';
import { isRootUser, type DockerStage } from '../parsers/dockerfile';
import type { FileRule } from '../rule';

/**
 * Base images that already run as a non-root user, or whose platform ignores USER
 * (AWS Lambda runs every image as an unprivileged user).
 */
const NON_ROOT_BASE = /^(?:public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-|gcr\.io\/distroless\/.+:(?:.*-)?nonroot|(?:quay\.io\/)?jupyter\/|(?:docker\.io\/)?mambaorg\/micromamba|(?:docker\.io\/)?bitnami\/|cgr\.dev\/chainguard\/|pytorch\/torchserve|rayproject\/ray|seldonio\/mlserver|.+:.*nonroot)/;

/** The user the stage runs as: its own last USER, else what it inherits from an earlier stage or a known base image. */
function effectiveUser(stages: readonly DockerStage[], index: number, depth = 0): string | undefined {
  const stage = stages[index];
  if (stage.user !== undefined) return stage.user;
  if (depth > stages.length) return undefined;
  const parent = stages.findIndex((s, i) => i < index && s.name?.toLowerCase() === stage.image.toLowerCase());
  if (parent >= 0) return effectiveUser(stages, parent, depth + 1);
  return NON_ROOT_BASE.test(stage.reference) ? '(non-root base image)' : undefined;
}

function runsSomething(stages: readonly DockerStage[], index: number, depth = 0): boolean {
  const stage = stages[index];
  if (stage.runs) return true;
  const parent = stages.findIndex((s, i) => i < index && s.name?.toLowerCase() === stage.image.toLowerCase());
  return parent >= 0 && depth <= stages.length && runsSomething(stages, parent, depth + 1);
}

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
    if (!stages.length) return;
    const last = stages[stages.length - 1];
    const user = effectiveUser(stages, stages.length - 1);
    if (!isRootUser(user)) return;
    // A toolbox image (CI, dev or conda environment: no CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK in
    // the final stage or the stages it builds on) does not run a service as root.
    if (!runsSomething(stages, stages.length - 1)) return;
    report({
      range: file.lines.lineRange(last.line),
      message: user === undefined
        ? 'The final stage never switches to a non-root USER: the container runs as root. Add a user and `USER app` before CMD.'
        : `The final stage runs as '${user}': switch to a non-root USER before CMD.`,
    });
  },
};
