import { configDefaults, defineConfig } from 'vitest/config';

// The chaos suite (test/chaos) kills workers and Redis and takes minutes: a slow tier of its own,
// run by `npm run chaos` (which sets VOIPNOW_CHAOS=1), never by the default `npm test`.
const chaos = process.env.VOIPNOW_CHAOS === '1';

export default defineConfig({
  test: {
    include: chaos ? ['test/chaos/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: chaos ? [...configDefaults.exclude] : [...configDefaults.exclude, 'test/chaos/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
