// The bulletin page in a real Chromium at phone size against a real host: an emergency composed
// and sent through its confirmation step, seen in force, ended with "end now"; a refused bulletin
// shows its error beside the field; screenshots of each state.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { consolePage, DESKTOP, PHONE, type ConsolePage } from '../../helpers/console-page.js';

const bulletinFiles = (dir: string) => (existsSync(join(dir, 'bulletins')) ? readdirSync(join(dir, 'bulletins')).filter((f) => f.endsWith('.yaml')) : []);

describe('console: bulletins', () => {
  let c: ConsolePage;
  beforeAll(async () => {
    c = await consolePage();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('sends an emergency only after its confirmation step, shows it in force and ends it', async () => {
    const { page } = await c.open(PHONE, '#/bulletins');
    await c.signIn(page);
    await page.getByLabel('Tiêu đề').fill('Bão số 5');
    await page.getByLabel('Nội dung (hiện trên màn hình; đọc lên khi không có tệp âm thanh)').fill('Đề nghị bà con neo đậu tàu thuyền an toàn.');
    await c.shot(page, 'bulletins');
    await page.getByRole('button', { name: 'PHÁT KHẨN CẤP' }).click();
    // The first tap only asks: nothing is written yet.
    await page.getByText('Phát khẩn cấp ngay?').waitFor();
    expect(bulletinFiles(c.host.dir)).toEqual([]);
    await c.shot(page, 'bulletins-confirm');
    await page.getByRole('button', { name: 'Phát ngay' }).click();
    await page.getByText('Đã phát bản tin.').waitFor();
    const [file] = bulletinFiles(c.host.dir);
    expect(file).toMatch(/^\d{8}-\d{6}-emergency\.yaml$/);
    expect(parse(readFileSync(join(c.host.dir, 'bulletins', file!), 'utf8'))).toMatchObject({
      kind: 'bulletin', level: 'emergency', title: 'Bão số 5', text: 'Đề nghị bà con neo đậu tàu thuyền an toàn.', for: '30m',
    });
    const row = page.locator('.bulletin', { hasText: 'Bão số 5' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Khẩn cấp');
    await c.shot(page, 'bulletins-active');
    await page.setViewportSize(DESKTOP);
    await c.shot(page, 'bulletins-active');
    await row.getByRole('button', { name: 'Kết thúc ngay' }).click();
    await page.getByText('Không có bản tin nào.').waitFor();
    expect(bulletinFiles(c.host.dir)).toEqual([]);
    const now = await (await c.host.call('GET', '/api/now', { cookie: await c.host.login() })).json() as { bulletins: unknown[] };
    expect(now.bulletins).toEqual([]);
  });

  it('shows a refused bulletin\'s error beside its field and writes nothing', async () => {
    const { page } = await c.open(PHONE, '#/bulletins');
    await c.signIn(page);
    await page.getByLabel('Tiêu đề').fill('Thông báo');
    await page.getByLabel('Nội dung (hiện trên màn hình; đọc lên khi không có tệp âm thanh)').fill('Họp tổ dân phố lúc 19h.');
    await page.getByLabel('Trong bao lâu').fill('mãi mãi');
    await page.getByRole('button', { name: 'Phát bản tin' }).click();
    const field = page.locator('.field', { has: page.getByLabel('Trong bao lâu') });
    await field.locator('.error-text').waitFor();
    expect(await field.getAttribute('class')).toContain('has-error');
    expect(bulletinFiles(c.host.dir)).toEqual([]);
    await c.shot(page, 'bulletins-error');
  });
});
