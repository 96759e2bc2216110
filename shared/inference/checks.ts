/**
 * What an inference plan must satisfy before it can be timed, each problem naming its field:
 * layouts against devices and hardware (plan/context.ts checkParallelism), disaggregated pools that
 * add up, what a diffusion LM's sampler ignores (speculative decoding, dual micro-batch, disaggregated
 * pools), offload that the system cannot
 * do, and links a layout needs whose bandwidth the presets do not know (a collective over a link of
 * unknown speed cannot be timed: it is refused rather than shown as infinitely slow).
 */
import { checkParallelism, type PlanContext, type PlanIssue } from '../plan/context';
import type { InferencePlan } from '../schema/plan';
import type { Family } from './family';
import { clusterPlanIssues } from '../cluster/resolve';
import type { Layout } from './step';
import { compareVersions } from '../kernels/version';

const error = (field: string, message: string): PlanIssue => ({ field, message, severity: 'error' });
const warning = (field: string, message: string): PlanIssue => ({ field, message, severity: 'warning' });

/** Links the layout's collectives cross, and whether each one's bandwidth is known. */
export function linkIssues(f: Family, lay: Layout, field: string): PlanIssue[] {
  const out: PlanIssue[] = [];
  const sys = f.ctx.system.name;
  const needs = (tier: 'up' | 'out', what: string, at: string): void => {
    const t = tier === 'up' ? f.scaleUp : f.scaleOut;
    if (!(t.bandwidth > 0))
      out.push(error(`${field}.${at}`, `${what} needs the ${t.name} bandwidth, which ${sys}'s preset does not give`));
  };
  if (lay.tp > 1) needs('up', `TP ${lay.tp}`, 'tp');
  if (lay.tp > f.scaleUpDomain) needs('out', `TP ${lay.tp} across scale-up domains`, 'tp');
  if (lay.pp > 1) needs('up', `PP ${lay.pp}`, 'pp');
  if (f.model.moe && lay.ep <= 1 && lay.dp > 1) {
    // DP attention without EP: the experts are tensor-parallel over TP × DP devices (moe.ts, ep-comm.ts).
    const g = lay.tp * lay.dp;
    const what = `DP ${lay.dp} without EP (the experts tensor-parallel over ${g} devices)`;
    if (f.scaleUpDomain > 1) needs('up', what, 'dp');
    if (f.scaleUpDomain <= 1 || g > f.scaleUpDomain) needs('out', what, 'dp');
  }
  if (f.model.moe && lay.ep > 1) {
    const tier = f.settings.network.epTier;
    if (tier === 'scale-out' || (tier === 'auto' && (f.scaleUpDomain <= 1 || lay.ep > f.scaleUpDomain)))
      needs('out', `EP ${lay.ep}`, 'ep');
    if (tier === 'scale-up' || (tier === 'auto' && f.scaleUpDomain > 1)) needs('up', `EP ${lay.ep}`, 'ep');
  }
  return out;
}

/** Engine copies, pools and MoE tensor parallelism add up; each message names both numbers. */
function poolIssues(plan: InferencePlan, ctx: PlanContext): PlanIssue[] {
  const s = plan.inference;
  const p = s.parallelism;
  const dis = s.serving.disaggregation;
  const engine = p.tp * p.pp * p.dp;
  const out: PlanIssue[] = [];
  if (!dis && plan.devices % p.replicas !== 0)
    out.push(
      error(
        'inference.parallelism.replicas',
        `${plan.devices} devices do not split into ${p.replicas} equal engine copies`,
      ),
    );
  if (dis && p.replicas !== 1)
    out.push(
      error(
        'inference.parallelism.replicas',
        `a disaggregated plan's decode copies are its decode workers (decodeDevices ÷ TP·PP·DP); replicas must be 1, not ${p.replicas}`,
      ),
    );
  if (dis && dis.decodeDevices % engine !== 0)
    out.push(
      error(
        'inference.serving.disaggregation.decodeDevices',
        `the decode pool's ${dis.decodeDevices} devices are not a whole number of workers of TP ${p.tp} × PP ${p.pp} × DP ${p.dp} = ${engine}`,
      ),
    );
  const pre = dis?.prefill;
  if (dis && pre) {
    const w = pre.tp * pre.pp * pre.dp;
    if (dis.prefillDevices % w !== 0)
      out.push(
        error(
          'inference.serving.disaggregation.prefillDevices',
          `the prefill pool's ${dis.prefillDevices} devices are not a whole number of workers of TP ${pre.tp} × PP ${pre.pp} × DP ${pre.dp} = ${w}`,
        ),
      );
    if (pre.ep > pre.tp * pre.dp || (pre.ep > 1 && (pre.tp * pre.dp) % pre.ep !== 0))
      out.push(
        error(
          'inference.serving.disaggregation.prefill.ep',
          `prefill EP ${pre.ep} must divide its TP × DP = ${pre.tp * pre.dp}`,
        ),
      );
    const a = ctx.model.attention;
    if (a.type !== 'mla' && a.numHeads % pre.tp !== 0)
      out.push(
        error(
          'inference.serving.disaggregation.prefill.tp',
          `prefill TP ${pre.tp} does not divide the ${a.numHeads} attention heads of ${ctx.model.name}`,
        ),
      );
    if (pre.pp > ctx.model.numLayers)
      out.push(
        error(
          'inference.serving.disaggregation.prefill.pp',
          `prefill PP ${pre.pp} exceeds the ${ctx.model.numLayers} layers of ${ctx.model.name}`,
        ),
      );
  }
  if (p.moeTp !== undefined) {
    const want = (p.tp * p.dp) / p.ep;
    if (p.moeTp !== want)
      out.push(
        error(
          'inference.parallelism.moeTp',
          `MoE TP ${p.moeTp} × EP ${p.ep} must cover the stage's TP ${p.tp} × DP ${p.dp} = ${p.tp * p.dp} ranks (MoE TP ${want})`,
        ),
      );
  }
  return out;
}

