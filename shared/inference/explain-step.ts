/**
 * The explained step: the operator table read into records, and a trace built from them. Every
 * consumer — the results cards, the breakdown and roofline charts, "show the math", the PDF
 * appendix, the CLI's --explain and the tests — reads these records, so an operator a builder adds
 * appears everywhere without touching them.
 */
import { input, trace, type Trace, type TraceInput } from '../explain';
import type { Family } from './family';
import { operatorsOf, type Operator, type OpTable } from './operators';
import type { StepTotals } from './overlap';
import type { Bound } from './roofline';
import type { StepShape } from './step';
import { epBytesPerDevice, WIRE_BYTES } from './ep-comm';

export interface StepBreakdown {
  /** Seconds per step by component (they sum to total). */
  compute: number;
  memory: number;
  communication: number;
  overhead: number;
  total: number;
  bound: Bound;
  /** The step's operators, one record each (time per execution; count = layers × micro-batches). */
  ops: Operator[];
  epCommPerLayer: number;
  tpCommPerLayer: number;
  moeLayerTime: number;
  communicationBound: number;
  /** Whether the step ran as two overlapped micro-batches. */
  dualMicroBatch: boolean;
  trace: Trace;
}

function opTrace(o: Operator, f: Family, x: StepShape): Trace {
  const label = `${o.name} × ${o.count}`;
  // Without EP, comm.ep is the gather and reduce-scatter of MoE TP over the DP ranks (ep-comm.ts).
  const dispatch = o.id === 'comm.ep' && x.ep > 1;
  if (o.kind === 'collective' && o.wire) {
    const extra: TraceInput[] = !dispatch
      ? o.id === 'comm.ep'
        ? [input('tokens gathered from the DP ranks', x.nb * x.dp, 'tokens'), input('hidden', f.hidden)]
        : []
      : [
          input('load imbalance (hottest rank ÷ mean)', f.settings.moe.loadImbalance, 'ratio'),
          input('tokens per device', x.nb / x.tp, 'tokens'),
          input('top-k + shared', (f.model.moe?.topK ?? 0) + (f.model.moe?.numSharedExperts ?? 0)),
          input('hidden', f.hidden),
          input(
            'dispatch + combine bytes',
            WIRE_BYTES[f.settings.precision.dispatch] + WIRE_BYTES[f.settings.precision.combine],
            'bytes',
          ),
          input('bytes per device', epBytesPerDevice(f, x.nb, x.tp), 'bytes'),
        ];
    return trace(
      label,
      dispatch
        ? 'tokens × (top-k + shared) × hidden × (dispatch + combine bytes) / (β·eff) × load imbalance + 2α'
        : o.id === 'comm.ep'
          ? 'all-reduce of (tokens × DP) × hidden × activation bytes over TP × DP ranks: α × steps + wire bytes / (β·eff)'
          : 'α × steps + wire bytes / (β·eff)',
      o.totalTime,
      's',
      [
        ...extra,
        input('wire bytes per rank', o.wire.bytes, 'bytes'),
        input('ranks', o.wire.ranks, 'count'),
        input('tier', o.wire.tier),
        input('latency part (one execution)', o.wire.latencyS, 's'),
        input('bandwidth part (one execution)', o.wire.bandwidthS, 's'),
      ],
    );
  }
  if (o.block === 'overhead') return trace(label, 'launches, scheduling, sampling (plan setting)', o.totalTime, 's');
  return trace(label, 'max(FLOPs / achievable FLOP/s, bytes / achievable B/s)', o.totalTime, 's', [
    input('FLOPs (one layer, one micro-batch)', o.flops, 'FLOP'),
    input('bytes read', o.bytesRead, 'bytes'),
    input('bytes written', o.bytesWritten, 'bytes'),
    input('achievable FLOP/s', o.rates.flopsPerS, 'FLOP/s', o.rates.note || undefined),
    input('achievable B/s', o.rates.bytesPerS, 'B/s'),
    input('rates from', o.rates.source),
    input('bound', o.bound),
    input(
      'arithmetic intensity',
      o.intensity ?? 'undefined (nothing is moved)',
      o.intensity === null ? undefined : 'ratio',
    ),
  ]);
}

export function explainStep(f: Family, x: StepShape, T: OpTable, r: StepTotals, explain: boolean): StepBreakdown {
  const ops = operatorsOf(T, f.notes);
  const base = {
    compute: r.compute,
    memory: r.memory,
    communication: r.communication,
    overhead: r.overhead,
    total: r.total,
    bound: r.bound,
    ops,
    epCommPerLayer: r.epCommPerLayer,
    tpCommPerLayer: r.tpCommPerLayer,
    moeLayerTime: r.moeLayerTime,
    communicationBound: r.communicationBound,
    dualMicroBatch: x.dual,
  };
  if (!explain) return Object.assign(base, { trace: trace('step', '', r.total, 's') });
  const inputs: TraceInput[] = [
    input('tokens per replica per step', x.n, 'tokens'),
    input('micro-batches', x.dual ? 2 : 1, 'count'),
    input('TP × PP × DP, EP', `${x.tp} × ${x.pp} × ${x.dp}, ${x.ep}`),
    input('achievable FLOP/s (flat)', f.rates.flops, 'FLOP/s'),
    input('achievable memory B/s (flat)', f.rates.bandwidth, 'B/s'),
    input(x.decode ? 'mean context attended' : 'prompt tokens', x.context, 'tokens'),
    ...(r.smSlowdown !== 1
      ? [input('overlapped compute slowdown (SMs left by comm kernels)', r.smSlowdown, 'ratio')]
      : []),
  ];
  return Object.assign(base, {
    trace: trace(
      x.decode ? 'Decode step time' : 'Prefill time',
      x.dual
        ? 'Σ layers 2 × max(compute(n/2), comm(n/2)) + LM head + PP p2p + overhead'
        : 'Σ layers (Σ ops max(FLOP/rate, bytes/bw) + comm) + LM head + PP p2p + overhead',
      r.total,
      's',
      inputs,
      ops.map((o) => opTrace(o, f, x)),
      `binding: ${r.bound}`,
    ),
  });
}
