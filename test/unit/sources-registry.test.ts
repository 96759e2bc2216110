// The sources registry (presets/sources.json): its schema, that every citation in the product
// resolves, that bundled presets cite registry documents (never free text), that no path outside
// the repository appears anywhere in the product, and the citation formatting the CLI and PDF use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import SOURCES_RAW from '../../presets/sources.json';
import { citationIndex, sourceRegistry } from '../../presets/sources';
import { citationsOf } from '../../shared/source';
import {
  bibliography,
  checkedOn,
  collectCitations,
  formatCitation,
  isOlderThanMonths,
  parseRegistry,
  SourceRegistryFile,
  sourceText,
  withResolvedSources,
} from '../../shared/sources/registry';
import { VALIDATION_CASES } from '../../shared/validation/cases';
import { acceleratorPresets, findAccelerator } from '../../presets/load';
import { hasUnverified, isStale, passesFreshness } from '../../renderer/src/hardware/freshness';

const root = join(__dirname, '../..');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('sources.json schema', () => {
  it('validates, with unique ids', () => {
    const r = SourceRegistryFile.safeParse(SOURCES_RAW);
    if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    expect(r.data.documents.length).toBeGreaterThan(80);
  });
  it('a bad document fails naming the document and field', () => {
    const raw = clone(SOURCES_RAW) as { documents: Array<Record<string, unknown>> };
    delete raw.documents[0]!['url'];
    delete raw.documents[0]!['arxiv'];
    expect(() => parseRegistry(raw)).toThrow(/documents\.0\.url: a document needs a url, arxiv id, isbn or path/);
    const raw2 = clone(SOURCES_RAW) as { documents: Array<Record<string, unknown>> };
    raw2.documents[1]!['checked'] = 'last week';
    expect(() => parseRegistry(raw2)).toThrow(/documents\.1\.checked/);
    const raw3 = clone(SOURCES_RAW) as { documents: Array<Record<string, unknown>> };
    raw3.documents.push({ ...raw3.documents[0]! });
    expect(() => parseRegistry(raw3)).toThrow(/duplicate document id/);
    const raw4 = clone(SOURCES_RAW) as { documents: Array<Record<string, unknown>> };
    raw4.documents[0]!['url'] = 'http://example.com/x';
    expect(() => parseRegistry(raw4)).toThrow(/url must use https/);
    const raw5 = clone(SOURCES_RAW) as { documents: Array<Record<string, unknown>> };
    raw5.documents[0]!['path'] = '../shared/reference/hardware-specs.md';
    expect(() => parseRegistry(raw5)).toThrow(/path/);
  });
  it('every document has a date, a checked date and an author or publisher', () => {
    for (const d of sourceRegistry().documents) {
      expect(d.checked, d.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Boolean(d.publisher || d.authors?.length), d.id).toBe(true);
    }
  });
});

const PRESET_DIRS = ['hardware', 'systems', 'models', 'plans', 'calibration', 'sizing'];
const presetFiles = (): Array<[string, unknown]> =>
  PRESET_DIRS.flatMap((d) =>
    readdirSync(join(root, 'presets', d))
      .filter((f) => f.endsWith('.json'))
      .map((f): [string, unknown] => [
        `presets/${d}/${f}`,
        JSON.parse(readFileSync(join(root, 'presets', d, f), 'utf8')),
      ]),
  );

/** Every `source` field in a bundled preset, with its JSON path. */
function sourceFields(value: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourceFields(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'source'
      ? [[path ? `${path}.source` : 'source', v] as [string, unknown]]
      : sourceFields(v, path ? `${path}.${k}` : k),
  );
}

