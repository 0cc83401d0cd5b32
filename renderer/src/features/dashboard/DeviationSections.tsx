import type { Dashboard } from '../../../../shared/indicators/schemas';
import { formatDecimal, formatInt, formatPercent } from '../../../../shared/format';
import { partyTypeLabels } from '../../../../shared/labels.sv';
import { href, navigate } from '../../router';
import { FlowMatrix, HBarChart, RunChart, monthLong } from '../../components/charts';
import { casesHref, Definition, label } from './links';
import { CountLink, docPeriod } from './figures';
import { CompareTable } from './KeyFigures';
import type { DashboardPeriod } from './period';

export function RunChartSection({ d, asOf }: { d: Dashboard; asOf?: string }) {
  const p = docPeriod(d.current, asOf);
  const rc = d.current.indicators['dev.monthly'];
  return (
    <section className="card" aria-labelledby="h-monthly">
      <h3 id="h-monthly">
        {label('dev.monthly')} <Definition id="dev.monthly" />
      </h3>
      {rc.points.length === 0 ? (
        <p>Det finns inga avvikelser att visa per månad ännu.</p>
      ) : (
        <RunChart
          data={rc}
          onPointClick={(month) => navigate('/oversikt/arenden', { indicator: 'dev.monthly', key: month, from: p.from, to: p.to, asOf: p.asOf })}
          renderCount={(month, n) => <CountLink n={n} indicator="dev.monthly" k={month} p={p} what={`avvikelserna i ${monthLong(month)}`} />}
        />
      )}
    </section>
  );
}

export function CategorySection({ d, asOf }: { d: Dashboard; asOf?: string }) {
  const p = docPeriod(d.current, asOf);
  const cats = d.current.indicators['dev.byCategory'];
  const items = cats.map((c) => ({
    key: c.category,
    label: c.label,
    value: c.count,
    valueLabel: `${formatInt(c.count)} (${formatPercent(c.share, 1)})`,
    extra: formatPercent(c.share, 1),
  }));
  const top = cats[0];
  const summary =
    cats.length === 0
      ? 'Inga avvikelser i perioden.'
      : `${formatInt(cats.length)} områden har avvikelser i perioden. Flest gäller ${top!.label.toLowerCase()} (${formatInt(top!.count)}, ${formatPercent(top!.share, 1)})${
          cats[1] ? `, därefter ${cats[1].label.toLowerCase()} (${formatInt(cats[1].count)}, ${formatPercent(cats[1].share, 1)})` : ''
        }.`;
  return (
    <section className="card" aria-labelledby="h-category">
      <h3 id="h-category">
        {label('dev.byCategory')} <Definition id="dev.byCategory" />
      </h3>
      {cats.length === 0 ? (
        <p>Inga avvikelser i perioden.</p>
      ) : (
        <HBarChart
          name="by-category"
          items={items}
          summary={summary}
          caption={label('dev.byCategory')}
          columns={['Område', 'Antal', 'Andel']}
          onBarClick={(key) => navigate('/oversikt/arenden', { indicator: 'dev.byCategory', key, from: p.from, to: p.to, asOf: p.asOf })}
          renderValue={(i) => <CountLink n={i.value} indicator="dev.byCategory" k={i.key} p={p} what={`avvikelserna inom ${i.label}`} />}
        />
      )}
    </section>
  );
}

export function FlowSection({ d, asOf }: { d: Dashboard; asOf?: string }) {
  const p = docPeriod(d.current, asOf);
  const flows = d.current.indicators['dev.byFlow'];
  const biggest = [...flows].sort((a, b) => b.count - a.count)[0];
  return (
    <section className="card" aria-labelledby="h-flow">
      <h3 id="h-flow">
        {label('dev.byFlow')} <Definition id="dev.byFlow" />
      </h3>
      <p className="chart-summary">
        Rader: rapporterande huvudman. Kolumner: mottagande huvudman. Mörkare ruta betyder fler avvikelser.
        {biggest && biggest.count > 0
          ? ` Flest avvikelser går från ${partyTypeLabels[biggest.from].toLowerCase()} till ${partyTypeLabels[biggest.to].toLowerCase()} (${formatInt(biggest.count)}).`
          : ''}
      </p>
      <FlowMatrix
        flows={flows}
        caption={<span className="visually-hidden">Avvikelser per flöde: rapporterande huvudman (rader) till mottagande huvudman (kolumner)</span>}
        renderCount={(c) => (
          <CountLink
            n={c.count}
            indicator="dev.byFlow"
            k={`${c.from}->${c.to}`}
            p={p}
            what={`avvikelserna från ${partyTypeLabels[c.from].toLowerCase()} till ${partyTypeLabels[c.to].toLowerCase()}`}
          />
        )}
      />
    </section>
  );
}

