// Bulletins (docs/bulletins.md; Circular 39/2020's three levels): compose one — level, title,
// text, optional audio, how long (`for`) or until when, how often (`every`, emergency), the
// sessions and the band (normal) — and send it (POST /api/bulletins); a large emergency button
// that asks once more before it airs; the bulletins in force (GET /api/now) with "end now"
// (DELETE /api/files/bulletins/…). Errors of a refused bulletin appear beside their fields.
import { useEffect, useState } from 'preact/hooks';
import { bulletinYaml, consoleBulletinNote, type NewBulletin } from '../../../main/core/bulletins/compose.js';
import { EditableFilesSchema, NowSchema, type DiagnosticJson, type Now } from '../../../main/core/contract/console.js';
import { ApiFailure, encodePath, getJson, send } from '../lib/api.js';
import { fieldOfPath, offsetOf, pathAt } from '../lib/diagnostic-field.js';
import { formatDateTime } from '../lib/format.js';
import { tr, trMessage, type Text } from '../lib/i18n.js';
import { ofKind, useMedia } from '../lib/media-picker.js';
import { isoOfDateTime } from '../lib/schedule.js';
import { stationZone } from '../lib/station.js';
import { Card, Failure, Field, Page, PickedName } from '../lib/ui.js';

type Level = NewBulletin['level'];
const REFRESH_MS = 5000;
const FIELDS = ['level', 'title', 'text', 'audio', 'until', 'for', 'every', 'sessions', 'band'];

const T = {
  title: ['Bản tin', 'Bulletins'],
  emergency: ['PHÁT KHẨN CẤP', 'EMERGENCY BROADCAST'],
  emergencyHint: ['Phát ngay trên loa và màn hình, ngắt mọi chương trình.', 'Airs at once on the radio and the screens, over everything.'],
  confirm: ['Phát khẩn cấp ngay?', 'Broadcast the emergency now?'],
  confirmYes: ['Phát ngay', 'Broadcast now'],
  cancel: ['Thôi', 'Cancel'],
  compose: ['Soạn bản tin', 'Compose a bulletin'],
  level: ['Mức', 'Level'],
  normal: ['Thường', 'Normal'], priority: ['Ưu tiên', 'Priority'], emergencyLevel: ['Khẩn cấp', 'Emergency'],
  head: ['Tiêu đề', 'Title'],
  text: ['Nội dung (hiện trên màn hình; đọc lên khi không có tệp âm thanh)', 'Text (shown on screens; spoken when there is no audio)'],
  audio: ['Tệp âm thanh (không bắt buộc)', 'Audio file (optional)'],
  noAudio: ['— không có —', '— none —'],
  howLong: ['Trong bao lâu', 'For how long'],
  forHint: ['Ví dụ 30m, 2h; để trống = đến khi kết thúc', 'E.g. 30m, 2h; empty = until ended'],
  until: ['Hoặc đến lúc', 'Or until'],
  untilHint: ['dd/mm/yyyy HH:MM, ví dụ 13/08/2020 18:00', 'dd/mm/yyyy HH:MM, e.g. 13/08/2020 18:00'],
  every: ['Nhắc lại mỗi', 'Repeat every'],
  everyHint: ['Ví dụ 15m; để trống = phát một lần', 'E.g. 15m; empty = once'],
  sessions: ['Phát trong các buổi (không chọn = mọi buổi)', 'In the sessions (none ticked = all)'],
  band: ['Hiện cả trên dải chữ màn hình', 'Also in the screens\' band'],
  send: ['Phát bản tin', 'Send the bulletin'],
  sent: ['Đã phát bản tin.', 'The bulletin is on.'],
  active: ['Bản tin đang có hiệu lực', 'Bulletins in force'],
  none: ['Không có bản tin nào.', 'No bulletin in force.'],
  end: ['Kết thúc ngay', 'End now'],
  untilAt: ['đến', 'until'],
  open: ['đến khi kết thúc', 'until ended'],
} satisfies Record<string, Text>;

const LEVELS: [Level, Text][] = [['normal', T.normal], ['priority', T.priority], ['emergency', T.emergencyLevel]];

