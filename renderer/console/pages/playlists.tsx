// The station's screen playlists and radio sessions (GET /api/files), each opening its editor,
// and the two ways to make a new one. A file left out of the station for an error is listed too,
// marked, so the operator can open and fix it.
import { useEffect, useState } from 'preact/hooks';
import { EditableFilesSchema, type EditableFile } from '../../../main/core/contract/console.js';
import { getJson } from '../lib/api.js';
import { tr, type Text } from '../lib/i18n.js';
import { routeHref } from '../lib/router.js';
import { Busy, Card, Failure, Page } from '../lib/ui.js';

const T = {
  title: ['Danh sách phát', 'Playlists'],
  newSession: ['+ Buổi phát thanh mới', '+ New radio session'],
  newScreen: ['+ Danh sách màn hình mới', '+ New screen playlist'],
  sessions: ['Buổi phát thanh', 'Radio sessions'],
  screens: ['Danh sách phát màn hình', 'Screen playlists'],
  none: ['Chưa có.', 'None yet.'],
  broken: ['có lỗi, không phát', 'has an error, not played'],
  list: ['tệp danh sách', 'list file'],
} satisfies Record<string, Text>;

export function PlaylistsPage() {
  const [files, setFiles] = useState<EditableFile[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getJson('/api/files', EditableFilesSchema).then((f) => setFiles(f.files), setError);
  }, []);
  const group = (title: Text, rows: EditableFile[]) => (
    <Card title={tr(title)}>
      {rows.length === 0 ? <p>{tr(T.none)}</p> : (
        <ul class="file-list">
          {rows.map((f) => (
            <li key={f.path}>
              <a class="file-row" href={routeHref('playlist', f.path)}>
                <span class="file-name">{f.name}</span>
                <span class="file-path">{f.path}{f.kind === 'unplayable' ? ` · ${tr(T.broken)}` : f.kind === 'list' ? ` · ${tr(T.list)}` : ''}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
  return (
    <Page title={T.title} actions={<>
      <a class="button primary" href={routeHref('playlist', 'new:broadcast')}>{tr(T.newSession)}</a>
      <a class="button" href={routeHref('playlist', 'new:screen')}>{tr(T.newScreen)}</a>
    </>}>
      <Failure error={error} />
      {!files ? (error ? null : <Busy />) : (
        <>
          {group(T.sessions, files.filter((f) => f.kind === 'broadcast'))}
          {group(T.screens, files.filter((f) => f.kind !== 'broadcast'))}
        </>
      )}
    </Page>
  );
}
