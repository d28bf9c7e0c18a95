// The body's side of the audio: files streamed by howler (html5), each element routed into the
// page's AudioContext (a MediaElementAudioSourceNode into its own gain node, into the master
// bus). So a body airs at its loudness gain above unity too (an element's volume stops at 1), the
// output analyser hears it (dead air, the monitor), and the context's output device is its route.
import { Howl } from 'howler';
import { dbToGain, type BodyMedia, type BodySound } from './audio.js';
import { duckAutomation, type BodyDuck } from './body-duck.js';
import { routeHowl } from './output.js';

/** One source node per element: howler pools its HTML audio elements, and an element can be
 *  wired into a context only once. */
const sources = new WeakMap<HTMLMediaElement, MediaElementAudioSourceNode>();

function elementsOf(howl: Howl): HTMLMediaElement[] {
  const sounds = (howl as unknown as { _sounds?: { _node?: unknown }[] })._sounds ?? [];
  return sounds.map((s) => s._node).filter((n): n is HTMLMediaElement => n instanceof HTMLMediaElement);
}

/** Wire the howl's elements into `gain`; false when the browser refuses (then they play directly). */
function wire(ctx: AudioContext, howl: Howl, gain: GainNode): boolean {
  try {
    for (const el of elementsOf(howl)) {
      let src = sources.get(el);
      if (!src) {
        src = ctx.createMediaElementSource(el);
        sources.set(el, src);
      }
      src.disconnect();
      src.connect(gain);
    }
    return true;
  } catch {
    return false;
  }
}

/** Host instants to context times (OutputClock): what the duck's plan is carried out on. */
export interface CtxClock {
  toCtx(hostMs: number): number;
}

function sound(ctx: AudioContext, clock: CtxClock, howl: Howl, gain: GainNode | null, level: number): BodySound {
  const unity = gain ? level : Math.min(1, level);
  // Under emergencies: silent (still streaming, so it rejoins at its offset), as planned on the
  // audio clock (body-duck.ts). Muted while a join seeks; the plan applies once it plays.
  let ducks: readonly BodyDuck[] = [];
  let muted = false;
  let fading = false;
  const apply = () => {
    if (fading) return;
    const now = ctx.currentTime;
    if (!gain) {
      // Not wired (the element plays on its own): its volume, as the plan is now, on the main thread.
      const silent = muted || ducks.some((d) => clock.toCtx(d.fadeFrom) <= now && now < clock.toCtx(d.end));
      howl.volume(silent ? 0 : unity);
      return;
    }
    const g = gain.gain;
    g.cancelScheduledValues(now);
    if (muted) {
      g.setValueAtTime(0, now);
      return;
    }
    for (const e of duckAutomation(ducks, { unity, from: g.value, nowCtx: now, toCtx: (t) => clock.toCtx(t) })) {
      if (e.kind === 'set') g.setValueAtTime(e.value, e.t);
      else g.linearRampToValueAtTime(e.value, e.t);
    }
  };
  const rewire = () => {
    if (gain) wire(ctx, howl, gain);
  };
  return {
    play(offsetMs) {
      if (offsetMs <= 0) {
        howl.play();
        rewire();
        apply();
        return;
      }
      // howler resets a sound's position in play(); seek once the element plays (by however long
      // starting took), muted until then.
      const calledAt = performance.now();
      muted = true;
      apply();
      const id = howl.play();
      rewire();
      howl.once('play', () => {
        howl.seek((offsetMs + performance.now() - calledAt) / 1000, id);
        muted = false;
        apply();
      }, id);
    },
    position() {
      const pos = howl.seek();
      return typeof pos === 'number' ? pos : null;
    },
    duration: () => howl.duration(),
    fadeOut: (ms) => {
      fading = true;
      if (!gain) {
        howl.fade(howl.volume(), 0, ms);
        return;
      }
      const now = ctx.currentTime;
      gain.gain.cancelScheduledValues(now);
      gain.gain.setValueAtTime(gain.gain.value, now);
      gain.gain.linearRampToValueAtTime(0, now + Math.max(0, ms) / 1000);
    },
    seek: (offsetMs) => void howl.seek(offsetMs / 1000),
    duck(next) {
      ducks = next;
      apply();
    },
    stop: () => void howl.stop(),
    unload: () => {
      for (const el of elementsOf(howl)) sources.get(el)?.disconnect();
      gain?.disconnect();
      howl.unload();
    },
    onceEnd: (fn) => void howl.once('end', () => fn()),
    oncePlayError: (fn) => void howl.once('playerror', (_id, err) => fn(err)),
  };
}

export class HowlerBody implements BodyMedia {
  constructor(
    private readonly ctx: AudioContext, private readonly out: AudioNode, private readonly deviceId: () => string, private readonly clock: CtxClock,
  ) {}

  load(url: string, gainDb: number | null, loaded: (s: BodySound) => void, failed: (err: unknown) => void): void {
    const ext = (url.split('?')[0] ?? '').split('.').pop()?.toLowerCase() ?? 'mp3';
    const level = dbToGain(gainDb);
    const howl = new Howl({ src: [url], html5: true, preload: true, format: [ext], volume: 1 });
    let gain: GainNode | null = this.ctx.createGain();
    gain.gain.value = level;
    gain.connect(this.out);
    if (!wire(this.ctx, howl, gain)) {
      // Not wired: the element plays on its own, at most at unity, on the chosen device.
      gain.disconnect();
      gain = null;
      howl.volume(Math.min(1, level));
      routeHowl(howl, this.deviceId());
    }
    let done = false;
    howl.once('load', () => {
      if (done) return;
      done = true;
      loaded(sound(this.ctx, this.clock, howl, gain, level));
    });
    howl.once('loaderror', (_id, err) => {
      if (done) return;
      done = true;
      gain?.disconnect();
      howl.unload();
      failed(err);
    });
  }
}