interface Compose { level: Level; title: string; text: string; audio: string; for: string; until: string; every: string; sessions: string[]; band: boolean }

/** The fields as POST /api/bulletins takes them (empty ones left out; what a level ignores too). */
function bodyOf(c: Compose): Omit<NewBulletin, 'from'> {
  const b: Omit<NewBulletin, 'from'> = { level: c.level };
  if (c.title.trim()) b.title = c.title.trim();
  if (c.text.trim()) b.text = c.text.trim();
  if (c.audio) b.audio = c.audio;
  // Typed as dd/mm/yyyy HH:MM; what is not a time goes as typed, for the check to name beside the field.
  if (c.until.trim()) b.until = isoOfDateTime(c.until) ?? c.until.trim();
  else if (c.for.trim()) b.for = c.for.trim();
  if (c.level === 'emergency' && c.every.trim()) b.every = c.every.trim();
  if (c.level === 'normal' && c.sessions.length) b.sessions = c.sessions;
  if (c.level === 'normal' && c.band) b.band = true;
  return b;
}

/** A refused bulletin's diagnostics by field: the host writes the same YAML (bulletinYaml), so
 *  their lines are those of the same text made here (`from` is one line, whatever its value). */
function placeBulletin(ds: DiagnosticJson[], c: Compose): Map<string, string[]> {
  const text = bulletinYaml({ ...bodyOf(c), from: '2000-01-01T00:00:00+07:00' }, consoleBulletinNote(c.level));
  const out = new Map<string, string[]>();
  for (const d of ds) {
    const field = fieldOfPath(pathAt(text, offsetOf(text, d.line, d.col)), FIELDS) ?? '';
    out.set(field, [...(out.get(field) ?? []), trMessage(d)]);
  }
  return out;
}

