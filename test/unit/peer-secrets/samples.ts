// Secret samples quoted from two peer scanners' own rule tests, used as the oracle for
// hardcoded-secret (test/unit/secrets-peers.test.ts prints recall per kind and the false
// positives). Every value below is a published test sample of those projects, not a live key.
//
// - gitleaks (https://github.com/gitleaks/gitleaks), MIT licence, Copyright (c) 2019 Zachary Rice:
//   the `tps` / `fps` lists of cmd/generate/config/rules/*.go. Samples gitleaks builds from a
//   random generator are given here with one fixed value of the same shape.
// - detect-secrets (https://github.com/Yelp/detect-secrets), Apache-2.0, Copyright (c) Yelp, Inc.:
//   the parametrised cases of tests/plugins/*_test.py.
//
// A sample carries the file it is scanned as (the syntax it is written in) and whether a
// secret must be reported. Where this product decides otherwise than a peer, `note` says why
// (e.g. `pk_live_` keys are publishable by design); those rows count with this product's answer.

export interface SecretSample {
  kind: string;
  source: 'gitleaks' | 'detect-secrets';
  file: string;
  text: string;
  secret: boolean;
  note?: string;
}

const tp = (kind: string, source: SecretSample['source'], file: string, text: string): SecretSample => ({ kind, source, file, text, secret: true });
const fp = (kind: string, source: SecretSample['source'], file: string, text: string, note?: string): SecretSample => ({ kind, source, file, text, secret: false, ...(note ? { note } : {}) });

const GL = 'gitleaks';
const DS = 'detect-secrets';
const COMMON_SECRET = 'm{{h}o)p${e]nob(ody[finds>-_$#thisone}}';

