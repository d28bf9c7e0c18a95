// What is on air now, on every screen and the radio (GET /api/now, refreshed every few seconds).
import { useEffect, useState } from 'preact/hooks';
import { NowSchema, type Now } from '../../../main/core/contract/console.js';
import { getJson } from '../lib/api.js';
import { formatTime } from '../lib/format.js';
import { tr } from '../lib/i18n.js';
import { stationZone } from '../lib/station.js';
import { Busy, Card, Failure, Page } from '../lib/ui.js';

const REFRESH_MS = 5000;

export function NowPage() {
  const [now, setNow] = useState<Now | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const load = () => getJson('/api/now', NowSchema).then((n) => live && (setNow(n), setError(null)), (e) => live && setError(e));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const tz = stationZone();
  return (
    <Page title={['Đang phát', 'On air']}>
      <Failure error={error} />
      {!now ? <Busy /> : (
        <div class="grid">
          {Object.entries(now.screens).map(([id, s]) => (
            <Card key={id} title={`${tr(['Màn hình', 'Screen'])} ${id}`}>
              <p class="big">{s.name}</p>
              {s.next ? <p>{tr(['Tiếp theo', 'Next'])} {formatTime(s.next.at, tz)}: {s.next.name}</p> : null}
            </Card>
          ))}
          {now.radio ? (
            <Card title={tr(['Đài truyền thanh', 'Radio'])}>
              <p class="big">{now.radio.name ?? tr(['Không có buổi phát', 'No session on air'])}</p>
              <p>{tr(['Máy phát', 'Transmitter'])}: {now.radio.transmitter === 'on' ? tr(['bật', 'on']) : tr(['tắt', 'off'])}</p>
            </Card>
          ) : null}
        </div>
      )}
    </Page>
  );
}
