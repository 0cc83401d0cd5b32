import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError } from '../../api/client';
import type { Route } from '../../router';
import { href, navigate } from '../../router';
import { useAction, useApi } from '../../api/hooks';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { categoryCodes, disputeOutcomes, partyTypes, type CategoryCode, type DisputeOutcome, type PartyType } from '../../../../shared/domain/enums';
import { categoryLabels, disputeOutcomeLabels, partyTypeLabels, stepLabels } from '../../../../shared/labels.sv';
import type { DisputeDetail } from '../../../../shared/api/cases';
import { formatSek } from '../../../../shared/format';
import { CaseLoadError, FactsCard, deviationStatusLabel, formatDateTime, partyLabel, qp, todayLocal } from './common';
import { CaseListPage, FilterInput, FilterSelect, categoryOptions, partyTypeOptions, sortParam, yesNoOptions, type FilterOption } from './CaseListPage';
import { EscalationTimeline } from './EscalationTimeline';
import { HistorySection, fieldLabel, showValue } from './HistorySection';
import { LessonsSection } from './LessonsSection';
import { SimilarSection } from './SimilarSection';
import { PrecedentSection } from './PrecedentSection';

export function DisputesPage({ route }: { route: Route }) {
  const id = route.segments[1];
  if (id === 'ny') return <DisputeCreate />;
  if (id && /^\d+$/.test(id)) return <DisputeView id={Number(id)} />;
  return <DisputeList query={route.query} />;
}

const FILTER_KEYS = ['from', 'to', 'omrade', 'steg', 'status', 'huvudman', 'enhet', 'lardom', 'principiell', 'q', 'sort'] as const;
const stepOptions: FilterOption[] = [
  ['1', 'Steg 1'],
  ['2', 'Steg 2'],
  ['3', 'Steg 3 (tvist)'],
];
const statusOptions: FilterOption[] = [
  ['oppen', 'Öppen'],
  ['lost', 'Löst'],
];

function toApiFilter(q: URLSearchParams) {
  const steg = qp(q, 'steg');
  const lesson = qp(q, 'lardom');
  const status = qp(q, 'status');
  const principled = qp(q, 'principiell');
  return {
    kind: 'dispute' as const,
    from: qp(q, 'from'),
    to: qp(q, 'to'),
    category: qp(q, 'omrade'),
    org: qp(q, 'enhet'),
    partyType: qp(q, 'huvudman') as PartyType | undefined,
    status: status === 'oppen' || status === 'lost' ? (status as 'oppen' | 'lost') : undefined,
    step: steg === '1' || steg === '2' || steg === '3' ? (Number(steg) as 1 | 2 | 3) : undefined,
    hasLesson: lesson === 'ja' ? true : lesson === 'nej' ? false : undefined,
    principled: principled === 'ja' ? true : principled === 'nej' ? false : undefined,
    q: qp(q, 'q'),
    sort: sortParam(q),
  };
}

function DisputeList({ query }: { query: URLSearchParams }) {
  return (
    <CaseListPage
      query={query}
      path="/tvister"
      keys={FILTER_KEYS}
      toFilter={toApiFilter}
      title="Oenighet och tvist"
      intro="Oenigheter och tvister mellan parterna, med eskaleringstrappan: steg 1 → steg 2 → steg 3 (tvist) → ekonomisk reglering eller allmän domstol."
      actions={
        <a className="button-link primary" href={href('/tvister/ny')}>
          Ny oenighet
        </a>
      }
      formLabel="Filtrera oenigheter och tvister"
      search={{ id: 't-q', label: 'Sök i text' }}
      fields={(f, set) => (
        <>
          <FilterInput id="t-from" label="Öppnad från" type="date" value={f.from} onChange={set('from')} />
          <FilterInput id="t-to" label="till och med" type="date" value={f.to} onChange={set('to')} />
          <FilterSelect id="t-area" label="Område" value={f.omrade} onChange={set('omrade')} options={categoryOptions} />
          <FilterSelect id="t-step" label="Högsta steg" value={f.steg} onChange={set('steg')} options={stepOptions} />
          <FilterSelect id="t-status" label="Status" value={f.status} onChange={set('status')} options={statusOptions} />
          <FilterSelect id="t-party" label="Huvudman (någon part)" value={f.huvudman} onChange={set('huvudman')} options={partyTypeOptions} />
          <FilterInput id="t-org" label="Part (exakt namn)" value={f.enhet} onChange={set('enhet')} />
          <FilterSelect id="t-lesson" label="Har lärdom" value={f.lardom} onChange={set('lardom')} options={yesNoOptions} />
          <FilterSelect id="t-principled" label="Principiell karaktär" value={f.principiell} onChange={set('principiell')} options={yesNoOptions} />
        </>
      )}
      resultId="disp-result-h"
      noun={['ärende', 'ärenden']}
      caption="Oenigheter och tvister"
      empty={{
        title: 'Inga oenigheter eller tvister',
        action: <a href={href('/tvister/ny')}>Registrera en ny oenighet</a>,
        filtered: <p>Inga ärenden matchar filtren.</p>,
        none: <p>Registrera en oenighet för hand eller importera en tvistlogg under Import.</p>,
      }}
    />
  );
}

