/**
 * The step as data: a table of operator records.
 *
 * A forward step on one device is a list of operators — attention projections and cores, FFNs,
 * routed and shared experts, the router, element-wise traffic, collectives, the LM head and the
 * per-step overhead. Each record holds what it computes (FLOPs), what it moves (bytes read and
 * written, bytes on the wire and the tier they cross), the rates it runs at and where those came
 * from (datasheet × default efficiency, a calibration curve, a plan override), its roofline time
 *   time = max(FLOPs ÷ achievable FLOP/s, bytes ÷ achievable B/s)      (compute ops)
 *   time = α·steps + wire bytes ÷ (β·efficiency)                        (collectives)
 * and which side binds. How many times it runs per step is `layers × micro-batches`.
 *
 * The builders (attention.ts, sparse.ts, vision.ts, mla.ts, ffn.ts, moe.ts, ep-comm.ts, tp-comm.ts,
 * offload.ts, step-ops.ts) write into one preallocated table of typed arrays, so the search's fast path
 * evaluates a configuration without allocating; the explained path reads the same table into
 * `Operator` records. The overlap rules (overlap.ts) turn the table into a step time.
 */
import type { Bound } from './roofline';
import { OP_COUNT, OP_SPECS, RATE_SOURCES, SRC, type SourceCode } from './operator-specs';

export type Block = 'attention' | 'ffn' | 'moe' | 'comm' | 'offload' | 'overhead' | 'head' | 'vision';
export type OpKind =
  'gemm' | 'grouped-gemm' | 'attention-decode' | 'attention-prefill' | 'elementwise' | 'collective' | 'host';
/** Where the overlap rules place an operator: spread over every layer (attention), in each MoE or dense FFN layer, or once per step. */
export type OpGroup = 'attention' | 'moe' | 'dense' | 'step';
/** Where an operator's rates come from. */
export type RateSource = 'datasheet' | 'calibration' | 'override' | 'host' | 'link' | 'fixed' | 'measured' | 'derived';

export interface Operator {
  id: string;
  name: string;
  block: Block;
  kind: OpKind;
  group: OpGroup;
  /** Layers the operator appears in (1 for once-per-step operators). */
  layers: number;
  /** Micro-batches per step it runs for (2 with dual micro-batch, else 1). */
  microBatches: number;
  /** Executions per step: layers × micro-batches. */
  count: number;
  /** Per execution. */
  flops: number;
  bytesRead: number;
  bytesWritten: number;
  /** Bytes sent per rank on the wire, the tier, ranks, and the α and β parts of its time (collectives only). */
  wire: { bytes: number; tier: string; ranks: number; latencyS: number; bandwidthS: number } | null;
  rates: { flopsPerS: number; bytesPerS: number; source: RateSource; note: string };
  /** Seconds per execution, and its compute and memory sides. */
  time: number;
  computeTime: number;
  memoryTime: number;
  bound: Bound;
  /** FLOP per byte moved (null when nothing is moved: the ratio is undefined). */
  intensity: number | null;
  /** time × count: the operator's share of the step before overlap. */
  totalTime: number;
}

export { OP, OP_COUNT, OP_SPECS, SRC, type OpId, type SourceCode } from './operator-specs';