describe('every citation resolves', () => {
  const reg = sourceRegistry();
  it('presets cite registry documents, never free text or a path outside the repository', () => {
    const bad: string[] = [];
    for (const [file, raw] of presetFiles())
      for (const [path, src] of sourceFields(raw)) {
        const cites = citationsOf(src as never);
        if (cites.length === 0)
          bad.push(`${file} ${path}: not a registry citation (${JSON.stringify(src).slice(0, 60)})`);
        for (const c of cites) if (!reg.byId.has(c.doc)) bad.push(`${file} ${path}: unknown document "${c.doc}"`);
      }
    expect(bad).toEqual([]);
  });
  it('every example plan and sizing spec says where it comes from (a registry citation)', () => {
    const missing = presetFiles()
      .filter(([file]) => /^presets\/(plans|sizing)\//.test(file))
      .filter(([, raw]) => citationsOf((raw as { source?: never }).source).length === 0)
      .map(([file]) => file);
    expect(missing).toEqual([]);
  });
  it('cluster examples: every known price or power cites registry documents (or is marked as a user figure)', () => {
    const bad: string[] = [];
    for (const f of readdirSync(join(root, 'presets', 'clusters')).filter((x) => x.endsWith('.json'))) {
      const walk = (v: unknown, path: string): void => {
        if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
        if (typeof v !== 'object' || v === null) return;
        const o = v as Record<string, unknown>;
        if ('value' in o && 'source' in o && o['value'] !== null && !o['user']) {
          const cites = citationsOf(o['source'] as never);
          if (cites.length === 0) bad.push(`${f} ${path}: not a registry citation`);
          for (const c of cites) if (!reg.byId.has(c.doc)) bad.push(`${f} ${path}: unknown document "${c.doc}"`);
        }
        for (const [k, x] of Object.entries(o)) walk(x, path ? `${path}.${k}` : k);
      };
      walk(JSON.parse(readFileSync(join(root, 'presets', 'clusters', f), 'utf8')), '');
    }
    expect(bad).toEqual([]);
  });
  it('validation cases cite registry documents with a locator', () => {
    for (const c of VALIDATION_CASES) {
      const cites = citationsOf(c.source);
      expect(cites.length, c.id).toBeGreaterThan(0);
      for (const x of cites) {
        expect(reg.byId.has(x.doc), `${c.id}: ${x.doc}`).toBe(true);
        expect(x.at.length, c.id).toBeGreaterThan(5);
      }
    }
  });
  it('document ids named in the code (doc: "…", cite("…")) exist', () => {
    const ids = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/\b(?:doc:\s*|cite\(\s*)'([a-z0-9][a-z0-9.-]*)'/g)) ids.add(m[1]!);
          // The report's ENGINE_DOCS table names documents by key (training:, latency:, offload:).
          if (text.includes('ENGINE_DOCS'))
            for (const m of text.matchAll(/\b(?:training|latency|offload): '([a-z0-9][a-z0-9.-]*)'/g)) ids.add(m[1]!);
        }
      }
    };
    for (const d of ['shared', 'renderer/src', 'cli', 'electron']) walk(join(root, d));
    expect(ids.size).toBeGreaterThan(5);
    expect([...ids].filter((id) => !reg.byId.has(id))).toEqual([]);
  });
  it('every unknown value says why, and every known value cites or declares an assumption', () => {
    for (const a of acceleratorPresets())
      for (const p of ['fp64', 'bf16', 'fp8'] as const) {
        const s = a.peakFlopsPerS[p];
        if (s.value === null) expect(s.note, `${a.id} ${p}`).toBeTruthy();
        else expect(s.source !== undefined || s.assumption, `${a.id} ${p}`).toBe(true);
      }
  });
  it('every registry document is cited by something (no orphans)', () => {
    const idx = citationIndex();
    const orphans = sourceRegistry()
      .documents.map((d) => d.id)
      // aiconfigurator-perf-db is cited by the kernel profiles (presets/kernels), which the citation
      // index does not scan.
      .filter(
        (id) =>
          !idx.has(id) && !['megascale-nsdi2024', 'ahelpme-epyc9554-llamacpp', 'aiconfigurator-perf-db'].includes(id),
      );
    expect(orphans).toEqual([]);
  });
});