/* ------------------------------------------------------------------ create */

/** One party of a dispute (name and huvudman), used by the create and the edit forms. */
function PartyFields({ which, name, type, onName, onType, idPrefix = 'party' }: { which: 'A' | 'B'; name: string; type: string; onName(v: string): void; onType(v: string): void; idPrefix?: string }) {
  return (
    <fieldset className="party">
      <legend>Part {which}</legend>
      <label htmlFor={`${idPrefix}-${which}`}>Namn (enhet eller huvudman)</label>
      <input id={`${idPrefix}-${which}`} value={name} onChange={(e) => onName(e.target.value)} required />
      <label htmlFor={`${idPrefix}-${which}-type`}>Huvudman</label>
      <select id={`${idPrefix}-${which}-type`} value={type} onChange={(e) => onType(e.target.value)}>
        <option value="">Okänd</option>
        {partyTypes.map((p) => (
          <option key={p} value={p}>
            {partyTypeLabels[p]}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

function DisputeCreate() {
  const create = useAction('disputes.create');
  const [v, setV] = useState({ externalId: '', openedAt: todayLocal(), partyA: '', partyAType: '', partyB: '', partyBType: '', area: '', summary: '', principled: false, linked: '', temp: '' });
  const set = <K extends keyof typeof v>(k: K, val: (typeof v)[K]) => setV((x) => ({ ...x, [k]: val }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out = await create.run({
      externalId: v.externalId.trim() || undefined,
      openedAt: v.openedAt,
      partyA: v.partyA,
      partyAType: (v.partyAType || null) as PartyType | null,
      partyB: v.partyB,
      partyBType: (v.partyBType || null) as PartyType | null,
      area: v.area,
      summary: v.summary.trim() || null,
      principled: v.principled,
      linkedDeviations: v.linked
        .split(/[,;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      temporarySolutionText: v.temp.trim() || null,
    });
    if (out) navigate(`/tvister/${out.id}`);
  };
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/tvister')}>Oenighet och tvist</a> <span aria-hidden="true">›</span> Ny
      </p>
      <PageHeader title="Ny oenighet" intro="Registrera en oenighet för hand. Den börjar i steg 1 (chef närmast patient) och kan sedan eskaleras." />
      <form className="card" onSubmit={submit}>
        <div className="form-row">
          <div>
            <label htmlFor="d-opened">Datum då oenigheten uppstod</label>
            <input id="d-opened" type="date" value={v.openedAt} onChange={(e) => set('openedAt', e.target.value)} required />
          </div>
          <div>
            <label htmlFor="d-ext">Ärende-id (valfritt – skapas annars)</label>
            <input id="d-ext" value={v.externalId} onChange={(e) => set('externalId', e.target.value)} />
          </div>
        </div>
        <div className="form-row">
          <PartyFields which="A" name={v.partyA} type={v.partyAType} onName={(x) => set('partyA', x)} onType={(x) => set('partyAType', x)} />
          <PartyFields which="B" name={v.partyB} type={v.partyBType} onName={(x) => set('partyB', x)} onType={(x) => set('partyBType', x)} />
        </div>
        <label htmlFor="d-area">Avtalsområde</label>
        <select id="d-area" value={v.area} onChange={(e) => set('area', e.target.value)} required>
          <option value="">Välj område</option>
          {categoryCodes.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c as CategoryCode]}
            </option>
          ))}
        </select>
        <label htmlFor="d-summary">Sammanfattning: vad är parterna oeniga om?</label>
        <textarea id="d-summary" value={v.summary} onChange={(e) => set('summary', e.target.value)} aria-describedby="d-summary-help" />
        <p id="d-summary-help" className="small muted">
          Skriv utan personnummer eller andra uppgifter som pekar ut patienten.
        </p>
        <label htmlFor="d-temp">Tillfällig lösning för patienten (om en finns)</label>
        <textarea id="d-temp" className="short" value={v.temp} onChange={(e) => set('temp', e.target.value)} />
        <label htmlFor="d-linked">Kopplade avvikelser (ärende-id, separerade med komma)</label>
        <input id="d-linked" value={v.linked} onChange={(e) => set('linked', e.target.value)} />
        <div className="checkbox">
          <input id="d-principled" type="checkbox" checked={v.principled} onChange={(e) => set('principled', e.target.checked)} />
          <label htmlFor="d-principled">Principiell karaktär (kan lyftas till VVG)</label>
        </div>
        <ErrorMessage error={create.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.busy}>
            Registrera oenigheten
          </button>
          <a href={href('/tvister')}>Avbryt</a>
        </div>
      </form>
    </>
  );
}

/* ------------------------------------------------------------------ view */

const eventLabels: Record<string, string> = {
  opened: 'Oenighet registrerad (steg 1)',
  step2: 'Eskalerad till steg 2',
  step3: 'Eskalerad till steg 3 (tvist)',
  temporary_solution: 'Tillfällig lösning',
  resolved: 'Löst',
  settlement: 'Ekonomisk reglering',
  note: 'Anteckning',
};
const auditLabels: Record<string, string> = {
  create: 'Skapade ärendet',
  update: 'Ändrade uppgifter',
  escalate: 'Eskalerade',
  temporary_solution: 'Registrerade tillfällig lösning',
  resolve: 'Löste ärendet',
  import: 'Import',
};

function describeChanges(changes: unknown): ReactNode {
  if (!changes || typeof changes !== 'object') return null;
  const entries = Object.entries(changes as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (!entries.length) return null;
  return (
    <ul className="change-list">
      {entries.map(([k, v]) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && 'from' in v && 'to' in v) {
          const c = v as { from: unknown; to: unknown };
          return (
            <li key={k}>
              {fieldLabel(k)}: {showValue(k, c.from)} → {showValue(k, c.to)}
            </li>
          );
        }
        return (
          <li key={k}>
            {k === 'note' ? 'Anteckning' : fieldLabel(k)}: {showValue(k, v)}
          </li>
        );
      })}
    </ul>
  );
}

type ActionName = 'edit' | 'escalate' | 'temp' | 'resolve' | null;

/** One of the dispute's action forms: heading, fields, error, submit and cancel. */
function ActionForm(props: {
  label: string;
  heading: string;
  action: { busy: boolean; error: ApiError | null };
  submitLabel: string;
  run(): Promise<unknown>;
  onDone(): void;
  onCancel(): void;
  children: ReactNode;
}) {
  return (
    <form
      className="action-form"
      aria-label={props.label}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await props.run()) props.onDone();
      }}
    >
      <h3 className="h4">{props.heading}</h3>
      {props.children}
      <ErrorMessage error={props.action.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.action.busy}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  );
}

