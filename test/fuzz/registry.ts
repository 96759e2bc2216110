/**
 * Every parser that takes outside input, as one fuzz entry each: { name, parse, examples,
 * evaluate? }. Adding a parser (sizing specs, clusters, RL plans) is adding one entry here: its
 * parse as the app calls it, its example files, and — when the engine consumes the value — an
 * evaluate that runs the engine and returns the numbers to check (see harness.ts).
 */
import {
  ACCELERATOR_PRESETS_RAW,
  CALIBRATION_PRESETS_RAW,
  CLUSTER_PRESETS_RAW,
  SIZING_PRESETS_RAW,
  PLAN_PRESETS_RAW,
  SYSTEM_PRESETS_RAW,
} from '../../presets/index';
import { acceleratorPresets, clusterPresets, planPresets, presetCatalog, systemPresets } from '../../presets/load';
import { computeCluster } from '../../shared/cluster/compute';
import { COL, NCOL } from '../../shared/sizing/curve';
import { candidatesOf, prepareSearch } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { parseSizingSpec, SizingSpec as SizingSpecSchema, type SizingSpec } from '../../shared/schema/sizing';
import { Cluster as ClusterSchema, parseCluster, parseClusterFile, type Cluster } from '../../shared/schema/cluster';
import { CalibrationProfile, curvesFromProfile, parseProfile } from '../../shared/calibration/profile';
import {
  AcceleratorFile,
  parseAccelerator,
  parseSystem,
  SystemFile,
  type Accelerator,
  type SystemSpec,
} from '../../shared/schema/hardware';
import { sweepBatch } from '../../shared/inference/batch-sweep';
import { evaluateServing } from '../../shared/serving/evaluate';
import {
  countParams,
  importHfConfig,
  kvBytesPerToken,
  trainingFlopsPerToken,
  weightBytes,
  type ModelArchitecture,
} from '../../shared/model';
import { PlanError, resolvePlan, type Catalog } from '../../shared/plan/context';
import { migratePlanObject, parsePlanFile } from '../../shared/schema/migrations';
import { Plan, type InferencePlan, type TrainingPlan } from '../../shared/schema/plan';
import { parseWorkspace, serialiseWorkspace, type Workspace } from '../../shared/schema/workspace';
import { evaluateTraining } from '../../shared/training/evaluate';
import { evaluateRlPlan } from '../../shared/rl/evaluate';
import { z } from 'zod';
import { withoutBom } from '../../shared/schema/tree';
import { HF_CONFIG_EXAMPLES, HF_CONFIG_KEYS } from './hf-configs';
import { toJsonText } from './generators';
import { flattenNumbers, schemaKeys, type FuzzEntry } from './harness';
import { withValue, type Labelled, type OracleSpec } from './oracle';

/**
 * Parses JSON text the way the app's import boxes do (a file read by the Electron bridge, the
 * browser or the CLI arrives without its byte-order mark), naming "(file)" when it is not JSON.
 */
function jsonOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(withoutBom(raw));
  } catch (e) {
    throw new Error(`(file): is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** The engine on one plan, as the app's worker runs it (explain trace on, a 48-point batch sweep). */
export function evaluatePlan(plan: Plan, catalog: Catalog): Record<string, number> {
  const ctx = resolvePlan(plan, catalog);
  if (plan.kind === 'inference') {
    const { trace: _t, ...r } = evaluateServing(plan, ctx);
    return flattenNumbers({ r, sweep: sweepBatch(plan, ctx, 48) });
  }
  if (plan.kind === 'rl') {
    const { trace: _t, ...r } = evaluateRlPlan(plan, catalog);
    return flattenNumbers(r);
  }
  const { trace: _t, ...r } = evaluateTraining(plan, ctx);
  return flattenNumbers(r);
}

const plan = (id: string): Plan => {
  const p = planPresets().find((x) => x.id === id);
  if (!p) throw new Error(`fuzz registry: no plan preset ${id}`);
  return p;
};

/** A one-device inference plan and an eight-device training plan on `systemId`, for hardware entries. */
function probePlans(systemId: string, model?: ModelArchitecture): Plan[] {
  const inf = plan('llama-3.1-8b-h100') as InferencePlan;
  const tr = plan('llama-2-7b-train-8x4090') as TrainingPlan;
  const one = { tp: 1, pp: 1, dp: 1, ep: 1 };
  const withModel = model ? { model, modelId: model.id } : {};
  return [
    {
      ...inf,
      ...withModel,
      systemId,
      devices: 1,
      inference: { ...inf.inference, parallelism: { ...one, replicas: 1 } },
    },
    {
      ...tr,
      ...withModel,
      systemId,
      devices: 8,
      training: { ...tr.training, parallelism: { ...tr.training.parallelism, ...one, dp: 8, cp: 1 } },
    },
  ];
}

/** The preset catalog with fresh calibration arrays, so curves are computed for the catalog's own hardware. */
function catalogWith(over: {
  accelerator?: Accelerator;
  system?: SystemSpec;
  calibration?: CalibrationProfile;
}): Catalog {
  const base = presetCatalog();
  return {
    models: base.models,
    accelerators: over.accelerator
      ? [over.accelerator, ...base.accelerators.filter((a) => a.id !== over.accelerator!.id)]
      : base.accelerators,
    systems: over.system ? [over.system, ...base.systems.filter((s) => s.id !== over.system!.id)] : base.systems,
    calibrations: over.calibration
      ? [
          over.calibration,
          ...(base.calibrations ?? []).filter((c) => c.acceleratorId !== over.calibration!.acceleratorId),
        ]
      : [...(base.calibrations ?? [])],
  };
}

function evaluateAll(plans: Plan[], catalog: Catalog): Record<string, number> {
  const out: Record<string, number> = {};
  plans.forEach((p, i) => Object.assign(out, prefixKeys(evaluatePlan(p, catalog), `plan${i}`)));
  return out;
}

/**
 * Runs the probe plans on a fuzzed system, accelerator, profile or model. The probes are ours, not
 * the input: when the engine refuses one (PlanError naming the probe's systemId or parallelism,
 * e.g. a CPU with no known BF16 peak cannot be trained on), that refusal is the right answer and
 * the probe is skipped; anything else it throws is still an engine crash.
 */
function evaluateProbes(plans: Plan[], catalog: Catalog): Record<string, number> {
  const out: Record<string, number> = {};
  plans.forEach((p, i) => {
    try {
      Object.assign(out, prefixKeys(evaluatePlan(p, catalog), `plan${i}`));
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
    }
  });
  return out;
}

const prefixKeys = (o: Record<string, number>, p: string): Record<string, number> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}.${k}`, v]));

// ---- examples ----------------------------------------------------------------------------------

const v0Plan = (() => {
  const o = structuredClone(PLAN_PRESETS_RAW[0]) as Record<string, unknown>;
  delete o['schemaVersion'];
  o['deviceCount'] = o['devices'];
  delete o['devices'];
  return o;
})();

const hardwareUserPreset = {
  id: 'user-h100-copy',
  kind: 'hardware',
  name: 'My H100 (copy)',
  data: { ...(ACCELERATOR_PRESETS_RAW[0] as object), id: 'user-h100-copy', user: true, version: 2 },
  createdAt: '2026-11-22T10:00:00.000Z',
};

const workspaceExamples: unknown[] = [
  [plan('llama-3.1-8b-h100')],
  [plan('llama-2-7b-train-8x4090'), plan('qwen3-30b-a3b-rtx4090-offload')],
  [plan('llama-3.1-70b-4xh100-tp4')],
].map((plans, i) =>
  JSON.parse(
    serialiseWorkspace(
      plans,
      i === 0 ? [hardwareUserPreset] : [],
      new Date('2026-11-22T00:00:00Z'),
      i === 1 ? clusterPresets().slice(0, 2) : [],
      i === 2 ? SIZING_PRESETS_RAW.slice(0, 2).map((x) => parseSizingSpec(x)) : [],
    ),
  ),
);