/** One step's operators as columns of typed arrays (no allocation per evaluation). */
export class OpTable {
  /** The step (generation) that last wrote each row: a row is present when it equals `gen`. */
  readonly written = new Uint32Array(OP_COUNT);
  gen = 1;
  readonly layers = new Float64Array(OP_COUNT);
  readonly flops = new Float64Array(OP_COUNT);
  readonly bytesRead = new Float64Array(OP_COUNT);
  readonly bytesWritten = new Float64Array(OP_COUNT);
  readonly rateFlops = new Float64Array(OP_COUNT);
  readonly rateBytes = new Float64Array(OP_COUNT);
  readonly rateSource = new Uint8Array(OP_COUNT);
  readonly host = new Uint8Array(OP_COUNT);
  readonly computeTime = new Float64Array(OP_COUNT);
  readonly memoryTime = new Float64Array(OP_COUNT);
  readonly time = new Float64Array(OP_COUNT);
  readonly wireBytes = new Float64Array(OP_COUNT);
  readonly wireRanks = new Float64Array(OP_COUNT);
  readonly latencyPart = new Float64Array(OP_COUNT);
  readonly bandwidthPart = new Float64Array(OP_COUNT);
  readonly tierName: string[] = new Array<string>(OP_COUNT).fill('');
  /** Display names (a builder may refine its operator's name, e.g. "hottest EP rank"). */
  readonly label: string[] = OP_SPECS.map((s) => s.name);
  /** Micro-batches of the step the table was built for, and whether it is a decode step. */
  microBatches = 1;
  decode = true;
  /**
   * Numbers the builders of one step hand each other (the routed experts' FLOPs and bytes, the
   * overlap rules' compute and memory parts per layer kind, a collective's latency part): in a
   * typed array, not as arguments, since a number passed to a call that is not inlined is boxed
   * (an allocation per step). Slots are named where they are used (moe.ts, overlap.ts, tp-comm.ts).
   */
  readonly num = new Float64Array(12);
  /** The latency part a collective's time function reports (network/collectives.ts LatencyParts). */
  readonly parts = { latency: 0 };

  /** Record every column (the explained path), or only what the overlap rules read (the search). */
  constructor(readonly detail = true) {}

  clear(): void {
    if (this.gen >= 0x7fffffff) {
      this.written.fill(0);
      this.gen = 0;
    }
    this.gen++;
  }

  /** Records a compute or memory operator and its roofline time. */
  roofline(
    i: number,
    layers: number,
    flops: number,
    bytesRead: number,
    bytesWritten: number,
    rateFlops: number,
    rateBytes: number,
    source: SourceCode,
    host = false,
  ): void {
    const bytes = bytesRead + bytesWritten;
    const c = rateFlops > 0 ? flops / rateFlops : 0;
    const m = rateBytes > 0 ? bytes / rateBytes : 0;
    this.written[i] = this.gen;
    this.layers[i] = layers;
    this.computeTime[i] = c;
    this.memoryTime[i] = m;
    if (this.detail) this.keepRoofline(i, flops, bytesRead, bytesWritten, rateFlops, rateBytes, source, host);
    this.time[i] = c > m ? c : m;
  }

  // The explained path's columns, apart so that the hot methods stay small enough to inline.
  private keepRoofline(
    i: number,
    flops: number,
    bytesRead: number,
    bytesWritten: number,
    rateFlops: number,
    rateBytes: number,
    source: SourceCode,
    host: boolean,
  ): void {
    this.flops[i] = flops;
    this.bytesRead[i] = bytesRead;
    this.bytesWritten[i] = bytesWritten;
    this.rateFlops[i] = rateFlops;
    this.rateBytes[i] = rateBytes;
    this.rateSource[i] = source;
    this.host[i] = host ? 1 : 0;
    this.wireBytes[i] = 0;
  }

  /** Records a collective: time = latency part + bandwidth part (rates: the link's, or a measured table's). */
  collective(
    i: number,
    layers: number,
    wireBytes: number,
    ranks: number,
    tier: string,
    latencyPart: number,
    bandwidthPart: number,
    time: number,
    source: SourceCode = SRC.link,
  ): void {
    this.written[i] = this.gen;
    this.layers[i] = layers;
    this.computeTime[i] = 0;
    this.memoryTime[i] = 0;
    if (this.detail) this.keepCollective(i, wireBytes, ranks, tier, latencyPart, bandwidthPart, source);
    this.time[i] = time;
  }

  private keepCollective(
    i: number,
    wireBytes: number,
    ranks: number,
    tier: string,
    latencyPart: number,
    bandwidthPart: number,
    source: SourceCode,
  ): void {
    this.keepRoofline(i, 0, 0, 0, 0, 0, source, false);
    this.wireBytes[i] = wireBytes;
    this.wireRanks[i] = ranks;
    this.tierName[i] = tier;
    this.latencyPart[i] = latencyPart;
    this.bandwidthPart[i] = bandwidthPart;
  }

