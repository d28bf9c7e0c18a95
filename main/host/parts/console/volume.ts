// The volume of each screen and of the radio: a per-machine setting (settings.json in the
// user-data dir, main/host/machine-settings.ts — never in the station files, so a bundle copied
// to another commune keeps that commune's levels). Changed from the console, it is written
// first, then told to the pages at once; a page that (re)connects is told it by its part.
import type { FastifyInstance } from 'fastify';
import { radioVolume, screenVolume, type MachineSettings } from '../../../core/contract/machine-settings.js';
import { readMachineSettings, updateMachineSettings } from '../../machine-settings.js';
import { refuse, type ConsoleApi } from './api.js';
import { screenOf } from './screen-actions.js';

export interface VolumeJson {
  screens: Record<string, number>;
  /** null: the station has no radio. */
  radio: number | null;
}

function volumeJson(api: ConsoleApi, s: MachineSettings): VolumeJson {
  const { station } = api.ctx.current();
  return {
    screens: Object.fromEntries(station.screens.map((sc) => [sc.id, screenVolume(s, sc.id)])),
    radio: station.radio ? radioVolume(s) : null,
  };
}

/** Tell the parts the volumes on disk (at start: before any page connects). */
export async function applyVolumes(api: ConsoleApi): Promise<void> {
  const { settings, warning } = await readMachineSettings(api.dataDir);
  if (warning) api.ctx.log.warn(warning);
  const v = volumeJson(api, settings);
  for (const [id, vol] of Object.entries(v.screens)) api.screens()?.setVolume(id, vol);
  api.radio()?.setVolume(radioVolume(settings));
}

function volumeOf(body: unknown): number | null {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['volume'] : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : null;
}

const BAD_VOLUME: [string, string] = ['send {"volume": v} with v from 0 (silent) to 1 (full)', 'cần gửi {"volume": v}, v từ 0 (tắt tiếng) đến 1 (to nhất)'];

export function registerVolume(app: FastifyInstance, api: ConsoleApi): void {
  app.get('/api/volume', async () => volumeJson(api, (await readMachineSettings(api.dataDir)).settings));

  app.put('/api/volume/screens/:id', async (req, reply) => {
    const s = screenOf(api, req, reply);
    if (!s) return reply;
    const volume = volumeOf(req.body);
    if (volume === null) return refuse(reply, 400, ...BAD_VOLUME);
    const next = await updateMachineSettings(api.dataDir, (m) => ({
      ...m, volume: { ...m.volume, screens: { ...m.volume?.screens, [s.id]: volume } },
    }));
    api.screens()?.setVolume(s.id, volume);
    api.ctx.log.info({ screen: s.id, volume }, 'console: screen volume / bảng điều khiển: âm lượng màn hình');
    return volumeJson(api, next);
  });

  app.put('/api/volume/radio', async (req, reply) => {
    if (!api.ctx.current().station.radio) return refuse(reply, 404, 'this station has no radio', 'trạm không có đài truyền thanh');
    const volume = volumeOf(req.body);
    if (volume === null) return refuse(reply, 400, ...BAD_VOLUME);
    const next = await updateMachineSettings(api.dataDir, (m) => ({ ...m, volume: { ...m.volume, radio: volume } }));
    api.radio()?.setVolume(volume);
    api.ctx.log.info({ volume }, 'console: radio volume / bảng điều khiển: âm lượng đài');
    return volumeJson(api, next);
  });
}