/**
 * A sizing spec through the search: the space is enumerated and up to six candidates spread over it
 * are timed (memory, prefill, the batch sweep at the spec's SLO); a whole search is the same work
 * repeated, and a bench (npm run bench:search) rather than a fuzz budget.
 */
function evaluateSizingSpec(spec: SizingSpec): Record<string, number> {
  const sc = prepareSearch(spec, presetCatalog());
  const cands = candidatesOf(sc);
  const out: Record<string, number> = { candidates: cands.length };
  const step = Math.max(1, Math.floor(cands.length / 6));
  for (let k = 0, i = 0; i < cands.length && k < 6; i += step, k++) {
    const e = evaluateCandidate(sc, cands[i]!, spec.slo);
    out[`cand${k}.maxBatch`] = e.maxBatch;
    // A row past the rate the candidate sustains has unbounded TTFT by design (queues grow):
    // only its rate and TPOT are checked; stable rows must be finite throughout.
    for (let r = 0; r < Math.min(e.points, 4); r++) {
      const row = e.curve.subarray(r * NCOL, (r + 1) * NCOL);
      const stable = row[COL.stable] === 1;
      row.forEach((v, j) => {
        if (stable || j === COL.batch || j === COL.lambda || j === COL.tpot) out[`cand${k}.row${r}.${j}`] = v;
      });
    }
  }
  return out;
}

/** The numbers a cluster report carries (counts, $, W), for the finite / non-negative checks. */
function evaluateClusterReport(c: Cluster): Record<string, number> {
  const r = computeCluster(c, presetCatalog());
  return flattenNumbers(
    {
      devices: r.devices,
      nodes: r.nodes,
      scaleOut: r.scaleOut,
      frontEnd: r.frontEnd,
      bom: r.bom,
      power: r.power,
      tco: r.tco,
    },
    'cluster',
  );
}

const systemFor = (acceleratorId: string): SystemSpec =>
  systemPresets().find((s) => s.acceleratorId === acceleratorId) ?? systemPresets().find((s) => s.id === 'hgx-h100')!;

// ---- oracles (oracle.ts) -------------------------------------------------------------------------

/** A workspace file as its parser reads it, for labelling: plans, clusters and specs by their schemas. */
const WorkspaceShape = z.object({
  kind: z.literal('cluster-planner-workspace'),
  schemaVersion: z.number().int().min(1).max(1),
  exportedAt: z.unknown().optional(),
  plans: z.array(Plan),
  userPresets: z
    .array(
      z.object({
        id: z.string(),
        kind: z.string(),
        name: z.string(),
        data: z.unknown().optional(),
        createdAt: z.unknown().optional(),
      }),
    )
    .optional(),
  clusters: z.array(ClusterSchema).optional(),
  sizingSpecs: z.array(SizingSpecSchema).optional(),
});

/**
 * Paths whose values other fields depend on (refinements JSON Schema does not carry): a change
 * there may be refused although each field alone is in range, so no "valid" case is built there.
 */
const PLAN_TIED = [/^devices$/, /parallelism/, /\.workload\./, /^model\./, /lengths/];

/** config.json has no schema: the keys the importer must read, broken one at a time. */
function hfConfigCases(examples: readonly unknown[]): Labelled[] {
  const out: Labelled[] = [];
  for (const ex of examples as Array<Record<string, unknown>>) {
    const inner = ex['model_type'] === 'gemma3' ? ['text_config'] : [];
    const at = (k: string): string[] => [...inner, k];
    out.push({
      input: withValue(ex, ['model_type'], 42),
      label: { valid: false, rule: 'wrong-type', field: 'model_type' },
    });
    for (const k of ['hidden_size', 'num_hidden_layers', 'num_attention_heads', 'vocab_size']) {
      const bad = (rule: string, v: unknown): Labelled => ({
        input: withValue(ex, at(k), v),
        label: { valid: false, rule, field: at(k).join('.') },
      });
      out.push(bad('wrong-type', '4096'), bad('wrong-type', { n: 1 }), bad('out-of-range', -1), bad('out-of-range', 0));
    }
  }
  return out;
}

