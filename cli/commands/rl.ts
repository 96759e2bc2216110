/**
 * `cluster-planner rl <plan.json> [--json] [--explain] [--sweep split]` (issue 16): one RL step —
 * its time and breakdown, tokens generated per second, device-hours and $ for the run, the binding
 * phase and memory per device — or the rollout/training split sweep.
 */
import { engineCatalog } from '../../presets/engine-catalog';
import { traceLines } from '../../shared/explain';
import { evaluateRlPlan } from '../../shared/rl/evaluate';
import { sweepSplit } from '../../shared/rl/split';
import { formatBytes, formatPercent, formatSeconds, formatUsd } from '../../shared/units';
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
  if (args.flags.has('json')) {
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
      ...(args.flags.has('explain') ? { trace: r.trace } : {}),
    });
    return 0;
  }
  const b = r.breakdownS;
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    ['step time', `${formatSeconds(r.stepTimeS)} (${r.binding} binds)`],
    [
      'breakdown',
      `generation ${formatSeconds(b.generation)}, log-probs ${formatSeconds(b.logprobs)}, reward ${formatSeconds(b.reward)}, training ${formatSeconds(b.training)}, sync ${formatSeconds(b.sync)}, idle ${formatSeconds(b.idle)}`,
    ],
    ['generation tail', formatSeconds(r.rollout.gen.tailS)],
    ['tokens generated/s', r.generatedTokensPerSecond.toFixed(0)],
    [
      'pool utilisation',
      r.pools.colocated
        ? 'colocated: one pool'
        : `rollout ${formatPercent(r.utilisation.rollout)}, training ${formatPercent(r.utilisation.training)}`,
    ],
    [
      'memory per device',
      `${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)} (${r.memory.peakPhase})${r.memory.fits ? '' : ' — does not fit'}`,
    ],
    ['device-hours (run)', r.deviceHours.toFixed(0)],
    ['cost (run)', r.costUSD === null ? 'no price set' : formatUsd(r.costUSD)],
    ...r.issues.map((i): [string, string] => [i.severity, `${i.field}: ${i.message}`]),
  ]);
  if (args.flags.has('explain')) for (const line of traceLines(r.trace)) process.stdout.write(`${line}\n`);
  return 0;
}