  /**
   * Records an operator timed from kernel tables: its measured (or derived) seconds, with the
   * roofline's compute and memory sides at the datasheet peaks kept to name what binds. The rates
   * shown are the achieved ones (FLOPs and bytes ÷ seconds).
   */
  measured(
    i: number,
    layers: number,
    flops: number,
    bytesRead: number,
    bytesWritten: number,
    seconds: number,
    peakFlops: number,
    peakBytes: number,
    source: SourceCode,
  ): void {
    this.written[i] = this.gen;
    this.layers[i] = layers;
    this.computeTime[i] = peakFlops > 0 ? flops / peakFlops : 0;
    this.memoryTime[i] = peakBytes > 0 ? (bytesRead + bytesWritten) / peakBytes : 0;
    if (this.detail)
      this.keepRoofline(
        i,
        flops,
        bytesRead,
        bytesWritten,
        seconds > 0 ? flops / seconds : 0,
        seconds > 0 ? (bytesRead + bytesWritten) / seconds : 0,
        source,
        false,
      );
    this.time[i] = seconds;
  }

  /** Records a fixed time (the per-step overhead). */
  fixed(i: number, seconds: number, layers = 1, source: SourceCode = SRC.fixed): void {
    this.roofline(i, layers, 0, 0, 0, 0, 0, source);
    this.time[i] = seconds;
  }

  /** Whether the current step wrote row i. */
  has(i: number): boolean {
    return this.written[i] === this.gen;
  }

  /** Whether the operator binds on compute (or host compute) rather than memory. */
  isCompute(i: number): boolean {
    return this.computeTime[i]! > this.memoryTime[i]!;
  }
}

function boundOf(t: OpTable, i: number, kind: OpKind): Bound {
  if (kind === 'collective') return 'communication';
  if (OP_SPECS[i]!.block === 'overhead') return 'overhead';
  const mem = t.memoryTime[i]! >= t.computeTime[i]!;
  if (t.host[i]) return mem ? 'host-memory' : 'host-compute';
  return mem ? 'memory' : 'compute';
}

/** Operators of a filled table as plain records (for the UI, the report, the CLI and tests). */
export function operatorsOf(t: OpTable, notes: Partial<Record<RateSource, string>> = {}): Operator[] {
  const out: Operator[] = [];
  for (let i = 0; i < OP_COUNT; i++) {
    if (!t.has(i) || t.layers[i] === 0) continue;
    const spec = OP_SPECS[i]!;
    const mbs = spec.group === 'step' ? 1 : t.microBatches;
    const bytes = t.bytesRead[i]! + t.bytesWritten[i]!;
    const source = RATE_SOURCES[t.rateSource[i]!]!;
    const kind: OpKind = t.host[i]
      ? 'host'
      : spec.kind === 'attention-decode' && !t.decode
        ? 'attention-prefill'
        : spec.kind;
    out.push({
      id: spec.id,
      name: t.label[i] ?? spec.name,
      block: t.host[i] ? 'offload' : spec.block,
      kind,
      group: spec.group,
      layers: t.layers[i]!,
      microBatches: mbs,
      count: t.layers[i]! * mbs,
      flops: t.flops[i]!,
      bytesRead: t.bytesRead[i]!,
      bytesWritten: t.bytesWritten[i]!,
      wire:
        spec.kind === 'collective'
          ? {
              bytes: t.wireBytes[i]!,
              tier: t.tierName[i]!,
              ranks: t.wireRanks[i]!,
              latencyS: t.latencyPart[i]!,
              bandwidthS: t.bandwidthPart[i]!,
            }
          : null,
      rates: { flopsPerS: t.rateFlops[i]!, bytesPerS: t.rateBytes[i]!, source, note: notes[source] ?? '' },
      time: t.time[i]!,
      computeTime: t.computeTime[i]!,
      memoryTime: t.memoryTime[i]!,
      bound: boundOf(t, i, spec.kind),
      intensity: bytes > 0 ? t.flops[i]! / bytes : null,
      totalTime: t.time[i]! * t.layers[i]! * mbs,
    });
  }
  return out;
}
