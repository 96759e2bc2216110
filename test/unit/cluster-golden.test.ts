// Cluster network golden tests: published reference designs' own switch and cable counts.
//
// 1. NVIDIA DGX SuperPOD: Next Generation Scalable Infrastructure for AI Leadership, reference
//    architecture featuring DGX H100 systems, RA-11333-001 V11 (2023-09-22):
//    Table 4 "Compute fabric component count" (1–4 SUs of 31 nodes + UFM) and Table 3 "Larger
//    SuperPOD component counts" (4–64 SUs of 32 nodes). 64-port QM9700 NDR switches, eight 400G
//    NICs per DGX H100, rail-optimised full fat-tree.
// 2. NVIDIA DGX SuperPOD reference architecture with DGX B300 systems (XDR), Table 3 "Example
//    Compute Fabric Components" (docs.nvidia.com/dgx-superpod/reference-architecture/
//    scalable-infrastructure-b300-xdr, 'DGX SuperPOD Architecture'): 72 nodes per SU, 144-port
//    Quantum-X800 switches, 8 × 800G per node.
//
// Where our counts differ:
// - Table 4 counts 4 UFM cables per SU-set ("Compute + UFM": 252 = 248 + 4); we count node cables
//   only (248): the UFM appliance is not a cluster node here.
// - Spines: the RAs raise the spine count so it divides every leaf's uplinks (3 SUs: 24 leaves ×
//   32 uplinks → 16 spines, not ⌈768/64⌉ = 12; B300 4 SUs: 32 leaves × 72 uplinks → 18 spines, not
//   16). `balancedSpines` (the cluster default) reproduces that; the minimum count is also shown.
// - B300 XDR 18 SUs: the table prints 9,216 GPUs for 1,296 nodes; 1,296 × 8 = 10,368, which is
//   also its cable count. We assert the cable and switch counts.
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import { computeCluster } from '../../shared/cluster/compute';
import { countFabric } from '../../shared/cluster/fabric';
import { Cluster } from '../../shared/schema/cluster';
import { buildTopology } from '../../shared/network/topology';

const fig = (value: number | null) => ({ value, source: 'test figure', user: true });

function superpodFabric(radix: number, nicGbps: number) {
  return Cluster.shape.fabric.parse({
    topology: 'mrft',
    planes: 1,
    radix,
    nicsPerNode: 8,
    nicGbps,
    switchModel: 'test',
    switchUSD: fig(1),
    switchW: fig(1),
    nicModel: 'test',
    nicUSD: fig(1),
    nicW: fig(1),
    cableUSD: fig(1),
    transceiverW: fig(1),
    transceiverUSD: fig(1),
  });
}

describe('DGX SuperPOD H100 (RA-11333-001 V11) compute fabric', () => {
  const f = superpodFabric(64, 400);
  // Table 4: [SUs, nodes, GPUs, leaf, spine, compute+UFM cables, spine-leaf cables]
  const table4 = [
    [1, 31, 248, 8, 4, 252, 256],
    [2, 63, 504, 16, 8, 508, 512],
    [3, 95, 760, 24, 16, 764, 768],
    [4, 127, 1016, 32, 16, 1020, 1024],
  ] as const;
  for (const [su, nodes, gpus, leaf, spine, nodeCables, leafSpine] of table4) {
    it(`Table 4, ${su} SU: ${leaf} leaves, ${spine} spines, ${leafSpine} spine-leaf cables`, () => {
      const n = countFabric(f, nodes);
      expect(n.endpoints).toBe(gpus);
      expect(n.tiers.leaf).toBe(leaf);
      expect(n.tiers.spine).toBe(spine);
      expect(n.cables.leafSpine).toBe(leafSpine);
      expect(n.cables.endpoint).toBe(nodeCables - 4); // the RA adds 4 UFM cables
    });
  }
  it('Table 4, 3 SU: the minimum spine count would be 12; the RA deploys 16 so every leaf reaches every spine evenly', () => {
    const min = countFabric({ ...f, balancedSpines: false }, 95);
    expect(min.tiers.spine).toBe(12);
  });
  // Table 3: [SUs, nodes, GPUs, leaf, spine, core, node-leaf, leaf-spine, spine-core]
  const table3 = [
    [4, 128, 1024, 32, 16, 0, 1024, 1024, 0],
    [8, 256, 2048, 64, 32, 0, 2048, 2048, 0],
    [16, 512, 4096, 128, 128, 64, 4096, 4096, 4096],
    [32, 1024, 8192, 256, 256, 128, 8192, 8192, 8192],
    [64, 2048, 16384, 512, 512, 256, 16384, 16384, 16384],
  ] as const;
  for (const [su, nodes, gpus, leaf, spine, core, nl, ls, sc] of table3) {
    it(`Table 3, ${su} SUs (${nodes} nodes): switches ${leaf}/${spine}/${core} and cables exactly`, () => {
      const n = countFabric(f, nodes);
      expect(n.endpoints).toBe(gpus);
      expect(n.tiers).toEqual({ leaf, spine, core });
      expect(n.cables).toEqual({ endpoint: nl, leafSpine: ls, spineCore: sc });
      expect(n.planeKind).toBe(core > 0 ? 'ft3' : 'mrft');
    });
  }
});

describe('DGX SuperPOD B300 XDR (Table 3) compute fabric, 144-port switches', () => {
  const f = superpodFabric(144, 800);
  // [SUs, nodes, leaf, spine, node-leaf, leaf-spine]
  const rows = [
    [1, 72, 8, 4, 576, 576],
    [2, 144, 16, 8, 1152, 1152],
    [4, 288, 32, 18, 2304, 2304],
    [8, 576, 64, 36, 4608, 4608],
    [18, 1296, 144, 72, 10368, 10368],
  ] as const;
  for (const [su, nodes, leaf, spine, nl, ls] of rows) {
    it(`${su} SU: ${leaf} leaves, ${spine} spines, ${nl} + ${ls} cables`, () => {
      const n = countFabric(f, nodes);
      expect(n.tiers.leaf).toBe(leaf);
      expect(n.tiers.spine).toBe(spine);
      expect(n.cables.endpoint).toBe(nl);
      expect(n.cables.leafSpine).toBe(ls);
    });
  }
  it('4 and 8 SUs: the minimum spine counts (16, 32) are what a plain fat-tree count gives', () => {
    expect(countFabric({ ...f, balancedSpines: false }, 288).tiers.spine).toBe(16);
    expect(countFabric({ ...f, balancedSpines: false }, 576).tiers.spine).toBe(32);
  });
});

describe('Insights Table 3 through the cluster path', () => {
  it("DeepSeek's 2,048 H800 on 8 MPFT planes: 8 × (8 leaves + 4 spines) = 96 switches, 2,048 inter-switch links", () => {
    // Table 3's MPFT column is 16,384 endpoints and 768 switches; a 2,048-GPU cluster fills 1/8 of it.
    const t = buildTopology({ kind: 'mpft', radix: 64, planes: 8 });
    expect(t.switches).toBe(768);
    const c = computeCluster(presetCatalogCluster('deepseek-2048-h800-mpft'), presetCatalog());
    expect(c.scaleOut.tiers).toEqual({ leaf: 64, spine: 32, core: 0 });
    expect(c.scaleOut.cables.leafSpine).toBe(2048);
    expect(c.devices).toBe(2048);
  });
});

function presetCatalogCluster(id: string): Cluster {
  const c = presetCatalog().clusters?.find((x) => x.id === id);
  if (!c) throw new Error(`no cluster preset ${id}`);
  return c;
}
