/**
 * Regenerates presets/error-bands.json from the validation table's fit cases
 * (shared/validation/bands.ts) and prints, per class, the band and how many held-out cases fall
 * inside it.   npm run bands
 */
import { writeFileSync } from 'node:fs';
import { engineCatalog } from '../presets/engine-catalog';
import { INFERENCE_VALIDATION_CASES } from '../shared/validation/cases';
import { bandsFrom, caseErrors, heldOutCoverage } from '../shared/validation/bands';

const errors = caseErrors(INFERENCE_VALIDATION_CASES, engineCatalog());
const bands = bandsFrom(errors);
const cov = heldOutCoverage(errors, bands);
const file = {
  schemaVersion: 1,
  kind: 'cluster-planner-error-bands',
  generated: new Date().toISOString().slice(0, 10),
  source:
    "Cluster Planner's validation table (shared/validation/cases*.ts): the fit part's measured ÷ predicted, each case citing its published measurement (docs/validation.md)",
  note: `p10/p90 of measured ÷ predicted − 1 (times) over the fit cases of each class (${errors.filter((e) => e.split === 'fit').length} fit cases); ${cov.inside} of ${cov.total} held-out cases fall inside their class's band. Regenerate with npm run bands.`,
  bands,
};
writeFileSync('presets/error-bands.json', JSON.stringify(file, null, 2) + '\n');
for (const [k, b] of Object.entries(bands))
  console.log(
    `${k.padEnd(32)} ${(b.p10 * 100).toFixed(0).padStart(5)}% … ${(b.p90 * 100).toFixed(0).padStart(5)}%  (${b.cases} cases at ${b.pooledAt})`,
  );
console.log(`held-out inside their band: ${cov.inside} of ${cov.total}`);
