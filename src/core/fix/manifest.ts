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
  return edited(
    manifestText,
    // Single-quoted: YAML keeps a backslash as it is there, so the entry's text is the prefix
    // itself (`'\\fileserver\share\'`) and local-path does not read it as a new UNC path.
    ['lint:', '  local_path_allow:', `    - '${prefix.replace(/'/g, "''")}'`],
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

/**
 * Without a `lint:` key the block is appended (indented as the file's keys are) and every other
 * byte stays; otherwise, or when the appended text would not read back as intended (a `...`
 * document end, directives), the yaml library's Document API edits it. Either way the result
 * must parse and hold the change, in the file's own line endings, or no edit is offered.
 */
function edited(text: string, block: string[], edit: (doc: NonNullable<ReturnType<typeof editable>>) => void, holds: (data: any) => boolean): string | undefined {
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
  const out = doc.toString().replace(/\r?\n/g, eol);
  return reads(out) ? out : undefined;
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
