// local-path: machine-specific locations (a home folder, a drive letter, a Colab mount…) in
// code, notebook cells and config. Python is read token by token, so the rule knows whether a
// literal is opened, assigned to a path-like name, used as a route, or glued onto a variable.
// Other text files are read line by line with their comment syntax.

import { basename, extname } from '../path';
import { isDataExtension, type CodeSegment, type FileKind, type ParsedFile } from '../parsed';
import { ciProvider } from '../parsers/ci';
import { assignedName, dictKey, enclosingCall, tokensOf, type Token } from '../parsers/python';
import { outlineOf } from '../parsers/pythonOutline';
import type { FileReport, FileRule, RuleOptions } from '../rule';
import { isGeneratedArtifact } from './util';
import type { PathSuggestion } from '../types';

interface PathHit {
  /** Offset of the path inside the scanned text. */
  start: number;
  end: number;
  path: string;
  label: string;
}

/**
 * Documentation-style user names (`/home/user/…`, `C:\\Users\\<you>\\…`) are placeholders, and
 * `/home/user` is also the home of Hugging Face Spaces containers: not one person's machine.
 */
const PLACEHOLDER_USERS = 'user|username|your[-_]?name|your[-_]?user(?:name)?|you|me|name|xxx+|USER|USERNAME|<[^>/]*>|\\$USER|\\$\\{USER\\}';

/** Homes of CI runners' users (GitHub `runner`, CircleCI, Travis, Azure `vsts`) and of notebook and serving images (`jovyan`, BentoML's `bentoml`). */
const RUNNER_USERS = 'runner|jovyan|circleci|travis|vsts|buildkite|jenkins|gitlab-runner|bentoml';

const PLACEHOLDER_HOME = new RegExp(`^/(?:home|Users)/(?:${RUNNER_USERS}|${PLACEHOLDER_USERS})(?:/|$)`, 'i');

