// The pillar losses every report prints ("Points lost", the Markdown table, the editor view).

import * as assert from 'node:assert/strict';
import { pillarLosses } from '../../src/core/format/explain';
import type { RootResult, RuleOutcome } from '../../src/core/types';

const rule = (id: string, weight: number, lost: number): RuleOutcome => ({ id, pillar: 'code-quality', status: lost ? 'fail' : 'pass', weight, lost, reason: '' });

describe('pillarLosses', () => {
  it('gives whole points, and tenths for a loss under one point, never "0" for a failing rule', () => {
    const rules = [rule('tests-missing', 30, 30), rule('unpinned-dependency', 168, 0.5), rule('linter-missing', 2, 0)];
    const root = { rules, score: { pillars: { 'code-quality': 85 } } } as unknown as RootResult;
    const quality = pillarLosses(root).find((p) => p.pillar === 'code-quality')!;
    assert.deepEqual(
      quality.rules.map((r) => [r.id, r.points]),
      [
        ['tests-missing', 15],
        ['unpinned-dependency', 0.3],
      ],
    );
  });
});
