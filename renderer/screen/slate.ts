// The slate: station name, clock and date in the station's zone — shown whenever nothing can
// play, and before the host has spoken (never black).

function formats(tz: string | undefined) {
  try {
    return {
      time: new Intl.DateTimeFormat('vi-VN', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }),
      date: new Intl.DateTimeFormat('vi-VN', { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    };
  } catch {
    return formats(undefined);
  }
}

export class Slate {
  private visible = false;
  private zone: string | undefined;
  private fmt = formats(undefined);

  constructor(private readonly root: HTMLElement, private readonly hostNow: () => number) {
    setInterval(() => this.tick(), 1000);
  }

  /** The station's name and zone (from each program). */
  station(name: string, timezone: string): void {
    document.getElementById('slate-name')!.textContent = name;
    if (timezone !== this.zone) {
      this.zone = timezone;
      this.fmt = formats(timezone);
    }
  }

  show(visible: boolean): void {
    this.visible = visible;
    this.root.classList.toggle('visible', visible);
    this.tick();
  }

  private tick(): void {
    if (!this.visible) return;
    const d = new Date(this.hostNow());
    document.getElementById('slate-time')!.textContent = this.fmt.time.format(d);
    document.getElementById('slate-date')!.textContent = this.fmt.date.format(d);
  }
}
