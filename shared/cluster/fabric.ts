/**
 * A cluster's scale-out fabric, counted: switches per tier, cables per tier boundary and
 * transceivers by reach class, from the topology builders that reproduce the Insights paper's
 * Table 3 (shared/network/topology.ts).
 *
 * - Endpoints per plane = nodes × NICs per node ÷ planes (each node's NICs are split evenly over
 *   the planes, as DeepSeek's MPFT puts one NIC of every node in each plane; Insights §5.1).
 * - mrft (rail-optimised) is a two-tier fat-tree per plane that grows to three tiers past k·down
 *   endpoints, as the DGX SuperPOD RAs do past 8 scalable units (H100 RA-11333-001 Table 3).
 * - mpft builds one FT2 per plane; ft2 refuses more endpoints than k²/2 per plane; ft3 is three
 *   tiers; sf and df are built at their full size (their counts do not shrink with endpoints).
 * - Cables: one per endpoint (node-to-leaf) plus one per inter-switch link. Transceivers: an optical
 *   cable has one at each end (2 per cable); an AOC carries its optics (counted as 2 ends for power);
 *   a DAC has none. Switch-side NDR optics are twin-port modules holding two 400G ends: counts here
 *   are per end (one per 400G port), as the power figure is quoted per end.
 */
import { buildTopology, type SwitchTiers, type TopologyKind } from '../network/topology';
import type { Fabric, LinkMedium } from '../schema/cluster';

export interface FabricCounts {
  /** The kind built per plane (mrft may become ft3; mpft builds ft2 planes). */
  planeKind: TopologyKind;
  planes: number;
  endpointsPerPlane: number;
  endpoints: number;
  tiers: SwitchTiers;
  switches: number;
  cables: { endpoint: number; leafSpine: number; spineCore: number };
  /** Transceiver ends by medium, split by where they sit. */
  transceivers: { nicSide: number; switchSide: number };
  media: { endpoint: LinkMedium; switch: LinkMedium };
  /** Switch hops between two endpoints under one leaf and on the longest path. */
  hops: { sameLeaf: number; crossLeaf: number };
  /** Endpoints one leaf serves (the rail group of a rail-optimised fabric). */
  endpointsPerLeaf: number;
  formula: string;
}

const ENDS: Record<LinkMedium, number> = { dac: 0, aoc: 2, optical: 2 };

function planeKindFor(f: Fabric, perPlane: number): TopologyKind {
  const down = Math.round((f.radix * f.oversubscription) / (f.oversubscription + 1));
  const ft2Max = f.radix * down;
  if (f.topology === 'mpft') return 'ft2';
  if (f.topology === 'mrft') return perPlane > ft2Max ? 'ft3' : 'mrft';
  if (f.topology === 'ft2' && perPlane > ft2Max)
    throw new Error(
      `fabric.topology: a two-tier fat-tree of radix ${f.radix} reaches ${ft2Max} endpoints per plane, the cluster needs ${perPlane}; use ft3, mrft or more planes`,
    );
  return f.topology;
}

export function countFabric(f: Fabric, nodes: number, prefix = 'fabric'): FabricCounts {
  if (f.nicsPerNode % f.planes !== 0)
    throw new Error(`${prefix}.planes: ${f.nicsPerNode} NICs per node do not split evenly over ${f.planes} planes`);
  const perPlane = (nodes * f.nicsPerNode) / f.planes;
  const kind = planeKindFor(f, perPlane);
  let t;
  try {
    t = buildTopology({
      kind,
      radix: f.radix,
      planes: 1,
      endpoints: perPlane,
      oversubscription: f.oversubscription,
      portGbps: f.nicGbps,
      balancedSpines: f.balancedSpines,
    });
  } catch (e) {
    throw new Error(`${prefix}: ${(e as Error).message}`, { cause: e });
  }
  if (t.endpoints < perPlane)
    throw new Error(
      `${prefix}.topology: ${kind.toUpperCase()} of radix ${f.radix} reaches ${t.maxEndpoints} endpoints per plane, the cluster needs ${perPlane}`,
    );
  const P = f.planes;
  const endpoint = perPlane * P;
  const leafSpine = t.tierLinks.leafSpine * P;
  const spineCore = t.tierLinks.spineCore * P;
  const nicSide = endpoint * (ENDS[f.media.endpoint] / 2);
  const switchSide = endpoint * (ENDS[f.media.endpoint] / 2) + (leafSpine + spineCore) * ENDS[f.media.switch];
  const down = Math.round((f.radix * f.oversubscription) / (f.oversubscription + 1));
  const fatTree = kind === 'ft2' || kind === 'mrft' || kind === 'ft3';
  return {
    planeKind: kind,
    planes: P,
    endpointsPerPlane: perPlane,
    endpoints: endpoint,
    tiers: { leaf: t.tiers.leaf * P, spine: t.tiers.spine * P, core: t.tiers.core * P },
    switches: t.switches * P,
    cables: { endpoint, leafSpine, spineCore },
    transceivers: { nicSide, switchSide },
    media: f.media,
    hops: { sameLeaf: 1, crossLeaf: fatTree ? (kind === 'ft3' ? 5 : 3) : t.diameterHops + 1 },
    endpointsPerLeaf: fatTree ? down : Math.max(1, Math.floor(t.endpoints / Math.max(1, t.tiers.leaf))),
    formula: `${P} plane(s) × ${kind.toUpperCase()} for ${perPlane} endpoints: ${t.trace.inputs.find((i) => i.name === 'switches')?.note ?? ''}`,
  };
}
