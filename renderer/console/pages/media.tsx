// The station's media (GET /api/assets): by folder, searchable, with kind, size, length and
// loudness; upload by drag-and-drop or the file picker into a chosen folder, several files, a
// progress bar each and the API's refusal (too big, not media, disk full) beside the file it is
// about; a preview of images, video and audio (GET /api/assets/<path>); delete after a
// confirmation, refused while a playlist, session or bulletin uses the file — naming them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { AssetsSchema, type Asset } from '../../../main/core/contract/console.js';
import { ApiFailure, encodePath, getJson, send } from '../lib/api.js';
import { formatBytes, formatDuration, formatLufs } from '../lib/format.js';
import { tr, trf, trMessage, type Text } from '../lib/i18n.js';
import { folderProblem, foldersOf, groupByFolder, uploadPath } from '../lib/media-list.js';
import { routeHref } from '../lib/router.js';
import { Busy, Card, Failure, Page } from '../lib/ui.js';
import { uploadAsset } from '../lib/upload.js';

const T = {
  title: ['Tệp phương tiện', 'Media'],
  upload: ['Tải tệp lên', 'Upload files'],
  drop: ['Kéo thả tệp vào đây, hoặc', 'Drop files here, or'],
  pick: ['Chọn tệp…', 'Choose files…'],
  folder: ['Vào thư mục', 'Into folder'],
  folderHint: ['Để trống: thư mục assets/ chính. Có thể gõ tên thư mục mới.', 'Empty: assets/ itself. Type a new name to make a folder.'],
  done: ['Xong', 'Done'],
  replaced: ['Đã thay tệp cũ', 'Replaced the old file'],
  search: ['Tìm tệp', 'Search files'],
  top: ['Thư mục chính', 'Top folder'],
  none: ['Chưa có tệp nào.', 'No files yet.'],
  noMatch: ['Không có tệp nào khớp.', 'No file matches.'],
  preview: ['Xem', 'Preview'],
  hide: ['Ẩn', 'Hide'],
  open: ['Mở', 'Open'],
  delete: ['Xóa', 'Delete'],
  sure: ['Xóa hẳn tệp "{name}"?', 'Delete "{name}" for good?'],
  cancel: ['Thôi', 'Cancel'],
  usedBy: ['Không xóa được: tệp đang được dùng trong', 'Cannot delete: the file is used in'],
  tooBig: ['Tệp quá lớn', 'File too large'],
  notMedia: ['Không phải tệp có thể phát', 'Not a file the player plays'],
  full: ['Đĩa đầy', 'Disk full'],
} satisfies Record<string, Text>;

const KINDS: Record<Asset['kind'], Text> = {
  video: ['Video', 'Video'], image: ['Ảnh', 'Image'], audio: ['Âm thanh', 'Audio'], web: ['Trang web', 'Web page'], other: ['Khác', 'Other'],
};

const REFUSALS: Record<number, Text> = { 413: T.tooBig, 415: T.notMedia, 507: T.full };

interface Upload {
  id: number;
  path: string;
  sent: number;
  total: number;
  status: 'waiting' | 'sending' | 'done' | 'replaced' | 'failed';
  error?: unknown;
}

let uploadIds = 0;

export function MediaPage() {
  const [assets, setAssets] = useState<Asset[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const load = () => getJson('/api/assets', AssetsSchema).then((a) => (setAssets(a.assets), setError(null)), setError);
  useEffect(() => void load(), []);
  const groups = assets ? groupByFolder(assets, query) : [];
  return (
    <Page title={T.title}>
      <Uploader folders={assets ? foldersOf(assets) : []} onUploaded={load} />
      <Failure error={error} />
      <div class="field">
        <label for="media-search">{tr(T.search)}</label>
        <input id="media-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </div>
      {!assets ? (error ? null : <Busy />) : assets.length === 0 ? <p>{tr(T.none)}</p> : groups.length === 0 ? <p>{tr(T.noMatch)}</p> : groups.map((g) => (
        <Card key={g.folder} class="media-folder" title={g.folder ? `${g.folder}/` : tr(T.top)}>
          <ul class="media-list">
            {g.assets.map((a) => <Item key={a.path} asset={a} onDeleted={load} />)}
          </ul>
        </Card>
      ))}
    </Page>
  );
}

function Uploader({ folders, onUploaded }: { folders: string[]; onUploaded: () => void }) {
  const [folder, setFolder] = useState('');
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const queue = useRef(Promise.resolve());
  const update = (id: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));
  const badFolder = folderProblem(folder);
  const add = (files: FileList | null) => {
    if (badFolder) return; // said beside the folder field; nothing is sent
    for (const file of Array.from(files ?? [])) {
      const u: Upload = { id: (uploadIds += 1), path: uploadPath(folder, file.name), sent: 0, total: file.size, status: 'waiting' };
      setUploads((list) => [...list, u]);
      // One at a time: each gets the link and the disk to itself, and the bars fill in order.
      queue.current = queue.current.then(async () => {
        update(u.id, { status: 'sending' });
        try {
          const status = await uploadAsset(u.path, file, (p) => update(u.id, { sent: p.sent, total: p.total }));
          update(u.id, { status: status === 200 ? 'replaced' : 'done', sent: file.size });
          onUploaded();
        } catch (e) {
          update(u.id, { status: 'failed', error: e });
        }
      });
    }
  };
  return (
    <Card title={tr(T.upload)}>
      <div class="field">
        <label for="upload-folder">{tr(T.folder)}</label>
        <input id="upload-folder" list="upload-folders" value={folder} aria-describedby="upload-folder-note" aria-invalid={badFolder ? true : undefined}
          onInput={(e) => setFolder(e.currentTarget.value)} />
        <datalist id="upload-folders">{folders.map((f) => <option key={f} value={f} />)}</datalist>
        <div id="upload-folder-note" class="field-note">{badFolder ? <span class="error-text" role="alert">{tr(badFolder)}</span> : tr(T.folderHint)}</div>
      </div>
      <div class={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); add(e.dataTransfer?.files ?? null); }}>
        <span>{tr(T.drop)}</span>
        <button type="button" class="primary" disabled={badFolder !== null} onClick={() => picker.current?.click()}>{tr(T.pick)}</button>
        <input ref={picker} type="file" multiple aria-label={tr(T.pick)}
          onChange={(e) => { add(e.currentTarget.files); e.currentTarget.value = ''; }} />
      </div>
      {uploads.length > 0 ? (
        <ul class="uploads" aria-live="polite">
          {uploads.map((u) => <UploadRow key={u.id} u={u} />)}
        </ul>
      ) : null}
    </Card>
  );
}

