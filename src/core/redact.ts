// Masks credentials in everything a finding carries before it leaves the engine, so no rule
// (today's or a future one) can print a secret: not in a message, not in `data`, not in any
// output format, diagnostic or report. hardcoded-secret reports the secret; every other rule
// may quote a line, a URL or a path that happens to hold one.

import { findAssignment, findToken, mask, TOKEN_SHAPES } from './secrets';

/** Cheap test: text without any of these cannot hold what the maskers look for. */
const QUICK = /@|AKIA|ASIA|ABIA|ACCA|A3T|_|-|eyJ|AIza|GR1348941|hooks\.slack|AccountKey|SharedAccess|[=:]/;

/** `scheme://user:password@` and `scheme://<token>@`: the credential part of a URL's userinfo. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@"'<>]*):([^\s@/"'<>]+)@/gi;
const URL_TOKEN_USER = /\b([a-z][a-z0-9+.-]*:\/\/)([A-Za-z0-9_-]{20,})@/g;

/**
 * Provider prefixes followed by a shorter body than the full shape: a message may quote a token
 * cut short (`…/ghp_a1B2c3…`), and a cut token is still most of a secret.
 */
const TRUNCATED_TOKEN = /\b(?:(?:gh[pousr]_|github_pat_|gl(?:pat|dt|rt|cbt|ffct|ft|imt|ptt|agent|oas|soat|rtr)-|xox[abposre]-|xoxe\.xox[bp]-|xapp-|[sr]k_(?:live|prod|test)_)[A-Za-z0-9_-]{8,}|(?:sk-ant-|sk-proj-|sk-)[A-Za-z0-9_-]{16,}|(?:hf_|api_org_)[A-Za-z]{16,}|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{8,})/g;

/** Each token shape as a global expression, built once (replace() starts every search at 0). */
const GLOBAL_SHAPES = TOKEN_SHAPES.map((shape) => ({ shape, re: new RegExp(shape.re.source, shape.re.flags.includes('g') ? shape.re.flags : shape.re.flags + 'g') }));

/**
 * Masked text by original text. Every evaluation (every keystroke in the editor) passes the same
 * messages through here again; the cache makes that a lookup. Bounded: cleared when it fills.
 */
const MASKED = new Map<string, string>();
const MASKED_LIMIT = 20_000;

export function redactText(text: string): string {
  if (!QUICK.test(text)) return text;
  const known = MASKED.get(text);
  if (known !== undefined) return known;
  const masked = maskText(text);
  if (MASKED.size >= MASKED_LIMIT) MASKED.clear();
  MASKED.set(text, masked);
  return masked;
}

function maskText(text: string): string {
  let out = text
    .replace(URL_USERINFO, (_, scheme: string, user: string) => `${scheme}${user}:****@`)
    .replace(URL_TOKEN_USER, (whole, scheme: string, user: string) => (/\d/.test(user) && /[A-Za-z]/.test(user) ? `${scheme}****@` : whole));
  for (const { shape, re } of GLOBAL_SHAPES) out = out.replace(re, (token) => (!shape.valid || shape.valid(token) ? mask(token) : token));
  // A cut token still has a digit or length; `hf_hub_download_model` and `ASIA_2023_sales` have neither shape.
  out = out.replace(TRUNCATED_TOKEN, (token) => (/\d/.test(token.slice(4)) || token.length >= 24 ? mask(token) : token));
  return out.split('\n').map(redactAssignments).join('\n');
}

/** `password = "hunter2…"` quoted inside a message: whatever hardcoded-secret would report on the line. */
function redactAssignments(line: string): string {
  for (let guard = 0; guard < 8; guard++) {
    const hit = findAssignment(line, { code: false }) ?? findToken(line);
    if (!hit || hit.value.includes('*')) return line;
    line = line.slice(0, hit.start) + mask(hit.value) + line.slice(hit.end);
  }
  return line;
}

/** Every string inside a finding's `data`, masked (objects and arrays walked, depth bounded). */
export function redactData<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as unknown as T;
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactData(v, depth + 1)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactData(v, depth + 1);
  return out as T;
}

/** The finding as it may be shown: message and data masked. */
export function redactFinding<T extends { message: string; data?: unknown }>(finding: T): T {
  const message = redactText(finding.message);
  if (finding.data === undefined) return message === finding.message ? finding : { ...finding, message };
  return { ...finding, message, data: redactDataOnce(finding.data) };
}

/** A file's findings keep their `data` objects between evaluations: mask each object once. */
const MASKED_DATA = new WeakMap<object, unknown>();
function redactDataOnce<T>(data: T): T {
  if (!data || typeof data !== 'object') return redactData(data);
  if (!MASKED_DATA.has(data)) MASKED_DATA.set(data, redactData(data));
  return MASKED_DATA.get(data) as T;
}
