// The IPC handler behind "open this source in my browser": only validated https URLs reach the shell.
import { describe, expect, it, vi } from 'vitest';
import { handleOpenExternal } from '../../electron/main/handlers';

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
  it('reports a shell failure instead of throwing across the bridge', async () => {
    const r = await handleOpenExternal(
      { url: 'https://example.com' },
      { openExternal: async () => Promise.reject(new Error('no browser')) },
    );
    expect(r).toEqual({ ok: false, reason: 'error', message: 'Could not open the browser: no browser' });
  });
});
