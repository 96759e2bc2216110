/**
 * A Byte Latent Transformer's inference result (evaluateInference for a `blt` model): its parts
 * timed and combined per byte (blt.ts), reported per equivalent token, the decode step explained
 * from the local decoder and the TTFT step from the latent. Memory is the latent's over the patches
 * of the context plus the byte-level parts' weights and KV cache.
 */
import type { deviceHourCost } from '../plan/cost';
import { input, trace } from '../explain';
import { MEGA, SECONDS_PER_HOUR } from '../units';
import { latentArchitecture } from '../model/blt';
import { countParams } from '../model/params';
import { bltTrace, evaluateBlt, type BltResult } from './blt';
import { explainStep } from './explain-step';
import { memoryPerDevice, type MemoryBreakdown } from './memory';
import { BOUND_TEXT } from './roofline';
import type { InferenceResult, Prepared } from './evaluate';

/** The latent's memory over the patches of the context, with the byte-level parts' weights and KV added. */
function bltMemory(pr: Prepared, r: Omit<BltResult, 'trace' | 'partSteps'>, cap: number): MemoryBreakdown {
  const s = pr.plan.inference;
  const w = s.workload;
  const lat = latentArchitecture(pr.ctx.model);
  const inPatches = (tokens: number) => Math.max(1, Math.round((tokens * r.bytesPerToken) / r.bytesPerPatch));
  const ps = {
    ...s,
    workload: { ...w, promptTokens: inPatches(w.promptTokens), outputTokens: inPatches(w.outputTokens) },
  };
  const m = memoryPerDevice(lat, countParams(lat), ps, pr.decodeLayout, cap, w.concurrentRequests);
  const seqs = w.concurrentRequests / pr.decodeLayout.dp;
  const kv = m.kvCache + r.localKvBytesPerSequence * seqs;
  const weights = m.weights + r.localWeightBytes;
  const total = weights + kv + m.activations + m.reserve;
  const perSeq = kv / Math.max(seqs, 1e-9);
  const free = cap - m.reserve - weights - m.activations;
  return {
    ...m,
    weights,
    kvCache: kv,
    total,
    fits: total <= cap,
    overflowBytes: Math.max(0, total - cap),
    overflowComponent: total <= cap ? null : weights >= kv ? 'weights' : 'kvCache',
    maxBatch: free <= 0 || perSeq <= 0 ? 0 : Math.floor(free / perSeq) * pr.decodeLayout.dp,
  };
}

/** A Byte Latent Transformer's result: its parts combined per byte, reported per equivalent token. */
export function bltInference(
  pr: Prepared,
  price: ReturnType<typeof deviceHourCost>,
  cap: number,
  explain: boolean,
): InferenceResult {
  const B = pr.point.batch;
  const run = evaluateBlt(pr.ctx, pr.plan.inference, pr.point, pr.decodeLayout, price, cap, true);
  const r0 = run.result;
  const decode = explainStep(
    run.decoder.fam,
    run.decoder.sc.decode.X,
    run.decoder.sc.decode.T,
    run.decoder.sc.decode.R,
    explain,
  );
  const prefill = explainStep(
    run.latent.fam,
    run.latent.sc.ttft.X,
    run.latent.sc.ttft.T,
    run.latent.sc.ttft.R,
    explain,
  );
  const partSteps = run.steps.map(({ name, unit, fam, sc }) => ({
    name,
    unit,
    decode: explainStep(fam, sc.decode.X, sc.decode.T, sc.decode.R, explain),
  }));
  const blt: BltResult = { ...r0, partSteps, trace: bltTrace(r0, explain ? [decode.trace, prefill.trace] : []) };
  const mem = bltMemory(pr, r0, cap);
  const N = pr.point.decodeDevices;
  const usd = price.usdPerDeviceHour;
  const prefillTps = (pr.point.promptTokens / r0.ttftS) * pr.decodeLayout.dp;
  return {
    ttftS: r0.ttftS,
    tpotS: r0.tpotPerTokenS,
    outputTokensPerSecondPerRequest: r0.tokensPerSecondPerRequest,
    outputTokensPerSecondPerDevice: r0.tokensPerSecond / N,
    outputTokensPerSecond: r0.tokensPerSecond,
    prefillTokensPerSecondPerDevice: prefillTps / N,
    prefillTokensPerSecond: prefillTps,
    inputTokensPerSecondPerDevice: prefillTps / N,
    maxBatch: mem.maxBatch,
    memoryPerDeviceBytes: mem.total,
    memory: mem,
    costPerMillionInputTokensUSD: usd === null ? null : ((usd * N) / SECONDS_PER_HOUR / prefillTps) * MEGA,
    costPerMillionOutputTokensUSD: usd === null ? null : ((usd * N) / SECONDS_PER_HOUR / r0.tokensPerSecond) * MEGA,
    usdPerDeviceHour: usd,
    energyPerOutputTokenJ: price.wattsPerDevice === null ? null : (price.wattsPerDevice * N) / r0.tokensPerSecond,
    decodeDevices: N,
    prefillDevices: N,
    batch: B,
    decode,
    prefill,
    binding: decode.bound,
    bindingText: BOUND_TEXT[decode.bound],
    communicationBoundTpotS: 0,
    tokensPerStep: 1,
    requestLatencyS: r0.ttftS + pr.point.outputTokens * r0.tpotPerTokenS,
    diffusion: null,
    blt,
    issues: pr.issues,
    trace: trace(
      'Inference plan (Byte Latent Transformer)',
      'TPOT per equivalent token = bytes per token × (local parts + latent ÷ bytes per patch)',
      r0.tpotPerTokenS,
      's',
      [input('batch (concurrent requests)', B, 'count'), input('devices', N, 'count')],
      explain ? [blt.trace, mem.trace, price.trace] : [],
    ),
  };
}
