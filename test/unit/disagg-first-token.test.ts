/**
 * Where a disaggregated request's first token reaches the client. The client streams from the
 * decode worker (vLLM's disaggregated proxy sends the prompt to a prefill instance with max_tokens 1,
 * then streams the decode instance's answer: registry id vllm-pd-proxy), so TTFT is the prefill,
 * the KV transfer, the wait for the decode iteration in flight and the iteration that streams the
 * token — in the benchmark loop (engine-loop-disagg.ts), the sizing simulation (simulate.ts) and the
 * analytic model under load (queueing.ts) alike. Before, all three stopped at the prefill (the loop
 * and the simulation) or at the transfer (the analytic model).
 */
import { describe, expect, it } from 'vitest';
import type { StepOracle } from '../../shared/inference/step-time';
import { runDisaggLoop } from '../../shared/serving/engine-loop-disagg';
import { operatingPoint, type LoadModel, type OperatingPoint } from '../../shared/serving/queueing';
import { STACK_SCHEDULERS } from '../../shared/serving/scheduler';
import { simulate } from '../../shared/serving/simulate';
import { moments } from '../../shared/schema/distribution';

const PREFILL_S = 0.2;
const DECODE_S = 0.03;
const TRANSFER_S = 0.05;

/** Fixed step times: a prefill iteration of any size PREFILL_S, a decode iteration DECODE_S. */
const fixed = (decodeS: number, prefillS: number): StepOracle => ({
  decode: () => decodeS,
  mixed: () => prefillS,
  tokensPerStep: 1,
});

const loop = (clients: number, transferS: number) =>
  runDisaggLoop({
    prefill: fixed(DECODE_S, PREFILL_S),
    decode: fixed(DECODE_S, PREFILL_S),
    scheduler: { ...STACK_SCHEDULERS.vllm, requestOverheadS: 0, tokenizeSPerToken: 0 },
    capacity: 64,
    prefillShare: 1,
    kvTransferS: () => transferS,
    prompt: { mean: 1000 },
    output: { mean: 100 },
    prefixHit: 0,
    arrivals: { mode: 'closed', clients, requests: 50 },
    seed: 7,
  });

describe('disaggregated serving: the first token comes from the decode worker', () => {
  it('one client: TTFT = prefill + KV transfer + one decode iteration', () => {
    const r = loop(1, TRANSFER_S);
    expect(r.ttftS.mean).toBeCloseTo(PREFILL_S + TRANSFER_S + DECODE_S, 9);
  });

  it('a slower KV transfer adds its time to every first token', () => {
    const fast = loop(1, TRANSFER_S).ttftS.mean;
    const slow = loop(1, 4 * TRANSFER_S).ttftS.mean;
    expect(slow - fast).toBeCloseTo(3 * TRANSFER_S, 9);
  });

  it('a request whose KV arrives mid-iteration waits for the iteration in flight', () => {
    // A 1,000-token budget prefills the two prompts one after the other: the first is ready at
    // 0.21 s and decodes in iterations from there (0.21, 0.24, … 0.39, 0.42); the second is ready at
    // 0.41 s, mid-iteration, joins the one from 0.42 s and streams its first token at 0.45 s.
    const r = runDisaggLoop({
      prefill: fixed(DECODE_S, PREFILL_S),
      decode: fixed(DECODE_S, PREFILL_S),
      scheduler: { ...STACK_SCHEDULERS.vllm, maxBatchedTokens: 1000, requestOverheadS: 0, tokenizeSPerToken: 0 },
      capacity: 64,
      prefillShare: 1,
      kvTransferS: () => 0.01,
      prompt: { mean: 1000 },
      output: { mean: 100 },
      prefixHit: 0,
      arrivals: { mode: 'closed', clients: 2, requests: 2 },
      seed: 7,
    });
    expect(r.ttftS.mean).toBeCloseTo((0.24 + 0.45) / 2, 9);
  });

  it('TPOT is (last − first token) ÷ (output − 1), as benchmarks compute it', () => {
    // The first decode iteration streams tokens 1 (carried from the prefill) and 2; 98 iterations follow.
    expect(loop(1, TRANSFER_S).tpotS.mean).toBeCloseTo((98 * DECODE_S) / 99, 9);
  });
});

const LOAD: LoadModel = {
  replicas: 1,
  prefillA: 0.01,
  prefillB: 1e-4,
  prompt: moments({ mean: 1000 }),
  outputMean: 200,
  outputInvMean: 1 / 199,
  aggregated: false,
  kvTransferS: TRANSFER_S,
  hostS: 0,
  mixed: false,
  mixedTokenS: 0,
  chunkTokens: Infinity,
  decodeScale: 1,
};

const blank = (): OperatingPoint => ({ ttftS: { p50: 0, p90: 0, p99: 0 } }) as unknown as OperatingPoint;

describe('disaggregated serving under load: analytic model and simulation', () => {
  it('mean TTFT at a light load: prefill + transfer + the rest of a step in flight + one step', () => {
    const op = operatingPoint(LOAD, 1, DECODE_S, DECODE_S, blank());
    const S = LOAD.prefillA + LOAD.prefillB * 1000;
    const wait = (op.lambda * S * S) / (2 * (1 - op.lambda * S));
    // A step is in flight when a sequence decodes: with one decoding on average, 1 − e^(−1) of the time.
    const rest = ((1 - Math.exp(-1)) * DECODE_S) / 2;
    expect(op.ttftMeanS).toBeCloseTo(wait + S + TRANSFER_S + rest + DECODE_S, 9);
  });

  it('the simulation measures the first token after the decode step it joins', () => {
    const sim = simulate({
      model: LOAD,
      lambda: 0.5,
      prompt: { mean: 1000 },
      output: { mean: 200 },
      prefixHit: 0,
      stepS: () => DECODE_S,
      tokensPerStep: 1,
      requests: 400,
      seed: 3,
    });
    const S = LOAD.prefillA + LOAD.prefillB * 1000;
    // Every first token comes at least one decode step after the transfer.
    expect(sim.ttftS.p50).toBeGreaterThanOrEqual(S + TRANSFER_S + DECODE_S - 1e-9);
  });
});
