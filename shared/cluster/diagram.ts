/**
 * Diagram layout of a cluster (pure data; the renderer draws it as SVG). Rows from top to bottom:
 * core, spine and leaf switches of one plane (the other planes are identical and shown as a count),
 * then the racks of nodes with their scale-up domains. A row never holds more than `maxPerRow`
 * boxes: past that, each box stands for a group and says how many it holds ("× 16"), so a 16,384-GPU
 * cluster draws the same few dozen boxes as a 64-GPU one. Lines join every box of one row to every
 * box of the next (a fat-tree's full bipartite wiring between tiers), and leaves to racks.
 */
import type { ClusterReport } from './compute';

export interface DiagramBox {
  id: string;
  kind: 'core' | 'spine' | 'leaf' | 'rack' | 'network-rack';
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  sub: string;
  /** How many real items this box stands for. */
  count: number;
}

export interface DiagramLine {
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Diagram {
  width: number;
  height: number;
  title: string;
  boxes: DiagramBox[];
  lines: DiagramLine[];
  legend: string[];
}

const BOX_H = 34;
const ROW_GAP = 70;
const MARGIN = 20;
const TITLE_H = 28;

/** Splits n items into at most `max` boxes of equal size (the last one may hold fewer). */
export function groups(n: number, max: number): number[] {
  if (n <= 0) return [];
  const size = Math.ceil(n / max);
  const boxes = Math.ceil(n / size);
  return Array.from({ length: boxes }, (_, i) => (i < boxes - 1 ? size : n - size * (boxes - 1)));
}

function row(
  kind: DiagramBox['kind'],
  counts: number[],
  y: number,
  width: number,
  label: (c: number, i: number) => string,
  sub: (c: number) => string,
): DiagramBox[] {
  const n = counts.length;
  const slot = (width - 2 * MARGIN) / Math.max(1, n);
  const w = Math.min(150, slot * 0.86);
  return counts.map((c, i) => ({
    id: `${kind}-${i}`,
    kind,
    x: MARGIN + slot * i + (slot - w) / 2,
    y,
    w,
    h: BOX_H,
    label: label(c, i),
    sub: sub(c),
    count: c,
  }));
}

function join(a: DiagramBox[], b: DiagramBox[]): DiagramLine[] {
  return a.flatMap((p) =>
    b.map((q) => ({ from: p.id, to: q.id, x1: p.x + p.w / 2, y1: p.y + p.h, x2: q.x + q.w / 2, y2: q.y })),
  );
}

export function layoutCluster(r: ClusterReport, maxPerRow = 12, width = 960): Diagram {
  const P = r.scaleOut.planes;
  const per = { leaf: r.scaleOut.tiers.leaf / P, spine: r.scaleOut.tiers.spine / P, core: r.scaleOut.tiers.core / P };
  const many = (c: number, what: string) => (c > 1 ? `${what} × ${c}` : what);
  let y = MARGIN + TITLE_H;
  const rows: DiagramBox[][] = [];
  for (const [kind, n] of [
    ['core', per.core],
    ['spine', per.spine],
    ['leaf', per.leaf],
  ] as const) {
    if (n <= 0) continue;
    rows.push(
      row(
        kind,
        groups(n, maxPerRow),
        y,
        width,
        (c) => many(c, kind),
        () => `${r.cluster.fabric.radix}-port`,
      ),
    );
    y += BOX_H + ROW_GAP;
  }
  const nodeRacks = r.power.nodeRacks ?? r.nodes;
  const perRack = r.power.nodesPerRack ?? 1;
  const dom = r.system.scaleUpDomainDevices;
  const rackBoxes = row(
    'rack',
    groups(nodeRacks, maxPerRow),
    y,
    width,
    (c) => many(c, 'rack'),
    // Short enough for a narrow box (12 to a row); the legend gives the devices per rack.
    () => `${perRack} node${perRack === 1 ? '' : 's'}`,
  );
  rows.push(rackBoxes);
  y += BOX_H + MARGIN;
  const lines = rows.slice(1).flatMap((b, i) => join(rows[i]!, b));
  const legend = [
    `${r.devices.toLocaleString('en-US')} devices in ${r.nodes.toLocaleString('en-US')} × ${r.system.name}; scale-up domain ${dom} devices`,
    `${P > 1 ? `${P} identical planes, one drawn` : 'one plane'}: ${r.scaleOut.planeKind.toUpperCase()} of ${r.cluster.fabric.radix}-port switches, ${r.cluster.fabric.oversubscription}:1`,
    `switches per plane: ${per.leaf} leaf, ${per.spine} spine, ${per.core} core; racks: ${nodeRacks} for nodes + ${r.power.networkRacks} for network`,
    `a rack holds ${perRack} node${perRack === 1 ? '' : 's'} (${(perRack * r.system.devicesPerNode * r.system.nodesPerSystem).toLocaleString('en-US')} devices)`,
  ];
  if (rows.some((b) => b.some((x) => x.count > 1))) legend.push('A box marked × n stands for n of them.');
  return {
    width,
    height: y,
    title: `${r.cluster.name}`,
    boxes: rows.flat(),
    lines,
    legend,
  };
}
