import type { CodeSegment } from '../parsed';
import type { FileReport, FileRule } from '../rule';
import { findAssignment, findToken, findUrlPassword, mask, PRIVATE_KEY_HEADER, type SecretHit } from '../secrets';
import { registerPrefixes, prefixesOf, type SegmentTriggers } from '../parsers/words';
import { LineIndex } from '../text';
import { isTestPath } from './util';

/** Every detector needs one of these words or shapes: lines without any are skipped unread. */
const QUICK = /AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|gl[a-z]{1,5}-|GR1348941|xox|xapp-|hooks\.slack|sk-|[sr]k_(?:live|prod)_|hf_|api_org_|AIza|eyJ|PRIVATE KEY|AccountKey|SharedAccess|pass|pwd|secret|key|token|cred|auth|:\/\/[^/\s]*@/i;
const QUICK_AT = new RegExp(QUICK.source, 'iy');
// The first three characters (any case) of every QUICK alternative: where QUICK_AT is worth
// trying, found in the pass over the text the word gates share (parsers/words.ts).
registerPrefixes([
  'aki', 'asi', 'abi', 'acc', 'a3t', ...'pousr'.split('').map((c) => `gh${c}`), 'git', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `gl${c}`),
  'gr1', 'xox', 'xap', 'hoo', 'sk-', 'sk_', 'rk_', 'hf_', 'api', 'aiz', 'eyj', 'pri', 'sha', 'pas', 'pwd', 'sec', 'key', 'tok', 'cre', 'aut', '://',
]);

/** 1-based lines of a text that hold a QUICK match, tried only where a prefix of one starts. */
function candidateLines(scanned: { readonly text: string; words?: SegmentTriggers }, lines: LineIndex): number[] {
  const { text } = scanned;
  const out: number[] = [];
  let nextLineStart = -1;
  for (const i of prefixesOf(scanned)) {
    if (i < nextLineStart) continue;
    QUICK_AT.lastIndex = i;
    if (!QUICK_AT.test(text)) continue;
    const line = lines.position(i).line;
    out.push(line);
    nextLineStart = lines.lineStart(line + 1);
  }
  return out;
}

const CODE_KINDS = new Set(['python', 'notebook', 'r', 'jenkinsfile']);
/** PKCS #12 bundles hold a private key by definition; they are binary, so the name is all there is. */
const KEY_BUNDLE = /\.(?:p12|pfx)$/i;

/**
 * A private key block with a body: `-----BEGIN … PRIVATE KEY-----` then base64 lines. A header
 * whose END follows with no real body (`anything`, a sentence, nothing) is documentation; a
 * header whose END is not in sight (a truncated paste, a commented line) still counts.
 */
function privateKeyAt(text: string, lineText: string, lineOffset: number): SecretHit | undefined {
  const m = PRIVATE_KEY_HEADER.exec(lineText);
  if (!m) return undefined;
  const after = text.slice(lineOffset + m.index + m[0].length, lineOffset + m.index + m[0].length + 8192);
  const end = /-----END[ A-Z0-9_]{0,100}PRIVATE KEY(?: BLOCK)?-----/.exec(after);
  if (end) {
    const body = after
      .slice(0, end.index)
      .split('\n')
      .map((l) => l.replace(/^[\s#"'|>-]+|[\s"',\\n]+$/g, ''))
      .filter((l) => l && !/^[\w-]+:/.test(l));
    const base64 = body.every((l) => /^[A-Za-z0-9+/=]+$/.test(l));
    if (!base64 || body.join('').length < 20) return undefined;
  }
  return { start: m.index, end: m.index + m[0].length, what: 'private key', value: m[0] };
}

/** `ENV DB_PASSWORD s3cret` (the legacy form) read as `ENV DB_PASSWORD=s3cret`, offsets kept. */
function dockerAssignment(line: string): string {
  return line.replace(/^(\s*(?:ENV|ARG)\s+[A-Za-z_]\w*)([ \t]+)(?=[^=\s])/i, (_, head: string, ws: string) => head + '=' + ' '.repeat(ws.length - 1));
}

function findInLine(text: string, line: string, lineOffset: number, kind: string): SecretHit | undefined {
  const token = findToken(line);
  if (token) return token;
  const key = privateKeyAt(text, line, lineOffset);
  if (key) return key;
  if (/^\s*(#|\/\/)/.test(line)) return undefined;
  if (kind !== 'requirements') {
    const assigned = findAssignment(kind === 'dockerfile' ? dockerAssignment(line) : line, { code: CODE_KINDS.has(kind) });
    if (assigned) return assigned;
  }
  return findUrlPassword(line);
}

function message(hit: SecretHit, where = ''): string {
  return `Hard-coded credential${where} (${hit.what}: ${mask(hit.value)}): read it from the environment or a secret manager, and rotate it — it is in the history now.`;
}

function scanSegment(seg: CodeSegment, kind: string, report: (r: FileReport) => void): void {
  for (const line of candidateLines(seg, seg.lines)) {
    const text = seg.lines.lineText(line);
    // A commented line is skipped, except for the shapes no one writes by accident (keys, tokens).
    if (/^\s*(#|\/\/)/.test(text) && !PRIVATE_KEY_HEADER.test(text) && !findToken(text)) continue;
    const offset = seg.lines.lineStart(line);
    const hit = findInLine(seg.text, text, offset, kind);
    if (hit) report({ range: seg.lines.range(offset + hit.start, offset + hit.end), cell: seg.cell, message: message(hit) });
  }
}

export const hardcodedSecret: FileRule = {
  id: 'hardcoded-secret',
  pillar: 'abstract-infrastructure',
  severity: 'error',
  weight: 2,
  title: 'Credential literal committed in code or config',
  scope: 'file',
  kinds: ['python', 'notebook', 'yaml', 'json', 'toml', 'ini', 'env', 'shell', 'r', 'jenkinsfile', 'makefile', 'requirements', 'dockerfile', 'keyfile'],
  check(file, report) {
    if (isTestPath(file.path) || /(^|\/)\.env\.(example|sample|template)$|\.example$/.test(file.path)) return;
    if (file.kind === 'keyfile' && KEY_BUNDLE.test(file.path)) {
      report({ range: { line: 1, column: 1, endLine: 1, endColumn: 1 }, message: 'Private key committed: a PKCS #12 bundle (.p12/.pfx) holds a private key — remove it from the repository, keep it in a secret manager, and rotate it — it is in the history now.' });
      return;
    }
    for (const seg of file.segments) scanSegment(seg, file.kind, report);
    // What a notebook cell printed is committed with it: an API key in an output is as public as one in code.
    for (const cell of file.notebook?.cells ?? []) {
      if (!cell.outputs || cell.type !== 'code') continue;
      const lines = new LineIndex(cell.outputs);
      for (const line of candidateLines({ text: cell.outputs }, lines)) {
        const hit = findInLine(cell.outputs, lines.lineText(line), lines.lineStart(line), 'notebook-output');
        if (!hit) continue;
        report({ range: { line: 1, column: 1, endLine: 1, endColumn: 1 }, cell: cell.index, message: message(hit, ' in the output of this cell') + ' Clear the outputs before committing.' });
        break;
      }
    }
  },
};
