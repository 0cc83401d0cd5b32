/**
 * Unsaved changes: a form with typed, unsaved text registers itself (useUnsavedChanges); leaving
 * the page through the menu, a link or Back then asks first ("Lämna sidan?") instead of losing
 * the text without a word. Links are stopped before they change the address; a hashchange (Back)
 * cannot be cancelled, so the router puts the old address back (replaceState, no second event).
 * The dialog moves on only when confirmed.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ConfirmDialog } from './ui';

const dirty = new Set<symbol>();
let pending: string | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Registers unsaved changes while `isDirty` is true (and while the component is mounted). */
export function useUnsavedChanges(isDirty: boolean): void {
  useEffect(() => {
    if (!isDirty) return;
    const key = Symbol('unsaved');
    dirty.add(key);
    return () => void dirty.delete(key);
  }, [isDirty]);
}

/** The text is saved, or given up on purpose (a confirmed Avbryt): leaving needs no question. */
export function clearUnsavedChanges(): void {
  dirty.clear();
}

export function hasUnsavedChanges(): boolean {
  return dirty.size > 0;
}

/** Called by the router instead of following `hash` while there are unsaved changes. */
export function askBeforeLeaving(hash: string): void {
  pending = hash;
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}

const pathOf = (hash: string) => hash.replace(/^#/, '').split('?')[0];

/** The question, rendered once by the app frame. */
export function UnsavedChangesDialog() {
  const target = useSyncExternalStore(subscribe, () => pending);
  // A link to another page (the menu, a breadcrumb) asks before the address changes, so no extra
  // history entry is made; Back and typed addresses are caught by the router (router.ts).
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (!hasUnsavedChanges() || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      const to = a?.getAttribute('href');
      if (!to || pathOf(to) === pathOf(window.location.hash)) return;
      e.preventDefault();
      askBeforeLeaving(to);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);
  const close = () => {
    pending = null;
    emit();
  };
  return (
    <ConfirmDialog
      open={target !== null}
      title="Osparade ändringar"
      confirmLabel="Lämna sidan"
      danger
      onCancel={close}
      onConfirm={() => {
        const to = target;
        dirty.clear(); // the forms are being left: what they held is given up on purpose
        close();
        if (to !== null) window.location.hash = to;
      }}
    >
      <p>Det du har skrivit är inte sparat. Lämnar du sidan försvinner det.</p>
    </ConfirmDialog>
  );
}

/** "Avbryt" for a form: with unsaved changes it asks before discarding them (`title`, e.g. "Kasta lärdomen?"). */
export function CancelButton({ changed, onCancel, title, confirmLabel }: { changed: boolean; onCancel(): void; title: string; confirmLabel: string }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" onClick={() => (changed ? setAsking(true) : onCancel())}>
        Avbryt
      </button>
      <ConfirmDialog
        open={asking}
        title={title}
        confirmLabel={confirmLabel}
        danger
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          clearUnsavedChanges();
          onCancel();
        }}
      >
        <p>Det du har skrivit sparas inte.</p>
      </ConfirmDialog>
    </>
  );
}
