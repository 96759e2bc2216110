// The plan editor's serving fields (stack and version, scheduler defaults, prefill pool, per-component
// precision), their words in Compare and the PDF, and the engine's helpers they read: the bands of a
// result's latencies and what a sizing answer was sized at.
import { describe, expect, it } from 'vitest';
import { presetCatalog } from '../../presets/load';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan, Plan } from '../../shared/schema/plan';
import { bandOfMetric, pessimisticEdge, type Banded } from '../../shared/serving/bands';
import { sizedAtText } from '../../shared/serving/describe';
import {
  fieldText,
  INFERENCE_GROUPS,
  KV_TRANSFER_FIELD,
  resolveField,
  type FieldDef,
} from '../../renderer/src/plans/fields';
import { unsetPath } from '../../renderer/src/plans/paths';
import {
  componentPrecisionInput,
  schedulerInput,
  copiesInput,
  prefillInput,
  servingInputRows,
  stackInput,
} from '../../renderer/src/plans/plan-inputs';
import { measuredVersions, schedulerPlaceholder, versionOptions } from '../../renderer/src/plans/stack-versions';

const catalog = presetCatalog();

/** Qwen3-30B-A3B on two B200s under SGLang, with `serving` and `precision` merged in. */
function plan(serving: Record<string, unknown> = {}, precision: Record<string, unknown> = {}): InferencePlan {
  return migratePlanObject({
    schemaVersion: 1,
    id: 't',
    name: 't',
    kind: 'inference',
    modelId: 'qwen3-30b-a3b',
    systemId: 'dgx-b200',
    devices: 2,
    inference: {
      parallelism: { tp: 1, pp: 1, dp: 2, ep: 2 },
      precision: { weights: 'fp8', compute: 'fp8', ...precision },
      workload: { promptTokens: 2000, outputTokens: 500, concurrentRequests: 8 },
      serving: { stack: { name: 'sglang', version: null }, ...serving },
    },
  }) as InferencePlan;
}

const field = (path: string): FieldDef => INFERENCE_GROUPS.flatMap((g) => g.fields).find((f) => f.path === path)!;

describe('the serving stack’s version', () => {
  const entries = [
    { acceleratorId: 'x', stack: 'trtllm', version: '1.3.0rc20' },
    { acceleratorId: 'x', stack: 'trtllm', version: '1.3.0' },
    { acceleratorId: 'x', stack: 'trtllm', version: '1.3.0rc23' },
    { acceleratorId: 'x', stack: 'vllm', version: '0.24.0' },
    { acceleratorId: 'y', stack: 'trtllm', version: '1.4.0' },
  ];

  it('offers the releases measured on the device, newest first in release order (rc before the release)', () => {
    expect(measuredVersions('x', 'trtllm', entries)).toEqual(['1.3.0', '1.3.0rc23', '1.3.0rc20']);
    expect(versionOptions('x', 'trtllm', null, entries).map((o) => o.label)).toEqual([
      'newest measured (1.3.0)',
      '1.3.0',
      '1.3.0rc23',
      '1.3.0rc20',
    ]);
    expect(versionOptions('x', 'trtllm', null, entries)[0]!.value).toBe('');
  });

  it('keeps a stored release the device has no measurement of, and says so; a device with none says what times it', () => {
    expect(versionOptions('x', 'vllm', '0.20.0', entries).at(-1)).toEqual({
      value: '0.20.0',
      label: '0.20.0 (not measured on this device)',
    });
    expect(versionOptions('z', 'vllm', null, entries)).toEqual([
      { value: '', label: 'derived prior (no release measured here)' },
    ]);
  });

  it('reads the bundled profiles: the B200 has SGLang 0.5.14; the field is hidden for the generic stack', () => {
    const def = resolveField(field('inference.serving.stack.version'), plan(), catalog)!;
    expect(def.kind.type === 'select' && def.kind.options.map((o) => o.label)).toEqual([
      'newest measured (0.5.14)',
      '0.5.14',
    ]);
    expect(
      resolveField(field('inference.serving.stack.version'), plan({ stack: { name: 'generic' } }), catalog),
    ).toBeNull();
    expect(field('inference.serving.stack.name').resets).toEqual([['inference.serving.stack.version', null]]);
  });
});

