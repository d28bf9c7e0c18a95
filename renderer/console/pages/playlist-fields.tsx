// The editor's sections below the schedule: the name, priority and valid dates every playlist
// has; a screen playlist's screens and items (drag to reorder with a finger or a mouse — pointer
// events — or the up/down buttons); a session's open, body and close spots (with M3U import).
import { useRef, useState } from 'preact/hooks';
import type { Asset } from '../../../main/core/contract/console.js';
import { tr, trf, type Text } from '../lib/i18n.js';
import { ofKind } from '../lib/media-picker.js';
import { importM3u, ITEM_TYPES, newItem, type ItemForm, type ItemType, type PlaylistForm } from '../lib/playlist-form.js';
import { Field, PickedName } from '../lib/ui.js';

type Err = (id: string) => string | null;
type Patch = (p: Partial<PlaylistForm>) => void;

const T = {
  name: ['Tên', 'Name'],
  priority: ['Mức ưu tiên', 'Priority'],
  priorityHint: ['Số lớn hơn được phát trước; mặc định 0', 'Higher plays first; 0 by default'],
  from: ['Hiệu lực từ ngày', 'Valid from'],
  until: ['Đến hết ngày', 'Valid until'],
  dateHint: ['dd/mm/yyyy, để trống = không giới hạn', 'dd/mm/yyyy, empty = no limit'],
  screens: ['Màn hình', 'Screens'],
  allScreens: ['Không chọn = mọi màn hình', 'None ticked = every screen'],
  items: ['Nội dung', 'Items'],
  add: ['+ Thêm mục', '+ Add an item'],
  kind: ['Loại', 'Kind'],
  file: ['Tệp', 'File'],
  qr: ['Nội dung mã QR (địa chỉ web)', 'QR code text (web address)'],
  caption: ['Chú thích', 'Caption'],
  duration: ['Thời lượng', 'Duration'],
  durationHint: ['Ví dụ 10s, 1m', 'E.g. 10s, 1m'],
  fit: ['Cách hiển thị', 'Fit'],
  contain: ['Vừa khung (có viền)', 'Whole picture (contain)'],
  cover: ['Lấp đầy (cắt mép)', 'Fill (cover)'],
  up: ['Lên', 'Up'], down: ['Xuống', 'Down'], remove: ['Bỏ dòng này', 'Remove this row'], drag: ['Kéo để đổi thứ tự', 'Drag to reorder'],
  pick: ['— chọn tệp —', '— pick a file —'],
  open: ['Mở đầu (nhạc hiệu, giới thiệu)', 'Opening spots'],
  body: ['Nội dung chính', 'Body'],
  close: ['Kết thúc', 'Closing spots'],
  live: ['Phát trực tiếp (micro)', 'Live (microphone)'],
  addSpot: ['+ Thêm tệp', '+ Add a file'],
  m3u: ['Nhập từ danh sách M3U', 'Import an M3U list'],
  m3uPaste: ['Dán nội dung M3U', 'Paste the M3U text'],
  m3uAdd: ['Thêm các tệp trong danh sách', 'Add the list\'s files'],
  m3uSkipped: ['Bỏ qua {n} dòng không nằm trong assets/: {lines}', 'Skipped {n} lines outside assets/: {lines}'],
  m3uMissing: ['Chưa có trong thư viện: {lines}', 'Not in the media library: {lines}'],
} satisfies Record<string, Text>;

const TYPE_NAMES: Record<ItemType, Text> = { video: ['Video', 'Video'], image: ['Ảnh', 'Picture'], web: ['Trang web', 'Web page'], qr: ['Mã QR', 'QR code'] };
const TYPE_KIND: Record<ItemType, Asset['kind']> = { video: 'video', image: 'image', web: 'web', qr: 'other' };

export function CommonFields({ form, patch, err }: { form: PlaylistForm; patch: Patch; err: Err }) {
  return (
    <fieldset class="card">
      <Field label={T.name} error={err('name')}>
        {(id, d) => <input id={id} aria-describedby={d} value={form.name} autocomplete="off" onInput={(e) => patch({ name: e.currentTarget.value })} />}
      </Field>
      <div class="two">
        <Field label={T.from} hint={T.dateHint} error={err('valid.from') ?? err('valid')}>
          {(id, d) => <input id={id} aria-describedby={d} value={form.validFrom} placeholder="dd/mm/yyyy" inputmode="numeric"
            onInput={(e) => patch({ validFrom: e.currentTarget.value })} />}
        </Field>
        <Field label={T.until} hint={T.dateHint} error={err('valid.until')}>
          {(id, d) => <input id={id} aria-describedby={d} value={form.validUntil} placeholder="dd/mm/yyyy" inputmode="numeric"
            onInput={(e) => patch({ validUntil: e.currentTarget.value })} />}
        </Field>
      </div>
      <Field label={T.priority} hint={T.priorityHint} error={err('priority')}>
        {(id, d) => <input id={id} aria-describedby={d} type="number" inputmode="numeric" value={form.priority} placeholder="0"
          onInput={(e) => patch({ priority: e.currentTarget.value })} />}
      </Field>
    </fieldset>
  );
}

