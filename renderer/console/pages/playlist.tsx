// One playlist or session (`#/playlist/<path>`, or `#/playlist/new:broadcast` / `new:screen`):
// the form, or the same file as YAML, with the same checks. Every change is previewed by the host
// (POST /api/preview: its check and its planner, nothing written), so the next five openings and
// the errors beside their fields are what the player itself says. Saving is the PUT of the
// contract: a save with an error changes nothing on disk or on air.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EditableFilesSchema, PreviewSchema, type DiagnosticJson, type Preview } from '../../../main/core/contract/console.js';
import { checkValue } from '../../../main/core/contract/common.js';
import { ApiFailure, encodePath, getJson, getText, send } from '../lib/api.js';
import { placeDiagnostics, fieldIds } from '../lib/diagnostic-field.js';
import { formatDate, formatTime } from '../lib/format.js';
import { tr, trf, trMessage, type Text } from '../lib/i18n.js';
import { useMedia } from '../lib/media-picker.js';
import { formOf, newScreenPlaylist, newSession, yamlOf, fileNameFor, type PlaylistForm } from '../lib/playlist-form.js';
import { navigate, routeHref } from '../lib/router.js';
import { station, stationZone } from '../lib/station.js';
import { Busy, Card, Failure, Page } from '../lib/ui.js';
import { CommonFields, ItemsEditor, ScreensField, SlotsEditor } from './playlist-fields.js';
import { ScheduleEditor } from './schedule-editor.js';

const T = {
  session: ['Buổi phát thanh', 'Radio session'],
  screen: ['Danh sách phát màn hình', 'Screen playlist'],
  newSession: ['Buổi phát thanh mới', 'New radio session'],
  newScreen: ['Danh sách màn hình mới', 'New screen playlist'],
  form: ['Biểu mẫu', 'Form'],
  yaml: ['Sửa YAML', 'Edit YAML'],
  save: ['Lưu và phát', 'Save and put on air'],
  saving: ['Đang lưu…', 'Saving…'],
  saved: ['Đã lưu: đang có hiệu lực.', 'Saved: on air now.'],
  notSaved: ['Chưa lưu: có lỗi, không có gì thay đổi.', 'Not saved: there are errors; nothing changed.'],
  file: ['Tệp: {path}', 'File: {path}'],
  next: ['5 lần phát tới', 'Next 5 openings'],
  noneNext: ['Không có lần phát nào sắp tới.', 'No opening to come.'],
  noneNextScreen: ['Không lên màn hình lần nào trong 5 tuần tới: lịch không mở, hoặc một danh sách khác có mức ưu tiên cao hơn (hay bằng, tên tệp xếp trước) đang phát.',
    'Not on any screen in the next 5 weeks: its schedule does not open, or another playlist of higher priority (or equal, with a file name sorting first) is on.'],
  allScreens: ['mọi màn hình', 'every screen'],
  delete: ['Xóa tệp', 'Delete the file'],
  confirmDelete: ['Xóa tệp này? Nó sẽ thôi phát ngay.', 'Delete this file? It stops airing at once.'],
  yes: ['Xóa hẳn', 'Delete it'],
  no: ['Thôi', 'Cancel'],
  noForm: ['Không mở được biểu mẫu: {why}', 'The form cannot show it: {why}'],
  back: ['← Danh sách phát', '← Playlists'],
  warnings: ['Lưu ý', 'Warnings'],
  problems: ['Lỗi', 'Errors'],
} satisfies Record<string, Text>;

const WEEKDAY: Text[] = [['CN', 'Sun'], ['T2', 'Mon'], ['T3', 'Tue'], ['T4', 'Wed'], ['T5', 'Thu'], ['T6', 'Fri'], ['T7', 'Sat']];
const PREVIEW_DELAY_MS = 300;

const diagText = (d: DiagnosticJson) => trMessage(d);

/** One editor per file: opening another file (a link, the back button) starts afresh, so nothing
 *  of the last one — its path above all — is carried over to it. */
export const PlaylistPage = ({ arg }: { arg: string }) => <Editor key={arg} arg={arg} />;

/** A new file just saved: its editor, opened at its path right after, says so. */
let savedJustNow: string | null = null;

