// Edits to a PoC's poc.yaml `lint:` block that code actions offer ("Turn off <rule> for this
// PoC", "Allow this prefix"). Without a `lint:` block the block is appended and every other byte
// stays; otherwise the yaml library's Document API edits it (comments and key order kept). A
// file that does not parse is left alone.

import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq } from 'yaml';

/** The new text of poc.yaml with `lint.rules.<ruleId>: off`, or undefined when it cannot be edited safely. */
export function withRuleOff(manifestText: string, ruleId: string): string | undefined {
  return edited(
    manifestText,
    ['lint:', '  rules:', `    ${ruleId}: off`],
    { path: ['lint', 'rules', ruleId], entry: 'off' },
    (doc) => void doc.setIn(['lint', 'rules', ruleId], 'off'),
    (data) => data?.lint?.rules?.[ruleId] === 'off',
  );
}

/** The new text of poc.yaml with `prefix` added to `lint.local_path_allow` (once). */
export function withLocalPathAllowed(manifestText: string, prefix: string): string | undefined {
  const doc = editable(manifestText);
  if (!doc) return undefined;
  const list = doc.getIn(['lint', 'local_path_allow']);
  if (list !== undefined && !isSeq(list)) return undefined;
  if (isSeq(list) && list.items.some((i) => (i as { value?: unknown }).value === prefix)) return manifestText;
  const quoted = `'${prefix.replace(/'/g, "''")}'`;
  return edited(
    manifestText,
    // Single-quoted: YAML keeps a backslash as it is there, so the entry's text is the prefix
    // itself (`'\\fileserver\share\'`) and local-path does not read it as a new UNC path.
    ['lint:', '  local_path_allow:', `    - ${quoted}`],
    { path: ['lint', 'local_path_allow'], item: quoted },
    (d) => {
      const entry = new Scalar(prefix);
      entry.type = 'QUOTE_SINGLE';
      const items = d.getIn(['lint', 'local_path_allow']);
      if (isSeq(items)) items.add(entry);
      else {
        const list = new YAMLSeq();
        list.items.push(entry);
        d.setIn(['lint', 'local_path_allow'], list);
      }
    },
    (data) => Array.isArray(data?.lint?.local_path_allow) && data.lint.local_path_allow.includes(prefix),
  );
}

/** What an edit adds: `entry` as the value at `path`, or `item` (YAML text) to the sequence at `path`. */
interface Addition {
  path: string[];
  entry?: string;
  item?: string;
}

/**
 * Without a `lint:` key the block is appended (indented as the file's keys are) and every other
 * byte stays. With one, the missing keys are inserted as lines under the deepest block mapping
 * (or sequence) of the path that exists, at its children's indentation, and every other byte
 * stays too. Otherwise (flow collections, a `...` document end, an empty key), the yaml library's
 * Document API edits it, which re-formats the file. Either way the result must parse, hold the
 * change and keep everything else, in the file's own line endings, or no edit is offered.
 */
function edited(text: string, block: string[], addition: Addition, edit: (doc: NonNullable<ReturnType<typeof editable>>) => void, holds: (data: any) => boolean): string | undefined {
  const doc = editable(text);
  if (!doc) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const reads = (candidate: string) => {
    const back = parseDocument(candidate);
    return !back.errors.length && holds(back.toJS());
  };
  if (!parseDocument(text).has('lint')) {
    const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
    const keyAt = first && typeof first === 'object' && 'range' in first && Array.isArray(first.range) ? (first.range as number[])[0] : undefined;
    const indent = keyAt !== undefined ? /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', keyAt - 1) + 1, keyAt))![0] : '';
    const appended = text + (text === '' || text.endsWith('\n') ? '' : eol) + block.map((l) => indent + l + eol).join('');
    if (reads(appended)) return appended;
  }
  edit(doc);
  const rewritten = doc.toString().replace(/\r?\n/g, eol);
  const inserted = insertedLines(text, addition, eol);
  // The same data as the Document API's edit, key order aside: nothing else moved.
  if (inserted !== undefined && reads(inserted) && sameData(parseDocument(inserted).toJS(), doc.toJS())) return inserted;
  return reads(rewritten) ? rewritten : undefined;
}

/**
 * `text` with the addition's missing keys (or its item) inserted as lines after the last child of
 * the deepest block mapping (or sequence) of the path that exists, at its children's indentation;
 * undefined where the path runs through a flow collection.
 */
