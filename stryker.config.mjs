// Mutation testing of the engine (StrykerJS with the vitest runner): `npm run mutation` mutates
// shared/inference and shared/sizing and runs, for each mutant, the unit tests that cover it
// (vitest.mutation.config.ts). `npm run mutation -- --mutate shared/sizing/judge.ts` narrows it to
// files. The recorded scores and how long a run takes are in docs/development.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['shared/inference/**/*.ts', 'shared/sizing/**/*.ts'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 80, low: 60, break: null },
};
