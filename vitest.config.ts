import { defineConfig } from 'vitest/config';

// Everything about time must not depend on the machine's zone: the unit tests run twice, on a
// machine in UTC and on one in America/New_York (a zone with DST), and neither is the stations'
// own zone (Asia/Ho_Chi_Minh). The e2e tests run once, in the machine's zone.
const unit = ['test/unit/**/*.test.ts', 'main/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests launch Chromium: two at a time is what a 2-core machine sustains.
    maxWorkers: 2,
    reporters: ['default', './test/setup/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit (TZ=UTC)', include: unit, env: { TZ: 'UTC' } } },
      { extends: true, test: { name: 'unit (TZ=America/New_York)', include: unit, env: { TZ: 'America/New_York' } } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
