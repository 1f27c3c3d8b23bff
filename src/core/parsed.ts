// What the engine knows about one file: its kind (from the name alone) and, for text kinds,
// its content split into the code segments the rules scan (a notebook's code cells).

import { basename, extname } from './path';
import { parseNotebook, type Notebook } from './parsers/notebook';
import type { Token } from './parsers/python';
import type { PythonOutline } from './parsers/pythonOutline';
import type { SegmentTriggers } from './parsers/words';
import { LineIndex } from './text';

export type FileKind =
  | 'python'
  | 'notebook'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'dockerfile'
  | 'requirements'
  | 'shell'
  | 'r'
  | 'ini'
  | 'env'
  | 'markdown'
  | 'makefile'
  | 'terraform'
  | 'jenkinsfile'
  | 'ignorefile'
  | 'keyfile'
  | 'data'
  | 'other';

const DATA_EXTENSIONS = new Set([
  '.csv', '.tsv', '.parquet', '.feather', '.arrow', '.avro', '.orc', '.pkl', '.pickle', '.joblib',
  '.h5', '.hdf5', '.hdf', '.npy', '.npz', '.xlsx', '.xls', '.zip', '.gz', '.tgz', '.bz2', '.xz',
  '.7z', '.tar', '.pt', '.pth', '.ckpt', '.safetensors', '.onnx', '.pb', '.tflite', '.bin',
  '.sav', '.dta', '.sas7bdat', '.mat', '.tfrecord', '.tfrecords', '.db', '.sqlite', '.jsonl',
  '.ndjson', '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.tif', '.tiff', '.wav', '.mp3', '.mp4',
  '.gguf', '.model', '.msgpack', '.cbm', '.keras', '.ubj', '.lgb', '.xgb', '.geojson',
]);

export function isDataExtension(ext: string): boolean {
  return DATA_EXTENSIONS.has(ext.toLowerCase());
}

export function classify(path: string): FileKind {
  const name = basename(path);
  const lower = name.toLowerCase();
  const ext = extname(name);
  // Pattern files (ignore lists, .gitattributes with its LFS patterns), including BuildKit's
  // per-Dockerfile `Dockerfile.gpu.dockerignore`.
  if (lower === '.gitignore' || lower === '.dockerignore' || lower === '.gcloudignore' || lower === '.gitattributes' || ext === '.dockerignore') return 'ignorefile';
  // Dockerfile, Dockerfile.gpu, Dockerfile_gpu, Dockerfile-cuda, Containerfile, gpu.dockerfile — not Dockerfile.md.
  if ((/^(docker|container)file([._-][\w.-]*)?$/.test(lower) || /[._-]dockerfile$/.test(lower)) && !/\.(md|txt|rst|json|ya?ml|sh|py|lock)$/.test(lower))
    return 'dockerfile';
  // Key material by name: PEM keys, SSH private keys (not their .pub), PKCS #12 bundles.
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_[\w-]+)?$/.test(lower) || /\.(?:pem|key|ppk|p12|pfx)$/.test(lower)) return 'keyfile';
  if (lower === 'jenkinsfile' || lower.startsWith('jenkinsfile.')) return 'jenkinsfile';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === '.mk' || lower === 'justfile' || lower === '.justfile') return 'makefile';
  // MLflow's project file is YAML without an extension.
  if (name === 'MLproject') return 'yaml';
  if (lower === '.env' || lower.startsWith('.env.') || ext === '.env') return 'env';
  if (lower === 'pipfile') return 'toml';
  if (/^requirements.*\.(txt|in)$/.test(lower) || /^[\w.]+[-_]requirements\.(txt|in)$/.test(lower) || (/(^|\/)requirements\//.test(path) && (ext === '.txt' || ext === '.in')))
    return 'requirements';
  switch (ext) {
    case '.py':
    case '.pyw':
      return 'python';
    case '.ipynb':
      return 'notebook';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.toml':
      return 'toml';
    case '.sh':
    case '.bash':
    case '.zsh':
      return 'shell';
    case '.r':
    case '.rmd':
      return 'r';
    case '.cfg':
    case '.ini':
    case '.conf':
    case '.properties':
      return 'ini';
    case '.tf':
    case '.hcl':
      return 'terraform';
    case '.md':
    case '.rst':
    case '.markdown':
      return 'markdown';
  }
  if (DATA_EXTENSIONS.has(ext)) return 'data';
  return 'other';
}

/** Kinds whose content the engine reads; everything else is judged by name and size only. */
export function isReadableKind(kind: FileKind): boolean {
  return kind !== 'data' && kind !== 'other';
}

export type SegmentLanguage = 'python' | 'r' | 'other';

export interface CodeSegment {
  text: string;
  language: SegmentLanguage;
  /** Notebook cell index (Markdown cells counted), absent for plain files. */
  cell?: number;
  lines: LineIndex;
  /** Python tokens, computed on first use by `tokensOf` (parsers/python.ts) and shared by the rules. */
  tokens?: Token[];
  /** Statements, comments and strings without tokens, by `outlineOf` (parsers/pythonOutline.ts). */
  outline?: PythonOutline;
  /** The registered words and prefixes it holds, by `wordsOf` / `prefixesOf` (parsers/words.ts). */
  words?: SegmentTriggers;
}

export interface ParsedFile {
  /** Workspace-relative, "/" separators. */
  path: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  notebook?: Notebook;
  /** Set when the content could not be parsed as its kind (the engine reports `invalid-file`). */
  parseError?: { message: string; line: number; column: number };
  /** Code the rules scan: the whole file, or each code cell of a notebook. */
  segments: CodeSegment[];
  /** Derived parses shared by facts and rules, so each file is parsed once (see `memo`). */
  cache: Map<string, unknown>;
}

export function memo<T>(file: ParsedFile, key: string, compute: () => T): T {
  if (file.cache.has(key)) return file.cache.get(key) as T;
  const value = compute();
  file.cache.set(key, value);
  return value;
}

export function parseFile(path: string, text: string): ParsedFile {
  const kind = classify(path);
  const lines = new LineIndex(text);
  const file: ParsedFile = { path, kind, text, lines, segments: [], cache: new Map() };
  if (kind === 'notebook') {
    const nb = parseNotebook(text);
    if (nb.error) {
      file.parseError = nb.error;
      return file;
    }
    file.notebook = nb.notebook;
    const language: SegmentLanguage = nb.notebook!.language === 'python' ? 'python' : nb.notebook!.language === 'r' ? 'r' : 'other';
    for (const cell of nb.notebook!.cells) {
      if (cell.type !== 'code') continue;
      file.segments.push({ text: cell.source, language, cell: cell.index, lines: new LineIndex(cell.source) });
    }
  } else {
    file.segments.push({ text, language: kind === 'python' ? 'python' : kind === 'r' ? 'r' : 'other', lines });
  }
  return file;
}
