import QRCode from 'qrcode';
import type { MakeBody } from './kind.js';

export const qrBody: MakeBody = (item) => {
  const box = document.createElement('div');
  box.className = 'layer qr';
  const img = document.createElement('img');
  img.alt = '';
  box.appendChild(img);
  if (item.caption) {
    const cap = document.createElement('div');
    cap.className = 'caption';
    cap.textContent = item.caption;
    box.appendChild(cap);
  }
  const ready = QRCode.toDataURL(item.src, { errorCorrectionLevel: 'M', margin: 2, width: 768 }).then((dataUrl) => {
    img.src = dataUrl;
    return img.decode();
  });
  return { el: box, video: null, ready, cleanup: () => undefined };
};
