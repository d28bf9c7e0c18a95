// Signing in to the console as an operator would, in a real Chromium at phone size: the first
// password set on the station PC, a wrong password said plainly, English on request, signing out.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../main/host/console/password-store.js';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';

describe('console: signing in', () => {
  let c: ConsolePage | null = null;
  afterEach(async () => {
    await c?.close();
    c = null;
  });

  it('sets the first password on the station PC, typed twice, and is signed in', async () => {
    c = await consolePage({ password: false });
    const { page } = await c.open(PHONE);
    await page.getByText('Đặt mật khẩu cho bảng điều khiển').waitFor();
    await c.shot(page, 'first-password');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('một hai ba');
    await page.getByLabel('Nhập lại mật khẩu').fill('một hai');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByText('Hai mật khẩu không giống nhau.').waitFor();
    expect(await verifyPassword(c.host.data, 'một hai ba')).toBe(false);
    await page.getByLabel('Nhập lại mật khẩu').fill('một hai ba');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.getByRole('navigation').getByText('Đang phát').waitFor();
    expect(await page.locator('.station-name').textContent()).toBe('Xã Thử');
    expect(await verifyPassword(c.host.data, 'một hai ba')).toBe(true);
  });

  it('says a wrong password plainly, signs in with the right one, switches to English, signs out', async () => {
    c = await consolePage();
    const { page } = await c.open(PHONE);
    await page.getByLabel('Mật khẩu').fill('sai rồi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Mật khẩu không đúng.').waitFor();
    await c.shot(page, 'sign-in-wrong');
    await c.signIn(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByText('On air').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The session is gone on the host too: the API refuses the browser's cookie.
    const status = await page.evaluate("fetch('/api/now').then((r) => r.status)");
    expect(status).toBe(401);
  });

  it('keeps the sign-in usable at desktop size, and a fresh tab of a signed-in browser goes straight in', async () => {
    c = await consolePage();
    const { context, page } = await c.open(DESKTOP);
    await c.shot(page, 'sign-in');
    await c.signIn(page);
    const second = await context.newPage();
    await second.goto(`${c.host.host.url}/console/`);
    await second.getByRole('navigation').getByText('Đang phát').waitFor();
    expect(await second.getByLabel('Mật khẩu').count()).toBe(0);
  });
});
