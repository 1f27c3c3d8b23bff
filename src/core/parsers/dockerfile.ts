// Dockerfiles through dockerfile-ast (the parser behind the Docker language server):
// stages, their base images and the USER the final stage runs as.

import { DockerfileParser } from 'dockerfile-ast';

export interface DockerStage {
  image: string;
  tag?: string;
  digest?: string;
  name?: string;
  /** 1-based line of the FROM instruction; the image name's columns (1-based, end exclusive). */
  line: number;
  column: number;
  endColumn: number;
  /** The image is an earlier stage or comes from a build argument we cannot resolve. */
  internal: boolean;
  /** Last USER of the stage, if any. */
  user?: string;
}

export interface DockerfileFacts {
  stages: DockerStage[];
}

export function analyzeDockerfile(text: string): DockerfileFacts {
  const df = DockerfileParser.parse(text);
  const stages: DockerStage[] = [];
  const stageNames = new Set<string>();
  const argDefaults = new Map<string, string>();
  for (const instr of df.getInstructions()) {
    const keyword = instr.getKeyword().toUpperCase();
    if (keyword === 'ARG' && stages.length === 0) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(instr.getArgumentsContent()?.trim() ?? '');
      if (m && m[2]) argDefaults.set(m[1], m[2].replace(/^["']|["']$/g, ''));
    }
  }
  for (const from of df.getFROMs()) {
    let image = from.getImageName() ?? '';
    let tag = from.getImageTag() ?? undefined;
    const digest = from.getImageDigest() ?? undefined;
    const range = from.getImageNameRange() ?? from.getRange();
    let internal = stageNames.has(image.toLowerCase());
    const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(from.getImage() ?? '');
    if (variable) {
      // `FROM ${BASE}`: judge the ARG's default; with no default we cannot know, so stay quiet.
      const resolved = argDefaults.get(variable[1]);
      if (resolved && !/\$/.test(resolved)) {
        const at = resolved.indexOf('@');
        const colon = resolved.lastIndexOf(':');
        image = resolved.split(/[:@]/)[0];
        tag = colon > resolved.lastIndexOf('/') && at < 0 ? resolved.slice(colon + 1) : tag ?? (at >= 0 ? 'digest' : undefined);
        if (/\$/.test(from.getImage() ?? '') && /:\$|\$\{?[A-Za-z_]+\}?$/.test(from.getImage() ?? '') && !resolved.includes(':')) internal = true;
      } else internal = true;
    }
    const name = from.getBuildStage() ?? undefined;
    if (name) stageNames.add(name.toLowerCase());
    stages.push({ image, tag, digest, name, line: range.start.line + 1, column: range.start.character + 1, endColumn: range.end.character + 1, internal });
  }
  let current = -1;
  for (const instr of df.getInstructions()) {
    const keyword = instr.getKeyword().toUpperCase();
    if (keyword === 'FROM') current++;
    else if (keyword === 'USER' && current >= 0 && stages[current]) stages[current].user = instr.getArgumentsContent()?.trim() ?? '';
  }
  return { stages };
}

export function isRootUser(user: string | undefined): boolean {
  if (user === undefined) return true;
  const name = user.split(':')[0].trim();
  return name === '' || name === 'root' || name === '0';
}
