// Every model preset validates, is registered, has a source and an id that matches its file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceRegistry } from '../../presets/sources';
import { citationsOf } from '../../shared/source';
import { MODEL_PRESETS_RAW } from '../../presets';
import { ModelArchitecture } from '../../shared/model';

const dir = join(__dirname, '../../presets/models');

describe('model presets', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('every file is registered in presets/index.ts', () => {
    const ids = MODEL_PRESETS_RAW.map((r) => (r as { id: string }).id).sort();
    expect(ids).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
  });
  for (const f of files) {
    it(`${f} validates and names its source`, () => {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const r = ModelArchitecture.safeParse(raw);
      if (!r.success)
        throw new Error(`${f}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      expect(r.data.id).toBe(f.replace(/\.json$/, ''));
      const cites = citationsOf(r.data.source);
      expect(cites.length, `${f} cites a registry document`).toBeGreaterThan(0);
      for (const c of cites) expect(sourceRegistry().byId.has(c.doc), `${f}: ${c.doc}`).toBe(true);
    });
  }
  it('covers the models the product promises', () => {
    const ids = new Set(MODEL_PRESETS_RAW.map((r) => (r as { id: string }).id));
    for (const id of [
      'deepseek-v3',
      'deepseek-v2',
      'deepseek-v2-lite',
      'llama-3.1-8b',
      'llama-3.1-70b',
      'llama-3.1-405b',
      'llama-2-7b',
      'qwen2.5-7b',
      'qwen2.5-14b',
      'qwen2.5-32b',
      'qwen2.5-72b',
      'qwen3-30b-a3b',
      'qwen3-235b-a22b',
      'mixtral-8x7b',
      'gpt-oss-120b',
      'kimi-k2',
      'minimax-m1',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