export function inferenceIssues(
  plan: InferencePlan,
  ctx: PlanContext,
  f: Family,
  dec: Layout,
  pre: Layout,
): PlanIssue[] {
  const s = plan.inference;
  const par = s.parallelism;
  const dis = s.serving.disaggregation;
  const issues = checkParallelism(plan, ctx, par, dec.devices, 'inference.parallelism');
  if (dis && dis.prefillDevices + dis.decodeDevices !== plan.devices)
    issues.push(
      error(
        'inference.serving.disaggregation',
        `prefill ${dis.prefillDevices} + decode ${dis.decodeDevices} devices ≠ the plan's ${plan.devices}`,
      ),
    );
  issues.push(...poolIssues(plan, ctx));
  issues.push(...diffusionIssues(plan, ctx));
  issues.push(...stackVersionIssues(plan, ctx, f));
  const img = s.workload.images;
  if (img && img.perRequest > 0 && !ctx.model.vision)
    issues.push(
      warning(
        'inference.workload.images',
        `${ctx.model.name} has no vision tower in its architecture: the images are ignored`,
      ),
    );
  if (s.serving.expertOffload && !ctx.model.moe)
    issues.push(error('inference.serving.expertOffload', 'expert offload needs a mixture-of-experts model'));
  if (s.serving.expertOffload && !ctx.system.hostMemoryBandwidthBytesPerS.value)
    issues.push(
      error('inference.serving.expertOffload', `${ctx.system.name} has no host-memory bandwidth in its preset`),
    );
  if (ctx.cluster) issues.push(...clusterPlanIssues(plan, ctx.cluster));
  issues.push(...linkIssues(f, dec, 'inference.parallelism'));
  if (dis)
    issues.push(
      ...linkIssues(f, pre, 'inference.parallelism').filter((i) => !issues.some((j) => j.message === i.message)),
    );
  if (s.workload.concurrentRequests < par.dp)
    issues.push(
      warning(
        'inference.workload.concurrentRequests',
        `${s.workload.concurrentRequests} requests leave some of the ${par.dp} DP replicas idle`,
      ),
    );
  if (s.workload.promptTokens + s.workload.outputTokens > ctx.model.maxContextTokens)
    issues.push(
      warning(
        'inference.workload.promptTokens',
        `prompt + output = ${s.workload.promptTokens + s.workload.outputTokens} tokens exceeds ${ctx.model.name}'s ${ctx.model.maxContextTokens}-token context`,
      ),
    );
  return issues;
}

/**
 * A stack release that is not measured on the device is timed with the nearest measured one
 * (kernels/select.ts); an older one may have run much slower, as the validation table's early-2025
 * DeepSeek-R1 runs did (docs/validation.md, cases-serving.ts), so the plan says which release times it.
 */
function stackVersionIssues(plan: InferencePlan, ctx: PlanContext, f: Family): PlanIssue[] {
  const st = plan.inference.serving.stack;
  const set = f.kernels?.set;
  if (st.name === 'generic' || st.version === null || !set || set.derived || set.version === st.version) return [];
  const older =
    compareVersions(st.version, set.version) < 0
      ? '. Older releases may be much slower: the early-2025 DeepSeek-R1 runs in the validation table (vLLM 0.7, SGLang 0.4.2, TensorRT-LLM 0.17) measured 1.8–16× the served TTFT and 1.1–4× the TPOT that today’s kernels give'
      : '';
  return [
    warning(
      'inference.serving.stack.version',
      `${st.name} ${st.version} is not measured on ${ctx.accelerator.name}: its steps are timed with the ${set.version} kernels, the nearest measured release${older}`,
    ),
  ];
}

/** What a diffusion sampler ignores, and sampler settings on an autoregressive model. */
function diffusionIssues(plan: InferencePlan, ctx: PlanContext): PlanIssue[] {
  const s = plan.inference;
  if (ctx.model.kind !== 'diffusion')
    return s.diffusion
      ? [
          warning(
            'inference.diffusion',
            `${ctx.model.name} is autoregressive: the diffusion sampler settings are ignored`,
          ),
        ]
      : [];
  const out: PlanIssue[] = [];
  if (s.serving.speculative)
    out.push(
      warning('inference.serving.speculative', 'a diffusion sampler does not use speculative decoding: ignored'),
    );
  if (s.serving.disaggregation)
    out.push(
      warning(
        'inference.serving.disaggregation',
        'a diffusion sampler has no separate prefill: the decode pool is timed',
      ),
    );
  if (!s.diffusion)
    out.push(
      warning(
        'inference.diffusion',
        `no sampler set: LLaDA's plain sampler assumed (one block of ${s.workload.outputTokens} tokens, one token per step, no cache)`,
      ),
    );
  return out;
}
