import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'hardcoded-secret';
const AWS_KEY = 'AKIA2E3MXQ7ZNY4RT5KB';
const GH_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

describe(RULE, () => {
  describe('fires', () => {
    it('on Flask / Django secret keys, also as attribute or config subscript', async () => {
      const code = 'SECRET_KEY = "a8f5f167f44f4964e6c998dee827110c"\napp.secret_key = "9d8e7f6a5b4c3d2e"\napp.config["SECRET_KEY"] = "p4ssw0rd-Z9x8"\n';
      const found = await findingsOf('hardcoded-secret', { 'serve.py': code });
      assert.deepEqual(found.map((f) => f.line), [1, 2, 3]);
    });

    it('on an AWS access key id in a Python module, masked in the message', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/storage.py': `import boto3\n\nsession = boto3.Session(aws_access_key_id="${AWS_KEY}")\n`,
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, 'src/churn/storage.py');
      assert.equal(f[0].line, 3);
      assert.equal(f[0].column, 44);
      assert.equal(f[0].endColumn, 44 + AWS_KEY.length);
      assert.equal(f[0].severity, 'error');
      assert.match(f[0].message, /AWS access key id/);
      assert.match(f[0].message, /AKIA\*+/);
      assert.ok(!f[0].message.includes(AWS_KEY), 'the full key must not be in the message');
    });

    it('on a GitHub token in a notebook cell, with the cell index', async () => {
      const f = await findingsOf(RULE, {
        'notebooks/explore.ipynb': notebook([
          { md: '# Pull the labels' },
          'import requests',
          `headers = {"Authorization": "token ${GH_TOKEN}"}\nr = requests.get(url, headers=headers)`,
        ]),
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].file, 'notebooks/explore.ipynb');
      assert.equal(f[0].cell, 2);
      assert.equal(f[0].line, 1);
      assert.equal(f[0].column, 36);
      assert.match(f[0].message, /GitHub token/);
      assert.ok(!f[0].message.includes(GH_TOKEN));
    });

    it('on a private key block, also in a commented line', async () => {
      const f = await findingsOf(RULE, {
        'deploy/key.yaml': 'ssh:\n  key: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n    -----END OPENSSH PRIVATE KEY-----\n',
        'scripts/notes.py': '# -----BEGIN RSA PRIVATE KEY-----\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['deploy/key.yaml', 3, 5], ['scripts/notes.py', 1, 3]]);
      assert.match(f[0].message, /private key/);
    });

    it('on a password assignment in a .py file', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/db.py': 'import psycopg2\n\nDB_PASSWORD = "Tr0ub4dor&3x"\nconn = psycopg2.connect(host="warehouse", password=DB_PASSWORD)\n',
      });
      assert.equal(f.length, 1);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['src/churn/db.py', 3, 16, 28]);
      assert.match(f[0].message, /value of DB_PASSWORD/);
      assert.match(f[0].message, /Tr0u\*{8}/);
      assert.ok(!f[0].message.includes('Tr0ub4dor&3x'));
    });

    it('on a password in a .env file', async () => {
      const f = await findingsOf(RULE, {
        '.env': 'MLFLOW_TRACKING_URI=https://mlflow.internal\nDB_USER=churn\nDB_PASSWORD=s3cr3tPassw0rd\n',
      });
      assert.equal(f.length, 1);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['.env', 3, 13]);
      assert.ok(!f[0].message.includes('s3cr3tPassw0rd'));
    });

    it('on a postgres URL with a password', async () => {
      const f = await findingsOf(RULE, {
        'config/settings.yaml': 'warehouse:\n  url: postgresql://churn:hunter22@warehouse.internal:5432/dw\n',
      });
      assert.equal(f.length, 1);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['config/settings.yaml', 2, 27, 35]);
      assert.match(f[0].message, /password in a connection URL/);
      assert.ok(!f[0].message.includes('hunter22'));
    });

    it('on a bare `password =` / `api_key:` name (no prefix), in Python, JSON and YAML', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/db.py': 'password = "Tr0ub4dor&3x"\ncfg = {"api_key": "9f8e7d6c5b4a39281706"}\n',
        'config/app.json': '{\n  "api_key": "9f8e7d6c5b4a39281706"\n}\n',
        'config/app.yaml': 'db:\n  password: hunter2hunter\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [
        ['config/app.json', 2, 15, 35],
        ['config/app.yaml', 2, 13, 26],
        ['src/churn/db.py', 1, 13, 25],
        ['src/churn/db.py', 2, 20, 40],
      ]);
      for (const x of f) assert.ok(!/Tr0ub4dor&3x|9f8e7d6c5b4a39281706|hunter2hunter/.test(x.message));
    });
  });

  describe('stays quiet', () => {
    // Shapes seen in real ML repositories (false positives found on public code).
    it('on placeholder provider tokens, documented example keys and tokenizer special tokens', async () => {
      const code = [
        'HF_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'st.error(\'set HF_TOKEN = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\')',
        'OPENAI_API_KEY = "sk-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        'aws_key = "AKIAIOSFODNN7EXAMPLE"',
        'tok = BertTokenizerFast(vocab, mask_token="[MASK]", pad_token="[PAD]", eos_token="</s>")',
        'def mask_salary(text, mask_token="[MASK]"):',
        '    return text',
      ].join('\n') + '\n';
      assert.deepEqual(await findingsOf('hardcoded-secret', { 'src/app.py': code }), []);
    });

    it('in throwaway client scripts named test.py or predict-test.py', async () => {
      const code = 'headers = {"api_key": "s3cr3t-Value-123"}\n';
      assert.deepEqual(await findingsOf('hardcoded-secret', { 'test.py': code, 'predict-test.py': code }), []);
    });

    it('on expressions assigned to secret-like names in code', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/db.py': [
          'DB_PASSWORD = os.getenv("DB_PASSWORD")',
          'OPENAI_API_KEY = settings.openai_api_key',
          'MY_TOKEN = get_token()',
          'conn = connect(db_password=password_from_vault)',
          'password_field = form["password"]',
          '',
        ].join('\n'),
      });
      assert.deepEqual(f, []);
    });


    it('on environment lookups', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/db.py': 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\napi_key = os.getenv("OPENAI_API_KEY")\ntoken = get_token()\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      HF_TOKEN: ${{ secrets.HF_TOKEN }}\n    steps:\n      - run: pytest\n',
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
      });
      assert.deepEqual(f, []);
    });

    it('on placeholders', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/config.py': 'password = "changeme"\napi_key = "<your-key>"\nsecret_key = "your-api-key"\ntoken = ""\nAPI_KEY = "xxxxxxxx"\n',
      });
      assert.deepEqual(f, []);
    });

    it('in test files and example env files', async () => {
      const f = await findingsOf(RULE, {
        'tests/test_db.py': 'DB_PASSWORD = "Tr0ub4dor&3x"\n',
        'src/churn/db_test.py': `KEY = "${AWS_KEY}"\n`,
        '.env.example': 'DB_PASSWORD=s3cr3tPassw0rd\n',
      });
      assert.deepEqual(f, []);
    });

    it('on commented-out lines', async () => {
      const f = await findingsOf(RULE, { 'src/churn/db.py': '# DB_PASSWORD = "Tr0ub4dor&3x"\n' });
      assert.deepEqual(f, []);
    });
  });
});