const STRONG: Array<{ re: RegExp; label: string; notebookOnly?: boolean }> = [
  { re: new RegExp(`^/home/(?!(?:${RUNNER_USERS}|${PLACEHOLDER_USERS})(?:/|$))[A-Za-z0-9._-]+(?:/|$)`, 'i'), label: 'Linux home folder' },
  { re: new RegExp(`^/Users/(?!(?:${PLACEHOLDER_USERS}|Shared)(?:/|$))[A-Za-z0-9._ -]+(?:/|$)`, 'i'), label: 'macOS home folder' },
  { re: /^\/root\/(?!\.)[^/]/, label: "root's home folder" },
  { re: /^~[/\\](?!\.)[^\s]/, label: 'home folder (~)' },
  { re: /^\/content\/g?drive\//, label: 'Google Drive mounted in Colab' },
  { re: /^\/content\/[^/\s]/, label: 'Colab runtime folder', notebookOnly: true },
  { re: /^\/kaggle\/(?:input|working)\b/, label: 'Kaggle runtime folder' },
  { re: /^\/mnt\/[a-zA-Z](?:\/|$)/, label: 'Windows drive mounted in WSL' },
  { re: /^\/Volumes\/[^/\s]/, label: 'macOS volume' },
  { re: /^\/media\/[A-Za-z0-9._-]+\/[^/\s]/, label: 'removable media mount' },
  // Not Windows' own folders (`C:\\Windows\\System32`, `C:\\Program Files`), the same on every machine, as `/usr` is.
  { re: new RegExp(`^[A-Za-z]:(?:\\\\{1,2}|/)(?!(?:Users|Documents and Settings)(?:\\\\{1,2}|/)(?:${PLACEHOLDER_USERS})(?:\\\\|/|$))(?!(?:Windows|Program Files(?: \\(x86\\))?|ProgramData)(?:\\\\|/|$))(?:[A-Za-z0-9_$ .~()-]|$)`, 'i'), label: 'Windows drive path' },
  { re: /^(?:\\\\){1,2}[A-Za-z0-9._$-]+(?:\\{1,2})[A-Za-z0-9._$ -]+/, label: 'Windows network share (UNC)' },
  { re: /^file:\/\/(?:\/[A-Za-z~]|[A-Za-z]:)/, label: 'file:// URI' },
];

/**
 * Standard system, container and CI-runner locations (GitLab's `/builds`, Drone's `/drone/src`,
 * GitHub's `/github/workspace` and `/__w`, shared build volumes such as `/cache`): a path here
 * is not one person's machine, in a pipeline or in the files it reads. Also the managed platforms'
 * storage mounts, the same on every job: Vertex AI's Cloud Storage FUSE `/gcs/<bucket>`,
 * Databricks' `/dbfs/…` and shared `/Workspace/…` folders (not a person's `/Workspace/Users/<u>`, `/Workspace/Repos/<u>`).
 */
const SYSTEM_PREFIX = /^\/(?:gcs|dbfs|Workspace(?!\/(?:Users|Repos)\/)|tmp|var|dev|proc|sys|usr|etc|bin|sbin|lib|lib32|lib64|boot|run|opt|snap|nix|System|Library|Applications|private|app|code|workspace|workspaces|src|srv\/app|models?|config|secrets|kaggle\/lib|github\/workspace|github\/home|__w|drone\/src|woodpecker\/src|builds|buildkite|codebuild|kaniko|cache|artifacts)(?:\/|$)/;
const DEVICE = /^\/(?:device|cpu|gpu|job|replica|task|physical_device|xla_)[:_/A-Za-z0-9]*:/i;
const PATHLIKE_NAME = /(?:^|_|\b)(?:path|paths|dir|dirs|directory|folder|file|files|filename|fname|filepath|root|location|loc|dest|destination|src|source|input|output|out|outdir|home|base|ckpt|checkpoint|checkpoints|data|dataset|datasets|csv|parquet|workdir|cache|save|load|storage|mount|volume|weights|model)(?:s)?$/i;
const NOT_PATH_NAME = /(?:url|uri|route|endpoint|prefix|api|href|link|pattern|regex|glob_pattern|mount_point_url)/i;
/** `URL.build(scheme=…, host=…, path="/kg/query")`, `urlunparse(…)`, `u._replace(path=…)`: a URL's path is a route. */
const URL_BUILDER = /(?:^|\.)(?:URL(?:\.build)?|urlunparse|urlunsplit|urljoin|ParseResult|SplitResult|_replace|furl|with_path)$/;
/** `remote_path="/root/app/x.py"` (Modal), `container_path=`, `pod_dir`: the container's side of a copy. */
const CONTAINER_SIDE_NAME = /(?:^|_)(?:remote|container|in_container|pod)_?(?:path|dir|directory|root|folder|location)$/i;
const ROUTE_CALLEE = /(?:^|\.)(?:route|get|post|put|delete|patch|head|options|add_url_rule|add_api_route|api_route|websocket|path|re_path|url|include_router|APIRouter|Blueprint|mount|redirect|url_for)$/;
const IO_CALLEE = /(?:^|\.)(?:open|read_csv|read_table|read_parquet|read_excel|read_json|read_pickle|read_feather|read_hdf|read_orc|read_sas|read_stata|read_fwf|read_sql|load|loads?_?\w*|loadtxt|genfromtxt|fromfile|memmap|save|savez|savez_compressed|savetxt|to_csv|to_parquet|to_pickle|to_excel|to_json|to_feather|to_hdf|dump|imread|imwrite|imsave|listdir|scandir|walk|glob|iglob|Path|PurePath|PosixPath|WindowsPath|makedirs|mkdir|exists|isfile|isdir|join|chdir|expanduser|abspath|realpath|load_model|save_model|from_pretrained|save_pretrained|load_dataset|load_from_disk|save_to_disk|File|connect|copy|copyfile|copytree|move|rmtree|remove|unlink|rename|FileHandler|basicConfig|TensorBoard|SummaryWriter|ModelCheckpoint|CSVLogger|ImageFolder|DatasetFolder|read_text|write_text|read_bytes|set_tracking_uri|log_artifact|log_artifacts|upload_file|download_file|load_workbook|ExcelWriter|read_image|decode_image|audio_load|sf_read|cv2_imread|torch_load|read|write|writer|reader|csv_reader|Image_open|frompath|from_csv|from_json|from_parquet|text_file|textFile|parquet|csv)$/;
/** Absolute paths that match no machine pattern (`/efs/…`, `/mnt/shared/…`): one wording in code, notebooks and config. */
const GENERIC_LABEL = 'absolute path outside the repository';
const CONFIG_DATA_EXT = new Set(['.txt', '.json', '.yaml', '.yml', '.log', '.xml', '.sql', '.db']);

/** `/path/to/data.csv`, `C:\\path\\to\\x`, `/your/data/dir`: documentation placeholders, not a machine. */
const PLACEHOLDER_PATH = /^(?:[A-Za-z]:)?[\\/]{1,2}(?:path[\\/]{1,2}to|your[-_]?[a-z]*|some[\\/]{1,2}path|my[\\/]{1,2}path|absolute[\\/]{1,2}path|full[\\/]{1,2}path)(?:[\\/]|$)/i;

const COMMAND_STRING = /^\s*(?:!|%|cd|cp|mv|rm|ls|mkdir|python3?|bash|sh|wget|curl|unzip|tar|scp|rsync|docker|cat|export|source|conda|pip3?|gsutil|aws|az|gcloud|kaggle|ln|chmod|find|du|head|tail|sed|awk|git|dvc|java|spark-submit|hadoop|hdfs|nohup|sudo)\b/;
const SHELL_CALL = /(?:^|\.)(?:system|run|call|check_call|check_output|Popen|getoutput|getstatusoutput|popen|spawn|exec_command|sh)$/;
const PROBE_CALL = /(?:^|\.)(?:exists|isdir|isfile|lexists|walk|listdir|scandir)$/;
/** `name.endswith("/gbfs.json")`, `s.replace(".csv", "/constraints.json")`: a piece of text matched or swapped, not a location. */
const STRING_METHOD = /\.(?:replace|endswith|startswith|split|rsplit|strip|rstrip|lstrip|removesuffix|removeprefix|find|rfind|index|rindex|count|partition|rpartition|contains|match|search|sub|fullmatch)$/;
/** `drive.mount('/content/drive')`: the notebook then runs only in one person's Colab, with their Drive. */
const DRIVE_MOUNT = /(?:^|\.)drive\.mount$/;

export function matchStrong(value: string, inNotebook: boolean): string | undefined {
  if (PLACEHOLDER_PATH.test(value)) return undefined;
  for (const s of STRONG) {
    if (s.notebookOnly && !inNotebook) continue;
    if (s.re.test(value)) return s.label;
  }
  return undefined;
}

function hasFileExtension(path: string): boolean {
  const ext = extname(path.replace(/[\\/]+$/, ''));
  return ext !== '' && (isDataExtension(ext) || CONFIG_DATA_EXT.has(ext) || ext === '.pkl');
}

function looksLikePath(value: string): boolean {
  if (!/^\/[^\s/]/.test(value)) return false;
  if (/[\n\t<>|^"'`]|:\/\/|\s{2}/.test(value)) return false;
  if (DEVICE.test(value)) return false;
  if (SYSTEM_PREFIX.test(value) || PLACEHOLDER_HOME.test(value) || PLACEHOLDER_PATH.test(value)) return false;
  // Tool configuration in a home (`/root/.kaggle/kaggle.json`, `~/.cache`): where the tool looks, not data.
  if (/^\/(?:root|home\/[^/]+|Users\/[^/]+)\/\./.test(value)) return false;
  return true;
}

/** Generic absolute path used as a file location: needs two segments or a file extension. */
function genericPathShape(value: string): boolean {
  if (!looksLikePath(value)) return false;
  const segments = value.split('/').filter(Boolean);
  return segments.length >= 2 || hasFileExtension(value);
}

function pathLikeName(name: string | undefined): boolean {
  return !!name && PATHLIKE_NAME.test(name) && !NOT_PATH_NAME.test(name);
}

function isAllowed(path: string, options: RuleOptions): boolean {
  return options.localPathAllow.some((prefix) => prefix && path.startsWith(prefix));
}

// ---------------------------------------------------------------- Python

/**
 * Cheap test on a Python literal (from its opening quote) or magic: a quote directly before a
 * path start, or a strong prefix after a space or `=` (inside command strings and shell
 * escapes). The rule reads only literals and magics, so a segment none of whose literals or
 * magics passes is never tokenized by it (the outline has them already, for imports and
 * evidence): most segments, for a fraction of one search of their whole text.
 */
const PY_PREFILTER = /["'](?:[/~\\]|[A-Za-z]:[\\/]|file:)|[\s=(,;[](?:\/(?:home|Users|root|content|kaggle|mnt|Volumes|media)\/|~[/\\]|[A-Za-z]:[\\/]|\\\\)|file:\/\//;

/** Does any literal (with its opening quote) or magic of the segment pass PY_PREFILTER? */
export function worthTokenizingForPaths(seg: CodeSegment): boolean {
  const { strings, magics } = outlineOf(seg);
  const text = seg.text;
  for (let k = 0; k < strings.length; k += 4) {
    const from = strings[k + 2] - 1;
    const to = strings[k + 3];
    if (to - from >= 2 && PY_PREFILTER.test(text.slice(from, to))) return true;
  }
  for (let k = 0; k < magics.length; k += 2) if (PY_PREFILTER.test(text.slice(magics[k], magics[k + 1]))) return true;
  return false;
}

function scanPython(seg: CodeSegment, inNotebook: boolean, options: RuleOptions, report: (r: FileReport) => void): void {
  if (!worthTokenizingForPaths(seg)) return;
  const tokens = tokensOf(seg);
  // Made once per segment, when a Kaggle or Colab folder is first met.
  let guarded: ReadonlySet<number> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.type === 'magic') {
      for (const hit of scanTextLine(tok.value, tok.start, inNotebook)) emit(seg, hit, undefined, options, report);
      continue;
    }
    if (tok.type !== 'string' || tok.prefix?.includes('b')) continue;
    if (isDocstring(tokens, i)) continue;
    const hit = classifyPythonLiteral(tokens, i, inNotebook);
    // Code that runs only on Kaggle or Colab (`if is_colab(): shutil.rmtree("/content/sample_data")`)
    // uses the platform's folders where they exist.
    if (hit && PLATFORM_FOLDER.test(hit.path) && (guarded ??= platformGuardedLines(seg.text)).has(seg.text.lastIndexOf('\n', tok.start - 1) + 1)) continue;
    if (hit) emit(seg, hit, pythonReplacementContext(tokens, i, tok), options, report);
  }
}

/** Kaggle's and Colab's own folders: there on the platform, absent (and harmlessly so when probed) elsewhere. */
const PLATFORM_FOLDER = /^\/(?:kaggle|content)(?:\/|$)/;
/** A condition that tells the platform: `if is_colab():`, `elif "google.colab" in sys.modules:`, `if KAGGLE:`. */
const PLATFORM_CONDITION = /^[ \t]*(?:if|elif)\b[^\n]*(?:colab|kaggle)/i;

/**
 * The starts of the lines inside an `if` / `elif` block whose condition tells Kaggle or Colab
 * (through any enclosing blocks), in one pass with a stack of the open blocks' indentation.
 * Blank lines and comments say nothing; a negated condition (`if not IN_COLAB:`) guards nothing.
 */
function platformGuardedLines(text: string): ReadonlySet<number> {
  const lines = new Set<number>();
  const open: Array<{ indent: number; guard: boolean }> = [];
  let guards = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end < 0 ? text.length : end;
    const own = indentOf(text, lineStart);
    const first = text.charCodeAt(lineStart + own);
    if (!(first === 10 || first === 13 || first === 35 || Number.isNaN(first))) {
      while (open.length && open[open.length - 1].indent >= own) if (open.pop()!.guard) guards--;
      if (guards > 0) lines.add(lineStart);
      const condition = text.slice(lineStart, lineEnd).replace(/#.*$/, '');
      const guard = PLATFORM_CONDITION.test(condition) && !/\bnot\b/.test(condition);
      open.push({ indent: own, guard });
      if (guard) guards++;
    }
    if (end < 0) break;
    lineStart = end + 1;
  }
  return lines;
}

function indentOf(text: string, lineStart: number): number {
  let k = lineStart;
  while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
  return k - lineStart;
}

/** A comparison operand: `os.getcwd() == "/kaggle/working"` tells the platform, it uses no folder. */
function isComparedWith(tokens: readonly Token[], i: number): boolean {
  const isCompare = (t: Token | undefined) => !!t && ((t.type === 'op' && (t.value === '==' || t.value === '!=')) || (t.type === 'name' && t.value === 'in'));
  return isCompare(tokens[i - 1]) || isCompare(tokens[i + 1]);
}

function isDocstring(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const startsStatement = !prev || prev.type === 'newline' || (prev.type === 'op' && prev.value === ':');
  const endsStatement = !next || next.type === 'newline' || next.type === 'comment';
  return startsStatement && endsStatement && tokens[i].value.includes(' ') && !tokens[i].value.startsWith('/');
}

function classifyPythonLiteral(tokens: readonly Token[], i: number, inNotebook: boolean): PathHit | undefined {
  const tok = tokens[i];
  const isF = tok.prefix?.includes('f') ?? false;
  // f-strings: only the literal text before the first placeholder is known.
  const known = isF ? tok.value.split('{')[0] : tok.value;
  // No separator, no path: most literals (column names, messages) stop here.
  if (!/[/\\~]/.test(known)) return undefined;
  const bodyStart = tok.bodyStart!;
  const prev = tokens[i - 1];
  // `base + "/train.csv"`, `root / "x"`: a suffix glued onto a computed location.
  const isSuffix = prev?.type === 'op' && (prev.value === '+' || prev.value === '/' || prev.value === '%');
  // Adjacent literals ("a" "b") continue the previous one.
  const continuation = prev?.type === 'string';
  if (isSuffix || continuation) return undefined;

  const call = enclosingCall(tokens, i);
  if (call && DRIVE_MOUNT.test(call.callee) && /^\/content\/g?drive\/?$/.test(known)) {
    return { start: bodyStart, end: bodyStart + known.length, path: known, label: 'Google Drive mounted in Colab' };
  }
  const inDecorator = statementStartsWith(tokens, i, '@');
  const routeContext =
    inDecorator ||
    (call && ROUTE_CALLEE.test(call.callee) && !IO_CALLEE.test(call.callee)) ||
    (call && URL_BUILDER.test(call.callee)) ||
    NOT_PATH_NAME.test(call?.keyword ?? '');

  // Strong patterns: at the start of the literal, or after a space/= inside a command string.
  const strong = findStrong(known, inNotebook);
  // The container's side of a copy: `/root/…` is the container user's home there. A person's
  // home or a drive is still no container path.
  if (CONTAINER_SIDE_NAME.test(call?.keyword ?? assignedName(tokens, i) ?? '') && (!strong || strong.label === "root's home folder")) return undefined;
  // Inside prose (a help text, a prompt, an "e.g." example) a path is an example; inside a
  // shell command string it is a location the command uses.
  if (strong && strong.start > 0 && !COMMAND_STRING.test(known) && !(call && SHELL_CALL.test(call.callee))) return undefined;
  // `os.path.exists("/kaggle/input")`, Kaggle's `os.walk('/kaggle/input')` cell: detecting or
  // listing the platform, which works (or fails harmlessly) everywhere.
  if (strong && ((call && PROBE_CALL.test(call.callee)) || isComparedWith(tokens, i)) && PLATFORM_FOLDER.test(strong.path)) return undefined;
  if (strong) {
    if (routeContext && strong.start === 0 && !/^[A-Za-z]:|^\\\\|^file:/.test(strong.path) && !strong.path.startsWith('~')) {
      // "/content/…" or "/Users/…" as a web route: routes are not machine paths.
      if (inDecorator || (call && ROUTE_CALLEE.test(call.callee))) return undefined;
    }
    if (isF && strong.end >= known.length && /^\/(?:home|Users)\/$/.test(known.slice(strong.start))) return undefined;
    return { ...strong, start: bodyStart + strong.start, end: bodyStart + strong.end };
  }

  if (routeContext || (call && STRING_METHOD.test(call.callee))) return undefined;
  if (!genericPathShape(known) || isRouteTemplate(known)) return undefined;
  if (isF && known.length < tok.value.length && known.split('/').filter(Boolean).length < 2) return undefined;
  const name = call?.keyword ?? assignedName(tokens, i) ?? dictKey(tokens, i);
  const usedAsFile =
    (call && IO_CALLEE.test(call.callee)) || pathLikeName(name) || hasFileExtension(known) || (!call && !!name && readOrWritten(tokens, i, name));
  if (!usedAsFile || inEndpointCollection(tokens, i)) return undefined;
  const end = pathEnd(known, 0);
  return { start: bodyStart, end: bodyStart + end, path: known.slice(0, end), label: GENERIC_LABEL };
}

/** `/survivors/{id}`, `/items/<int:id>`, `/users/:id`: a URL route with parameters, not a file. */
function isRouteTemplate(value: string): boolean {
  return /\/\{[A-Za-z_][\w:]*\}(?:\/|$)|\/<(?:[a-z]+:)?[A-Za-z_]\w*>(?:\/|$)|\/:[A-Za-z_]\w*(?:\/|$)/.test(value);
}

/** The list, set or dict literal directly around token `i`: its opening bracket, its string items and its string keys. */
function enclosingCollection(tokens: readonly Token[], i: number): { open: string; items: string[]; keys: string[] } | undefined {
  let depth = 0;
  let k = i - 1;
  for (; k >= 0; k--) {
    const t = tokens[k];
    if (t.type === 'op' && (t.value === ')' || t.value === ']' || t.value === '}')) depth++;
    else if (t.type === 'op' && (t.value === '(' || t.value === '[' || t.value === '{')) {
      if (depth === 0) break;
      depth--;
    } else if (t.type === 'newline' && depth === 0) return undefined;
  }
  if (k < 0 || (tokens[k].value !== '[' && tokens[k].value !== '{')) return undefined;
  const items: string[] = [];
  const keys: string[] = [];
  depth = 0;
  for (let j = k + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type === 'op' && (t.value === '(' || t.value === '[' || t.value === '{')) depth++;
    else if (t.type === 'op' && (t.value === ')' || t.value === ']' || t.value === '}')) {
      if (depth === 0) break;
      depth--;
    } else if (t.type === 'string' && depth === 0) (tokens[j + 1]?.value === ':' ? keys : items).push(t.value);
  }
  return { open: tokens[k].value, items, keys };
}

/**
 * `ENDPOINTS = ["/api/v1/predict", "/api/v1/health"]`: a list of routes (every item an
 * extension-less absolute path), or the `path` of an HTTP request event (`{"httpMethod": …,
 * "path": "/items/123"}`, API Gateway and test doubles).
 */
function inEndpointCollection(tokens: readonly Token[], i: number): boolean {
  const c = enclosingCollection(tokens, i);
  if (!c) return false;
  if (c.keys.some((k) => /^(?:httpMethod|http_method|method|resource|routeKey|rawPath|pathParameters|requestContext)$/.test(k))) return true;
  return c.items.length >= 2 && c.items.every((v) => /^\/[\w{}<>:.-]+(?:\/[\w{}<>:.-]*)*$/.test(v) && !hasFileExtension(v));
}

/**
 * `fn = f"/mnt/exp/{run}.csv"` … `pd.read_csv(fn)`: a name that later reaches a read or a write
 * (an I/O call's argument), so the literal is a file location whatever the name says.
 */
function readOrWritten(tokens: readonly Token[], i: number, name: string): boolean {
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type !== 'name' || t.value !== name) continue;
    const call = enclosingCall(tokens, j);
    if (call && IO_CALLEE.test(call.callee) && !call.keyword) return true;
  }
  return false;
}

