// The body's side of the audio: files streamed by howler (html5), routed to the chosen output.
import { Howl } from 'howler';
import { dbToGain, type BodyMedia, type BodySound } from './audio.js';
import { routeHowl } from './output.js';

function sound(howl: Howl): BodySound {
  let base: number | null = null;
  return {
    play(offsetMs) {
      if (offsetMs <= 0) {
        howl.play();
        return;
      }
      // howler resets a sound's position in play(); seek once the element plays (by however long
      // starting took), muted until then.
      const calledAt = performance.now();
      const volume = howl.volume();
      howl.volume(0);
      const id = howl.play();
      howl.once('play', () => {
        howl.seek((offsetMs + performance.now() - calledAt) / 1000, id);
        howl.volume(volume, id);
      }, id);
    },
    position() {
      const pos = howl.seek();
      return typeof pos === 'number' ? pos : null;
    },
    duration: () => howl.duration(),
    fadeOut: (ms) => void howl.fade(howl.volume(), 0, ms),
    seek: (offsetMs) => void howl.seek(offsetMs / 1000),
    duck(silent, ms) {
      // The element's own volume is remembered on the first duck and given back after.
      if (silent) {
        base ??= howl.volume();
        howl.fade(howl.volume(), 0, ms);
      } else if (base !== null) {
        howl.volume(base);
        base = null;
      }
    },
    stop: () => void howl.stop(),
    unload: () => howl.unload(),
    onceEnd: (fn) => void howl.once('end', () => fn()),
    oncePlayError: (fn) => void howl.once('playerror', (_id, err) => fn(err)),
  };
}

export class HowlerBody implements BodyMedia {
  constructor(private readonly deviceId: () => string) {}

  load(url: string, gainDb: number | null, loaded: (s: BodySound) => void, failed: (err: unknown) => void): void {
    const ext = (url.split('?')[0] ?? '').split('.').pop()?.toLowerCase() ?? 'mp3';
    const howl = new Howl({ src: [url], html5: true, preload: true, format: [ext], volume: Math.min(1, dbToGain(gainDb)) });
    routeHowl(howl, this.deviceId());
    let done = false;
    howl.once('load', () => {
      if (done) return;
      done = true;
      loaded(sound(howl));
    });
    howl.once('loaderror', (_id, err) => {
      if (done) return;
      done = true;
      howl.unload();
      failed(err);
    });
  }
}
