// Dockerfiles through dockerfile-ast (the parser behind the Docker language server):
// stages, their base images and the USER the final stage runs as.

import { DockerfileParser, type Copy } from 'dockerfile-ast';

export interface DockerStage {
  image: string;
  /** The FROM argument as written, registry included (`public.ecr.aws/lambda/python:3.11`). */
  reference: string;
  tag?: string;
  digest?: string;
  name?: string;
  /** 1-based line of the FROM instruction; the columns of the whole image reference (registry, tag, digest; 1-based, end exclusive). */
  line: number;
  column: number;
  endColumn: number;
  /** The image is an earlier stage or comes from a build argument we cannot resolve. */
  internal: boolean;
  /** Last USER of the stage, if any. */
  user?: string;
  /** Declares how it runs: CMD, ENTRYPOINT, EXPOSE or HEALTHCHECK (a service, not a toolbox image). */
  runs?: boolean;
}

/** A COPY / ADD source read from the build context, as written (a literal path or a wildcard). */
export interface ContextSource {
  path: string;
  instruction: 'COPY' | 'ADD';
  /** 1-based line and columns of the source token (end exclusive). */
  line: number;
  column: number;
  endColumn: number;
}

export interface DockerfileFacts {
  stages: DockerStage[];
  /** Some COPY/ADD takes files from the build context (not `--from=` a stage, not a URL). */
  copiesContext: boolean;
  /**
   * The build-context sources whose path is known without building: no `--from=` stage, URL,
   * git source, heredoc, `$VARIABLE`, quoting, `..` or backslash (those are left out, unjudged).
   */
  contextSources: ContextSource[];
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
    const ref = from.getImage() ?? '';
    let image = from.getImageName() ?? '';
    let tag = from.getImageTag() ?? undefined;
    let digest = from.getImageDigest() ?? undefined;
    const range = from.getImageRange() ?? from.getRange();
    let internal = stageNames.has(image.toLowerCase());
    const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(ref);
    if (variable && variable[0] === ref) {
      // `FROM ${BASE}`: judge the ARG's default; with no default we cannot know, so stay quiet.
      const resolved = argDefaults.get(variable[1]);
      if (resolved && !/\$/.test(resolved)) {
        const at = resolved.indexOf('@');
        if (at >= 0) digest = resolved.slice(at + 1);
        const name = at >= 0 ? resolved.slice(0, at) : resolved;
        const colon = name.lastIndexOf(':');
        tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
        image = tag !== undefined ? name.slice(0, colon) : name;
        internal = stageNames.has(image.toLowerCase());
      } else internal = true;
    } else if (variable && !(tag && tag.includes('$')) && /\$/.test(image.split('/').pop() ?? '')) {
      // The image's own name comes from a build argument (`FROM ${REGISTRY}/${IMAGE}`): unknown.
      internal = true;
    }
    const name = from.getBuildStage() ?? undefined;
    if (name) stageNames.add(name.toLowerCase());
    stages.push({ image, reference: from.getImage() ?? image, tag, digest, name, line: range.start.line + 1, column: range.start.character + 1, endColumn: range.end.character + 1, internal });
  }
  let current = -1;
  let copiesContext = false;
  const contextSources: ContextSource[] = [];
  const lines = text.split('\n');
  for (const instr of df.getInstructions()) {
    const keyword = instr.getKeyword().toUpperCase();
    const args = instr.getArgumentsContent()?.trim() ?? '';
    if (keyword === 'FROM') current++;
    else if (keyword === 'USER' && current >= 0 && stages[current]) stages[current].user = args;
    else if ((keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'EXPOSE' || keyword === 'HEALTHCHECK') && current >= 0 && stages[current]) stages[current].runs = true;
    else if ((keyword === 'COPY' || keyword === 'ADD') && !/\s--from[=\s]/.test(instr.getTextContent())) {
      const sources = args.replace(/--[\w-]+(=\S+)?\s*/g, '').trim();
      if (!/^\[?\s*"?https?:\/\//.test(sources) && !/^\[?\s*"?git@/.test(sources)) copiesContext = true;
      contextSources.push(...sourcesOf(instr as unknown as Copy, keyword, lines));
    }
  }
  return { stages, copiesContext, contextSources };
}

/** Literal context sources of one COPY / ADD (all its arguments but the destination). */
function sourcesOf(instr: Copy, keyword: 'COPY' | 'ADD', lines: string[]): ContextSource[] {
  if (instr.getFlags().some((f) => f.getName().toLowerCase() === 'from')) return [];
  if (typeof instr.getHeredocs === 'function' && instr.getHeredocs().length) return [];
  const json = typeof instr.getJSONStrings === 'function' ? instr.getJSONStrings() : [];
  const tokens: Array<{ value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> = [];
  if (json.length) {
    for (const j of json) {
      const r = j.getRange();
      if (r.start.line !== r.end.line) return [];
      let value: unknown;
      try {
        // From the text: the parser's own value drops spaces inside the string.
        value = JSON.parse(lines[r.start.line]?.slice(r.start.character, r.end.character) ?? '');
      } catch {
        return [];
      }
      if (typeof value !== 'string') return [];
      tokens.push({ value, range: r });
    }
  } else {
    for (const a of instr.getArguments()) {
      if (/["']/.test(a.getValue())) return [];
      tokens.push({ value: a.getValue(), range: a.getRange() });
    }
  }
  if (tokens.length < 2) return [];
  const out: ContextSource[] = [];
  for (const t of tokens.slice(0, -1)) {
    const v = t.value;
    if (!v || /\$|\\|^[a-z][a-z0-9+.-]*:\/\/|^git@|^<</i.test(v) || v.split('/').includes('..')) continue;
    if (t.range.start.line !== t.range.end.line) continue;
    out.push({ path: v, instruction: keyword, line: t.range.start.line + 1, column: t.range.start.character + 1, endColumn: t.range.end.character + 1 });
  }
  return out;
}

export function isRootUser(user: string | undefined): boolean {
  if (user === undefined) return true;
  const name = user.split(':')[0].trim();
  return name === '' || name === 'root' || name === '0';
}
