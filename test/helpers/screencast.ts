// What a viewer sees: the CDP screencast delivers each composited frame with its timestamp; each
// frame is classified by the colour at its centre (tests use solid-colour clips and posters) and,
// for clips made with a frame counter, by the frame index shown in the left quarter.
import type { CDPSession, Page } from 'playwright-core';
import { counterOf } from './media.js';
import { classify, pixelsOfPng, type ColourName } from './screen-host.js';

export interface Frame {
  /** Compositor timestamp, ms. */
  t: number;
  colour: ColourName;
  /** Index of the clip frame on screen (counter clips), else null. */
  counter: number | null;
}

/** A stretch of consecutive frames of one colour: one item on screen. */
export interface Run {
  colour: ColourName;
  /** When the run began (its first frame's timestamp). */
  first: number;
  frames: Frame[];
}

export function runsOf(frames: Frame[]): Run[] {
  const runs: Run[] = [];
  for (const f of frames) {
    const r = runs[runs.length - 1];
    if (r && r.colour === f.colour) r.frames.push(f);
    else runs.push({ colour: f.colour, first: f.t, frames: [f] });
  }
  return runs;
}

/** The frames of a run where a new clip frame appeared (a frame may be captured twice). */
export function firstAppearances(r: Run): Frame[] {
  const out: Frame[] = [];
  for (const f of r.frames) if (out.length === 0 || f.counter === null || f.counter !== out[out.length - 1]!.counter) out.push(f);
  return out;
}

export interface Screencast {
  frames: Frame[];
  stop(): Promise<Frame[]>;
}

export interface ScreencastOptions {
  format?: 'png' | 'jpeg';
  /** Capture scaled down to fit this size: the colour and counter survive, and encoding each
   *  frame costs the browser far less CPU (which matters when the measurement shares a core
   *  with the page it measures). */
  maxWidth?: number;
  maxHeight?: number;
}

export async function startScreencast(page: Page, options: ScreencastOptions = {}): Promise<Screencast> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const frames: Frame[] = [];
  const format = options.format ?? 'png';
  cdp.on('Page.screencastFrame', (f) => {
    void cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => undefined);
    const t = (f.metadata.timestamp ?? 0) * 1000;
    if (format !== 'png') {
      frames.push({ t, colour: 'other', counter: null });
      return;
    }
    const [centre, counterBox] = pixelsOfPng(Buffer.from(f.data, 'base64'), [0.5, 0.5], [0.125, 0.5]);
    frames.push({ t, colour: classify(centre!), counter: counterOf(counterBox!) });
  });
  const size = {
    ...(options.maxWidth ? { maxWidth: options.maxWidth } : {}),
    ...(options.maxHeight ? { maxHeight: options.maxHeight } : {}),
  };
  await cdp.send('Page.startScreencast', { format, everyNthFrame: 1, ...size });
  return {
    frames,
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return frames;
    },
  };
}