describe('scheduler defaults as placeholders', () => {
  it('shows the stack’s default for each empty scheduler field', () => {
    expect(schedulerPlaceholder(plan(), catalog, 'policy')).toBe('prefill first');
    expect(schedulerPlaceholder(plan({ stack: { name: 'vllm' } }), catalog, 'policy')).toBe('mixed');
    // SGLang on a B200 (180 GB): chunked_prefill_size 16,384 (sglang-server-args).
    expect(schedulerPlaceholder(plan(), catalog, 'maxBatchedTokens')).toBe('16384');
    expect(schedulerPlaceholder(plan(), catalog, 'maxRunning')).toBe('as memory holds');
    expect(schedulerPlaceholder(plan(), catalog, 'chunkedPrefill')).toBe('on');
    expect(schedulerPlaceholder(plan({ stack: { name: 'trtllm' } }), catalog, 'chunkedPrefill')).toBe('off');
    expect(resolveField(field('inference.serving.scheduler.requestOverheadS'), plan(), catalog)!.placeholder).toBe(
      '0.002',
    );
    // Tokenization, measured (scheduler.ts TOKENIZE_S_PER_TOKEN): 1.94 µs per prompt token.
    expect(resolveField(field('inference.serving.scheduler.tokenizeSPerToken'), plan(), catalog)!.placeholder).toBe(
      '0.00000194',
    );
  });

  it('sizes vLLM’s and SGLang’s defaults by the device, as their server arguments do', () => {
    const on = (systemId: string, name: 'vllm' | 'sglang') => ({ ...plan({ stack: { name } }), systemId }) as Plan;
    // vLLM V1 (vllm-batch-defaults): 8,192 tokens and 1,024 sequences at ≥ 70 GiB except the A100.
    expect(schedulerPlaceholder(on('hgx-h100', 'vllm'), catalog, 'maxBatchedTokens')).toBe('8192');
    expect(schedulerPlaceholder(on('hgx-h100', 'vllm'), catalog, 'maxRunning')).toBe('1024');
    expect(schedulerPlaceholder(on('hgx-a100', 'vllm'), catalog, 'maxBatchedTokens')).toBe('2048');
    expect(schedulerPlaceholder(on('consumer-4090-box', 'vllm'), catalog, 'maxRunning')).toBe('256');
    // SGLang (sglang-server-args): 2,048 below 35 GiB, 8,192 below 160 GiB, 16,384 above.
    expect(schedulerPlaceholder(on('consumer-4090-box', 'sglang'), catalog, 'maxBatchedTokens')).toBe('2048');
    expect(schedulerPlaceholder(on('hgx-h200', 'sglang'), catalog, 'maxBatchedTokens')).toBe('8192');
    expect(schedulerPlaceholder(on('mi300x-8', 'sglang'), catalog, 'maxBatchedTokens')).toBe('16384');
  });

  it('shows vLLM V0’s defaults for a release before 0.8, for the plan’s model', () => {
    // Qwen3-30B-A3B: a 40,960-token context, over 32K: V0 turned chunked prefill on (2,048 tokens).
    const v0 = plan({ stack: { name: 'vllm', version: '0.7.3' } });
    expect(schedulerPlaceholder(v0, catalog, 'policy')).toBe('mixed');
    expect(schedulerPlaceholder(v0, catalog, 'maxBatchedTokens')).toBe('2048');
    expect(schedulerPlaceholder(v0, catalog, 'chunkedPrefill')).toBe('on');
    // DeepSeek-V3 (MLA): chunked prefill forced off, prompts first and whole up to the context.
    const mla = { ...v0, modelId: 'deepseek-v3' } as Plan;
    expect(schedulerPlaceholder(mla, catalog, 'policy')).toBe('prefill first');
    expect(schedulerPlaceholder(mla, catalog, 'maxBatchedTokens')).toBe('163840');
    expect(schedulerPlaceholder(mla, catalog, 'chunkedPrefill')).toBe('off');
    // From the 0.7.4 development builds MLA kept chunked prefill on CUDA (these are B200s).
    const dev = { ...plan({ stack: { name: 'vllm', version: '0.7.4.dev181' } }), modelId: 'deepseek-v3' } as Plan;
    expect(schedulerPlaceholder(dev, catalog, 'chunkedPrefill')).toBe('on');
    expect(schedulerPlaceholder({ ...dev, systemId: 'mi300x-8' } as Plan, catalog, 'chunkedPrefill')).toBe('off');
    expect(schedulerPlaceholder(plan({ stack: { name: 'vllm', version: '0.8.0' } }), catalog, 'policy')).toBe('mixed');
    expect(schedulerPlaceholder(plan({ stack: { name: 'vllm', version: '0.8.0' } }), catalog, 'maxBatchedTokens')).toBe(
      '8192',
    );
  });

  it('clearing the last override removes the scheduler from the plan', () => {
    const p = plan({ scheduler: { policy: 'mixed' } });
    const cleared = unsetPath(p, 'inference.serving.scheduler.policy');
    expect(cleared.inference.serving).not.toHaveProperty('scheduler');
    const kept = unsetPath(
      plan({ scheduler: { policy: 'mixed', maxBatchedTokens: 4096 } }),
      'inference.serving.scheduler.policy',
    );
    expect(kept.inference.serving.scheduler).toEqual({ maxBatchedTokens: 4096 });
  });
});

