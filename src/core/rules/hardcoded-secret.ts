import type { FileRule } from '../rule';
import { isTestPath } from './util';

// Provider token shapes (as in gitleaks / GitHub secret scanning) and password-like assignments.
const TOKENS: Array<[RegExp, string]> = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/, 'GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'Slack token'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/, 'Anthropic API key'],
  [/\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/, 'OpenAI-style API key'],
  // `wandb.login(key="…")`, `Client(token="…")`: a long random key handed to a login.
  [/(?<=\b(?:login|auth\w*|authenticate|Client|connect)\s*\([^)]*?\b(?:key|token)\s*=\s*["'])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9_-]{20,}(?=["'])/, 'API key passed to a login'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'Hugging Face token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'Google API key'],
  [/-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP |ENCRYPTED )?PRIVATE KEY-----/, 'private key'],
  [/\b(?:AccountKey|SharedAccessSignature)=[A-Za-z0-9+/=%]{20,}/, 'Azure storage key'],
];
const ASSIGNMENT = /\b((?:[A-Za-z_][A-Za-z0-9_]*?)?(?:password|passwd|pwd|secret|secret_?key|signing_?key|api_?key|access_?key|access_token|auth_token|private_key|client_secret|token))["']?\]?\s*(?:=|:)\s*(?:[rbuRBU]?["']([^"'\n]{6,})["']|([^\s"'#,;{}()]{8,}))/i;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:([^@\s/"']{4,})@/i;
const PLACEHOLDER = /^(?:x{3,}.*|\*{3,}|changeme|change[-_]?me|your[-_ a-z]*|<[^>]*>|\{\{.*\}\}|\$\{?.*|%\(.*|example.*|dummy.*|test.*|secret|password|passwd|none|null|todo|tbd|placeholder|redacted|\.{3,}|os\.environ.*|getenv.*|env\(.*)$/i;

/** Every pattern below needs one of these words or shapes: lines without any are skipped unread. */
const QUICK = /AKIA|ASIA|gh[pousr]_|github_pat_|xox[abprs]-|sk-|hf_|AIza|PRIVATE KEY|AccountKey|SharedAccess|passw|pwd|secret|key|token|:\/\/[^/\s]*@/i;
const QUICK_ALL = new RegExp(QUICK.source, 'gi');

/** 1-based lines of a segment that hold a QUICK match: one pass over the text, not one test per line. */
function candidateLines(seg: { text: string; lines: { position(offset: number): { line: number }; lineStart(line: number): number } }): number[] {
  const out: number[] = [];
  QUICK_ALL.lastIndex = 0;
  for (let m = QUICK_ALL.exec(seg.text); m; m = QUICK_ALL.exec(seg.text)) {
    const line = seg.lines.position(m.index).line;
    out.push(line);
    QUICK_ALL.lastIndex = Math.max(QUICK_ALL.lastIndex, seg.lines.lineStart(line + 1));
  }
  return out;
}

/** `tiktoken = ">=0.5.1"`: a dependency's version range, not a credential. */
const VERSION_SPEC = /^(?:[<>=~^!]=?\s*)?v?\d+(?:\.[\d*]+)*(?:[a-z]+\d*)?(?:\s*,\s*[<>=~!^]=?\s*\d+(?:\.[\d*]+)*)*$|^\*$/i;

const CODE_KINDS = new Set(['python', 'notebook', 'r', 'jenkinsfile']);
/** Tokenizer roles (`mask_token="[MASK]"`, `eos_token="</s>"`): vocabulary, not credentials. */
const TOKENIZER_ROLE = /(?:^|_)(?:pad|unk|mask|cls|sep|bos|eos|eot|sot|start|end|image|audio|video|special|additional_special|sentinel|prefix|suffix|middle|fim|think|tool|pad_to|last|next|first)_?tokens?$/i;
const TOKENIZER_VALUE = /^(?:\[[A-Z_]+\]|<\|?[^>]*\|?>|<\/?[a-z]+>|\W{1,3})$/;

/** `hf_xxxxxxxx`, `sk-XXXXXXXX…`, `ghp_************`: a placeholder once the provider prefix is off. */
function isPlaceholderToken(value: string): boolean {
  const body = value.replace(/^(?:sk-ant-|sk-proj-|sk-|hf_|gh[pousr]_|github_pat_|xox[abprs]-|AIza|AKIA|ASIA)/, '');
  return PLACEHOLDER.test(body) || /^(.)\1+$/.test(body.replace(/[-_]/g, '')) || /x{6,}|X{6,}|\*{4,}|\.{3,}|your|example|dummy|placeholder/i.test(body) || distinct(body) < 6;
}

/**
 * Keys and tokens are random; `"sk-no-key-required"`, `"lm-studio"`, `"not-needed"` (local LLM
 * servers) are words. A value of lowercase words is a placeholder for keys and tokens — but
 * not for passwords, which people do make of words.
 */
function wordsOnlyKey(name: string, value: string): boolean {
  if (/pass|pwd/i.test(name)) return false;
  return /^(?:sk-)?[a-z]+(?:[-_][a-z]+)*$/.test(value) || /abc123|123456|no[-_]?key|not[-_]?(?:needed|required|used|set)|fake|local/i.test(value);
}

function distinct(s: string): number {
  return new Set(s).size;
}

function mask(value: string): string {
  return value.length <= 4 ? '****' : `${value.slice(0, 4)}${'*'.repeat(Math.min(8, value.length - 4))}`;
}

export const hardcodedSecret: FileRule = {
  id: 'hardcoded-secret',
  pillar: 'abstract-infrastructure',
  severity: 'error',
  weight: 2,
  title: 'Credential literal committed in code or config',
  scope: 'file',
  kinds: ['python', 'notebook', 'yaml', 'json', 'toml', 'ini', 'env', 'shell', 'r', 'jenkinsfile', 'makefile'],
  check(file, report) {
    if (isTestPath(file.path) || /(^|\/)\.env\.(example|sample|template)$|\.example$/.test(file.path)) return;
    for (const seg of file.segments) {
      for (const line of candidateLines(seg)) {
        const text = seg.lines.lineText(line);
        if (/^\s*(#|\/\/)/.test(text) && !/PRIVATE KEY/.test(text)) continue;
        const offset = seg.lines.lineStart(line);
        let hit: { start: number; end: number; what: string; value: string } | undefined;
        for (const [re, what] of TOKENS) {
          const m = re.exec(text);
          if (m && !isPlaceholderToken(m[0])) {
            hit = { start: m.index, end: m.index + m[0].length, what, value: m[0] };
            break;
          }
        }
        if (!hit) {
          const m = ASSIGNMENT.exec(text);
          const value = m ? (m[2] ?? m[3]) : undefined;
          // In code an unquoted right-hand side is an expression (os.getenv(…), settings.key), not a literal.
          const expression = !!m && m[2] === undefined && (CODE_KINDS.has(file.kind) || /^[([.]/.test(text.slice(m.index + m[0].length)));
          const notACredential = !!m && (TOKENIZER_ROLE.test(m[1]) || TOKENIZER_VALUE.test(value?.trim() ?? '') || VERSION_SPEC.test(value?.trim() ?? ''));
          if (m && value && !expression && !notACredential && !PLACEHOLDER.test(value.trim()) && !isPlaceholderToken(value.trim()) && !wordsOnlyKey(m[1], value.trim()) && distinct(value) >= 4 && !/\s/.test(value.trim()) && !/^[A-Z_]+$/.test(value) && !/[({]/.test(value)) {
            const start = text.indexOf(value, m.index + m[1].length);
            hit = { start, end: start + value.length, what: `value of ${m[1]}`, value };
          }
        }
        if (!hit) {
          const m = URL_PASSWORD.exec(text);
          if (m && !PLACEHOLDER.test(m[1])) {
            const start = text.indexOf(m[1], m.index);
            hit = { start, end: start + m[1].length, what: 'password in a connection URL', value: m[1] };
          }
        }
        if (!hit) continue;
        report({
          range: seg.lines.range(offset + hit.start, offset + hit.end),
          cell: seg.cell,
          message: `Hard-coded credential (${hit.what}: ${mask(hit.value)}): read it from the environment or a secret manager, and rotate it — it is in the history now.`,
        });
      }
    }
  },
};
