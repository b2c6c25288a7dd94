import { configDefaults, defineConfig } from 'vitest/config';

// The slow tier takes minutes of real time by design: the chaos suite (test/chaos) kills workers
// and Redis, and the fan-out test paces a thousand audits at the platforms' real rates. It runs
// with `npm run test:slow` (VOIPNOW_SLOW=1), which .ci/run runs after `npm test`; `npm test` never does.
const SLOW = ['test/chaos/**/*.test.ts', 'test/audit/fan-out.test.ts'];
const slow = process.env.VOIPNOW_SLOW === '1' || process.env.VOIPNOW_CHAOS === '1';

export default defineConfig({
  test: {
    include: slow ? SLOW : ['test/**/*.test.ts'],
    exclude: slow ? [...configDefaults.exclude] : [...configDefaults.exclude, ...SLOW],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
