// The preload of every bantin window (bundled to preload.cjs: a sandboxed preload may only
// require `electron`). It exposes nothing to the page: the pages talk to the host over
// HTTP/WebSocket only, the same protocol as in Chromium. It only beats: once a second, from the
// page's own main thread (the isolated world shares it), so a hung page stops beating and the
// shell heals it (page-window.ts).
import { ipcRenderer } from 'electron';
import { HEARTBEAT_CHANNEL } from './channels.js';

setInterval(() => ipcRenderer.send(HEARTBEAT_CHANNEL), 1000);
