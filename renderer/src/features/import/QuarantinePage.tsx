import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { QuarantineRow } from '../../../../shared/api/imports';
import { formatInt } from '../../../../shared/format';
import { useAction, useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { href, navigate, type Route } from '../../router';
import { ConfirmDialog, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../components/files';
import { fieldLabel, kindLabels } from './labels';

const PAGE = 50;
type Status = 'open' | 'fixed' | 'discarded';
const statusLabels: Record<Status, string> = { open: 'Öppna', fixed: 'Rättade', discarded: 'Kastade' };

export function QuarantinePage({ route }: { route: Route }) {
  const { refresh } = useWorkspace();
  const status = (['open', 'fixed', 'discarded'] as const).find((s) => s === route.query.get('status')) ?? 'open';
  const batch = route.query.get('batch') ? Number(route.query.get('batch')) : undefined;
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [status, batch]);
  const list = useApi('quarantine.list', { status, batchId: batch, limit: PAGE, offset });
  const [notice, setNotice] = useState<string | null>(null);

  const changed = (message: string) => {
    setNotice(message);
    list.reload();
    refresh();
  };

  const total = list.data?.total ?? 0;
  return (
    <>
      <div className="toolbar">
        <label htmlFor="q-status">Visa</label>
        <select id="q-status" value={status} onChange={(e) => navigate('/import/karantan', { status: e.target.value, batch })}>
          {(Object.keys(statusLabels) as Status[]).map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]} rader
            </option>
          ))}
        </select>
        {batch != null ? (
          <span>
            Bara import nr {batch}.{' '}
            <a href={href('/import/karantan', { status })}>Visa alla importer</a>
          </span>
        ) : null}
      </div>
      <p className="count-line" role="status" aria-live="polite">
        {list.data ? (
          <>
            <strong>{formatInt(total)}</strong> {total === 1 ? 'rad' : 'rader'} {status === 'open' ? 'i karantän' : status === 'fixed' ? 'rättade' : 'kastade'}
            {notice ? ` – ${notice}` : ''}
          </>
        ) : (
          notice
        )}
      </p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      {list.data && list.data.rows.length === 0 ? (
        <EmptyState title={status === 'open' ? 'Karantänen är tom' : `Inga ${statusLabels[status].toLowerCase()} rader`}>
          {status === 'open' ? <p>Alla importerade rader klarade kontrollen, eller har rättats eller kastats.</p> : null}
        </EmptyState>
      ) : null}
      {list.data?.rows.map((r) => <QuarantineItem key={r.id} row={r} onChanged={changed} />)}
      {total > PAGE ? (
        <nav className="pager" aria-label="Sidor i karantänen">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Föregående
          </button>
          <span>
            Rad {formatInt(offset + 1)}–{formatInt(Math.min(total, offset + PAGE))} av {formatInt(total)}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Nästa
          </button>
        </nav>
      ) : null}
    </>
  );
}

const resultText: Record<string, string> = {
  inserted: 'raden rättades och sparades som nytt ärende.',
  updated: 'raden rättades och uppdaterade ett befintligt ärende.',
  unchanged: 'raden rättades; samma innehåll fanns redan sparat.',
};

