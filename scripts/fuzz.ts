/**
 * `npm run fuzz`: the CI fuzz suite (test/fuzz) with a larger budget, printing the counts.
 *
 *   npm run fuzz                          100,000 inputs per parser, a new seed each run
 *   npm run fuzz -- --runs 20000 --seed 42 --only plan,workspace
 *   npm run fuzz -- --seed 42 --only plan --show 1234    print input 1234 of that stream (to make a regression test)
 *
 * Exits 1 when any parser has failures. The engine is bundled by esbuild as the app ships it.
 */
import { FUZZ_LABELS, FUZZ_REGISTRY } from '../test/fuzz/registry';
import { describeInput, EVALUATE_BUDGET_MS, inputAt, runFuzz, totalFailures } from '../test/fuzz/harness';
import { KNOWN_ENGINE_BUGS } from '../test/fuzz/known-bugs';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 100_000);
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
const only = arg('only')?.split(',');
const entries = FUZZ_REGISTRY.filter((e) => !only || only.includes(e.name));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || entries.length === 0) {
  console.error(
    `usage: npm run fuzz -- [--runs N] [--seed S] [--only ${FUZZ_REGISTRY.map((e) => e.name).join(',')}] [--show INDEX]`,
  );
  process.exit(2);
}

const show = arg('show');
if (show !== undefined) {
  for (const e of entries)
    console.log(`${e.name} #${show} (seed ${seed}):\n${describeInput(inputAt(e, seed, Number(show)), 1e6)}`);
  process.exit(0);
}

console.log(`fuzz: seed ${seed}, ${runs} inputs per parser, evaluation budget ${EVALUATE_BUDGET_MS} ms of CPU\n`);
const header = [
  'parser',
  'corpus',
  'tried',
  'built valid',
  'built invalid',
  'rejected',
  'accepted',
  'engine refused',
  'evaluated',
  'known bugs',
  'failures',
  'slowest ms',
  's',
];
const rows: string[][] = [];
let failed = 0;
const t0 = performance.now();
for (const e of entries) {
  const r = runFuzz(e, { seed, runs, labels: FUZZ_LABELS, keep: 5 });
  const known = Object.values(r.knownBugs).reduce((a, b) => a + b, 0);
  rows.push(
    [
      e.name,
      r.corpus,
      r.tried,
      r.labelledValid,
      r.labelledInvalid,
      r.rejected,
      r.accepted,
      r.engineRejected,
      r.evaluated,
      known,
      totalFailures(r),
      r.maxEvaluateMs.toFixed(1),
      (r.wallMs / 1000).toFixed(1),
    ].map(String),
  );
  failed += totalFailures(r);
  for (const f of r.failures)
    console.log(`  ${e.name} #${f.index} ${f.kind}: ${f.message.slice(0, 400)}\n    ${f.input.slice(0, 300)}`);
  for (const [id, n] of Object.entries(r.knownBugs))
    console.log(
      `  ${e.name}: ${n} × known engine bug ${id} (${KNOWN_ENGINE_BUGS.find((b) => b.id === id)?.regressionTest})`,
    );
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}`);
console.log(`\n${failed} failures in ${((performance.now() - t0) / 1000).toFixed(1)} s (seed ${seed})`);
process.exit(failed > 0 ? 1 : 0);
