// Picking the audio output device (`radio.output` in station.yaml). howler has no API for it, so
// this is the one place that touches sinks:
//   - Web Audio (spots, and howler's own context): AudioContext.setSinkId(deviceId)
//   - HTML5 audio (howler html5:true bodies):      HTMLMediaElement.setSinkId(deviceId) on each
//     of the Howl's <audio> nodes (howler keeps them in the private `_sounds[i]._node`).
// `default` (or empty) means the system default. A label or id that matches no device — or a
// device that refuses — falls back to the default, and the caller reports it loudly.
import type { Howl } from 'howler';

export interface OutputChoice {
  requested: string;
  /** The deviceId in use ('' = system default). */
  deviceId: string;
  ok: boolean;
  reason: string | null;
}

type SinkCapable = { setSinkId?: (id: string) => Promise<void> };

async function findDevice(requested: string): Promise<string | null> {
  try {
    const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    const outs = devices.filter((d) => d.kind === 'audiooutput');
    const exact = outs.find((d) => d.deviceId === requested || d.label === requested);
    if (exact) return exact.deviceId;
    const loose = outs.find((d) => d.label.toLowerCase().includes(requested.toLowerCase()));
    return loose ? loose.deviceId : null;
  } catch {
    return null;
  }
}

/** Route `ctx` to the requested output; fall back to the default when it cannot be used. */
export async function chooseOutput(ctx: AudioContext, requested: string): Promise<OutputChoice> {
  const want = requested.trim();
  if (want === '' || want.toLowerCase() === 'default') return { requested, deviceId: '', ok: true, reason: null };
  const sinkCtx = ctx as unknown as SinkCapable;
  if (typeof sinkCtx.setSinkId !== 'function') {
    return { requested, deviceId: '', ok: false, reason: 'this browser cannot choose an audio output (no AudioContext.setSinkId)' };
  }
  const found = await findDevice(want);
  // Not listed (no permission to see labels, or not there): it may still be a raw device id.
  const candidate = found ?? want;
  try {
    await sinkCtx.setSinkId(candidate);
    return { requested, deviceId: candidate, ok: true, reason: null };
  } catch (err) {
    try {
      await sinkCtx.setSinkId('');
    } catch {
      // already on the default
    }
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { requested, deviceId: '', ok: false, reason: `audio output "${requested}" not found or not usable (${why})` };
  }
}

/** Send a Howl's HTML5 audio to the chosen device (no-op for the default). */
export function routeHowl(howl: Howl, deviceId: string): void {
  if (!deviceId) return;
  const sounds = (howl as unknown as { _sounds?: { _node?: unknown }[] })._sounds ?? [];
  for (const s of sounds) {
    const node = s._node as (HTMLMediaElement & SinkCapable) | undefined;
    if (node && typeof node.setSinkId === 'function' && node instanceof HTMLMediaElement) {
      node.setSinkId(deviceId).catch(() => undefined);
    }
  }
}
