// The app side of the planner: example specs ship and validate, form drafts give field-named
// messages, workspaces carry sizing specs, and search results opened as plans show — through the
// same `infer` path as any plan — the TTFT and TPOT the search judged them by.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIZING_PRESETS_RAW } from '../../presets';
import { presetCatalog, sizingPresets } from '../../presets/load';
import { engineCatalog } from '../../presets/engine-catalog';
import { evaluateServing } from '../../shared/serving/evaluate';
import { resolvePlan } from '../../shared/plan/context';
import { parseWorkspace, serialiseWorkspace } from '../../shared/schema/workspace';
import { runSearch } from '../../shared/sizing/run';
import { curveRow, rowOfBatch } from '../../shared/sizing/curve';
import { candidateCount, candidatesOf, prepareSearch } from '../../shared/sizing/search-context';
import { evaluateCandidate } from '../../shared/sizing/search';
import { bindingOf, judge, MISS, rowMisses, targetsOf } from '../../shared/sizing/judge';
import { bindingText } from '../../shared/sizing/describe';
import {
  asEdited,
  checkDraft,
  newSpecDraft,
  searchKey,
  structureProblems,
  type SpecDraft,
} from '../../renderer/src/sizing/draft';
import { planForEntry, planForPoint } from '../../shared/sizing/run';

const catalog = presetCatalog();
const chat = () => sizingPresets().find((s) => s.id === 'llama-3.1-70b-chat')!;

describe('sizing examples', () => {
  it('every presets/sizing file is registered, validates and names systems and a model that exist', () => {
    const files = readdirSync('presets/sizing').filter((f) => f.endsWith('.clustersearch.json'));
    expect(SIZING_PRESETS_RAW.map((r) => `${(r as { id: string }).id}.clustersearch.json`).sort()).toEqual(
      files.sort(),
    );
    for (const s of sizingPresets()) {
      expect(catalog.models.some((m) => m.id === s.modelId) || s.model !== undefined, s.id).toBe(true);
      for (const id of s.constraints.systems)
        expect(
          catalog.systems.some((x) => x.id === id),
          `${s.id}: ${id}`,
        ).toBe(true);
    }
  });
});

describe('counting a search before building it', () => {
  it('equals the candidates the search enumerates, on every example and on wider variants', () => {
    for (const s of sizingPresets()) {
      const st = s.constraints.strategies;
      const variants = [
        s,
        {
          ...s,
          constraints: { ...s.constraints, strategies: { ...st, pp: true, kvOffload: true, speculative: true } },
        },
        {
          ...s,
          constraints: {
            ...s.constraints,
            maxDevices: 40,
            strategies: { ...st, disaggregation: true, disaggregationRatios: [0.25, 1, 3] },
          },
        },
        // formats and ratios listed twice are one configuration each
        {
          ...s,
          constraints: {
            ...s.constraints,
            precisions: {
              weights: [...s.constraints.precisions.weights, ...s.constraints.precisions.weights],
              compute: [...s.constraints.precisions.compute, s.constraints.precisions.compute[0]!],
              kvCache: [...s.constraints.precisions.kvCache, ...s.constraints.precisions.kvCache],
            },
            strategies: { ...st, disaggregation: true, disaggregationRatios: [1, 1, 0.5] },
          },
        },
      ];
      for (const v of variants) {
        const sc = prepareSearch(v, catalog);
        const cands = candidatesOf(sc);
        expect(candidateCount(sc), s.id).toBe(cands.length);
        // each configuration once: two ratios that round to one prefill pool are one configuration
        // (the Llama-3.1-70B example listed 64 of its 192 twice, some twice in the ranked table)
        expect(new Set(cands.map((c) => c.id)).size, s.id).toBe(cands.length);
      }
    }
  });
});

