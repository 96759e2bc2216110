/**
 * Words for how a plan is served, shared by the CLI, the app and its PDF report so they say the
 * same thing: the serving stack and the kernel tables that time it, its scheduler, and what a
 * sizing answer was sized at (slo.sizeAt: the estimate, or the pessimistic edge of the error band,
 * bands.ts).
 */
import type { InferencePlan } from '../schema/plan';
import type { ServingResult } from './evaluate';
import type { Scheduler, SchedulerPolicyName } from './scheduler';

/** "sglang 0.5.14 — measured: SGLang 0.5.14 kernels on NVIDIA B200 (…)": the stack and where its rates come from. */
export function stackText(plan: InferencePlan, r: Pick<ServingResult, 'decode'>): string {
  const st = plan.inference.serving.stack;
  const op = r.decode.ops.find((o) => o.rates.source === 'measured' || o.rates.source === 'derived');
  return `${st.name}${st.version ? ` ${st.version}` : ''} — ${op ? op.rates.note : 'no kernel tables: datasheet and calibration rates'}`;
}

/** "prefill first" or "mixed": a scheduler policy in words. */
export const policyText = (p: SchedulerPolicyName): string => (p === 'prefill-first' ? 'prefill first' : p);

/** "mixed, 8,192 tokens per iteration, prompts whole, at most 256 running": a scheduler in words. */
export function schedulerText(s: Scheduler): string {
  const running = s.maxRunning === null ? '' : `, at most ${s.maxRunning.toLocaleString('en-US')} running`;
  const prompts = s.chunkedPrefill ? 'chunked' : 'whole';
  return `${policyText(s.policy)}, ${s.maxBatchedTokens.toLocaleString('en-US')} tokens per iteration, prompts ${prompts}${running}`;
}

/** What a sizing answer was sized at (shared/sizing/run.ts BestDeployment.metrics.sizedAt). */
export interface SizedAt {
  at: 'estimate' | 'pessimistic';
  decodeScale: number;
  prefillScale: number;
}

/** "+23%": a factor of the pessimistic edge as the share it adds. */
const addedShare = (k: number): string => `+${((k - 1) * 100).toFixed(0)}%`;

/**
 * "the engine's estimate", or "the pessimistic edge of the error band: decode steps +12%, prompt
 * prefill +40% (…)": what an answer was sized at, with the factors its steps were taken at.
 */
export function sizedAtText(s: SizedAt | null | undefined): string {
  if (!s || s.at === 'estimate') return "the engine's estimate";
  return `the pessimistic edge of the error band: decode steps ${addedShare(s.decodeScale)}, prompt prefill ${addedShare(s.prefillScale)} (90% of the fit cases of this class measured no slower)`;
}
