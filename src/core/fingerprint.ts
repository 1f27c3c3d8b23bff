// Content fingerprints that survive line moves: a finding is known by its file, its rule and
// the text of its line (whitespace collapsed), never by its line number. The baseline and the
// GitLab Code Quality report key findings this way.

/** 64-bit FNV-1a as 16 hex digits (two 32-bit lanes with different offsets); not cryptographic. */
export function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Fingerprint of a finding's source line: indentation and runs of spaces do not count. */
export function lineFingerprint(lineText: string): string {
  return fnv64(lineText.trim().replace(/\s+/g, ' '));
}

/** Fingerprint of a repository finding without a line: its message with numbers taken out (counts change). */
export function messageFingerprint(message: string): string {
  return fnv64('message:' + message.replace(/\d+/g, '#'));
}
