// The page at /console/ until the console UI is built: it says the console is coming and that
// the API under /api/ is up (docs/console.md). Vietnamese first, English.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function placeholderPage(stationName: string): string {
  const name = escapeHtml(stationName);
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bantin — ${name}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}p.en{color:#555}code{background:#eee;padding:0 .2em}</style></head>
<body>
<h1>Bảng điều khiển — ${name}</h1>
<p>Giao diện bảng điều khiển sắp có. Máy chủ đang chạy và giao diện lập trình (API) tại <code>/api/</code> đã sẵn sàng
(đăng nhập bằng mật khẩu đặt với <code>bantin passwd</code>; xem docs/console.md).</p>
<p class="en" lang="en">The operator console is coming. The player is running and its API at <code>/api/</code> is up
(sign in with the password set by <code>bantin passwd</code>; see docs/console.md).</p>
</body>
</html>
`;
}
