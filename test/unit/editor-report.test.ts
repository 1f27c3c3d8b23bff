import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine';
import { formatEditorReport } from '../../src/core/format/editorReport';
import { PILLARS, PILLAR_TITLES, type LintResult } from '../../src/core/types';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';

const PILOT = path.resolve(__dirname, '../../../test/fixtures/notebook-pilot');

describe('the readiness report in the editor (Markdown preview)', () => {
  let result: LintResult;
  let report: string;
  before(async () => {
    result = await new Engine(new NodeFileSystem(), toPosix(PILOT), { today: new Date('2026-11-23T12:00:00Z') }).lintWorkspace();
    report = formatEditorReport(result, 'notebook-pilot', ({ file, line, cell }) => `link:${file}${cell !== undefined ? `@${cell}` : ''}${line ? `#L${line}` : ''}`);
  });

  it('is grouped by pillar, in order, each with its score', () => {
    const root = result.roots[0];
    const headings = [...report.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [...PILLARS.map((p) => `${PILLAR_TITLES[p]}: ${root.score.pillars[p]}%`), 'Evidence behind the level']);
  });

  it('lists each rule once under its pillar with severity, count and points lost, most costly first', () => {
    const infra = report.slice(report.indexOf('### Abstract infrastructure'), report.indexOf('### Involve business units early'));
    const count = result.roots[0].findings.filter((f) => f.ruleId === 'local-path').length;
    assert.match(infra, new RegExp(`^\\*\\*\\[local-path\\]\\(https://[^)]+/local-path\\.md\\)\\*\\* · warning · ${count} findings · −\\d+ points$`, 'm'));
    const rules = [...infra.matchAll(/^\*\*\[([a-z-]+)\]/gm)].map((m) => m[1]);
    assert.equal(new Set(rules).size, rules.length, 'a rule once');
    assert.equal(rules[0], 'container-missing', 'the rule that costs most first');
  });

  it('links every finding with a file to its place, a notebook finding by cell and line', () => {
    assert.match(report, /^- \[pipeline\.py:3\]\(<link:pipeline\.py#L3>\): Machine-local path/m);
    assert.match(report, /^- \[notebooks\/churn\\_model\.ipynb cell 3:4\]\(<link:notebooks\/churn_model\.ipynb@2#L4>\): /m);
    const items = report.split('\n').filter((l) => /^- \[[^\]]+\]\(<link:/.test(l)).length;
    assert.equal(items, result.roots[0].findings.filter((f) => f.file).length, 'every file finding once');
  });

  it('has no table to scroll sideways, no emoji, and shows rule text literally', () => {
    assert.doesNotMatch(report, /^\|/m, 'no table rows');
    assert.doesNotMatch(report, /\p{Extended_Pictographic}|[✔✘✅]/u, 'no glyph that needs an emoji font');
    assert.match(report, /test\\_\\\*\.py/, 'test_*.py is not emphasis');
    assert.match(report, /pandas==&lt;version&gt;/, '<version> is not an HTML tag');
    assert.match(report, /^- Scripted, found: declared dependencies/m);
  });
});
