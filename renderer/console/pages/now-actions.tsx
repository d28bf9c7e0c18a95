// The operator's actions on the "On air" page: each a big button; those that change what is on
// air ask to be confirmed first (inline, no browser dialog), and the result or the refusal is
// said in the operator's language beside the button.
import { useEffect, useState } from 'preact/hooks';
import { PlayNowResultSchema, ScreenPlaylistsSchema, SpotResultSchema, VolumesSchema, type Volumes } from '../../../main/core/contract/console.js';
import { checkValue } from '../../../main/core/contract/common.js';
import { formatInstant, parseInstant } from '../../../main/core/zone.js';
import { encodePath, getJson, send } from '../lib/api.js';
import { formatDateTime, formatTime } from '../lib/format.js';
import { ofKind, useMedia } from '../lib/media-picker.js';
import { tr, trf, trMessage, type Text } from '../lib/i18n.js';
import { stationZone } from '../lib/station.js';
import { PickedName } from '../lib/ui.js';
import { dateTimeOfIso, isoOfDateTime } from '../lib/schedule.js';
import { defaultUntil } from './now-logic.js';

export type Outcome = { ok: boolean; text: string } | null;

const failed = (e: unknown): Outcome => ({ ok: false, text: trMessage(e as { message: string; messageVi?: string }) });

export function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return <p class={outcome.ok ? 'outcome ok' : 'failure'} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>;
}

/** A button that asks "are you sure?" inline before it acts. */
export function Confirmed({ label, question, yes, danger, onConfirm }: {
  label: Text; question: string; yes: Text; danger?: boolean; onConfirm: () => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) return <button type="button" class={danger ? 'danger' : ''} onClick={() => setAsking(true)}>{tr(label)}</button>;
  return (
    <div class="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <div class="confirm-buttons">
        <button type="button" class="primary" disabled={busy} onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}>{tr(yes)}</button>
        <button type="button" onClick={() => setAsking(false)}>{tr(['Thôi', 'Cancel'])}</button>
      </div>
    </div>
  );
}

const screenPath = (id: string, what: string) => `/api/screens/${encodePath(id)}/${what}`;

