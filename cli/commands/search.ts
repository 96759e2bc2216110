/**
 * `cluster-planner search <spec.clustersearch.json> [--json] [--top N] [--simulate]`: the cheapest
 * deployment meeting a sizing spec's SLOs, the Pareto frontiers and why the rest failed. Progress
 * goes to stderr; the result to stdout. `--simulate` also runs the discrete-event simulation of the
 * best configuration at its load and prints it beside the analytical prediction.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { formatMetric, METRICS, type MetricId } from '../../shared/metrics';
import { formatBatch, formatCount, formatSeconds, formatSig } from '../../shared/units';
import { answerHeading, bindingText, compactText, loadText } from '../../shared/sizing/describe';
import { bindingOf } from '../../shared/sizing/judge';
import { entryLabel, entryMetrics, RANKED_COLUMNS } from '../../shared/sizing/metrics';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { runPrepared, type SearchResult } from '../../shared/sizing/run';
import { REASON_TEXT } from '../../shared/sizing/curve';
import { prepareSearch, type SearchContext } from '../../shared/sizing/search-context';
import { simulatePlan } from '../../shared/serving/simulate-plan';
import { sizedAtText } from '../../shared/serving/describe';
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

function printBest(sc: SearchContext, r: SearchResult): void {
  const best = r.top[0];
  if (!best || !r.best) return void process.stdout.write('No configuration meets every objective.\n');
  process.stdout.write(`${answerHeading(r.best.metrics.usdPerHour)}: ${r.best.summary}\n`);
  const m = entryMetrics(sc, best);
  const t = best.at?.ttftS;
  const ANSWER: MetricId[] = ['tpot', 'usdPerMOutput', 'decodeUsdPerMOutput', 'prefillUsdPerMInput', 'utilization'];
  printPairs([
    [
      'TTFT p50 / p90 / p95 / p99 at the load',
      t ? [t.p50, t.p90, t.p95, t.p99].map((x) => formatSeconds(x)).join(' / ') : '—',
    ],
    ...ANSWER.map((id): [string, string] => [entryLabel(sc, id), formatMetric(id, m[id], 'no price')]),
    ['target utilisation', formatMetric('utilization', sc.spec.slo.targetUtilization)],
    [
      'load',
      `${loadText(sc, best)}, ${formatCount(r.best.metrics.requestsPerSecondPerCopy)} per copy, mean batch ${r.best.metrics.batchPerCopy === null ? '—' : formatBatch(r.best.metrics.batchPerCopy)} per copy`,
    ],
    ['binding limit', bindingText(sc, best.binding ?? bindingOf(sc, best.cand, best.verdict.row))],
    ['sized at', sizedAtLine(r)],
  ]);
}

/** What the best deployment was sized at, with how to get the other reading. */
function sizedAtLine(r: SearchResult): string {
  const s = r.best?.metrics.sizedAt;
  return s?.at === 'pessimistic'
    ? `${sizedAtText(s)}; \`infer\` on the plan gives the estimate`
    : `${sizedAtText(s)} (slo.sizeAt: 'pessimistic' sizes at the error band's edge)`;
}

/** The ranked list: the same columns as the app's table. */
function printRanked(sc: SearchContext, r: SearchResult): void {
  process.stdout.write('\nBest configurations:\n');
  const head = (id: MetricId): string => (id === 'ttft' ? `TTFT ${sc.spec.slo.ttftPercentile}` : METRICS[id].short);
  printTable(
    r.top.map((e) => {
      const m = entryMetrics(sc, e);
      const cells = Object.fromEntries(
        RANKED_COLUMNS.map((id) => [head(id), formatMetric(id, m[id], id.startsWith('usd') ? 'no price' : '—')]),
      );
      return { configuration: compactText(sc, e.cand), copies: e.verdict.replicas, ...cells };
    }),
  );
  process.stdout.write('\nWhy the rest failed:\n');
  printTable(
    Object.entries(r.rejected).map(([k, n]) => ({
      reason: REASON_TEXT[k as keyof typeof REASON_TEXT],
      configurations: n,
    })),
  );
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
    `${process.stderr.isTTY ? '\r' : ''}searched ${r.candidates.toLocaleString('en-US')} configurations (${r.evaluated.toLocaleString('en-US')} operating points) in ${((Date.now() - t0) / 1000).toFixed(2)} s\n`,
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
  printBest(sc, r);
  printRanked(sc, r);
  if (sim) {
    process.stdout.write('\nSimulation of the best configuration at its load (analytical → simulated):\n');
    printPairs(
      sim.rows.map((x) => [x.metric, `${formatSig(x.analytical, 4)} → ${formatSig(x.simulated, 4)} ${x.unit}`]),
    );
  }
  return 0;
}