describe('the plan’s serving settings in words (Compare, PDF)', () => {
  const dis = {
    disaggregation: {
      prefillDevices: 2,
      decodeDevices: 2,
      prefill: { tp: 1, pp: 1, dp: 2, ep: 2, systemId: 'hgx-h200' },
      kvTransferBytesPerS: 50e9,
    },
  };

  it('names the prefill pool, its system and the KV transfer; nothing when prefill and decode share devices', () => {
    expect(prefillInput(plan(dis), catalog)).toBe(
      '2 devices, TP1 PP1 DP2 EP2 on HGX H200 (8 × H200 SXM); KV transfer 50.0 GB/s per worker',
    );
    expect(prefillInput(plan({ disaggregation: { prefillDevices: 1, decodeDevices: 2 } }), catalog)).toBe(
      '1 device, decode’s TP1 PP1 on DGX B200 (8 × B200); KV transfer over the prefill links',
    );
    expect(prefillInput(plan(), catalog)).toBeNull();
  });

  it('counts engine copies, or a disaggregated plan’s decode workers', () => {
    const copies = migratePlanObject({
      ...plan(),
      devices: 6,
      inference: { ...plan().inference, parallelism: { ...plan().inference.parallelism, replicas: 3 } },
    }) as InferencePlan;
    expect(copiesInput(copies)).toBe('3 engine copies');
    expect(copiesInput(plan(dis))).toBe('1 decode worker');
  });

  it('names the components at their own precision', () => {
    const p = plan(
      {},
      { attention: { weights: 'fp8', compute: 'fp8' }, experts: { weights: 'nvfp4', compute: 'fp4' } },
    );
    expect(componentPrecisionInput(p)).toBe('attention FP8 weights, FP8 matmuls; experts NVFP4 weights, FP4 matmuls');
    expect(componentPrecisionInput(plan())).toBeNull();
  });

  it('shows a row only where some plan has a value, and the stored stack before the engine answered', () => {
    const training = { kind: 'training' } as Plan;
    const rows = new Map(servingInputRows([plan(), training], [null, null], catalog));
    expect([...rows.keys()]).toEqual(['Serving stack', 'Scheduler', 'Engine copies']);
    expect(rows.get('Scheduler')).toEqual([
      'prefill first, 16,384 tokens per iteration, prompts chunked (stack default)',
      '—',
    ]);
    expect(schedulerInput(plan({ stack: { name: 'trtllm' }, scheduler: { maxRunningRequests: 256 } }), catalog)).toBe(
      'mixed, 8,192 tokens per iteration, prompts whole, at most 256 running (plan’s settings)',
    );
    expect(rows.get('Serving stack')).toEqual(['sglang (newest measured)', '—']);
    expect(stackInput(plan({ stack: { name: 'vllm', version: '0.24.0' } }), null)).toBe('vllm 0.24.0');
    expect(servingInputRows([training], [null], catalog)).toEqual([]);
  });

  it('writes a field for the report: GB/s for bytes/s, the default an empty field stands for', () => {
    expect(fieldText(KV_TRANSFER_FIELD, plan(dis), catalog)).toBe('50 GB/s per prefill worker');
    expect(fieldText(field('inference.serving.scheduler.maxBatchedTokens'), plan(), catalog)).toBe('default: 16384');
    const chunking = field('inference.serving.scheduler.chunkedPrefill');
    expect(fieldText(chunking, plan({ stack: { name: 'trtllm' } }), catalog)).toBe('stack default (off)');
    expect(fieldText(chunking, plan({ scheduler: { chunkedPrefill: true } }), catalog)).toBe('on');
    expect(fieldText(field('inference.serving.stack.version'), plan(), catalog)).toBe('newest measured (0.5.14)');
    expect(fieldText(field('inference.parallelism.replicas'), plan(dis), catalog)).toBeNull();
  });
});

describe('bands of a result’s latencies and the sized-at line', () => {
  const band = (p90: number): Banded => ({ key: 'k', band: { p10: -0.2, p90, cases: 9, pooledAt: 'k' } });
  const bands = { decode: band(0.1), prefill: band(0.5), servedTtft: band(0.9) };

  it('gives one prompt’s TTFT the prefill band, TPOT the decode band, the served TTFT its own', () => {
    expect(bandOfMetric(bands, 'ttft')).toBe(bands.prefill);
    expect(bandOfMetric(bands, 'tpot')).toBe(bands.decode);
    expect(bandOfMetric(bands, 'servedTpot')).toBe(bands.decode);
    expect(bandOfMetric(bands, 'servedTtft')).toBe(bands.servedTtft);
  });

  it('takes the pessimistic edge at 1 + p90, never below 1', () => {
    expect(pessimisticEdge(band(0.25))).toBe(1.25);
    expect(pessimisticEdge(band(-0.1))).toBe(1);
    expect(pessimisticEdge({ key: 'k', band: null })).toBe(1);
  });

  it('says what an answer was sized at, with the factors', () => {
    expect(sizedAtText({ at: 'estimate', decodeScale: 1, prefillScale: 1 })).toBe("the engine's estimate");
    expect(sizedAtText({ at: 'pessimistic', decodeScale: 1.09, prefillScale: 1.91 })).toMatch(
      /^the pessimistic edge of the error band: decode steps \+9%, prompt prefill \+91% \(/,
    );
  });
});