function QuarantineItem({ row, onChanged }: { row: QuarantineRow; onChanged(msg: string): void }) {
  const [values, setValues] = useState<Record<string, string>>(row.raw);
  // the row's values as the core holds them now: a re-validation that fails still stores the edit
  const [stored, setStored] = useState<Record<string, string>>(row.raw);
  const [errors, setErrors] = useState(row.errors);
  const [confirm, setConfirm] = useState(false);
  const [stillInvalid, setStillInvalid] = useState(false);
  const fix = useAction('quarantine.fix');
  const discard = useAction('quarantine.discard');
  const card = useRef<HTMLElement>(null);
  const [focusInvalid, setFocusInvalid] = useState(false);
  useLayoutEffect(() => {
    if (!focusInvalid) return;
    setFocusInvalid(false);
    card.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  useEffect(() => {
    setValues(row.raw);
    setStored(row.raw);
    setErrors(row.errors);
  }, [row]);

  const errorColumns = new Set(errors.map((e) => e.column).filter(Boolean));
  const columns = Object.keys(row.raw);
  // Split by the stored errors and those of the last "Validera igen" (errors change only then,
  // so fields do not jump around while the user types): every field in error is in view.
  const initialBad = new Set([...row.errors, ...errors].map((e) => e.column).filter(Boolean));
  const first = columns.filter((c) => initialBad.has(c));
  const rest = columns.filter((c) => !initialBad.has(c));
  const open = row.status === 'open';
  const headingId = `q-${row.id}-title`;
  // Fields the file has no column for (e.g. the party type of an organisation the register does
  // not know): given here by their label, they become a column of this row.
  const missingFields = [...new Set(row.errors.filter((e) => !e.column && e.field).map((e) => e.field))].filter((f) => !(fieldLabel(row.kind, f) in row.raw));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changedValues = Object.fromEntries(Object.entries(values).filter(([k, v]) => stored[k] !== v));
    const out = await fix.run({ id: row.id, values: changedValues });
    if (!out) return;
    if (out.result === 'invalid' || out.result === 'outside') {
      setErrors(out.errors);
      setStored(values);
      setStillInvalid(true);
      // the first field still in error takes the focus (once the card shows it: layout effect below)
      setFocusInvalid(true);
      return;
    }
    onChanged(`Rad ${row.rowNumber} i ${row.fileName}: ${resultText[out.result] ?? 'klart.'}`);
  };

  const input = (c: string, i: number) => {
    const id = `q-${row.id}-${i}`;
    const bad = errorColumns.has(c);
    return (
      <div className={bad ? 'q-field q-field-bad' : 'q-field'} key={c}>
        <label htmlFor={id}>
          {c}
          {bad ? <span className="field-error"> (fel)</span> : null}
        </label>
        <input
          id={id}
          type="text"
          value={values[c] ?? ''}
          onChange={(e) => setValues((v) => ({ ...v, [c]: e.target.value }))}
          readOnly={!open}
          aria-invalid={bad ? true : undefined}
        />
      </div>
    );
  };

  return (
    <article className="card quarantine-item" aria-labelledby={headingId} ref={card}>
      <h2 id={headingId} className="q-title">
        Rad {row.rowNumber} i {row.fileName}
      </h2>
      <p className="muted small">
        {kindLabels[row.kind]} · import nr <a href={href(`/import/batch/${row.batchId}`)}>{row.batchId}</a>
        {row.resolvedAt ? ` · ${row.status === 'fixed' ? 'rättad' : 'kastad'} ${formatDateTime(row.resolvedAt)}` : ''}
      </p>
      <div className="q-errors" role={stillInvalid ? 'alert' : undefined}>
        <strong>{stillInvalid ? 'Fortfarande fel:' : errors.length === 1 ? 'Fel:' : 'Fel:'}</strong>
        <ul>
          {errors.map((e, i) => (
            <li key={i}>
              {e.column ? <q>{e.column}</q> : <span>{fieldLabel(row.kind, e.field)} (kolumnen saknas i filen)</span>}: {e.message}
            </li>
          ))}
        </ul>
      </div>
      <form onSubmit={submit}>
        <div className="q-grid">
          {missingFields.map((f) => {
            const label = fieldLabel(row.kind, f);
            const id = `q-${row.id}-missing-${f}`;
            return (
              <div className="q-field q-field-bad" key={f}>
                <label htmlFor={id}>
                  {label}
                  <span className="field-error"> (saknas i filen)</span>
                </label>
                {f.endsWith('_party_type') || f.endsWith('_type') ? (
                  <select id={id} value={values[label] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [label]: e.target.value }))} disabled={!open}>
                    <option value="">Välj huvudman</option>
                    <option value="Kommun">Kommun</option>
                    <option value="Region">Region</option>
                    <option value="Privat">Privat</option>
                  </select>
                ) : (
                  <input id={id} type="text" value={values[label] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [label]: e.target.value }))} readOnly={!open} />
                )}
              </div>
            );
          })}
          {first.map((c) => input(c, columns.indexOf(c)))}
        </div>
        {rest.length > 0 ? (
          <details className="q-rest">
            <summary>Övriga värden i raden ({rest.length})</summary>
            <div className="q-grid">{rest.map((c) => input(c, columns.indexOf(c)))}</div>
          </details>
        ) : null}
        <ErrorMessage error={fix.error ?? discard.error} />
        {open ? (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={fix.busy}>
              Validera igen
            </button>
            <button type="button" className="danger-outline" onClick={() => setConfirm(true)} disabled={discard.busy}>
              Kasta raden
            </button>
          </div>
        ) : null}
      </form>
      <ConfirmDialog
        open={confirm}
        title="Kasta raden?"
        confirmLabel="Kasta raden"
        danger
        onCancel={() => setConfirm(false)}
        onConfirm={async () => {
          setConfirm(false);
          const out = await discard.run({ id: row.id });
          if (out) onChanged(`Rad ${row.rowNumber} i ${row.fileName} kastades.`);
        }}
      >
        <p>
          Rad {row.rowNumber} i {row.fileName} sparas inte som ärende. Raden finns kvar under ”Kastade rader” med sina fel, så att det går att se vad som inte lästes in.
        </p>
      </ConfirmDialog>
    </article>
  );
}
