// Plan files: schema versions, migrations, hostile input, and the generated JSON Schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planPresets } from '../../presets/load';
import { planJsonSchemaText } from '../../shared/schema/json-schema';
import { parsePlanFile, PlanFileError } from '../../shared/schema/migrations';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { runValidation } from '../../shared/validation/run';
import { engineCatalog } from '../../presets/engine-catalog';
import { clusterPresets, sizingPresets } from '../../presets/load';
import { SIZING_PRESETS_RAW } from '../../presets/index';
import { isClusterText, parseClusterFile } from '../../shared/schema/cluster';
import { parseSizingSpec } from '../../shared/schema/sizing';
import { isWorkspaceText, parseWorkspace, serialiseWorkspace } from '../../shared/schema/workspace';

const good = JSON.stringify(planPresets()[0]);

describe('plan files', () => {
  it('round-trip: parse(serialise(plan)) is identical', () => {
    for (const p of planPresets()) expect(parsePlanFile(JSON.stringify(p))).toEqual(p);
  });
  it('reads a file that starts with a byte-order mark (it was "not valid JSON … may be truncated")', () => {
    const bom = '\uFEFF';
    expect(parsePlanFile(bom + good)).toEqual(planPresets()[0]);
    const ws = serialiseWorkspace(planPresets().slice(0, 1), [], new Date(0), clusterPresets().slice(0, 1));
    expect(isWorkspaceText(bom + ws)).toBe(true);
    expect(parseWorkspace(bom + ws).plans).toHaveLength(1);
    const cluster = JSON.stringify(clusterPresets()[0]);
    expect(isClusterText(bom + cluster)).toBe(true);
    expect(parseClusterFile(bom + cluster).id).toBe(clusterPresets()[0]!.id);
    expect(parseSizingSpec(bom + JSON.stringify(SIZING_PRESETS_RAW[0])).id).toBe(sizingPresets()[0]!.id);
  });
  it('migrates a version-0 file (no schemaVersion, deviceCount)', () => {
    const o = JSON.parse(good);
    delete o.schemaVersion;
    o.deviceCount = o.devices;
    delete o.devices;
    expect(parsePlanFile(JSON.stringify(o)).devices).toBe(planPresets()[0]!.devices);
  });
  it('refuses a newer version with a clear message', () => {
    const o = { ...JSON.parse(good), schemaVersion: 99 };
    expect(() => parsePlanFile(JSON.stringify(o))).toThrow(/version 99, written by a newer Cluster Planner/);
  });
  it('names the field on hostile or malformed input', () => {
    const cases: Array<[string, RegExp]> = [
      [good.slice(0, good.length / 2), /not valid JSON.*truncated/],
      ['[]', /must be a JSON object/],
      [JSON.stringify({ ...JSON.parse(good), devices: -4 }), /devices/],
      [JSON.stringify({ ...JSON.parse(good), name: 'x'.repeat(10 * 1024 * 1024) }), /plan files are at most|name/],
      ['{"__proto__": {"polluted": true}, "schemaVersion": 1}', /__proto__: is not an allowed key/],
      [
        good.replace('"devices": ', '"devices": NaN, "x": ').replace(/"devices":\s*\d+/, '"devices": NaN'),
        /not valid JSON/,
      ],
      [JSON.stringify({ ...JSON.parse(good), model: { ...(JSON.parse(good).model ?? {}), numLayers: 1e9 } }), /model/],
    ];
    for (const [text, re] of cases) {
      expect(() => parsePlanFile(text)).toThrow(PlanFileError);
      expect(() => parsePlanFile(text)).toThrow(re);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('docs/plan.schema.json is generated from the zod schema and current', () => {
    expect(readFileSync('docs/plan.schema.json', 'utf8')).toBe(planJsonSchemaText());
  });
});

describe('validation table', () => {
  it('every row predicts a finite number and reports its error', () => {
    const rows = runValidation(
      VALIDATION_CASES.filter((c) => c.plan.kind === 'inference'),
      engineCatalog(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const r of rows) {
      // A device with no matmul peak in its preset: prompt processing is refused by name.
      if (r.error !== undefined && /preset has no .+ peak: prompt processing/.test(r.error)) continue;
      expect(r.error, r.id).toBeUndefined();
      expect(Number.isFinite(r.predicted), r.id).toBe(true);
      expect(r.errorPct).toBeCloseTo(((r.predicted! - r.published) / r.published) * 100, 9);
    }
    // Every inference case simulates its serving loop: several seconds on a loaded 2-core machine.
  }, 120_000);
});
