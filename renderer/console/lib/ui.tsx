// The few building blocks every console page uses, so pages look and behave alike: a page with
// its title, a card, a labelled field with its error beside it, a failure shown in the operator's
// language, and a busy state. Touch targets are at least 48 px (style.css).
import type { ComponentChildren, JSX } from 'preact';
import { tr, trMessage, type Text } from './i18n.js';

export function Page({ title, actions, children }: { title: Text; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="page">
      <header class="page-head">
        <h1>{tr(title)}</h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Card({ title, children, class: cls }: { title?: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <article class={`card ${cls ?? ''}`}>
      {title ? <h2 class="card-title">{title}</h2> : null}
      {children}
    </article>
  );
}

let fieldIds = 0;
/** A labelled input; `error` is shown under it and tied to it for screen readers. */
export function Field({ label, hint, error, children }: {
  label: Text; hint?: Text | undefined; error?: string | null | undefined; children: (id: string, describedBy: string) => JSX.Element;
}) {
  const id = `f${(fieldIds += 1)}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{tr(label)}</label>
      {children(id, `${id}-note`)}
      <div id={`${id}-note`} class="field-note">
        {error ? <span class="error-text" role="alert">{error}</span> : hint ? tr(hint) : null}
      </div>
    </div>
  );
}

/** The chosen file's whole path under its picker, wrapping: a phone's select cuts a long
 *  Vietnamese name ("Hướng dẫn cài đặt ứng dụng Bluezone…") to what fits on one line. */
export function PickedName({ path }: { path: string }) {
  return path ? <p class="picked-name" aria-hidden="true">{path}</p> : null;
}

/** A failure from the API (or the network) in the operator's language. */
export function Failure({ error }: { error: unknown }) {
  if (!error) return null;
  const text = typeof error === 'object' && error !== null && 'message' in error
    ? trMessage(error as { message: string; messageVi?: string }) : String(error);
  return <p class="failure" role="alert">{text}</p>;
}

export function Busy() {
  return <p class="busy" aria-busy="true">{tr(['Đang tải…', 'Loading…'])}</p>;
}