export const SAMPLES: SecretSample[] = [
  // ---- keyword assignments (gitleaks generic-api-key, detect-secrets KeywordDetector)
  tp('keyword', GL, 'conf/app.py', "'access_token': 'eyJ0eXAioiJKV1slS3oASx=='"),
  tp('keyword', GL, 'conf/app.py', 'some_api_token_123 = "Jq7Nw2pL9xVb4RtY6mKc8HdZs3FgA5eUoW1iTzQyXv0rBnMjLkPh7GfDs9aCe2"'),
  tp('keyword', GL, 'conf/app.json', '"user_auth": "am9obmRvZTpkMDY5NGIxYi1jMTcxLTQ4ODYt+TMyYS0wMmUwOWQ1/mIwNjc="'),
  tp('keyword', GL, 'conf/app.json', '"credentials" : "0afae57f3ccfd9d7f5767067bc48b30f719e271ba470488056e37ab35d4b6506"'),
  tp('keyword', GL, 'conf/app.ini', 'creds = Kx8vN2qLm9PzR4tYw7BcJ3hFs6DgA5'),
  tp('keyword', GL, 'conf/app.yaml', 'private-key: Vw3kR9pLx2Nq7TzB4mYc8HdJs6FgA1eUoW5iKzQyXv0rBnMjLhP7GfDs9aCe2Zt4Ru8Ny3Lk6Qw1Em5Pb9Vx2Hj7Gd4Fs8Aa0Zc'),
  tp('keyword', GL, 'conf/app.ini', 'passwd = Rt5yN8qLm2PzX4kVw7BcJ3hFs6DgA9'),
  tp('keyword', GL, 'conf/app.json', '"client_secret" : "6da89121079f83b2eb6acccf8219ea982c3d79bccc3e9c6a85856480661f8fde",'),
  tp('keyword', GL, 'conf/app.env', 'mySecretString=Lm4pQ8vX2nR7tZ9kB3wY6cJ1hF5sD0'),
  tp('keyword', GL, 'conf/app.ini', 'todo_secret_do_not_commit = Zx9cV2bN5mQ8wE1rT4yU7iO3pA6sD0'),
  tp('keyword', GL, 'conf/app.py', 'api_token = os.getenv("api_token", "dafa7817-e246-48f3-91a7-e87653d587b8")'),
  tp('keyword', GL, 'conf/app.ini', 'genericToken = Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'),
  tp('keyword', GL, 'conf/app.yaml', 'generic_token: "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB"'),
  tp('keyword', GL, 'conf/app.py', "genericToken = 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'"),
  tp('keyword', GL, 'Makefile', 'GENERIC_TOKEN ?= "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB"'),
  tp('keyword', DS, 'conf/app.conf', `apikey = ${COMMON_SECRET}`),
  tp('keyword', DS, 'conf/app.py', 'password_super_secure = "Tr0ub4dor-x9Qz"'),
  tp('keyword', DS, 'conf/app.py', 'my_password_super_secure = "Tr0ub4dor-x9Qz"'),
  tp('keyword', DS, 'conf/app.yaml', `db_pass: ${COMMON_SECRET},`),
  tp('keyword', DS, 'conf/app.yaml', `passwd: ${COMMON_SECRET}\``),
  tp('keyword', DS, 'conf/app.yaml', `aws_secret_access_key: '${COMMON_SECRET}'`),
  tp('keyword', DS, 'conf/app.py', `apikey_myservice = "${COMMON_SECRET}"`),
  tp('keyword', DS, 'conf/app.py', `password = "${COMMON_SECRET}"`),
  tp('keyword', DS, 'conf/app.py', `db_pass_secure = "${COMMON_SECRET}"`),
  fp('keyword', DS, 'conf/app.py', 'password = ",.:-¨@*¿?!"'),
  fp('keyword', DS, 'conf/app.py', 'api_key = ""'),
  fp('keyword', DS, 'conf/app.yaml', "secret: ''"),
  fp('keyword', DS, 'conf/app.py', 'password = "somefakekey"'),
  fp('keyword', DS, 'conf/app.yaml', 'password: ${link}'),
  fp('keyword', DS, 'conf/app.py', 'some_key = "real_secret"'),
  fp('keyword', DS, 'conf/app.yaml', 'password: real_key'),
  fp('keyword', DS, 'conf/app.py', 'password = "value with quotes and spaces"', 'detect-secrets flags it; a value with spaces is prose far more often than a password'),
  fp('keyword', GL, 'conf/app.json', '"accessor":"rA1wk0Y45YCufyfq",'),
  fp('keyword', GL, 'conf/app.yaml', 'report_access_id: e8e4df51-2054-49b0-ab1c-516ac95c691d'),
  fp('keyword', GL, 'conf/app.py', 'accessibilityYesOptionId = "0736f5ef-7e88-499a-80cc-90c85d2a5180"'),
  fp('keyword', GL, 'conf/app.ini', 'COMMUNICATION_API_VERSION=rc0.13.0_20230412_0712-SNAPSHOT'),
  fp('keyword', GL, 'conf/app.ini', 'MantleAPI_version=9a038989604e8da62ecddbe2094b16ce1b778be1'),
  fp('keyword', GL, 'conf/app.ini', 'apiUrl=apigee.corpint.com'),
  fp('keyword', GL, 'conf/app.py', 'author = "james.fake@ymail.com",'),
  fp('keyword', GL, 'conf/app.yaml', "credentialsId: 'ff083f76-7804-4ef1-80e4-fe975bb9141b'"),
  fp('keyword', GL, 'conf/app.yaml', "jobCredentialsId: 'f4aeb6bc-2a25-458a-8111-9be9e502c0e7'"),
  fp('keyword', GL, 'conf/app.json', '  "credentialId": "B9mTcFSck2LzJO2S3ols63",'),
  fp('keyword', GL, 'conf/app.ini', 'dev.credentials.url=dev-lb1.api.f4ke.com:5215'),
  fp('keyword', GL, 'conf/app.py', 'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"'),
  fp('keyword', GL, 'conf/app.ini', 'primaryKey=Kx8vN2qLm9PzR4tYw7BcJ3hFs6DgA5'),
  fp('keyword', GL, 'conf/app.ini', 'foreignKey=Kx8vN2qLm9PzR4tYw7BcJ3hFs6DgA5'),
  fp('keyword', GL, 'conf/app.ini', 'issuerKeyHash=Kx8vN2qLm9PzR4tYw7BcJ3hFs6DgA5'),
  fp('keyword', GL, 'conf/app.json', '"bucket_key": "SalesResults-1.2"'),
  fp('keyword', GL, 'conf/app.py', "schemaKey = 'DOC_Vector_5_32'"),
  fp('keyword', GL, 'conf/app.ini', 'app.keystore.file=env/cert.p12'),
  fp('keyword', GL, 'conf/app.json', '"kms_key_id": "555ea4a3-d53a-4412-9c66-3a7cb667b0d6",'),
  fp('keyword', GL, 'conf/app.json', '"key_vault_name": "web21prqodx24021",'),
  fp('keyword', GL, 'conf/app.py', 'const_validKeyChars = "0123456789abcdefghijklmnopqrstuvwxyz_-."'),
  fp('keyword', GL, 'conf/app.py', 'key_length = XSalsa20.key_length'),
  fp('keyword', GL, 'conf/app.ini', 'PuttyPassword=0'),
  fp('keyword', GL, 'conf/app.py', 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'),
  fp('keyword', GL, 'conf/app.py', 'secret_length = X25519.secret_length'),
  fp('keyword', GL, 'conf/app.py', "    access_token_url='https://github.com/login/oauth/access_token',"),
  fp('keyword', GL, 'conf/app.py', 'publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"'),
  fp('keyword', GL, 'conf/app.toml', 'notes            = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"'),
  fp('keyword', GL, 'conf/app.ini', 'csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOuxmiW9rhROG/Whikle15syazJOkrjJa3U2AbhIvUw=='),
  fp('keyword', GL, 'conf/app.py', 'clientId = "73082700-1f09-405b-80d0-3131bfd6272d"'),
  fp('keyword', GL, 'conf/app.env', 'GITHUB_API_KEY=\nDYNATRACE_API_KEY='),
  fp('keyword', GL, 'conf/app.ini', 'snowflake.password=\njdbc.snowflake.url='),

  // ---- Slack
  tp('slack', GL, 'conf/app.json', '"bot_token1": "xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD"'),
  tp('slack', GL, 'conf/app.json', '"bot_token3": "xoxb-4614724432022-5152386766518-O5WzjWGLG0wcCm2WPrjEmnys"'),
  tp('slack', GL, 'conf/app.json', '"user_token2": "xoxp-283316862324-298911817009-298923149681-44f585044dace54f5701618e97cd1c0b"'),
  tp('slack', GL, 'conf/app.json', '"url_private": "https:\\/\\/files.slack.com\\/files-pri\\/T04MCQMEXQ9-F04MAA1PKE3\\/image.png?t=xoxe-4726837507825-4848681849303-4856614048758-e0b1f3d4cb371f92260edb0d9444d206"'),
  tp('slack', GL, 'conf/app.json', '"token1": "xapp-1-A052FGTS2DL-5171572773297-610b6a11f4b7eb819e87b767d80e6575a3634791acb9a9ead051da879eb5b55e"'),
  tp('slack', GL, 'conf/app.json', '"refresh_token1": "xoxe-1-My0xLTMxNzcwMjQ0MTcxMy01MTU4MTUyNjkxNzE0LTUxODE4NDI0MDY3MzYtMjA5MGFkOTFlZThkZWE2OGFlZDYwYWJjODNhYzAxYjA5ZjVmODBhYjgzN2QyNDdjOTNlOGY5NTg2YWM1OGM4Mg"'),
  tp('slack', GL, 'conf/app.json', '"access_token1": "xoxe.xoxp-1-Mi0yLTM0MTQwNDE0MDE3Ni0zNjU5NDY0Njg4MTctNTE4MjA3NTQ5NjA4MC01NDEyOTYyODY5NzUxLThhMTBjZmI1ZWIzMGIwNTg0ZDdmMDI5Y2UxNzVlZWVhYzU2ZWQyZTZiODNjNDZiMGUxMzRlNmNjNDEwYmQxMjQ"'),
  tp('slack', GL, 'conf/app.json', '"bot_token1": "xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1"'),
  tp('slack', GL, 'conf/app.json', '"bot_token4": "xoxb-123456789012-Xw937qtWSXJss1lFaKe"'),
  tp('slack', GL, 'conf/app.json', '"bot_token9": "xoxb-50014434-slacktokenx29U9X1bQ"'),
  tp('slack', GL, 'conf/app.json', '"access_token": "xoxa-2-511111111-31111111111-3111111111111-e039d02840a0b9379c"'),
  tp('slack', GL, 'conf/app.json', '"access_token1": "xoxs-3206092076-3204538285-3743137121-836b042620"'),
  tp('slack', DS, 'conf/app.py', "SLACK = 'xoxp-523423-234243-234233-e039d02840a0b9379c'"),
  tp('slack', DS, 'conf/app.py', "SLACK = 'xoxr-523423-234243-234233-e039d02840a0b9379c'"),
  tp('slack', DS, 'conf/app.py', "SLACK = 'xoxb-34532454-e039d02840a0b9379c'"),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx"'),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-xxx"'),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-12345-abcd234"'),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-xoxb-my-bot-token"'),
  fp('slack', GL, 'conf/app.json', '"token1": "xoxp-1234567890"'),
  fp('slack', GL, 'conf/app.json', '"token2": "xoxp-XXXXXXXXXX-XXXXXXXXXX-XXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"'),
  fp('slack', GL, 'conf/app.json', '"token3": "xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d"'),
  fp('slack', GL, 'conf/app.json', '"token4": "xoxp-572370529330-573807301142-572331691188-####################"'),
  fp('slack', GL, 'conf/app.py', 'T = "xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere"'),
  fp('slack', GL, 'conf/app.py', 'T = "xoxe-1-xxx"'),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-Slack_BOT_TOKEN"'),
  fp('slack', GL, 'conf/app.py', 'BOT = "xoxb-abcdef-abcdef"'),
  fp('slack', GL, 'README.yaml', 'link: https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md'),

  // ---- Slack webhooks
  tp('slack-webhook', GL, 'conf/app.py', 'WEBHOOK = "http://hooks.slack.com/services/T024TTTTT/BBB72BBL/AZAAA9u0pA4ad666eMgbi555"'),
  tp('slack-webhook', GL, 'conf/app.yaml', 'webhook: https://hooks.slack.com/services/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'),
  tp('slack-webhook', GL, 'conf/app.py', 'W = "https://hooks.slack.com/workflows/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"'),
  tp('slack-webhook', GL, 'train.sh', 'curl -X POST -d @msg.json hooks.slack.com/services/Kq8vN2xLm9PzR4tYw7BcJ3hFs6DgA5eUoW1iTzQyXv0r'),
  fp('slack-webhook', DS, 'conf/app.py', 'W = "https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx"', 'detect-secrets flags it; an all-x webhook is a documentation placeholder'),

  // ---- JWTs
  tp('jwt', DS, 'conf/app.py', "JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'"),
  tp('jwt', DS, 'conf/app.py', "JWT = 'eyJ0eXAiOiJKV1QiLA0KImFsZyI6IkhTMjU2In0.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ'"),
  tp('jwt', DS, 'conf/app.py', "JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm9lIiwKInN0YXR1cyI6ImVtcGxveWVlIgp9'"),
  tp('jwt', DS, 'conf/app.py', "JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IsWww6HFkcOtIMOWxZHDqcOoIiwiaWF0IjoxNTE2MjM5MDIyfQ.k5HibI_uLn_RTuPcaCNkaVaQH2y5q6GvJg8GPpGMRwQ'"),
  tp('jwt', GL, 'conf/app.py', 'tokenWithNoneAlg = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0LXVzZXIifQ."'),
  tp('jwt', GL, 'run.sh', "curl -H 'X-API-KEY: eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6Im1vcnR5Iiwic3ViIjoiMTIzIn0.' http://localhost:8085/users"),
  fp('jwt', DS, 'conf/app.py', "T = '{\"alg\":\"HS256\",\"typ\":\"JWT\"}.{\"name\":\"Jon Doe\"}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'"),
  fp('jwt', DS, 'conf/app.py', "T = 'bm90X3ZhbGlkX2pzb25fYXRfYWxs.bm90X3ZhbGlkX2pzb25fYXRfYWxs.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'"),
  fp('jwt', DS, 'conf/app.py', "T = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'"),
  fp('jwt', DS, 'conf/app.py', "T = 'eyJhbasdGciOiJIUaddasdasfsasdasdzI1NiIasdsInR5cCI6IkpXVCasdJasd9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'"),
  fp('jwt', DS, 'conf/app.py', "T = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'"),
  fp('jwt', DS, 'conf/app.py', "T = 'eyJAAAA.eyJBBB'"),
  fp('jwt', DS, 'conf/app.py', "T = 'eyJBB.eyJCC.eyJDDDD'"),

  // ---- GitLab
  tp('gitlab', DS, 'conf/app.py', "GL = 'glpat-hellOworld380_testin'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'gldt-HwllOuhfw-wu0rlD_yep'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'glcbt-helloworld380_testin'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'glimt-my-tokens_are-correctAB38'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'glptt-Need5_T00-be-exactly-40-chars--ELse_fail'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'glagent-Need5_T00-bee-longer-than-50_chars-or-else-failING'"),
  tp('gitlab', DS, 'conf/app.py', "GL = 'GR1348941PREfix_helloworld380'"),
  tp('gitlab', GL, '.gitlab-ci.yml', 'variables:\n  RUNNER_TOKEN: glrt-Kq8vN2xLm9PzR4tYw7Bc'),
  tp('gitlab', GL, 'conf/app.env', 'GITLAB_TOKEN=glft-Xw3kR9pLx2Nq7TzB4mYc'),
  fp('gitlab', DS, 'conf/app.py', "GL = 'glpat-hellOWorld380 testin'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'glpat_hellOworld380_testin'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'gldt-seems_too000Sshorty'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'foo-hello-world80_testin'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'glimt-my-tokens_are-correctAB'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'glptt-hellOworld380_testin'"),
  fp('gitlab', DS, 'conf/app.py', "GL = 'GR1348941helloWord0'"),

  // ---- Stripe
  tp('stripe', DS, 'conf/app.py', "STRIPE = 'sk_live_ReTllpYQYfIZu2Jnf2lAPFjD'"),
  tp('stripe', DS, 'conf/app.py', "STRIPE = 'rk_live_5TcWfjKmJgpql9hjpRnwRXbT'"),
  tp('stripe', GL, 'conf/app.py', "STRIPE = 'rk_prod_51OuEMLAlTWGaDypquDn9aZigaJOsa9NR1w1BxZXs9JlYsVVkv5XDu6aLmAxwt5Tgun5WcSwQMKzQyqV16c9iD4sx00BRijuoon'"),
  fp('stripe', DS, 'conf/app.py', "STRIPE = 'pk_live_j5krY8XTgIcDaHDb3YrsAfCl'", 'detect-secrets flags it; pk_ keys are publishable (shipped to browsers) by design'),
  fp('stripe', DS, 'conf/app.py', "STRIPE = 'sk_live_'"),
  fp('stripe', GL, 'conf/app.py', 'task = "task_test_Xw3kR9pLx2Nq7TzB4mYc8HdJs6FgA1"', "gitleaks' sample names it nonMatchingToken, which its own generic rule (and ours) reports; the Stripe shape alone must not"),

  // ---- AWS access key ids
  tp('aws', GL, 'conf/app.ini', 'awsToken = AKIALALEMEL33243OLIB'),
  tp('aws', GL, 'conf/app.py', 'AWS_KEY = "ABIAQ7ZNY4RT5KBW2E3M"'),
  tp('aws', GL, 'conf/app.py', 'AWS_KEY = "ACCAQ7ZNY4RT5KBW2E3M"'),
  tp('aws', GL, 'conf/app.yaml', 'aws_token: ASIAQ7ZNY4RT5KBW2E3X'),
  fp('aws', GL, 'conf/app.ini', 'key = AKIAXXXXXXXXXXXXXXXX'),
  fp('aws', GL, 'conf/app.yaml', 'aws_access_key: AKIAIOSFODNN7EXAMPLE'),
  fp('aws', GL, 'conf/app.py', 'word = "TODAYINASIAASACKOFRICEFELLOVER"'),
  fp('aws', DS, 'conf/app.py', "K = 'AKIAZZZZZZZZZZZZZZZZ'", 'detect-secrets flags it; one repeated letter is a placeholder (gitleaks: low entropy)'),
  fp('aws', DS, 'conf/app.py', "K = 'AKIAZZZ'"),

  // ---- Hugging Face
  tp('huggingface', GL, 'train.sh', 'huggingface-cli login --token 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'),
  tp('huggingface', GL, 'serve.sh', 'DEV=1 HF_TOKEN=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 poetry run python app.py'),
  tp('huggingface', GL, 'conf/app.py', "model = load(name, use_auth_token='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')"),
  tp('huggingface', GL, 'conf/app.py', 'CI_HUB_USER_TOKEN = "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"'),
  tp('huggingface', GL, 'conf/app.py', '    parser.add_argument("--hf_token", type=str, default=\'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\', help="Hugging Face Access Token")'),
  tp('huggingface', GL, 'conf/app.py', 'hf_token = "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"  # Intentionally revealing this key for testing purposes'),
  tp('huggingface', GL, 'conf/app.py', "os.environ['HUGGINGFACEHUB_API_TOKEN'] = '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'"),
  fp('huggingface', GL, 'conf/app.py', 'sel = "hf_requiredCharacteristicTypesForDisplayMetadata"'),
  fp('huggingface', GL, 'conf/app.py', 'sel = "desktop-rhf_SponsoredProductsRemoteRHFSearchEXPSubsK2ClickPagination"'),
  fp('huggingface', GL, 'conf/app.py', 'k = _kHMSymptomhf_generatedByHomeAppForDebuggingPurposesKey'),
  fp('huggingface', GL, 'conf/app.py', 'token = os.environ.get("HF_AUTH_TOKEN", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")'),
  fp('huggingface', GL, 'conf/app.env', 'HUGGINGFACE_API_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
  fp('huggingface', GL, 'conf/app.py', 'API_ORG_EXIST = "APIOrganizationExist"'),
  fp('huggingface', GL, 'conf/app.py', 'body = self.fixtures.load("api_org_96726c78_4ae3_402f_b08b_7a78c6903d2a.xml")'),

  // ---- GitHub and OpenAI (already covered before; kept as a guard)
  tp('github', DS, 'conf/app.py', "GH = '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'"),
  fp('github', DS, 'conf/app.py', "GH = 'foo_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'"),
  tp('openai', DS, 'conf/app.py', "OPENAI = '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'"),
  tp('openai', DS, 'conf/app.py', "OPENAI = 'sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o'"),

  // ---- credentials in URLs (detect-secrets BasicAuthDetector)
  tp('url-password', DS, 'conf/app.py', 'DB = "postgresql://etl:Xk9v2LmQ7p@warehouse:5432/churn"'),
  fp('url-password', DS, 'conf/app.py', 'U = "https://username:password@yelp.com"', 'detect-secrets flags it; username:password is the documentation placeholder'),
  fp('url-password', DS, 'conf/app.py', "U = 'http://localhost:5000/<%= @variable %>'"),
  fp('url-password', DS, 'conf/app.py', 'U = \'"https://url:8000";@something else\''),
  fp('url-password', DS, 'conf/app.py', "U = 'https://url:8000 @something else'"),
  fp('url-password', DS, 'conf/app.py', "U = 'https://url:8000/ @something else'"),

  // ---- private keys in text
  tp('private-key', GL, 'deploy/key.txt.yaml', 'key: |\n  -----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAC4AWkdwKYSd8\n  Ks14IReLcYgADhoXk56ZzXI=\n  -----END PRIVATE KEY-----'),
  tp('private-key', GL, 'deploy/rsa.yaml', 'key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEpQIBAAKCAQEAn6/O8li+SX4m98LLYt/PKSzEmQ++ZBD7Loh9P13f4yQ92EF3\n  yxR5MsXFu9PRsrYQA7/4UTPHiC4y2sAVCBg4C2yyBpUEtMQjyCESi6Y=\n  -----END RSA PRIVATE KEY-----'),
  tp('private-key', GL, 'deploy/pgp.yaml', 'key: |\n  -----BEGIN PGP PRIVATE KEY BLOCK-----\n  lQWGBGSVV4YBDAClvRnxezIRy2Yv7SFlzC0iFiRF/O/jePSw+XYhvcrTaqSYTGic\n  =8xQN\n  -----END PGP PRIVATE KEY BLOCK-----'),
  tp('private-key', DS, 'notes.sh', 'some text here\n-----BEGIN PRIVATE KEY-----\nyabba dabba doo'),
  fp('private-key', GL, 'deploy/doc.yaml', 'key: |\n  -----BEGIN PRIVATE KEY-----\n  anything\n  -----END PRIVATE KEY-----'),
  fp('private-key', GL, 'deploy/doc.yaml', 'key: "-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----"'),
  fp('private-key', DS, 'deploy/doc.yaml', 'key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  super secret private key here\n  -----END RSA PRIVATE KEY-----', 'detect-secrets flags the header alone; gitleaks (and this product) want a key body'),

  // ---- private-key files by name (gitleaks pkcs12-file; ssh keys)
  tp('private-key-file', GL, 'security/es_certificates/opensearch/es_kibana_client.p12', '\u0000binary'),
  tp('private-key-file', GL, 'cagw_key.P12', '\u0000binary'),
  tp('private-key-file', GL, 'ToDo/ToDo.UWP/ToDo.UWP_TemporaryKey.pfx', '\u0000binary'),
  tp('private-key-file', GL, 'deploy/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n'),
  tp('private-key-file', GL, 'certs/server.key', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oqYnG1AJlS1JoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n'),
  fp('private-key-file', GL, 'doc/typenum/type.P126.html', '<p>P126</p>'),
  fp('private-key-file', GL, 'scripts/keeneland/syntest.p1200.sh', 'echo p1200'),
  fp('private-key-file', GL, 'certs/ca.pem', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJq7Nw2pL9xVb4RtY6mKc8HdZs3EwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n', 'a certificate is public'),
  fp('private-key-file', GL, 'deploy/id_ed25519.pub', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGpL9xVb4RtY6mKc8HdZs3FgA5eUoW1iTzQyXv0rBnM ci@example'),
];
