/** The preload's heartbeat to the main process (preload.ts → shell.ts). */
export const HEARTBEAT_CHANNEL = 'bantin:heartbeat';