/** Skip to the next item, play a playlist now until a time, stop a play-now. */
export function ScreenActions({ id, playNowUntil, hostNow, changed }: {
  id: string; playNowUntil: string | null; hostNow: () => number; changed: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [open, setOpen] = useState(false);
  const act = async (run: () => Promise<string>) => {
    try {
      setOutcome({ ok: true, text: await run() });
      changed();
    } catch (e) {
      setOutcome(failed(e));
    }
  };
  return (
    <div class="actions">
      <div class="action-row">
        <Confirmed label={['Chuyển mục tiếp theo', 'Skip to next item']} yes={['Chuyển ngay', 'Skip now']}
          question={trf(['Chuyển màn hình {id} sang mục tiếp theo?', 'Skip screen {id} to its next item?'], { id })}
          onConfirm={() => act(async () => {
            await send('POST', screenPath(id, 'skip'));
            return tr(['Đã chuyển sang mục tiếp theo.', 'Skipped to the next item.']);
          })} />
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{tr(['Phát ngay…', 'Play now…'])}</button>
        {playNowUntil ? (
          <Confirmed label={['Dừng phát ngay', 'Stop play-now']} yes={['Dừng', 'Stop']} danger
            question={tr(['Dừng phát ngay và trở lại lịch phát?', 'Stop the play-now and go back to the schedule?'])}
            onConfirm={() => act(async () => {
              await send('DELETE', screenPath(id, 'play-now'));
              return tr(['Đã dừng; màn hình trở lại lịch phát.', 'Stopped; the screen is back on its schedule.']);
            })} />
        ) : null}
      </div>
      {open ? <PlayNowForm id={id} hostNow={hostNow} done={(o) => {
        setOutcome(o);
        if (o?.ok) {
          setOpen(false);
          changed();
        }
      }} /> : null}
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

function PlayNowForm({ id, hostNow, done }: { id: string; hostNow: () => number; done: (o: Outcome) => void }) {
  const tz = stationZone();
  const [playlists, setPlaylists] = useState<{ path: string; name: string }[] | null>(null);
  const [choice, setChoice] = useState('');
  // Typed dd/mm/yyyy HH:MM, 24-hour, like every time in the console: a datetime-local field shows
  // the phone's own format (12/02/2026, 03:00 PM on a phone set to English), not the office's.
  const [until, setUntil] = useState(() => dateTimeOfIso(defaultUntil(hostNow(), (t) => formatInstant(tz, t))));
  const [error, setError] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getJson(screenPath(id, 'playlists'), ScreenPlaylistsSchema).then((r) => {
      setPlaylists(r.playlists);
      setChoice((c) => c || r.playlists[0]?.path || '');
    }, (e) => setError(failed(e)));
  }, [id]);
  const untilWall = isoOfDateTime(until);
  const untilAt = untilWall === null ? null : parseInstant(untilWall, tz);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await send('POST', screenPath(id, 'play-now'), { json: { playlist: choice, until: untilWall } });
      const r = checkValue(PlayNowResultSchema, await res.json(), 'play-now');
      const at = r.ok ? formatDateTime(r.value.until, tz) : until;
      done({ ok: true, text: trf(['Đang phát ngay trên màn hình {id} đến {at}.', 'Now playing on screen {id} until {at}.'], { id, at }) });
    } catch (err) {
      setError(failed(err));
    } finally {
      setBusy(false);
    }
  };
  const selectId = `play-${id}`;
  const untilId = `until-${id}`;
  return (
    <form class="play-now" onSubmit={submit}>
      <label for={selectId}>{tr(['Danh sách phát', 'Playlist'])}</label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.currentTarget.value)} disabled={!playlists}>
        {(playlists ?? []).map((p) => <option key={p.path} value={p.path}>{p.name}</option>)}
      </select>
      <label for={untilId}>{tr(['Phát đến', 'Until'])}</label>
      <input id={untilId} value={until} placeholder="dd/mm/yyyy HH:MM" autocomplete="off" aria-describedby={`${untilId}-hint`}
        onInput={(e) => setUntil(e.currentTarget.value)} />
      <p class="hint" id={`${untilId}-hint`}>{untilAt !== null ? trf(['Đến {at} (giờ của trạm).', 'Until {at} (station time).'], { at: formatDateTime(untilAt, tz) })
        : tr(['Ngày giờ dạng dd/mm/yyyy HH:MM, ví dụ 13/08/2020 17:00', 'Date and time as dd/mm/yyyy HH:MM, e.g. 13/08/2020 17:00'])}</p>
      <OutcomeLine outcome={error} />
      <button type="submit" class="primary" disabled={busy || !choice || untilAt === null}>
        {trf(['Phát ngay trên màn hình {id}', 'Play now on screen {id}'], { id })}
      </button>
    </form>
  );
}

/** The volumes of this machine, read once per page. */
export function useVolumes(): [Volumes | null, (v: Volumes) => void] {
  const [v, setV] = useState<Volumes | null>(null);
  useEffect(() => {
    getJson('/api/volume', VolumesSchema).then(setV, () => undefined);
  }, []);
  return [v, setV];
}