function insertedLines(text: string, addition: Addition, eol: string): string | undefined {
  const doc = parseDocument(text);
  let node: unknown = doc.contents;
  let depth = 0;
  // Where the key that holds `node` starts: its children's indentation minus its own is the file's step.
  let ownKeyAt = -1;
  while (depth < addition.path.length && isMap(node) && node.has(addition.path[depth])) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === addition.path[depth]);
    ownKeyAt = (pair?.key as Ranged | undefined)?.range?.[0] ?? -1;
    node = node.get(addition.path[depth++], true);
  }
  const missing = addition.path.slice(depth);
  if (depth === 0 || !(isMap(node) || isSeq(node)) || node.flow || !node.items.length) return undefined;
  if (isSeq(node) !== (!missing.length && addition.item !== undefined)) return undefined;
  // The first child's column is the children's indentation (a sequence's: its dash).
  const first = (isMap(node) ? node.items[0].key : node.items[0]) as Ranged | null;
  let firstAt = first?.range?.[0];
  if (firstAt !== undefined && isSeq(node)) firstAt = text.lastIndexOf('-', firstAt);
  const indent = firstAt !== undefined && firstAt >= 0 ? indentBefore(text, firstAt) : undefined;
  const lastItem = node.items[node.items.length - 1] as Ranged & { key?: Ranged; value?: Ranged | null };
  const lastEnd = (isMap(node) ? lastItem.value ?? lastItem.key : lastItem)?.range?.[1];
  if (indent === undefined || lastEnd === undefined) return undefined;
  // After the line the last child ends on (a nested block ends after its own last line break).
  const lineEnd = text[lastEnd - 1] === '\n' ? lastEnd - 1 : text.indexOf('\n', lastEnd);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const ownIndent = ownKeyAt >= 0 ? indentBefore(text, ownKeyAt) : undefined;
  const step = ownIndent !== undefined && indent.length > ownIndent.length ? indent.slice(ownIndent.length) : '  ';
  const lines = missing.map((name, k) => `${step.repeat(k)}${name}:${k === missing.length - 1 && addition.entry !== undefined ? ` ${addition.entry}` : ''}`);
  if (addition.item !== undefined) lines.push(`${step.repeat(missing.length)}- ${addition.item}`);
  return text.slice(0, at) + (lineEnd < 0 ? eol : '') + lines.map((l) => indent + l + eol).join('') + text.slice(at);
}

type Ranged = { range?: number[] };

/** The whitespace before `offset` on its line, or undefined when something else stands there. */
function indentBefore(text: string, offset: number): string | undefined {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData((a as any)[k], (b as any)[k]));
}

function editable(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  if (doc.contents !== null && !isMap(doc.contents)) return undefined;
  // `lint:` or `lint.rules:` holding something other than a mapping: the schema finding says so; do not guess.
  for (const path of [['lint'], ['lint', 'rules']]) {
    const node = doc.getIn(path, true);
    if (node === undefined || node === null || isMap(node)) continue;
    // An empty `lint:` is a null scalar: replaced by the mapping the edit creates.
    if (isScalar(node) && node.value === null) doc.deleteIn(path);
    else return undefined;
  }
  return doc;
}

/**
 * The prefix to allow for a shared location: the mount (`/efs/`, `/mnt/shared/`, `/data/`,
 * `\\\\fileserver\\share\\`), never a home folder or a whole drive.
 */
export function sharedPrefixOf(path: string): string | undefined {
  const unc = /^((?:\\\\){1,2}[^\\]+\\{1,2}[^\\]+\\{1,2})/.exec(path);
  if (unc) return unc[1];
  const segments = path.split('/');
  if (path[0] !== '/' || segments.length < 3) return undefined;
  const [, first, second] = segments;
  if (/^(?:home|Users|root|content|kaggle|Volumes|media)$/.test(first) || /^~/.test(path)) return undefined;
  // Mount points hold several shares: `/mnt/shared/`, `/net/host/`, `/nfs/team/`.
  if (/^(?:mnt|net|nfs|shared|gpfs|lustre|scratch)$/.test(first) && second && segments.length > 3) {
    if (/^[a-zA-Z]$/.test(second)) return undefined; // /mnt/c/: a Windows drive in WSL
    return `/${first}/${second}/`;
  }
  return `/${first}/`;
}

/**
 * The one replacement that turns `before` into `after`: the text between their common start and
 * common end, so an editor shows (and undoes) the lines the action added, not a rewritten file.
 * Positions are 0-based lines and UTF-16 characters, as LSP and VS Code count.
 */
export function changedSpan(before: string, after: string): { start: { line: number; character: number }; end: { line: number; character: number }; newText: string } {
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  // Whole lines where the change allows it: an insertion reads as added lines.
  while (head > 0 && before[head - 1] !== '\n') head--;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const positionOf = (offset: number) => {
    const lineStart = before.lastIndexOf('\n', offset - 1) + 1;
    let line = 0;
    for (let i = before.indexOf('\n'); i >= 0 && i < offset; i = before.indexOf('\n', i + 1)) line++;
    return { line, character: offset - lineStart };
  };
  return { start: positionOf(head), end: positionOf(before.length - tail), newText: after.slice(head, after.length - tail) };
}
