import { isComposeFile } from './local-path';
import { ciProvider } from '../parsers/ci';
import type { FileRule } from '../rule';
import { isTestPath } from './util';

const ENDPOINT = /\b(?:https?|grpc|wss?|redis|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|amqp|tcp):\/\/(?:[^@\s/'"]+@)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?![\w-]|\.\w)(?::\d+)?[^\s'"`)]*/i;

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
    // Example env files document the variable; the code already reads it from the environment.
    if (/(^|\/)\.env\.(example|sample|template|dist)$|\.example$/.test(file.path)) return;
    for (const seg of file.segments) {
      if (!/localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]/.test(seg.text)) continue;
      for (let line = 1; line <= seg.lines.lineCount; line++) {
        const text = seg.lines.lineText(line);
        if (/^\s*(#|\/\/|;)/.test(text)) continue;
        const m = ENDPOINT.exec(text);
        if (!m) continue;
        // Browser origins a server allows (CORS) are not services the code calls.
        if (/cors|origins?\b|allow_origin/i.test(text)) continue;
        const hash = text.indexOf('#');
        if (hash >= 0 && hash < m.index && seg.language === 'python' && !/["'][^"']*#/.test(text.slice(0, m.index))) continue;
        const start = seg.lines.lineStart(line) + m.index;
        report({
          range: seg.lines.range(start, start + m[0].length),
          cell: seg.cell,
          message: `Endpoint '${m[0]}' only exists on the developer's machine: take the service URL from configuration or an environment variable.`,
        });
      }
    }
  },
};
