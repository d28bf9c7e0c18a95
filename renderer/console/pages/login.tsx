// Signing in. Three cases (GET /api/login): a password exists → the password form; none yet and
// this is the station PC → set the first one (typed twice); none yet from the LAN → how to set
// it on the PC. A wrong password and the login limit (429) are said plainly.
import { useEffect, useState } from 'preact/hooks';
import { LoginStateSchema, type LoginState } from '../../../main/core/contract/console.js';
import { ApiFailure, checkedJson, getJson, send, signedIn } from '../lib/api.js';
import { takeEarly } from '../lib/first-load.js';
import { tr, trf, type Text } from '../lib/i18n.js';
import { Busy, Failure, Field } from '../lib/ui.js';

const T = {
  title: ['Đăng nhập bảng điều khiển', 'Sign in to the console'],
  password: ['Mật khẩu', 'Password'],
  signIn: ['Đăng nhập', 'Sign in'],
  wrong: ['Mật khẩu không đúng.', 'Wrong password.'],
  tooMany: ['Sai quá nhiều lần. Hãy thử lại sau {s} giây.', 'Too many wrong tries. Try again in {s} seconds.'],
  firstTitle: ['Đặt mật khẩu cho bảng điều khiển', 'Set the console password'],
  firstHint: ['Chưa có mật khẩu. Đặt mật khẩu để không ai khác điều khiển được đài và màn hình; hãy nhớ mật khẩu này.',
    'No password yet. Set one so that nobody else can control the radio and the screens; remember it.'],
  again: ['Nhập lại mật khẩu', 'Password again'],
  differ: ['Hai mật khẩu không giống nhau.', 'The two passwords differ.'],
  empty: ['Hãy nhập mật khẩu.', 'Type a password.'],
  set: ['Đặt mật khẩu', 'Set password'],
  lanTitle: ['Chưa có mật khẩu', 'No password yet'],
  lanHint: ['Mật khẩu đầu tiên phải đặt trên chính máy trạm: mở bảng điều khiển trên máy đó, hoặc chạy lệnh "bantin passwd".',
    'The first password is set on the station PC itself: open the console there, or run "bantin passwd".'],
} satisfies Record<string, Text>;

export function Login() {
  const [state, setState] = useState<LoginState | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const early = takeEarly('/api/login');
    (early ? early.response.then((r) => checkedJson(r, LoginStateSchema, '/api/login')) : getJson('/api/login', LoginStateSchema))
      .then(setState, setError);
  }, []);
  if (!state) return error ? <Failure error={error} /> : <Busy />;
  if (state.passwordSet) return <PasswordForm />;
  if (state.maySetFirst) return <FirstPassword />;
  return (
    <div class="login card">
      <h1>{tr(T.lanTitle)}</h1>
      <p>{tr(T.lanHint)}</p>
    </div>
  );
}

function PasswordForm() {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) return setProblem(tr(T.empty));
    setBusy(true);
    try {
      await send('POST', '/api/login', { json: { password } });
      signedIn.value = true;
    } catch (err) {
      const f = err as ApiFailure;
      const retry = f.retryAfterS ?? 60;
      setProblem(f.status === 401 ? tr(T.wrong) : f.status === 429 ? trf(T.tooMany, { s: retry }) : tr([f.messageVi, f.message]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login card" onSubmit={submit}>
      <h1>{tr(T.title)}</h1>
      <Field label={T.password} error={problem}>
        {(id, note) => <input id={id} aria-describedby={note} type="password" autocomplete="current-password" autofocus
          value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
      </Field>
      <button class="primary" type="submit" disabled={busy}>{tr(T.signIn)}</button>
    </form>
  );
}

function FirstPassword() {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!a) return setProblem(tr(T.empty));
    if (a !== b) return setProblem(tr(T.differ));
    try {
      await send('POST', '/api/password', { json: { password: a } });
      signedIn.value = true;
    } catch (err) {
      setProblem(err);
    }
  };
  return (
    <form class="login card" onSubmit={submit}>
      <h1>{tr(T.firstTitle)}</h1>
      <p>{tr(T.firstHint)}</p>
      <Field label={T.password}>
        {(id) => <input id={id} type="password" autocomplete="new-password" autofocus value={a} onInput={(e) => setA(e.currentTarget.value)} />}
      </Field>
      <Field label={T.again}>
        {(id) => <input id={id} type="password" autocomplete="new-password" value={b} onInput={(e) => setB(e.currentTarget.value)} />}
      </Field>
      {typeof problem === 'string' ? <p class="failure" role="alert">{problem}</p> : <Failure error={problem} />}
      <button class="primary" type="submit">{tr(T.set)}</button>
    </form>
  );
}
