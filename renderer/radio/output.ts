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

export interface OutputReport {
  type: 'output';
  requested: string;
  used: string;
  ok: boolean;
  reason: string | null;
}

/** The output device the station asks for (`radio.output`), chosen again when devices change or
 *  the output fails; every choice is told to the host (a fallback loudly). */
export class OutputDevice {
  private requested: string | null = null;
  private choice: OutputChoice | null = null;

  constructor(
    private readonly ctx: AudioContext,
    private readonly tell: (m: OutputReport) => void,
    private readonly show: (line: string) => void,
  ) {}

  /** The deviceId in use ('' = the system default). */
  get deviceId(): string {
    return this.choice?.deviceId ?? '';
  }

  get current(): OutputChoice | null {
    return this.choice;
  }

  async apply(requested: string): Promise<void> {
    if (this.requested === requested) return;
    this.requested = requested;
    const choice = await chooseOutput(this.ctx, requested);
    this.choice = choice;
    this.announce();
    this.show(choice.ok ? `${requested}` : `${requested} ✗ → mặc định / default (${choice.reason ?? ''})`);
  }

  /** Tell the host what is in use (again, e.g. on reconnect). */
  announce(): void {
    const c = this.choice;
    if (this.requested === null || !c) return;
    this.tell({ type: 'output', requested: this.requested, used: c.deviceId || 'default', ok: c.ok, reason: c.reason });
  }

  /** The output failed or the devices changed: choose again. */
  rechoose(): void {
    if (this.requested === null) return;
    const requested = this.requested;
    this.requested = null;
    void this.apply(requested);
  }
}
