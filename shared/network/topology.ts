/**
 * Cluster network topologies: switches, links, cost, bisection and diameter.
 *
 * Built from switch radix k (ports per switch). Counts follow the Insights paper's Table 3
 * (which costs networks with the Slim Fly paper's method, Besta & Hoefler SC'14):
 * - FT2 (two-tier fat-tree): k leaves + k/2 spines, k²/2 endpoints, k²/2 inter-switch links.
 * - FT3 (three-tier): 5k²/4 switches, k³/4 endpoints, 2 × k³/4 inter-switch links.
 * - MPFT (multi-plane fat-tree): n independent FT2 planes, one NIC per GPU in each GPU's plane,
 *   n × k²/2 endpoints (8 planes: 16,384).
 * - MRFT (multi-rail fat-tree): one FT2 whose leaves are rail-aligned (rail i of every node on
 *   leaf group i); same counts as FT2 for the same endpoints.
 * - SF (Slim Fly, MMS graph): 2q² routers of network radix k' = (3q − δ)/2 (q = 4w + δ), p = ⌈k'/2⌉
 *   endpoints each, 2q²·k'/2 links; q is the largest with k' + p ≤ k (the Table 3 instance is
 *   q = 28: 1,568 switches, 32,928 endpoints).
 * - DF (canonical balanced Dragonfly): a = 2p = 2h routers per group, p + (a − 1) + h ≤ k, and
 *   g = a·h − 1 groups (the count that reproduces Table 3's 16,352 switches and 384,272 links).
 * Links are inter-switch cables; endpoint (NIC) cables are not counted, as in Table 3 (they are
 * reported apart as `endpointLinks`).
 * Oversubscription r:1 at the leaves (fat-trees): a leaf gives down = k·r/(r+1) ports to endpoints
 * and k − down to uplinks, so fewer uplinks and fewer switches above the leaves.
 * Balanced spines (option, off for Table 3): the spine count is raised to the smallest number that
 * divides each leaf's uplinks, so every leaf sends the same number of cables to every spine. That is
 * how the DGX SuperPOD reference architectures count spines (H100 RA-11333-001 Table 4: 3 SUs, 24
 * leaves × 32 uplinks → 16 spines, not ⌈768/64⌉ = 12).
 * Default unit costs ($83k per 64-port switch, $504 per inter-switch link) are derived, not
 * stated by the paper: they reproduce Table 3's FT2 and FT3 costs (Insights into DeepSeek-V3, arXiv 2505.09343;
 * sources registry id `deepseek-insights-isca2025`).
 */
import { input, trace, type Trace } from '../explain';
import { gbitPerS } from '../units';

import { TOPOLOGIES, type TopologyKind } from '../schema/cluster';

export { TOPOLOGIES, type TopologyKind };

export const DEFAULT_UNIT_COSTS = {
  switchUSD: 83_000,
  linkUSD: 504,
  source:
    'derived to reproduce Insights into DeepSeek-V3 (ISCA 2025, arXiv 2505.09343) Table 3 (FT2 $9M, FT3 $491M) for 64-port switches; not stated by the paper',
} as const;

/**
 * Scale-up domains under the scale-out fabric. Each domain has `devicesPerDomain` accelerators
 * and `nicsPerDomain` scale-out NICs; every NIC is one endpoint of the fabric. Sources: HGX
 * 8-GPU nodes with one 400G NIC per GPU (Insights §4.1); GB200 NVL72 (72 GPUs, one NIC per GPU,
 * assumed); CloudMatrix 384 (384 NPUs; its scale-out NIC count is not in our sources, one per NPU
 * assumed); a PCIe host with 4 GPUs behind one NIC.
 */
export const SCALE_UP_DOMAINS = {
  'nvlink-8': { label: '8-GPU NVLink node', devicesPerDomain: 8, nicsPerDomain: 8 },
  nvl72: { label: 'GB200 NVL72 rack', devicesPerDomain: 72, nicsPerDomain: 72 },
  'cloudmatrix-384': { label: 'CloudMatrix 384 supernode', devicesPerDomain: 384, nicsPerDomain: 384 },
  'pcie-host': { label: 'PCIe host (4 GPUs, 1 NIC)', devicesPerDomain: 4, nicsPerDomain: 1 },
} as const;
export type ScaleUpDomainKind = keyof typeof SCALE_UP_DOMAINS;

export interface TopologyInput {
  kind: TopologyKind;
  radix: number;
  /** MPFT planes (default 8, as DeepSeek's cluster). */
  planes?: number;
  /** Size a partial network for this many endpoints (default: the topology's maximum). */
  endpoints?: number;
  /** Port speed, Gb/s (default 400). */
  portGbps?: number;
  /** 1 = full bisection; 2 = 2:1 oversubscribed leaves (fat-trees only). */
  oversubscription?: number;
  switchUSD?: number;
  linkUSD?: number;
  /** Power per switch, W (unknown by default). */
  switchPowerW?: number | null;
  /** Round the spine count up so it divides each leaf's uplinks (DGX SuperPOD practice). Default false. */
  balancedSpines?: boolean;
  /** The scale-up domain each group of endpoints belongs to (default: one device per endpoint). */
  scaleUp?: ScaleUpDomainKind;
}

