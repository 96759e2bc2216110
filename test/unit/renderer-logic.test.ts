import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../renderer/src/app/router';
import { commandForKey } from '../../renderer/src/app/shortcuts';
import { buildMenuTemplate } from '../../electron/main/menu';

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
  type Item = { label?: string; accelerator?: string; click?: () => void };
  const sent: string[] = [];
  const menu = buildMenuTemplate((c) => sent.push(c), 'linux', 'Cluster Planner');
  const items = menu.flatMap((m) => (Array.isArray(m.submenu) ? (m.submenu as Item[]) : []));
  const withKeys = items.filter((i) => i.accelerator && i.click);
  const event = (acc: string, meta = false) => {
    const parts = acc.split('+');
    const has = (m: string) => parts.slice(0, -1).includes(m);
    return {
      key: parts.at(-1)!,
      ctrlKey: has('CmdOrCtrl') && !meta,
      metaKey: has('CmdOrCtrl') && meta,
      shiftKey: has('Shift'),
      altKey: has('Alt'),
    };
  };

  it('the web build answers every accelerator of the application menu with that item’s command', () => {
    expect(withKeys.length).toBeGreaterThanOrEqual(4);
    for (const i of withKeys) {
      sent.length = 0;
      i.click!();
      for (const meta of [false, true]) expect(commandForKey(event(i.accelerator!, meta)), i.label).toBe(sent[0]);
    }
  });

  it('and nothing else: no modifier, a missing or extra Shift, or Alt', () => {
    for (const i of withKeys) {
      const e = event(i.accelerator!);
      expect(commandForKey({ ...e, ctrlKey: false })).toBeNull();
      expect(commandForKey({ ...e, shiftKey: !e.shiftKey })).toBeNull();
      expect(commandForKey({ ...e, altKey: true })).toBeNull();
    }
  });
});
