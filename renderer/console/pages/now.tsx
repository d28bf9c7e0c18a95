// What is on air now (GET /api/now, every 5 s): each screen as a card with a thumbnail of what
// it shows (the JPEG its page sent last, GET /api/screens/<id>/thumbnail), its playlist, item,
// since when and the next change counting down; the radio (session, slot, item, transmitter,
// the next session counting down, today's as-run problems); the bulletins in force. The
// operator's actions are beside what they act on (now-actions.tsx); the logic is now-logic.ts.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AsRunProblemsSchema, NowSchema, type AsRunProblems, type Now, type RadioNow, type ScreenNow, type Volumes } from '../../../main/core/contract/console.js';
import { playNowScreen } from '../../../main/core/console/play-now-file.js';
import { encodePath, getJson, send } from '../lib/api.js';
import { checkValue } from '../../../main/core/contract/common.js';
import { takeEarly } from '../lib/first-load.js';
import { formatDateTime, formatTime } from '../lib/format.js';
import { lang, tr, trf, type Text } from '../lib/i18n.js';
import { routeHref } from '../lib/router.js';
import { screenAreaText } from '../lib/screen-area.js';
import { station, stationZone } from '../lib/station.js';
import { browserTimers } from '../../common/timers.js';
import { Busy, Card, Failure, Page } from '../lib/ui.js';
import { ScreenActions, SpotNow, TransmitterTest, useVolumes, VolumeControl } from './now-actions.js';
import { countdownText, HostTime, itemText, Poller } from './now-logic.js';

const PROBLEMS_REFRESH_MS = 30_000;

const SLOTS: Record<string, Text> = { open: ['Mở đầu', 'Opening'], body: ['Nội dung', 'Body'], close: ['Kết thúc', 'Closing'] };
const LEVELS: Record<string, Text> = { normal: ['Thường', 'Normal'], priority: ['Ưu tiên', 'Priority'], emergency: ['Khẩn cấp', 'Emergency'] };
const EVENTS: Record<string, Text> = {
  'item-skip': ['Bỏ qua tệp', 'Item skipped'], 'item-missed': ['Lỡ tệp', 'Item missed'], 'slot-missed': ['Lỡ phần', 'Slot missed'],
  'session-missed': ['Lỡ buổi phát', 'Session missed'], 'transmitter-on': ['Bật máy phát lỗi', 'Transmitter on failed'],
  'transmitter-off': ['Tắt máy phát lỗi', 'Transmitter off failed'], 'output-fallback': ['Thiết bị âm thanh thay thế', 'Output fallback'],
  'proof-of-play-gap': ['Mất dòng nhật ký', 'Log lines lost'], 'radio-recovered': ['Trang phát thanh hỏng, đã tự phục hồi', 'Radio page down, recovered'],
};

