import { ciProvider } from '../parsers/ci';
import { registerWords, wordsOf } from '../parsers/words';
import { assignedName, enclosingCall, tokensOf, type Token } from '../parsers/python';
import type { CodeSegment } from '../parsed';
import type { FileReport, FileRule } from '../rule';
import { isComposeFile, isEnvironmentProfile } from './local-path';
import { isTestPath } from './util';

const ENDPOINT = /\b(?:https?|grpc|wss?|redis|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|amqp|tcp):\/\/(?:[^@\s/'"]+@)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?![\w-]|\.\w)(?::\d+)?[^\s'"`)]*/i;
const HINT = /localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]/;
/** HINT's hosts, which ENDPOINT needs one of (as written: an upper-case LOCALHOST is not looked at), found in the shared word pass. */
const HOSTS = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]'];
registerWords(HOSTS);
/** Calls whose string arguments are messages, not addresses the code connects to. */
const MESSAGE_CALL = /(?:^|\.)(?:print|echo|secho|info|debug|warning|warn|error|exception|critical|log|write|markdown|success|caption|text|title|header|subheader|format)$/;
/** Calls whose second argument is a fallback the environment overrides (`os.getenv`, `os.environ.get`, `config(…)`). */
const ENV_DEFAULT_CALL = /(?:^|\.)(?:getenv|setdefault|env|config)$|(?:environ|env|config)[\w.]*\.get$/;

/** The text before a literal that is the fallback of an environment lookup: `os.environ.get("X") or `, `getenv("X") or `. */
const ENV_LOOKUP_OR = /(?:getenv|environ(?:\.get)?|(?:env|config)\.get)\s*(?:\([^()\n]*\)|\[[^\]\n]*\])\s*or\s*$/;
/** A regular expression's anchor before the URL (`"^http://localhost"`), or a pattern key whose string holds it. */
const PATTERN_BEFORE = /\^$|"(?:pattern|regex|regexp)"\s*:\s*"[^"]*$/i;
/** `"dev:local": "API_URL=http://127.0.0.1:2024 next dev"`: a variable a command sets for a local run (a command follows). */
const VARIABLE_OF_A_COMMAND = /\b[A-Z][A-Z0-9_]*=$/;

const message = (url: string) =>
  `Endpoint '${url}' only exists on the developer's machine: take the service URL from configuration or an environment variable.`;

export const localhostEndpoint: FileRule = {
  id: 'localhost-endpoint',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 1,
  title: 'Service endpoint on localhost in non-test code',
  scope: 'file',
  kinds: ['python', 'notebook', 'yaml', 'json', 'toml', 'ini', 'env', 'r'],
  check(file, report) {
    // Tests, CI service containers and compose health checks talk to localhost by design.
    if (isTestPath(file.path) || isComposeFile(file.path) || ciProvider(file.path) || /(^|\/)\.(vscode|devcontainer)\//.test(file.path)) return;
    // Env files and per-environment profiles are the configuration the message asks for.
    if (isEnvironmentProfile(file.path, file.kind) || /(^|\/)(\.env\.[\w.-]+|[\w.-]*\.env|[\w.-]+\.example)$/.test(file.path)) return;
    for (const seg of file.segments) {
      const words = wordsOf(seg);
      if (!HOSTS.some((h) => words.has(h))) continue;
      if (seg.language === 'python') checkPython(seg, report);
      else checkLines(seg, report);
    }
  },
};

/** Python: only string literals, and not messages, env-var fallbacks or CORS allow-lists. */
function checkPython(seg: CodeSegment, report: (r: FileReport) => void): void {
  const tokens = tokensOf(seg);
  for (let i = 0; i < tokens.length; i++) {
    const t: Token = tokens[i];
    if (t.type !== 'string' || !HINT.test(t.value)) continue;
    const m = ENDPOINT.exec(t.value);
    if (!m) continue;
    const call = enclosingCall(tokens, i);
    if (call && MESSAGE_CALL.test(call.callee)) continue;
    if (call && call.argIndex >= 1 && ENV_DEFAULT_CALL.test(call.callee)) continue;
    // `os.getenv("OLLAMA_HOST") or "http://localhost:11434"`: the same fallback, spelt with `or`.
    if (ENV_LOOKUP_OR.test(seg.text.slice(Math.max(0, t.start - 200), t.start))) continue;
    const name = call?.keyword ?? assignedName(tokens, i) ?? '';
    if (/cors|origin/i.test(name) || /cors|origin/i.test(lineOf(seg, t.start))) continue;
    // A URL inside prose (a prompt, a help text) is not a connection: the literal must be the URL.
    if (m.index > 0 && /\s/.test(t.value.slice(0, m.index))) continue;
    const start = t.bodyStart! + m.index;
    report({ range: seg.lines.range(start, start + m[0].length), cell: seg.cell, message: message(m[0]) });
  }
}

function lineOf(seg: CodeSegment, offset: number): string {
  return seg.lines.lineText(seg.lines.position(offset).line);
}

function checkLines(seg: CodeSegment, report: (r: FileReport) => void): void {
  for (let line = 1; line <= seg.lines.lineCount; line++) {
    const text = seg.lines.lineText(line);
    if (/^\s*(#|\/\/|;)/.test(text)) continue;
    const m = ENDPOINT.exec(text);
    if (!m) continue;
    // Browser origins a server allows (CORS) are not services the code calls.
    if (/cors|origins?\b|allow_origin/i.test(text)) continue;
    const hash = text.indexOf('#');
    if (hash >= 0 && hash < m.index) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    if (PATTERN_BEFORE.test(before)) continue;
    if (VARIABLE_OF_A_COMMAND.test(before) && /^[ \t]+[\w.-]/.test(text.slice(m.index + m[0].length))) continue;
    const start = seg.lines.lineStart(line) + m.index;
    report({ range: seg.lines.range(start, start + m[0].length), cell: seg.cell, message: message(m[0]) });
  }
}
