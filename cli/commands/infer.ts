/**
 * `cluster-planner infer <plan.json> [--json] [--sweep batch] [--explain]
 *  [--ttft-ms T] [--tpot-ms T] [--e2e-ms T] [--tokens-per-s-per-user R]` and
 * `cluster-planner validate [--json]`. With latency objectives, infer answers at the largest
 * concurrency that meets them (serving/slo-concurrency.ts).
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { citeText } from '../../presets/sources';
import { traceLines } from '../../shared/explain';
import { sweepBatch } from '../../shared/inference/batch-sweep';
import { evaluateServing, type ServingResult } from '../../shared/serving/evaluate';
import { sloConcurrency, withConcurrency, type LatencyTargets } from '../../shared/serving/slo-concurrency';
import { bandRange, type Banded } from '../../shared/serving/bands';
import { schedulerText, stackText } from '../../shared/serving/describe';
import { formatMetric, METRICS, missingText, type MetricId } from '../../shared/metrics';
import { planMetrics } from '../../shared/sizing/metrics';
import { resolvePlan, type PlanContext } from '../../shared/plan/context';
import { parsePlanFile } from '../../shared/schema/migrations';
import type { InferencePlan, Plan } from '../../shared/schema/plan';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { runValidation, summarizeByGroup, summaryLine } from '../../shared/validation/run';
import { formatBytes, formatSeconds, formatUsd } from '../../shared/units';
import { deviceHourCost, priceSource } from '../../shared/plan/cost';
import { readInputFile } from '../files';
import { resultFacts } from '../../shared/inference/result-facts';
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

function printSweep(plan: InferencePlan, ctx: PlanContext, json: boolean): void {
  const pts = sweepBatch(plan, ctx);
  if (json) return printJson(pts);
  printTable(
    pts.map((p) => ({
      batch: p.batch,
      TPOT: formatMetric('tpot', p.tpotS),
      'output tok/s per device': formatMetric('outputPerDevice', p.outputTokensPerSecondPerDevice),
      'output tok/s per request': formatMetric('outputPerUser', p.outputTokensPerSecondPerRequest),
      fits: p.fits ? 'yes' : 'no',
    })),
  );
}

function printInferJson(plan: InferencePlan, r: ServingResult, explain: boolean): void {
  const { decode, prefill, memory, trace, diffusion, blt, ...headline } = r;
  const noTrace = <T extends { trace: unknown }>(x: T | null): Omit<T, 'trace'> | null => {
    if (!x) return null;
    const { trace: _t, ...rest } = x;
    return rest;
  };
  const breakdown = (b: typeof decode) => ({
    compute: b.compute,
    memory: b.memory,
    communication: b.communication,
    overhead: b.overhead,
    total: b.total,
    bound: b.bound,
  });
  printJson({
    id: plan.id,
    ...headline,
    diffusion: noTrace(diffusion),
    blt: noTrace(blt),
    metrics: planMetrics(plan, r),
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
    decodeBreakdownS: { ...breakdown(decode), dualMicroBatch: decode.dualMicroBatch },
    decodeOperators: decode.ops,
    prefillBreakdownS: breakdown(prefill),
    prefillOperators: prefill.ops,
    ...(explain ? { trace } : {}),
  });
}

/** The metrics the app's result cards show beside TTFT and TPOT, in the same words. */
const INFER_METRICS: MetricId[] = [
  'outputPerUser',
  'outputPerDevice',
  'outputTotal',
  'prefillPerDevice',
  'maxBatch',
  'usdPerMOutput',
  'decodeUsdPerMOutput',
  'prefillUsdPerMInput',
  'energyPerOutputToken',
];

function printInferText(plan: InferencePlan, r: ServingResult, explain: boolean, price: string): void {
  const m = planMetrics(plan, r);
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    ['serving stack', stackText(plan, r)],
    ['price per device-hour', price],
    ...servedPairs(r),
    ['TTFT, one prompt on an idle system', `${formatMetric('ttft', m.ttft)}${bandText(r.ttftS, r.bands.prefill)}`],
    ["TPOT at the plan's batch", `${formatMetric('tpot', m.tpot)}${bandText(r.tpotS, r.bands.decode)}`],
    ...INFER_METRICS.map((id): [string, string] => [METRICS[id].label, formatMetric(id, m[id], missingText(id))]),
    [
      'memory per device',
      `${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)}${r.memory.fits ? '' : ` — does not fit: ${r.memory.overflowComponent} overflows by ${formatBytes(r.memory.overflowBytes)}`}`,
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
  if (explain) for (const line of traceLines(r.trace)) process.stdout.write(`${line}\n`);
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
    printSweep(plan, ctx, args.flags.has('json'));
    return 0;
  }
  const explain = args.flags.has('explain');
  const targets = targetsOf(args);
  if (targets) return runInferSlo(plan, ctx, targets, args.flags.has('json'), explain);
  const r = evaluateServing(plan, ctx, { explain: explain || args.flags.has('json') });
  if (args.flags.has('json')) printInferJson(plan, r, explain);
  else printInferText(plan, r, explain, priceText(plan, ctx));
  return 0;
}

