// The fit / held-out split of the validation table (docs/validation.md): every case that was in the
// table before 2026-12-07 is a fit case; every case added since takes splitOf(id) (FNV-1a 32-bit of
// its id, 0 mod 3 = fit), so no case can move after its error is known.
import { describe, expect, it } from 'vitest';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { fnv1a, splitOf } from '../../shared/validation/split';

/** The ids in the table before 2026-12-07, taken from the table as it stood then. */
const BEFORE_2026_12_07 = [
  'deepseek-day6-decode',
  'deepseek-day6-decode-speed',
  'deepseek-day6-prefill',
  'rtp-llm-decode',
  'rtp-llm-decode-speed',
  'rtp-llm-prefill',
  'sglang-96xh100-decode',
  'sglang-96xh100-prefill',
  'lmsys-gb200-decode-fp4',
  'lmsys-gb200-decode-fp8',
  'cloudmatrix-decode',
  'cloudmatrix-prefill',
  'ktransformers-decode-2s',
  'ktransformers-prefill-2s',
  'trtllm-llama31-8b-h100-1k1k',
  'trtllm-llama31-8b-h100-2k128',
  'trtllm-llama33-70b-h200-1k1k',
  'trtllm-llama33-70b-b200-1k1k',
  'trtllm-llama33-70b-rtxpro6000-1k1k',
  'trtllm-qwen3-235b-h200-1k1k',
  'trtllm-qwen3-30b-b200-1k1k',
  'trtllm-qwen3-30b-rtxpro6000-1k1k',
  'trtllm-dsr1-b200-maxtput',
  'trtllm-dsr1-b200-maxtput-fp8kv',
  'trtllm-dsr1-h200-maxtput',
  'amd-mi300x-llama31-70b-128-2048',
  'm3ultra-llama33-70b-tg128',
  'deepseek-v3-gpu-hours-per-trillion',
  'deepseek-v3-step-time',
  'deepseek-v3-tokens-per-day',
  'llama3-405b-tflops',
  'nemo-rl-v0.3-llama3.1-8b-step',
  'nemo-rl-v0.3-llama3.1-8b-training',
  'nemo-rl-v0.3-llama3.1-8b-sync',
  'nemo-rl-v0.3-llama3.1-8b-generation',
  'nemo-rl-v0.3-llama3.1-8b-logprobs',
  'nemo-rl-v0.3-llama3.1-70b-step',
  'nemo-rl-v0.3-llama3.1-70b-training',
  'nemo-rl-v0.3-llama3.1-70b-sync',
  'nemo-rl-v0.3-llama3.1-70b-generation',
  'nemo-rl-v0.3-llama3.1-70b-logprobs',
  'nemo-rl-v0.3-qwen3-30b-a3b-step',
  'nemo-rl-v0.3-qwen3-30b-a3b-training',
  'nemo-rl-v0.3-qwen3-30b-a3b-sync',
  'nemo-rl-v0.3-qwen3-30b-a3b-generation',
  'nemo-rl-v0.3-qwen3-30b-a3b-logprobs',
  'nemo-rl-llama3.1-8b-on-policy',
  'nemo-rl-llama3.1-8b-1-step-off',
  'nemo-rl-deepseek-v3-on-policy',
  'nemo-rl-deepseek-v3-1-step-off',
  'nemo-rl-qwen3-30b-a3b-on-policy',
  'nemo-rl-deepseek-v3-refit',
  'miles-mi300x-step',
  'miles-mi300x-generation',
  'miles-mi300x-training',
  'miles-mi300x-logprobs',
  'miles-mi300x-sync',
];
const OLD = new Set(BEFORE_2026_12_07);

describe('fit / held-out split (docs/validation.md)', () => {
  it('FNV-1a 32-bit matches its reference values', () => {
    // Reference vectors of the 32-bit FNV-1a hash (offset basis 0x811c9dc5, prime 0x01000193).
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
  it('every case in the table before 2026-12-07 is still there and is a fit case', () => {
    const byId = new Map(VALIDATION_CASES.map((c) => [c.id, c]));
    for (const id of BEFORE_2026_12_07) {
      expect(byId.has(id), id).toBe(true);
      expect(byId.get(id)!.split, id).toBe('fit');
    }
  });
  it('every case added on or after 2026-12-07 has split = splitOf(id)', () => {
    for (const c of VALIDATION_CASES.filter((x) => !OLD.has(x.id))) expect(c.split, c.id).toBe(splitOf(c.id));
  });
});
