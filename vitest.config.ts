import { defineConfig } from 'vitest/config';

// The tests mirror the source tree (test/<kind>/core/…, host/…, electron/…, renderer/…):
// - unit: pure or fast (memory, a temp directory at most). Everything about time must not depend
//   on the machine's zone, so they run twice, on a machine in UTC and on one in America/New_York
//   (a zone with DST); neither is the stations' own zone (Asia/Ho_Chi_Minh).
// - integration: they start a server, spawn a process (the `bantin` CLI) or run ffmpeg. They run
//   once, in UTC, except those whose result could depend on the machine's zone (a station
//   without `timezone` takes it; times without an offset): those run in both zones too.
// - e2e: real Chromium (or Electron) against the real host; once, in the machine's zone.
const unit = ['test/unit/**/*.test.ts'];
const integration = ['test/integration/**/*.test.ts'];
const integrationInEveryZone = [
  'test/integration/host/commands/check.test.ts',
  'test/integration/host/commands/timeline.test.ts',
  'test/integration/host/station-loader.test.ts',
];

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
      { extends: true, test: { name: 'integration (TZ=UTC)', include: integration, env: { TZ: 'UTC' } } },
      { extends: true, test: { name: 'integration (TZ=America/New_York)', include: integrationInEveryZone, env: { TZ: 'America/New_York' } } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
