// The main process's logic, reached without Electron: IPC handlers with fake dialog/fs/pdf,
// the menu template, window-state parsing and the security helpers.
import { describe, expect, it } from 'vitest';
import {
  handleExportPdf,
  handleOpenFile,
  handleSaveFile,
  type DialogPort,
  type FsPort,
} from '../../electron/main/handlers';
import { buildMenuTemplate } from '../../electron/main/menu';
import { CONTENT_SECURITY_POLICY, isAppUrl, isSafeExternalUrl } from '../../electron/main/security';
import { clampToDisplays, DEFAULT_WINDOW_STATE, parseWindowState } from '../../electron/main/window-state';
import { MAX_FILE_BYTES } from '../../shared/ipc/contract';

function fakes(
  opts: { savePath?: string; openPath?: string; size?: number; contents?: string; regular?: boolean } = {},
) {
  const written: Record<string, string | Uint8Array> = {};
  const dialog: DialogPort = {
    showSaveDialog: async () => ({ canceled: !opts.savePath, filePath: opts.savePath }),
    showOpenDialog: async () => ({ canceled: !opts.openPath, filePaths: opts.openPath ? [opts.openPath] : [] }),
  };
  const fs: FsPort = {
    writeFile: async (p, d) => {
      written[p] = d;
    },
    readFile: async () => opts.contents ?? '{}',
    fileInfo: async () => ({ size: opts.size ?? 2, regular: opts.regular ?? true }),
  };
  return { dialog, fs, written };
}

describe('IPC handlers', () => {
  it('saves a validated file where the dialog says', async () => {
    const f = fakes({ savePath: '/tmp/a.clusterplan.json' });
    const r = await handleSaveFile({ suggestedName: 'a.clusterplan.json', contents: '{"x":1}' }, f.dialog, f.fs);
    expect(r).toEqual({ ok: true, path: '/tmp/a.clusterplan.json' });
    expect(f.written['/tmp/a.clusterplan.json']).toBe('{"x":1}');
  });

  it('refuses a payload that is not a file name, naming the field', async () => {
    const f = fakes({ savePath: '/tmp/x' });
    const r = await handleSaveFile({ suggestedName: '../../etc/passwd', contents: '' }, f.dialog, f.fs);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/suggestedName/);
    const r2 = await handleSaveFile({ suggestedName: 'a', contents: 42 }, f.dialog, f.fs);
    expect(!r2.ok && r2.message).toMatch(/contents/);
    expect(Object.keys(f.written)).toEqual([]);
  });

  it('reports a cancelled dialog as cancelled', async () => {
    const f = fakes();
    expect(await handleSaveFile({ suggestedName: 'a', contents: '' }, f.dialog, f.fs)).toEqual({
      ok: false,
      reason: 'cancelled',
    });
    expect(await handleOpenFile({}, f.dialog, f.fs)).toEqual({ ok: false, reason: 'cancelled' });
  });

  it('opens a file and refuses one over the size limit', async () => {
    const ok = fakes({ openPath: '/home/u/plan.clusterplan.json', contents: '{"a":1}' });
    expect(await handleOpenFile({ filters: [] }, ok.dialog, ok.fs)).toEqual({
      ok: true,
      name: 'plan.clusterplan.json',
      contents: '{"a":1}',
    });
    const pipe = fakes({ openPath: '/tmp/a-fifo.json', regular: false });
    expect(await handleOpenFile({}, pipe.dialog, pipe.fs)).toEqual({
      ok: false,
      reason: 'error',
      message: 'a-fifo.json is not a regular file.',
    });
    const big = fakes({ openPath: '/x/big.json', size: MAX_FILE_BYTES + 1 });
    const r = await handleOpenFile({}, big.dialog, big.fs);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/big\.json.*limit/);
  });

  it('exports a PDF through the printer port', async () => {
    const f = fakes({ savePath: '/tmp/r.pdf' });
    const pdf = { printToPdf: async () => new Uint8Array([37, 80, 68, 70]) };
    const r = await handleExportPdf({ suggestedName: 'r.pdf', pageSize: 'Letter' }, f.dialog, f.fs, pdf);
    expect(r).toEqual({ ok: true, path: '/tmp/r.pdf' });
    const bad = await handleExportPdf({ suggestedName: 'r.pdf', pageSize: 'A3' }, f.dialog, f.fs, pdf);
    expect(!bad.ok && bad.message).toMatch(/pageSize/);
  });
});

describe('application menu', () => {
  it('has File (New Plan, Open…, Save As…, Export PDF…, Quit), Edit, View and Help: About', () => {
    const sent: string[] = [];
    const t = buildMenuTemplate((c) => sent.push(c), 'linux', 'Cluster Planner');
    expect(t.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = t[0]!.submenu as Array<{ label?: string; accelerator?: string; click?: () => void; role?: string }>;
    const labels = file.filter((i) => i.label).map((i) => i.label);
    expect(labels).toEqual(['New Plan', 'Open…', 'Save As…', 'Export PDF…', 'Quit']);
    for (const i of file) i.click?.();
    expect(sent).toEqual(['new-plan', 'open', 'save-as', 'export-pdf']);
    const help = t[3]!.submenu as Array<{ label?: string; click?: () => void }>;
    help[0]!.click?.();
    expect(sent.at(-1)).toBe('about');
  });
});

describe('window state', () => {
  it('falls back to defaults on missing or corrupt state', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{not json')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width":10,"height":10}')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"x":5,"y":6,"width":1000,"height":700}')).toEqual({
      x: 5,
      y: 6,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
  it('drops a position that is on no display', () => {
    const s = { x: 5000, y: 5000, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(clampToDisplays(s, [{ x: 4000, y: 4000, width: 1920, height: 1080 }])).toEqual(s);
  });
});

describe('security', () => {
  it('has a CSP with no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
  it('hands only https links to the OS and only app pages stay in the window', () => {
    expect(isSafeExternalUrl('https://arxiv.org/abs/2505.09343')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    const packaged = { rendererDir: '/app/out/renderer' };
    expect(isAppUrl('file:///app/out/renderer/index.html', packaged)).toBe(true);
    expect(isAppUrl('https://evil.example', packaged)).toBe(false);
    const dev = { rendererDir: '/app/out/renderer', devServerUrl: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/#/plans', dev)).toBe(true);
  });
});
