// A git repository with a known readiness story, generated with `git fast-import` (hundreds of
// commits in well under a second). One commit a day from START; the PoC grows up on schedule:
//   commit 0          a notebook with a machine-local path, pip install in a cell
//   commit MANIFEST   poc.yaml with owner, sponsor, KPI, failure criteria
//   commit MODULES    code moved into a module, pinned requirements.txt, tests
//   commit CI         GitHub Actions workflow running the tests and building the image, Dockerfile
// Every other commit edits a scratch file (notes/log.md) or one of `extraFiles` Python modules,
// so most commits change one file.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export const START = Date.UTC(2026, 0, 5, 12); // a Monday
export const STORY = { MANIFEST: 40, MODULES: 90, CI: 150 } as const;

const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['!pip install pandas\n', 'import pandas as pd\n'] },
    { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [], source: ["df = pd.read_csv('/home/dana/data/churn.csv')\n"] },
  ],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
}, null, 1);

const MANIFEST = `name: churn-prediction
problem: Cut voluntary churn in the consumer segment with targeted retention offers.
use_case_type: classification
stage: poc
started: 2026-01-05
business_owner:
  name: Dana Lee
  unit: Consumer Marketing
sponsor:
  name: Sam Ortiz
budget:
  poc: 40000
  operating: 120000
success_criteria:
  - kpi: churn rate among targeted customers
    baseline: 0.082
    target: 0.07
failure_criteria:
  - metric: recall on a held-out production month
    threshold: "< 0.60"
    decide_by: 2027-06-30
decision:
  outcome: pending
`;

const MODULE = `import os

import pandas as pd

DATA = os.environ.get("DATA_DIR", "data")


def load():
    return pd.read_csv(os.path.join(DATA, "churn.csv"))
`;

const WORKFLOW = `name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: pytest
      - run: docker build -t churn .
`;

const DOCKERFILE = `FROM python:3.11.9-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 1000
CMD ["python", "-m", "churn.train"]
`;

export interface GeneratedHistory {
  dir: string;
  commits: number;
  /** Committer dates, oldest first (ISO). */
  dates: string[];
}

export function generateHistory(dir: string, commits: number, extraFiles = 0): GeneratedHistory {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const chunks: string[] = [];
  const blob = (path: string, content: string) => {
    const bytes = Buffer.byteLength(content);
    chunks.push(`M 100644 inline ${path}\ndata ${bytes}\n${content}\n`);
  };
  const dates: string[] = [];
  for (let i = 0; i < commits; i++) {
    const t = Math.floor((START + i * 86_400_000) / 1000);
    dates.push(new Date(t * 1000).toISOString());
    const message = `commit ${i}`;
    chunks.push(`commit refs/heads/main\ncommitter Dana Lee <dana@example.com> ${t} +0000\ndata ${message.length}\n${message}\n`);
    if (i === 0) {
      blob('notebooks/churn.ipynb', NOTEBOOK);
      for (let k = 0; k < extraFiles; k++) blob(`lib/helper_${k}.py`, `def helper_${k}(x):\n    return x + ${k}\n`);
    }
    if (i === STORY.MANIFEST) blob('poc.yaml', MANIFEST);
    if (i === STORY.MODULES) {
      blob('churn/__init__.py', '');
      blob('churn/train.py', MODULE);
      blob('requirements.txt', 'pandas==2.2.2\nscikit-learn==1.5.0\n');
      blob('tests/test_train.py', 'from churn.train import load\n\n\ndef test_load():\n    assert load\n');
      chunks.push('D notebooks/churn.ipynb\n');
    }
    if (i === STORY.CI) {
      blob('.github/workflows/ci.yml', WORKFLOW);
      blob('Dockerfile', DOCKERFILE);
      blob('.dockerignore', '.git\ndata/\n');
    }
    if (i % 3 === 1 && extraFiles) blob(`lib/helper_${i % extraFiles}.py`, `def helper_${i % extraFiles}(x):\n    return x + ${i}\n`);
    else blob('notes/log.md', `# Log\n\nDay ${i}.\n`);
    chunks.push('\n');
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  return { dir, commits, dates };
}
