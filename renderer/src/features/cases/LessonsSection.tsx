import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { Lesson } from '../../../../shared/api/cases';
import { lessonCauses, type LessonCause } from '../../../../shared/domain/enums';
import { lessonCauseLabels } from '../../../../shared/labels.sv';
import { useAction } from '../../api/hooks';
import { ConfirmDialog, ErrorMessage } from '../../components/ui';
import { CancelButton, useUnsavedChanges } from '../../components/unsaved';
import { formatDateTime, todayLocal, type CaseKind } from './common';

interface Draft {
  text: string;
  cause: string;
  recommendedPractice: string;
  agreementRef: string;
  recordedOn: string;
}
const emptyDraft = (): Draft => ({ text: '', cause: '', recommendedPractice: '', agreementRef: '', recordedOn: todayLocal() });

function LessonForm({ idPrefix, initial, busy, submitLabel, onSubmit, onCancel }: { idPrefix: string; initial: Draft; busy: boolean; submitLabel: string; onSubmit(d: Draft): void; onCancel?(): void }) {
  // the form opens with the cursor in the lesson's text (keyboard and screen-reader users start there)
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);
  const [d, setD] = useState<Draft>(initial);
  const changed = JSON.stringify(d) !== JSON.stringify(initial);
  useUnsavedChanges(changed);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(d);
  };
  return (
    <form onSubmit={submit} className="lesson-form">
      <label htmlFor={`${idPrefix}-text`}>Lärdom</label>
      <textarea id={`${idPrefix}-text`} ref={textRef} value={d.text} onChange={set('text')} />
      <div className="form-row">
        <div>
          <label htmlFor={`${idPrefix}-cause`}>Orsakskategori</label>
          <select id={`${idPrefix}-cause`} value={d.cause} onChange={set('cause')}>
            <option value="">Ingen vald</option>
            {lessonCauses.map((c) => (
              <option key={c} value={c}>
                {lessonCauseLabels[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${idPrefix}-date`}>Datum</label>
          <input id={`${idPrefix}-date`} type="date" value={d.recordedOn} onChange={set('recordedOn')} />
        </div>
      </div>
      <label htmlFor={`${idPrefix}-practice`}>Rekommenderat arbetssätt (valfritt)</label>
      <textarea id={`${idPrefix}-practice`} className="short" value={d.recommendedPractice} onChange={set('recommendedPractice')} />
      <label htmlFor={`${idPrefix}-ref`}>Avtalshänvisning (valfritt)</label>
      <input id={`${idPrefix}-ref`} value={d.agreementRef} onChange={set('agreementRef')} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? <CancelButton changed={changed} onCancel={onCancel} title="Kasta lärdomen?" confirmLabel="Kasta texten" /> : null}
      </div>
    </form>
  );
}

const toInput = (d: Draft) => ({
  text: d.text,
  cause: d.cause ? (d.cause as LessonCause) : null,
  recommendedPractice: d.recommendedPractice.trim() || null,
  agreementRef: d.agreementRef.trim() || null,
  recordedOn: d.recordedOn || undefined,
});

/** The lessons of one case: list, add, edit, delete (with confirmation). */
export function LessonsSection({ kind, caseId, lessons, onChanged }: { kind: CaseKind; caseId: number; lessons: Lesson[]; onChanged(): void }) {
  const add = useAction('lessons.add');
  const update = useAction('lessons.update');
  const del = useAction('lessons.delete');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Lesson | null>(null);
  const [status, setStatus] = useState('');
  const [formKey, setFormKey] = useState(0);
  // after a save the form closes: focus goes to "Skriv en lärdom", not to the page
  // (a layout effect, so it runs once the button is back in the DOM – whenever React commits – and
  // before the focus rescue or the next paint: no race with either)
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusAddPending, setFocusAddPending] = useState(false);
  useLayoutEffect(() => {
    if (!focusAddPending || !addButton.current) return;
    addButton.current.focus();
    setFocusAddPending(false);
  });
  const focusAdd = () => setFocusAddPending(true);

  return (
    <section className="card" aria-labelledby="lessons-h">
      <h2 id="lessons-h">Lärdomar</h2>
      {lessons.length === 0 ? <p className="muted">Inga lärdomar är skrivna för ärendet än.</p> : null}
      <ul className="lesson-list">
        {lessons.map((l) => (
          <li key={l.id}>
            {editing === l.id ? (
              <>
                <LessonForm
                  idPrefix={`lesson-edit-${l.id}`}
                  initial={{ text: l.text, cause: l.cause ?? '', recommendedPractice: l.recommendedPractice ?? '', agreementRef: l.agreementRef ?? '', recordedOn: l.recordedOn }}
                  busy={update.busy}
                  submitLabel="Spara lärdomen"
                  onCancel={() => setEditing(null)}
                  onSubmit={async (d) => {
                    if (await update.run({ id: l.id, ...toInput(d) })) {
                      setEditing(null);
                      setStatus('Lärdomen är sparad.');
                      onChanged();
                      focusAdd();
                    }
                  }}
                />
                <ErrorMessage error={update.error} />
              </>
            ) : (
              <article className="lesson">
                <p className="lesson-text">{l.text}</p>
                {l.recommendedPractice ? (
                  <p>
                    <strong>Rekommenderat arbetssätt:</strong> {l.recommendedPractice}
                  </p>
                ) : null}
                <p className="muted small">
                  {l.recordedOn}
                  {l.causeLabel ? ` · Orsak: ${l.causeLabel}` : ''}
                  {l.agreementRef ? ` · Avtal: ${l.agreementRef}` : ''} · skriven av {l.createdBy} {formatDateTime(l.createdAt)}
                </p>
                <div className="row-actions">
                  <button type="button" className="small" onClick={() => setEditing(l.id)}>
                    Ändra<span className="visually-hidden"> lärdomen från {l.recordedOn}</span>
                  </button>
                  <button type="button" className="small" onClick={() => setDeleting(l)}>
                    Ta bort<span className="visually-hidden"> lärdomen från {l.recordedOn}</span>
                  </button>
                </div>
              </article>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <>
          <h3>Ny lärdom</h3>
          <LessonForm
            key={formKey}
            idPrefix="lesson-new"
            initial={emptyDraft()}
            busy={add.busy}
            submitLabel="Spara lärdomen"
            onCancel={() => setAdding(false)}
            onSubmit={async (d) => {
              if (await add.run({ caseKind: kind, caseId, ...toInput(d) })) {
                setAdding(false);
                setFormKey((k) => k + 1);
                setStatus('Lärdomen är sparad.');
                onChanged();
                focusAdd();
              }
            }}
          />
          <ErrorMessage error={add.error} />
        </>
      ) : (
        <button type="button" ref={addButton} onClick={() => (setAdding(true), setStatus(''))}>
          Skriv en lärdom
        </button>
      )}
      <p role="status" className="ok">
        {status}
      </p>
      <ErrorMessage error={del.error} />
      <ConfirmDialog
        open={deleting !== null}
        title="Ta bort lärdomen?"
        confirmLabel="Ta bort"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          const l = deleting;
          setDeleting(null);
          if (l && (await del.run({ id: l.id }))) {
            setStatus('Lärdomen är borttagen.');
            onChanged();
          }
        }}
      >
        <p>Lärdomen tas bort från ärendet. Det går inte att ångra.</p>
        {deleting ? <blockquote>{deleting.text}</blockquote> : null}
      </ConfirmDialog>
    </section>
  );
}
