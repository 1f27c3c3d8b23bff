// Edits to a PoC's poc.yaml `lint:` block that code actions offer ("Turn off <rule> for this
// PoC", "Allow this prefix"). Without a `lint:` block the block is appended and every other byte
// stays; otherwise the yaml library's Document API edits it (comments and key order kept). A
// file that does not parse is left alone.

import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** The new text of poc.yaml with `lint.rules.<ruleId>: off`, or undefined when it cannot be edited safely. */
export function withRuleOff(manifestText: string, ruleId: string): string | undefined {
  const doc = editable(manifestText);
  if (!doc) return undefined;
  if (!doc.has('lint')) return appendBlock(manifestText, `lint:\n  rules:\n    ${ruleId}: off\n`);
  doc.setIn(['lint', 'rules', ruleId], 'off');
  return doc.toString();
}

/** The new text of poc.yaml with `prefix` added to `lint.local_path_allow` (once). */
export function withLocalPathAllowed(manifestText: string, prefix: string): string | undefined {
  const doc = editable(manifestText);
  if (!doc) return undefined;
  if (!doc.has('lint')) return appendBlock(manifestText, `lint:\n  local_path_allow:\n    - ${JSON.stringify(prefix)}\n`);
  const list = doc.getIn(['lint', 'local_path_allow']);
  if (list !== undefined && !isSeq(list)) return undefined;
  if (isSeq(list) && list.items.some((i) => (i as { value?: unknown }).value === prefix)) return manifestText;
  if (isSeq(list)) list.add(doc.createNode(prefix));
  else doc.setIn(['lint', 'local_path_allow'], doc.createNode([prefix]));
  return doc.toString();
}

function appendBlock(text: string, block: string): string {
  return text + (text === '' || text.endsWith('\n') ? '' : '\n') + block;
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
