// Clusters: properties (fast-check), files, the plan link (cost, checks) and the collective tiers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterPresets, planPresets, presetCatalog } from '../../presets/load';
import { deviceHourCost } from '../../shared/plan/cost';
import { computeCluster } from '../../shared/cluster/compute';
import { countFabric } from '../../shared/cluster/fabric';
import { clusterPlanIssues, resolveCluster, scaleOutLatency } from '../../shared/cluster/resolve';
import { Cluster, parseClusterFile, type ClusterInput } from '../../shared/schema/cluster';
import { evaluateTraining } from '../../shared/training/evaluate';
import { LINK_LATENCY } from '../../shared/network/collectives';
import { PlanError, resolvePlan } from '../../shared/plan/context';
import type { Plan, TrainingPlan } from '../../shared/schema/plan';

const catalog = presetCatalog();
const fig = (value: number | null) => ({ value, source: 'test figure', user: true });
const h200 = clusterPresets().find((c) => c.id === 'h200-1024-rail-optimised')!;

function cluster(
  over: Omit<Partial<ClusterInput>, 'fabric'> & { fabric?: Partial<ClusterInput['fabric']> } = {},
): Cluster {
  const base = JSON.parse(JSON.stringify(h200)) as ClusterInput;
  return Cluster.parse({ ...base, ...over, fabric: { ...base.fabric, ...over.fabric } });
}

const fabricArb = fc.record({
  topology: fc.constantFrom('ft2', 'ft3', 'mrft', 'mpft'),
  radix: fc.constantFrom(16, 32, 64, 128),
  oversubscription: fc.constantFrom(1, 2, 3),
  planes: fc.constantFrom(1, 2, 4, 8),
  balancedSpines: fc.boolean(),
});