function DisputeActions({ d, onDone }: { d: DisputeDetail; onDone(msg: string): void }) {
  const [open, setOpen] = useState<ActionName>(null);
  const escalate = useAction('disputes.escalate');
  const temp = useAction('disputes.setTemporarySolution');
  const resolve = useAction('disputes.resolve');
  const update = useAction('disputes.update');
  const editFrom = (x: DisputeDetail) => ({
    partyA: x.partyA,
    partyAType: x.partyAType ?? '',
    partyB: x.partyB,
    partyBType: x.partyBType ?? '',
    area: x.area,
    summary: x.summary ?? '',
    principled: x.principled,
  });
  const [edit, setEdit] = useState(() => editFrom(d));
  const setE = <K extends keyof typeof edit>(k: K, val: (typeof edit)[K]) => setEdit((x) => ({ ...x, [k]: val }));
  const [at, setAt] = useState(todayLocal());
  const [note, setNote] = useState('');
  const [tempText, setTempText] = useState(d.temporarySolutionText ?? '');
  const [outcome, setOutcome] = useState<DisputeOutcome>('enighet');
  const [resStep, setResStep] = useState(String(d.currentStep));
  const [sek, setSek] = useState('');
  const resolved = d.resolvedAt !== null;
  useEffect(() => setResStep(String(d.currentStep)), [d.currentStep]);

  const toggle = (a: ActionName) => {
    setOpen((o) => (o === a ? null : a));
    setAt(todayLocal());
    setNote('');
    setEdit(editFrom(d));
    update.clearError();
    escalate.clearError();
    temp.clearError();
    resolve.clearError();
  };

  const nextStep = d.currentStep + 1;
  const finish = (msg: string) => {
    setOpen(null);
    onDone(msg);
  };
  return (
    <section className="card" aria-labelledby="actions-h">
      <h2 id="actions-h">Åtgärder</h2>
      <div className="action-buttons">
        <button type="button" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
          Ändra uppgifter
        </button>
        {!resolved && nextStep <= 3 ? (
          <button type="button" aria-expanded={open === 'escalate'} onClick={() => toggle('escalate')}>
            Eskalera till steg {nextStep}
          </button>
        ) : null}
        {!resolved ? (
          <>
            <button type="button" aria-expanded={open === 'temp'} onClick={() => toggle('temp')}>
              Registrera tillfällig lösning
            </button>
            <button type="button" aria-expanded={open === 'resolve'} onClick={() => toggle('resolve')}>
              Lös ärendet
            </button>
          </>
        ) : null}
      </div>
      {open === 'edit' ? (
        <ActionForm
          label="Ändra uppgifter"
          heading="Ändra uppgifter"
          action={update}
          submitLabel="Spara ändringarna"
          run={() =>
            update.run({
              id: d.id,
              partyA: edit.partyA,
              partyAType: (edit.partyAType || null) as PartyType | null,
              partyB: edit.partyB,
              partyBType: (edit.partyBType || null) as PartyType | null,
              area: edit.area,
              summary: edit.summary.trim() || null,
              principled: edit.principled,
              note: note.trim() || undefined,
            })
          }
          onDone={() => finish('Uppgifterna är sparade.')}
          onCancel={() => setOpen(null)}
        >
          <div className="form-row">
            <PartyFields idPrefix="edit-party" which="A" name={edit.partyA} type={edit.partyAType} onName={(x) => setE('partyA', x)} onType={(x) => setE('partyAType', x)} />
            <PartyFields idPrefix="edit-party" which="B" name={edit.partyB} type={edit.partyBType} onName={(x) => setE('partyB', x)} onType={(x) => setE('partyBType', x)} />
          </div>
          <label htmlFor="edit-area">Avtalsområde</label>
          <select id="edit-area" value={edit.area} onChange={(e) => setE('area', e.target.value)} required>
            {categoryCodes.includes(edit.area as CategoryCode) ? null : <option value={edit.area}>{d.areaLabel}</option>}
            {categoryCodes.map((c) => (
              <option key={c} value={c}>
                {categoryLabels[c as CategoryCode]}
              </option>
            ))}
          </select>
          <label htmlFor="edit-summary">Sammanfattning: vad är parterna oeniga om?</label>
          <textarea id="edit-summary" value={edit.summary} onChange={(e) => setE('summary', e.target.value)} aria-describedby="edit-summary-help" />
          <p id="edit-summary-help" className="small muted">
            Skriv utan personnummer eller andra uppgifter som pekar ut patienten.
          </p>
          <div className="checkbox">
            <input id="edit-principled" type="checkbox" checked={edit.principled} onChange={(e) => setE('principled', e.target.checked)} />
            <label htmlFor="edit-principled">Principiell karaktär (kan lyftas till VVG)</label>
          </div>
          <label htmlFor="edit-note">Anteckning om ändringen (valfri)</label>
          <input id="edit-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </ActionForm>
      ) : null}
      {open === 'escalate' ? (
        <ActionForm
          label={`Eskalera till steg ${nextStep}`}
          heading={`Eskalera till ${stepLabels[nextStep as 2 | 3]}`}
          action={escalate}
          submitLabel="Eskalera"
          run={() => escalate.run({ id: d.id, at, note: note.trim() || undefined })}
          onDone={() => finish(`Ärendet är eskalerat till steg ${nextStep}.`)}
          onCancel={() => setOpen(null)}
        >
          <label htmlFor="esc-at">Datum för eskaleringen</label>
          <input id="esc-at" type="date" value={at} onChange={(e) => setAt(e.target.value)} required />
          <label htmlFor="esc-note">Anteckning (valfri)</label>
          <input id="esc-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </ActionForm>
      ) : null}
      {open === 'temp' ? (
        <ActionForm
          label="Registrera tillfällig lösning"
          heading="Tillfällig lösning"
          action={temp}
          submitLabel="Spara tillfällig lösning"
          run={() => temp.run({ id: d.id, text: tempText, at })}
          onDone={() => finish('Den tillfälliga lösningen är registrerad.')}
          onCancel={() => setOpen(null)}
        >
          <p className="small muted">Vad gör parterna för patienten medan frågan är öppen? Patienten ska aldrig drabbas av att parterna är oeniga.</p>
          <label htmlFor="temp-text">Beskrivning</label>
          <textarea id="temp-text" value={tempText} onChange={(e) => setTempText(e.target.value)} />
          <label htmlFor="temp-at">Datum</label>
          <input id="temp-at" type="date" value={at} onChange={(e) => setAt(e.target.value)} />
        </ActionForm>
      ) : null}
      {open === 'resolve' ? (
        <ActionForm
          label="Lös ärendet"
          heading="Lös ärendet"
          action={resolve}
          submitLabel="Markera som löst"
          run={() => {
            const amount = sek.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
            return resolve.run({
              id: d.id,
              resolvedAt: at,
              outcome,
              resolutionStep: Number(resStep) as 1 | 2 | 3,
              settlementSek: amount ? Number(amount) : null,
              note: note.trim() || undefined,
            });
          }}
          onDone={() => finish('Ärendet är löst.')}
          onCancel={() => setOpen(null)}
        >
          <div className="form-row">
            <div>
              <label htmlFor="res-outcome">Utfall</label>
              <select id="res-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as DisputeOutcome)}>
                {disputeOutcomes.map((o) => (
                  <option key={o} value={o}>
                    {disputeOutcomeLabels[o]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="res-step">Löst på steg</label>
              <select id="res-step" value={resStep} onChange={(e) => setResStep(e.target.value)}>
                {[1, 2, 3].map((s) => (
                  <option key={s} value={s}>
                    Steg {s}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="res-at">Datum</label>
              <input id="res-at" type="date" value={at} onChange={(e) => setAt(e.target.value)} required />
            </div>
          </div>
          <label htmlFor="res-sek">Ekonomisk reglering, belopp i kronor (om någon)</label>
          <input id="res-sek" inputMode="decimal" value={sek} onChange={(e) => setSek(e.target.value)} aria-describedby="res-sek-help" />
          <p id="res-sek-help" className="small muted">
            Ekonomisk reglering och allmän domstol kommer först efter steg 3 (tvist).
          </p>
          <label htmlFor="res-note">Anteckning (valfri)</label>
          <input id="res-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </ActionForm>
      ) : null}
    </section>
  );
}

function DisputeView({ id }: { id: number }) {
  const q = useApi('cases.dispute', { id });
  const [status, setStatus] = useState('');
  const d = q.data;
  if (q.error && !d) return <CaseLoadError title="Oenighet eller tvist" error={q.error} path="/tvister" linkText="Till listan" />;
  if (!d) return <Loading />;
  const resolved = d.resolvedAt !== null;
  const kindWord = d.currentStep >= 3 ? 'Tvist' : 'Oenighet';
  const rows: [string, ReactNode][] = [
    ['Ärende-id', `${d.externalId} (${d.origin === 'manual' ? 'registrerad för hand' : `importerad från ${d.sourceSystem}`})`],
    ['Öppnad', d.openedAt],
    ['Part A', `${d.partyA} (${partyLabel(d.partyAType)})`],
    ['Part B', `${d.partyB} (${partyLabel(d.partyBType)})`],
    ['Avtalsområde', d.areaLabel + (d.rawArea && d.rawArea !== d.areaLabel ? ` (i filen: ${d.rawArea})` : '')],
    ['Status', d.status === 'löst' ? 'Löst' : `Pågår i ${d.status}`],
    ['Principiell karaktär', d.principled ? 'Ja – kan lyftas till VVG' : 'Nej'],
    ['Utfall', d.outcomeLabel ?? (resolved ? '–' : 'Inte löst än')],
    ['Löst på steg', d.resolutionStep ? `Steg ${d.resolutionStep}` : '–'],
    ['Ekonomisk reglering', d.settlementSek != null ? formatSek(d.settlementSek) : '–'],
  ];
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/tvister')}>Oenighet och tvist</a> <span aria-hidden="true">›</span> {d.externalId}
      </p>
      <PageHeader
        title={`${kindWord} ${d.externalId}`}
        intro={`${d.areaLabel} · ${d.partyA} / ${d.partyB}`}
        actions={d.principled ? <span className="tag tag-strong">Principiell</span> : undefined}
      />
      {status ? (
        <p role="status" className="ok">
          {status}
        </p>
      ) : null}
      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Eskaleringstrappan</h2>
        <EscalationTimeline timeline={d.timeline} resolved={resolved} />
        {resolved ? null : <p className="small muted">Dagar räknas till {d.asOf} för det steg som pågår.</p>}
      </section>
      <DisputeActions
        d={d}
        onDone={(msg) => {
          setStatus(msg);
          q.reload();
        }}
      />
      <div className="detail-grid">
        <FactsCard id="disp-facts-h" rows={rows} />
        <section className="card" aria-labelledby="disp-text-h">
          <h2 id="disp-text-h">Frågan och lösningen</h2>
          <h3 className="h4">Sammanfattning</h3>
          <p className="prewrap">{d.summary ?? '–'}</p>
          <h3 className="h4">Tillfällig lösning</h3>
          <p className="prewrap">{d.temporarySolution ? (d.temporarySolutionText ?? 'Ja (ingen beskrivning)') : 'Ingen registrerad'}</p>
        </section>
      </div>
      <section className="card" aria-labelledby="disp-dev-h">
        <h2 id="disp-dev-h">Kopplade avvikelser</h2>
        {d.linkedDeviationIds.length === 0 ? <p className="muted">Inga avvikelser är kopplade.</p> : null}
        <ul>
          {d.linkedDeviations.map((c) => (
            <li key={c.id}>
              <a href={href(`/avvikelser/${c.id}`)}>{c.externalId}</a> – {c.title} · {c.date} · {deviationStatusLabel(c.status)}
            </li>
          ))}
          {d.linkedDeviationIds
            .filter((x) => !d.linkedDeviations.some((c) => c.externalId === x))
            .map((x) => (
              <li key={x}>
                {x} <span className="muted small">(finns inte i arbetsytan)</span>
              </li>
            ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="disp-events-h">
        <h2 id="disp-events-h">Händelser</h2>
        <ol className="event-list">
          {d.events.map((e) => (
            <li key={e.id}>
              <strong>{e.at}</strong> – {eventLabels[e.type] ?? e.type}
              {e.note ? `: ${e.note}` : ''} <span className="muted small">({e.createdBy})</span>
            </li>
          ))}
        </ol>
      </section>
      <LessonsSection kind="dispute" caseId={d.id} lessons={d.lessons} onChanged={q.reload} />
      <PrecedentSection kind="dispute" id={d.id} resolved={resolved} precedents={d.precedents} />
      <SimilarSection kind="dispute" id={d.id} />
      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Ändringslogg</h2>
        {d.audit.length === 0 ? (
          <p className="muted">Inga ändringar registrerade.</p>
        ) : (
          <div className="table-wrap">
            <table className="compact">
              <caption className="visually-hidden">Vem ändrade vad och när</caption>
              <thead>
                <tr>
                  <th scope="col">När</th>
                  <th scope="col">Vem</th>
                  <th scope="col">Vad</th>
                  <th scope="col">Ändringar</th>
                </tr>
              </thead>
              <tbody>
                {d.audit.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">{formatDateTime(a.at)}</td>
                    <td>{a.user}</td>
                    <td>{auditLabels[a.action] ?? a.action}</td>
                    <td>{describeChanges(a.changes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <HistorySection history={d.history} />
    </>
  );
}