describe('no path outside the repository appears in the product', () => {
  const NOTES =
    /\.\.\/shared\/reference|shared\/reference\/|hardware-specs\.md|published-measurements\.md|deepseek-v3-insights\.md|seeds-digest\.md/;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs|js|json|md|html|css|py|yml)$/.test(f)) files.push(p);
    }
  };
  for (const d of ['presets', 'shared', 'renderer', 'electron', 'cli', 'docs', 'bin', 'calibration'])
    walk(join(root, d));
  files.push(join(root, 'README.md'));
  it('no "../shared" outside module import specifiers, no reference-note file names', () => {
    const hits: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const code = /\.(ts|tsx|mjs|js)$/.test(f)
        ? text.replace(/(from\s*|import\(\s*|require\(\s*|vi\.mock\(\s*)['"][^'"]*['"]/g, '')
        : text;
      code.split('\n').forEach((line, i) => {
        if (line.includes('../shared') || NOTES.test(line))
          hits.push(`${relative(root, f)}:${i + 1}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(hits).toEqual([]);
  });
  it('the grep would catch a planted path (the test can fail)', () => {
    const planted = 'source: "[A] notes (../shared/reference/hardware-specs.md)"';
    expect(planted.includes('../shared') || NOTES.test(planted)).toBe(true);
  });
});

describe('citation text, freshness and bibliography', () => {
  const reg = sourceRegistry();
  it('formats a citation with publisher, title, date, locator and link', () => {
    expect(formatCitation({ doc: 'llama3-herd', at: 'Table 4' }, reg)).toBe(
      'Llama Team, AI @ Meta, "The Llama 3 Herd of Models" (2024-07), Table 4. https://arxiv.org/abs/2407.21783',
    );
    expect(formatCitation({ doc: 'no-such-doc', at: 'p. 1' }, reg)).toBe('[unknown source "no-such-doc"], p. 1');
    expect(sourceText('a user note', reg)).toBe('a user note');
    expect(sourceText(undefined, reg)).toBe('');
  });
  it('checkedOn is the oldest checked date of the cited documents', () => {
    expect(
      checkedOn(
        [
          { doc: 'llama3-herd', at: 'x' },
          { doc: 'hf-llama-2-7b', at: 'y' },
        ],
        reg,
      ),
    ).toBe('2026-11-22');
  });
  it('withResolvedSources turns every source into a string and keeps values', () => {
    const a = withResolvedSources(findAccelerator('h800')!, reg);
    expect(a.memoryBandwidthBytesPerS.value).toBe(3.35e12);
    expect(typeof a.memoryBandwidthBytesPerS.source).toBe('string');
    expect(collectCitations(a)).toEqual([]);
  });
  it('bibliography lists each document once, in order of first citation', () => {
    const docs = bibliography(
      [
        { source: { doc: 'llama3-herd', at: 'a' } },
        [
          { doc: 'llama3-herd', at: 'b' },
          { doc: 'deepseek-v3-report', at: 'c' },
        ],
      ],
      reg,
      ['megascale-nsdi2024'],
    );
    expect(docs.map((d) => d.id)).toEqual(['llama3-herd', 'deepseek-v3-report', 'megascale-nsdi2024']);
  });
  it('isOlderThanMonths and the Hardware page filters', () => {
    const now = new Date(Date.UTC(2026, 10, 23));
    expect(isOlderThanMonths('2025-11-22', 12, now)).toBe(true);
    expect(isOlderThanMonths('2025-11-24', 12, now)).toBe(false);
    expect(isStale(undefined, now)).toBe(true);
    expect(
      passesFreshness({ unverified: false, checkedOn: '2026-11-23' }, { unverifiedOnly: true, staleOnly: false }, now),
    ).toBe(false);
    expect(
      passesFreshness({ unverified: true, checkedOn: '2024-01-01' }, { unverifiedOnly: true, staleOnly: true }, now),
    ).toBe(true);
    expect(hasUnverified(findAccelerator('ascend-910c'))).toBe(true);
    expect(hasUnverified(findAccelerator('h100-sxm'))).toBe(false);
  });
});