const treeChecked: Omit<OracleSpec, 'schema'> = { treeChecked: true, acceptsBom: true };
const ORACLES = {
  plan: { ...treeChecked, schema: Plan, fixed: PLAN_TIED },
  workspace: { ...treeChecked, textOnly: true, schema: WorkspaceShape, fixed: PLAN_TIED },
  calibration: { ...treeChecked, schema: CalibrationProfile, fixed: [/^moe\./, /^tpDecode\./] },
  'hf-config': { treeChecked: false, acceptsBom: true, textOnly: true, cases: hfConfigCases },
  system: { ...treeChecked, schema: SystemFile, fixed: [/devicesPerNode|nodesPerSystem|scaleUpDomainDevices/] },
  hardware: { ...treeChecked, schema: AcceleratorFile },
  cluster: { ...treeChecked, schema: ClusterSchema },
  sizing: { ...treeChecked, schema: SizingSpecSchema, fixed: [/^workload\.(prompt|output)\./] },
} satisfies Record<string, OracleSpec>;

// ---- the registry ------------------------------------------------------------------------------
// Order matters only for speed: the CI suite runs entries 0, 2, 4… in one vitest worker and 1, 3, 5…
// in the other (test/fuzz/suite.ts), so the two heaviest (workspace, calibration) are split.

