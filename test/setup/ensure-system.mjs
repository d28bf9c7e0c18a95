// The tests drive a real Chromium and generate media with ffmpeg. On a fresh Debian machine,
// install them when we are root; otherwise say exactly what to install and stop.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const need = [];
if (!existsSync('/usr/bin/chromium')) need.push('chromium');
if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) need.push('ffmpeg');
if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error) need.push('xvfb');
// The report's e2e test reads its PDF back with pdftotext.
if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) need.push('poppler-utils');
if (need.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`Installing test prerequisites: ${need.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...need], { stdio: 'inherit', env });
  process.exit(0);
}
console.error(`The tests need ${need.join(', ')}, which are not installed.
Install them, then run the tests again:
    sudo apt-get install -y ${need.join(' ')}`);
process.exit(1);
