import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'scratch/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // native addons (ladybug, hnswlib, onnxruntime) are safest in forked processes
    pool: 'forks',
  },
});
