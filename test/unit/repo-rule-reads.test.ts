// A repository rule that declares `reads` has its outcome reused while those inputs stay the
// same. Two things must hold: the declaration covers everything the rule reads of a file (a
// rule that read an undeclared fact would report stale findings), and an engine that reuses
// outcomes reports exactly what a fresh one does after any edit.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from '../../bench/generate';
import { Engine } from '../../src/core/engine';
import type { RepoContext, RepoRule, RootFile } from '../../src/core/rule';
import { RULES } from '../../src/core/rules';
import { absolutePosix, NodeFileSystem } from '../../src/node/nodeFs';
import { MemoryFileSystem, type Tree } from '../helpers/memoryFs';

const REPO = path.resolve(__dirname, '../../..');
const findingsNow = (engine: Engine) => engine.evaluate().roots.flatMap((r) => r.findings);
const declaring = RULES.filter((r): r is RepoRule & { reads: NonNullable<RepoRule['reads']> } => r.scope === 'repository' && !!(r as RepoRule).reads);

/** Runs `body` with every declaring rule's files wrapped so that what it reads of them is recorded. */
async function recordingReads(body: () => Promise<void>): Promise<Map<string, Set<string>>> {
  const read = new Map<string, Set<string>>(declaring.map((r) => [r.id, new Set()]));
  const originals = declaring.map((r) => ({ rule: r, check: r.check, notApplicable: r.notApplicable }));
  const watched = (id: string, ctx: RepoContext): RepoContext => {
    const seen = read.get(id)!;
    const files = ctx.files.map(
      (f) =>
        new Proxy(f, {
          get(target, key: keyof RootFile) {
            if (key === 'size') seen.add('size');
            if (key === 'facts') return new Proxy(target.facts, { get: (facts, fact: string) => (seen.add(fact), (facts as unknown as Record<string, unknown>)[fact]) });
            return target[key];
          },
        }),
    );
    return { ...ctx, files };
  };
  for (const { rule, check, notApplicable } of originals) {
    rule.check = (ctx, report) => check.call(rule, watched(rule.id, ctx), report);
    if (notApplicable) rule.notApplicable = (ctx) => notApplicable.call(rule, watched(rule.id, ctx));
  }
  try {
    await body();
  } finally {
    for (const { rule, check, notApplicable } of originals) {
      rule.check = check;
      rule.notApplicable = notApplicable;
    }
  }
  return read;
}

describe('repository rules that declare what they read', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-reads-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('are the expensive ones, and each declaration holds on the examples, the fixtures and a generated tree', async () => {
    assert.deepEqual(declaring.map((r) => r.id).sort(), ['committed-data', 'dependencies-undeclared', 'dockerfile-copy-missing', 'import-undeclared', 'unpinned-dependency']);
    const trees = [
      ...fs.readdirSync(path.join(REPO, 'examples')).map((d) => path.join(REPO, 'examples', d)),
      ...fs.readdirSync(path.join(REPO, 'test/fixtures')).map((d) => path.join(REPO, 'test/fixtures', d)),
      generate(path.join(tmp, 'tree'), { files: 600, seed: 11 }).root,
    ];
    const read = await recordingReads(async () => {
      for (const t of trees) await new Engine(new NodeFileSystem(), absolutePosix(t)).lintWorkspace();
    });
    for (const rule of declaring) {
      const undeclared = [...read.get(rule.id)!].filter((k) => !(rule.reads as readonly string[]).includes(k));
      assert.deepEqual(undeclared, [], `${rule.id} reads ${undeclared.join(', ')} without declaring it`);
      assert.ok(read.get(rule.id)!.size > 0, `${rule.id} ran on these trees`);
    }
  });

  it('an engine that reuses their outcomes reports what a fresh engine does, edit after edit', async () => {
    const tree: Tree = {
      'poc.yaml': 'name: churn\nowner: Ana\n',
      'requirements.txt': 'pandas==2.2.2\nscikit-learn>=1.4\n',
      'Dockerfile': 'FROM python:3.11-slim\nCOPY requirements.txt .\nCOPY src/ src/\nCOPY models/model.pkl models/\n',
      'src/train.py': 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("data.csv")\n',
      'src/serve.py': 'import json\n',
    };
    const edits: Array<[string, string]> = [
      // Imports unchanged: the reused outcome must be the same.
      ['src/train.py', 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("data.csv")  # full data\n'],
      // A new undeclared import: import-undeclared must speak.
      ['src/train.py', 'import pandas as pd\nimport xgboost\nfrom sklearn.linear_model import LogisticRegression\n'],
      // The dependency declared: it goes quiet; unpinned-dependency now sees xgboost.
      ['requirements.txt', 'pandas==2.2.2\nscikit-learn>=1.4\nxgboost\n'],
      // The model the Dockerfile copies appears, then the COPY source changes.
      ['models/model.pkl', 'not really a pickle'],
      ['Dockerfile', 'FROM python:3.11-slim\nCOPY requirements.txt .\nCOPY app/ app/\n'],
      ['src/serve.py', 'import json\nimport fastapi\n'],
    ];
    const importUndeclared = declaring.find((r) => r.id === 'import-undeclared')!;
    const check = importUndeclared.check;
    let checks = 0;
    importUndeclared.check = (ctx, report) => (checks++, check.call(importUndeclared, ctx, report));
    try {
      const memoryFs = new MemoryFileSystem(tree);
      const live = new Engine(memoryFs, '/ws', { today: new Date('2026-12-01') });
      await live.lintWorkspace();
      for (const [file, text] of edits) {
        tree[file] = text;
        memoryFs.write(file, text);
        // An open file changes as editor text; a new one arrives from disk (a watcher's refresh).
        if (live.isKnown(file)) live.updateFile(file, text);
        else await live.refreshFile(file);
        const fresh = await new Engine(new MemoryFileSystem(tree), '/ws', { today: new Date('2026-12-01') }).lintWorkspace();
        const before = checks;
        assert.deepEqual(live.evaluate().roots, fresh.roots, `after editing ${file}`);
        // The comment-only edit leaves every import as it was: the last outcome is reused.
        if (text.includes('# full data')) assert.equal(checks, before, 'import-undeclared was not run again');
        if (text.includes('import xgboost')) assert.equal(checks, before + 1, 'a new import runs it again');
      }
      assert.ok(
        findingsNow(live).some((f) => f.ruleId === 'import-undeclared' && /fastapi/.test(f.message)),
        'the last edit was judged, not an outcome from before it',
      );
    } finally {
      importUndeclared.check = check;
    }
  });
});
