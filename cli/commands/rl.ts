/**
 * `cluster-planner rl <plan.json> [--json] [--explain] [--sweep split]`: one RL step —
 * its time and breakdown, tokens generated per second, device-hours and $ for the run, the binding
 * phase and memory per device — or the rollout/training split sweep.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { traceLines } from '../../shared/explain';
import { evaluateRlPlan, type RlResult } from '../../shared/rl/evaluate';
import { rlHeadline, rlMetrics } from '../../shared/rl/metrics';
import { syncText } from '../../shared/rl/sync';
import { formatMetric, METRICS } from '../../shared/metrics';
import type { RlPlan } from '../../shared/schema/plan';
import { sweepSplit } from '../../shared/rl/split';
import { formatBytes, formatSeconds } from '../../shared/units';
import { CliError, printJson, printPairs, printTable, type ParsedArgs } from '../format';
import { readPlan } from './infer';

export function runRl(args: ParsedArgs): number {
  const plan = readPlan(args.positional[1]);
  if (plan.kind !== 'rl')
    throw new CliError(
      `${plan.name} is ${plan.kind === 'inference' ? 'an inference' : 'a training'} plan: use \`cluster-planner ${plan.kind === 'inference' ? 'infer' : 'train'}\``,
    );
  const sweep = args.flags.get('sweep');
  if (sweep !== undefined) {
    if (sweep !== 'split') throw new CliError('--sweep supports only "split" (rollout vs training devices)');
    const rows = sweepSplit(plan, engineCatalog());
    if (args.flags.has('json')) printJson(rows);
    else
      printTable(
        rows.map((r) => ({
          'rollout devices': r.rolloutDevices,
          'training devices': r.trainingDevices,
          step: r.stepTimeS === null ? '—' : formatSeconds(r.stepTimeS),
          generation: r.generationS === null ? '—' : formatSeconds(r.generationS),
          'log-probs + reward + training': r.trainerS === null ? '—' : formatSeconds(r.trainerS),
          fits: r.error ? `no: ${r.error}` : r.fits ? 'yes' : 'no',
        })),
      );
    return 0;
  }
  const r = evaluateRlPlan(plan, engineCatalog());
  if (args.flags.has('json')) printRlJson(plan, r, args.flags.has('explain'));
  else printRlText(plan, r, args.flags.has('explain'));
  return 0;
}

function printRlJson(plan: RlPlan, r: RlResult, explain: boolean): void {
  printJson({
    id: plan.id,
    stepTimeS: r.stepTimeS,
    breakdownS: r.breakdownS,
    generatedTokensPerSecond: r.generatedTokensPerSecond,
    trainedTokensPerSecond: r.trainedTokensPerSecond,
    deviceHours: r.deviceHours,
    costUSD: r.costUSD,
    binding: r.binding,
    memoryPerDeviceBytes: r.memoryPerDeviceBytes,
    fits: r.memory.fits,
    memoryPhases: r.memory.phases,
    utilisation: r.utilisation,
    sync: r.sync,
    generation: {
      mode: r.rollout.mode,
      syncS: r.rollout.gen.syncS,
      streamS: r.rollout.gen.streamS,
      tailS: r.rollout.gen.tailS,
      prefillS: r.rollout.prefillS,
      concurrencyPerReplica: r.rollout.concurrency,
      replicas: r.rollout.layout.dp,
      meanResponseTokens: r.rollout.meanResponseTokens,
      longestResponseTokens: r.rollout.longestTokens,
    },
    timeline: r.timeline,
    issues: r.issues,
    ...(explain ? { trace: r.trace } : {}),
  });
}

function printRlText(plan: RlPlan, r: RlResult, explain: boolean): void {
  const b = r.breakdownS;
  const m = rlMetrics(plan, r);
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    // The RL page's cards, in its words
    ...rlHeadline(plan, r).map((f): [string, string] => [f.label, `${f.value} (${f.sub})`]),
    [
      'breakdown',
      `generation ${formatSeconds(b.generation)}, log-probs ${formatSeconds(b.logprobs)}, reward ${formatSeconds(b.reward)}, training ${formatSeconds(b.training)}, sync ${formatSeconds(b.sync)}, idle ${formatSeconds(b.idle)}`,
    ],
    ['weight sync', `${plan.rl.weightSync}, ${syncText(r.sync, (x) => formatBytes(x))}`],
    [METRICS.rlDeviceHours.label, formatMetric('rlDeviceHours', m.rlDeviceHours)],
    [METRICS.rlCost.label, formatMetric('rlCost', m.rlCost, 'no price set')],
    ...r.issues.map((i): [string, string] => [i.severity, `${i.field}: ${i.message}`]),
  ]);
  if (explain) for (const line of traceLines(r.trace)) process.stdout.write(`${line}\n`);
}
