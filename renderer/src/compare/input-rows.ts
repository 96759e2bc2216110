/** The inputs rows of Compare (and the PDF report): system, devices, layout, precision, serving, price. */
import { presetCatalog } from '@presets/load';
import type { Catalog } from '@shared/plan/context';
import type { Plan } from '@shared/schema/plan';
import { formatUsd } from '@shared/units';
import type { EvaluateResponse } from '../engine/protocol';
import { servingInputRows } from '../plans/plan-inputs';

type Result = EvaluateResponse | null | undefined;

/** ", block-scaled" or ", per-tensor scales" where a plan states how its FP8 weights are scaled. */
const fp8Scaling = (p: { compute: string; fp8Scaling?: 'tensor' | 'block' }): string =>
  p.compute !== 'fp8' || !p.fp8Scaling ? '' : p.fp8Scaling === 'block' ? ', block-scaled' : ', per-tensor scales';

/** The inputs of each plan, so a reader sees what is compared: system, devices, layout, precision, price. */
export function inputRows(
  plans: Plan[],
  results: Result[],
  catalog: Catalog = presetCatalog(),
): Array<[string, string[]]> {
  const layout = (p: Plan): string => {
    const par =
      p.kind === 'inference' ? p.inference.parallelism : p.kind === 'training' ? p.training.parallelism : null;
    if (!par) return p.kind === 'rl' ? p.rl.placement.mode : '';
    // The experts' tensor parallelism where it is not plain TP: stated, or DP attention without EP (TP × DP).
    const moe = !!catalog.models.find((m) => m.id === p.modelId)?.moe;
    const stated = p.kind === 'inference' ? p.inference.parallelism.moeTp : undefined;
    const implied = moe && p.kind === 'inference' && par.ep <= 1 && par.dp > 1 ? par.tp * par.dp : undefined;
    const moeTp = (stated ?? implied) ? ` MoE TP${stated ?? implied}` : '';
    return `TP${par.tp} PP${par.pp} DP${par.dp}${par.ep > 1 ? ` EP${par.ep}` : ''}${moeTp}`;
  };
  const served = results.map((r) => (r?.ok && r.kind === 'inference' ? r.result : null));
  const precision = (p: Plan): string =>
    p.kind === 'inference'
      ? `${p.inference.precision.weights.toUpperCase()} weights, ${p.inference.precision.compute.toUpperCase()} compute${fp8Scaling(p.inference.precision)}`
      : p.kind === 'training'
        ? p.training.precision.toUpperCase()
        : p.rl.training.precision.toUpperCase();
  const price = (r: Result): string =>
    r?.ok
      ? r.resolved.usdPerDeviceHour === null
        ? `no price (${r.resolved.priceSource})`
        : `${formatUsd(r.resolved.usdPerDeviceHour)} per device-hour (${r.resolved.priceSource})`
      : '—';
  return [
    ['Model', results.map((r, i) => (r?.ok ? r.resolved.model : plans[i]!.modelId))],
    ['System', results.map((r, i) => (r?.ok ? `${r.resolved.system} · ${r.resolved.device}` : plans[i]!.systemId))],
    ['Devices', plans.map((p) => p.devices.toLocaleString('en-US'))],
    ['Layout', plans.map(layout)],
    ['Precision', plans.map(precision)],
    ...servingInputRows(plans, served, catalog),
    ['Price', results.map(price)],
  ];
}
