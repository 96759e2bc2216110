// Plans on clusters: the collectives run over the cluster's fabric.
import { describe, expect, it } from 'vitest';
import { findCluster, planPresets, presetCatalog } from '../../presets/load';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import type { InferencePlan } from '../../shared/schema/plan';

const catalog = presetCatalog();
const ep144 = planPresets().find((p) => p.id === 'deepseek-v3-hgx-h800-ep144') as InferencePlan;

describe('a plan on a cluster uses its fabric', () => {
  it('EP all-to-all over an oversubscribed scale-out plane takes longer, by the oversubscription', () => {
    const base = findCluster('deepseek-2048-h800-mpft')!;
    const over = { ...base, id: 'over', fabric: { ...base.fabric, oversubscription: 2 } };
    const cat = { ...catalog, clusters: [base, over] };
    const plan = (clusterId: string): InferencePlan => ({
      ...ep144,
      clusterId,
      inference: { ...ep144.inference, network: { ...ep144.inference.network, includeLatency: false } },
    });
    const a = evaluateInference(plan('deepseek-2048-h800-mpft'), resolvePlan(plan('deepseek-2048-h800-mpft'), cat));
    const b = evaluateInference(plan('over'), resolvePlan(plan('over'), cat));
    const ea = a.decode.ops.find((o) => o.id === 'comm.ep')!;
    const eb = b.decode.ops.find((o) => o.id === 'comm.ep')!;
    expect(ea.wire!.tier).toMatch(/scale-out|scale-up/);
    // The in-domain share rides NVLink; the off-domain share crosses the plane: if it binds, 2:1 doubles it.
    if (ea.wire!.tier.startsWith('scale-out')) expect(eb.wire!.bandwidthS / ea.wire!.bandwidthS).toBeCloseTo(2, 6);
    expect(eb.time).toBeGreaterThan(ea.time);
  });
  it('a plan larger than its cluster is refused, naming the devices field', () => {
    const c = findCluster('deepseek-2048-h800-mpft')!;
    const small = { ...c, id: 'small', node: { ...c.node, count: 4 } };
    const cat = { ...catalog, clusters: [small] };
    const plan = { ...ep144, clusterId: 'small' };
    expect(() => evaluateInference(plan, resolvePlan(plan, cat))).toThrow(/devices: the plan needs 144 devices/);
  });
});
