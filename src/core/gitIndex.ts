// The paths git tracks, read from `.git/index` (versions 2, 3 and 4), without running git. A
// tracked file counts even where a .gitignore pattern matches it (`git add -f`, or a pattern
// added after the file): git itself ignores only untracked files, and so does the walk.

/** Index files above this are not read (a monorepo's index of a million entries is ~100 MB). */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** SHA-1 object ids; a SHA-256 repository's entries do not parse and the index is left unread. */
const HASH_BYTES = 20;
/** ctime, mtime, dev, ino, mode, uid, gid, size (4 bytes each, times 8), the id, then 2 bytes of flags. */
const FIXED_BYTES = 40 + HASH_BYTES + 2;
const EXTENDED_FLAG = 0x4000;

/**
 * Tracked paths ("/"-separated, relative to the repository root), or undefined when the bytes are
 * no index this reads (another version, a truncated or corrupt file). Never throws.
 */
export function trackedPaths(bytes: Uint8Array): Set<string> | undefined {
  if (bytes.length < 12 || bytes.length > MAX_INDEX_BYTES) return undefined;
  if (bytes[0] !== 0x44 || bytes[1] !== 0x49 || bytes[2] !== 0x52 || bytes[3] !== 0x43) return undefined; // "DIRC"
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  const count = view.getUint32(8);
  if (version < 2 || version > 4 || count > bytes.length / FIXED_BYTES) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const paths = new Set<string>();
  let at = 12;
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (start + FIXED_BYTES > bytes.length) return undefined;
    const flags = view.getUint16(start + FIXED_BYTES - 2);
    at = start + FIXED_BYTES + (version >= 3 && flags & EXTENDED_FLAG ? 2 : 0);
    let name: Uint8Array;
    if (version === 4) {
      // Prefix compression: how many bytes of the previous name to drop, then the rest of this one.
      // git's offset varint (varint.c): big-endian groups of 7 bits, one added per continuation.
      if (at >= bytes.length) return undefined;
      let b = bytes[at++];
      let drop = b & 0x7f;
      while (b & 0x80) {
        if (at >= bytes.length || drop > 1 << 24) return undefined;
        b = bytes[at++];
        drop = ((drop + 1) << 7) | (b & 0x7f);
      }
      if (drop > previous.length) return undefined;
      const end = bytes.indexOf(0, at);
      if (end < 0) return undefined;
      const kept = previous.subarray(0, previous.length - drop);
      name = new Uint8Array(kept.length + end - at);
      name.set(kept);
      name.set(bytes.subarray(at, end), kept.length);
      at = end + 1;
    } else {
      const end = bytes.indexOf(0, at);
      if (end < 0) return undefined;
      name = bytes.subarray(at, end);
      // Each entry is padded with 1 to 8 NULs to a multiple of 8 bytes.
      at = start + ((end - start + 8) & ~7);
    }
    previous = name;
    if (name.length) paths.add(decoder.decode(name));
  }
  return paths;
}

/** Every folder that holds a tracked path, at any depth ("a/b/c.py" → "a", "a/b"). */
export function trackedFolders(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    for (let slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) out.add(p.slice(0, slash));
  }
  return out;
}
