/**
 * Layers of the engine (shared/): each may import only the layers below it, never above, and no
 * import cycles anywhere. docs/architecture.md explains the layers; `npm run lint:layers` checks them.
 *
 *   0 core        shared/*.ts, shared/sources/       units, sources, explain traces, precisions
 *   1 schema      shared/schema/                     every stored format (zod) and its migrations
 *   2 foundation  model, network, calibration, kernels, cluster, metrics   what a model, a fabric, a device is
 *   3 plan        shared/plan/                       a plan resolved against the catalog, its price
 *   4 inference   shared/inference/                  one forward step → seconds (operators, overlap)
 *   5 serving     shared/serving/                    requests arriving: TTFT/TPOT under load
 *   6 sizing, training
 *   7 rl
 *   8 validation
 *   9 ipc         the app's process boundary (types only)
 */
const LAYERS = [
  ['core', '^shared/(?:[^/]+\\.ts$|sources/)'],
  ['schema', '^shared/schema/'],
  ['foundation', '^shared/(?:model|network|calibration|kernels|cluster|metrics)/'],
  ['plan', '^shared/plan/'],
  ['inference', '^shared/inference/'],
  ['serving', '^shared/serving/'],
  ['sizing-training', '^shared/(?:sizing|training)/'],
  ['rl', '^shared/rl/'],
  ['validation', '^shared/validation/'],
  ['ipc', '^shared/ipc/'],
];

const above = (i) => LAYERS.slice(i + 1).map(([, re]) => re);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide ordering rules; every module graph must be a tree of layers.',
      from: { path: '^shared/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...LAYERS.slice(0, -1).map(([name, re], i) => ({
      name: `layer-${name}`,
      severity: 'error',
      comment: `${name} may import only its own layer and those below it.`,
      from: { path: re },
      to: { path: above(i) },
    })),
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment:
        'The engine runs in the main process, workers, the CLI and tests: no DOM, Node or Electron, no app code.',
      from: { path: '^shared/' },
      to: {
        path: ['^(?:renderer|electron|cli|scripts|test)/', '^node:', 'electron', 'react'],
        dependencyTypes: ['local', 'npm', 'core', 'npm-dev', 'npm-no-pkg'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    includeOnly: '^shared/',
  },
};
