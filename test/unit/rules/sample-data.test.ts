import * as assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parsed';
import { endsInExtension, hasChainedSample, sampledLoadsIn, worthTokenizing } from '../../../src/core/rules/sample-data';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'sample-data';

describe(RULE, () => {
  describe('fires', () => {
    it('on nrows= in read_csv, at the keyword', async () => {
      const f = await findingsOf(RULE, { 'src/churn/load.py': 'import pandas as pd\n\ndf = pd.read_csv("data/customers.csv", nrows=10_000)\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['src/churn/load.py', 3, 40, 45]);
      assert.match(f[0].message, /Data loaded truncated \(nrows=…\)/);
    });

    it('on nrows= across lines and in read_excel', async () => {
      const f = await findingsOf(RULE, { 'src/churn/load.py': 'df = pd.read_csv(\n    "data/customers.csv",\n    nrows=1000,\n)\nxl = pd.read_excel("data/plan.xlsx", sheet_name=0, nrows=500)\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[3, 5], [5, 52]]);
    });

    it('on .sample( and .head( chained on a load', async () => {
      const f = await findingsOf(RULE, { 'src/churn/load.py': 'df = pd.read_parquet(path).sample(frac=0.1, random_state=0)\ndf2 = pd.read_csv(p).head(5000)\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[1, 28, 34], [2, 22, 26]]);
      assert.match(f[0].message, /\.sample\(\)/);
      assert.match(f[1].message, /\.head\(\)/);
    });

    it('on sample_*.csv, *_sample.csv and a toy/ folder being loaded, at the string', async () => {
      const f = await findingsOf(RULE, { 'src/churn/load.py': 'df = pd.read_csv("data/sample_train.csv")\nX = np.load("toy/X.npy")\nc = pd.read_csv("data/customers_sample.csv")\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[1, 18, 41], [2, 13, 24], [3, 17, 44]]);
      assert.match(f[0].message, /'data\/sample_train\.csv'/);
    });

    it('on a chain broken over lines, and on an upper-case SAMPLE file in a Windows path', async () => {
      const f = await findingsOf(RULE, { 'src/churn/load.py': 'df = (\n    pd.read_csv(path)\n    .head(1000)\n)\nx = pd.read_csv(r"C:\\data\\SAMPLE_2024.csv")\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[3, 6, 10], [5, 17, 43]]);
      assert.match(f[1].message, /'C:\/data\/SAMPLE_2024\.csv'/);
    });

    it('on load_dataset with split "train[:1%]"', async () => {
      const f = await findingsOf(RULE, { 'src/churn/data.py': 'from datasets import load_dataset\n\nds = load_dataset("imdb", split="train[:1%]")\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[3, 33, 45]]);
      assert.match(f[0].message, /'train\[:1%\]'/);
    });

    it('in a notebook code cell, with the cell index (Markdown cells counted)', async () => {
      const f = await findingsOf(RULE, {
        'notebooks/eda.ipynb': notebook([{ md: 'Quick look: `pd.read_csv(x, nrows=5)`' }, 'import pandas as pd', 'df = pd.read_csv("data/customers.csv", nrows=500)']),
      });
      assert.deepEqual(f.map((x) => [x.file, x.cell, x.line, x.column]), [['notebooks/eda.ipynb', 2, 1, 40]]);
    });
  });

  describe('stays quiet', () => {
    it('on df.sample() / df.head() on a frame loaded earlier', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/load.py': 'df = pd.read_csv(path)\ndf = df.sample(frac=1, random_state=0)\nprint(df.head())\n' }), []);
    });

    it('on nrows=None and nrows= outside a read call', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/load.py': 'df = pd.read_csv(path, nrows=None)\nshow_table(df, nrows=10)\n' }), []);
    });

    it('on names that only contain a sample word (sampler.csv, headers/, smallest)', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/load.py': 'a = pd.read_csv("data/sampler.csv")\nb = pd.read_csv("headers/x.csv", header=0)\nc = np.load("smallest.npy")\n' }), []);
    });

    it('on sample_submission.csv and on a full split', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/load.py': 'sub = pd.read_csv("data/sample_submission.csv")\nds = load_dataset("imdb", split="train")\n' }), []);
    });

    it('in tests', async () => {
      const f = await findingsOf(RULE, {
        'tests/test_load.py': 'df = pd.read_csv("tests/data/sample.csv", nrows=5)\n',
        'test_features.py': 'df = pd.read_csv(p, nrows=5)\n',
        'src/churn/load_test.py': 'df = pd.read_csv(p).head(5)\n',
      });
      assert.deepEqual(f, []);
    });

    it('and finishes on comments of `# # #` after a call, 200 KB of `)#` and a 300 KB line of sample-named paths (no runaway backtracking)', async () => {
      // The earlier pre-filter took seconds per line from about 16 `# ` after a `)`: 2^n ways to split one comment.
      const comments = 'buffer.put(None) # ' + '# '.repeat(40) + '\n' + 'x = f(y)  ' + '#'.repeat(80) + '\n' + 's = "' + ')#'.repeat(100_000) + '"\n';
      const paths = 'names = "' + 'small.small-'.repeat(25_000) + '"\n';
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/buffering.py': comments + paths + 'df = pd.read_csv(p)\nprint(df.head())\n' }), []);
    });

    it('skips only what the checks would not flag: the pre-filter keeps continuations, long paths, f-strings, any case', () => {
      // Shapes a pre-filter can miss (continuations, long paths, f-strings, any case), beside plain ones.
      const flagged = [
        'df = pd.read_csv(path, nrows\\\n=10)\n',
        'df = pd.read_csv(f, nrows = 5)\n',
        'df = pd.read_csv(p).\\\nsample(frac=0.1)\n',
        'df = (pd.read_csv(p)\n  .head(10))\n',
        `df = pd.read_csv("data/sample/${'x'.repeat(210)}.csv")\n`,
        'df = pd.read_csv(f"data/sample_{n}.csv")\n',
        'df = pd.read_csv("data/SubSet/train.csv")\n',
        'X = np.genfromtxt("toy.csv")\n',
        'df = spark.read.csv("dbfs:/mnt/tiny-2024.csv")\n',
        'ds = load_dataset("imdb", split="train[:10%]")\n',
      ];
      for (const text of flagged) {
        const seg = parseFile('src/load.py', text).segments[0];
        const found: string[] = [];
        sampledLoadsIn(seg, (t) => found.push(t.value));
        assert.ok(found.length > 0, `the checks flag: ${text}`);
        assert.ok(worthTokenizing(parseFile('src/load.py', text).segments[0]), `the pre-filter keeps: ${text}`);
      }
      for (const quiet of ['import os\nprint(df.head())\n', 'x = "sampler.csv"\n', 'df = pd.read_csv("train.csv", header=0)\n']) {
        assert.equal(worthTokenizing(parseFile('src/load.py', quiet).segments[0]), false, `no need to tokenize: ${quiet}`);
      }
    });

    it('finds `).head(` from the word out exactly where the regular expression it replaced matches', () => {
      const CHAIN = /\)[\s\\]*\.[\s\\]*(?:sample|head)[\s\\]*\(/;
      const samples = [
        'df = pd.read_csv(p).head(5)', 'x = (a)\u00a0.\u3000sample\t(', ') . head (', ')\\\n.\\\nhead\\\n(', 'print(df.head())',
        'x.head(3)', ')..head(', ').heads(', ').header(', ')x.head(', 'head(', ').head', ').sample', '.head()', ')\u200b.head(',
      ];
      // And random texts over the characters that matter, with the words planted often.
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
      const pieces = [')', '(', '.', ' ', '\\', '\n', '\u00a0', '\u2028', 'x', 'head', 'sample', 'hea', 'samp'];
      for (let n = 0; n < 3000; n++) samples.push(Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join(''));
      for (const text of samples) assert.equal(hasChainedSample(text), CHAIN.test(text), JSON.stringify(text));
    });

    it('tells a string ends in an extension without slicing it, as /\\.[a-z0-9]{2,8}$/i does', () => {
      const EXT = /\.[a-z0-9]{2,8}$/i;
      const bodies = ['train.csv', 'a.CSV', 'x.c', 'x.parquet', 'x.abcdefghi', 'x.abcdefgh', '.py', 'csv', 'a.b.tar', 'x.\u0010\u0011', 'x._ab', 'data/sample.0123'];
      for (const body of bodies) {
        const text = `p = "${body}"`;
        assert.equal(endsInExtension(text, 5, 5 + body.length), EXT.test(body), body);
      }
      // Only the body counts: a dot before its start is not an extension's.
      assert.equal(endsInExtension('x.csv', 2, 5), false);
    });

    it('in Markdown cells and prose', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'eda.ipynb': notebook([{ md: 'df = pd.read_csv("x.csv", nrows=5)' }, 'x = 1']), 'README.md': 'pd.read_csv(path, nrows=100)\n' }), []);
    });
  });
});