export interface TopologyResult {
  kind: TopologyKind;
  radix: number;
  endpoints: number;
  maxEndpoints: number;
  switches: number;
  links: number;
  /** Optical transceivers: two per inter-switch link. */
  transceivers: number;
  /** Switches per tier: leaf (edge), spine (aggregation), core; routers of SF/DF count as leaves. */
  tiers: SwitchTiers;
  /** Links per tier boundary: leaf–spine and spine–core (fat-trees); all links for SF/DF. */
  tierLinks: { leafSpine: number; spineCore: number };
  /** Endpoint-to-leaf cables (not in `links`, as Table 3 does not count them). */
  endpointLinks: number;
  costUSD: number;
  costPerEndpointUSD: number;
  /** Bytes/s across the worst bisection, per direction. */
  bisectionBytesPerS: number;
  /** Switch-to-switch hops on the longest shortest path. */
  diameterHops: number;
  /** Accelerators reached: endpoints ÷ NICs per domain × devices per domain. */
  devices: number;
  scaleUpDomains: number;
  costPerDeviceUSD: number;
  powerW: number | null;
  trace: Trace;
}

export interface SwitchTiers {
  leaf: number;
  spine: number;
  core: number;
}

interface Counts {
  endpoints: number;
  maxEndpoints: number;
  switches: number;
  links: number;
  tiers: SwitchTiers;
  tierLinks: { leafSpine: number; spineCore: number };
  bisectionEndpoints: number;
  diameter: number;
  formula: string;
}

/** Smallest spine count ≥ `min` that divides `up` (each leaf sends up/s cables to every spine). */
function balanced(min: number, up: number): number {
  for (let s = Math.max(1, min); s <= up; s++) if (up % s === 0) return s;
  return min;
}

function leafSplit(k: number, over: number): { down: number; up: number } {
  const down = Math.round((k * over) / (over + 1)); // leaf ports facing endpoints
  return { down, up: k - down };
}

function fatTree2(k: number, n: number | undefined, over: number, bal: boolean): Counts {
  const { down, up } = leafSplit(k, over);
  const max = k * down;
  const e = Math.min(n ?? max, max);
  const leaves = Math.ceil(e / down);
  const minSpines = Math.ceil((leaves * up) / k);
  const spines = bal ? balanced(minSpines, up) : minSpines;
  return {
    endpoints: e,
    maxEndpoints: max,
    switches: leaves + spines,
    links: leaves * up,
    tiers: { leaf: leaves, spine: spines, core: 0 },
    tierLinks: { leafSpine: leaves * up, spineCore: 0 },
    bisectionEndpoints: e / 2 / over,
    diameter: 2,
    formula: `leaves = ⌈N / ${down}⌉, spines = ⌈leaves · ${up} / k⌉${bal ? ' (raised to divide the uplinks)' : ''}, links = leaves · ${up}`,
  };
}

function fatTree3(k: number, n: number | undefined, over: number): Counts {
  const half = k / 2;
  const { down, up } = leafSplit(k, over);
  const max = k * half * down; // k pods of k/2 edges; k³/4 at 1:1
  const e = Math.min(n ?? max, max);
  const pods = Math.ceil(e / (half * down));
  const edge = Math.ceil(e / down);
  const agg = pods * up; // each edge uplink goes to a different aggregation switch of its pod
  const core = Math.ceil((agg * half) / k);
  return {
    endpoints: e,
    maxEndpoints: max,
    switches: edge + agg + core,
    links: edge * up + agg * half,
    tiers: { leaf: edge, spine: agg, core },
    tierLinks: { leafSpine: edge * up, spineCore: agg * half },
    bisectionEndpoints: e / 2 / over,
    diameter: 4,
    formula: `edge = ⌈N/${down}⌉, aggregation = pods · ${up}, core = ⌈aggregation · k/2 / k⌉; links = edge · ${up} + aggregation · k/2`,
  };
}

function slimFly(k: number): Counts {
  let best: { q: number; kp: number; p: number } | null = null;
  for (let q = 3; q < 4 * k; q++) {
    const w = Math.round(q / 4);
    const delta = q - 4 * w;
    if (delta < -1 || delta > 1) continue;
    const kp = (3 * q - delta) / 2;
    if (!Number.isInteger(kp)) continue;
    const p = Math.ceil(kp / 2);
    if (kp + p <= k) best = { q, kp, p };
  }
  if (!best) throw new Error(`radix ${k} is too small for a Slim Fly`);
  const routers = 2 * best.q * best.q;
  const e = routers * best.p;
  return {
    endpoints: e,
    maxEndpoints: e,
    switches: routers,
    links: (routers * best.kp) / 2,
    tiers: { leaf: routers, spine: 0, core: 0 },
    tierLinks: { leafSpine: (routers * best.kp) / 2, spineCore: 0 },
    bisectionEndpoints: e / 2,
    diameter: 2,
    formula: `MMS graph q = ${best.q}: 2q² routers, k' = ${best.kp}, p = ${best.p}`,
  };
}

