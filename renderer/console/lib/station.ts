// The station the console manages (`GET /api/station`): its name for the header, its zone for
// every date and time shown, its screens and whether it has a radio.
import { signal } from '@preact/signals';
import { StationInfoSchema, type StationInfo } from '../../../main/core/contract/console.js';
import { checkedJson, send } from './api.js';
import { takeEarly } from './first-load.js';

export const station = signal<StationInfo | null>(null);

export async function loadStation(): Promise<StationInfo> {
  const res = await (takeEarly('/api/station')?.response ?? send('GET', '/api/station'));
  const info = await checkedJson(res, StationInfoSchema, '/api/station');
  station.value = info;
  return info;
}

/** The station's zone (the machine's until the station is known). */
export const stationZone = () => station.value?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
