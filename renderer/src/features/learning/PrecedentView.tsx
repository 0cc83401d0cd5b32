import { useLayoutEffect, useRef, useState } from 'react';
import { useAction, useApi } from '../../api/hooks';
import { href, navigate } from '../../router';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { delregionNames, lessonCauseLabels } from '../../../../shared/labels.sv';
import type { LessonCause } from '../../../../shared/domain/enums';
import { casePath, formatDateTime, todayLocal } from '../cases/common';
import { PrecedentForm } from './PrecedentEditor';

const steps = ['utkast', 'granskad', 'vägledande'] as const;
const stepText = { utkast: 'Utkast', granskad: 'Granskad', vägledande: 'Vägledande' };

export function PrecedentView({ id }: { id: string }) {
  const q = useApi('precedents.get', { id });
  const others = useApi('precedents.list', { limit: 5000 });
  const setStatus = useAction('precedents.setStatus');
  const del = useAction('precedents.delete');
  const [editing, setEditing] = useState(false);
  // keyboard focus follows the edit: into the form when it opens, back to "Ändra" when it closes
  const editArea = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useLayoutEffect(() => {
    if (editing) editArea.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const [msg, setMsg] = useState('');
  const [supersedeBy, setSupersedeBy] = useState('');
  const [confirm, setConfirm] = useState<'ersatt' | 'delete' | null>(null);
  const [decidedAt, setDecidedAt] = useState(todayLocal());
  const p = q.data;

  if (q.error && !p)
    return (
      <>
        <PageHeader title="Vägledande fall" />
        <ErrorMessage error={q.error} />
        <a href={href('/larande')}>Till lärdomar och vägledande fall</a>
      </>
    );
  if (!p) return <Loading />;

  const change = async (status: 'granskad' | 'vägledande' | 'ersatt' | 'utkast', extra: { supersededBy?: string; decidedAt?: string } = {}) => {
    const out = await setStatus.run({ id: p.id, status, ...extra });
    if (out) {
      setMsg(`Status: ${out.statusLabel}.`);
      q.reload();
      others.reload();
    }
  };
  const candidates = (others.data?.precedents ?? []).filter((o) => o.id !== p.id && o.status !== 'ersatt');
  const supersedeTitle = candidates.find((c) => c.id === supersedeBy)?.title;
  const origin = p.origin.imported
    ? `Importerat från ${delregionNames[p.origin.delregion] ?? p.origin.delregion} (utgivare: ${p.origin.publisher})${p.locallyEdited ? ', ändrat här' : ''}`
    : `Eget (${delregionNames[p.origin.delregion] ?? p.origin.delregion})`;

  return (
    <>
      <p className="breadcrumb">
        <a href={href('/larande')}>Lärdomar och vägledande fall</a> <span aria-hidden="true">›</span> {p.kind === 'patientfall' ? 'Patientfall' : 'Vägledande fall'}
      </p>
      <PageHeader title={p.title} intro={`${p.areaLabel} · ${p.kind === 'patientfall' ? 'Patientfall' : 'Ärende'} · ${p.statusLabel} · version ${p.revision}`} />
      {p.status === 'ersatt' ? (
        <div className="warning" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>Ersatt:
          </strong>{' '}
          det här fallet är inte längre vägledande.{' '}
          {p.supersededBy ? (
            <>
              Det har ersatts av <a href={href(`/larande/prejudikat/${p.supersededBy}`)}>{p.supersededByTitle ?? 'ett nyare fall'}</a>. Hänvisa till det nya fallet.
            </>
          ) : null}
        </div>
      ) : null}
      {p.warnings
        .filter((w) => !(p.status === 'ersatt' && w.startsWith('Fallet är ersatt')))
        .map((w, i) => (
        <div key={i} className="warning" role="note">
          <span aria-hidden="true">⚠ </span>
          {w}
        </div>
      ))}
      {msg ? (
        <p role="status" className="ok">
          {msg}
        </p>
      ) : null}
      <ErrorMessage error={setStatus.error ?? del.error} />

      <section className="card" aria-labelledby="wf-h">
        <h2 id="wf-h">Arbetsgång</h2>
        <ol className="workflow" aria-label="Status">
          {steps.map((s) => {
            const idx = steps.indexOf(s);
            const cur = p.status === 'ersatt' ? 3 : steps.indexOf(p.status as (typeof steps)[number]);
            const state = idx < cur ? 'done' : idx === cur ? 'current' : 'future';
            return (
              <li key={s} className={`workflow-step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                <span aria-hidden="true">{state === 'done' ? '✓ ' : state === 'current' ? '● ' : '○ '}</span>
                {stepText[s]}
                <span className="visually-hidden">{state === 'done' ? ' (klar)' : state === 'current' ? ' (nuvarande)' : ''}</span>
              </li>
            );
          })}
          <li className={`workflow-step ${p.status === 'ersatt' ? 'current' : 'future'}`} aria-current={p.status === 'ersatt' ? 'step' : undefined}>
            <span aria-hidden="true">{p.status === 'ersatt' ? '● ' : '○ '}</span>Ersatt
          </li>
        </ol>
        <div className="action-buttons">
          {p.status === 'utkast' ? (
            <button type="button" className="primary" disabled={setStatus.busy} onClick={() => change('granskad')}>
              Granska
            </button>
          ) : null}
          {p.status === 'granskad' ? (
            <>
              <label htmlFor="wf-decided" className="inline-label">
                Beslutsdatum
              </label>
              <input id="wf-decided" type="date" value={decidedAt} onChange={(e) => setDecidedAt(e.target.value)} />
              <button type="button" className="primary" disabled={setStatus.busy} onClick={() => change('vägledande', { decidedAt })}>
                Gör vägledande
              </button>
              <button type="button" disabled={setStatus.busy} onClick={() => change('utkast')}>
                Tillbaka till utkast
              </button>
            </>
          ) : null}
          {p.status === 'vägledande' ? (
            <>
              <label htmlFor="wf-supersede" className="inline-label">
                Ersätt med
              </label>
              <select id="wf-supersede" value={supersedeBy} onChange={(e) => setSupersedeBy(e.target.value)}>
                <option value="">Välj det fall som ersätter detta</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({c.statusLabel})
                  </option>
                ))}
              </select>
              <button type="button" disabled={!supersedeBy || setStatus.busy} onClick={() => setConfirm('ersatt')}>
                Ersätt med valt fall …
              </button>
            </>
          ) : null}
          {!editing ? (
            <button type="button" ref={editButton} onClick={() => setEditing(true)}>
              Ändra
            </button>
          ) : null}
          {p.status === 'utkast' ? (
            <button type="button" onClick={() => setConfirm('delete')}>
              Ta bort utkastet
            </button>
          ) : null}
        </div>
      </section>

      {editing ? (
        <div ref={editArea}>
          <PrecedentForm
            precedent={p}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setMsg('Ändringarna är sparade.');
              q.reload();
            }}
          />
        </div>
      ) : (
        <>
          <div className="detail-grid">
            <section className="card" aria-labelledby="pv-facts-h">
              <h2 id="pv-facts-h">Uppgifter</h2>
              <dl className="facts">
                <div>
                  <dt>Område</dt>
                  <dd>{p.areaLabel}</dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd>{p.statusLabel}</dd>
                </div>
                <div>
                  <dt>Beslutat</dt>
                  <dd>{p.decidedAt ?? '–'}</dd>
                </div>
                <div>
                  <dt>Ursprung</dt>
                  <dd>{origin}</dd>
                </div>
                <div>
                  <dt>Ärende</dt>
                  <dd>
                    {p.localCase ? (
                      <a href={href(casePath(p.localCase.kind, p.localCase.id))}>
                        {p.localCase.kind === 'dispute' ? 'Tvist' : 'Avvikelse'} {p.localCase.externalId ?? p.localCase.id}
                      </a>
                    ) : (
                      'Inget lokalt ärende'
                    )}
                  </dd>
                </div>
                <div>
                  <dt>Avtalshänvisningar</dt>
                  <dd>{p.agreementRefs.length ? p.agreementRefs.join('; ') : '–'}</dd>
                </div>
                <div>
                  <dt>Taggar</dt>
                  <dd>{p.tags.length ? p.tags.map((t) => <span key={t} className="tag">{t}</span>) : '–'}</dd>
                </div>
                <div>
                  <dt>Version</dt>
                  <dd>
                    {p.revision}, senast ändrad {formatDateTime(p.updatedAt)}
                  </dd>
                </div>
              </dl>
            </section>
            <section className="card principle-card" aria-labelledby="pv-principle-h">
              <h2 id="pv-principle-h">Princip</h2>
              <p className="principle prewrap">{p.principle || <span className="muted">Ingen princip skriven än.</span>}</p>
            </section>
          </div>
          <section className="card" aria-labelledby="pv-text-h">
            <h2 id="pv-text-h">Fallet</h2>
            <h3 className="h4">Fakta</h3>
            <p className="prewrap">{p.facts || '–'}</p>
            <h3 className="h4">Frågan</h3>
            <p className="prewrap">{p.question || '–'}</p>
            <h3 className="h4">Lösning</h3>
            <p className="prewrap">{p.resolution || '–'}</p>
          </section>
          {p.kind === 'patientfall' || p.decisionPoints.length ? (
            <section className="card" aria-labelledby="pv-dp-h">
              <h2 id="pv-dp-h">Vägskäl</h2>
              {p.decisionPoints.length ? (
                <ol className="decision-list">
                  {p.decisionPoints.map((d, i) => (
                    <li key={i}>
                      <p>
                        <strong>{d.question}</strong>
                      </p>
                      <p className="prewrap">{d.guidance}</p>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted">Inga vägskäl.</p>
              )}
            </section>
          ) : null}
          <section className="card" aria-labelledby="pv-lessons-h">
            <h2 id="pv-lessons-h">Lärdomar</h2>
            {p.lessons.length ? (
              <ul>
                {p.lessons.map((l, i) => (
                  <li key={i}>
                    {l.text}{' '}
                    <span className="muted small">
                      ({l.date}
                      {l.cause ? `, ${lessonCauseLabels[l.cause as LessonCause] ?? l.cause}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Inga lärdomar.</p>
            )}
          </section>
        </>
      )}

      <ConfirmDialog
        open={confirm === 'ersatt'}
        title="Markera fallet som ersatt?"
        confirmLabel="Markera som ersatt"
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          await change('ersatt', { supersededBy: supersedeBy });
        }}
      >
        <p>
          ”{p.title}” slutar vara vägledande och ersätts av ”{supersedeTitle}”. Där fallet visas eller hänvisas till får läsaren en varning.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'delete'}
        title="Ta bort utkastet?"
        confirmLabel="Ta bort"
        danger
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          setConfirm(null);
          const out = await del.run({ id: p.id });
          if (out) navigate('/larande');
        }}
      >
        <p>Utkastet ”{p.title}” tas bort. Det går inte att ångra.</p>
      </ConfirmDialog>
    </>
  );
}