function dragonfly(k: number): Counts {
  // balanced: a = 2p = 2h, p + a − 1 + h ≤ k  →  4h − 1 ≤ k
  const h = Math.floor((k + 1) / 4);
  const p = h;
  const a = 2 * h;
  const g = a * h - 1;
  const routers = a * g;
  const e = routers * p;
  const local = ((a * (a - 1)) / 2) * g;
  const global = (g * a * h) / 2;
  return {
    endpoints: e,
    maxEndpoints: e,
    switches: routers,
    links: local + global,
    tiers: { leaf: routers, spine: 0, core: 0 },
    tierLinks: { leafSpine: local + global, spineCore: 0 },
    bisectionEndpoints: e / 4,
    diameter: 3,
    formula: `a = ${a}, p = h = ${h}, g = a·h − 1 = ${g}; links = g·a(a−1)/2 + g·a·h/2`,
  };
}

/** Switch, link and endpoint counts of the chosen topology (a multi-plane FT2 is `planes` copies of one). */
function countsFor(inp: TopologyInput, k: number, over: number): Counts {
  const bal = inp.balancedSpines ?? false;
  switch (inp.kind) {
    case 'ft2':
    case 'mrft':
      return fatTree2(k, inp.endpoints, over, bal);
    case 'ft3':
      return fatTree3(k, inp.endpoints, over);
    case 'mpft': {
      const planes = inp.planes ?? 8;
      const perPlane = inp.endpoints === undefined ? undefined : Math.ceil(inp.endpoints / planes);
      const one = fatTree2(k, perPlane, over, bal);
      return {
        ...one,
        endpoints: one.endpoints * planes,
        maxEndpoints: one.maxEndpoints * planes,
        switches: one.switches * planes,
        links: one.links * planes,
        tiers: { leaf: one.tiers.leaf * planes, spine: one.tiers.spine * planes, core: 0 },
        tierLinks: { leafSpine: one.tierLinks.leafSpine * planes, spineCore: 0 },
        bisectionEndpoints: one.bisectionEndpoints * planes,
        formula: `${planes} planes × FT2 (${one.formula})`,
      };
    }
    case 'sf':
      return slimFly(k);
    case 'df':
      return dragonfly(k);
  }
}

export function buildTopology(inp: TopologyInput): TopologyResult {
  const k = inp.radix;
  if (!Number.isInteger(k) || k < 4 || k > 1024 || k % 2)
    throw new Error(`radix: must be an even whole number from 4 to 1024, got ${k}`);
  if (inp.endpoints !== undefined && (!Number.isInteger(inp.endpoints) || inp.endpoints < 1))
    throw new Error(`endpoints: must be a positive whole number`);
  const over = inp.oversubscription ?? 1;
  if (!Number.isFinite(over) || over < 1 || over > 16)
    throw new Error(`oversubscription: must be from 1 (full bisection) to 16, got ${over}`);
  const c = countsFor(inp, k, over);
  const switchUSD = inp.switchUSD ?? DEFAULT_UNIT_COSTS.switchUSD;
  const linkUSD = inp.linkUSD ?? DEFAULT_UNIT_COSTS.linkUSD;
  const cost = c.switches * switchUSD + c.links * linkUSD;
  const port = gbitPerS(inp.portGbps ?? 400);
  const power = inp.switchPowerW === undefined || inp.switchPowerW === null ? null : c.switches * inp.switchPowerW;
  const dom = inp.scaleUp ? SCALE_UP_DOMAINS[inp.scaleUp] : { devicesPerDomain: 1, nicsPerDomain: 1 };
  const domains = Math.floor(c.endpoints / dom.nicsPerDomain);
  const devices = domains * dom.devicesPerDomain;
  return {
    kind: inp.kind,
    radix: k,
    endpoints: c.endpoints,
    maxEndpoints: c.maxEndpoints,
    switches: c.switches,
    links: c.links,
    transceivers: 2 * c.links,
    tiers: c.tiers,
    tierLinks: c.tierLinks,
    endpointLinks: c.endpoints,
    costUSD: cost,
    costPerEndpointUSD: cost / c.endpoints,
    bisectionBytesPerS: c.bisectionEndpoints * port,
    diameterHops: c.diameter,
    devices,
    scaleUpDomains: domains,
    costPerDeviceUSD: devices > 0 ? cost / devices : Number.NaN,
    powerW: power,
    trace: trace(
      `${inp.kind.toUpperCase()} network, radix ${k}`,
      'cost = switches × $/switch + links × $/link',
      cost,
      'USD',
      [
        input('endpoints', c.endpoints, 'count'),
        input('switches', c.switches, 'count', c.formula),
        input('inter-switch links', c.links, 'count'),
        input('$ per switch', switchUSD, 'USD'),
        input('$ per link', linkUSD, 'USD', inp.switchUSD === undefined ? DEFAULT_UNIT_COSTS.source : 'plan'),
      ],
    ),
  };
}
