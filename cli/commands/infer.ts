/**
 * `cluster-planner infer <plan.json> [--json] [--sweep batch] [--explain]` and
 * `cluster-planner validate [--json]`.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { citeText } from '../../presets/sources';
import { flattenTrace } from '../../shared/explain';
import { sweepBatch } from '../../shared/inference/evaluate';
import { evaluateServing, type ServingResult } from '../../shared/serving/evaluate';
import { bandRange, type Banded } from '../../shared/serving/bands';
import { resolvePlan } from '../../shared/plan/context';
import { parsePlanFile } from '../../shared/schema/migrations';
import type { Plan } from '../../shared/schema/plan';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { runValidation, summarizeByGroup, summaryLine } from '../../shared/validation/run';
import { formatBytes, formatSeconds, formatUsd } from '../../shared/units';
import { readInputFile } from '../files';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';

export function readPlan(path: string | undefined): Plan {
  if (!path) throw new CliError('Give a plan file: cluster-planner infer <plan.json>');
  const text = readInputFile(path);
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
  const ctx = resolvePlan(plan, engineCatalog());
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
    const { decode, prefill, memory, trace, ...headline } = r;
    printJson({
      id: plan.id,
      ...headline,
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
    ['serving stack', stackText(plan, r)],
    ...servedPairs(r),
    [
      'TTFT, one prompt on an idle system',
      `${formatSeconds(r.ttftMs / 1e3)}${bandText(r.ttftMs / 1e3, r.bands.prefill)}`,
    ],
    ["TPOT at the plan's batch", `${formatSeconds(r.tpotMs / 1e3)}${bandText(r.tpotMs / 1e3, r.bands.decode)}`],
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
      r.costPerMillionInputTokensUSD === null ? 'no price set' : formatUsd(r.costPerMillionInputTokensUSD),
    ],
    [
      'energy per output token',
      r.energyPerOutputTokenJ === null ? 'unknown TDP' : `${r.energyPerOutputTokenJ.toFixed(3)} J`,
    ],
    ['binding limit', r.bindingText],
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

/** The stack, and where its kernel timings come from (measured tables, a derived prior, or rates). */
function stackText(plan: Plan & { kind: 'inference' }, r: ServingResult): string {
  const st = plan.inference.serving.stack;
  const op = r.decode.ops.find((o) => o.rates.source === 'measured' || o.rates.source === 'derived');
  return `${st.name}${st.version ? ` ${st.version}` : ''} — ${op ? op.rates.note : 'no kernel tables: datasheet and calibration rates'}`;
}

/** " (80% band 7.1 ms – 9.8 ms, measured|dense|decode)" after a time, or nothing without a band. */
function bandText(seconds: number, b: Banded): string {
  const range = bandRange(seconds, b.band);
  return range ? `  (80% band ${formatSeconds(range.lo)} – ${formatSeconds(range.hi)}, ${b.key})` : '';
}

/** The plan served as a benchmark measures it: closed loop at its concurrency, and a burst. */
function servedPairs(r: ServingResult): Array<[string, string]> {
  const b = r.benchmark;
  if (!b) return [];
  const c = b.closed;
  const ms = (s: number): string => formatSeconds(s);
  const rows: Array<[string, string]> = [
    [
      `served TTFT, closed loop of ${c.concurrency} (${c.requests} requests)`,
      `mean ${ms(c.ttftS.mean)}${bandText(c.ttftS.mean, r.bands.servedTtft)}; p50 ${ms(c.ttftS.p50)}, p90 ${ms(c.ttftS.p90)}, p99 ${ms(c.ttftS.p99)}`,
    ],
    [
      `served TPOT, closed loop of ${c.concurrency}`,
      `mean ${ms(c.tpotS.mean)}${bandText(c.tpotS.mean, r.bands.decode)}; p90 ${ms(c.tpotS.p90)}`,
    ],
    ['served end-to-end latency', `mean ${ms(c.e2eS.mean)}, p90 ${ms(c.e2eS.p90)}`],
    [
      `TTFT of ${c.concurrency} prompts at once (burst)`,
      `mean ${ms(b.burst.ttftS.mean)}, last ${ms(b.burst.ttftS.p99)}`,
    ],
    [
      'scheduler',
      `${b.scheduler.policy}, ${b.scheduler.maxBatchedTokens} tokens per iteration, ${ms(b.scheduler.requestOverheadS)} per request`,
    ],
  ];
  if (b.overCapacity)
    rows.push([
      'note',
      `${c.concurrency} concurrent requests exceed what the KV cache holds (${b.capacityPerReplica} per replica): the rest queue, as engines run them`,
    ]);
  if (b.open)
    rows.push([
      `served at ${b.open.ratePerSecond} requests/s (Poisson)`,
      `TTFT mean ${ms(b.open.ttftS.mean)}, p99 ${ms(b.open.ttftS.p99)}; TPOT ${ms(b.open.tpotS.mean)}`,
    ]);
  return rows;
}

export function runValidate(args: ParsedArgs): number {
  const rows = runValidation(VALIDATION_CASES, engineCatalog());
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