/** The device-hour price the plan pays and where it comes from (or why it has none). */
function priceText(plan: InferencePlan, ctx: PlanContext): string {
  const c = deviceHourCost(plan, ctx.accelerator, ctx.cluster);
  return c.usdPerDeviceHour === null ? priceSource(c) : `${formatUsd(c.usdPerDeviceHour)} (${priceSource(c)})`;
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
      `TTFT of ${c.concurrency} ${c.concurrency === 1 ? 'prompt' : 'prompts'} at once (burst)`,
      `mean ${ms(b.burst.ttftS.mean)}, last ${ms(b.burst.ttftS.p99)}`,
    ],
    [
      'scheduler',
      `${schedulerText(b.scheduler)}; host time ${ms(b.scheduler.requestOverheadS)} per request + ${(b.scheduler.tokenizeSPerToken * 1e6).toFixed(2)} µs per prompt token tokenized`,
    ],
    ['scheduler settings from', b.scheduler.source],
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

/** The latency objectives given on the command line, in seconds; null when none is. */
function targetsOf(args: ParsedArgs): LatencyTargets | null {
  const num = (name: string): number | undefined => {
    const v = args.flags.get(name);
    if (typeof v !== 'string') return undefined;
    const x = Number(v);
    if (!(x > 0)) throw new CliError(`--${name} must be a positive number, got "${v}"`);
    return x;
  };
  const ttft = num('ttft-ms');
  const tpot = num('tpot-ms');
  const e2e = num('e2e-ms');
  const rate = num('tokens-per-s-per-user');
  if (tpot !== undefined && rate !== undefined)
    throw new CliError('give --tpot-ms or --tokens-per-s-per-user, not both (one is 1000 ÷ the other)');
  const t: LatencyTargets = {
    ...(ttft !== undefined ? { ttftS: ttft / 1e3 } : {}),
    ...(tpot !== undefined ? { tpotS: tpot / 1e3 } : rate !== undefined ? { tpotS: 1 / rate } : {}),
    ...(e2e !== undefined ? { e2eS: e2e / 1e3 } : {}),
  };
  return Object.keys(t).length ? t : null;
}

function targetText(t: LatencyTargets): string {
  const parts = [
    t.ttftS !== undefined ? `mean TTFT ≤ ${formatSeconds(t.ttftS)}` : '',
    t.tpotS !== undefined ? `mean TPOT ≤ ${formatSeconds(t.tpotS)}` : '',
    t.e2eS !== undefined ? `mean end-to-end ≤ ${formatSeconds(t.e2eS)}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

const MISSED: Record<'ttft' | 'tpot' | 'e2e', string> = { ttft: 'TTFT', tpot: 'TPOT', e2e: 'end-to-end' };

/** infer with objectives: the closed-loop ladder, the largest concurrency meeting them, and the plan served there. */
function runInferSlo(
  plan: InferencePlan,
  ctx: PlanContext,
  t: LatencyTargets,
  json: boolean,
  explain: boolean,
): number {
  const s = sloConcurrency(plan, ctx, t);
  if (json) {
    printJson({ id: plan.id, objectives: t, best: s.best, capacity: s.capacity, rows: s.rows });
    return 0;
  }
  process.stdout.write(`Objectives: ${targetText(t)} (closed loop, benchmark means)\n\n`);
  printTable(
    s.rows.map((r) => ({
      concurrency: r.concurrency,
      'mean TTFT': formatSeconds(r.ttftMeanS),
      'mean TPOT': formatSeconds(r.tpotMeanS),
      'mean end-to-end': formatSeconds(r.e2eMeanS),
      'output tok/s': formatMetric('outputTotal', r.outputTokensPerSecond),
      meets: r.meets ? 'yes' : `no (${MISSED[r.missed ?? 'tpot']})`,
    })),
  );
  if (!s.best) {
    const r0 = s.rows[0];
    process.stdout.write(
      `\nNo concurrency meets the objectives: even ${r0 ? r0.concurrency : 1} request${r0 && r0.concurrency > 1 ? 's' : ''} miss${r0 && r0.concurrency > 1 ? '' : 'es'} ${r0?.missed ? `the ${MISSED[r0.missed]} objective` : 'them'}.\n`,
    );
    return 0;
  }
  process.stdout.write(
    `\nLargest concurrency within the objectives: ${s.best.concurrency} (of ${s.capacity} the KV cache holds), ${formatMetric('outputTotal', s.best.outputTokensPerSecond)} output in all.\n\nThe plan served at ${s.best.concurrency}:\n`,
  );
  const r = explain ? evaluateServing(withConcurrency(plan, s.best.concurrency), ctx, { explain }) : s.result;
  printInferText(plan, r, explain, priceText(plan, ctx));
  return 0;
}
