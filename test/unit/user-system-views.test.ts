// A plan on a user's own system (a Hardware page copy of a preset) shows the roofline of its real
// device: the engine's resolved view carries the accelerator's peak and bandwidth (the chart read
// the bundled catalog and drew peak 0 and bandwidth 0).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPlan } from '../../presets/load';
import { evaluateRequest } from '../../renderer/src/engine/evaluate';
import type { InferencePlan } from '../../shared/schema/plan';

const mine = { ...JSON.parse(readFileSync('presets/systems/hgx-h100.json', 'utf8')), id: 'my-hgx', name: 'My HGX' };
const user = { accelerators: [], systems: [mine], clusters: [] };
const plan = { ...(structuredClone(findPlan('llama-3.1-70b-4xh100-tp4')) as InferencePlan), systemId: 'my-hgx' };

describe("a plan on the user's own system", () => {
  it("resolves to its accelerator's peak and bandwidth", () => {
    const r = evaluateRequest({ id: 1, plan, sweep: false, user });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.resolved.system).toBe('My HGX');
    expect(r.resolved.peakFlopsPerS).toBeGreaterThan(5e14);
    expect(r.resolved.memoryBandwidthBytesPerS).toBeGreaterThan(3e12);
  });
});
