import type { MakeBody } from './kind.js';

const mediaErrors: Record<number, string> = {
  1: 'aborted',
  2: 'network error',
  3: 'cannot decode',
  4: 'unsupported or missing file',
};

export const videoBody: MakeBody = (item, env) => {
  const v = document.createElement('video');
  v.className = `layer${item.fit === 'cover' ? ' cover' : ''}`;
  v.preload = 'auto';
  v.playsInline = true;
  v.disablePictureInPicture = true;
  v.controls = false;
  v.defaultPlaybackRate = env.rate;
  const ready = new Promise<void>((resolve, reject) => {
    if (!item.url) return reject(new Error('file not found'));
    v.addEventListener('loadeddata', () => resolve(), { once: true });
    v.addEventListener('error', () => reject(new Error(mediaErrors[v.error?.code ?? 0] ?? 'media error')), { once: true });
    v.src = item.url;
  });
  return {
    el: v,
    video: v,
    ready,
    cleanup() {
      v.pause();
      v.removeAttribute('src');
      v.load();
    },
  };
};
