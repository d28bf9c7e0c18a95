// Output level monitor (on when the host asks: tests and the bench). An AudioWorklet taps the
// master bus and reports, per sample frame, where sound begins after silence and where it stops,
// so the proof of play can carry what was actually rendered on the audio clock, not only what was
// scheduled.
const PROCESSOR = `
class OnsetProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.sounding = false;
    this.lastSound = -1;
    this.threshold = 0.003;
    this.hold = Math.round(sampleRate * 0.04);
    this.peak = 0;
  }
  process(inputs) {
    const input = inputs[0];
    const ch = input && input[0];
    const n = ch ? ch.length : 128;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let c = 0; c < (input ? input.length : 0); c++) v = Math.max(v, Math.abs(input[c][i]));
      const frame = currentFrame + i;
      if (v > this.threshold) {
        if (!this.sounding) {
          this.sounding = true;
          this.peak = 0;
          this.port.postMessage({ kind: 'on', frame });
        }
        this.lastSound = frame;
        if (v > this.peak) this.peak = v;
      } else if (this.sounding && frame - this.lastSound > this.hold) {
        this.sounding = false;
        this.port.postMessage({ kind: 'off', frame: this.lastSound + 1, peak: this.peak });
      }
    }
    return true;
  }
}
registerProcessor('bantin-onset', OnsetProcessor);
`;

export interface Edge {
  kind: 'on' | 'off';
  /** Context time in seconds. */
  t: number;
  /** 'off' edges: the peak sample level of the sound that just ended (0..1). */
  peak?: number;
}

export async function startMonitor(ctx: AudioContext, tap: AudioNode, onEdge: (e: Edge) => void): Promise<() => void> {
  const url = URL.createObjectURL(new Blob([PROCESSOR], { type: 'text/javascript' }));
  await ctx.audioWorklet.addModule(url);
  URL.revokeObjectURL(url);
  const node = new AudioWorkletNode(ctx, 'bantin-onset', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  const mute = ctx.createGain();
  mute.gain.value = 0;
  tap.connect(node);
  node.connect(mute).connect(ctx.destination);
  node.port.onmessage = (ev: MessageEvent<{ kind: 'on' | 'off'; frame: number; peak?: number }>) => {
    onEdge({ kind: ev.data.kind, t: ev.data.frame / ctx.sampleRate, ...(ev.data.peak !== undefined ? { peak: ev.data.peak } : {}) });
  };
  return () => {
    tap.disconnect(node);
    node.disconnect();
  };
}

/** What the monitor measured lately, on the host clock: onsets, offsets and their peaks. */
export interface MeasuredEdges {
  on: number[];
  off: number[];
  peaks: number[];
}

const KEEP_EDGES = 400;

/** Start the monitor on `tap` and keep its last edges, converted to host time by `toHost`. The
 *  edges are there at once (empty until the monitor runs); `started` rejects if it cannot run. */
export function measureEdges(ctx: AudioContext, tap: AudioNode, toHost: (ctxTime: number) => number): { edges: MeasuredEdges; started: Promise<unknown> } {
  const edges: MeasuredEdges = { on: [], off: [], peaks: [] };
  const keep = (list: number[], v: number) => {
    list.push(v);
    if (list.length > KEEP_EDGES) list.shift();
  };
  const started = startMonitor(ctx, tap, (edge) => {
    keep(edge.kind === 'on' ? edges.on : edges.off, toHost(edge.t));
    if (edge.kind === 'off') keep(edges.peaks, edge.peak ?? 0);
  });
  return { edges, started };
}