export function KommunSection({ d, asOf }: { d: Dashboard; asOf?: string }) {
  const p: DashboardPeriod = docPeriod(d.current, asOf);
  const rows = [...d.current.indicators['dev.byKommun']].sort(
    (a, b) => (b.per10k ?? -1) - (a.per10k ?? -1) || b.count - a.count || a.kommun.localeCompare(b.kommun, 'sv'),
  );
  const pop = new Map(d.populationYears.map((k) => [k.code, k]));
  const missing = d.missingPopulation;
  const older = d.olderPopulation;
  const years = d.populationYears.filter((k) => k.year !== null).map((k) => k.year as number);
  const newest = years.length ? Math.max(...years) : null;
  return (
    <section className="card" aria-labelledby="h-kommun">
      <h3 id="h-kommun">
        {label('dev.byKommun')} <Definition id="dev.byKommun" />
      </h3>
      <p className="chart-summary">Sorterat på avvikelser per 10 000 invånare, högst först. Kommuner utan folkmängd står sist.</p>
      {missing.length > 0 ? (
        <div className="warning" role="note">
          <strong>Folkmängd saknas</strong> för {listSv(missing.map((m) => m.kommun))}. Talet per 10 000 invånare visas därför som – för{' '}
          {missing.length === 1 ? 'kommunen' : 'dessa kommuner'} och för hela delregionen. Lägg till folkmängden under{' '}
          <a href={href('/import')}>Import → Folkmängd</a> (SCB:s tabellexport med en kolumn per år).
        </div>
      ) : null}
      {older.length > 0 ? (
        <p className="note" role="note">
          <strong>Folkmängden är från olika år.</strong> De nyaste siffrorna är från {newest}; äldre siffror används för{' '}
          {listSv(older.map((o) => `${o.kommun} (${o.year})`))}. Uppdatera under <a href={href('/import')}>Import → Folkmängd</a>.
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="kommun-table">
          <caption className="visually-hidden">Avvikelser per kommun, sorterat på antal per 10 000 invånare</caption>
          <thead>
            <tr>
              <th scope="col">Kommun</th>
              <th scope="col" className="num">
                Antal
              </th>
              <th scope="col" className="num">
                Per 10 000 invånare
              </th>
              <th scope="col" className="num">
                Folkmängd
              </th>
              <th scope="col" className="num">
                År
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => {
              const pu = pop.get(k.code);
              return (
                <tr key={k.code}>
                  <th scope="row">{k.kommun}</th>
                  <td className="num">
                    <CountLink n={k.count} indicator="dev.byKommun" k={k.code} p={p} what={`avvikelserna som berör ${k.kommun}`} />
                  </td>
                  <td className="num">{k.per10k === null ? <span title="Folkmängd saknas">–</span> : formatDecimal(k.per10k, 2)}</td>
                  <td className="num">{pu && pu.value !== null ? formatInt(pu.value) : 'saknas'}</td>
                  <td className="num">{pu?.year ?? '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DeadlineSection({ d, asOf }: { d: Dashboard; asOf?: string }) {
  const days = d.current.period.deadlineDays;
  return (
    <section className="card" aria-labelledby="h-deadline">
      <h3 id="h-deadline">Svar inom svarstiden och ledtider</h3>
      <p className="deadline-setting">
        <strong>Svarstid {formatInt(days)} dagar</strong> (inställning) – ändras under <a href={href('/installningar')}>Inställningar</a>.
      </p>
      <CompareTable
        ids={['dev.answeredWithinDeadline', 'dev.daysToAnswer', 'dev.daysToClose', 'dev.closedShare', 'dev.recurring']}
        d={d}
        asOf={asOf}
        caption="Svar inom svarstiden och ledtider"
      />
    </section>
  );
}

export function listSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

export { casesHref };