export const FUZZ_REGISTRY: FuzzEntry[] = [
  {
    name: 'plan',
    oracle: ORACLES['plan'],
    describes: 'plan files (.clusterplan.json, parsePlanFile) and stored plans (migratePlanObject: journal, database)',
    parse: (raw) => (typeof raw === 'string' ? parsePlanFile(raw) : migratePlanObject(raw)),
    examples: [...PLAN_PRESETS_RAW, v0Plan],
    evaluate: (p) => evaluatePlan(p as Plan, presetCatalog()),
    extraFields: ['deviceCount', ...schemaKeys(Plan)],
  } satisfies FuzzEntry<Plan>,
  {
    name: 'workspace',
    oracle: ORACLES['workspace'],
    describes: 'workspace files (Export workspace / import, parseWorkspace)',
    parse: (raw) => parseWorkspace(typeof raw === 'string' ? raw : toJsonText(raw)),
    examples: workspaceExamples,
    evaluate: (w) => {
      const ws = w as Workspace;
      const out = evaluateAll(ws.plans, presetCatalog());
      ws.clusters.forEach((c, i) => Object.assign(out, prefixKeys(evaluateClusterReport(c), `clusters${i}`)));
      ws.sizingSpecs.forEach((x, i) => Object.assign(out, prefixKeys(evaluateSizingSpec(x), `sizingSpecs${i}`)));
      return out;
    },
    extraFields: ['deviceCount', ...schemaKeys(Plan)],
  } satisfies FuzzEntry<Workspace>,
  {
    name: 'calibration',
    oracle: ORACLES['calibration'],
    describes:
      'calibration profiles (parseProfile: Hardware page → Calibration import, `cluster-planner calibrate-check`)',
    parse: (raw) => parseProfile(jsonOf(raw), 'profile'),
    examples: CALIBRATION_PRESETS_RAW,
    extraFields: schemaKeys(CalibrationProfile),
    evaluate: (c) => {
      const profile = c as CalibrationProfile;
      const acc = acceleratorPresets().find((a) => a.id === profile.acceleratorId) ?? acceleratorPresets()[0]!;
      const { source: _s, ...curves } = curvesFromProfile(profile, acc);
      return {
        ...flattenNumbers(curves, 'curves'),
        ...evaluateProbes(probePlans(systemFor(acc.id).id), catalogWith({ calibration: profile })),
      };
    },
  } satisfies FuzzEntry<CalibrationProfile>,

  {
    name: 'hf-config',
    oracle: ORACLES['hf-config'],
    describes: 'Hugging Face config.json import (importHfConfig: Models page, `cluster-planner model <config.json>`)',
    parse: (raw) => importHfConfig(withoutBom(typeof raw === 'string' ? raw : toJsonText(raw)), 'fuzzed-model'),
    examples: HF_CONFIG_EXAMPLES,
    extraFields: HF_CONFIG_KEYS,
    evaluate: (m) => {
      const model = m as ModelArchitecture;
      const p = countParams(model);
      const numbers = flattenNumbers({
        params: p,
        kv: kvBytesPerToken(model, 'bf16').bytesPerToken,
        flops: trainingFlopsPerToken(model, 4096, p).total,
        weights: ['bf16', 'fp8', 'int4'].map((f) => weightBytes(model, f as 'bf16', {}, p).bytes),
      });
      return { ...numbers, ...evaluateProbes(probePlans('hgx-h100', model), presetCatalog()) };
    },
  } satisfies FuzzEntry<ModelArchitecture>,
  {
    name: 'system',
    oracle: ORACLES['system'],
    describes: 'user system presets (nodes, racks, supernodes: parseSystem)',
    parse: (raw) => parseSystem(jsonOf(raw), 'system'),
    examples: SYSTEM_PRESETS_RAW,
    extraFields: schemaKeys(SystemFile),
    evaluate: (s) => {
      const sys = s as SystemSpec;
      if (!acceleratorPresets().some((a) => a.id === sys.acceleratorId)) return {};
      return evaluateProbes(probePlans(sys.id), catalogWith({ system: sys }));
    },
  } satisfies FuzzEntry<SystemSpec>,
  {
    name: 'hardware',
    oracle: ORACLES['hardware'],
    describes: 'user hardware presets (accelerators: parseAccelerator, Hardware page → My presets)',
    parse: (raw) => parseAccelerator(jsonOf(raw), 'accelerator'),
    examples: ACCELERATOR_PRESETS_RAW,
    extraFields: schemaKeys(AcceleratorFile),
    evaluate: (a) => {
      const acc = a as Accelerator;
      const system: SystemSpec = { ...systemFor('h100-sxm'), id: 'fuzz-system', acceleratorId: acc.id };
      return evaluateProbes(probePlans('fuzz-system'), catalogWith({ accelerator: acc, system }));
    },
  } satisfies FuzzEntry<Accelerator>,
  {
    name: 'cluster',
    oracle: ORACLES['cluster'],
    describes: 'cluster files (.cluster.json: Clusters page import, workspace clusters, `cluster-planner cluster`)',
    parse: (raw) => (typeof raw === 'string' ? parseClusterFile(raw) : parseCluster(raw, 'cluster')),
    examples: CLUSTER_PRESETS_RAW,
    extraFields: schemaKeys(ClusterSchema),
    evaluate: (c) => evaluateClusterReport(c as Cluster),
  } satisfies FuzzEntry<Cluster>,
  {
    name: 'sizing',
    oracle: ORACLES['sizing'],
    describes:
      'sizing specs (.clustersearch.json: Size a deployment import, workspace specs, `cluster-planner search`)',
    parse: (raw) => parseSizingSpec(jsonOf(raw), 'sizing spec'),
    examples: SIZING_PRESETS_RAW,
    extraFields: schemaKeys(SizingSpecSchema),
    evaluate: (x) => evaluateSizingSpec(x as SizingSpec),
  } satisfies FuzzEntry<SizingSpec>,
];

export const FUZZ_LABELS = ['accelerator', 'system', 'profile', 'config.json', 'cluster', 'sizing spec'];
