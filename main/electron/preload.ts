// The pages talk to the host over HTTP/WebSocket only (the same protocol Chromium uses), so the
// preload exposes nothing: it exists so a future bridge has a hardened, bundled place to live.
export {};