export function NowPage() {
  const [now, setNow] = useState<Now | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const [, setSecond] = useState(0);
  const [problems, setProblems] = useState<AsRunProblems | null>(null);
  const [volumes, setVolumes] = useVolumes();
  const hostTime = useMemo(() => new HostTime(() => Date.now()), []);
  const poller = useMemo(() => new Poller({
    timers: browserTimers,
    load: async () => {
      const early = takeEarly('/api/now'); // asked as main.js ran (lib/first-load.ts)
      const sent = early?.sentAt ?? Date.now();
      try {
        const res = await (early?.response ?? send('GET', '/api/now'));
        // The host's clock (its Date header, whole seconds: +500 ms is the middle of one): the
        // countdowns run on it, not on a phone's own.
        const hostAt = Date.parse(res.headers.get('date') ?? '');
        const checked = checkValue(NowSchema, await res.json(), '/api/now');
        if (!checked.ok) throw new Error(checked.error);
        const n = checked.value;
        hostTime.learn(hostAt + 500, sent, Date.now());
        setNow(n);
        setError(null);
        setRound((r) => r + 1);
      } catch (e) {
        setError(e);
        throw e;
      }
    },
  }), []);
  useEffect(() => {
    poller.start();
    // The countdowns move every second between loads.
    const ticker = setInterval(() => setSecond((s) => s + 1), 1000);
    return () => {
      poller.stop();
      clearInterval(ticker);
    };
  }, []);
  const hasRadio = station.value?.radio ?? false;
  useEffect(() => {
    if (!hasRadio) return;
    const problemsPoller = new Poller({
      timers: browserTimers, everyMs: PROBLEMS_REFRESH_MS,
      load: () => getJson('/api/radio/problems', AsRunProblemsSchema).then(setProblems),
    });
    problemsPoller.start();
    return () => problemsPoller.stop();
  }, [hasRadio]);
  const changed = () => void poller.now();
  return (
    <Page title={['Đang phát', 'On air']}>
      <Failure error={error} />
      {!now ? <Busy /> : (
        <div class="grid now-grid">
          {Object.entries(now.screens).map(([id, s]) => (
            <ScreenCard key={id} id={id} s={s} round={round} hostNow={() => hostTime.now()} changed={changed}
              volumes={volumes} setVolumes={setVolumes} />
          ))}
          {now.radio ? <RadioCard r={now.radio} hostNow={hostTime.now()} problems={problems} volumes={volumes} setVolumes={setVolumes} changed={changed} /> : null}
          <BulletinsCard bulletins={now.bulletins} />
        </div>
      )}
    </Page>
  );
}

function Thumbnail({ id, round }: { id: string; round: number }) {
  const [missing, setMissing] = useState(false);
  const src = `/api/screens/${encodePath(id)}/thumbnail?n=${round}`;
  useEffect(() => setMissing(false), [round]);
  return (
    <div class="thumb">
      {missing ? <p class="thumb-none">{tr(['Chưa có ảnh: trang màn hình chưa mở?', 'No picture yet: is the screen page open?'])}</p>
        : <img src={src} alt={trf(['Ảnh màn hình {id} lúc này', 'Screen {id} now'], { id })} onError={() => setMissing(true)} />}
    </div>
  );
}

function Countdown({ at, hostNow }: { at: string; hostNow: number }) {
  return <span class="countdown">{countdownText(Date.parse(at) - hostNow, lang.value)}</span>;
}

function ScreenCard({ id, s, round, hostNow, changed, volumes, setVolumes }: {
  id: string; s: ScreenNow; round: number; hostNow: () => number; changed: () => void; volumes: Volumes | null; setVolumes: (v: Volumes) => void;
}) {
  const tz = stationZone();
  const playNow = s.playlist !== null && playNowScreen(s.playlist) === id;
  return (
    <Card title={`${tr(['Màn hình', 'Screen'])} ${id}`} class="screen-card">
      <Thumbnail id={id} round={round} />
      {screenAreaText(station.value, id) ? <p class="muted area">{tr(screenAreaText(station.value, id)!)}</p> : null}
      <p class="big">{s.name}{playNow ? <span class="badge">{tr(['Phát ngay', 'Play-now'])}</span> : null}</p>
      {s.playlist === null ? <p class="muted">{tr(['Màn hình chờ (không có danh sách nào đang mở)', 'Slate (no playlist open)'])}</p>
        : <p class="muted path">{s.playlist}</p>}
      {s.item ? <p>{itemText(s.item, lang.value)}</p> : null}
      {/* An always-open playlist is "on" since the epoch: no time worth showing. */}
      {s.since && Date.parse(s.since) > 0 ? <p>{tr(['Từ', 'Since'])} {formatDateTime(s.since, tz)}</p> : null}
      {s.next ? (
        <p>{tr(['Tiếp theo', 'Next'])}: <strong>{s.next.name}</strong> {tr(['lúc', 'at'])} {formatTime(s.next.at, tz)} · <Countdown at={s.next.at} hostNow={hostNow()} /></p>
      ) : <p class="muted">{tr(['Không có thay đổi nào sắp tới', 'No change ahead'])}</p>}
      <ScreenActions id={id} playNowUntil={playNow ? s.next?.at ?? '' : null} hostNow={hostNow} changed={changed} />
      {volumes && volumes.screens[id] !== undefined ? (
        <VolumeControl label={tr(['Âm lượng', 'Volume'])} value={volumes.screens[id]!} path={`/api/volume/screens/${encodePath(id)}`} onSaved={setVolumes} />
      ) : null}
    </Card>
  );
}

