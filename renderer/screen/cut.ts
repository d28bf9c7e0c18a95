// The compositor cut: the next layer waits on top, transparent, with an opacity step animation
// whose start time is the hand-over instant. Opacity animations run on the compositor thread, so
// the cut lands on its frame even when the page's main thread is late (a busy core delayed
// timer-driven cuts by one to three frames). The player computes the start time
// (cutStartTime in main/core/screen-timing.ts); this only drives the animation.

export class CompositorCut {
  private animation: Animation | null = null;
  /** When the cut shows the layer (performance.now()'s scale), 0 if none. */
  due = 0;

  constructor(private readonly el: HTMLElement) {}

  get startTime(): number | null {
    return this.animation ? Number(this.animation.startTime ?? 0) : null;
  }

  /** Opaque from `startTime`; moved only when it changes by more than 2 ms (every move costs the
   *  compositor a new animation start). */
  arm(startTime: number, due: number): void {
    if (!this.animation) {
      this.animation = this.el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 1, fill: 'both', easing: 'step-start' });
    }
    this.due = due;
    if (Math.abs(Number(this.animation.startTime ?? 0) - startTime) > 2) this.animation.startTime = startTime;
  }

  cancel(): void {
    this.animation?.cancel();
    this.animation = null;
    this.due = 0;
  }
}
