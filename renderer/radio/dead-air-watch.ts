// Dead air, heard on the output: an analyser on the master bus (spots and bodies both pass it)
// read four times a second — its window (32768 frames, 0.68 s at 48 kHz) is longer than the
// interval, so no sample goes unread — and fed with the item on air to the pure decision
// (main/core/dead-air.ts). A verdict skips the item; the engine logs it.
import { DeadAirWatch, peakDbfs } from '../../main/core/dead-air.js';
import type { Engine } from './engine.js';

const EVERY_MS = 250;

export function watchDeadAir(ctx: AudioContext, tap: AudioNode, engine: Engine, hostNow: () => number): () => void {
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 32768;
  tap.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const watch = new DeadAirWatch();
  const timer = setInterval(() => {
    // A suspended context plays nothing at all: that is the autoplay error the page reports, not
    // a silent file to skip.
    const onAir = ctx.state === 'running' ? engine.onAir() : null;
    analyser.getFloatTimeDomainData(samples);
    const verdict = watch.observe(hostNow(), peakDbfs(samples), onAir?.key ?? null);
    if (verdict && onAir) onAir.skip(verdict.silentSince);
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    tap.disconnect(analyser);
  };
}
