import { useEffect, useState, type FormEvent } from 'react';
import type { Route } from '../../router';
import { href, navigate } from '../../router';
import { useAction, useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { downloadBase64 } from '../../components/download';
import { categoryCodes, deviationStatuses, partyTypes, type CategoryCode, type DeviationStatus, type PartyType } from '../../../../shared/domain/enums';
import { categoryLabels, deviationStatusLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import { CaseTable, Pager, formatDateTime, partyLabel, qp, useCursorPaging } from './common';
import { HistorySection } from './HistorySection';
import { LessonsSection } from './LessonsSection';
import { SimilarSection } from './SimilarSection';
import { PrecedentSection } from './PrecedentSection';

export function DeviationsPage({ route }: { route: Route }) {
  const id = route.segments[1];
  if (id && /^\d+$/.test(id)) return <DeviationView id={Number(id)} />;
  return <DeviationList query={route.query} />;
}

const PAGE = 50;
const FILTER_KEYS = ['from', 'to', 'kategori', 'kommun', 'enhet', 'huvudman', 'status', 'grad', 'lardom', 'q', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type FilterValues = Record<FilterKey, string>;

function readFilters(q: URLSearchParams): FilterValues {
  const o = {} as FilterValues;
  for (const k of FILTER_KEYS) o[k] = q.get(k) ?? '';
  return o;
}

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
    severity: grad && /^\d+$/.test(grad) ? Number(grad) : undefined,
    hasLesson: lesson === 'ja' ? true : lesson === 'nej' ? false : undefined,
    q: qp(q, 'q'),
    sort: (qp(q, 'sort') === 'asc' ? 'date_asc' : 'date_desc') as 'date_asc' | 'date_desc',
  };
}

function DeviationList({ query }: { query: URLSearchParams }) {
  const { info } = useWorkspace();
  const filter = toApiFilter(query);
  const key = JSON.stringify(filter);
  const paging = useCursorPaging(key);
  const list = useApi('cases.list', { ...filter, cursor: paging.cursor, limit: PAGE });
  const exportCsv = useAction('cases.exportCsv');
  const [exported, setExported] = useState('');
  const [f, setF] = useState<FilterValues>(() => readFilters(query));
  useEffect(() => setF(readFilters(query)), [query.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (k: FilterKey) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate('/avvikelser', f);
  };
  const activeCount = FILTER_KEYS.filter((k) => k !== 'sort' && query.get(k)).length;

  return (
    <>
      <PageHeader
        title="Avvikelser"
        intro="Avvikelser i samverkan från importerade filer. Filtrera, sök i texten och öppna ett ärende för historik, lärdomar och liknande fall."
        actions={
          <button
            type="button"
            disabled={exportCsv.busy}
            onClick={async () => {
              const out = await exportCsv.run(filter);
              if (out) {
                downloadBase64(out.fileName, out.csvBase64);
                setExported(`${formatInt(out.rows)} rader exporterades till ${out.fileName}.`);
              }
            }}
          >
            Exportera till CSV
          </button>
        }
      />
      <ErrorMessage error={exportCsv.error} />
      {exported ? (
        <p role="status" className="ok">
          {exported}
        </p>
      ) : null}
      <form className="card filters" onSubmit={apply} role="search" aria-label="Filtrera avvikelser">
        <div className="filter-search">
          <label htmlFor="f-q">Sök i avvikelsernas text</label>
          <div className="inline">
            <input id="f-q" type="search" value={f.q} onChange={set('q')} placeholder="t.ex. hjälpmedel utskrivning" />
            <button type="submit" className="primary">
              Sök och filtrera
            </button>
          </div>
        </div>
        <details className="more-filters" open={activeCount > (query.get('q') ? 1 : 0)}>
          <summary>Filter: period, område, part, status …{activeCount ? ` (${activeCount} valda)` : ''}</summary>
        <div className="filter-grid">
          <div>
            <label htmlFor="f-from">Rapporterad från</label>
            <input id="f-from" type="date" value={f.from} onChange={set('from')} />
          </div>
          <div>
            <label htmlFor="f-to">till och med</label>
            <input id="f-to" type="date" value={f.to} onChange={set('to')} />
          </div>
          <div>
            <label htmlFor="f-cat">Kategori</label>
            <select id="f-cat" value={f.kategori} onChange={set('kategori')}>
              <option value="">Alla</option>
              {categoryCodes.map((c) => (
                <option key={c} value={c}>
                  {categoryLabels[c as CategoryCode]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-kommun">Kommun</label>
            <select id="f-kommun" value={f.kommun} onChange={set('kommun')}>
              <option value="">Alla</option>
              {info.settings.kommuner.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-party">Huvudman (någon part)</label>
            <select id="f-party" value={f.huvudman} onChange={set('huvudman')}>
              <option value="">Alla</option>
              {partyTypes.map((p) => (
                <option key={p} value={p}>
                  {partyTypeLabels[p]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-org">Part: enhetens namn (exakt)</label>
            <input id="f-org" value={f.enhet} onChange={set('enhet')} />
          </div>
          <div>
            <label htmlFor="f-status">Status</label>
            <select id="f-status" value={f.status} onChange={set('status')}>
              <option value="">Alla</option>
              {deviationStatuses.map((s) => (
                <option key={s} value={s}>
                  {deviationStatusLabels[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-sev">Allvarlighetsgrad</label>
            <input id="f-sev" type="number" min={0} max={99} value={f.grad} onChange={set('grad')} />
          </div>
          <div>
            <label htmlFor="f-lesson">Har lärdom</label>
            <select id="f-lesson" value={f.lardom} onChange={set('lardom')}>
              <option value="">Alla</option>
              <option value="ja">Ja</option>
              <option value="nej">Nej</option>
            </select>
          </div>
        </div>
        </details>
        <div className="form-actions">
          <button type="submit">Använd filter</button>
          {activeCount > 0 ? (
            <a href={href('/avvikelser')} className="button-link">
              Rensa filter ({activeCount})
            </a>
          ) : null}
        </div>
      </form>
      <ErrorMessage error={list.error} />
      {list.data ? (
        <section aria-labelledby="dev-result-h">
          <h2 id="dev-result-h" className="visually-hidden">
            Resultat
          </h2>
          <p role="status" className="result-count">
            {list.loading ? 'Hämtar … ' : ''}
            {formatInt(list.data.total)} {list.data.total === 1 ? 'avvikelse' : 'avvikelser'}
            {activeCount ? ' med valda filter' : ''}.
          </p>
          {list.data.total === 0 ? (
            <EmptyState title="Inga avvikelser">
              {activeCount ? <p>Inga avvikelser matchar filtren. Ändra eller rensa filtren.</p> : <p>Importera en export från MedControl PRO under Import.</p>}
            </EmptyState>
          ) : (
            <>
              <CaseTable
                cases={list.data.cases}
                caption="Avvikelser"
                sort={filter.sort}
                onSort={() => navigate('/avvikelser', { ...readFilters(query), sort: filter.sort === 'date_desc' ? 'asc' : '' })}
              />
              <Pager page={paging.page} shown={list.data.cases.length} limit={PAGE} total={list.data.total} nextCursor={list.data.nextCursor} onNext={paging.next} onPrev={paging.prev} />
            </>
          )}
        </section>
      ) : list.loading ? (
        <Loading />
      ) : null}
    </>
  );
}

function DeviationView({ id }: { id: number }) {
  const q = useApi('cases.deviation', { id });
  const d = q.data;
  if (q.error && !d)
    return (
      <>
        <PageHeader title="Avvikelse" />
        <ErrorMessage error={q.error} />
        <a href={href('/avvikelser')}>Till listan över avvikelser</a>
      </>
    );
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
        <section className="card" aria-labelledby="dev-facts-h">
          <h2 id="dev-facts-h">Uppgifter</h2>
          <dl className="facts">
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
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
