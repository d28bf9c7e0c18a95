// The X monitors (RandR 1.5, what `xrandr --listmonitors` prints) the Chromium shell places its
// windows on. Polled: one short `xrandr` run every 2 s costs a few milliseconds and needs no X
// event connection of our own; a display plugged in, removed or changed is seen within a poll.
import { execFile } from 'node:child_process';
import { parseXrandrMonitors, type Monitor } from '../core/displays.js';

/** The monitors now; null when they cannot be read (no `xrandr`, no X: Wayland, another OS). */
export type ReadMonitors = () => Promise<Monitor[] | null>;

export const readXMonitors = (env: NodeJS.ProcessEnv = process.env): ReadMonitors => () => new Promise((resolve) => {
  execFile('xrandr', ['--listmonitors'], { env, timeout: 5000 }, (err, stdout) => {
    if (err) return resolve(null);
    const monitors = parseXrandrMonitors(stdout);
    resolve(monitors.length ? monitors : null);
  });
});

export const MONITOR_POLL_MS = 2000;
