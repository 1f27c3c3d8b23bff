// A real editor as the client: Debian's Neovim, headless, with the server configured the way the
// README tells users to (vim.lsp.start, or start_client + buf_attach_client on Neovim 0.7, which
// Debian 12 ships). It opens a Python file with a machine-local path and reads our diagnostic
// back through vim.diagnostic.get(), then asks for the quick fixes.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, tempRepo } from './client';

const NVIM = process.env.POC_NVIM ?? 'nvim';

const SCRIPT = String.raw`
local out = vim.env.POC_OUT
local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end
local config = {
  name = 'poc-readiness',
  cmd = { vim.env.POC_NODE, vim.env.POC_CLI, 'lsp', '--stdio' },
  root_dir = vim.env.POC_ROOT,
  init_options = { pocReadiness = { debounceMs = 50 } },
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, client_id)
end
local got = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == 'poc-readiness' then return true end
  end
  return false
end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, source = d.source,
    code = d.code or lsp.code,
    href = (lsp.codeDescription or {}).href,
  })
end
local titles = {}
local target
for _, d in ipairs(diagnostics) do
  if d.code == 'local-path' then target = d end
end
if target then
  -- What vim.lsp.buf.code_action() sends on that line: the line's diagnostics in LSP form.
  local line_diagnostics
  if vim.lsp.diagnostic.get_line_diagnostics then
    line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, target.lnum)
  else
    line_diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(0, { lnum = target.lnum })) do
      table.insert(line_diagnostics, { code = d.code, message = d.message, range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } } })
    end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    context = { diagnostics = line_diagnostics },
  }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}
  for _, r in pairs(responses) do
    for _, action in ipairs(r.result or {}) do table.insert(titles, action.title) end
  end
end
finish({ version = vim.version(), attached = client_id ~= nil, diagnostics = diagnostics, actions = titles })
`;

interface NvimResult {
  version: { major: number; minor: number; patch: number };
  attached: boolean;
  diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string; code: string; href?: string }[];
  actions: string[];
}

describe('Neovim as the LSP client (headless)', function () {
  this.timeout(60000);

  it('shows our local-path diagnostic, read back through vim.diagnostic.get()', async () => {
    const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
    assert.equal(probe.error, undefined, `Neovim is needed for this test (apt-get install neovim): ${probe.error?.message}`);
    const repo = tempRepo({ 'src/train.py': 'import pandas as pd\n\ndf = pd.read_csv("/home/dana/data/train.csv")\n' });
    const script = path.join(repo, '..', `${path.basename(repo)}-nvim.lua`);
    const out = path.join(repo, '..', `${path.basename(repo)}-nvim.json`);
    fs.writeFileSync(script, SCRIPT);
    try {
      // Its own process group, so nothing it starts (our server) outlives the test.
      const child = spawn(NVIM, ['--headless', '--clean', '-n', path.join(repo, 'src/train.py'), '-c', `luafile ${script}`], {
        cwd: repo,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, POC_OUT: out, POC_NODE: process.execPath, POC_CLI: CLI, POC_ROOT: repo, HOME: repo, XDG_STATE_HOME: repo, XDG_DATA_HOME: repo },
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 50000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
      assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${code}): ${stderr}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
      assert.equal(result.attached, true);
      const ours = result.diagnostics.filter((d) => d.source === 'poc-readiness' && d.code === 'local-path');
      assert.equal(ours.length, 1, JSON.stringify(result.diagnostics));
      assert.deepEqual([ours[0].lnum, ours[0].col, ours[0].end_lnum, ours[0].end_col], [2, 18, 2, 43]);
      assert.equal(ours[0].severity, 2, 'vim.diagnostic.severity.WARN');
      assert.match(ours[0].message, /\/home\/dana\/data\/train\.csv/);
      assert.ok(result.actions.some((t) => t.startsWith("Read the path from")), JSON.stringify(result.actions));
      assert.ok(result.actions.includes('Ignore local-path on this line'), JSON.stringify(result.actions));
    } finally {
      fs.rmSync(script, { force: true });
      fs.rmSync(out, { force: true });
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
