import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api/client';

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1} id="page-title">
          {title}
        </h1>
        {intro ? <p className="intro">{intro}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      {children ? <div>{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}

export function ErrorMessage({ error, onDismiss }: { error: ApiError | Error | null | undefined; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      <span>{error.message}</span>
      {onDismiss ? (
        <button type="button" className="link-button" onClick={onDismiss}>
          Stäng
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ label = 'Hämtar …' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function ProgressBar({ value, label, detail }: { value: number | null; label: string; detail?: string }) {
  return (
    <div className="progress" role="group" aria-label={label}>
      <div className="progress-label">
        <span>{label}</span>
        {detail ? <span className="muted">{detail}</span> : null}
      </div>
      <progress max={1} value={value ?? undefined} aria-label={label}>
        {value != null ? `${Math.round(value * 100)} %` : ''}
      </progress>
    </div>
  );
}

/** A modal confirmation (native <dialog>: focus trapped by the browser, Esc cancels). */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), props.onCancel())} className="dialog">
      <h2 id={titleId}>{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Avbryt
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A figure with its definition available as an info panel (keyboard and screen-reader friendly).
 * The panel is moved sideways to stay inside the window (also at 200 % zoom); Esc closes it.
 */
export function InfoTip({ label, children }: { label: string; children: ReactNode }) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const place = (open: boolean) => {
    const el = bodyRef.current;
    if (!el) return;
    el.style.left = '';
    if (!open) return;
    const margin = 8;
    const vw = document.documentElement.clientWidth;
    const r = el.getBoundingClientRect();
    let shift = 0;
    if (r.right > vw - margin) shift = vw - margin - r.right;
    if (r.left + shift < margin) shift = margin - r.left;
    if (shift) el.style.left = `${Math.round(shift)}px`;
  };
  return (
    <details
      className="infotip"
      onToggle={(e) => place(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.currentTarget.open) {
          e.preventDefault();
          e.currentTarget.open = false;
          e.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary aria-label={`Definition: ${label}`}>
        <span aria-hidden="true">ⓘ</span>
      </summary>
      <div className="infotip-body" ref={bodyRef}>
        {children}
      </div>
    </details>
  );
}