describe('spec drafts in the form', () => {
  it('a new draft is valid and searchable', () => {
    const d = checkDraft(newSpecDraft('sizing-x'));
    expect(d.errors.size).toBe(0);
    expect(d.spec!.name).toBe('New sizing');
  });

  it('messages name the field, for plain fields and inside length distributions', () => {
    const base = newSpecDraft('sizing-x');
    const cases: Array<[unknown, string, RegExp]> = [
      [{ ...base, workload: { ...base.workload, prompt: { mean: 1000, p90: 5000 } } }, 'workload.prompt.p90', /2\.27/],
      [{ ...base, workload: { ...base.workload, prompt: { mean: Number.NaN } } }, 'workload.prompt.mean', /mean/],
      [
        { ...base, workload: { ...base.workload, output: { histogram: [{ tokens: 10, weight: -1 }] } } },
        'workload.output.histogram.0.weight',
        /weight must be > 0/,
      ],
      [{ ...base, slo: { ttftMs: 500 } }, 'slo.tpotMs', /give slo\.tpotMs or slo\.outputTokensPerSecondPerUser/],
      [{ ...base, constraints: { ...base.constraints, maxDevices: 2.5 } }, 'constraints.maxDevices', /whole number/],
      [{ ...base, constraints: { ...base.constraints, systems: [] } }, 'constraints.systems', /at least one system/],
    ];
    for (const [draft, path, re] of cases) {
      const r = checkDraft(draft);
      expect(r.spec, path).toBeNull();
      expect(r.errors.get(path), path).toMatch(re);
      expect(r.errors.get(path)!.startsWith(path) || r.errors.get(path)!.includes(path), path).toBe(true);
    }
  });

  it('a damaged stored draft is named part by part before the form opens it', () => {
    expect(structureProblems(newSpecDraft('x'))).toEqual([]);
    expect(structureProblems({ id: 'x', name: 'x', workload: 5, slo: {} })).toEqual([
      'workload: missing or not an object',
      'workload.load: missing or not an object',
      'workload.prompt: missing or not an object',
      'workload.output: missing or not an object',
      'constraints: missing or not an object',
      'constraints.systems: missing or not a list',
    ]);
  });

  it('the search key ignores SLOs and labels (they re-filter), but not the load nor where candidates are sized', () => {
    const s = chat();
    const k = searchKey(s);
    expect(searchKey({ ...s, name: 'other', slo: { ...s.slo, tpotMs: 80 } })).toBe(k);
    expect(
      searchKey({ ...s, workload: { ...s.workload, load: { mode: 'arrival-rate', requestsPerSecond: 21 } } }),
    ).not.toBe(k);
    // Sizing at the pessimistic edge times every step differently: a new search, not a re-filter.
    expect(searchKey({ ...s, slo: { ...s.slo, sizeAt: 'pessimistic' } })).not.toBe(k);
  });
});

describe('workspaces carry sizing specs', () => {
  it('round-trip, and a workspace without them still opens', () => {
    const text = serialiseWorkspace([], [], new Date('2026-11-23T00:00:00Z'), [], sizingPresets());
    expect(parseWorkspace(text).sizingSpecs).toEqual(sizingPresets());
    const old = JSON.parse(text);
    delete old.sizingSpecs;
    expect(parseWorkspace(JSON.stringify(old)).sizingSpecs).toEqual([]);
  });

  it('a bad spec refuses the whole workspace, naming the spec and the field', () => {
    const bad = { ...chat(), slo: { ...chat().slo, ttftMs: -1 } };
    const text = serialiseWorkspace([], [], new Date(), [], [bad]);
    expect(() => parseWorkspace(text)).toThrow(/sizingSpecs\[0\]\.slo\.ttftMs/);
  });
});

describe('results opened as plans', () => {
  const spec = chat();
  const r = runSearch(spec, catalog, { topN: 5 });
  const sc = prepareSearch(spec, catalog);
  const byId = new Map(candidatesOf(sc).map((c) => [c.id, c]));

  it('the best as a plan: infer under load gives the answer card’s TTFT and TPOT', () => {
    const e = r.top[0]!;
    const plan = planForEntry(sc, e);
    expect(plan.name).toContain(spec.name);
    const load = evaluateServing(plan, resolvePlan(plan, catalog)).underLoad!;
    expect(load.tpotS).toBeCloseTo(e.at!.tpotS, 9);
    expect(load.ttftS.p90).toBeCloseTo(e.at!.ttftS.p90, 9);
  });

  it('a frontier point as a plan runs at the batch of the point, with its TPOT', () => {
    const pts = r.frontier.interactivity;
    expect(pts.length).toBeGreaterThan(2);
    for (const p of [pts[0]!, pts[Math.floor(pts.length / 2)]!, pts.at(-1)!]) {
      const plan = planForPoint(sc, byId.get(p.id)!, p)!;
      const load = evaluateServing(plan, resolvePlan(plan, catalog)).underLoad!;
      expect(load.sustainable).toBe(true);
      expect(load.batch).toBeCloseTo(p.batch, 1);
      // the point's y is output tokens/s per user = 1 / TPOT
      expect(1 / load.tpotS).toBeCloseTo(p.y, 3);
    }
  });
});

