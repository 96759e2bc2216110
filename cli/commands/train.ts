/** `cluster-planner train <plan.json> [--json] [--explain]` */
import { presetCatalog } from '../../presets/load';
import { traceLines } from '../../shared/explain';
import { resolvePlan } from '../../shared/plan/context';
import { evaluateTraining } from '../../shared/training/evaluate';
import { formatBytes, formatPercent, formatSeconds, formatUsd } from '../../shared/units';
import { CliError, printJson, printPairs, warn, type ParsedArgs } from '../format';
import { readPlan } from './infer';

export function runTrain(args: ParsedArgs): number {
  const plan = readPlan(args.positional[1]);
  if (plan.kind !== 'training')
    throw new CliError(
      `${plan.name} is ${plan.kind === 'rl' ? 'an RL' : 'an inference'} plan: use \`cluster-planner ${plan.kind === 'rl' ? 'rl' : 'infer'}\``,
    );
  const t = plan.training;
  const dp = t.parallelism.dp;
  if (t.globalBatchTokens < dp * t.sequenceLength)
    warn(
      'train',
      `training.globalBatchTokens (${t.globalBatchTokens.toLocaleString('en-US')} tokens) is smaller than dp × sequenceLength (${dp} × ${t.sequenceLength.toLocaleString('en-US')} = ${(dp * t.sequenceLength).toLocaleString('en-US')}): each data-parallel replica gets less than one sequence per step, so the step time and MFU below describe no real run`,
    );
  const r = evaluateTraining(plan, resolvePlan(plan, presetCatalog()));
  if (args.flags.has('json')) {
    const { trace, ...rest } = r;
    printJson({ id: plan.id, ...rest, ...(args.flags.has('explain') ? { trace } : {}) });
    return 0;
  }
  printPairs([
    ['plan', `${plan.name} (${plan.id})`],
    ['step time', formatSeconds(r.stepTimeS)],
    ['tokens/s', r.tokensPerSecond.toFixed(0)],
    ['MFU (vs BF16 peak)', formatPercent(r.mfu)],
    ['TFLOP/s per device', (r.tflopsPerDevice / 1e12).toFixed(0)],
    [
      'memory per device',
      `${formatBytes(r.memoryPerDeviceBytes)} of ${formatBytes(r.memory.capacity)}${r.fits ? '' : ` — does not fit: ${r.overflowComponent} is the largest part; over by ${formatBytes(r.overflowBytes)}`}`,
    ],
    ['time to train', formatSeconds(r.timeToTrainS)],
    ['device-hours', r.deviceHours.toFixed(0)],
    ['cost', r.costUSD === null ? 'no price set' : formatUsd(r.costUSD)],
  ]);
  if (args.flags.has('explain')) for (const line of traceLines(r.trace)) process.stdout.write(`${line}\n`);
  return 0;
}