describe('cluster properties', () => {
  it('more nodes never cost less (capex, TCO) and never draw less power', () => {
    fc.assert(
      fc.property(fabricArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (f, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const mk = (n: number) => cluster({ node: { ...h200.node, count: n }, fabric: { ...f, nicsPerNode: 8 } });
        let small, big;
        try {
          small = computeCluster(mk(lo), catalog);
          big = computeCluster(mk(hi), catalog);
        } catch {
          return true; // a topology too small for the cluster is refused, naming the field
        }
        expect(big.tco.capexUSD).toBeGreaterThanOrEqual(small.tco.capexUSD);
        expect(big.tco.tcoUSD).toBeGreaterThanOrEqual(small.tco.tcoUSD);
        expect(big.power.itPowerW).toBeGreaterThanOrEqual(small.power.itPowerW);
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('oversubscription reduces (never raises) the switch count of a fat-tree', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ft2', 'ft3', 'mrft', 'mpft'),
        fc.constantFrom(16, 32, 64),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        (topology, radix, nodes, bal) => {
          const f = (r: number) => ({
            ...cluster().fabric,
            topology,
            radix,
            oversubscription: r,
            balancedSpines: bal,
            planes: 1,
          });
          let full, over;
          try {
            full = countFabric(f(1), nodes);
            over = countFabric(f(3), nodes);
          } catch {
            return true;
          }
          if (full.planeKind !== over.planeKind) return true; // an oversubscribed fabric may stay at two tiers
          expect(over.switches).toBeLessThanOrEqual(full.switches);
          return true;
        },
      ),
      { numRuns: 200 },
    );
    const r1 = countFabric({ ...cluster().fabric, oversubscription: 1 }, 128);
    const r3 = countFabric({ ...cluster().fabric, oversubscription: 3 }, 128);
    expect(r3.switches).toBeLessThan(r1.switches);
  });

  it('racks × rack budget ≥ IT power', () => {
    fc.assert(
      fc.property(
        fabricArb,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 11, max: 200 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        (f, nodes, budgetKW, ru) => {
          let r;
          try {
            r = computeCluster(
              cluster({
                node: { ...h200.node, count: nodes, rackUnits: ru },
                fabric: { ...f, nicsPerNode: 8, switchW: fig(750) },
                facility: { ...h200.facility, rackBudgetKW: budgetKW },
              }),
              catalog,
            );
          } catch {
            return true;
          }
          expect(r.power.racks! * budgetKW * 1000).toBeGreaterThanOrEqual(r.power.itPowerW - 1e-6);
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('cluster files', () => {
  it('round-trips a preset and names a bad field', () => {
    const text = JSON.stringify(h200);
    expect(parseClusterFile(text)).toEqual(h200);
    expect(() =>
      parseClusterFile(text.replace('"count": 128', '"count": -1').replace('"count":128', '"count":-1')),
    ).toThrow(/node\.count/);
    expect(() => parseClusterFile('{"schemaVersion": 9}')).toThrow(/newer Cluster Planner/);
    expect(() => parseClusterFile('{"__proto__": {}, "schemaVersion": 1}')).toThrow(/not an allowed key/);
    expect(() => parseClusterFile('{oops')).toThrow(/not valid JSON/);
  });
  it('a node that draws more than the rack budget is refused, naming the field', () => {
    expect(() => computeCluster(cluster({ facility: { ...h200.facility, rackBudgetKW: 5 } }), catalog)).toThrow(
      /facility\.rackBudgetKW/,
    );
  });
  it('an FT2 too small for the cluster says what to use', () => {
    expect(() => computeCluster(cluster({ fabric: { topology: 'ft2', radix: 16, planes: 1 } }), catalog)).toThrow(
      /fabric\.topology.*ft3/,
    );
  });
});

describe('plans on clusters', () => {
  const train = planPresets().find((p) => p.id === 'deepseek-v3-train-2048-h800') as TrainingPlan;
  const ds = clusterPresets().find((c) => c.id === 'deepseek-2048-h800-mpft')!;
  it('ownership pricing on a cluster pays the TCO per device-hour; hourly pricing is unchanged', () => {
    const resolved = resolveCluster(ds, catalog);
    const own: Plan = {
      ...train,
      clusterId: ds.id,
      prices: {
        mode: 'ownership',
        purchaseUsdPerDevice: 30000,
        amortisationYears: 4,
        powerUsdPerKWh: 0.1,
        pue: 1.3,
        opexFractionPerYear: 0,
      },
    };
    const withCluster = deviceHourCost(own, resolvePlan(own, catalog).accelerator, resolved);
    const without = deviceHourCost(own, resolvePlan(own, catalog).accelerator);
    expect(withCluster.usdPerDeviceHour).toBeCloseTo(resolved.report.tco.usdPerDeviceHour, 12);
    expect(withCluster.usdPerDeviceHour).not.toBeCloseTo(without.usdPerDeviceHour!, 3);
    expect(withCluster.trace.label).toMatch(/cluster TCO/);
    const hourly = deviceHourCost(
      { ...own, prices: { mode: 'hourly', usdPerDeviceHour: 2, rate: 'on-demand' } },
      resolved.report.accelerator,
      resolved,
    );
    expect(hourly.usdPerDeviceHour).toBe(2);
    // through the engine: resolvePlan attaches the cluster, the training cost follows it
    const r = evaluateTraining(own as TrainingPlan, resolvePlan(own, catalog));
    const r0 = evaluateTraining(
      { ...own, clusterId: undefined } as TrainingPlan,
      resolvePlan({ ...own, clusterId: undefined }, catalog),
    );
    expect(r.costUSD! / r0.costUSD!).toBeCloseTo(resolved.report.tco.usdPerDeviceHour / without.usdPerDeviceHour!, 6);
  });
  it('an unknown cluster id is a plan error on clusterId', () => {
    expect(() => resolvePlan({ ...train, clusterId: 'nope' }, catalog)).toThrow(PlanError);
  });
  it('checks the device count and the node type', () => {
    const resolved = resolveCluster(ds, catalog);
    expect(clusterPlanIssues(train, resolved)).toEqual([]);
    const issues = clusterPlanIssues({ ...train, devices: 4096, systemId: 'hgx-h100' }, resolved);
    expect(issues.map((i) => i.field).sort()).toEqual(['devices', 'systemId']);
  });
});

describe('collective tiers of a cluster', () => {
  it('scale-out latency per hop is derived from Insights Table 5: 1 hop = same leaf, 3 hops = cross leaf', () => {
    expect(scaleOutLatency('ib', 1)).toBeCloseTo(LINK_LATENCY.ibSameLeaf, 12);
    expect(scaleOutLatency('ib', 3)).toBeCloseTo(LINK_LATENCY.ibCrossLeaf, 12);
    expect(scaleOutLatency('roce', 3)).toBeCloseTo(LINK_LATENCY.roceCrossLeaf, 12);
    expect(scaleOutLatency('ib', 5) * 1e6).toBeCloseTo(4.6, 9);
  });
  it('bandwidth = NIC rate × NICs ÷ devices per node, divided by the oversubscription when traffic leaves the leaf', () => {
    const full = resolveCluster(h200, catalog);
    expect(full.tiers.scaleOut.bandwidth).toBe(50e9);
    expect(full.tiers.scaleOut.latency).toBeCloseTo(LINK_LATENCY.ibCrossLeaf, 12);
    const over = resolveCluster(cluster({ fabric: { oversubscription: 2 } }), catalog);
    expect(over.tiers.scaleOut.bandwidth).toBe(25e9);
    const small = resolveCluster(
      cluster({ node: { ...h200.node, count: 4 }, fabric: { oversubscription: 2 } }),
      catalog,
    );
    expect(small.tiers.scaleOut.bandwidth).toBe(50e9); // 16 endpoints per plane fit under one leaf
    expect(small.tiers.scaleOut.latency).toBeCloseTo(LINK_LATENCY.ibSameLeaf, 12);
    expect(full.tiers.scaleUp.bandwidth).toBe(450e9);
    expect(full.wattsPerDevice).toBeCloseTo(full.report.power.facilityPowerW / 1024, 9);
  });
});

describe('workspace files carry clusters', () => {
  it('round-trips clusters and names a bad one by index and field', async () => {
    const { parseWorkspace, serialiseWorkspace } = await import('../../shared/schema/workspace');
    const text = serialiseWorkspace([], [], new Date('2026-01-01'), [h200]);
    expect(parseWorkspace(text).clusters).toEqual([h200]);
    const bad = JSON.parse(text) as { clusters: Array<{ node: { count: number } }> };
    bad.clusters[0]!.node.count = 0;
    expect(() => parseWorkspace(JSON.stringify(bad))).toThrow(/clusters\[0\].*node\.count/);
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old['clusters'];
    expect(parseWorkspace(JSON.stringify(old)).clusters).toEqual([]);
  });
});

describe('cluster diagram layout', () => {
  it('a 16,384-GPU cluster draws a few dozen boxes whose counts add up to the switch tiers and racks', async () => {
    const { layoutCluster, groups } = await import('../../shared/cluster/diagram');
    const big = cluster({ node: { ...h200.node, count: 2048 }, fabric: { planes: 1, topology: 'mrft' } });
    const r = computeCluster(big, catalog);
    const d = layoutCluster(r);
    expect(d.boxes.length).toBeLessThanOrEqual(4 * 12);
    const sum = (k: string) => d.boxes.filter((b) => b.kind === k).reduce((s, b) => s + b.count, 0);
    expect(sum('leaf')).toBe(r.scaleOut.tiers.leaf);
    expect(sum('spine')).toBe(r.scaleOut.tiers.spine);
    expect(sum('core')).toBe(r.scaleOut.tiers.core);
    expect(sum('rack')).toBe(r.power.nodeRacks);
    expect(d.legend.join(' ')).toContain('× n');
    expect(groups(16, 12)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(groups(45, 12)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1]);
    const small = layoutCluster(computeCluster(cluster({ node: { ...h200.node, count: 4 } }), catalog));
    expect(small.boxes.every((b) => b.count === 1)).toBe(true);
  });
});

describe('BOM sources', () => {
  it('a node priced and powered by its system preset keeps the preset citation (no "[object Object]")', async () => {
    const { sourceText } = await import('../../shared/sources/registry');
    const { sourceRegistry } = await import('../../presets/sources');
    const base = clusterPresets()[0]!;
    const c = { ...base, node: { ...base.node, systemId: 'hgx-h100', unitUSD: undefined, unitW: undefined } };
    const r = computeCluster(Cluster.parse(c), presetCatalog());
    const reg = sourceRegistry();
    for (const l of r.bom)
      for (const f of [l.unitUSD, l.unitW]) {
        const text = sourceText(f.source, reg);
        expect(text, l.item).not.toMatch(/object Object|unknown source/);
        expect(text.length, l.item).toBeGreaterThan(3);
      }
  });
});

describe('changing a cluster’s node type', () => {
  it('drops the old node’s price, power and height, so the new type’s figures apply', async () => {
    const { withNodeType } = await import('../../shared/cluster/edit');
    const { computeCluster } = await import('../../shared/cluster/compute');
    const { findCluster, presetCatalog } = await import('../../presets/load');
    const h200 = findCluster('h200-1024-rail-optimised')!;
    expect(h200.node.unitUSD?.value).toBe(270_000);
    const b200 = withNodeType(h200, 'dgx-b200');
    expect(b200.node).toEqual({ systemId: 'dgx-b200', count: h200.node.count, rackUnits: null });
    const before = computeCluster(h200, presetCatalog());
    const after = computeCluster(b200, presetCatalog());
    expect(after.bom.find((l) => l.id === 'nodes')!.unitUSD.value).not.toBe(270_000);
    expect(after.power.itPowerW).not.toBe(before.power.itPowerW);
    expect(withNodeType(h200, h200.node.systemId)).toBe(h200);
  });
});
