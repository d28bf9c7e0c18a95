// What the screen player needs of the page: a stage that makes one layer per item (the DOM side,
// layer.ts) and the slate. Kept free of DOM types so the player runs in unit tests on a fake.
import type { WireItem } from '../../main/core/contract/screen.js';

export interface FrameInfo {
  /** The frame's media time (s). */
  mediaTime: number;
  /** When it is expected on screen (performance.now()'s scale). */
  expectedDisplayTime: number;
}

/** One item prepared on its own layer: beneath the one on air, transparent until its cut. */
export interface StageLayer {
  readonly item: WireItem;
  /** Settles when the first frame is decoded and can be shown, or the file failed (or was not
   *  ready within the load timeout); never rejects. */
  readonly ready: Promise<void>;
  readonly state: 'loading' | 'ready' | 'failed';
  readonly failure: string | null;
  readonly disposed: boolean;

  /** Arm (or move) the compositor cut: on top, transparent, opaque from `startTime`
   *  (performance.now()'s scale) so that it is seen at `due`. */
  armCut(startTime: number, due: number): void;
  /** The armed cut's start time and due instant; null/0 when none. */
  readonly cutStart: number | null;
  readonly cutDue: number;
  /** Call the armed cut off (the layer stays where it is). */
  cancelCut(): void;
  /** Back beneath, transparent; a video that was started early is paused and rewound. */
  toPrepared(): void;
  /** On top of the layer on air (which stays beneath until this one is seen). */
  toIncoming(): void;
  /** The layer on air: opaque by style, any cut dropped. */
  settle(): void;
  /** Once the layer has really been composited (a video: its first frame presented). */
  whenPresented(fn: () => void): void;

  // Videos only (no-ops, NaN or true for other kinds).
  readonly paused: boolean;
  /** Start the video; remembers when (see `playCalledAt`). */
  play(): void;
  /** performance.now() when play() was last called; 0 if never. */
  readonly playCalledAt: number;
  /** Length in seconds (NaN until known). */
  readonly duration: number;
  /** The next frame presented (one-shot, like requestVideoFrameCallback). */
  onFrame(fn: (frame: FrameInfo) => void): void;
  onceEnded(fn: () => void): void;
  onceError(fn: () => void): void;

  dispose(): void;
}

/** The emergency as the screen shows it, full screen over everything. */
export interface EmergencyView {
  file: string;
  title: string;
  text: string;
  /** Its end in the station's zone (`18:00 13/08`), or null. */
  until: string | null;
}

/** One text in the band across the bottom. */
export interface BandText {
  file: string;
  level: 'normal' | 'priority' | 'emergency';
  text: string;
}

export interface Stage {
  /** A new layer for `item`, beneath everything, starting to load at once. */
  makeLayer(item: WireItem): StageLayer;
  /** After the next frame is drawn (requestAnimationFrame). */
  nextFrame(fn: () => void): void;
  /** The slate (station name, clock, date) over everything, or not. */
  setSlate(visible: boolean): void;
  /** The emergency full screen over everything (null: none); the same view again changes nothing. */
  showEmergency(view: EmergencyView | null): void;
  /** The band across the bottom with these texts, over the content (empty: none). */
  showBand(texts: BandText[]): void;
  /** Layers in the stage now (tests, benches). */
  layerCount(): number;
}
