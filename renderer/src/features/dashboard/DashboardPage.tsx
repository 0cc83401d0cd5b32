import type { Route } from '../../router';
import { href } from '../../router';
import { useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { DrilldownPage } from './DrilldownPage';
import { PeriodChooser } from './PeriodChooser';
import { FigureTile, CompareTable } from './KeyFigures';
import { CategorySection, DeadlineSection, FlowSection, KommunSection, RunChartSection } from './DeviationSections';
import { periodFromQuery, periodLabel, today } from './period';

/** Key figures at the top, each with both comparisons. */
const KEY_FIGURES = [
  'dev.count',
  'dev.per10k',
  'dev.severe',
  'dev.answeredWithinDeadline',
  'disp.opened',
  'disp.resolvedAtStep1',
  'disp.reachedTvist',
  'learn.lessonCoverage',
];

const DISPUTE_FIGURES = [
  'disp.opened',
  'disp.resolved',
  'disp.resolvedAtStep1',
  'disp.daysToResolve',
  'disp.openAtEnd',
  'disp.reachedTvist',
  'disp.temporarySolution',
  'disp.economicSettlement',
  'disp.principled',
];

export function DashboardPage({ route }: { route: Route }) {
  if (route.segments[1] === 'arenden') return <DrilldownPage route={route} />;
  return <Overview route={route} />;
}

function Overview({ route }: { route: Route }) {
  const { info } = useWorkspace();
  const refDate = info.counts.lastImportOn ?? today();
  const { period, problem } = periodFromQuery(route.query, refDate);
  const hasData = info.counts.deviations + info.counts.disputes > 0;
  const input = { from: period.from, to: period.to, ...(period.asOf ? { asOf: period.asOf } : {}) };
  const q = useApi('indicators.dashboard', hasData ? input : null);
  const d = q.data;
  // the figures on screen always name the period they were computed for
  const shown = d?.current.period;
  const stale = q.loading && !!d;

  if (!hasData) {
    return (
      <>
        <PageHeader title="Översikt" intro={`Uppföljning av avvikelser, oenighet och tvist i ${info.settings.delregionName}.`} />
        <EmptyState
          title="Arbetsytan har inga ärenden ännu"
          action={
            <a className="button-link primary" href={href('/import')}>
              Gå till Import
            </a>
          }
        >
          <p>
            Importera en export av avvikelser i samverkan (t.ex. från MedControl PRO) eller en tvistlogg. Lägg också till folkmängden (SCB:s
            tabellexport) för att få antal per 10 000 invånare. Därefter visas indikatorerna här.
          </p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Översikt"
        intro={
          shown ? (
            <>
              {info.settings.delregionName}, {periodLabel(shown)} ({shown.from} – {shown.to}). Data per {shown.asOf}
              {period.asOf ? ' (valt datum)' : ' (senaste import)'}. Svarstid {shown.deadlineDays} dagar.
            </>
          ) : (
            `${info.settings.delregionName}, ${periodLabel(period)}.`
          )
        }
      />
      <PeriodChooser period={period} refDate={refDate} defaultAsOf={info.counts.lastImportOn} />
      {problem ? (
        <p className="warning" role="alert">
          {problem}
        </p>
      ) : null}
      {shown && shown.to > shown.asOf ? (
        <p className="note" data-testid="period-incomplete">
          Perioden är inte avslutad i datat: uppgifterna gäller till och med {shown.asOf}. Dagar och månader därefter räknas som att
          ingenting har hänt än (noll i diagrammet), så jämför med försiktighet.
        </p>
      ) : null}
      <ErrorMessage error={q.error} />
      {q.error ? (
        <p>
          <button type="button" onClick={q.reload}>
            Försök igen
          </button>
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {q.loading ? 'Hämtar indikatorerna …' : d ? `Indikatorerna för ${periodLabel(d.current.period)} visas.` : ''}
      </p>
      {!d && q.loading ? <Loading label="Beräknar indikatorerna …" /> : null}
      {d ? (
        <div className={`dashboard${stale ? ' is-updating' : ''}`} aria-busy={q.loading} data-period={`${d.current.period.from}_${d.current.period.to}`}>
          {stale ? (
            <p className="updating-note" aria-hidden="true">
              Uppdaterar …
            </p>
          ) : null}
          <section aria-labelledby="h-key">
            <h2 id="h-key">Nyckeltal</h2>
            <p className="small muted">
              Varje tal jämförs med föregående period av samma längd och med samma period ett år tidigare. Klicka på ett tal för att se ärendena
              bakom det.
            </p>
            <div className="kf-grid">
              {KEY_FIGURES.map((id) => (
                <FigureTile key={id} id={id} d={d} asOf={period.asOf} />
              ))}
            </div>
          </section>

          <section aria-labelledby="h-dev">
            <h2 id="h-dev">Avvikelser i samverkan</h2>
            <RunChartSection d={d} asOf={period.asOf} />
            <CategorySection d={d} asOf={period.asOf} />
            <div className="dash-two">
              <FlowSection d={d} asOf={period.asOf} />
              <KommunSection d={d} asOf={period.asOf} />
            </div>
            <DeadlineSection d={d} asOf={period.asOf} />
          </section>

          <section aria-labelledby="h-disp">
            <h2 id="h-disp">Oenighet och tvist</h2>
            <div className="card">
              <CompareTable ids={DISPUTE_FIGURES} d={d} asOf={period.asOf} caption="Oenighet och tvist" />
            </div>
          </section>

          <section aria-labelledby="h-learn">
            <h2 id="h-learn">Lärande</h2>
            <div className="card">
              <CompareTable ids={['learn.lessonCoverage', 'learn.newPrecedents']} d={d} asOf={period.asOf} caption="Lärande" />
              <p className="small">
                Nya vägledande fall räknar prejudikat, inte ärenden; de finns under{' '}
                <a href={href('/larande')}>Lärdomar och vägledande fall</a>.
              </p>
            </div>
          </section>
        </div>
      ) : null}
    </>
  );
}
