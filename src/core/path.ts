// Tiny POSIX path helpers: the core runs in the browser too, where Node's `path` is absent.

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '' && p !== '.').join('/');
  return normalize(joined || '.');
}

/** What normalize would change: an empty segment (`//`, a trailing `/`), a `.` or a `..` segment. */
const NEEDS_NORMALIZING = /\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

export function normalize(p: string): string {
  // Most paths (every walked file's) are normal already: no split, no array, no new string.
  if (p && !NEEDS_NORMALIZING.test(p)) return p;
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && absolute) continue;
    else out.push(seg);
  }
  const body = out.join('/');
  return absolute ? '/' + body : body || '.';
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function extname(p: string): string {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i).toLowerCase();
}

/** `child` relative to `parent`, both workspace-relative; "." when equal. */
export function relative(parent: string, child: string): string {
  if (parent === '.' || parent === '') return child;
  if (child === parent) return '.';
  return child.startsWith(parent + '/') ? child.slice(parent.length + 1) : child;
}

export function isInside(parent: string, child: string): boolean {
  return parent === '.' || child === parent || child.startsWith(parent + '/');
}
