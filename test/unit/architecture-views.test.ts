// Each new model kind shows on the model page, in plans, Compare, the PDF and the
// CLI through one description per model (architectureFacts) and per result (resultFacts), and the
// Models page's TTFT/TPOT-versus-context curve sets DeepSeek-V3.2 beside DeepSeek-V3.
import { describe, expect, it } from 'vitest';
import { findModel, modelPresets, planPresets, presetCatalog } from '../../presets/load';
import { architectureFacts, architectureTags } from '../../shared/model/architecture-facts';
import { resultFacts } from '../../shared/inference/result-facts';
import { evaluateInference } from '../../shared/inference/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { migratePlanObject } from '../../shared/schema/migrations';
import type { InferencePlan } from '../../shared/schema/plan';
import { curvePlan, curveSpec, denseTwin } from '../../renderer/src/models/context-curve';
import { planMetrics } from '../../shared/sizing/metrics';
import { COMPARE_METRICS } from '../../shared/rl/metrics';
import { architectureGroups } from '../../renderer/src/plans/architecture-fields';
import { modelSummary } from '../../cli/commands/model';

const facts = (id: string) => architectureFacts(findModel(id)!);
const labels = (id: string) => facts(id).map((f) => f.label);

describe('model facts (Models page, PDF assumptions, cluster-planner model)', () => {
  it('name what sets each kind apart', () => {
    expect(facts('deepseek-v3.2').find((f) => f.label === 'Sparse attention')!.value).toMatch(/top-2048/);
    expect(facts('qwen2.5-vl-7b').find((f) => f.label === 'A 1920 × 1080 image')!.value).toMatch(/^2,691 tokens/);
    expect(labels('blt-1b')).toContain('Forward FLOPs per byte');
    expect(labels('blt-1b')).toContain('Forward FLOPs per equivalent token');
    expect(labels('llada-8b')).toContain('Masked diffusion LM');
    expect(labels('llama-3.1-8b')).toEqual(['GGUF Q4_K_M / Q8_0 file']);
  });
  it('tag the model table', () => {
    expect(architectureTags(findModel('deepseek-v3.2')!)).toEqual(['DSA']);
    expect(architectureTags(findModel('llama-4-scout')!)).toEqual(['VLM']);
    expect(architectureTags(findModel('blt-1b')!)).toEqual(['BLT']);
    expect(architectureTags(findModel('llada-8b')!)).toEqual(['diffusion']);
  });
  it('the CLI model summary carries them (JSON and text)', () => {
    const s = modelSummary(findModel('deepseek-v3.2')!, 4096);
    expect(s.kind).toBe('decoder');
    expect(s.architecture.map((f) => f.label)).toContain('Sparse attention');
  });
});

describe('the editor shows the fields of the plan’s model kind', () => {
  it('sampler for a diffusion LM, images for a VLM, patching for a BLT, nothing for a plain decoder', () => {
    expect(architectureGroups(findModel('llada-8b')).map((g) => g.title)).toEqual(['Diffusion sampler']);
    expect(architectureGroups(findModel('qwen2.5-vl-7b')).map((g) => g.title)).toEqual(['Images']);
    expect(architectureGroups(findModel('blt-1b')).map((g) => g.title)).toEqual(['Byte patching']);
    expect(architectureGroups(findModel('llama-3.1-8b'))).toEqual([]);
  });
});

describe('the context curve of the Models page', () => {
  it('sets DeepSeek-V3.2 beside the DeepSeek-V3 preset on DeepSeek’s example deployment', () => {
    const m = findModel('deepseek-v3.2')!;
    expect(denseTwin(m, modelPresets()).model.id).toBe('deepseek-v3');
    const spec = curveSpec(m, modelPresets(), planPresets())!;
    expect(spec.base.id).toBe('deepseek-v3-hgx-h800-ep144');
    expect(spec.contexts).toEqual([2048, 8192, 16_384, 32_768, 65_536, 131_072]);
    const p = curvePlan(spec, spec.series[0]!, 65_536);
    expect(p.modelId).toBe('deepseek-v3.2');
    expect(p.model).toBeUndefined();
    expect(p.inference.workload.promptTokens).toBe(65_536);
    // Each point evaluates: V3.2 decodes faster than V3 at 64K.
    const run = (q: InferencePlan) => evaluateInference(q, resolvePlan(q, presetCatalog()), { explain: false });
    expect(run(p).tpotS).toBeLessThan(run(curvePlan(spec, spec.series[1]!, 65_536)).tpotS);
  });
  it('is absent for a model without sparse attention', () => {
    expect(curveSpec(findModel('deepseek-v3')!, modelPresets(), planPresets())).toBeNull();
  });
});

describe('result facts and Compare rows', () => {
  const plan = migratePlanObject({
    schemaVersion: 1,
    id: 'd',
    name: 'd',
    kind: 'inference',
    modelId: 'llada-8b',
    systemId: 'hgx-a100',
    devices: 1,
    inference: {
      parallelism: { tp: 1, pp: 1, dp: 1, ep: 1 },
      precision: {},
      workload: { promptTokens: 500, outputTokens: 128, concurrentRequests: 1 },
      diffusion: { blockTokens: 32, stepsPerBlock: 8, cache: 'dual' },
    },
  }) as InferencePlan;
  const r = evaluateInference(plan, resolvePlan(plan, presetCatalog()));
  it('a diffusion plan lists its sampler and the autoregressive twin', () => {
    const l = resultFacts(r).map((f) => f.label);
    expect(l).toContain('Diffusion sampler');
    expect(l).toContain('Same model decoded autoregressively');
  });
  it('Compare shows the diffusion rows only where a plan has them', () => {
    // The Compare table keeps the rows where some plan has a value (CompareTable.compareRows).
    const values = planMetrics(plan, r);
    const keys = COMPARE_METRICS.filter((id) => values[id] !== null && values[id] !== undefined);
    expect(keys).toContain('arTwinPerUser');
    expect(keys).toContain('requestLatency');
    expect(keys).not.toContain('bltTpotPerByte');
  });
});
