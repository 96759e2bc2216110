/**
 * An inference plan's serving settings in words, for Compare's inputs and the PDF report: the
 * stack and the kernels that time it, its scheduler, the engine copies, the prefill pool of a
 * disaggregated plan, and the components at a precision of their own.
 */
import { engineCopies } from '@shared/inference/point';
import type { Catalog } from '@shared/plan/context';
import type { ComponentPrecision, InferencePlan, Plan } from '@shared/schema/plan';
import { schedulerText, stackText } from '@shared/serving/describe';
import { schedulerOf, schedulerTargetFor } from '@shared/serving/stack-defaults';
import type { ServingResult } from '@shared/serving/evaluate';
import { formatBytesPerS } from '@shared/units';

/** "sglang 0.5.14 — measured: SGLang 0.5.14 kernels on …" once evaluated; the stored setting before. */
export function stackInput(plan: InferencePlan, r: Pick<ServingResult, 'decode'> | null): string {
  if (r) return stackText(plan, r);
  const st = plan.inference.serving.stack;
  return `${st.name} ${st.version ?? '(newest measured)'}`;
}

/** "mixed, 8,192 tokens per iteration, prompts whole (stack default)": the scheduler the plan runs. */
export function schedulerInput(plan: InferencePlan, catalog: Catalog): string {
  const own = Object.keys(plan.inference.serving.scheduler ?? {}).length > 0;
  const sch = schedulerOf(plan.inference, schedulerTargetFor(catalog, plan.modelId, plan.systemId));
  return `${schedulerText(sch)} (${own ? 'plan’s settings' : 'stack default'})`;
}

/** "2 engine copies", or a disaggregated plan's decode workers. */
export function copiesInput(plan: InferencePlan): string {
  const n = engineCopies(plan);
  const what = plan.inference.serving.disaggregation
    ? n === 1
      ? 'decode worker'
      : 'decode workers'
    : n === 1
      ? 'engine copy'
      : 'engine copies';
  return `${n.toLocaleString('en-US')} ${what}`;
}

const systemName = (catalog: Catalog, id: string): string => {
  const s = catalog.systems.find((x) => x.id === id);
  return s?.shortName ?? s?.name ?? id;
};

/** "8 devices, TP1 PP1 DP8 EP8 on HGX H200; KV transfer 50 GB/s", or null when prefill and decode share devices. */
export function prefillInput(plan: InferencePlan, catalog: Catalog): string | null {
  const dis = plan.inference.serving.disaggregation;
  if (!dis) return null;
  const pre = dis.prefill;
  const p = plan.inference.parallelism;
  const layout = pre
    ? `TP${pre.tp} PP${pre.pp} DP${pre.dp}${pre.ep > 1 ? ` EP${pre.ep}` : ''}`
    : `decode’s TP${p.tp} PP${p.pp}`;
  const kv =
    dis.kvTransferBytesPerS === undefined
      ? 'KV transfer over the prefill links'
      : `KV transfer ${formatBytesPerS(dis.kvTransferBytesPerS)} per worker`;
  const devices = `${dis.prefillDevices.toLocaleString('en-US')} ${dis.prefillDevices === 1 ? 'device' : 'devices'}`;
  return `${devices}, ${layout} on ${systemName(catalog, pre?.systemId ?? plan.systemId)}; ${kv}`;
}

const part = (name: string, c: ComponentPrecision | undefined): string | null =>
  c ? `${name} ${c.weights.toUpperCase()} weights, ${c.compute.toUpperCase()} matmuls` : null;

/** "attention FP8 weights, FP8 matmuls; experts NVFP4 weights, FP4 matmuls", or null when every component runs at the plan's. */
export function componentPrecisionInput(plan: InferencePlan): string | null {
  const pr = plan.inference.precision;
  const parts = [part('attention', pr.attention), part('experts', pr.experts)].filter((x) => x !== null);
  return parts.length ? parts.join('; ') : null;
}

/** The serving rows of a set of plans (Compare's inputs): a row shows when some plan has a value for it. */
export function servingInputRows(
  plans: readonly Plan[],
  results: ReadonlyArray<Pick<ServingResult, 'decode'> | null>,
  catalog: Catalog,
): Array<[string, string[]]> {
  const inf = (p: Plan): InferencePlan | null => (p.kind === 'inference' ? p : null);
  if (!plans.some(inf)) return [];
  const row = (label: string, f: (p: InferencePlan, i: number) => string | null): Array<[string, string[]]> => {
    const cells = plans.map((p, i) => {
      const ip = inf(p);
      return ip ? f(ip, i) : null;
    });
    return cells.some((c) => c !== null) ? [[label, cells.map((c) => c ?? '—')]] : [];
  };
  return [
    ...row('Serving stack', (p, i) => stackInput(p, results[i] ?? null)),
    ...row('Scheduler', (p) => schedulerInput(p, catalog)),
    ...row('Engine copies', copiesInput),
    ...row('Prefill pool', (p) => prefillInput(p, catalog)),
    ...row('Per-component precision', componentPrecisionInput),
  ];
}