function Editor({ arg }: { arg: string }) {
  const isNew = arg.startsWith('new:');
  const [form, setForm] = useState<PlaylistForm | null>(isNew ? (arg === 'new:screen' ? newScreenPlaylist() : newSession()) : null);
  const [original, setOriginal] = useState<string | undefined>(undefined);
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const [yamlText, setYamlText] = useState('');
  const [path, setPath] = useState(isNew ? '' : arg);
  const [taken, setTaken] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [formWhy, setFormWhy] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ text: string; result: Preview } | null>(null);
  const [saved, setSaved] = useState<{ text: string; diagnostics: DiagnosticJson[]; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const { assets } = useMedia();
  const [fresh] = useState(() => {
    const was = savedJustNow === arg;
    savedJustNow = null;
    return was;
  });

  useEffect(() => {
    getJson('/api/files', EditableFilesSchema).then((f) => setTaken(f.files.map((x) => x.path)), () => undefined);
    if (isNew) return;
    getText(`/api/files/${encodePath(arg)}`).then((text) => {
      setOriginal(text);
      setYamlText(text);
      const r = formOf(text);
      if (r.ok) setForm(r.form);
      else {
        setFormWhy(tr(r.why));
        setMode('yaml');
      }
    }, setLoadError);
  }, [arg]);

  const savePath = path || (form ? fileNameFor(form.name, taken, form.kind === 'broadcast' ? 'buoi-phat' : 'danh-sach') : '');
  const text = mode === 'yaml' ? yamlText : form ? yamlOf(form, original) : '';

  // The host's check and planner on the text as it is now, a moment after the last keystroke.
  const seq = useRef(0);
  useEffect(() => {
    if (!text || !savePath) return;
    const n = (seq.current += 1);
    const timer = setTimeout(() => {
      send('POST', '/api/preview', { json: { path: savePath, text } })
        .then((r) => r.json())
        .then((body: unknown) => {
          const checked = checkValue(PreviewSchema, body, '/api/preview');
          if (checked.ok && n === seq.current) setPreview({ text, result: checked.value });
        }, () => undefined);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, savePath]);

  // Errors of the last save of this very text, else of the preview of it.
  const shown = saved && saved.text === text ? saved.diagnostics : preview && preview.text === text ? preview.result.diagnostics : [];
  const mine = shown.filter((d) => d.severity === 'error' || d.file === savePath);
  const placed = useMemo(() => placeDiagnostics(mine, savePath, text, form ? fieldIds(form) : []), [mine, savePath, text, form]);
  const err = (id: string) => {
    const ds = mode === 'form' ? placed.byField.get(id) : undefined;
    return ds && ds.length ? ds.map(diagText).join(' · ') : null;
  };

  if (loadError) return <Page title={T.screen}><Failure error={loadError} /></Page>;
  if (!isNew && original === undefined) return <Busy />;

  const patch = (p: Partial<PlaylistForm>) => form && setForm({ ...form, ...p });
  const kind = form?.kind ?? (/kind:\s*broadcast/.test(yamlText) ? 'broadcast' : 'screen');
  const title = isNew ? (kind === 'broadcast' ? T.newSession : T.newScreen) : kind === 'broadcast' ? T.session : T.screen;

  const switchMode = (next: 'form' | 'yaml') => {
    if (next === mode) return;
    if (next === 'yaml') {
      setYamlText(text);
      setMode('yaml');
      return;
    }
    const r = formOf(yamlText);
    if (!r.ok) return setFormWhy(tr(r.why));
    setFormWhy(null);
    setOriginal(yamlText);
    setForm(r.form);
    setMode('form');
  };

  const save = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const res = await send('PUT', `/api/files/${encodePath(savePath)}`, { body: text, contentType: 'text/plain; charset=utf-8' });
      const body = (await res.json()) as { diagnostics: DiagnosticJson[] };
      setSaved({ text, diagnostics: body.diagnostics, ok: true });
      setOriginal(text);
      if (isNew) {
        setPath(savePath);
        savedJustNow = savePath;
        navigate('playlist', savePath);
      }
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 422) setSaved({ text, diagnostics: e.diagnostics, ok: false });
      else setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setActionError(null);
    try {
      await send('DELETE', `/api/files/${encodePath(savePath)}`);
      navigate('playlists');
    } catch (e) {
      setConfirming(false);
      setActionError(e);
    }
  };

  const tz = stationZone();
  const openings = preview && preview.text === text ? preview.result.openings : null;
  const rest = mode === 'form' ? placed.rest : mine;
  const warnings = shown.filter((d) => d.severity === 'warning' && d.file === savePath);
  return (
    <Page title={title} actions={
      <div class="tabs" role="group">
        <button type="button" aria-pressed={mode === 'form' ? 'true' : 'false'} onClick={() => switchMode('form')}>{tr(T.form)}</button>
        <button type="button" aria-pressed={mode === 'yaml' ? 'true' : 'false'} onClick={() => switchMode('yaml')}>{tr(T.yaml)}</button>
      </div>
    }>
      <p><a class="back" href={routeHref('playlists')}>{tr(T.back)}</a> · <span class="file-path">{trf(T.file, { path: savePath })}</span></p>
      {formWhy ? <p class="failure">{trf(T.noForm, { why: formWhy })}</p> : null}
      {rest.some((d) => d.severity === 'error') ? (
        <div class="failure" role="alert">
          <strong>{tr(T.problems)}</strong>
          <ul>{rest.filter((d) => d.severity === 'error').map((d, i) => <li key={i}>{`${d.file}:${d.line}:${d.col}: ${diagText(d)}`}</li>)}</ul>
        </div>
      ) : null}
      {mode === 'yaml' || !form ? (
        <Card>
          <textarea class="yaml" aria-label="YAML" spellcheck={false} value={yamlText} onInput={(e) => setYamlText(e.currentTarget.value)} />
        </Card>
      ) : (
        <>
          <CommonFields form={form} patch={patch} err={err} />
          {form.kind === 'screen' ? <ScreensField form={form} patch={patch} err={err} screens={station.value?.screens.map((s) => s.id) ?? []} /> : null}
          <ScheduleEditor when={form.when} onChange={(when) => patch({ when })} err={err} required={form.kind === 'broadcast'} />
          {form.kind === 'screen'
            ? <ItemsEditor items={form.items} onChange={(items) => patch({ items })} err={err} assets={assets} />
            : <SlotsEditor form={form} patch={patch} err={err} assets={assets} />}
        </>
      )}
      <Card title={tr(T.next)} class="openings">
        {openings === null ? <Busy /> : openings.length === 0 ? <p>{tr(kind === 'screen' ? T.noneNextScreen : T.noneNext)}</p> : (
          <ol class="opening-list">
            {openings.map((o) => (
              <li key={o.start}>
                {`${tr(WEEKDAY[new Date(Date.parse(o.start) + offsetMs(o.start)).getUTCDay()]!)} `
                  + `${formatDate(o.start, tz)} ${formatTime(o.start, tz)}–${formatTime(o.end, tz)}`
                  + (kind === 'screen' ? ` · ${o.screens.length === (station.value?.screens.length ?? 0) ? tr(T.allScreens) : o.screens.join(', ')}` : '')}
              </li>
            ))}
          </ol>
        )}
      </Card>
      {warnings.length ? (
        <Card title={tr(T.warnings)}>
          <ul>{warnings.map((d, i) => <li key={i}>{d.line === 1 && d.col === 1 ? diagText(d) : `${d.line}:${d.col}: ${diagText(d)}`}</li>)}</ul>
        </Card>
      ) : null}
      <Failure error={actionError} />
      {saved && saved.text === text ? <p class={saved.ok ? 'ok-text' : 'error-text'} role="status">{tr(saved.ok ? T.saved : T.notSaved)}</p>
        : fresh && !saved && text === original ? <p class="ok-text" role="status">{tr(T.saved)}</p> : null}
      <div class="save-bar">
        <button type="button" class="primary" disabled={busy || !text} onClick={save}>{busy ? tr(T.saving) : tr(T.save)}</button>
        {!isNew && !confirming ? <button type="button" class="danger-outline" onClick={() => setConfirming(true)}>{tr(T.delete)}</button> : null}
        {confirming ? (
          <span class="confirm" role="alertdialog" aria-label={tr(T.confirmDelete)}>
            <span>{tr(T.confirmDelete)}</span>
            <button type="button" class="danger" onClick={remove}>{tr(T.yes)}</button>
            <button type="button" onClick={() => setConfirming(false)}>{tr(T.no)}</button>
          </span>
        ) : null}
      </div>
    </Page>
  );
}

/** The offset written in an ISO time (`+07:00`) in ms: the weekday of the station's wall clock. */
function offsetMs(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}
