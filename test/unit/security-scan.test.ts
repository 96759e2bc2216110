// The electronegativity scan that `npm run lint` runs: it works offline (finds the classic
// misconfigurations in a deliberately bad app), and every finding it accepts on this app is
// explained in docs/security.md.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { JUSTIFIED, scan } from '../../scripts/security-scan.mjs';

interface Finding {
  id: string;
  file: string;
}
const justified = JUSTIFIED as Array<{ id: string; file: string; why: string }>;

describe('security scan (electronegativity)', () => {
  it('finds no isolation, no sandbox, http content and no navigation or permission limits in a deliberately bad app, offline', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cp-bad-app-')), 'bad');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\n" +
        "new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } }).loadURL('http://example.com');\n",
    );
    const ids = (scan([dir]) as Finding[]).map((f) => f.id);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ])
      expect(ids).toContain(id);
  }, 60_000);
  it('this app has no finding that is not justified, and docs/security.md explains each justified one', () => {
    const findings = scan() as Finding[];
    const open = findings.filter((f) => !justified.some((j) => j.id === f.id && f.file.endsWith(j.file)));
    expect(open).toEqual([]);
    const doc = readFileSync('docs/security.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Security scan'));
    for (const j of justified) expect(section, `${j.id} in ${j.file}`).toContain(`\`${j.id}\``);
  }, 60_000);
});
