import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Runs `*.last.e2e.ts` after every other file: they inspect what the whole run left behind. */
class LastFilesLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLast = (f: TestSpecification) => f.moduleId.endsWith('.last.e2e.ts');
    return [...sorted.filter((f) => !isLast(f)), ...sorted.filter(isLast)];
  }
}

// Apollo loads graphql's CommonJS build; without this alias vitest would load the
// ESM build for our own imports and graphql would see two realms ("Cannot use
// GraphQLSchema from another module or realm"). A regex, so that deep imports
// such as `graphql/language/index.js` are left alone.
const resolve = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

export default defineConfig({
  test: {
    // Projects take their sequencer from the root configuration.
    sequence: { sequencer: LastFilesLastSequencer },
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['{shared,db,gateway,stack,subgraphs/*}/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['test/src/**/*.e2e.ts', 'test/attacks/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['test/src/globalSetup.ts'],
          // Production behaviour with the repository's development keys trusted (docs/operations.md); a suite that
          // tests production itself sets CROSSROADS_ENV=production for the processes it starts.
          env: { CROSSROADS_ENV: 'test' },
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // The suites share one database server and stack; running files one by
          // one keeps two cores from being oversubscribed by parallel stacks.
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          // The public register in a real browser (Debian's Chromium): no stack, no database.
          name: 'browser',
          include: ['test/browser/**/*.browser.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
