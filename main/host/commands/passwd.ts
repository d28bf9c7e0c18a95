// `bantin passwd [--station DIR]`: set the console password of this machine (one per user-data
// dir). On a terminal it is asked twice without echo (exit 1 if the two differ); from a pipe it
// is read once, with its trailing newline dropped. An empty password is refused (exit 2).
import { read } from 'read';
import { dataDir } from '../data-dir.js';
import { passwordFile, setPassword } from '../console/password-store.js';

export interface PasswdCommandOptions {
  station: string;
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is the end of the line `echo` or a script wrote, not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function askTwice(): Promise<string | null> {
  const prompt = (text: string) => read({ prompt: text, silent: true, replace: '', output: process.stderr });
  const first = await prompt('Mật khẩu mới / New password: ');
  if (first === '') return '';
  const second = await prompt('Nhập lại / Again: ');
  return first === second ? first : null;
}

export async function run(_opts: PasswdCommandOptions): Promise<number> {
  const data = dataDir();
  const password = process.stdin.isTTY ? await askTwice() : await readPiped();
  if (password === null) {
    process.stderr.write('bantin passwd: hai lần nhập không khớp; chưa đổi gì / the two entries differ; nothing changed\n');
    return 1;
  }
  if (password === '') {
    process.stderr.write('bantin passwd: mật khẩu trống không được chấp nhận / an empty password is refused\n');
    return 2;
  }
  await setPassword(data, password, new Date());
  process.stderr.write(`bantin passwd: đã đặt mật khẩu bảng điều khiển / console password set (${passwordFile(data)})\n`);
  return 0;
}
