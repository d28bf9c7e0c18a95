// One file sent to `PUT /api/assets/<path>` with XMLHttpRequest, whose upload events give the
// progress bar (fetch has none for a request body). The browser streams the File from disk; the
// host streams it to disk: a 2 GB video is never in memory on either side.
import { ApiFailure, encodePath, signedIn } from './api.js';

export interface UploadProgress {
  sent: number;
  total: number;
}

const NETWORK: [string, string] = ['the upload was cut off (network or player stopped)', 'tải lên bị ngắt (mạng hoặc phần mềm phát dừng)'];

/** Resolves with the status (201 new, 200 replaced); rejects with an ApiFailure carrying the API's refusal. */
export function uploadAsset(path: string, file: Blob, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/assets/${encodePath(path)}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiFailure(0, NETWORK[0], NETWORK[1]));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) return resolve(xhr.status);
      if (xhr.status === 401) signedIn.value = false;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // not JSON: the status says enough
      }
      const message = typeof body['message'] === 'string' ? body['message'] : `HTTP ${xhr.status}`;
      reject(new ApiFailure(xhr.status, message, typeof body['messageVi'] === 'string' ? body['messageVi'] : message, [], body));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