export function ScreensField({ form, patch, err, screens }: { form: PlaylistForm; patch: Patch; err: Err; screens: string[] }) {
  if (screens.length < 2 && form.screens.length === 0) return null;
  const toggle = (id: string) => patch({ screens: form.screens.includes(id) ? form.screens.filter((s) => s !== id) : [...form.screens, id] });
  return (
    <fieldset class="card">
      <legend class="card-title">{tr(T.screens)}</legend>
      <div class="checks">
        {[...new Set([...screens, ...form.screens])].map((s) => (
          <label key={s} class="check"><input type="checkbox" checked={form.screens.includes(s)} onChange={() => toggle(s)} /> {s}</label>
        ))}
      </div>
      <p class={err('screens') ? 'error-text' : 'field-note'}>{err('screens') ?? tr(T.allScreens)}</p>
    </fieldset>
  );
}

/** Moves entry `from` of a list to `to`. */
const moved = <X,>(xs: X[], from: number, to: number): X[] => {
  const out = xs.slice();
  const [x] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, x!);
  return out;
};

export function ItemsEditor({ items, onChange, err, assets }: { items: ItemForm[]; onChange: (i: ItemForm[]) => void; err: Err; assets: Asset[] }) {
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const set = (i: number, it: ItemForm) => onChange(items.map((x, j) => (j === i ? it : x)));
  // A row follows the pointer: when it crosses the middle of a neighbour, the two swap.
  const onMove = (e: PointerEvent) => {
    if (dragging === null || !list.current) return;
    // Near the top or bottom of a phone's screen the page scrolls, so a row can go anywhere.
    if (e.clientY < 60) window.scrollBy(0, -24);
    else if (e.clientY > window.innerHeight - 60) window.scrollBy(0, 24);
    const rows = [...list.current.children] as HTMLElement[];
    const to = rows.findIndex((r) => {
      const b = r.getBoundingClientRect();
      return e.clientY >= b.top && e.clientY < b.bottom;
    });
    if (to >= 0 && to !== dragging) {
      onChange(moved(items, dragging, to));
      setDragging(to);
    }
  };
  return (
    <fieldset class="card">
      <legend class="card-title">{tr(T.items)}</legend>
      {err('items') ? <p class="error-text" role="alert">{err('items')}</p> : null}
      <ol class="items" ref={list}>
        {items.map((it, i) => (
          <li key={i} class={`item${dragging === i ? ' dragging' : ''}${err(`items.${i}`) ? ' has-error' : ''}`} data-index={i}>
            <div class="item-head">
              <span class="drag" role="button" aria-label={tr(T.drag)} title={tr(T.drag)} tabIndex={-1}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture(e.pointerId);
                  setDragging(i);
                }}
                onPointerMove={onMove} onPointerUp={() => setDragging(null)} onPointerCancel={() => setDragging(null)}>⠿</span>
              <span class="item-no">{i + 1}</span>
              <select aria-label={tr(T.kind)} value={it.type} onChange={(e) => set(i, { ...newItem(e.currentTarget.value as ItemType), duration: it.duration })}>
                {ITEM_TYPES.map((t) => <option key={t} value={t}>{tr(TYPE_NAMES[t])}</option>)}
              </select>
              <button type="button" aria-label={tr(T.up)} disabled={i === 0} onClick={() => onChange(moved(items, i, i - 1))}>↑</button>
              <button type="button" aria-label={tr(T.down)} disabled={i === items.length - 1} onClick={() => onChange(moved(items, i, i + 1))}>↓</button>
              <button type="button" aria-label={tr(T.remove)} onClick={() => onChange(items.filter((_, j) => j !== i))}>✕</button>
            </div>
            {err(`items.${i}`) ? <p class="error-text" role="alert">{err(`items.${i}`)}</p> : null}
            {it.type === 'qr' ? (
              <>
                <Field label={T.qr} error={err(`items.${i}.src`)}>
                  {(id, d) => <input id={id} aria-describedby={d} value={it.src} onInput={(e) => set(i, { ...it, src: e.currentTarget.value })} />}
                </Field>
                <Field label={T.caption} error={err(`items.${i}.caption`)}>
                  {(id, d) => <input id={id} aria-describedby={d} value={it.caption} onInput={(e) => set(i, { ...it, caption: e.currentTarget.value })} />}
                </Field>
              </>
            ) : (
              <Field label={T.file} error={err(`items.${i}.src`)}>
                {(id, d) => <>
                  <FilePicker id={id} describedBy={d} value={it.src} options={ofKind(assets, TYPE_KIND[it.type])} onPick={(src) => set(i, { ...it, src })} />
                  <PickedName path={it.src} />
                </>}
              </Field>
            )}
            <div class="two">
              {it.type !== 'video' ? (
                <Field label={T.duration} hint={T.durationHint} error={err(`items.${i}.duration`)}>
                  {(id, d) => <input id={id} aria-describedby={d} value={it.duration} onInput={(e) => set(i, { ...it, duration: e.currentTarget.value })} />}
                </Field>
              ) : null}
              {it.type === 'video' || it.type === 'image' ? (
                <Field label={T.fit} error={err(`items.${i}.fit`)}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={it.fit} onChange={(e) => set(i, { ...it, fit: e.currentTarget.value as ItemForm['fit'] })}>
                      <option value="">{tr(T.contain)}</option>
                      <option value="cover">{tr(T.cover)}</option>
                    </select>
                  )}
                </Field>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...items, newItem()])}>{tr(T.add)}</button>
    </fieldset>
  );
}

