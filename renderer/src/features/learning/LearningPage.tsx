import { useEffect, useState, type FormEvent } from 'react';
import type { Route } from '../../router';
import { href, navigate } from '../../router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { lessonCauses, precedentStatuses, type LessonCause, type PrecedentStatus } from '../../../../shared/domain/enums';
import { delregionNames, lessonCauseLabels, precedentStatusLabels } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import type { Lesson } from '../../../../shared/api/cases';
import { casePath, categoryLabel, qp } from '../cases/common';
import { PrecedentView } from './PrecedentView';
import { PrecedentEditor } from './PrecedentEditor';

export function LearningPage({ route }: { route: Route }) {
  const [, sub, id] = route.segments;
  if (sub === 'prejudikat' && id) return <PrecedentView id={id} />;
  if (sub === 'nytt') return <PrecedentEditor />;
  return <LearningOverview query={route.query} />;
}

const monthName = (ym: string) => {
  const d = new Date(`${ym}-01T00:00:00Z`);
  return d.toLocaleDateString('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
};

function LessonsByPeriod({ lessons }: { lessons: Lesson[] }) {
  const groups = new Map<string, Lesson[]>();
  for (const l of lessons) {
    const k = l.recordedOn.slice(0, 7);
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  return (
    <>
      {[...groups.entries()].map(([month, ls]) => (
        <section key={month} aria-labelledby={`lm-${month}`} className="lesson-month">
          <h3 id={`lm-${month}`}>
            {monthName(month)} <span className="muted small">({formatInt(ls.length)})</span>
          </h3>
          <div className="table-wrap">
            <table className="compact case-table">
              <caption className="visually-hidden">Lärdomar {monthName(month)}</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Ärende</th>
                  <th scope="col">Område</th>
                  <th scope="col">Orsak</th>
                  <th scope="col">Lärdom</th>
                </tr>
              </thead>
              <tbody>
                {ls.map((l) => (
                  <tr key={l.id}>
                    <td className="nowrap">{l.recordedOn}</td>
                    <th scope="row">
                      {l.caseExternalId ? (
                        <a href={href(casePath(l.caseKind, l.caseId))}>
                          {l.caseKind === 'dispute' ? 'Tvist ' : 'Avvikelse '}
                          {l.caseExternalId}
                        </a>
                      ) : (
                        <span className="muted">Ärendet finns inte längre</span>
                      )}
                    </th>
                    <td>{categoryLabel(l.caseCategory)}</td>
                    <td>{l.causeLabel ?? '–'}</td>
                    <td className="prewrap">{l.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

function LearningOverview({ query }: { query: URLSearchParams }) {
  const from = qp(query, 'from');
  const to = qp(query, 'to');
  const cause = qp(query, 'orsak') as LessonCause | undefined;
  const pstatus = qp(query, 'status') as PrecedentStatus | undefined;
  const origin = (qp(query, 'ursprung') ?? 'all') as 'all' | 'local' | 'imported';
  const kind = qp(query, 'typ') as 'ärende' | 'patientfall' | undefined;
  const lessons = useApi('lessons.list', { from, to, cause, limit: 2000 });
  const precedents = useApi('precedents.list', { status: pstatus, origin, kind, limit: 2000 });
  const params = () => Object.fromEntries(query.entries());
  const [lf, setLf] = useState({ from: from ?? '', to: to ?? '', orsak: cause ?? '' });
  useEffect(() => setLf({ from: from ?? '', to: to ?? '', orsak: cause ?? '' }), [from, to, cause]);

  const applyLessons = (e: FormEvent) => {
    e.preventDefault();
    navigate('/larande', { ...params(), ...lf });
  };
  const setP = (k: string) => (e: { target: { value: string } }) => navigate('/larande', { ...params(), [k]: e.target.value });

  return (
    <>
      <PageHeader
        title="Lärdomar och vägledande fall"
        intro="Avvikelser ska leda till lärande, och lösningar i tvister är vägledande för kommande situationer. Här samlas lärdomarna och de vägledande fallen – egna och importerade från andra delregioner."
        actions={
          <>
            <a className="button-link primary" href={href('/larande/nytt')}>
              Nytt vägledande fall
            </a>
            <a className="button-link" href={href('/sok')}>
              Sök
            </a>
          </>
        }
      />
      <section className="card" aria-labelledby="prec-list-h">
        <h2 id="prec-list-h">Vägledande fall</h2>
        <div className="filter-grid" role="group" aria-label="Filtrera vägledande fall">
          <div>
            <label htmlFor="p-status">Status</label>
            <select id="p-status" value={pstatus ?? ''} onChange={setP('status')}>
              <option value="">Alla</option>
              {precedentStatuses.map((s) => (
                <option key={s} value={s}>
                  {precedentStatusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="p-origin">Ursprung</label>
            <select id="p-origin" value={origin} onChange={setP('ursprung')}>
              <option value="all">Alla</option>
              <option value="local">Egna</option>
              <option value="imported">Importerade från andra delregioner</option>
            </select>
          </div>
          <div>
            <label htmlFor="p-kind">Typ</label>
            <select id="p-kind" value={kind ?? ''} onChange={setP('typ')}>
              <option value="">Alla</option>
              <option value="ärende">Ärende</option>
              <option value="patientfall">Patientfall</option>
            </select>
          </div>
        </div>
        <ErrorMessage error={precedents.error} />
        {precedents.data ? (
          <>
            <p role="status" className="result-count">
              {formatInt(precedents.data.total)} {precedents.data.total === 1 ? 'vägledande fall' : 'vägledande fall'} (alla statusar räknas: utkast, granskad, vägledande, ersatt).
            </p>
            {precedents.data.precedents.length === 0 ? (
              <EmptyState title="Inga vägledande fall">
                <p>Gör ett vägledande fall av ett löst ärende, skriv ett patientfall direkt eller importera ett bibliotek.</p>
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="case-table">
                  <caption className="visually-hidden">Vägledande fall</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rubrik</th>
                      <th scope="col">Typ</th>
                      <th scope="col">Område</th>
                      <th scope="col">Status</th>
                      <th scope="col">Beslutat</th>
                      <th scope="col">Ursprung</th>
                    </tr>
                  </thead>
                  <tbody>
                    {precedents.data.precedents.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">
                          <a href={href(`/larande/prejudikat/${p.id}`)}>{p.title}</a>
                        </th>
                        <td>{p.kind === 'patientfall' ? 'Patientfall' : 'Ärende'}</td>
                        <td>{p.areaLabel}</td>
                        <td>
                          <span className={`status-tag status-${p.status === 'vägledande' ? 'vagledande' : p.status}`}>{p.statusLabel}</span>
                          {p.status === 'ersatt' ? <span className="small"> – hänvisa inte till det</span> : null}
                        </td>
                        <td className="nowrap">{p.decidedAt ?? '–'}</td>
                        <td>
                          {p.origin.imported ? (
                            <>
                              Importerat: {delregionNames[p.origin.delregion] ?? p.origin.delregion}
                              <span className="muted small"> ({p.origin.publisher})</span>
                            </>
                          ) : (
                            'Eget'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : precedents.loading ? (
          <Loading />
        ) : null}
      </section>
      <section className="card" aria-labelledby="lesson-list-h">
        <h2 id="lesson-list-h">Lärdomar per period</h2>
        <form className="filter-grid" onSubmit={applyLessons} aria-label="Filtrera lärdomar">
          <div>
            <label htmlFor="l-from">Från</label>
            <input id="l-from" type="date" value={lf.from} onChange={(e) => setLf((x) => ({ ...x, from: e.target.value }))} />
          </div>
          <div>
            <label htmlFor="l-to">Till och med</label>
            <input id="l-to" type="date" value={lf.to} onChange={(e) => setLf((x) => ({ ...x, to: e.target.value }))} />
          </div>
          <div>
            <label htmlFor="l-cause">Orsakskategori</label>
            <select id="l-cause" value={lf.orsak} onChange={(e) => setLf((x) => ({ ...x, orsak: e.target.value }))}>
              <option value="">Alla</option>
              {lessonCauses.map((c) => (
                <option key={c} value={c}>
                  {lessonCauseLabels[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-submit">
            <button type="submit">Visa lärdomar</button>
          </div>
        </form>
        <ErrorMessage error={lessons.error} />
        {lessons.data ? (
          <>
            <p role="status" className="result-count">
              {formatInt(lessons.data.total)} {lessons.data.total === 1 ? 'lärdom' : 'lärdomar'}
              {lessons.data.total > lessons.data.lessons.length ? ` (de ${formatInt(lessons.data.lessons.length)} senaste visas)` : ''}.
            </p>
            {lessons.data.lessons.length ? (
              <>
                <CauseSummary lessons={lessons.data.lessons} />
                <LessonsByPeriod lessons={lessons.data.lessons} />
              </>
            ) : (
              <p className="muted">Inga lärdomar för perioden. Lärdomar skrivs på ett ärende (avvikelse eller tvist).</p>
            )}
          </>
        ) : lessons.loading ? (
          <Loading />
        ) : null}
      </section>
    </>
  );
}

function CauseSummary({ lessons }: { lessons: Lesson[] }) {
  const counts = new Map<string, number>();
  for (const l of lessons) counts.set(l.causeLabel ?? 'Ingen orsak angiven', (counts.get(l.causeLabel ?? 'Ingen orsak angiven') ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return (
    <table className="compact cause-summary">
      <caption>Lärdomar per orsakskategori</caption>
      <thead>
        <tr>
          <th scope="col">Orsak</th>
          <th scope="col" className="num">
            Antal
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([k, n]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="num">{formatInt(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
