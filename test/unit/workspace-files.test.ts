// Workspace files: round trip with identical content, and hostile input refused with the field
// named before anything is written.
import { describe, expect, it } from 'vitest';
import { planPresets } from '../../presets/load';
import { parseWorkspace, serialiseWorkspace } from '../../shared/schema/workspace';

const presets = [
  { id: 'u1', kind: 'hardware', name: 'My H100', data: { a: 1 }, createdAt: '2026-11-22T00:00:00.000Z' },
];
const text = serialiseWorkspace(planPresets(), presets, new Date('2026-11-22T00:00:00Z'));

describe('workspace files', () => {
  it('round-trip: serialise(parse(file)) is identical', () => {
    const w = parseWorkspace(text);
    expect(serialiseWorkspace(w.plans, w.userPresets, new Date(w.exportedAt))).toBe(text);
    expect(w.plans.length).toBe(planPresets().length);
  });
  it('hostile and malformed workspaces get a named error', () => {
    const o = JSON.parse(text);
    const cases: Array<[string, RegExp]> = [
      [text.slice(0, 1000), /not valid JSON.*truncated/],
      [JSON.stringify({ ...o, kind: 'something-else' }), /kind: must be "cluster-planner-workspace"/],
      [JSON.stringify({ ...o, schemaVersion: 7 }), /schemaVersion: this workspace is version 7/],
      [JSON.stringify({ ...o, plans: [{ ...o.plans[0], devices: -2 }] }), /plans\[0\]\.devices/],
      [
        JSON.stringify({ ...o, plans: [{ ...o.plans[0], name: 'x'.repeat(10 * 1024 * 1024) }] }),
        /plans\[0\]\.name|at most/,
      ],
      [text.replace('"schemaVersion": 1,', '"schemaVersion": 1, "__proto__": {"x": 1},'), /__proto__/],
      [text.replace(/"devices": \d+/, '"devices": NaN'), /not valid JSON/],
      [
        JSON.stringify({ ...o, plans: [{ ...o.plans[0], model: { ...o.plans[0].model, numLayers: 1e9 } }] }),
        /plans\[0\]/,
      ],
      [JSON.stringify({ ...o, userPresets: [{ id: 1 }] }), /userPresets\[0\]/],
      // A spec given as a string (read as a file's text) was refused naming "sizingSpecs[0].(file)".
      [JSON.stringify({ ...o, sizingSpecs: ['\udfff'] }), /^sizingSpecs\[0\]: a sizing spec must be/],
    ];
    for (const [t, re] of cases) expect(() => parseWorkspace(t), String(re)).toThrow(re);
  });
});
