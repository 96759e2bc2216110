// Writes the engine's outputs for a deterministic set of plan variations to a JSON file, so a
// refactor can be checked for "no behaviour change" (compare two snapshots with --compare).
// Usage: npx tsx scripts/engine-snapshot.ts out.json   |   npx tsx scripts/engine-snapshot.ts --compare a.json b.json
import { readFileSync, writeFileSync } from 'node:fs';
import { planPresets, presetCatalog } from '../presets/load';
import { sweepBatch } from '../shared/inference/batch-sweep';
import { evaluateServing } from '../shared/serving/evaluate';
import { evaluateTraining } from '../shared/training/evaluate';
import { resolvePlan } from '../shared/plan/context';
import type { InferencePlan, Plan, TrainingPlan } from '../shared/schema/plan';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function variations(): Plan[] {
  const out: Plan[] = [];
  const r = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (const base of planPresets()) {
    if (base.kind === 'rl') continue; // RL plans compose the inference and training engines (shared/rl)
    out.push(base);
    for (let i = 0; i < 60; i++) {
      const p = structuredClone(base) as Plan;
      p.id = `${base.id}-v${i}`;
      p.useCalibration = r() < 0.6;
      if (p.kind === 'inference') {
        const s = p.inference;
        s.workload.concurrentRequests = Math.max(
          1,
          Math.round(s.workload.concurrentRequests * pick([0.01, 0.1, 0.5, 1, 2, 1 / 64])),
        );
        s.workload.promptTokens = pick([1, 128, 2000, 8192, s.workload.promptTokens]);
        s.workload.outputTokens = pick([1, 200, 2000, s.workload.outputTokens]);
        s.workload.prefixCacheHitRate = pick([0, 0.5, s.workload.prefixCacheHitRate]);
        s.serving.dualMicroBatch = r() < 0.5;
        s.serving.speculative =
          r() < 0.3 ? { draftTokens: pick([1, 2, 3]), acceptanceRate: pick([0.5, 0.85, 1]) } : null;
        s.serving.mlaAbsorbed = r() < 0.8;
        s.serving.kvOffload = r() < 0.15;
        s.network.includeLatency = r() < 0.8;
        s.network.epTier = pick(['auto', 'auto', 'scale-up', 'scale-out']);
        s.network.fabric = pick(['ib', 'roce']);
        s.moe.loadImbalance = pick([1, 1.2, 1.5]);
        s.precision.dispatch = pick(['fp8', 'bf16']);
        s.precision.compute = pick(['bf16', 'fp8', s.precision.compute]);
        s.precision.kvCache = pick(['bf16', 'fp8', s.precision.kvCache]);
        if (r() < 0.2) {
          const half = Math.max(1, Math.floor(p.devices / 2));
          if (half * 2 === p.devices && half % (s.parallelism.tp * s.parallelism.pp) === 0) {
            s.serving.disaggregation = { prefillDevices: half, decodeDevices: half };
            s.parallelism.dp = half / (s.parallelism.tp * s.parallelism.pp);
            if (s.parallelism.ep > 1)
              s.parallelism.ep = Math.min(s.parallelism.ep, s.parallelism.tp * s.parallelism.dp);
            if ((s.parallelism.tp * s.parallelism.dp) % s.parallelism.ep !== 0) s.parallelism.ep = 1;
          }
        }
        if (r() < 0.2)
          p.prices = {
            mode: 'ownership',
            purchaseUsdPerDevice: 30000,
            amortisationYears: 4,
            powerUsdPerKWh: 0.1,
            pue: 1.3,
            opexFractionPerYear: 0.05,
          };
      } else if (p.kind === 'training') {
        const s = p.training;
        s.precision = pick(['bf16', 'fp8']);
        s.recompute = pick(['none', 'selective', 'full']);
        s.commOverlap = pick([0, 0.5, 1]);
        s.microBatchSequences = pick([1, 2]);
        s.parallelism.zeroStage = pick([0, 1, 2, 3]);
        s.parallelism.schedule = pick(['1f1b', 'interleaved', 'dualpipe']);
        s.targetMfu = r() < 0.2 ? 0.4 : null;
        s.moe.loadImbalance = pick([1, 1.1, 1.3]);
      }
      out.push(p);
    }
  }
  return out;
}

