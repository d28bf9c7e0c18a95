// The bulletins' DOM: the emergency full screen (white on deep red, title and text as large as
// the screen lets them be, shrunk until they fit) and the band across the bottom (scrolling when
// its text is longer than the screen is wide). Both live in the stage, so a rotated screen
// rotates them too; sizes are taken from the stage's own box (its width and height before the
// rotation), so a portrait screen gets them laid out in portrait.
import type { BandText, EmergencyView } from './stage.js';

const el = (tag: string, cls: string, parent: HTMLElement) => {
  const e = document.createElement(tag);
  e.className = cls;
  parent.appendChild(e);
  return e;
};

/** The title's and the text's size at the start, and the smallest the text may shrink to, as
 *  fractions of the stage's shorter side (1080 px: 119, 81 and 35 px — read across a room). */
const TITLE = 0.11, TEXT = 0.075, TEXT_MIN = 0.032;
/** The band's text size, and how fast it scrolls (a fraction of the shorter side per second). */
const BAND = 0.055, BAND_SPEED = 0.14;
/** Between two texts in the band (and between the rounds of a ticker). */
const GAP = '\u2003\u2003•\u2003\u2003';

export class BulletinView {
  private readonly emergency: HTMLElement;
  private readonly body: HTMLElement;
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly until: HTMLElement;
  private readonly band: HTMLElement;
  private readonly track: HTMLElement;
  private shownKey = '';
  private bandKey = '';
  private bandText = '';
  private scroll: Animation | null = null;

  constructor(private readonly stage: HTMLElement) {
    this.emergency = el('div', 'emergency', stage);
    this.emergency.setAttribute('role', 'alert');
    this.body = el('div', 'emergency-body', this.emergency);
    el('div', 'emergency-level', this.body).textContent = '⚠ TIN KHẨN CẤP · EMERGENCY';
    this.title = el('div', 'emergency-title', this.body);
    this.text = el('div', 'emergency-text', this.body);
    this.until = el('div', 'emergency-until', this.body);
    this.band = el('div', 'band', stage);
    this.track = el('div', 'band-track', this.band);
  }

  showEmergency(view: EmergencyView | null): void {
    const key = view ? JSON.stringify(view) : '';
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.emergency.classList.toggle('visible', view !== null);
    if (!view) return;
    this.title.textContent = view.title;
    this.text.textContent = view.text;
    this.until.textContent = view.until ? `Đến / until ${view.until}` : '';
    this.fitEmergency();
  }

  showBand(texts: BandText[]): void {
    const key = JSON.stringify(texts);
    if (key === this.bandKey) return;
    this.bandKey = key;
    this.band.classList.toggle('visible', texts.length > 0);
    this.band.classList.toggle('priority', texts.some((t) => t.level === 'priority'));
    this.bandText = texts.map((t) => t.text.replace(/\s+/g, ' ').trim()).join(GAP);
    this.fitBand();
  }

  /** Lay out again (the window was resized or the stage rotated). */
  redraw(): void {
    if (this.shownKey) this.fitEmergency();
    if (this.bandText) this.fitBand();
  }

  private side(): number {
    return Math.max(1, Math.min(this.stage.clientWidth, this.stage.clientHeight));
  }

  /** The largest sizes (title and text shrinking together) at which everything fits. */
  private fitEmergency(): void {
    const side = this.side();
    let scale = 1;
    for (let i = 0; i < 24; i++) {
      this.title.style.fontSize = `${Math.round(side * TITLE * scale)}px`;
      this.text.style.fontSize = `${Math.round(side * TEXT * scale)}px`;
      this.body.style.fontSize = `${Math.round(side * TEXT * Math.max(scale, 0.6) * 0.6)}px`;
      const fits = this.body.scrollHeight <= this.emergency.clientHeight && this.body.scrollWidth <= this.emergency.clientWidth;
      if (fits || TEXT * scale * 0.92 < TEXT_MIN) break;
      scale *= 0.92;
    }
  }

  private fitBand(): void {
    this.scroll?.cancel();
    this.scroll = null;
    const side = this.side();
    this.band.style.fontSize = `${Math.round(side * BAND)}px`;
    this.band.classList.remove('scrolling');
    this.track.textContent = this.bandText;
    if (!this.bandText) return;
    const width = this.band.clientWidth;
    const length = this.track.scrollWidth;
    if (length <= width) return;
    // Too long for the screen: a ticker. The text twice in a row, moved left by one text's
    // length and round again, so it reads from its start at once and never leaves a gap.
    this.band.classList.add('scrolling');
    this.track.textContent = `${this.bandText}${GAP}${this.bandText}${GAP}`;
    const step = (this.track.scrollWidth) / 2;
    this.scroll = this.track.animate(
      [{ transform: 'translateX(0)' }, { transform: `translateX(${-step}px)` }],
      { duration: (step / (side * BAND_SPEED)) * 1000, iterations: Infinity, easing: 'linear' },
    );
  }
}
