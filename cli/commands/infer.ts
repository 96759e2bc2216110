/**
 * `cluster-planner infer <plan.json> [--json] [--sweep batch] [--explain]` and
 * `cluster-planner validate [--json]`.
 */
import { readFileSync } from 'node:fs';
import { presetCatalog } from '../../presets/load';
import { citeText } from '../../presets/sources';
import { flattenTrace } from '../../shared/explain';
import { sweepBatch } from '../../shared/inference/evaluate';
import { evaluateServing } from '../../shared/serving/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { parsePlanFile } from '../../shared/schema/migrations';
import type { Plan } from '../../shared/schema/plan';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { runValidation, summarizeByGroup, summaryLine } from '../../shared/validation/run';
import { formatBytes, formatSeconds, formatUsd } from '../../shared/units';
import { resultFacts } from '../../shared/inference/result-facts';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';

export function readPlan(path: string | undefined): Plan {
  if (!path) throw new CliError('Give a plan file: cluster-planner infer <plan.json>');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return parsePlanFile(text);
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
}

export function runInfer(args: ParsedArgs): number {
  const plan = readPlan(args.positional[1]);
  if (plan.kind !== 'inference')
    throw new CliError(
      `${plan.name} is ${plan.kind === 'rl' ? 'an RL' : 'a training'} plan: use \`cluster-planner ${plan.kind === 'rl' ? 'rl' : 'train'}\``,
    );
  const ctx = resolvePlan(plan, presetCatalog());
  const sweep = args.flags.get('sweep');
  if (sweep !== undefined) {
    if (sweep !== 'batch') throw new CliError('--sweep supports only "batch"');
    const pts = sweepBatch(plan, ctx);
    if (args.flags.has('json')) printJson(pts);
    else
      printTable(
        pts.map((p) => ({
          batch: p.batch,
          'TPOT ms': p.tpotMs.toFixed(2),
          'tok/s/device': p.outputTokensPerSecondPerDevice.toFixed(1),
          'tok/s/request': p.outputTokensPerSecondPerRequest.toFixed(1),
          fits: p.fits ? 'yes' : 'no',
        })),
      );
    return 0;
  }
  const r = evaluateServing(plan, ctx, { explain: args.flags.has('explain') || args.flags.has('json') });
  if (args.flags.has('json')) {
    const { decode, prefill, memory, trace, diffusion, blt, ...headline } = r;
    const noTrace = <T extends { trace: unknown }>(x: T | null): Omit<T, 'trace'> | null => {
      if (!x) return null;
      const { trace: _t, ...rest } = x;
      return rest;
    };
    printJson({
      id: plan.id,
      ...headline,
      diffusion: noTrace(diffusion),
      blt: noTrace(blt),
      memoryPerDevice: {
        weights: memory.weights,
        kvCache: memory.kvCache,
        activations: memory.activations,
        reserve: memory.reserve,
        capacity: memory.capacity,
        fits: memory.fits,
        overflowBytes: memory.overflowBytes,
        overflowComponent: memory.overflowComponent,
      },
      decodeBreakdownS: {
        compute: decode.compute,
        memory: decode.memory,
        communication: decode.communication,
        overhead: decode.overhead,
        total: decode.total,
        bound: decode.bound,
        dualMicroBatch: decode.dualMicroBatch,
      },
      decodeOperators: decode.ops,
      prefillBreakdownS: {
        compute: prefill.compute,
        memory: prefill.memory,
        communication: prefill.communication,
        overhead: prefill.overhead,
        total: prefill.total,
        bound: prefill.bound,
      },
      prefillOperators: prefill.ops,
      ...(args.flags.has('explain') ? { trace } : {}),
    });
    return 0;
  }
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    ['TTFT', formatSeconds(r.ttftMs / 1e3)],
    ['TPOT', formatSeconds(r.tpotMs / 1e3)],
    ['output tokens/s per request', r.outputTokensPerSecondPerRequest.toFixed(1)],
    ['output tokens/s per device', r.outputTokensPerSecondPerDevice.toFixed(1)],
    ['output tokens/s, whole deployment', r.outputTokensPerSecond.toFixed(0)],
    ['prefill tokens/s per device', r.prefillTokensPerSecondPerDevice.toFixed(0)],
    ['largest batch that fits', String(r.maxBatch)],
    [
      'memory per device',
      `${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)}${r.memory.fits ? '' : ` — does not fit: ${r.memory.overflowComponent} overflows by ${formatBytes(r.memory.overflowBytes)}`}`,
    ],
    [
      '$ per million output tokens',
      r.costPerMillionOutputTokensUSD === null ? 'no price set' : formatUsd(r.costPerMillionOutputTokensUSD),
    ],
    [
      '$ per million input tokens',
      r.diffusion
        ? 'not separate: the sampler prices each request'
        : r.costPerMillionInputTokensUSD === null
          ? 'no price set'
          : formatUsd(r.costPerMillionInputTokensUSD),
    ],
    [
      'energy per output token',
      r.energyPerOutputTokenJ === null ? 'unknown TDP' : `${r.energyPerOutputTokenJ.toFixed(3)} J`,
    ],
    ['binding limit', r.bindingText],
    ...resultFacts(r).map((f): [string, string] => [f.label, f.note ? `${f.value} (${f.note})` : f.value]),
    ...r.issues.map((i): [string, string] => [`${i.severity}`, `${i.field}: ${i.message}`]),
  ]);
  process.stdout.write(
    `\nDecode step operators (${r.decode.dualMicroBatch ? 'two micro-batches' : 'one micro-batch'}; time before overlap):\n`,
  );
  printTable(
    r.decode.ops.map((o) => ({
      operator: o.name,
      kind: o.kind,
      'runs/step': o.count,
      'time/step': formatSeconds(o.totalTime),
      share: `${((o.totalTime / r.decode.total) * 100).toFixed(1)}%`,
      bound: o.bound,
      'rates from': o.rates.source,
    })),
  );
  if (args.flags.has('explain'))
    for (const { depth, node } of flattenTrace(r.trace))
      process.stdout.write(`${'  '.repeat(depth)}${node.label} = ${node.value} ${node.unit}   [${node.formula}]\n`);
  return 0;
}

export function runValidate(args: ParsedArgs): number {
  const rows = runValidation(VALIDATION_CASES, presetCatalog());
  const signed = (e: number | null): string => (e === null ? '' : `${e >= 0 ? '+' : ''}${e.toFixed(1)}%`);
  if (args.flags.has('json'))
    printJson(
      rows.map((r) => ({
        id: r.id,
        source: citeText(r.source),
        metric: r.metric,
        unit: r.unit,
        published: r.published,
        predicted: r.predicted,
        errorPct: r.errorPct,
        rooflinePredicted: r.rooflinePredicted,
        rooflineErrorPct: r.rooflineErrorPct,
        ...(r.error ? { error: r.error } : {}),
      })),
    );
  else {
    printTable(
      rows.map((r) => ({
        id: r.id,
        metric: `${r.metric} (${r.unit})`,
        published: r.published,
        predicted: r.predicted === null ? `error: ${r.error}` : r.predicted.toFixed(1),
        error: signed(r.errorPct),
        'plain roofline': signed(r.rooflineErrorPct),
      })),
    );
    const g = summarizeByGroup(rows);
    process.stdout.write(`\nserving and training: ${summaryLine(g.core)}\nRL post-training: ${summaryLine(g.rl)}\n`);
  }
  return 0;
}