function UploadRow({ u }: { u: Upload }) {
  const pct = u.total > 0 ? Math.round((u.sent / u.total) * 100) : 0;
  const refusal = u.error instanceof ApiFailure ? REFUSALS[u.error.status] : undefined;
  return (
    <li data-upload={u.path}>
      <div>{u.path} <span class="media-facts">{formatBytes(u.total)}</span></div>
      {u.status === 'failed' ? (
        <p class="failure" role="alert">{refusal ? `${tr(refusal)}: ` : ''}{trMessage(u.error as ApiFailure)}</p>
      ) : u.status === 'done' || u.status === 'replaced' ? (
        <span class="done">{tr(u.status === 'done' ? T.done : T.replaced)}</span>
      ) : (
        <progress max={100} value={pct} aria-label={`${u.path} ${pct}%`}>{pct}%</progress>
      )}
    </li>
  );
}

function Item({ asset, onDeleted }: { asset: Asset; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [users, setUsers] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = `/api/assets/${encodePath(asset.path)}`;
  const name = asset.path.slice(asset.path.lastIndexOf('/') + 1);
  const facts = [tr(KINDS[asset.kind]), formatBytes(asset.bytes),
    asset.durationMs !== null ? formatDuration(asset.durationMs) : null,
    asset.loudnessLufs !== null ? formatLufs(asset.loudnessLufs) : null].filter(Boolean).join(' · ');
  const remove = async () => {
    setConfirm(false);
    try {
      await send('DELETE', url);
      onDeleted();
    } catch (e) {
      const body = e instanceof ApiFailure && e.status === 409 ? (e.body as { usedBy?: unknown }) : null;
      if (body && Array.isArray(body.usedBy)) setUsers(body.usedBy.filter((x): x is string => typeof x === 'string'));
      else setError(e);
    }
  };
  const previewable = asset.kind === 'image' || asset.kind === 'video' || asset.kind === 'audio';
  return (
    <li class="media-item" data-path={asset.path}>
      <span class="media-name">{name}</span>
      <span class="media-facts">{facts}</span>
      <span class="media-actions">
        {previewable
          ? <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>{tr(open ? T.hide : T.preview)}</button>
          : <a class="button" href={url} target="_blank" rel="noopener">{tr(T.open)}</a>}
        <button type="button" onClick={() => (setUsers(null), setError(null), setConfirm(true))}>{tr(T.delete)}</button>
      </span>
      {confirm ? (
        <div class="confirm" role="alertdialog" aria-label={trf(T.sure, { name })}>
          <span>{trf(T.sure, { name })}</span>
          <button type="button" class="danger" onClick={remove}>{tr(T.delete)}</button>
          <button type="button" onClick={() => setConfirm(false)}>{tr(T.cancel)}</button>
        </div>
      ) : null}
      {users ? (
        <p class="failure" role="alert">{tr(T.usedBy)}{' '}
          {users.map((u, i) => <>{i > 0 ? ', ' : ''}<a key={u} href={routeHref('playlist', u)}>{u}</a></>)}
        </p>
      ) : null}
      <Failure error={error} />
      {open ? (
        <div class="preview">
          {asset.kind === 'image' ? <img src={url} alt={name} />
            : asset.kind === 'video' ? <video src={url} controls preload="metadata" playsInline />
              : <audio src={url} controls preload="metadata" />}
        </div>
      ) : null}
    </li>
  );
}
