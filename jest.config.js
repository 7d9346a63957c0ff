/** Jest runs in native ESM mode: NestJS 12 is published as ES modules only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/{domain,projections,src,test}/**/*.test.ts'],
  testTimeout: 30000,
  testSequencer: '<rootDir>/test/support/longest-first.js',
  globalSetup: '<rootDir>/test/support/compile-once.js',
  // A suite that fails half-way can leave a server or pool open; the run must still end with its
  // verdict rather than wait for CI's time limit. A clean run exits without this; Jest prints its
  // "Force exiting Jest" hint after every run all the same.
  forceExit: true,
};
