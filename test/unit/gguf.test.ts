// GGUF formats: bits per weight from the ggml block structs and the llama.cpp
// quantizer's per-tensor rules, checked against the file sizes llama.cpp reports.
// Sources: ggml/src/ggml-common.h (block sizes), src/llama-quant.cpp (rules), tools/quantize/README.md
// (Llama-3.1-8B bits per weight), llama.cpp discussion #15013 (Llama 2 7B Q4_0: 3.56 GiB),
// llama-bench in Geerling's Mac Studio benchmark (Llama-3.3-70B Q4_K_M: 39.59 GiB).
import { describe, expect, it } from 'vitest';
import { findModel } from '../../presets/load';
import { GGML_BITS } from '../../shared/precision';
import { ggufBytes, useMoreBits } from '../../shared/model/gguf';
import { weightBytes } from '../../shared/model/weights';

const GIB = 1024 ** 3;

describe('ggml block types (ggml-common.h)', () => {
  it('bits per weight = 8 × sizeof(block) ÷ block size', () => {
    expect(GGML_BITS.Q4_0.bits).toBe(4.5);
    expect(GGML_BITS.Q8_0.bits).toBe(8.5);
    expect(GGML_BITS.Q2_K.bits).toBe(2.625);
    expect(GGML_BITS.Q3_K.bits).toBe(3.4375);
    expect(GGML_BITS.Q4_K.bits).toBe(4.5);
    expect(GGML_BITS.Q5_K.bits).toBe(5.5);
    expect(GGML_BITS.Q6_K.bits).toBe(6.5625);
  });
  it('use_more_bits picks half the layers of a 32-layer model', () => {
    const picked = Array.from({ length: 32 }, (_, i) => i).filter((i) => useMoreBits(i, 32));
    expect(picked).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31]);
  });
});

describe('whole-file bits per weight (tools/quantize/README.md, Llama-3.1-8B)', () => {
  const m = findModel('llama-3.1-8b')!;
  const cases = [
    ['gguf-q2_k', 3.1593],
    ['gguf-q4_k_s', 4.6672],
    ['gguf-q4_k_m', 4.8944],
    ['gguf-q5_k_m', 5.7036],
    ['gguf-q6_k', 6.5633],
    ['gguf-q8_0', 8.5008],
  ] as const;
  for (const [f, bpw] of cases)
    it(`${f}: ${bpw}`, () => {
      expect(Math.abs(ggufBytes(m, f)!.bitsPerWeight - bpw) / bpw).toBeLessThan(0.003);
    });
});

describe('file sizes llama-bench reports', () => {
  it('Llama 2 7B Q4_0 is 3.56 GiB (token embeddings Q4_0, output Q6_K; discussion #15013)', () => {
    const m = findModel('llama-2-7b')!;
    expect(weightBytes(m, 'gguf-q4_0').bytes / GIB).toBeCloseTo(3.56, 1);
  });
  it('Llama 3.3 70B Q4_K_M is 39.59 GiB (the 70B attn_v rule included)', () => {
    const m = findModel('llama-3.3-70b')!;
    expect(Math.abs(weightBytes(m, 'gguf-q4_k_m').bytes / GIB - 39.59) / 39.59).toBeLessThan(0.01);
  });
});
