/**
 * Collectives timed from the measured communication tables of the plan's system (AIConfigurator:
 * the stacks' custom all-reduce and NCCL tables; SGLang's DeepEP low-latency and normal
 * dispatch/combine), or NaN where the system has none and the analytic model applies
 * (network/collectives.ts).
 */
import { secondsAt, type SecondsCurve } from './kernel-set';
import { nearest, pickKey, type DeepepRow, type FamilyKernels } from './family-kernels';

/** Measured all-reduce of `bytes` over `gpus` ranks on the plan's system, or NaN when not measured. */
export function allReduceSeconds(k: FamilyKernels, bytes: number, gpus: number): number {
  const c: SecondsCurve | undefined = k.comm?.allReduce.get(gpus) ?? k.comm?.nccl.get(`all_reduce|${gpus}`);
  return c ? secondsAt(c, bytes) : Number.NaN;
}

/** Measured NCCL all-to-all (bytes per rank) or NaN. */
export function allToAllSeconds(k: FamilyKernels, bytes: number, gpus: number): number {
  const c = k.comm?.nccl.get(`alltoall|${gpus}`);
  return c ? secondsAt(c, bytes) : Number.NaN;
}

/** GPUs of one node in DeepEP's measured tables (node_num counts 8-GPU nodes). */
export const DEEPEP_GPUS_PER_NODE = 8;

/**
 * Measured DeepEP dispatch + combine of `tokens` per rank over an EP group of `ep` GPUs, or NaN
 * when the plan's comm tables hold none for that group: low-latency kernels (decode) or normal
 * kernels (prefill), SGLang's measurement. The table of the model's own (hidden, top-k) is used
 * when measured (the nearest expert count); otherwise the nearest shape's, read at the token count
 * that moves the same bytes (tokens × hidden × top-k ÷ the table's hidden × top-k). The part above
 * one token's time (the bandwidth part) is scaled by the plan's routing imbalance: the tables were
 * measured with balanced routing. `wire` scales each half's bytes from what the tables moved (FP8
 * dispatch, BF16 combine: DeepEP's defaults for DeepSeek inference) to the plan's element sizes.
 */
export function deepepSeconds(
  k: FamilyKernels,
  mode: 'low-latency' | 'normal',
  ep: number,
  shape: { hidden: number; topK: number; experts: number },
  tokens: number,
  imbalance: number,
  wire: { dispatch: number; combine: number } = { dispatch: 1, combine: 1 },
): number {
  if (ep % DEEPEP_GPUS_PER_NODE !== 0) return Number.NaN;
  const key = pickKey(ep, mode === 'low-latency' ? 2 : 3);
  let best = k.picks.get(key) as DeepepRow | null | undefined;
  if (best === undefined) {
    best = nearestDeepep(k, mode, ep / DEEPEP_GPUS_PER_NODE, shape);
    k.picks.set(key, best);
  }
  if (!best) return Number.NaN;
  const equiv = (tokens * shape.hidden * shape.topK) / (best.hidden * best.topK);
  const d = Math.max(1, equiv * wire.dispatch);
  const c = Math.max(1, equiv * wire.combine);
  const base = secondsAt(best.dispatch, 1) + secondsAt(best.combine, 1);
  const t = secondsAt(best.dispatch, d) + secondsAt(best.combine, c);
  return base + Math.max(0, t - base) * imbalance;
}

/** The DeepEP table nearest to the model's shape (bytes per token first) for a mode and node count. */
function nearestDeepep(
  k: FamilyKernels,
  mode: string,
  nodes: number,
  shape: { hidden: number; topK: number; experts: number },
): DeepepRow | null {
  const rows = (k.comm?.deepep ?? []).filter((d) => d.mode === mode && d.nodes === nodes);
  return nearest(
    rows,
    (d) =>
      Math.abs(Math.log((d.hidden * d.topK) / (shape.hidden * shape.topK))) * 4 +
      Math.abs(Math.log(d.hidden / shape.hidden)) +
      Math.abs(Math.log(d.experts / shape.experts)) * 0.1,
  );
}
