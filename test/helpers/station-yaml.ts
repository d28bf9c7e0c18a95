// Compile a station.yaml text alone (no playlists, no media on disk): the station-level keys'
// defaults and diagnostics.
import type { AssetIndex } from '../../main/core/station/asset-index.js';
import { compileStation } from '../../main/core/station/compile.js';

const noAssets: AssetIndex = {
  lookup: () => ({ found: false, reason: 'missing' }),
  readList: () => ({ ok: false, code: 'list.unreadable', message: 'x', messageVi: 'x' }),
};

export const compileStationYaml = (stationYaml: string) => compileStation(
  { dirName: 'xa', stationYaml: { file: 'station.yaml', text: stationYaml }, playlists: [] },
  { assets: noAssets, defaultTimezone: 'UTC', now: 0 },
);