export function BulletinsPage() {
  const { assets } = useMedia();
  const [now, setNow] = useState<Now | null>(null);
  const [sessions, setSessions] = useState<{ path: string; name: string }[]>([]);
  const [c, setC] = useState<Compose>({ level: 'normal', title: '', text: '', audio: '', for: '30m', until: '', every: '', sessions: [], band: false });
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const load = () => getJson('/api/now', NowSchema).then(setNow, setFailure);
  useEffect(() => {
    void load();
    getJson('/api/files', EditableFilesSchema).then((f) => setSessions(f.files.filter((x) => x.kind === 'broadcast')), () => undefined);
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const patch = (p: Partial<Compose>) => setC({ ...c, ...p });
  const err = (f: string) => errors.get(f)?.join(' · ') ?? null;

  const post = async (fields: Compose) => {
    setFailure(null);
    setNote(null);
    setErrors(new Map());
    try {
      await send('POST', '/api/bulletins', { json: bodyOf(fields) });
      setNote(tr(T.sent));
      setConfirming(false);
      await load();
    } catch (e) {
      setConfirming(false);
      if (e instanceof ApiFailure && e.status === 422) setErrors(placeBulletin(e.diagnostics, fields));
      else setFailure(e);
    }
  };
  const end = async (path: string) => {
    setFailure(null);
    try {
      await send('DELETE', `/api/files/${encodePath(path)}`);
      await load();
    } catch (e) {
      setFailure(e);
    }
  };
  const tz = stationZone();
  return (
    <Page title={T.title}>
      <Card class="emergency">
        {confirming ? (
          <div role="alertdialog" aria-label={tr(T.confirm)} class="confirm-big">
            <p class="big">{tr(T.confirm)}</p>
            <button type="button" class="danger huge" onClick={() => post({ ...c, level: 'emergency', for: c.for || '30m' })}>{tr(T.confirmYes)}</button>
            <button type="button" onClick={() => setConfirming(false)}>{tr(T.cancel)}</button>
          </div>
        ) : (
          <>
            <button type="button" class="danger huge" onClick={() => setConfirming(true)}>{tr(T.emergency)}</button>
            <p class="field-note">{tr(T.emergencyHint)}</p>
          </>
        )}
      </Card>
      <Failure error={failure} />
      {errors.get('') ? <p class="failure" role="alert">{errors.get('')!.join(' · ')}</p> : null}
      {note ? <p class="ok-text" role="status">{note}</p> : null}
      <Card title={tr(T.active)}>
        {!now || now.bulletins.length === 0 ? <p>{tr(T.none)}</p> : (
          <ul class="file-list">
            {now.bulletins.map((b) => (
              <li key={b.path} class={`bulletin level-${b.level}`}>
                <span class="file-name">{b.title}</span>
                <span class="file-path">{tr(LEVELS.find(([l]) => l === b.level)![1])} · {b.until ? `${tr(T.untilAt)} ${formatDateTime(b.until, tz)}` : tr(T.open)}</span>
                <button type="button" class="danger" onClick={() => end(b.path)}>{tr(T.end)}</button>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <form class="card" onSubmit={(e) => {
        e.preventDefault();
        void post(c);
      }}>
        <h2 class="card-title">{tr(T.compose)}</h2>
        <div class="field" role="radiogroup" aria-label={tr(T.level)}>
          <span class="label">{tr(T.level)}</span>
          <div class="segmented">
            {LEVELS.map(([l, name]) => (
              <label key={l} class={`seg level-${l}`}><input type="radio" name="level" checked={c.level === l} onChange={() => patch({ level: l })} /> {tr(name)}</label>
            ))}
          </div>
          <div class="field-note">{err('level') ? <span class="error-text" role="alert">{err('level')}</span> : null}</div>
        </div>
        <Field label={T.head} error={err('title')}>{(id, d) => <input id={id} aria-describedby={d} value={c.title} onInput={(e) => patch({ title: e.currentTarget.value })} />}</Field>
        <Field label={T.text} error={err('text')}>{(id, d) => <textarea id={id} aria-describedby={d} class="prose" value={c.text} onInput={(e) => patch({ text: e.currentTarget.value })} />}</Field>
        <Field label={T.audio} error={err('audio')}>
          {(id, d) => (<>
            <select id={id} aria-describedby={d} value={c.audio} onChange={(e) => patch({ audio: e.currentTarget.value })}>
              <option value="">{tr(T.noAudio)}</option>
              {ofKind(assets, 'audio').map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
            <PickedName path={c.audio} />
          </>)}
        </Field>
        <div class="two">
          <Field label={T.howLong} hint={T.forHint} error={err('for')}>{(id, d) => <input id={id} aria-describedby={d} value={c.for} onInput={(e) => patch({ for: e.currentTarget.value })} />}</Field>
          <Field label={T.until} hint={T.untilHint} error={err('until')}>{(id, d) => <input id={id} aria-describedby={d} value={c.until} placeholder="dd/mm/yyyy HH:MM" inputmode="numeric" onInput={(e) => patch({ until: e.currentTarget.value })} />}</Field>
        </div>
        {c.level === 'emergency' ? (
          <Field label={T.every} hint={T.everyHint} error={err('every')}>{(id, d) => <input id={id} aria-describedby={d} value={c.every} onInput={(e) => patch({ every: e.currentTarget.value })} />}</Field>
        ) : null}
        {c.level === 'normal' ? (
          <>
            {sessions.length ? (
              <fieldset class="field">
                <legend class="label">{tr(T.sessions)}</legend>
                <div class="checks">
                  {sessions.map((s) => (
                    <label key={s.path} class="check"><input type="checkbox" checked={c.sessions.includes(s.path)}
                      onChange={() => patch({ sessions: c.sessions.includes(s.path) ? c.sessions.filter((x) => x !== s.path) : [...c.sessions, s.path] })} /> {s.name}</label>
                  ))}
                </div>
                <div class="field-note">{err('sessions') ? <span class="error-text" role="alert">{err('sessions')}</span> : null}</div>
              </fieldset>
            ) : null}
            <label class="check block"><input type="checkbox" checked={c.band} onChange={(e) => patch({ band: e.currentTarget.checked })} /> {tr(T.band)}</label>
          </>
        ) : null}
        <button type="submit" class="primary">{tr(T.send)}</button>
      </form>
    </Page>
  );
}
