/**
 * The VVG report as one A4 document (REPORT.md). The same component is the on-screen preview
 * (report page) and the print route that Electron and Chromium turn into the PDF. Charts are
 * the dashboard's chart components at fixed print sizes; every figure comes from the report
 * model (i.e. from indicators.dashboard) and is only formatted here.
 */
import type { ReactNode } from 'react';
import type { ReportModel } from '../../../shared/api/reports';
import type { IndicatorValues } from '../../../shared/indicators/schemas';
import { catalogue, commonTermsText, indicatorGroupLabels, type IndicatorGroup, type IndicatorId } from '../../../shared/indicators/catalogue';
import { countOf, formatInt, formatPercent, formatSek } from '../../../shared/format';
import { stepLabels } from '../../../shared/labels.sv';
import { FlowMatrix, HBarChart, RunChart, runChartSignalText } from '../components/charts';
import { change, type CompareKind } from '../features/dashboard/compare';
import { periodRange } from '../features/dashboard/period';
import { cellCount, daysText, isSuppressed, leadText, paragraphs, periodText, rangeLines, rateText, shareParts, shareText } from './format';
import './report.css';

/** "Brister i rutin" → "brister i rutin" inside a sentence; an abbreviation ("IT-stöd") keeps its capitals. */
function lowerFirst(label: string): string {
  return /^[A-ZÅÄÖ]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** Content width of an A4 page with 15 mm margins, in CSS px. */
export const PRINT_WIDTH = 680;

const label = (id: IndicatorId) => catalogue.find((e) => e.id === id)?.label ?? id;
/** "10 000" never breaks over two lines in a narrow column (the digit groups' space becomes a no-break space). */
const keepNumbers = (s: string) => s.replace(/(\d) (?=\d{3}\b)/g, '$1\u00a0');

interface KeyRow {
  id: IndicatorId;
  kind: CompareKind;
  value(v: IndicatorValues): number | null;
  text(v: IndicatorValues): string;
  /** Share parts ("363 av 412") printed under the value. */
  parts?(v: IndicatorValues): string;
  /** Added to the row's label. */
  suffix?: string;
}

const keyRows: KeyRow[] = [
  { id: 'dev.count', kind: 'count', value: (v) => v['dev.count'], text: (v) => formatInt(v['dev.count']) },
  { id: 'dev.per10k', kind: 'rate', value: (v) => v['dev.per10k'], text: (v) => rateText(v['dev.per10k']) },
  { id: 'dev.severe', kind: 'count', value: (v) => v['dev.severe'], text: (v) => formatInt(v['dev.severe']) },
  {
    id: 'dev.answeredWithinDeadline',
    kind: 'share',
    value: (v) => v['dev.answeredWithinDeadline'].share,
    text: (v) => shareText(v['dev.answeredWithinDeadline']),
    parts: (v) => shareParts(v['dev.answeredWithinDeadline']),
  },
  { id: 'dev.daysToAnswer', kind: 'days', value: (v) => v['dev.daysToAnswer'].median, text: (v) => daysText(v['dev.daysToAnswer'].median), suffix: ', median' },
  { id: 'disp.opened', kind: 'count', value: (v) => v['disp.opened'], text: (v) => formatInt(v['disp.opened']) },
  { id: 'disp.resolved', kind: 'count', value: (v) => v['disp.resolved'], text: (v) => formatInt(v['disp.resolved']) },
  {
    id: 'disp.resolvedAtStep1',
    kind: 'share',
    value: (v) => v['disp.resolvedAtStep1'].share,
    text: (v) => shareText(v['disp.resolvedAtStep1']),
    parts: (v) => shareParts(v['disp.resolvedAtStep1']),
  },
  { id: 'disp.reachedTvist', kind: 'count', value: (v) => v['disp.reachedTvist'], text: (v) => formatInt(v['disp.reachedTvist']) },
  { id: 'disp.openAtEnd', kind: 'count', value: (v) => v['disp.openAtEnd'].total, text: (v) => formatInt(v['disp.openAtEnd'].total) },
  {
    id: 'learn.lessonCoverage',
    kind: 'share',
    value: (v) => v['learn.lessonCoverage'].share,
    text: (v) => shareText(v['learn.lessonCoverage']),
    parts: (v) => shareParts(v['learn.lessonCoverage']),
  },
];

function keyCell(r: KeyRow, v: IndicatorValues): ReactNode {
  if (!r.parts) return r.text(v);
  return (
    <>
      {r.text(v)}
      <span className="rd-parts">{r.parts(v)}</span>
    </>
  );
}

/** A key-figure column's head: its name and, below it, the compared period (a range of dates on two lines, broken after the dash). */
function PeriodHead({ name, range }: { name: string; range: string }) {
  const lines = rangeLines(range);
  return (
    <th scope="col" className="num">
      {name}
      {lines.map((l, i) => (
        <span key={i} className="rd-th-sub">
          {l}
        </span>
      ))}
    </th>
  );
}

function Change({ kind, cur, earlier, against }: { kind: CompareKind; cur: number | null; earlier: number | null; against: string }) {
  const c = change(kind, cur, earlier, against);
  if (c.diff === null) return <span className="rd-chg rd-chg-none">–</span>;
  const word = c.diff === 0 ? 'oförändrat' : c.diff > 0 ? 'ökning' : 'minskning';
  return (
    <span className="rd-chg" title={c.text}>
      <span className="rd-chg-fig">
        {c.arrow} {c.short}
      </span>{' '}
      <span className="rd-chg-word">{word}</span>
    </span>
  );
}

const kindLabels = { deviations: 'Avvikelser', disputes: 'Oenighet/tvist', population: 'Folkmängd' } as const;

function Section({ id, n, title, children, newPage }: { id: string; n: number; title: string; children: ReactNode; newPage?: boolean }) {
  return (
    <section className={`rd-section${newPage ? ' rd-new-page' : ''}`} aria-labelledby={`rd-${id}`}>
      <h2 id={`rd-${id}`}>
        {n} {title}
      </h2>
      {children}
    </section>
  );
}

function Text({ text, empty }: { text: string; empty: string }) {
  const ps = paragraphs(text);
  if (ps.length === 0) return <p className="rd-muted">{empty}</p>;
  return (
    <div className="rd-text">
      {ps.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

export interface ReportDocumentProps {
  model: ReportModel;
  /** Called by each chart when drawn (the print route counts them). */
  onChartRendered?(): void;
}

export function ReportDocument({ model, onChartRendered }: ReportDocumentProps) {
  const d = model.dashboard;
  const v = d.current.indicators;
  const pv = d.previous.indicators;
  const yv = d.yearEarlier.indicators;
  const sup = model.smallCellSuppression;
  const rc = v['dev.monthly'];
  const cats = v['dev.byCategory'];
  const open = v['disp.openAtEnd'];
  const pop = d.current.population;
  const kommunTotal = v['dev.byKommun'].reduce((s, k) => s + k.count, 0);
  const anySuppressed = v['dev.byKommun'].some((k) => isSuppressed(k.count, sup));
  const groups: IndicatorGroup[] = ['avvikelser', 'oenighet_tvist', 'larande'];
  const periodLine = periodText(model.period);

  return (
    <article className="report-doc" lang="sv" data-report-hash={model.figuresHash}>
      <header className="rd-title">
        <p className="rd-kicker">Rapport till Vårdsamverkan Västra Götaland (VVG)</p>
        <h1>{model.title}</h1>
        <dl className="rd-meta">
          <div>
            <dt>Delregion</dt>
            <dd>{model.delregion.name}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>
              {periodLine.label ? (
                <>
                  {periodLine.label} <span className="rd-nowrap">({periodLine.range})</span>
                </>
              ) : (
                <span className="rd-nowrap">{periodLine.range}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Data per</dt>
            <dd>{model.asOf}</dd>
          </div>
          <div>
            <dt>Svarstid</dt>
            <dd>{formatInt(model.deadlineDays)} dagar</dd>
          </div>
          <div>
            <dt>Författare</dt>
            <dd>{model.author || '–'}</dd>
          </div>
          <div>
            <dt>Datum</dt>
            <dd>{model.reportDate}</dd>
          </div>
        </dl>
        <h3 className="rd-h3">Datakällor</h3>
        {model.sources.length === 0 ? (
          <p className="rd-muted">Inga importerade filer (arbetsytan innehåller bara manuellt registrerade uppgifter).</p>
        ) : (
          <table className="rd-table rd-sources">
            <thead>
              <tr>
                <th scope="col">Fil</th>
                <th scope="col">Typ</th>
                <th scope="col">Importerad</th>
                <th scope="col" className="num">
                  Rader
                </th>
                <th scope="col" className="num">
                  Nya
                </th>
                <th scope="col" className="num">
                  Ändrade
                </th>
                <th scope="col" className="num">
                  Karantän
                </th>
              </tr>
            </thead>
            <tbody>
              {model.sources.map((s, i) => (
                <tr key={i}>
                  <td className="rd-file">{s.fileName}</td>
                  <td>{kindLabels[s.kind]}</td>
                  <td>{s.importedOn}</td>
                  <td className="num">{formatInt(s.rows)}</td>
                  <td className="num">{formatInt(s.inserted)}</td>
                  <td className="num">{formatInt(s.updated)}</td>
                  <td className="num">{formatInt(s.quarantined)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {model.sourcesOmitted > 0 ? <p className="rd-small">… och {formatInt(model.sourcesOmitted)} äldre importer.</p> : null}
      </header>

      <Section id="sammanfattning" n={1} title="Sammanfattning">
        <table className="rd-table rd-keyfigures">
          <caption>Nyckeltal för perioden jämfört med föregående period av samma längd och samma period ett år tidigare</caption>
          <thead>
            <tr>
              <th scope="col">Mått</th>
              <PeriodHead name="Perioden" range={periodRange(d.current.period)} />
              <PeriodHead name="Föregående" range={periodRange(d.previous.period)} />
              <th scope="col">Förändring</th>
              <PeriodHead name="Ett år tidigare" range={periodRange(d.yearEarlier.period)} />
              <th scope="col">Förändring</th>
            </tr>
          </thead>
          <tbody>
            {keyRows.map((r) => (
              <tr key={r.id} data-figure={r.id}>
                <th scope="row">
                  {keepNumbers(label(r.id))}
                  {r.suffix ?? ''}
                </th>
                <td className="num rd-cur">{keyCell(r, v)}</td>
                <td className="num">{keyCell(r, pv)}</td>
                <td>
                  <Change kind={r.kind} cur={r.value(v)} earlier={r.value(pv)} against="föregående period" />
                </td>
                <td className="num">{keyCell(r, yv)}</td>
                <td>
                  <Change kind={r.kind} cur={r.value(v)} earlier={r.value(yv)} against="samma period ett år tidigare" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="rd-small">
          Pilarna visar förändringen från den jämförda perioden till rapportperioden (↑ ökning, ↓ minskning, → oförändrat); för andelar i
          procentenheter (p.e.). Svarstid {formatInt(model.deadlineDays)} dagar.
        </p>
        <h3 className="rd-h3">Analytikerns sammanfattning</h3>
        <Text text={model.texts.summary} empty="Ingen sammanfattning är skriven." />
      </Section>

      <Section id="avvikelser" n={2} title="Avvikelser i samverkan">
        <p>
          Under perioden rapporterades <strong>{formatInt(v['dev.count'])}</strong> avvikelser i samverkan
          {v['dev.per10k'] !== null ? <> ({rateText(v['dev.per10k'])} per 10 000 invånare)</> : null}, varav {formatInt(v['dev.severe'])} allvarliga
          (allvarlighetsgrad 3–4). {shareText(v['dev.closedShare'])} av dem var avslutade per {model.asOf}.
        </p>
        <div className="rd-block">
          <h3 className="rd-h3">{label('dev.monthly')}</h3>
          {rc.points.length === 0 ? (
            <p className="rd-muted">Det finns inga avvikelser att visa per månad.</p>
          ) : (
            <RunChart data={rc} mode="chart" width={PRINT_WIDTH} height={240} onRendered={onChartRendered} />
          )}
          <p className="rd-signal">
            <strong>Analys enligt Anhøjs regler:</strong> {runChartSignalText(rc)}
          </p>
        </div>
        <div className="rd-block">
          <h3 className="rd-h3">{label('dev.byCategory')}</h3>
          {cats.length === 0 ? (
            <p className="rd-muted">Inga avvikelser i perioden.</p>
          ) : (
            <HBarChart
              name="report-by-category"
              mode="chart"
              width={PRINT_WIDTH}
              barSize={26}
              items={cats.map((c) => ({ key: c.category, label: c.label, value: c.count, valueLabel: `${formatInt(c.count)} (${formatPercent(c.share, 1)})` }))}
              summary={`Antal avvikelser per område och andel av periodens ${formatInt(v['dev.count'])} avvikelser.`}
              columns={['Område', 'Antal', 'Andel']}
              onRendered={onChartRendered}
            />
          )}
        </div>
        <div className="rd-block">
          <h3 className="rd-h3">{label('dev.byFlow')}</h3>
          <FlowMatrix flows={v['dev.byFlow']} caption="Antal avvikelser från rapporterande till mottagande huvudman" />
        </div>
        <div className="rd-block">
          <h3 className="rd-h3">{label('dev.byKommun')}</h3>
          <table className="rd-table rd-kommun">
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
                  Folkmängd (år)
                </th>
              </tr>
            </thead>
            <tbody>
              {v['dev.byKommun'].map((k) => {
                const p = d.populationYears.find((x) => x.code === k.code);
                const hidden = isSuppressed(k.count, sup);
                return (
                  <tr key={k.code}>
                    <th scope="row">{k.kommun}</th>
                    <td className="num">{cellCount(k.count, sup)}</td>
                    <td className="num">{hidden ? '–' : rateText(k.per10k)}</td>
                    <td className="num">{p && p.value !== null ? `${formatInt(p.value)} (${p.year})` : 'saknas'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Totalt</th>
                <td className="num">{formatInt(kommunTotal)}</td>
                <td className="num">{rateText(v['dev.per10k'])}</td>
                <td className="num">{pop ? formatInt(pop.total) : '–'}</td>
              </tr>
            </tfoot>
          </table>
          {sup ? (
            <p className="rd-small">
              {anySuppressed ? 'Antal från 1 till 4 visas som "<5" och deras tal per 10 000 utelämnas' : 'Antal från 1 till 4 skulle visas som "<5"'} så att ingen
              enskild patient kan pekas ut i en liten kommun. Summan är alltid exakt.
            </p>
          ) : null}
        </div>
        <div className="rd-block">
          <h3 className="rd-h3">Svar inom svarstiden och ledtider</h3>
          <table className="rd-table rd-lead">
            <tbody>
              <tr>
                <th scope="row">
                  {label('dev.answeredWithinDeadline')} ({formatInt(model.deadlineDays)} dagar)
                </th>
                <td className="num">
                  {shareText(v['dev.answeredWithinDeadline'])} ({shareParts(v['dev.answeredWithinDeadline'])})
                </td>
              </tr>
              <tr>
                <th scope="row">{label('dev.daysToAnswer')}</th>
                <td className="num">{leadText(v['dev.daysToAnswer'])}</td>
              </tr>
              <tr>
                <th scope="row">{label('dev.daysToClose')}</th>
                <td className="num">{leadText(v['dev.daysToClose'])}</td>
              </tr>
              <tr>
                <th scope="row">{label('dev.closedShare')}</th>
                <td className="num">
                  {shareText(v['dev.closedShare'])} ({shareParts(v['dev.closedShare'])})
                </td>
              </tr>
              <tr>
                <th scope="row">{label('dev.recurring')}</th>
                <td className="num">
                  {shareText(v['dev.recurring'])} ({shareParts(v['dev.recurring'])})
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="oenighet" n={3} title="Oenighet och tvist">
        <table className="rd-table rd-disp">
          <tbody>
            <tr>
              <th scope="row">{label('disp.opened')}</th>
              <td className="num">{formatInt(v['disp.opened'])}</td>
            </tr>
            <tr>
              <th scope="row">{label('disp.resolved')}</th>
              <td className="num">{formatInt(v['disp.resolved'])}</td>
            </tr>
            <tr>
              <th scope="row">{label('disp.resolvedAtStep1')}</th>
              <td className="num">
                {shareText(v['disp.resolvedAtStep1'])} ({shareParts(v['disp.resolvedAtStep1'])})
              </td>
            </tr>
            <tr>
              <th scope="row">{label('disp.daysToResolve')}</th>
              <td className="num">{leadText(v['disp.daysToResolve'])}</td>
            </tr>
            <tr>
              <th scope="row">{label('disp.reachedTvist')}</th>
              <td className="num">{formatInt(v['disp.reachedTvist'])}</td>
            </tr>
            <tr>
              <th scope="row">{label('disp.temporarySolution')}</th>
              <td className="num">
                {shareText(v['disp.temporarySolution'])} ({shareParts(v['disp.temporarySolution'])})
              </td>
            </tr>
            <tr>
              <th scope="row">{label('disp.economicSettlement')}</th>
              <td className="num">
                {countOf(v['disp.economicSettlement'].count, 'ärende', 'ärenden')}, sammanlagt {formatSek(v['disp.economicSettlement'].totalSek)}
              </td>
            </tr>
            <tr>
              <th scope="row">{label('disp.principled')}</th>
              <td className="num">{formatInt(v['disp.principled'])}</td>
            </tr>
          </tbody>
        </table>
        <div className="rd-block">
          <h3 className="rd-h3">Öppna ärenden vid periodens slut ({model.period.to})</h3>
          <table className="rd-table rd-open">
            <thead>
              <tr>
                <th scope="col">Steg på eskaleringstrappan</th>
                <th scope="col" className="num">
                  Antal
                </th>
              </tr>
            </thead>
            <tbody>
              {([1, 2, 3] as const).map((s) => (
                <tr key={s}>
                  <th scope="row">{stepLabels[s]}</th>
                  <td className="num">{formatInt(open.byStep[String(s) as '1' | '2' | '3'])}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Totalt öppna</th>
                <td className="num">{formatInt(open.total)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="rd-small">
            {open.oldestDays !== null
              ? `Det äldsta öppna ärendet hade varit öppet i ${formatInt(open.oldestDays)} dagar vid periodens slut.`
              : 'Inga ärenden var öppna vid periodens slut.'}
          </p>
        </div>
        <div className="rd-block">
          <h3 className="rd-h3">Ärenden av principiell karaktär att lyfta till VVG</h3>
          {model.principled.length === 0 ? (
            <p className="rd-muted">Inga ärenden av principiell karaktär öppnades under perioden.</p>
          ) : (
            <table className="rd-table rd-principled">
              <thead>
                <tr>
                  <th scope="col">Ärende</th>
                  <th scope="col">Område</th>
                  <th scope="col">Läge</th>
                  <th scope="col">Sammanfattning (avidentifierad)</th>
                </tr>
              </thead>
              <tbody>
                {model.principled.map((p) => (
                  <tr key={p.externalId}>
                    <td className="rd-nowrap">
                      {p.externalId}
                      <br />
                      <span className="rd-small">öppnat {p.openedAt}</span>
                    </td>
                    <td>{p.areaLabel}</td>
                    <td className="rd-nowrap">{p.resolvedAt ? <>löst<br />{p.resolvedAt}</> : p.stepAtEnd === 3 ? 'steg 3 (tvist)' : `steg ${p.stepAtEnd}`}</td>
                    <td>{p.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Section>

      <Section id="larande" n={4} title="Lärdomar och vägledande fall">
        <p>
          {formatInt(model.lessons.total)} {model.lessons.total === 1 ? 'lärdom' : 'lärdomar'} registrerades under perioden. {label('learn.lessonCoverage')}:{' '}
          {shareText(v['learn.lessonCoverage'])} ({shareParts(v['learn.lessonCoverage'])} avslutade ärenden).
        </p>
        {model.lessons.items.length > 0 ? (
          <table className="rd-table rd-lessons">
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Område</th>
                <th scope="col">Lärdom</th>
              </tr>
            </thead>
            <tbody>
              {model.lessons.items.map((l, i) => (
                <tr key={i}>
                  <td className="rd-nowrap">{l.recordedOn}</td>
                  <td>
                    {l.areaLabel}
                    <br />
                    <span className="rd-small">{l.caseKind === 'deviation' ? 'avvikelse' : 'oenighet/tvist'}</span>
                  </td>
                  <td>
                    {l.text}
                    {l.cause ? <span className="rd-small"> (orsak: {lowerFirst(l.cause)})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {model.lessons.total > model.lessons.items.length ? (
          <p className="rd-small">
            De första {formatInt(model.lessons.items.length)} av {formatInt(model.lessons.total)} lärdomar visas.
          </p>
        ) : null}
        <h3 className="rd-h3">Nya vägledande fall ({formatInt(v['learn.newPrecedents'])})</h3>
        {model.precedents.length === 0 ? (
          <p className="rd-muted">Inga nya vägledande fall beslutades under perioden.</p>
        ) : (
          <ul className="rd-precedents">
            {model.precedents.map((p, i) => (
              <li key={i}>
                <strong>{p.title}</strong> <span className="rd-small">({p.areaLabel}{p.decidedAt ? `, beslutat ${p.decidedAt}` : ''})</span>
                <br />
                Princip: {p.principle}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="analys" n={5} title="Analys och förslag">
        <Text text={model.texts.analysis} empty="Ingen analys är skriven." />
      </Section>

      <Section id="metod" n={6} title="Metod och definitioner" newPage>
        <p className="rd-small">{commonTermsText}</p>
        <p className="rd-small">
          Data per {model.asOf}: ett datum efter detta räknas som att händelsen ännu inte har inträffat. Svarstid (D): {formatInt(model.deadlineDays)} dagar
          (arbetsytans inställning). Jämförelserna avser föregående period av samma längd ({d.previous.period.from} – {d.previous.period.to}) och samma
          period ett år tidigare ({d.yearEarlier.period.from} – {d.yearEarlier.period.to}).
        </p>
        <p className="rd-small">
          Folkmängd:{' '}
          {pop
            ? `${formatInt(pop.total)} invånare, ${pop.mixedYears ? `blandade år – äldsta år ${pop.year}` : `år ${pop.year}`} (senaste siffra per kommun med år högst ${model.period.to.slice(0, 4)}).`
            : 'saknas för minst en kommun, därför anges inga tal per 10 000 invånare för hela delregionen.'}
          {d.olderPopulation.length > 0 ? ` Äldre siffror används för ${d.olderPopulation.map((k) => `${k.kommun} (${k.year})`).join(', ')}.` : ''}
          {d.missingPopulation.length > 0 ? ` Folkmängd saknas för ${d.missingPopulation.map((k) => k.kommun).join(', ')}.` : ''}
          {' '}Källa: {[...new Set(d.populationYears.map((k) => k.source).filter(Boolean))].join('; ') || '–'}.
        </p>
        {sup ? (
          <p className="rd-small">
            Små tal: i uppdelningar per kommun visas antal från 1 till 4 som "&lt;5" och motsvarande tal per 10 000 utelämnas. Summor visas alltid exakt.
          </p>
        ) : null}
        {model.redactions > 0 ? (
          <p className="rd-small">
            Avidentifiering: {formatInt(model.redactions)} {model.redactions === 1 ? 'personuppgift' : 'personuppgifter'} (personnummer, telefonnummer, e-postadresser eller pseudonymer) har tagits bort ur
            ärendetexter i rapporten.
          </p>
        ) : null}
        {groups.map((g) => (
          <div key={g} className="rd-defs">
            <h3 className="rd-h3">{indicatorGroupLabels[g]}</h3>
            <dl>
              {catalogue
                .filter((e) => e.group === g)
                .map((e) => (
                  <div key={e.id} className="rd-def">
                    <dt>
                      {e.label} <span className="rd-small">({e.unit})</span>
                    </dt>
                    <dd>{e.definition}</dd>
                  </div>
                ))}
            </dl>
          </div>
        ))}
        <p className="rd-small rd-hash">Kontrollsumma för siffrorna (SHA-256): {model.figuresHash}</p>
      </Section>
    </article>
  );
}
