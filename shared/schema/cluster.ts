/**
 * The cluster: one versioned, zod-validated format shared by the app (IndexedDB), cluster files
 * (`.cluster.json`), workspace files and the CLI. A cluster is a node type × a node count, a
 * scale-out fabric per plane, an optional front-end (storage) network and a facility. Every price
 * and power figure is a sourced value: `{ value, source, note?, unverified?, user? }`, where
 * `user: true` marks the user's own figure and `value: null` an unknown one (never invented).
 * Omitted figures fall back to the node preset (purchase price, power) at BOM time.
 */
import { z } from 'zod';
import { Citation, describeIssues } from '../source';
import { checkTree, withoutBom } from './tree';

/** Cluster network topologies (network/topology.ts counts their switches and links). */
export const TOPOLOGIES = ['ft2', 'ft3', 'mpft', 'mrft', 'sf', 'df'] as const;
export type TopologyKind = (typeof TOPOLOGIES)[number];

/** Each topology's name as a reader knows it (screens, reports, the CLI). */
export const TOPOLOGY_NAMES: Record<TopologyKind, string> = {
  ft2: 'Fat-tree (2 tiers)',
  ft3: 'Fat-tree (3 tiers)',
  mpft: 'Multi-plane fat-tree',
  mrft: 'Multi-rail fat-tree',
  sf: 'Slim Fly',
  df: 'Dragonfly',
};

export const CLUSTER_SCHEMA_VERSION = 1;
export const CLUSTER_FILE_KIND = 'cluster-planner-cluster';

/**
 * A priced or powered quantity with its provenance: a sources-registry citation (`{ doc, at }`, or
 * several) for a published figure, or text for what is not a document (your own figure, a figure
 * carried by another line, "no published price found").
 */
const FigureSource = z.union([
  Citation,
  z.array(Citation).min(1, 'a citation list needs at least one citation').max(8),
  z.string().min(2, 'source must name a document, or say it is your own figure').max(1000),
]);

export const Figure = z.object({
  value: z.number().finite().min(0, 'must be ≥ 0').max(1e12, 'is too large').nullable(),
  source: FigureSource,
  note: z.string().max(2000).optional(),
  unverified: z.boolean().optional(),
  /** The user's own figure (a quote, a guess), not a published one. */
  user: z.boolean().optional(),
  /** Carried by another BOM line (NICs inside a server's price): shown, never summed. */
  included: z.boolean().optional(),
});
export type Figure = z.infer<typeof Figure>;

const int = (f: string, min: number, max: number) =>
  z
    .number({ error: `${f} must be a number` })
    .int(`${f} must be a whole number`)
    .min(min, `${f} must be at least ${min}`)
    .max(max, `${f} must be at most ${max}`);
const num = (f: string, min: number, max: number) =>
  z
    .number({ error: `${f} must be a number` })
    .min(min, `${f} must be ≥ ${min}`)
    .max(max, `${f} must be ≤ ${max}`);

export const LINK_MEDIA = ['dac', 'aoc', 'optical'] as const;
export type LinkMedium = (typeof LINK_MEDIA)[number];

export const Fabric = z.object({
  /** Topology of one plane: ft2/ft3 fat-trees, mrft (rail-optimised; grows to three tiers), mpft, sf, df. */
  topology: z.enum(TOPOLOGIES),
  /** Independent planes; each node's NICs are split evenly over them (DeepSeek: 8, one NIC each). */
  planes: int('planes', 1, 64).default(1),
  /** Ports per switch. */
  radix: int('radix', 4, 1024).refine((k) => k % 2 === 0, 'radix must be even'),
  /** r:1 at the leaves (1 = full bisection). */
  oversubscription: num('oversubscription', 1, 16).default(1),
  /** Spine count raised to divide each leaf's uplinks, as the DGX SuperPOD RAs build it. */
  balancedSpines: z.boolean().default(true),
  /** Scale-out NICs per node (per system unit: an NVL72 rack has 72), all planes together. */
  nicsPerNode: int('nicsPerNode', 1, 4096),
  /** Line rate of one NIC port, Gb/s. */
  nicGbps: num('nicGbps', 1, 10_000),
  protocol: z.enum(['ib', 'roce']).default('ib'),
  switchModel: z.string().min(1).max(200),
  switchUSD: Figure,
  switchW: Figure,
  nicModel: z.string().min(1).max(200),
  nicUSD: Figure,
  nicW: Figure,
  /** Medium of node-to-leaf and of switch-to-switch cables. */
  media: z
    .object({ endpoint: z.enum(LINK_MEDIA).default('optical'), switch: z.enum(LINK_MEDIA).default('optical') })
    .default({ endpoint: 'optical', switch: 'optical' }),
  /** Price of one cable (plus its transceivers where the source prices them together). */
  cableUSD: Figure,
  /** Power of one optical transceiver end (DAC ≈ 0 W; AOC ends use the same figure). */
  transceiverW: Figure,
  /** Price of one transceiver when the cable price does not include it; null = included or unknown. */
  transceiverUSD: Figure,
});
export type Fabric = z.infer<typeof Fabric>;