/** A volume slider (0–100 %), sent when let go. */
export function VolumeControl({ label, value, path, onSaved }: { label: string; value: number; path: string; onSaved: (v: Volumes) => void }) {
  const [shown, setShown] = useState(Math.round(value * 100));
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => setShown(Math.round(value * 100)), [value]);
  const inputId = `vol-${path.replace(/\W/g, '-')}`;
  return (
    <div class="volume">
      <label for={inputId}>{label}: <strong>{shown}%</strong></label>
      <input id={inputId} type="range" min={0} max={100} step={5} value={shown} onInput={(e) => setShown(Number(e.currentTarget.value))}
        onChange={async (e) => {
          try {
            const res = await send('PUT', path, { json: { volume: Number(e.currentTarget.value) / 100 } });
            const r = checkValue(VolumesSchema, await res.json(), 'volume');
            if (r.ok) onSaved(r.value);
            setOutcome({ ok: true, text: tr(['Đã lưu âm lượng.', 'Volume saved.']) });
          } catch (err) {
            setOutcome(failed(err));
          }
        }} />
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

/** Test the transmitter: on now, off after 10 s (POST /api/radio/test-transmitter), refused by the
 *  host while a session has the air or is about to. */
export function TransmitterTest() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <div class="actions">
      <Confirmed label={['Thử máy phát', 'Test the transmitter']} yes={['Bật thử 10 giây', 'Switch on for 10 s']}
        question={tr(['Bật máy phát 10 giây rồi tắt? Loa ngoài trời sẽ bật.', 'Switch the transmitter on for 10 seconds, then off? The loudspeakers will be live.'])}
        onConfirm={async () => {
          try {
            await send('POST', '/api/radio/test-transmitter', { json: { holdSeconds: 10 } });
            setOutcome({ ok: true, text: tr(['Đang thử: máy phát bật 10 giây rồi tắt. Xem "Máy phát" ở trên.', 'Testing: the transmitter is on for 10 s, then off. Watch "Transmitter" above.']) });
          } catch (e) {
            setOutcome({ ok: false, text: trMessage(e as { message: string; messageVi?: string }) });
          }
        }} />
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

/** Air a spot now (POST /api/radio/spot): an audio file of the media list, aired by the radio a
 *  few seconds later with the transmitter switched around it; refused by the host while a
 *  session, an emergency or another spot has the air. */
export function SpotNow({ changed }: { changed: () => void }) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <div class="actions">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{tr(['Phát spot ngay…', 'Air a spot now…'])}</button>
      {open ? <SpotForm done={(o) => {
        setOutcome(o);
        if (o?.ok) {
          setOpen(false);
          changed();
        }
      }} /> : null}
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

function SpotForm({ done }: { done: (o: Outcome) => void }) {
  const tz = stationZone();
  const { assets, error } = useMedia();
  const audio = ofKind(assets, 'audio');
  const [choice, setChoice] = useState('');
  const src = choice || audio[0] || '';
  return (
    <div class="play-now spot-now">
      <label for="spot-src">{tr(['Tệp âm thanh', 'Audio file'])}</label>
      <select id="spot-src" value={src} onChange={(e) => setChoice(e.currentTarget.value)} disabled={audio.length === 0}>
        {audio.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      <PickedName path={src} />
      {error ? <OutcomeLine outcome={failed(error)} /> : assets.length > 0 && audio.length === 0
        ? <p class="hint">{tr(['Chưa có tệp âm thanh nào: tải lên ở trang Tệp.', 'No audio file yet: upload one on the Media page.'])}</p> : null}
      {src ? (
        <Confirmed label={['Phát spot này', 'Air this spot']} yes={['Phát ngay', 'Air it now']}
          question={trf(['Phát {src} trên đài sau vài giây? Máy phát sẽ bật, loa ngoài trời sẽ phát.',
            'Air {src} on the radio in a few seconds? The transmitter goes on, the loudspeakers will be live.'], { src })}
          onConfirm={async () => {
            try {
              const res = await send('POST', '/api/radio/spot', { json: { src } });
              const r = checkValue(SpotResultSchema, await res.json(), 'spot');
              const at = r.ok ? formatTime(r.value.start, tz) : '';
              done({ ok: true, text: trf(['Sẽ phát {src} lúc {at}. Xem "Spot phát ngay" ở trên.', 'Airing {src} at {at}. Watch "On-demand spot" above.'], { src, at }) });
            } catch (e) {
              done(failed(e));
            }
          }} />
      ) : null}
    </div>
  );
}
