/**
 * `cluster-planner infer <plan.json> [--json] [--sweep batch] [--explain]` and
 * `cluster-planner validate [--json]`.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { citeText } from '../../presets/sources';
import { traceLines } from '../../shared/explain';
import { sweepBatch } from '../../shared/inference/evaluate';
import { evaluateServing, type ServingResult } from '../../shared/serving/evaluate';
import { bandRange, type Banded } from '../../shared/serving/bands';
import { formatMetric, METRICS, missingText, type MetricId } from '../../shared/metrics';
import { planMetrics } from '../../shared/sizing/metrics';
import { resolvePlan, type PlanContext } from '../../shared/plan/context';
import { parsePlanFile } from '../../shared/schema/migrations';
import type { InferencePlan, Plan } from '../../shared/schema/plan';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { runValidation, summarizeByGroup, summaryLine } from '../../shared/validation/run';
import { formatBytes, formatSeconds } from '../../shared/units';
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

function printSweep(plan: InferencePlan, ctx: PlanContext, json: boolean): void {
  const pts = sweepBatch(plan, ctx);
  if (json) return printJson(pts);
  printTable(
    pts.map((p) => ({
      batch: p.batch,
      TPOT: formatMetric('tpot', p.tpotMs / 1000),
      'output tok/s per device': formatMetric('outputPerDevice', p.outputTokensPerSecondPerDevice),
      'output tok/s per request': formatMetric('outputPerUser', p.outputTokensPerSecondPerRequest),
      fits: p.fits ? 'yes' : 'no',
    })),
  );
}

function printInferJson(plan: InferencePlan, r: ServingResult, explain: boolean): void {
  const { decode, prefill, memory, trace, ...headline } = r;
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

function printInferText(plan: InferencePlan, r: ServingResult, explain: boolean): void {
  const m = planMetrics(plan, r);
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    ['serving stack', stackText(plan, r)],
    ...servedPairs(r),
    [
      'TTFT, one prompt on an idle system',
      `${formatMetric('ttft', m.ttft)}${bandText(r.ttftMs / 1e3, r.bands.prefill)}`,
    ],
    ["TPOT at the plan's batch", `${formatMetric('tpot', m.tpot)}${bandText(r.tpotMs / 1e3, r.bands.decode)}`],
    ...INFER_METRICS.map((id): [string, string] => [METRICS[id].label, formatMetric(id, m[id], missingText(id))]),
    [
      'memory per device',
      `${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)}${r.memory.fits ? '' : ` — does not fit: ${r.memory.overflowComponent} overflows by ${formatBytes(r.memory.overflowBytes)}`}`,
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
  const r = evaluateServing(plan, ctx, { explain: explain || args.flags.has('json') });
  if (args.flags.has('json')) printInferJson(plan, r, explain);
  else printInferText(plan, r, explain);
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
