// The IPC handler behind "open this source in my browser": only validated https URLs on a host the
// sources registry links to reach the shell; any other is refused with the reason.
import { describe, expect, it, vi } from 'vitest';
import { registryHosts } from '../../electron/main/external-links';
import { handleOpenExternal } from '../../electron/main/handlers';
import { sourceRegistry } from '../../presets/sources';
import { externalUrlProblem } from '../../shared/ipc/external-links';
import { documentLink } from '../../shared/sources/registry';

describe('handleOpenExternal', () => {
  it('opens an https link through the shell port', async () => {
    const openExternal = vi.fn(async () => undefined);
    const r = await handleOpenExternal({ url: 'https://arxiv.org/abs/2505.09343' }, { openExternal });
    expect(r).toEqual({ ok: true });
    expect(openExternal).toHaveBeenCalledWith('https://arxiv.org/abs/2505.09343');
  });
  it.each([
    [{ url: 'file:///etc/passwd' }],
    [{ url: 'javascript:alert(1)' }],
    [{ url: 'http://example.com' }],
    [{ url: 'https://user:pw@example.com' }],
    [{ url: 'https://example.com/' + 'x'.repeat(3000) }],
    [{ url: 'https://example.com', extra: 1 }],
    ['https://example.com'],
    [null],
  ])('refuses %j without calling the shell', async (payload) => {
    const openExternal = vi.fn(async () => undefined);
    const r = await handleOpenExternal(payload, { openExternal });
    expect(r.ok).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });
  it('refuses an https link to a host the sources registry does not link to, saying so', async () => {
    const openExternal = vi.fn(async () => undefined);
    const r = await handleOpenExternal({ url: 'https://example.com/page' }, { openExternal });
    expect(r).toEqual({
      ok: false,
      reason: 'refused',
      message: 'Not opened: example.com is not a host the sources registry links to.',
    });
    expect(openExternal).not.toHaveBeenCalled();
  });
  it('opens every link the sources registry holds', async () => {
    const links = sourceRegistry()
      .documents.map(documentLink)
      .filter((l): l is string => !!l);
    expect(links.length).toBeGreaterThan(20);
    for (const url of links) expect(externalUrlProblem(url, registryHosts()), url).toBeNull();
  });
  it('reports a shell failure instead of throwing across the bridge', async () => {
    const r = await handleOpenExternal(
      { url: 'https://arxiv.org/abs/2505.09343' },
      { openExternal: async () => Promise.reject(new Error('no browser')) },
    );
    expect(r).toEqual({ ok: false, reason: 'error', message: 'Could not open the browser: no browser' });
  });
});
