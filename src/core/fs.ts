// The only door from the core to storage. Node (src/node/nodeFs.ts), the extension host and
// VS Code for the Web (src/extension/vscodeFs.ts) each implement it; the rules never see which.
// Paths are absolute, "/"-separated strings in the implementation's own namespace.

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  /** Type after following symlinks. */
  type: 'file' | 'directory' | 'other';
  size: number;
  /** Modification time in ms, when known: lets a rescan skip files that did not change. */
  mtime?: number;
}

export interface FileSystem {
  readDirectory(path: string): Promise<DirEntry[]>;
  /** Follows symlinks. */
  stat(path: string): Promise<FileStat>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Canonical path with symlinks resolved. Optional: where it is missing, the walker does not
   * follow symlinked directories at all (it cannot prove they stay inside the root).
   */
  realPath?(path: string): Promise<string>;
  /**
   * Optional: read a file only if it is at most `maxBytes`, reporting its size either way, in one
   * open (Node). Where present, the walker does not stat text files first.
   */
  readFileWithin?(path: string, maxBytes: number): Promise<{ size: number; mtime?: number; data?: Uint8Array }>;
  /**
   * Only scaffolding writes. Must fail when the file exists (never overwrite), and, given
   * `within`, when a folder on the way is a symlink that resolves outside `within`.
   */
  writeFileExclusive?(path: string, data: Uint8Array, within?: string): Promise<void>;
  exists?(path: string): Promise<boolean>;
}

export async function pathExists(fs: FileSystem, path: string): Promise<boolean> {
  if (fs.exists) return fs.exists(path);
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** Decodes UTF-8; returns undefined for bytes that are not text (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): { text: string; lossy: boolean } | undefined {
  const probe = Math.min(bytes.length, 8000);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return undefined;
  try {
    return { text: stripBom(decoder.decode(bytes)), lossy: false };
  } catch {
    // Latin-1 and friends: still lint what decodes, so a stray byte does not hide a finding.
    return { text: stripBom(lenientDecoder.decode(bytes)), lossy: true };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
