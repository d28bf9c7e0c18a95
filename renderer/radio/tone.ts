// The attention tone aired before every bulletin (ATTENTION_TONE_MS long, the length `check` and
// the timeline count): a quiet head while the program fades out, then a falling two-note chime
// repeated, then a quiet tail before the bulletin. Samples only: pure, tested without audio.

/** The quiet head (the program fades out under it, "within 0.5 s") and tail. */
export const TONE_QUIET_MS = 250;

/** `n` samples at `rate`: two notes (880 Hz, 660 Hz) of 0.45 s each, 10 ms ramps, twice. */
export function attentionTone(n: number, rate: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(n);
  const quiet = Math.round((TONE_QUIET_MS / 1000) * rate);
  const note = Math.round(0.45 * rate);
  const gap = Math.round(0.15 * rate);
  const ramp = Math.round(0.01 * rate);
  const notes = [880, 660, 880, 660];
  let at = quiet;
  for (const f of notes) {
    for (let i = 0; i < note && at + i < n - quiet; i++) {
      const env = Math.min(1, i / ramp, (note - i) / ramp);
      out[at + i] = 0.5 * env * Math.sin((2 * Math.PI * f * i) / rate);
    }
    at += note + gap;
  }
  return out;
}