function statementStartsWith(tokens: readonly Token[], i: number, op: string): boolean {
  let k = i - 1;
  while (k >= 0 && tokens[k].type !== 'newline') k--;
  const first = tokens[k + 1];
  return first?.type === 'op' && first.value === op;
}

function findStrong(text: string, inNotebook: boolean): { start: number; end: number; path: string; label: string } | undefined {
  for (const start of candidateStarts(text)) {
    const rest = text.slice(start);
    const label = matchStrong(rest, inNotebook);
    if (label) {
      const end = start + pathEnd(rest, 0);
      return { start, end, path: text.slice(start, end), label };
    }
  }
  return undefined;
}

/** Offsets where a path may begin: the start, or after a space, quote, `=`, `(`, `,` or `;`. */
function* candidateStarts(text: string): Generator<number> {
  yield 0;
  for (let k = 1; k < text.length; k++) {
    const before = text[k - 1];
    const c = text[k];
    if (!/[\s="'(,;\[]/.test(before)) continue;
    if (c === '/' || c === '~' || c === '\\' || /[A-Za-z]/.test(c)) yield k;
  }
}

/** Where a path that starts at `from` ends: before quotes, whitespace that ends a path, or a `:` host/container separator. */
function pathEnd(text: string, from: number): number {
  let end = rawPathEnd(text, from);
  // Prose punctuation after a path: "…/docs.", "(e.g. C:\\x)".
  while (end > from + 1 && (text[end - 1] === '.' || (text[end - 1] === ')' && !text.slice(from, end - 1).includes('(')))) end--;
  return end;
}

function rawPathEnd(text: string, from: number): number {
  let k = from;
  const windows = /^[A-Za-z]:|^\\\\|^file:/.test(text.slice(from));
  while (k < text.length) {
    const c = text[k];
    if (c === '"' || c === "'" || c === '`' || c === '\n' || c === '\r' || c === '\t' || c === ',' || c === ';') break;
    if (c === ':' && !windows && k > from) break;
    // Windows: the drive colon (`C:`, also inside `file:///C:`) and the scheme colon belong to the path.
    if (c === ':' && windows && k > from + 1 && !text.startsWith('//', k + 1) && !(/[A-Za-z]/.test(text[k - 1]) && /^[/\\]?$/.test(text.slice(Math.max(from, k - 2), k - 1)))) break;
    if (c === ' ') {
      // Paths with spaces: keep going while the next word still looks like part of the path,
      // unless the path already ends in a file name (`cp /home/x/model.pkl models/`).
      const rest = text.slice(k + 1);
      const lastSegment = text.slice(from, k).split(/[/\\]/).pop() ?? '';
      if (/\.[A-Za-z0-9]{1,8}$/.test(lastSegment)) break;
      if (!/^[^\s/\\]+[/\\]/.test(rest) && !/^[^\s"']+\.[A-Za-z0-9]{1,8}(?:["')]|$)/.test(rest)) break;
    }
    k++;
  }
  return k;
}

// ---------------------------------------------------------------- other text files

const COMMENT_PREFIX: Partial<Record<FileKind, RegExp>> = {
  yaml: /^\s*#/,
  toml: /^\s*#/,
  ini: /^\s*[#;]/,
  env: /^\s*#/,
  shell: /^\s*#/,
  makefile: /^\s*#/,
  requirements: /^\s*#/,
  r: /^\s*#/,
  jenkinsfile: /^\s*\/\//,
};
const CONFIG_KEY = /^\s*(?:-\s*)?(?:export\s+|set\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*(?:[:=]|\?=|:=)\s*["']?(\/[^"'#\s]*(?: [^"'#\s/]+\/[^"'#\s]*)*)/;
/** The key a config or shell line assigns (`data_dir: …`, `export DATA_DIR=…`), to name the variable. */
const LINE_KEY = /^\s*(?:-\s*)?(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:[:=]|\?=|:=)/;

function* scanTextLine(line: string, offset: number, inNotebook: boolean, tildeIsHome = false, accept?: (start: number, path: string) => boolean): Generator<PathHit> {
  for (const start of candidateStarts(line)) {
    const c = line[start];
    if (c !== '/' && c !== '~' && c !== '\\' && !/^[A-Za-z]:|^file:/.test(line.slice(start, start + 5))) continue;
    // In shell scripts and Makefiles `~` is whoever runs them: `mkdir -p ~/spark` works everywhere.
    if (c === '~' && tildeIsHome) continue;
    if (start > 0 && /[)}$\w.]/.test(line[start - 1])) continue;
    const rest = line.slice(start);
    const label = matchStrong(rest, inNotebook);
    if (!label) continue;
    const end = start + pathEnd(rest, 0);
    if (accept && !accept(start, line.slice(start, end))) continue;
    yield { start: offset + start, end: offset + end, path: line.slice(start, end), label };
    return; // one finding per line is enough to act on
  }
}

function scanText(file: ParsedFile, options: RuleOptions, report: (r: FileReport) => void): void {
  const seg = file.segments[0];
  if (!seg) return;
  const comment = COMMENT_PREFIX[file.kind];
  const compose = isComposeFile(file.path);
  // A pipeline runs on a runner or in a container: only a person's locations (a home, a drive) are out of place there.
  const pipeline = !!ciProvider(file.path) || /(^|\/)\.(?:drone|woodpecker)\.ya?ml$|(^|\/)\.woodpecker\//.test(file.path);
  const isConfig = file.kind === 'yaml' || file.kind === 'toml' || file.kind === 'ini' || file.kind === 'env' || file.kind === 'json';
  for (let line = 1; line <= seg.lines.lineCount; line++) {
    const text = seg.lines.lineText(line);
    if (!text || (comment && comment.test(text))) continue;
    // `save_pretrained` records where a model was loaded from: metadata, not a location the code reads.
    if (file.kind === 'json' && /^\s*"_?name_or_path"\s*:/.test(text)) continue;
    if (!/[/\\~]/.test(text)) continue;
    const code = stripTrailingComment(text, file.kind);
    const offset = seg.lines.lineStart(line);
    let found = false;
    const lineKey = LINE_KEY.exec(code)?.[1]?.split(".").pop();
    const ctx: ReplacementContext | undefined = lineKey ? { name: lineKey, wholeLiteral: false } : undefined;
    // In a pipeline `~` and `/root` are the runner's or the job container's home, like `~` in a shell script.
    const accept = file.kind === 'json' ? jsonPathFilter(code) : undefined;
    for (const hit of scanTextLine(code, offset, false, file.kind === 'shell' || file.kind === 'makefile' || pipeline, accept)) {
      if (pipeline && /^\/root\//.test(hit.path)) continue;
      // A runner's drive (`C:\\hadoop\\bin` on windows-latest) is as ephemeral as its `/opt`: only a person's home there.
      if (pipeline && hit.label === 'Windows drive path' && !/^[A-Za-z]:[\\/]+(?:Users|Documents and Settings)[\\/]+(?!runneradmin(?:[\\/]|$))[^\\/]/i.test(hit.path)) continue;
      found = true;
      emit(seg, hit, ctx, options, report);
    }
    if (found || compose || pipeline || !(isConfig || file.kind === 'shell' || file.kind === 'makefile')) continue;
    // Generic absolute data paths in config: only under a path-like key or with a data extension.
    const m = CONFIG_KEY.exec(code);
    if (!m) continue;
    const [, key, value] = m;
    if (!genericPathShape(value) || NOT_PATH_NAME.test(key)) continue;
    if (!pathLikeName(key.split('.').pop()) && !hasFileExtension(value)) continue;
    // The value of an environment variable a config sets for its job or container
    // (`environment: {HF_HOME: /mnt/cache}`): it is already the setting the fix would ask for.
    if (ENV_MAP_KEY.test(parentKeyOf(seg.lines, line) ?? '')) continue;
    const start = code.indexOf(value, code.indexOf(key) + key.length);
    emit(seg, { start: offset + start, end: offset + start + value.length, path: value, label: GENERIC_LABEL }, ctx, options, report);
  }
}

const ENV_MAP_KEY = /^(?:env|envs|environment|environments|env_vars|environment_variables|environmentVariables|variables|extraEnv|extra_env)$/;

/** The key of the block a YAML line sits in: the nearest line above with less indentation, `key:` alone. */
function parentKeyOf(lines: CodeSegment['lines'], line: number): string | undefined {
  const indentOf = (t: string) => /^[ \t]*/.exec(t)![0].length;
  const own = indentOf(lines.lineText(line));
  for (let n = line - 1; n >= 1 && line - n < 200; n--) {
    const text = lines.lineText(n);
    if (!text.trim() || indentOf(text) >= own) continue;
    return /^[ \t]*(?:-[ \t]+)?["']?([\w.-]+)["']?[ \t]*:[ \t]*(?:#.*)?\r?$/.exec(text)?.[1];
  }
  return undefined;
}

/**
 * A path found in a JSON line is one when it starts its string (`"data": "/home/ana/x.csv"`) or
 * sits in a command string (`"postCreateCommand": "cp /home/…"`), not in prose (a RAG dataset's
 * "put keys in ~/.aws/credentials"); and `f:\n` is a drive letter only if its backslash is not an
 * escape (JSON spells a Windows separator `\\`).
 */
function jsonPathFilter(line: string): (at: number, path: string) => boolean {
  // Candidates come in ascending order: the quote state is carried on, one pass per line
  // (a minified JSON line of prose has thousands of candidates).
  let k = 0;
  let open = -1;
  return (at, path) => {
    for (; k < at; k++) {
      if (line[k] === '\\') k++;
      else if (line[k] === '"') open = open < 0 ? k : -1;
    }
    if (/^[A-Za-z]:\\[^\\]/.test(path)) return false;
    if (open < 0 || open === at - 1) return true;
    return COMMAND_STRING.test(line.slice(open + 1, Math.min(at, open + 200)));
  };
}

function stripTrailingComment(line: string, kind: FileKind): string {
  if (kind === 'yaml' || kind === 'toml' || kind === 'shell' || kind === 'requirements' || kind === 'env' || kind === 'makefile') {
    const m = /\s#/.exec(line);
    if (m) return line.slice(0, m.index);
  }
  return line;
}

const PROFILE_DIR = /(^|\/)(env|envs|environment|environments|machine|machines|hosts?|local|profiles?|paths)\//i;
const PROFILE_NAME = /^(local|kaggle|colab|laptop|desktop|workstation|dev|development|prod|production|staging|cluster|slurm|hpc|server|[\w-]+[-_.]local)\.(ya?ml|json|toml|ini|cfg|conf)$/i;

export function isEnvironmentProfile(path: string, kind: FileKind): boolean {
  if (kind === 'env') return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (kind === 'yaml' || kind === 'json' || kind === 'toml' || kind === 'ini') && (PROFILE_DIR.test(path) || PROFILE_NAME.test(name));
}

export function isComposeFile(path: string): boolean {
  return /(^|\/)(docker-)?compose[^/]*\.ya?ml$/i.test(path);
}

// ---------------------------------------------------------------- findings

interface ReplacementContext {
  name?: string;
  /** The literal can be replaced as a whole (not an f-string, not part of a command). */
  wholeLiteral: boolean;
  /** The literal is put on `sys.path`: a code location, not data. */
  importPath?: boolean;
}

const IMPORT_PATH_CALLEE = /^(?:sys\.path\.(?:append|insert)|site\.addsitedir)$/;

/** Calls that only wrap a path: `EFS_DIR = Path("/home/…")` names the path EFS_DIR. */
const PATH_WRAPPER = /^(?:Path|PurePath|PosixPath|WindowsPath|str|expanduser|abspath|realpath|normpath|fspath)$/;

/** The name a path wrapper's result is assigned to, when the literal is its first argument. */
function wrappedAssignedName(tokens: readonly Token[], i: number): string | undefined {
  if (tokens[i - 1]?.type !== 'op' || tokens[i - 1].value !== '(' || tokens[i - 2]?.type !== 'name' || !PATH_WRAPPER.test(tokens[i - 2].value)) return undefined;
  // Back over a dotted callee (`os.path.expanduser`, `pathlib.Path`) to the `=` before it.
  let k = i - 2;
  while (k >= 2 && tokens[k - 1].type === 'op' && tokens[k - 1].value === '.' && tokens[k - 2].type === 'name') k -= 2;
  return assignedName(tokens, k);
}

function pythonReplacementContext(tokens: readonly Token[], i: number, tok: Token): ReplacementContext {
  const call = enclosingCall(tokens, i);
  const name = call?.keyword ?? assignedName(tokens, i) ?? wrappedAssignedName(tokens, i) ?? dictKey(tokens, i);
  // `("/home/a/data/" "train.csv")`: the literal is half of an implicit concatenation, and a call
  // put in its place would stand next to a string (a syntax error).
  let k = i + 1;
  while (tokens[k]?.type === 'newline' || tokens[k]?.type === 'comment') k++;
  const concatenated = tokens[k]?.type === 'string';
  const whole = !(tok.prefix?.includes('f') ?? false) && !concatenated;
  return { name, wholeLiteral: whole, importPath: !!call && IMPORT_PATH_CALLEE.test(call.callee) };
}

function emit(seg: CodeSegment, hit: PathHit, ctx: ReplacementContext | undefined, options: RuleOptions, report: (r: FileReport) => void): void {
  if (isAllowed(hit.path, options)) return;
  const suggestion = suggest(hit.path, ctx, options);
  const shown = hit.path.length > 60 ? hit.path.slice(0, 57) + '…' : hit.path;
  // A shared mount may exist in every environment: then allowing it is the fix.
  const mountHint = hit.label === GENERIC_LABEL ? ' If every environment mounts it, allow its prefix (lint.local_path_allow in poc.yaml).' : '';
  report({
    range: seg.lines.range(hit.start, hit.end),
    cell: seg.cell,
    message: (suggestion.importPath
      ? `Machine-local path '${shown}' (${hit.label}) on sys.path will not exist on another machine, in CI or in a container: install the project's package (\`pip install -e .\`) or add the folder relative to this file.`
      : seg.language === 'python'
        ? `Machine-local path '${shown}' (${hit.label}) will not exist on another machine, in CI or in a container: read it from the ${suggestion.envVar} environment variable or a config file, or use a path relative to the repository.`
        : `Machine-local path '${shown}' (${hit.label}) will not exist on another machine, in CI or in a container: use a path relative to the repository, or take it from the ${suggestion.envVar} environment variable or a per-machine profile that is not committed.`) + mountHint,
    data: { suggestion, path: hit.path },
  });
}

export function suggest(path: string, ctx: ReplacementContext | undefined, options: RuleOptions): PathSuggestion {
  const unified = path.replace(/^file:\/\/\/?/, '/').replace(/\\\\/g, '\\').replace(/\\/g, '/');
  const segments = unified.split('/').filter((s) => s && s !== '~' && !/^[A-Za-z]:$/.test(s));
  const rootIdx = options.rootName ? segments.lastIndexOf(options.rootName) : -1;
  let relativePath: string;
  if (rootIdx >= 0 && rootIdx < segments.length - 1) relativePath = segments.slice(rootIdx + 1).join('/');
  else {
    const last = segments[segments.length - 1] ?? 'data';
    // A folder put on sys.path most likely sits in the repository under its own name.
    relativePath = last === 'data' || ctx?.importPath ? last : `data/${last}`;
  }
  const isFile = hasFileExtension(unified) || extname(basename(unified)) !== '';
  const envVar = envVarName(ctx?.name, unified, isFile);
  const suggestion: PathSuggestion = { envVar, relativePath };
  // The edit itself depends on where the file runs from: core/fix/local-path.ts computes it.
  if (ctx?.wholeLiteral) suggestion.literal = true;
  if (ctx?.importPath) suggestion.importPath = true;
  return suggestion;
}

/** Variables the system, the shell or a runtime image sets: a default read from one of them would never apply. */
const SYSTEM_VARIABLE = /^(?:PATH|HOME|PWD|OLDPWD|TMPDIR|TEMP|TMP|USER|SHELL|PYTHONPATH|PYTHONHOME|LANG|LD_LIBRARY_PATH|LIBRARY_PATH|XDG_\w+|CUDA_HOME|CUDA_PATH|JAVA_HOME|CONDA_PREFIX|VIRTUAL_ENV)$/i;

function envVarName(name: string | undefined, path: string, isFile: boolean): string {
  if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !SYSTEM_VARIABLE.test(name)) {
    const upper = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    return /(PATH|DIR|FILE|ROOT|LOCATION|FOLDER|URI|URL|HOME|CREDENTIALS|CONFIG|CACHE)$/.test(upper) ? upper : `${upper}_PATH`;
  }
  const stem = basename(path).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  if (!stem || /^[0-9]/.test(stem)) return isFile ? 'DATA_PATH' : 'DATA_DIR';
  return isFile ? `${stem}_PATH` : `${stem}_DIR`;
}

export const localPath: FileRule = {
  id: 'local-path',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 3,
  title: 'Machine-local absolute path in code, notebook cells or config',
  fixable: true,
  scope: 'file',
  kinds: ['python', 'notebook', 'yaml', 'json', 'toml', 'ini', 'env', 'shell', 'makefile', 'requirements', 'r', 'jenkinsfile'],
  check(file, report, options) {
    // Editor settings, lock files, and what tools generate (an MLflow run's meta.yaml records the
    // machine it ran on; nobody can edit that into an environment variable).
    // Dependabot's `directory: "/.github/workflows"` is relative to the repository's root.
    if (/(^|\/)\.(vscode|idea|devcontainer)\/|(^|\/)\.github\/dependabot\.ya?ml$/.test(file.path) || /(^|\/)(package-lock|composer\.lock|yarn\.lock|pyvenv\.cfg)/.test(file.path) || isGeneratedArtifact(file.path)) return;
    // Per-environment profiles (`conf/env/kaggle.yaml`, `configs/local.yaml`, `.env`) are where
    // machine-specific locations belong: they are the fix this rule recommends, not the problem.
    if (file.kind !== 'python' && file.kind !== 'notebook' && isEnvironmentProfile(file.path, file.kind)) return;
    if (file.kind === 'python' || file.kind === 'notebook') {
      const inNotebook = file.kind === 'notebook';
      const colab = file.notebook?.colab ?? false;
      for (const seg of file.segments) {
        if (seg.language === 'python' && /^\s*%%(?:bash|sh|script\b|system)/.test(seg.text)) scanText({ ...file, kind: 'shell', segments: [seg] }, options, report);
        else if (seg.language === 'python') scanPython(seg, inNotebook || colab, options, report);
        else scanText({ ...file, kind: 'r', segments: [seg] }, options, report);
      }
      return;
    }
    scanText(file, options, report);
  },
};