function snapshot(): Record<string, unknown> {
  const catalog = presetCatalog();
  const res: Record<string, unknown> = {};
  for (const p of variations()) {
    let ctx;
    try {
      ctx = resolvePlan(p, catalog);
    } catch (e) {
      res[p.id] = { error: String(e) };
      continue;
    }
    try {
      if (p.kind === 'inference') {
        const x = evaluateServing(p as InferencePlan, ctx, { explain: false });
        const step = (s: typeof x.decode) => ({
          c: s.compute,
          m: s.memory,
          k: s.communication,
          o: s.overhead,
          t: s.total,
          b: s.bound,
          ep: s.epCommPerLayer,
          tp: s.tpCommPerLayer,
          ml: s.moeLayerTime,
          cb: s.communicationBound,
          ops: s.ops.map((o) => [
            o.name,
            o.flops,
            (o as unknown as { bytes?: number }).bytes ??
              (o as { bytesRead: number }).bytesRead + (o as { bytesWritten: number }).bytesWritten,
            o.time,
            o.bound,
          ]),
        });
        res[p.id] = {
          ttft: x.ttftS * 1e3,
          tpot: x.tpotS * 1e3,
          opd: x.outputTokensPerSecondPerDevice,
          opr: x.outputTokensPerSecondPerRequest,
          ppd: x.prefillTokensPerSecondPerDevice,
          ipd: x.inputTokensPerSecondPerDevice,
          maxB: x.maxBatch,
          mem: x.memoryPerDeviceBytes,
          cin: x.costPerMillionInputTokensUSD,
          cout: x.costPerMillionOutputTokensUSD,
          e: x.energyPerOutputTokenJ,
          bind: x.binding,
          cbt: x.communicationBoundTpotS * 1e3,
          decode: step(x.decode),
          prefill: step(x.prefill),
          sweep: sweepBatch(p as InferencePlan, ctx, 16),
        };
      } else {
        const x = evaluateTraining(p as TrainingPlan, ctx);
        res[p.id] = { step: x.stepTimeS, mfu: x.mfu, mem: x.memory, b: x.breakdown, fits: x.fits, cost: x.costUSD };
      }
    } catch (e) {
      res[p.id] = { error: String(e).slice(0, 200) };
    }
  }
  return res;
}

function compare(a: unknown, b: unknown, path: string, diffs: string[], tol: number): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
    if (!(a === b || rel <= tol)) diffs.push(`${path}: ${a} → ${b} (${(rel * 100).toExponential(2)}%)`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) diffs.push(`${path}: length ${a.length} → ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) compare(a[i], b[i], `${path}[${i}]`, diffs, tol);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set(
      [...Object.keys(a), ...Object.keys(b)].filter((k) => !(process.env['SKIP_KEYS'] ?? '').split(',').includes(k)),
    ))
      compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, diffs, tol);
    return;
  }
  if (a !== b) diffs.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
}

const args = process.argv.slice(2);
if (args[0] === '--compare') {
  const a = JSON.parse(readFileSync(args[1]!, 'utf8'));
  const b = JSON.parse(readFileSync(args[2]!, 'utf8'));
  const diffs: string[] = [];
  compare(a, b, '', diffs, Number(args[3] ?? 1e-9));
  console.log(diffs.slice(0, Number(args[4] ?? 60)).join('\n'));
  console.log(`${diffs.length} differences over ${Object.keys(a).length} plans`);
} else {
  const s = snapshot();
  writeFileSync(args[0] ?? 'snapshot.json', JSON.stringify(s));
  const errs = Object.values(s).filter((v) => (v as { error?: string }).error).length;
  console.log(`${Object.keys(s).length} plans, ${errs} errors`);
}
