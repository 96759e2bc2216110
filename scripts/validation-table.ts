// `npx tsx scripts/validation-table.ts`: prints the README's validation table (markdown) from the
// engine as it is on this checkout — published value, prediction, error, and the error of the
// plain roofline (useCalibration off) — and the one-line summary under it. Paste it over the table
// in README.md ("How far to trust it") after engine changes.
import { presetCatalog } from '../presets/load';
import { VALIDATION_CASES } from '../shared/validation/cases';
import { runValidation, summarizeValidation, summaryLine, type ValidationRow } from '../shared/validation/run';

const num = (v: number): string =>
  v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2 });
const signed = (e: number | null): string => (e === null ? '—' : `${e >= 0 ? '+' : '−'}${Math.abs(e).toFixed(0)}%`);

function line(r: ValidationRow): string {
  const predicted = r.predicted === null ? `error: ${r.error ?? ''}` : num(r.predicted);
  const published = r.published.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `| ${r.description} — ${r.unit} | ${published} | ${predicted} | ${signed(r.errorPct)} | ${signed(r.rooflineErrorPct)} |`;
}

const rows = runValidation(VALIDATION_CASES, presetCatalog());
const table = (rs: ValidationRow[]): string[] => [
  '| Case | Published | Predicted | Error | Plain roofline |',
  '| --- | --- | --- | --- | --- |',
  ...rs.map(line),
  '',
  `${summaryLine(summarizeValidation(rs))}.`,
];
const out = [
  '<!-- serving and training -->',
  ...table(rows.filter((r) => r.kind !== 'rl')),
  '',
  '<!-- RL post-training -->',
  ...table(rows.filter((r) => r.kind === 'rl')),
];
process.stdout.write(out.join('\n') + '\n');