/** A file from the media list; a path the list lacks (typed in YAML) stays selectable as written. */
function FilePicker({ id, describedBy, value, options, onPick, label }: {
  id?: string; describedBy?: string; value: string; options: string[]; onPick: (v: string) => void; label?: string;
}) {
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <select id={id} aria-describedby={describedBy} aria-label={label} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
      <option value="">{tr(T.pick)}</option>
      {all.map((p) => <option key={p} value={p}>{p}</option>)}
    </select>
  );
}

export function SlotsEditor({ form, patch, err, assets }: { form: PlaylistForm; patch: Patch; err: Err; assets: Asset[] }) {
  const audio = ofKind(assets, 'audio');
  return (
    <>
      <Slot slot="open" title={T.open} form={form} patch={patch} err={err} audio={audio} />
      <fieldset class="card">
        <legend class="card-title">{tr(T.body)}</legend>
        <label class="check"><input type="checkbox" checked={form.live} onChange={(e) => patch({ live: e.currentTarget.checked })} /> {tr(T.live)}</label>
        {form.live ? null : <>
          <SlotRows slot="body" form={form} patch={patch} err={err} audio={audio} />
          <M3uImport audio={audio} onPaths={(paths) => patch({ body: [...form.body.filter((b) => b.trim() !== ''), ...paths] })} />
        </>}
        {err('body') ? <p class="error-text" role="alert">{err('body')}</p> : null}
      </fieldset>
      <Slot slot="close" title={T.close} form={form} patch={patch} err={err} audio={audio} />
    </>
  );
}

type SlotName = 'open' | 'body' | 'close';

function Slot({ slot, title, form, patch, err, audio }: { slot: SlotName; title: Text; form: PlaylistForm; patch: Patch; err: Err; audio: string[] }) {
  return (
    <fieldset class="card">
      <legend class="card-title">{tr(title)}</legend>
      <SlotRows slot={slot} form={form} patch={patch} err={err} audio={audio} label={tr(title)} />
      {err(slot) ? <p class="error-text" role="alert">{err(slot)}</p> : null}
    </fieldset>
  );
}

function SlotRows({ slot, form, patch, err, audio, label }: { slot: SlotName; form: PlaylistForm; patch: Patch; err: Err; audio: string[]; label?: string }) {
  const rows = form[slot];
  const set = (next: string[]) => patch({ [slot]: next } as Partial<PlaylistForm>);
  return (
    <>
      {rows.map((v, i) => (
        <div key={i} class={`spot${err(`${slot}.${i}`) ? ' has-error' : ''}`}>
          <div class="spot-row">
            <FilePicker value={v} options={audio} label={`${label ?? tr(T.body)} ${i + 1}`} onPick={(p) => set(rows.map((x, j) => (j === i ? p : x)))} />
            <button type="button" aria-label={tr(T.up)} disabled={i === 0} onClick={() => set(moved(rows, i, i - 1))}>↑</button>
            <button type="button" aria-label={tr(T.down)} disabled={i === rows.length - 1} onClick={() => set(moved(rows, i, i + 1))}>↓</button>
            <button type="button" aria-label={tr(T.remove)} onClick={() => set(rows.filter((_, j) => j !== i))}>✕</button>
          </div>
          <PickedName path={v} />
          {err(`${slot}.${i}`) ? <p class="error-text" role="alert">{err(`${slot}.${i}`)}</p> : null}
        </div>
      ))}
      <button type="button" onClick={() => set([...rows, ''])}>{tr(T.addSpot)}</button>
    </>
  );
}

function M3uImport({ audio, onPaths }: { audio: string[]; onPaths: (p: string[]) => void }) {
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const take = (t: string) => {
    const r = importM3u(t);
    const missing = r.paths.filter((p) => !audio.includes(p));
    const notes = [
      r.skipped.length ? trf(T.m3uSkipped, { n: r.skipped.length, lines: r.skipped.join(', ') }) : '',
      missing.length ? trf(T.m3uMissing, { lines: missing.join(', ') }) : '',
    ].filter(Boolean);
    setNote(notes.length ? notes.join(' · ') : null);
    onPaths(r.paths);
    setText('');
  };
  return (
    <details class="m3u">
      <summary>{tr(T.m3u)}</summary>
      <input type="file" accept=".m3u,.m3u8,audio/x-mpegurl" aria-label={tr(T.m3u)}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (file) take(await file.text());
        }} />
      <Field label={T.m3uPaste}>
        {(id) => <textarea id={id} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <button type="button" disabled={!text.trim()} onClick={() => take(text)}>{tr(T.m3uAdd)}</button>
      {note ? <p class="field-note">{note}</p> : null}
    </details>
  );
}
