// A small stand-in for node:assert, aliased into the web-worker test bundle (there is no Node
// there). Covers what the integration tests use; extend when a test needs more.
class AssertionError extends Error {
  constructor(message: string, public actual?: unknown, public expected?: unknown) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v: unknown) => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'Failed');
}

function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message ?? `Expected a truthy value, got ${show(value)}`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const assert = Object.assign((value: unknown, message?: string | Error) => ok(value, message), {
  AssertionError,
  ok,
  fail,
  equal(a: unknown, b: unknown, m?: string | Error) {
    // eslint-disable-next-line eqeqeq
    if (a != b) fail(m ?? `${show(a)} == ${show(b)}`);
  },
  notEqual(a: unknown, b: unknown, m?: string | Error) {
    // eslint-disable-next-line eqeqeq
    if (a == b) fail(m ?? `${show(a)} != ${show(b)}`);
  },
  strictEqual(a: unknown, b: unknown, m?: string | Error) {
    if (!Object.is(a, b)) fail(m ?? `Expected values to be strictly equal:\n  actual:   ${show(a)}\n  expected: ${show(b)}`);
  },
  notStrictEqual(a: unknown, b: unknown, m?: string | Error) {
    if (Object.is(a, b)) fail(m ?? `Expected ${show(a)} to differ from ${show(b)}`);
  },
  deepStrictEqual(a: unknown, b: unknown, m?: string | Error) {
    if (!deepEqual(a, b)) fail(m ?? `Expected values to be deeply equal:\n  actual:   ${show(a)}\n  expected: ${show(b)}`);
  },
  deepEqual(a: unknown, b: unknown, m?: string | Error) {
    if (!deepEqual(a, b)) fail(m ?? `Expected values to be deeply equal:\n  actual:   ${show(a)}\n  expected: ${show(b)}`);
  },
  notDeepStrictEqual(a: unknown, b: unknown, m?: string | Error) {
    if (deepEqual(a, b)) fail(m ?? `Expected values not to be deeply equal: ${show(a)}`);
  },
  match(s: string, re: RegExp, m?: string | Error) {
    if (!re.test(s)) fail(m ?? `${show(s)} does not match ${re}`);
  },
  doesNotMatch(s: string, re: RegExp, m?: string | Error) {
    if (re.test(s)) fail(m ?? `${show(s)} matches ${re}`);
  },
  throws(fn: () => unknown, _expected?: unknown, m?: string | Error) {
    try {
      fn();
    } catch {
      return;
    }
    fail(typeof _expected === 'string' ? _expected : m ?? 'Missing expected exception.');
  },
  async rejects(p: Promise<unknown> | (() => Promise<unknown>), _expected?: unknown, m?: string | Error) {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch {
      return;
    }
    fail(typeof _expected === 'string' ? _expected : m ?? 'Missing expected rejection.');
  },
  async doesNotReject(p: Promise<unknown> | (() => Promise<unknown>)) {
    await (typeof p === 'function' ? p() : p);
  },
  doesNotThrow(fn: () => unknown) {
    fn();
  },
});

(assert as unknown as { strict: unknown }).strict = assert;
export = assert;
