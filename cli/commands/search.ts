/**
 * `cluster-planner search <spec.clustersearch.json> [--json] [--top N] [--simulate]`: the cheapest
 * deployment meeting a sizing spec's SLOs, the Pareto frontiers and why the rest failed. Progress
 * goes to stderr; the result to stdout. `--simulate` also runs the discrete-event simulation of the
 * best configuration at its load and prints it beside the analytical prediction.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { formatBatch, formatSeconds, formatUsd, MILLI } from '../../shared/units';
import { compactText } from '../../shared/sizing/describe';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { runPrepared } from '../../shared/sizing/run';
import { prepareSearch, REASON_TEXT } from '../../shared/sizing/search';
import { simulatePlan } from '../../shared/serving/simulate-plan';
import { resolvePlan } from '../../shared/plan/context';
import { readInputFile } from '../files';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';

function readSpec(path: string | undefined) {
  if (!path) throw new CliError('Give a sizing spec: cluster-planner search <spec.clustersearch.json>');
  const text = readInputFile(path);
  try {
    return parseSizingSpec(text, path);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function topArg(args: ParsedArgs): number {
  const v = args.flags.get('top');
  if (v === undefined) return 10;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 1 || n > 1000)
    throw new CliError('--top must be a whole number from 1 to 1000');
  return n;
}

/**
 * Progress on stderr: on a terminal one line redrawn in place; into a file or a pipe (a log, CI) a
 * line at most every 2 s, so a long search does not write thousands of carriage-return updates.
 */
export function progressLine(tty: boolean, t0: number, now = Date.now): (done: number, total: number) => void {
  let last = t0;
  return (done, total) => {
    if (tty) return void process.stderr.write(`\rsearching: ${done} / ${total} configurations`);
    const t = now();
    if (t - last < 2000 || done === total) return;
    last = t;
    process.stderr.write(`searching: ${done} / ${total} configurations\n`);
  };
}

export function runSearchCommand(args: ParsedArgs): number {
  const spec = readSpec(args.positional[1]);
  const top = topArg(args);
  const catalog = engineCatalog();
  const t0 = Date.now();
  const progress = progressLine(process.stderr.isTTY === true, t0);
  const sc = prepareSearch(spec, catalog);
  const r = runPrepared(sc, { topN: top, onProgress: progress });
  process.stderr.write(
    `${process.stderr.isTTY ? '\r' : ''}searched ${r.candidates} configurations (${r.evaluated} operating points) in ${((Date.now() - t0) / 1000).toFixed(2)} s\n`,
  );
  const sim =
    args.flags.has('simulate') && r.best
      ? simulatePlan(r.best.plan, resolvePlan(r.best.plan, catalog), { requests: 20_000, seed: 1 })
      : null;
  if (args.flags.has('json')) {
    printJson({
      evaluated: r.evaluated,
      candidates: r.candidates,
      feasible: r.feasible,
      frontier: r.frontier,
      best: r.best,
      top: r.top.map((e) => ({ id: e.cand.id, configuration: e.cand, ...e.verdict, at: e.at })),
      rejected: r.rejected,
      ...(sim ? { simulation: sim } : {}),
    });
    return 0;
  }
  if (!r.best) process.stdout.write('No configuration meets every objective.\n');
  else {
    const head = r.best.metrics.usdPerHour === null ? 'Fewest devices meeting your SLOs' : 'Cheapest meeting your SLOs';
    process.stdout.write(`${head}: ${r.best.summary}\n`);
    const m = r.best.metrics;
    printPairs([
      [
        'TTFT p50 / p90 / p99',
        m.ttftMs
          ? `${formatSeconds(m.ttftMs.p50 * MILLI)} / ${formatSeconds(m.ttftMs.p90 * MILLI)} / ${formatSeconds(m.ttftMs.p99 * MILLI)}`
          : '—',
      ],
      ['TPOT (mean per request)', m.tpotMs === null ? '—' : formatSeconds(m.tpotMs * MILLI)],
      [
        '$ per M output / input tokens (decode / prefill share)',
        m.usdPerMillionOutputTokens === null
          ? 'no price'
          : `${formatUsd(m.usdPerMillionOutputTokens)} / ${formatUsd(m.usdPerMillionInputTokens ?? 0)}`,
      ],
      [
        '$ per M output tokens, all device time',
        m.usdPerMillionOutputTokensAllDevices === null ? 'no price' : formatUsd(m.usdPerMillionOutputTokensAllDevices),
      ],
      [
        'load',
        `${m.requestsPerSecond.toPrecision(3)} requests/s, ${m.requestsPerSecondPerCopy.toPrecision(3)} per copy, mean batch ${m.batchPerCopy === null ? '—' : formatBatch(m.batchPerCopy)} per copy`,
      ],
      ['utilisation of capacity', `${(m.utilization * 100).toFixed(0)}%`],
    ]);
  }
  process.stdout.write('\nBest configurations:\n');
  const pct = spec.slo.ttftPercentile;
  printTable(
    r.top.map((e) => ({
      configuration: compactText(sc, e.cand),
      copies: e.verdict.replicas,
      devices: e.verdict.devicesTotal,
      '$/h': e.verdict.usdPerHour === null ? '—' : formatUsd(e.verdict.usdPerHour),
      '$/M out': e.verdict.usdPerMillionOutput === null ? '—' : formatUsd(e.verdict.usdPerMillionOutput),
      utilisation: `${(e.verdict.utilization * 100).toFixed(0)}%`,
      'TPOT ms': e.at ? (e.at.tpotS / MILLI).toFixed(1) : '—',
      [`TTFT ${pct} ms`]: e.at ? (e.at.ttftS[pct] / MILLI).toFixed(0) : '—',
    })),
  );
  process.stdout.write('\nWhy the rest failed:\n');
  printTable(
    Object.entries(r.rejected).map(([k, n]) => ({
      reason: REASON_TEXT[k as keyof typeof REASON_TEXT],
      configurations: n,
    })),
  );
  if (sim) {
    process.stdout.write('\nSimulation of the best configuration at its load (analytical → simulated):\n');
    printPairs(
      sim.rows.map((x) => [x.metric, `${x.analytical.toPrecision(4)} → ${x.simulated.toPrecision(4)} ${x.unit}`]),
    );
  }
  return 0;
}