const SPOT_STATES: Record<string, Text> = { pending: ['chờ phát', 'waiting'], 'on-air': ['đang phát', 'on air'], aired: ['đã phát', 'aired'] };

function RadioCard({ r, hostNow, problems, volumes, setVolumes, changed }: {
  r: RadioNow; hostNow: number; problems: AsRunProblems | null; volumes: Volumes | null; setVolumes: (v: Volumes) => void; changed: () => void;
}) {
  const tz = stationZone();
  return (
    <Card title={tr(['Đài truyền thanh', 'Radio'])} class="radio-card">
      <p class="big">{r.name ?? tr(['Không có buổi phát', 'No session on air'])}</p>
      {r.slot ? <p>{tr(['Phần', 'Slot'])}: {tr(SLOTS[r.slot]!)}{r.item?.src ? ` · ${r.item.src}` : ''}</p> : null}
      {r.spot ? (
        <p class="spot-state" role="status">{tr(['Spot phát ngay', 'On-demand spot'])}: <strong class="path">{r.spot.src}</strong>
          {' · '}{tr(SPOT_STATES[r.spot.state]!)} {r.spot.state === 'pending' ? <>{tr(['lúc', 'at'])} {formatTime(r.spot.start, tz)} · <Countdown at={r.spot.start} hostNow={hostNow} /></> : null}</p>
      ) : null}
      <p>{tr(['Máy phát', 'Transmitter'])}: <span class={`tx tx-${r.transmitter}`}>{r.transmitter === 'on' ? tr(['BẬT', 'ON']) : tr(['tắt', 'off'])}</span></p>
      {r.next ? (
        <p>{tr(['Buổi tiếp theo', 'Next session'])}: <strong>{r.next.name}</strong> {formatDateTime(r.next.at, tz)} · <Countdown at={r.next.at} hostNow={hostNow} /></p>
      ) : <p class="muted">{tr(['Không có buổi phát nào sắp tới', 'No session ahead'])}</p>}
      <h3>{tr(['Sự cố hôm nay', 'Problems today'])}</h3>
      {!problems ? <p class="muted">…</p> : problems.problems.length === 0 ? <p class="ok-text">{tr(['Không có sự cố.', 'None.'])}</p> : (
        <ul class="problems">
          {problems.problems.map((p, i) => (
            <li key={i}><strong>{formatTime(p.at, tz)}</strong> {EVENTS[p.event] ? tr(EVENTS[p.event]!) : p.event}
              {p.src ? ` · ${p.src}` : ''}{p.reason ? ` — ${p.reason}` : ''}</li>
          ))}
        </ul>
      )}
      <SpotNow changed={changed} />
      <TransmitterTest />
      {volumes && volumes.radio !== null ? (
        <VolumeControl label={tr(['Âm lượng đài', 'Radio volume'])} value={volumes.radio} path="/api/volume/radio" onSaved={setVolumes} />
      ) : null}
    </Card>
  );
}

function BulletinsCard({ bulletins }: { bulletins: Now['bulletins'] }) {
  const tz = stationZone();
  return (
    <Card title={tr(['Bản tin đang có hiệu lực', 'Bulletins in force'])} class="bulletins-card">
      {bulletins.length === 0 ? <p class="muted">{tr(['Không có bản tin nào.', 'None.'])}</p> : (
        <ul class="bulletins">
          {bulletins.map((b) => (
            <li key={b.path}><span class={`level level-${b.level}`}>{tr(LEVELS[b.level]!)}</span> {b.title}
              {b.until ? <span class="muted"> · {tr(['đến', 'until'])} {formatDateTime(b.until, tz)}</span> : null}</li>
          ))}
        </ul>
      )}
      <a class="button" href={routeHref('bulletins')}>{tr(['Quản lý bản tin', 'Manage bulletins'])}</a>
    </Card>
  );
}
