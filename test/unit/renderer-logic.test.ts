import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../renderer/src/app/router';
import { commandForKey } from '../../renderer/src/app/shortcuts';

describe('router', () => {
  it('maps hashes to pages', () => {
    expect(matchRoute('')).toEqual({ page: 'start' });
    expect(matchRoute('#/')).toEqual({ page: 'start' });
    expect(matchRoute('#/plans')).toEqual({ page: 'plans', planId: undefined });
    expect(matchRoute('#/plans/abc')).toEqual({ page: 'plans', planId: 'abc' });
    expect(matchRoute('#/compare')).toEqual({ page: 'compare' });
    expect(matchRoute('#/hardware/h800')).toEqual({ page: 'hardware', id: 'h800' });
    expect(matchRoute('#/nope')).toEqual({ page: 'not-found', path: '/nope' });
  });
});

describe('keyboard shortcuts', () => {
  const k = (
    key: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  ) => commandForKey({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('matches the menu accelerators', () => {
    expect(k('n', { ctrlKey: true })).toBe('new-plan');
    expect(k('o', { metaKey: true })).toBe('open');
    expect(k('S', { ctrlKey: true, shiftKey: true })).toBe('save-as');
    expect(k('p', { ctrlKey: true })).toBe('export-pdf');
    expect(k('n')).toBeNull();
    expect(k('s', { ctrlKey: true })).toBeNull();
  });
});
