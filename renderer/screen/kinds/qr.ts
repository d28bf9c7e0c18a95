// A QR code, drawn straight onto a canvas the layer owns: freed with the layer. (As an <img> of
// a data URL, every QR item was a new 768-px image decoded into Chromium's image cache — ~2.3 MB
// of discardable memory each, kept until memory pressure: the soak's renderer RSS climbed.)
import QRCode from 'qrcode';
import type { MakeBody } from './kind.js';

export const qrBody: MakeBody = (item) => {
  const box = document.createElement('div');
  box.className = 'layer qr';
  const code = document.createElement('canvas');
  box.appendChild(code);
  if (item.caption) {
    const cap = document.createElement('div');
    cap.className = 'caption';
    cap.textContent = item.caption;
    box.appendChild(cap);
  }
  const ready = QRCode.toCanvas(code, item.src, { errorCorrectionLevel: 'M', margin: 2, width: 768 }).then(() => {
    // The library sizes the element in pixels; the stylesheet sizes it to the screen.
    code.style.removeProperty('width');
    code.style.removeProperty('height');
  });
  return {
    el: box,
    video: null,
    ready,
    cleanup() {
      code.width = 0;
      code.height = 0;
    },
  };
};