describe('what limits a copy (the answer card’s binding limit)', () => {
  const spec = chat();
  const sc = prepareSearch(spec, catalog);
  const r = runSearch(spec, catalog, { topN: 5 });

  it('names a missed objective of the next batch with both numbers, or the memory limit', () => {
    for (const e of r.top) {
      const b = bindingOf(sc, e.cand, e.verdict.row);
      const text = bindingText(sc, b);
      if (b.kind === 'memory') expect(text).toMatch(/^memory: no batch above [\d,]+ sequences per copy fits$/);
      else {
        expect(b.misses.length).toBeGreaterThan(0);
        for (const m of b.misses) if (m.objective !== 'queue') expect(m.valueS!).toBeGreaterThan(m.targetS!);
        expect(text).toMatch(/^the next batch swept, [\d,]+ sequences per copy: /);
      }
    }
  });

  it('uses the judge’s rule: the best row misses nothing, a row the judge refuses misses something', () => {
    for (const e of r.top) {
      const ev = evaluateCandidate(sc, e.cand, null);
      const t = targetsOf(sc.spec.slo);
      expect(rowMisses(ev.curve, e.verdict.row, t, sc.outputMean)).toBe(0);
      expect(curveRow(ev, e.verdict.row).lambda).toBeCloseTo(judge(sc, ev, sc.spec.slo).lambdaMax, 12);
    }
    const tight = { ...sc, spec: { ...sc.spec, slo: { ...sc.spec.slo, tpotMs: 0.001 } } };
    const ev = evaluateCandidate(sc, r.top[0]!.cand, null);
    for (let k = 0; k < ev.points; k++)
      expect(rowMisses(ev.curve, k, targetsOf(tight.spec.slo), sc.outputMean) & MISS.tpot).toBe(MISS.tpot);
  });

  it('reads a swept batch back by name (the frontier point’s row)', () => {
    const p = r.frontier.interactivity[0]!;
    const ev = evaluateCandidate(
      sc,
      candidatesOf(sc).find((c) => c.id === p.id)!,
      null,
    );
    const k = rowOfBatch(ev, p.batch);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(curveRow(ev, k).batch).toBe(p.batch);
    expect(1 / curveRow(ev, k).tpotS).toBeCloseTo(p.y, 9);
    expect(rowOfBatch(ev, -1)).toBe(-1);
    expect(() => curveRow(ev, ev.points)).toThrow(RangeError);
  });
});

describe('what the searching workers measured, used on the main thread', () => {
  // The workers search with the engine catalog (kernel profiles); the page keeps a SearchContext of
  // the preset catalog, which times the same candidate differently. A plan of a frontier point and
  // the binding limit must come from the workers' numbers.
  const spec = chat();
  const searched = engineCatalog();
  const r = runSearch(spec, searched, { topN: 3 });
  const scPage = prepareSearch(spec, catalog);
  const scSearched = prepareSearch(spec, searched);
  const byId = new Map(candidatesOf(scPage).map((c) => [c.id, c]));

  it('a frontier point as a plan runs at the point’s batch in the catalog searched', () => {
    const pts = r.frontier.interactivity;
    for (const p of [pts[0]!, pts[Math.floor(pts.length / 2)]!, pts.at(-1)!]) {
      const plan = planForPoint(scPage, byId.get(p.id)!, p)!;
      const load = evaluateServing(plan, resolvePlan(plan, searched)).underLoad!;
      expect(load.sustainable).toBe(true);
      expect(load.batch).toBeCloseTo(p.batch, 1);
    }
  });

  it('the best’s binding limit is the one of the catalog searched', () => {
    const best = r.top[0]!;
    expect(best.binding).toEqual(bindingOf(scSearched, best.cand, best.verdict.row));
    expect(bindingText(scPage, best.binding!)).toBe(
      bindingText(scSearched, bindingOf(scSearched, best.cand, best.verdict.row)),
    );
  });
});

describe('an edited example', () => {
  it('takes a name of its own on its first edit, and keeps any name the user gives it', () => {
    const example = structuredClone(sizingPresets()[0]!) as SpecDraft;
    const edited = { ...example, slo: { ...example.slo, tpotMs: (example.slo.tpotMs ?? 50) + 10 } } as SpecDraft;
    expect(asEdited(example, edited).name).toBe(`${example.name} (edited)`);
    // Unchanged, or renamed by the user: the name stays as it is.
    expect(asEdited(example, structuredClone(example)).name).toBe(example.name);
    const renamed = { ...edited, name: 'My chat service' } as SpecDraft;
    expect(asEdited(example, renamed).name).toBe('My chat service');
    // A spec that is not an example keeps its name whatever changes.
    const mine = { ...example, name: 'Not an example' } as SpecDraft;
    expect(asEdited(mine, { ...edited, name: 'Not an example' } as SpecDraft).name).toBe('Not an example');
  });
});
