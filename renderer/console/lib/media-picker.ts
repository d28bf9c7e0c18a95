// The station's media (GET /api/assets) for the pickers of the playlist editor and the bulletin
// page: loaded once per page, filtered by kind.
import { useEffect, useState } from 'preact/hooks';
import { AssetsSchema, type Asset } from '../../../main/core/contract/console.js';
import { getJson } from './api.js';

export function useMedia(): { assets: Asset[]; error: unknown } {
  const [assets, setAssets] = useState<Asset[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getJson('/api/assets', AssetsSchema).then((a) => setAssets(a.assets), setError);
  }, []);
  return { assets, error };
}

export const ofKind = (assets: readonly Asset[], kind: Asset['kind']) => assets.filter((a) => a.kind === kind).map((a) => a.path);
