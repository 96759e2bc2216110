// The unit tests Stryker runs against each mutant (npm run mutation): the engine's tests without
// the fuzz shards (their minutes of random inputs judge parsers, not the engine's arithmetic) and
// without the tests that start processes (the CLI's bin, the security scan of the sources).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/unit/fuzz-*.test.ts',
        'test/unit/cli*.test.ts',
        'test/unit/security-scan.test.ts',
        'test/unit/electron-*.test.ts',
        'test/unit/atomic-write.test.ts',
        'node_modules/**',
      ],
    },
  }),
);
