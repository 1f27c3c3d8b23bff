// What the `yaml` package reports only by throwing, found ahead without throwing.

import { isAlias, isPair, isScalar, visit, type Alias, type Document, type Node } from 'yaml';

/**
 * The first alias without an earlier anchor of its name (the `yaml` package reports it only when
 * converting, as an exception). One pass: anchors are collected in document order.
 */
export function undefinedAlias(doc: Document): Alias | undefined {
  const anchors = new Set<string>();
  let missing: Alias | undefined;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          missing = node;
          return visit.BREAK;
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return missing;
}


/**
 * The first repeated key of a map. The `yaml` package's own `uniqueKeys` check compares every
 * key with every earlier one (20,000 keys took 30 s); a set per map is linear.
 */
export function duplicateKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) {
          found = pair.key;
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
