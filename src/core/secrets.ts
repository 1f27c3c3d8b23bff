// What a credential looks like, shared by the hardcoded-secret rule (which reports them) and
// redact.ts (which masks them in every message the product prints). Token shapes follow the
// published rules of gitleaks and GitHub secret scanning; names follow gitleaks' generic rule
// and detect-secrets' keyword detector (see test/unit/peer-secrets for the samples).

export interface SecretHit {
  /** Offsets in the scanned line. */
  start: number;
  end: number;
  what: string;
  value: string;
}

interface TokenShape {
  re: RegExp;
  what: string;
  /** Extra test of the matched text (a JWT's header must be JSON). */
  valid?: (match: string) => boolean;
}

/** `wandb.login(key="…")`, `Client(token="…")`: a long random key handed to a login. */
const LOGIN_SHAPE: TokenShape = {
  re: /(?<=\b(?:login|auth\w*|authenticate|Client|connect)\s*\([^)]*?\b(?:key|token)\s*=\s*["'])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9_-]{20,}(?=["'])/,
  what: 'API key passed to a login',
};

/** Provider token shapes. Each must also pass `isPlaceholderToken` to count. */
export const TOKEN_SHAPES: readonly TokenShape[] = [
  { re: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[0-9A-Z]{16}\b/, what: 'AWS access key id' },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: 'GitHub token' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/, what: 'GitHub token' },
  { re: /\bgl(?:pat|dt|rt|cbt|ffct|ft|soat|rtr)-[0-9A-Za-z_-]{20,}(?![\w-])|\bglimt-[0-9A-Za-z_-]{25}(?![\w-])|\bglptt-[0-9A-Za-z_-]{40}(?![\w-])|\bglagent-[0-9A-Za-z_-]{50,1024}(?![\w-])|\bgloas-[0-9A-Za-z_-]{64}(?![\w-])|\bGR1348941[0-9A-Za-z_-]{20,50}(?![\w-])/, what: 'GitLab token' },
  // Bot, user, workspace and legacy tokens carry numeric ids; config and refresh tokens a long body.
  { re: /\bxox[abposre]-(?:\d-)?\d{6,}-[A-Za-z0-9-]*[A-Za-z0-9](?![\w#*-])|\bxoxe\.xox[bp]-\d-[A-Za-z0-9]{100,}|\bxoxe-\d-[A-Za-z0-9]{100,}|\bxapp-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+/, what: 'Slack token' },
  { re: /(?:\bhttps?:\/\/)?\bhooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{30,}/, what: 'Slack webhook URL' },
  { re: /\bsk-ant-[A-Za-z0-9_-]{20,}/, what: 'Anthropic API key' },
  { re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/, what: 'OpenAI-style API key' },
  LOGIN_SHAPE,
  { re: /\b(?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{10,}\b/, what: 'Stripe secret key' },
  { re: /\bhf_[A-Za-z0-9]{34}(?![A-Za-z0-9])/, what: 'Hugging Face token' },
  { re: /\bapi_org_[A-Za-z]{34}(?![A-Za-z0-9])/, what: 'Hugging Face organization token' },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'Google API key' },
  { re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/, what: 'JSON Web Token', valid: isJwt },
  { re: /\b(?:AccountKey|SharedAccessSignature)=[A-Za-z0-9+/=%]{20,}/, what: 'Azure storage key' },
];

export const PRIVATE_KEY_HEADER = /-----BEGIN[ A-Z0-9_]{0,100}PRIVATE KEY(?: BLOCK)?-----/;

/** `scheme://user:password@host`: the password group. */
export const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"'<>]+:([^@\s/"'<>]{4,})@/i;

export const PLACEHOLDER = /^(?:x{3,}.*|\*{3,}|changeme|change[-_]?me|your[-_ a-z]*|<[^>]*>|\{\{.*\}\}|\$\{?.*|%\(.*|example.*|dummy.*|test.*|secret|password|passwd|none|null|todo|tbd|placeholder|redacted|\.{3,}|os\.environ.*|getenv.*|env\(.*)$/i;

const PROVIDER_PREFIX = /^(?:sk-ant-|sk-proj-|sk-|sk_live_|rk_live_|sk_prod_|rk_prod_|hf_|api_org_|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|cbt|ffct|ft|imt|ptt|agent|oas|soat|rtr)-|xox[abposre]-|xoxe\.xox[bp]-|xapp-|AIza|AKIA|ASIA|ABIA|ACCA)/;

/** `hf_xxxxxxxx`, `sk-XXXXXXXX…`, `ghp_************`, `AKIA…EXAMPLE`: a placeholder once the provider prefix is off. */
export function isPlaceholderToken(value: string): boolean {
  const body = value.replace(/^(?:https?:\/\/)?hooks\.slack\.com\/\w+\//, '').replace(PROVIDER_PREFIX, '');
  return PLACEHOLDER.test(body) || /^(.)\1+$/.test(body.replace(/[-_/]/g, '')) || /x{6,}|X{6,}|\*{4,}|\.{3,}|#{3,}/.test(body) || /your|example|dummy|placeholder|fake|YOUR|EXAMPLE|DUMMY|PLACEHOLDER|FAKE|^Your|^Example/.test(body) || distinct(body) < 6;
}

/** A value that starts like a provider token but has not its shape (`xoxp-1234567890`): a stand-in. */
export function isMalformedProviderToken(value: string): boolean {
  if (!PROVIDER_PREFIX.test(value)) return false;
  return !TOKEN_SHAPES.some((s) => {
    const m = s.re.exec(value);
    return !!m && m.index === 0;
  });
}

/** Header and payload of a JWT decode to JSON objects (`eyJAAAA.eyJBBB` does not). */
function isJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  return isJsonObject(header) && isJsonObject(payload);
}

function isJsonObject(part: string | undefined): boolean {
  if (!part) return false;
  try {
    const text = decodeBase64Url(part);
    const value = JSON.parse(text) as unknown;
    return !!value && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url to a binary string (no `atob`: the core runs where it may be missing). */
function decodeBase64Url(s: string): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const c of s.replace(/=+$/, '')) {
    const v = B64.indexOf(c === '+' ? '-' : c === '/' ? '_' : c);
    if (v < 0) throw new Error('not base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

export function distinct(s: string): number {
  return new Set(s).size;
}

/** The login shape looks behind every position; it is gated on its call instead of joining ANY_TOKEN_SHAPE. */
const LOGIN_CALL = /\b(?:login|auth\w*|authenticate|Client|connect)\s*\(/;
/**
 * Every other shape in one expression: a line none of them matches (most lines a pre-filter
 * keeps, `tokenizer = …`) is answered by one search instead of one per shape.
 */
const ANY_TOKEN_SHAPE = new RegExp(TOKEN_SHAPES.filter((s) => s !== LOGIN_SHAPE).map((s) => `(?:${s.re.source})`).join('|'));

/** The first provider token on a line that is not a placeholder. */
export function findToken(line: string): SecretHit | undefined {
  if (!ANY_TOKEN_SHAPE.test(line) && !LOGIN_CALL.test(line)) return undefined;
  for (const shape of TOKEN_SHAPES) {
    const m = shape.re.exec(line);
    // A presigned S3 URL carries its access key id by design (`X-Amz-Credential=AKIA…`): the URL is meant to be handed out.
    if (m && /X-Amz-Credential=$/i.test(line.slice(Math.max(0, m.index - 17), m.index))) continue;
    if (m && !isPlaceholderToken(m[0]) && (!shape.valid || shape.valid(m[0]))) return { start: m.index, end: m.index + m[0].length, what: shape.what, value: m[0] };
  }
  return undefined;
}

export function findUrlPassword(line: string): SecretHit | undefined {
  const m = URL_PASSWORD.exec(line);
  // `f"mysql://{user}:{password}@{host}"`: an f-string or format placeholder, filled in at run time.
  if (!m || PLACEHOLDER.test(m[1]) || /^\{.*\}$/.test(m[1])) return undefined;
  const start = line.indexOf(m[1], m.index);
  return { start, end: start + m[1].length, what: 'password in a connection URL', value: m[1] };
}

// ---------------------------------------------------------------- names

/** Whole words of a name that make it a credential's name. */
const STRONG_WORDS = new Set(['password', 'passwords', 'passwd', 'passphrase', 'pwd', 'pass', 'secret', 'secrete', 'token', 'apikey', 'credential', 'credentials', 'creds', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'accesstoken', 'clientsecret']);
/** A word pair that names a key (`api_key`, `private-key`, `AccountKey`); `key` alone is too noisy. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'signing', 'secret', 'encryption', 'master', 'account', 'client', 'license', 'service', 'subscription', 'app', 'consumer', 'shared']);
/** `user_auth`: a credential only when the value is random enough. */
const WEAK_WORDS = new Set(['auth']);
/** Last word that makes the name describe the credential instead of holding it (`secret_name`, `token_url`, `credentialsId`). */
const DESCRIBES = new Set(['id', 'ids', 'name', 'names', 'url', 'urls', 'uri', 'endpoint', 'path', 'file', 'filename', 'dir', 'length', 'len', 'size', 'type', 'types', 'version', 'count', 'env', 'var', 'variable', 'field', 'header', 'param', 'prefix', 'suffix', 'pattern', 'regex', 'format', 'label', 'description', 'desc', 'hint', 'help', 'policy', 'mode', 'method', 'provider', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'scope', 'scopes', 'limit', 'min', 'max', 'required', 'enabled', 'source', 'location', 'ref', 'arn', 'template', 'prompt', 'lifetime', 'rotation', 'store', 'manager', 'backend', 'key', 'keys', 'hash', 'alias', 'input', 'selector', 'class', 'question', 'reset', 'confirm', 'confirmation', 'strength', 'rules', 'validator', 'placeholder', 'index', 'position', 'pos', 'list']);
/** Words before the keyword that make it public or not a credential (`csrf-token`, `publicToken`, a presigned URL's `X-Amz-Credential`). */
const NOT_SECRET_QUALIFIERS = new Set(['amz', 'goog', 'csrf', 'xsrf', 'public', 'pub', 'publishable', 'page', 'next', 'continuation', 'cancellation', 'sync', 'max', 'num', 'n']);

/** Lower-case words of an identifier: `mySecretString` → my, secret, string; `AWS_SECRET_ACCESS_KEY` → aws, secret, access, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** 'strong' for `password_super_secure`, `some_api_token_123`, `db_pass`; 'weak' for `user_auth`; undefined otherwise. */
export function credentialName(name: string): 'strong' | 'weak' | undefined {
  const words = nameWords(name);
  if (!words.length) return undefined;
  if (DESCRIBES.has(words[words.length - 1]) && !(words.length >= 2 && KEY_QUALIFIERS.has(words[words.length - 2]) && /^keys?$/.test(words[words.length - 1]))) return undefined;
  let found: 'strong' | 'weak' | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const keyPair = /^keys?$/.test(w) && i > 0 && KEY_QUALIFIERS.has(words[i - 1]);
    const strong = STRONG_WORDS.has(w) || keyPair;
    if (!strong && !WEAK_WORDS.has(w)) continue;
    const before = words.slice(0, keyPair ? i - 1 : i);
    if (before.some((b) => NOT_SECRET_QUALIFIERS.has(b))) return undefined;
    if (strong) return 'strong';
    found = 'weak';
  }
  return found;
}

// ---------------------------------------------------------------- assignments

/**
 * `name = "v"`, `"name": "v"`, `name: v`, `NAME=v`, `name := "v"`, `name ?= "v"`, `name => "v"`,
 * `os.environ["NAME"] = "v"`, `f(name="v")`: name, operator and the start of the value.
 */
const ASSIGN = /(?<![\w.$-])(["']?)([A-Za-z_$][\w$.-]*)\1\]?[ \t]*(:{1,3}=|\?=|=>|=|:)(?![=:/])[ \t]*/g;
/** `os.getenv("API_TOKEN", "dafa7817-…")`: a default that is the secret itself. */
const ENV_DEFAULT = /\b(?:getenv|environ\.get|get_env|GetEnvOrDefault|getenv_or_default|Sys\.getenv)\s*\(\s*["']([\w.-]+)["']\s*,\s*(?:default\s*=\s*)?(["'])([^"'\n]{6,})\2/;

/** `tiktoken = ">=0.5.1"`: a dependency's version range, not a credential. */
const VERSION_SPEC = /^(?:[<>=~^!]=?\s*)?v?\d+(?:\.[\d*]+)*(?:[a-z]+\d*)?(?:\s*,\s*[<>=~!^]=?\s*\d+(?:\.[\d*]+)*)*$|^\*$/i;
/** Tokenizer roles (`mask_token="[MASK]"`, `eos_token="</s>"`): vocabulary, not credentials. */
const TOKENIZER_ROLE = /(?:^|_)(?:pad|unk|mask|cls|sep|bos|eos|eot|sot|start|end|image|audio|video|special|additional_special|sentinel|prefix|suffix|middle|fim|think|tool|pad_to|last|next|first)_?tokens?$/i;
const TOKENIZER_VALUE = /^(?:\[[A-Z_]+\]|<\|?[^>]*\|?>|<\/?[a-z]+>|\W{1,3})$/;
/** `${DB_PASSWORD}`, `{{ vault_pw }}`, `$(cat …)`, `%(pw)s`, `<%= … %>`: filled in elsewhere. */
const INTERPOLATION = /\$\{[\w.:-]*\}|\$\{\{|\{\{\s*[\w.|'" ()-]+?\s*\}\}|\$\([\w .-]+\)|%\(\w+\)s|<%.*%>|^\$[A-Z_]+$/;

/**
 * Keys and tokens are random; `"sk-no-key-required"`, `"lm-studio"`, `"not-needed"` (local LLM
 * servers) are words. A value of lowercase words is a placeholder for keys and tokens — but
 * not for passwords, which people do make of words (unless it reads like an identifier, `real_key`).
 */
function wordsOnly(name: string, value: string): boolean {
  if (/^_*[a-z]+(?:_[a-z]+)+_*$/.test(value)) return true;
  if (/pass|pwd/i.test(name)) return false;
  // `AWS_SECRET_ACCESS_KEY: "Randomstr"`: one word, capitalised or not, is no access key or token
  // (they are long and random). A `SECRET_KEY` or `JWT_SECRET` may be a word someone chose.
  if (/(?:access_?key|api_?key|token)$/i.test(name) && /^[A-Z]?[a-z]+$/.test(value) && value.length < 20) return true;
  return /^(?:sk-)?[a-z]+(?:[-_][a-z]+)*$/.test(value) || /abc123|123456|no[-_]?key|not[-_]?(?:needed|required|used|set)|local/i.test(value);
}

export interface AssignmentOptions {
  /** In code an unquoted right-hand side is an expression (`os.getenv(…)`, `settings.key`), not a literal. */
  code: boolean;
}

/** A literal assigned to a credential's name on this line, if any. */
export function findAssignment(line: string, options: AssignmentOptions): SecretHit | undefined {
  // Every ENV_DEFAULT function is named with `env`/`Env`; every ASSIGN operator holds `=` or `:`.
  const env = line.includes('env') || line.includes('Env') ? ENV_DEFAULT.exec(line) : null;
  if (env && credentialName(env[1]) && acceptable(env[1], env[3], 'strong')) {
    const start = env.index + env[0].length - 1 - env[3].length;
    return { start, end: start + env[3].length, what: `value of ${env[1]}`, value: env[3] };
  }
  if (!line.includes('=') && !line.includes(':')) return undefined;
  ASSIGN.lastIndex = 0;
  for (let m = ASSIGN.exec(line); m; m = ASSIGN.exec(line)) {
    const name = m[2];
    const at = m.index + m[0].length;
    // In code only a quoted literal is a value (literalAt): most assignments are expressions,
    // and their names need not be split into words.
    if (options.code && !opensQuotedLiteral(line.charCodeAt(at))) continue;
    const strength = credentialName(name);
    if (!strength || TOKENIZER_ROLE.test(name)) continue;
    const value = literalAt(line, at, options.code);
    if (!value || !acceptable(name, value.text, strength)) continue;
    return { start: value.start, end: value.start + value.text.length, what: `value of ${name}`, value: value.text };
  }
  return undefined;
}

const QUOTED_AT = /(?:[rbuRBU]{0,2}|@)(["'`])((?:(?!\1)[^\n])*)\1/y;
/** Can QUOTED_AT match at a character: a quote, a string prefix letter or `@`? */
const opensQuotedLiteral = (c: number) => c === 34 || c === 39 || c === 96 || c === 64 || c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85;
const BARE_AT = /[^\s"'`{[(&*!|>#][^\s"'`]*/y;

/** The literal that starts at `at`: quoted (any quote, Python prefixes), or a bare word where bare words are values. */
function literalAt(line: string, at: number, code: boolean): { start: number; text: string } | undefined {
  // Sticky matches at `at`: no copy of the rest of the line per candidate (minified JSON has thousands).
  QUOTED_AT.lastIndex = at;
  const quoted = QUOTED_AT.exec(line);
  if (quoted) return quoted[2].length >= 6 ? { start: at + quoted[0].indexOf(quoted[1]) + 1, text: quoted[2] } : undefined;
  if (code) return undefined;
  // Bare values (YAML, .env, INI, Makefile): a `#` inside a value belongs to it; a trailing `,`/`;`/quote does not.
  BARE_AT.lastIndex = at;
  const bare = BARE_AT.exec(line);
  if (!bare) return undefined;
  const text = bare[0].replace(/[,;`"')\]}]+$/, '');
  return text.length >= 8 ? { start: at, text } : undefined;
}

function acceptable(name: string, raw: string, strength: 'strong' | 'weak'): boolean {
  const value = raw.trim();
  if (!/[A-Za-z0-9]/.test(value) || /\s/.test(value) || distinct(value) < 4) return false;
  if (PLACEHOLDER.test(value) || isPlaceholderToken(value) || isMalformedProviderToken(value) || wordsOnly(name, value)) return false;
  if (TOKENIZER_VALUE.test(value) || VERSION_SPEC.test(value) || INTERPOLATION.test(value)) return false;
  // ALL_CAPS names (`PASSWORD`, `HF_TOKEN`) are the names of variables, calls are expressions,
  // paths and URLs are locations.
  // File names (`GOOGLE_APPLICATION_CREDENTIALS = "my_key.json"`) say where the secret is, not what.
  if (/\.(?:json|pem|key|p12|pfx|txt|ya?ml|cfg|ini|env|toml|csv|pkl|crt|cer)$/i.test(value)) return false;
  if (/^[A-Z_]+$/.test(value) || /^[\w.]+\(.*\)?$/.test(value) || /^(?:\.{0,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value)) return false;
  if (strength === 'weak') return value.length >= 16 && distinct(value) >= 10 && /\d/.test(value) && /[A-Za-z]/.test(value);
  return true;
}

/**
 * Masked form shown in messages: the first four characters (a provider prefix says what kind of
 * secret it is), then a fixed eight stars. A value under twelve characters shows nothing: four of
 * a six-character password, and its length, are most of it.
 */
export function mask(value: string): string {
  return value.length < 12 ? '********' : `${value.slice(0, 4)}********`;
}
