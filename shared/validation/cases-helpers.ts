/**
 * What the published validation cases share: a case's split from its id, the serving stack as
 * published, the layout and benchmark shorthands, and the precisions DeepSeek's deployments use.
 */
import { cite, type Benchmark, type ValidationCase } from './case';
import { splitOf } from './split';

export type Case = Omit<ValidationCase, 'split'>;
/** A new case: its split follows from its id (docs/validation.md). */
export const add = (c: Case): ValidationCase => ({ ...c, split: splitOf(c.id) });

export type StackName = 'generic' | 'trtllm' | 'sglang' | 'vllm';
export const stack = (name: StackName, version: string | null) => ({ name, version });
export const par = (tp: number, dp = 1, ep = 1) => ({ tp, pp: 1, dp, ep });
export const closed = (concurrency: number, requests?: number): Benchmark =>
  requests === undefined ? { mode: 'closed', concurrency } : { mode: 'closed', concurrency, requests };
/** A closed loop whose source reports medians only (its TTFT and TPOT are compared with the simulation's). */
export const closedMedian = (concurrency: number): Benchmark => ({ mode: 'closed', concurrency, statistic: 'p50' });
export const OFFLINE: Benchmark = { mode: 'offline' };

export const FP8 = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16' };
export const FP8_DS = { weights: 'fp8', compute: 'fp8', kvCache: 'bf16', dispatch: 'fp8', combine: 'bf16' };
export const MTP_ACCEPT = cite(
  'deepseek-v3-report',
  '§5.4.3: acceptance rate of the second-token (MTP) prediction 85-90%',
);
