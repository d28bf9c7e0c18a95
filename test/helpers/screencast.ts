// What a viewer sees: the CDP screencast delivers each composited frame with its timestamp; each
// frame is classified by the colour at its centre (tests use solid-colour clips and posters).
import type { CDPSession, Page } from 'playwright-core';
import { centreOfPng, classify, type ColourName } from './screen-host.js';

export interface Frame {
  /** Compositor timestamp, ms. */
  t: number;
  colour: ColourName;
}

export interface Screencast {
  frames: Frame[];
  stop(): Promise<Frame[]>;
}

export async function startScreencast(page: Page, options: { format?: 'png' | 'jpeg' } = {}): Promise<Screencast> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const frames: Frame[] = [];
  const format = options.format ?? 'png';
  cdp.on('Page.screencastFrame', (f) => {
    void cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => undefined);
    const buf = Buffer.from(f.data, 'base64');
    const colour = format === 'png' ? classify(centreOfPng(buf)) : 'other';
    frames.push({ t: (f.metadata.timestamp ?? 0) * 1000, colour });
  });
  await cdp.send('Page.startScreencast', { format, everyNthFrame: 1 });
  return {
    frames,
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return frames;
    },
  };
}