export const Facility = z.object({
  /** IT power one rack can take, kW. */
  rackBudgetKW: num('facility.rackBudgetKW', 1, 2000),
  pue: num('facility.pue', 1, 5),
  usdPerKWh: num('facility.usdPerKWh', 0, 100),
  /** Average share of nameplate IT power drawn (power bill); racks are sized at nameplate. */
  averagePowerFraction: num('facility.averagePowerFraction', 0.05, 1).default(0.8),
  /** Colocation: $ per kW of IT power per month, or $ per rack per month, or none (own building). */
  colocation: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('none') }),
      z.object({ mode: z.literal('per-kw-month'), usd: num('facility.colocation.usd', 0, 1e6), source: z.string() }),
      z.object({ mode: z.literal('per-rack-month'), usd: num('facility.colocation.usd', 0, 1e7), source: z.string() }),
    ])
    .default({ mode: 'none' }),
  /** Support and maintenance per year as a fraction of capex. */
  supportFractionPerYear: num('facility.supportFractionPerYear', 0, 1).default(0),
  amortisationYears: num('facility.amortisationYears', 0.25, 30),
  rackUSD: Figure,
  /** Rack PDUs per rack and the price of one. */
  pdusPerRack: int('facility.pdusPerRack', 0, 16).default(2),
  pduUSD: Figure,
  /** Where the facility figures come from (site, quote, or "my own assumptions"). */
  source: z.string().min(2).max(1000),
});
export type Facility = z.infer<typeof Facility>;

export const Cluster = z.object({
  kind: z.literal(CLUSTER_FILE_KIND).default(CLUSTER_FILE_KIND),
  schemaVersion: z.literal(CLUSTER_SCHEMA_VERSION),
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, 'id may hold letters, digits, ".", "_" and "-"'),
  name: z.string().min(1, 'name is empty').max(200),
  notes: z.string().max(20_000).optional(),
  /** The design's provenance: a registry citation (a reference architecture, a paper) or text. */
  source: FigureSource.optional(),
  createdAt: z.string().max(40).optional(),
  updatedAt: z.string().max(40).optional(),
  node: z.object({
    /** A system preset id or a user-defined system. */
    systemId: z.string().min(1).max(100),
    count: int('node.count', 1, 1 << 17),
    /** Price of one node; omitted = the system preset's purchase price. */
    unitUSD: Figure.optional(),
    /** Nameplate power of one node, W; omitted = the system preset's power. */
    unitW: Figure.optional(),
    /** Height of one node in rack units (null = not limited by space). */
    rackUnits: int('node.rackUnits', 1, 60).nullable().default(null),
  }),
  fabric: Fabric,
  /** Optional front-end / storage network (counted in the BOM, not used by collectives). */
  frontEnd: Fabric.nullable().default(null),
  facility: Facility,
});
export type Cluster = z.infer<typeof Cluster>;
export type ClusterInput = z.input<typeof Cluster>;

export function parseCluster(raw: unknown, label = 'cluster'): Cluster {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${label}: (root): a cluster must be a JSON object`);
  checkTree(raw, '', 0);
  const r = Cluster.safeParse(raw);
  if (!r.success) throw new Error(`${label}: ${describeIssues(r.error)}`);
  return r.data;
}

export const MAX_CLUSTER_FILE_CHARS = 1_000_000;

/** A cluster file's text → a cluster, or an error naming the field. */
export function parseClusterFile(file: string): Cluster {
  const text = withoutBom(file);
  if (text.length > MAX_CLUSTER_FILE_CHARS)
    throw new Error(`(file): is ${text.length} characters; cluster files are at most ${MAX_CLUSTER_FILE_CHARS}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`(file): is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('(root): a cluster must be a JSON object');
  const v = (raw as Record<string, unknown>)['schemaVersion'];
  if (typeof v === 'number' && v > CLUSTER_SCHEMA_VERSION)
    throw new Error(
      `schemaVersion: this cluster is version ${v}, written by a newer Cluster Planner; this app reads up to ${CLUSTER_SCHEMA_VERSION}`,
    );
  return parseCluster(raw);
}

export function isClusterText(text: string): boolean {
  return withoutBom(text).slice(0, 300).includes(`"${CLUSTER_FILE_KIND}"`);
}
