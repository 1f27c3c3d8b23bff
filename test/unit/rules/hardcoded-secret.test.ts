import * as assert from 'node:assert/strict';
import { findAssignment, findToken, TOKEN_SHAPES } from '../../../src/core/secrets';
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

    it('masks a short password whole, length included: nothing of it shows', async () => {
      const f = await findingsOf(RULE, { 'src/db.py': 'DB_PASSWORD = "pg2024x!"\n' });
      assert.equal(f.length, 1);
      assert.match(f[0].message, /\(value of DB_PASSWORD: \*{8}\)/);
      assert.ok(!f[0].message.includes('pg20'));
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
    it('on a keyword in the middle of a name, and on pass / passwd / creds / credentials', async () => {
      const f = await findingsOf(RULE, {
        'conf/app.py': 'password_super_secure = "Tr0ub4dor-x9Qz"\nsome_api_token_123 = "Jq7Nw2pL9xVb4RtY6mKc"\n',
        'conf/app.env': 'mySecretString=Lm4pQ8vX2nR7tZ9kB3wY\n',
        'conf/db.yaml': 'db_pass: Rt5yN8qLm2PzX4kV\npasswd: Kx8vN2qLm9PzR4tY\ncreds: Zx9cV2bN5mQ8wE1r\ncredentials: Vw3kR9pLx2Nq7TzB\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [
        ['conf/app.env', 1, 16, 36],
        ['conf/app.py', 1, 26, 40],
        ['conf/app.py', 2, 23, 43],
        ['conf/db.yaml', 1, 10, 26],
        ['conf/db.yaml', 2, 9, 25],
        ['conf/db.yaml', 3, 8, 24],
        ['conf/db.yaml', 4, 14, 30],
      ]);
    });

    it('on Slack webhooks and xapp- / xoxe- tokens, JWTs, GitLab, Stripe, AWS ABIA/ACCA and Hugging Face org tokens', async () => {
      const lines = [
        'ALERTS = "https://hooks.slack.com/services/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"',
        'APP = "xapp-1-A052FGTS2DL-5171572773297-610b6a11f4b7eb819e87b767d80e6575a3634791acb9a9ead051da879eb5b55e"',
        'URL = "https://files.slack.com/x.png?t=xoxe-4726837507825-4848681849303-4856614048758-e0b1f3d4cb371f92260edb0d9444d206"',
        'BEARER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"',
        'GL = "glpat-hellOworld380_testin"',
        'STRIPE = "sk_live_ReTllpYQYfIZu2Jnf2lAPFjD"',
        'AWS = "ABIAQ7ZNY4RT5KBW2E3M"',
        'HF = "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"',
      ];
      const f = await findingsOf(RULE, { 'src/alerts.py': lines.join('\n') + '\n' });
      assert.deepEqual(f.map((x) => x.line), [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.deepEqual(f.map((x) => /\(([^:]+):/.exec(x.message)![1]), ['Slack webhook URL', 'Slack token', 'Slack token', 'JSON Web Token', 'GitLab token', 'Stripe secret key', 'AWS access key id', 'Hugging Face organization token']);
      assert.equal(f[0].column, 11);
      assert.equal(f[2].column, 40);
    });

    it('on PGP private key blocks and on private-key files by name', async () => {
      const f = await findingsOf(RULE, {
        'deploy/signing.asc.yaml': 'key: |\n  -----BEGIN PGP PRIVATE KEY BLOCK-----\n  lQWGBGSVV4YBDAClvRnxezIRy2Yv7SFlzC0iFiRF/O/jePSw+XYhvcrTaqSYTGic\n  -----END PGP PRIVATE KEY BLOCK-----\n',
        'deploy/id_ed25519': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n',
        'certs/client.p12': new Uint8Array([0x30, 0x82, 0x00, 0x00, 0x02, 0x01, 0x03]),
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['certs/client.p12', 1, 1], ['deploy/id_ed25519', 1, 1], ['deploy/signing.asc.yaml', 2, 3]]);
      assert.match(f[0].message, /PKCS #12/);
    });

    it('in requirement files, Dockerfile ENV / ARG (both forms) and notebook outputs', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': '--extra-index-url https://deploy:Idx9PassWord77@pypi.internal/simple\npkg @ git+https://ghp_R8q2Lm9xV4bN7tZ1kW3yC6hF0sD5gA2eUoPj@github.com/org/pkg.git\n',
        Dockerfile: 'FROM python:3.11-slim\nARG HF_TOKEN=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\nENV DB_PASSWORD Dkr5ecretPw9xQ2m\n',
        'nb.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(cfg)'], outputs: [{ name: 'stdout', output_type: 'stream', text: ["{'api_key': 'sk-ant-Wq3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4'}\n"] }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.cell]), [
        ['Dockerfile', 2, 14, undefined],
        ['Dockerfile', 3, 17, undefined],
        ['nb.ipynb', 1, 1, 0],
        ['requirements.txt', 1, 34, undefined],
        ['requirements.txt', 2, 19, undefined],
      ]);
      assert.match(f[2].message, /output of this cell/);
    });

    it('on quote-less values that contain # in YAML and .env', async () => {
      const f = await findingsOf(RULE, { 'conf/app.yaml': 'api_token: tok#en9Value123 # rotated\n', '.env': 'DB_PASSWORD=pa#ss9Word77x\n' });
      assert.deepEqual(f.map((x) => [x.file, x.column, x.endColumn]), [['.env', 13, 26], ['conf/app.yaml', 12, 27]]);
    });
  });

  describe('stays quiet', () => {
    it('on one word where a key or token belongs (AWS_SECRET_ACCESS_KEY: "Randomstr"), not where a password does', async () => {
      const f = await findingsOf(RULE, {
        'configs/deploying_config.yaml': 'settings:\n  docker:\n    environment:\n      AWS_SECRET_ACCESS_KEY: "Randomstr"\n      AWS_SESSION_TOKEN: "Randomstr"\n      DB_PASSWORD: "Sunflower"\n      JWT_SECRET: "Welcomehome"\n',
      });
      assert.deepEqual(f.map((x) => [x.line, x.message.match(/value of (\w+)/)?.[1]]), [[6, 'DB_PASSWORD'], [7, 'JWT_SECRET']]);
    });

    it('on the peers\' near-misses: Maven coordinates, prefixes inside identifiers, Slack placeholders, csrf-token', async () => {
      const f = await findingsOf(RULE, {
        'conf/build.toml': 'notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"\n',
        'conf/app.py': 'sel = "hf_requiredCharacteristicTypesForDisplayMetadata"\nBOT = "xoxb-12345-abcd234"\nBOT2 = "xoxb-my-bot-token"\npublicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"\n',
        'conf/app.ini': 'csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOuxmiW9rhROG/Whikle15syazJOkrjJa3U2AbhIvUw==\n',
        'certs/ca.pem': '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJq7Nw2pL9xVb4RtY6mKc8HdZs3EwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n',
      });
      assert.deepEqual(f, []);
    });

    it('on names that describe a credential, file locations, f-string URLs and presigned S3 URLs', async () => {
      const f = await findingsOf(RULE, {
        'src/app.py': [
          'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
          'credentialsId = "ff083f76-7804-4ef1-80e4-fe975bb9141b"',
          'os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "my_service_account_private_key.json"',
          'engine = create_engine(f"mysql+pymysql://{user}:{password}@{host}/{database}")',
          'url = "https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIWNJYAX4CSVEH53A%2F20211120"',
          'msg = {"__magic_token__": "__ray_tqdm_magic_token__"}',
          '',
        ].join('\n'),
      });
      assert.deepEqual(f, []);
    });

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

  describe('the line gates in front of the detectors', () => {
    it('can join the token shapes into one expression: no flags, no back-references', () => {
      for (const shape of TOKEN_SHAPES) {
        assert.equal(shape.re.flags, '', shape.what);
        assert.doesNotMatch(shape.re.source, /\\[1-9]/, shape.what);
      }
    });

    it('still finds a token of every shape, and the login-call key, behind the gate', () => {
      const lines = [
        `key = "${AWS_KEY}"`, 'GH = "ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5"', 'x = "sk-proj-' + 'Zq8Lr2Tn6Vb0Xc4Md7Fh1Jk5Gs9Wp3Ey"',
        'wandb.login(key="' + 'a1b2c3d4e5f6g7h8i9j0k1l2"' + ')', 'token = "hf_' + 'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi"',
      ];
      for (const line of lines) assert.ok(findToken(line), line);
    });

    it('answers lines without an operator or an env lookup without running the assignment search', () => {
      assert.equal(findAssignment('"""Compute tokenizer ranking for the given records."""', { code: true }), undefined);
      assert.ok(findAssignment('API_TOKEN = "dafa7817-3c1b-4a8e-9f2d-5e6b7c8d9e0f"', { code: true }));
      assert.ok(findAssignment('connect(os.getenv("DB_PASSWORD", "dafa7817-3c1b-4a8e-9f2d-5e6b7c8d9e0f"))', { code: true }), 'an env default, no operator');
    });
  });
});
