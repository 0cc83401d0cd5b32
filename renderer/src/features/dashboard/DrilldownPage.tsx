import { useEffect, useState } from 'react';
import type { Route } from '../../router';
import { href } from '../../router';
import { call, ApiError } from '../../api/client';
import { useWorkspace } from '../../workspace-context';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { catalogueEntry, isIndicatorId, type IndicatorId } from '../../../../shared/indicators/catalogue';
import type { CaseSummary } from '../../../../shared/api/common';
import { formatInt } from '../../../../shared/format';
import { categoryLabels, deviationStatusLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import type { CategoryCode, PartyType } from '../../../../shared/domain/enums';
import { monthLong } from '../../components/charts';
import { periodFromQuery, periodLabel, periodQuery, today } from './period';

const PAGE = 200;

/** What a drill-down key means, in words. */
export function keyText(indicator: IndicatorId, key: string | undefined, kommunName: (code: string) => string): string | null {
  if (!key) return null;
  if (key === 'numerator') return 'täljaren';
  if (key === 'denominator') return 'nämnaren';
  switch (indicator) {
    case 'dev.byCategory':
      return `området ${categoryLabels[key as CategoryCode] ?? key}`;
    case 'dev.byFlow': {
      const [a, b] = key.split('->') as [PartyType, PartyType];
      return `flödet ${partyTypeLabels[a] ?? a} → ${(partyTypeLabels[b] ?? b).toLowerCase()}`;
    }
    case 'dev.byKommun':
      return `kommunen ${kommunName(key)}`;
    case 'disp.openAtEnd':
      return `steg ${key}`;
    case 'dev.monthly':
      return monthLong(key);
    default:
      return key;
  }
}

export function DrilldownPage({ route }: { route: Route }) {
  const { info } = useWorkspace();
  const refDate = info.counts.lastImportOn ?? today();
  const { period } = periodFromQuery(route.query, refDate);
  const rawIndicator = route.query.get('indicator') ?? '';
  const key = route.query.get('key') ?? undefined;
  const indicator = isIndicatorId(rawIndicator) ? rawIndicator : null;
  const entry = indicator ? catalogueEntry(indicator) : undefined;
  const kommunName = (code: string) => info.settings.kommuner.find((k) => k.code === code)?.name ?? code;

  const [state, setState] = useState<{ total: number; cases: CaseSummary[]; loading: boolean; error: ApiError | null }>({
    total: 0,
    cases: [],
    loading: true,
    error: null,
  });
  const reqKey = JSON.stringify([indicator, key, period.from, period.to, period.asOf]);

  const load = (offset: number) => {
    if (!indicator) return;
    setState((s) => ({ ...s, loading: true, error: null }));
    call('indicators.cases', {
      indicator,
      key,
      from: period.from,
      to: period.to,
      ...(period.asOf ? { asOf: period.asOf } : {}),
      limit: PAGE,
      offset,
    }).then(
      (r) => setState((s) => ({ total: r.total, cases: offset === 0 ? r.cases : [...s.cases, ...r.cases], loading: false, error: null })),
      (e: unknown) =>
        setState((s) => ({ ...s, loading: false, error: e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }) })),
    );
  };

  useEffect(() => {
    setState({ total: 0, cases: [], loading: true, error: null });
    load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reqKey]);

  const back = href('/oversikt', periodQuery(period));
  const part = indicator ? keyText(indicator, key, kommunName) : null;
  const title = entry ? `Ärenden bakom: ${entry.label}${part ? ` – ${part}` : ''}` : 'Ärenden bakom ett tal';

  return (
    <>
      <p className="back-link">
        <a href={back}>← Tillbaka till översikten</a>
      </p>
      <PageHeader
        title={title}
        intro={
          <>
            {periodLabel(period)} ({period.from} – {period.to}){period.asOf ? `, data per ${period.asOf}` : ''}.{' '}
            {entry?.drilldown ? entry.drilldown.cases : null}
          </>
        }
      />
      {!indicator ? (
        <p className="warning" role="alert">
          Okänd indikator &quot;{rawIndicator}&quot;. Gå tillbaka till översikten och klicka på ett tal.
        </p>
      ) : null}
      <ErrorMessage error={state.error} />
      {indicator && state.loading && state.cases.length === 0 ? <Loading label="Hämtar ärendena …" /> : null}
      {indicator && !state.error && !(state.loading && state.cases.length === 0) ? (
        <section aria-labelledby="h-cases">
          <h2 id="h-cases" data-total={state.total}>
            {formatInt(state.total)} {state.total === 1 ? 'ärende' : 'ärenden'}
          </h2>
          {entry ? (
            <details className="small definition-details">
              <summary>Definition av {entry.label.toLowerCase()}</summary>
              <p>{entry.definition}</p>
            </details>
          ) : null}
          {state.total === 0 ? (
            <p>Inga ärenden ligger bakom talet för den här perioden.</p>
          ) : (
            <div className="table-wrap">
              <table className="cases-table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Ärende-id</th>
                    <th scope="col">Datum</th>
                    <th scope="col">Typ</th>
                    <th scope="col">Område</th>
                    <th scope="col">Status</th>
                    <th scope="col">Kommun</th>
                    <th scope="col">Enheter</th>
                  </tr>
                </thead>
                <tbody>
                  {state.cases.map((c) => (
                    <tr key={`${c.kind}-${c.id}`}>
                      <th scope="row">
                        <a href={href(c.kind === 'deviation' ? `/avvikelser/${c.id}` : `/tvister/${c.id}`)}>{c.externalId}</a>
                      </th>
                      <td>{c.date}</td>
                      <td>{c.kind === 'deviation' ? 'Avvikelse' : 'Oenighet/tvist'}</td>
                      <td>{c.title}</td>
                      <td>{statusText(c.status)}</td>
                      <td>{c.kommun ?? '–'}</td>
                      <td>
                        {c.reportingOrg ?? '–'} → {c.receivingOrg ?? '–'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {state.cases.length < state.total ? (
            <p className="form-actions">
              <span className="muted">
                Visar {formatInt(state.cases.length)} av {formatInt(state.total)}.
              </span>
              <button type="button" onClick={() => load(state.cases.length)} disabled={state.loading}>
                {state.loading ? 'Hämtar …' : `Visa ${formatInt(Math.min(PAGE, state.total - state.cases.length))} till`}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
      <p className="back-link">
        <a href={back}>← Tillbaka till översikten</a>
      </p>
    </>
  );
}

const statusLabels: Record<string, string> = { ...deviationStatusLabels, löst: 'Löst' };

function statusText(s: string): string {
  return statusLabels[s] ?? s.charAt(0).toUpperCase() + s.slice(1);
}
