// hardcoded-secret measured against the true- and false-positive samples that gitleaks and
// detect-secrets ship with their own rules (see peer-secrets/samples.ts for attribution).
// Each sample is linted as a one-file repository through the whole engine (walk, classify,
// decode, rule), and the table of recall per kind and false positives is printed.
// Measured on these 181 samples: before this harness (main at 3626253) recall 36/85 with 18/96
// false positives (keyword 6/24, Slack 12/15, webhook 0/4, JWT 0/6, GitLab 2/9, Stripe 0/3,
// AWS 2/4, Hugging Face 7/7, private key 3/4, key files 0/5); now 85/85 and 0/96.

import * as assert from 'node:assert/strict';
import { lintTree } from '../helpers/memoryFs';
import { SAMPLES, type SecretSample } from './peer-secrets/samples';

interface Row {
  kind: string;
  secrets: number;
  caught: number;
  nonSecrets: number;
  flagged: number;
}

async function flags(sample: SecretSample): Promise<boolean> {
  const result = await lintTree({ [sample.file]: sample.text });
  return result.roots.some((r) => r.findings.some((f) => f.ruleId === 'hardcoded-secret'));
}

export async function measure(): Promise<{ rows: Row[]; missed: SecretSample[]; falsePositives: SecretSample[] }> {
  const rows = new Map<string, Row>();
  const missed: SecretSample[] = [];
  const falsePositives: SecretSample[] = [];
  for (const sample of SAMPLES) {
    const row = rows.get(sample.kind) ?? { kind: sample.kind, secrets: 0, caught: 0, nonSecrets: 0, flagged: 0 };
    rows.set(sample.kind, row);
    const flagged = await flags(sample);
    if (sample.secret) {
      row.secrets++;
      if (flagged) row.caught++;
      else missed.push(sample);
    } else {
      row.nonSecrets++;
      if (flagged) {
        row.flagged++;
        falsePositives.push(sample);
      }
    }
  }
  return { rows: [...rows.values()], missed, falsePositives };
}

function table(rows: Row[]): string {
  const lines = rows.map((r) => `  ${r.kind.padEnd(17)} recall ${`${r.caught}/${r.secrets}`.padStart(6)}   false positives ${`${r.flagged}/${r.nonSecrets}`.padStart(6)}`);
  const total = rows.reduce((a, r) => ({ s: a.s + r.secrets, c: a.c + r.caught, n: a.n + r.nonSecrets, f: a.f + r.flagged }), { s: 0, c: 0, n: 0, f: 0 });
  lines.push(`  ${'all'.padEnd(17)} recall ${`${total.c}/${total.s}`.padStart(6)}   false positives ${`${total.f}/${total.n}`.padStart(6)}`);
  return lines.join('\n');
}

describe('hardcoded-secret on the peers\' own samples (gitleaks, detect-secrets)', () => {
  it('catches every published secret and stays quiet on every published near-miss', async () => {
    const { rows, missed, falsePositives } = await measure();
    console.log(table(rows));
    assert.deepEqual(missed.map((s) => `${s.kind} ${s.source}: ${s.text}`), []);
    assert.deepEqual(falsePositives.map((s) => `${s.kind} ${s.source}: ${s.text}`), []);
  });

  it('samples cover both answers for the kinds the issue names', () => {
    for (const kind of ['keyword', 'slack', 'jwt', 'gitlab', 'stripe', 'aws', 'huggingface', 'private-key', 'private-key-file']) {
      assert.ok(SAMPLES.some((s) => s.kind === kind && s.secret), `a secret of kind ${kind}`);
      assert.ok(SAMPLES.some((s) => s.kind === kind && !s.secret), `a near-miss of kind ${kind}`);
    }
  });
});
