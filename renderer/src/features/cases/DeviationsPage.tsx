import type { Route } from '../../router';
import { href } from '../../router';
import { useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { deviationStatuses, type DeviationStatus, type PartyType } from '../../../../shared/domain/enums';
import { deviationStatusLabels } from '../../../../shared/labels.sv';
import { CaseLoadError, FactsCard, formatDateTime, partyLabel, qp } from './common';
import { CaseListPage, FilterInput, FilterSelect, categoryOptions, partyTypeOptions, sortParam, yesNoOptions, type FilterOption } from './CaseListPage';
import { HistorySection } from './HistorySection';
import { LessonsSection } from './LessonsSection';
import { SimilarSection } from './SimilarSection';
import { PrecedentSection } from './PrecedentSection';

export function DeviationsPage({ route }: { route: Route }) {
  const id = route.segments[1];
  if (id && /^\d+$/.test(id)) return <DeviationView id={Number(id)} />;
  return <DeviationList query={route.query} />;
}

const FILTER_KEYS = ['from', 'to', 'kategori', 'kommun', 'enhet', 'huvudman', 'status', 'grad', 'lardom', 'q', 'sort'] as const;
const statusOptions: FilterOption[] = deviationStatuses.map((s) => [s, deviationStatusLabels[s]]);
/** The agreement's 1–4 scale (IMPORT.md): exactly this grade. */
const severityOptions: FilterOption[] = [
  ['1', '1 – mindre allvarlig'],
  ['2', '2 – måttlig'],
  ['3', '3 – allvarlig'],
  ['4', '4 – mycket allvarlig'],
];

function toApiFilter(q: URLSearchParams) {
  const lesson = qp(q, 'lardom');
  const grad = qp(q, 'grad');
  return {
    kind: 'deviation' as const,
    from: qp(q, 'from'),
    to: qp(q, 'to'),
    category: qp(q, 'kategori'),
    kommunCode: qp(q, 'kommun'),
    org: qp(q, 'enhet'),
    partyType: qp(q, 'huvudman') as PartyType | undefined,
    status: qp(q, 'status') as DeviationStatus | undefined,
    severity: grad && /^[1-4]$/.test(grad) ? Number(grad) : undefined,
    hasLesson: lesson === 'ja' ? true : lesson === 'nej' ? false : undefined,
    q: qp(q, 'q'),
    sort: sortParam(q),
  };
}

function DeviationList({ query }: { query: URLSearchParams }) {
  const { info } = useWorkspace();
  const kommunOptions: FilterOption[] = info.settings.kommuner.map((k) => [k.code, k.name]);
  return (
    <CaseListPage
      query={query}
      path="/avvikelser"
      keys={FILTER_KEYS}
      toFilter={toApiFilter}
      title="Avvikelser"
      intro="Avvikelser i samverkan från importerade filer. Filtrera, sök i texten och öppna ett ärende för historik, lärdomar och liknande fall."
      formLabel="Filtrera avvikelser"
      search={{ id: 'f-q', label: 'Sök i avvikelsernas text', placeholder: 't.ex. hjälpmedel utskrivning' }}
      fields={(f, set) => (
        <>
          <FilterInput id="f-from" label="Rapporterad från" type="date" value={f.from} onChange={set('from')} />
          <FilterInput id="f-to" label="till och med" type="date" value={f.to} onChange={set('to')} />
          <FilterSelect id="f-cat" label="Kategori" value={f.kategori} onChange={set('kategori')} options={categoryOptions} />
          <FilterSelect id="f-kommun" label="Kommun" value={f.kommun} onChange={set('kommun')} options={kommunOptions} />
          <FilterSelect id="f-party" label="Huvudman (någon part)" value={f.huvudman} onChange={set('huvudman')} options={partyTypeOptions} />
          <FilterInput id="f-org" label="Part: enhetens namn (exakt)" value={f.enhet} onChange={set('enhet')} />
          <FilterSelect id="f-status" label="Status" value={f.status} onChange={set('status')} options={statusOptions} />
          <FilterSelect id="f-sev" label="Allvarlighetsgrad" value={f.grad} onChange={set('grad')} options={severityOptions} />
          <FilterSelect id="f-lesson" label="Har lärdom" value={f.lardom} onChange={set('lardom')} options={yesNoOptions} />
        </>
      )}
      resultId="dev-result-h"
      noun={['avvikelse', 'avvikelser']}
      showLoading
      caption="Avvikelser"
      empty={{
        title: 'Inga avvikelser',
        filtered: <p>Inga avvikelser matchar filtren. Ändra eller rensa filtren.</p>,
        none: <p>Importera en export från MedControl PRO under Import.</p>,
      }}
    />
  );
}

function DeviationView({ id }: { id: number }) {
  const q = useApi('cases.deviation', { id });
  const d = q.data;
  if (q.error && !d) return <CaseLoadError title="Avvikelse" error={q.error} path="/avvikelser" linkText="Till listan över avvikelser" />;
  if (!d) return <Loading />;
  const rows: [string, string][] = [
    ['Ärende-id', d.externalId],
    ['Källsystem', d.sourceSystem],
    ['Rapporterad', d.reportedAt],
    ['Händelsedatum', d.occurredAt ?? '–'],
    ['Rapporterande enhet', `${d.reportingOrg} (${partyLabel(d.reportingPartyType)})`],
    ['Mottagande enhet', `${d.receivingOrg} (${partyLabel(d.receivingPartyType)})`],
    ['Kommun', d.kommun],
    ['Område', d.categoryLabel + (d.rawCategory && d.rawCategory !== d.categoryLabel ? ` (i filen: ${d.rawCategory})` : '')],
    ['Underkategori', d.subcategory ?? '–'],
    ['Allvarlighetsgrad', d.severity == null ? '–' : String(d.severity)],
    ['Status', d.statusLabel],
    ['Besvarad', d.answeredAt ?? '–'],
    ['Avslutad', d.closedAt ?? '–'],
    ['Importerad från', d.batchFileName ? `${d.batchFileName}${d.batchId ? ` (import nr ${d.batchId})` : ''}` : '–'],
    ['Senast ändrad', formatDateTime(d.updatedAt)],
  ];
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/avvikelser')}>Avvikelser</a> <span aria-hidden="true">›</span> {d.externalId}
      </p>
      <PageHeader title={`Avvikelse ${d.externalId}`} intro={`${d.categoryLabel} · ${d.kommun} · ${d.statusLabel}`} />
      <div className="detail-grid">
        <FactsCard id="dev-facts-h" rows={rows} />
        <section className="card" aria-labelledby="dev-text-h">
          <h2 id="dev-text-h">Händelse och åtgärd</h2>
          <h3 className="h4">Händelsebeskrivning</h3>
          <p className="prewrap">{d.description ?? '–'}</p>
          <h3 className="h4">Åtgärd</h3>
          <p className="prewrap">{d.action ?? '–'}</p>
        </section>
      </div>
      <section className="card" aria-labelledby="dev-disputes-h">
        <h2 id="dev-disputes-h">Kopplade oenigheter och tvister</h2>
        {d.linkedDisputes.length ? (
          <ul>
            {d.linkedDisputes.map((c) => (
              <li key={c.id}>
                <a href={href(`/tvister/${c.id}`)}>{c.externalId}</a> – {c.title} · {c.date} · {c.status}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Ingen oenighet eller tvist är kopplad till avvikelsen.</p>
        )}
      </section>
      <LessonsSection kind="deviation" caseId={d.id} lessons={d.lessons} onChanged={q.reload} />
      <PrecedentSection kind="deviation" id={d.id} resolved={d.resolved} precedents={d.precedents} />
      <SimilarSection kind="deviation" id={d.id} />
      <HistorySection history={d.history} />
    </>
  );
}
