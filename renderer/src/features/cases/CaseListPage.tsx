/**
 * The list page shared by Avvikelser and Oenighet och tvist: the filters (kept in the URL), the
 * CSV export, the result count, the table and the pager. Each page supplies its own filter keys,
 * the mapping from the URL to the API filter, the texts and the filter fields.
 */
import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { href, navigate } from '../../router';
import { useAction, useApi } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { downloadBase64 } from '../../components/files';
import type { MethodInput } from '../../../../shared/api/contract';
import { categoryCodes, partyTypes, type CategoryCode } from '../../../../shared/domain/enums';
import { categoryLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import { CaseTable, Pager, useCursorPaging } from './common';

const PAGE = 50;

export type CaseListFilter = MethodInput<'cases.exportCsv'> & { sort: 'date_asc' | 'date_desc' };
export type FilterValues<K extends string> = Record<K | 'q' | 'sort', string>;
type OnValue = (e: { target: { value: string } }) => void;
export type FilterOption = readonly [value: string, label: string];

export const categoryOptions: FilterOption[] = categoryCodes.map((c) => [c, categoryLabels[c as CategoryCode]]);
export const partyTypeOptions: FilterOption[] = partyTypes.map((p) => [p, partyTypeLabels[p]]);
export const yesNoOptions: FilterOption[] = [
  ['ja', 'Ja'],
  ['nej', 'Nej'],
];

/** The sort order in the URL ('asc' or nothing) as the API's sort. */
export const sortParam = (q: URLSearchParams) => (q.get('sort')?.trim() === 'asc' ? 'date_asc' : 'date_desc') as 'date_asc' | 'date_desc';

function readFilters<K extends string>(keys: readonly K[], q: URLSearchParams): FilterValues<K> {
  const o = {} as Record<string, string>;
  for (const k of keys) o[k] = q.get(k) ?? '';
  return o as FilterValues<K>;
}

/** A labelled input in the filter grid. */
export function FilterInput({ id, label, ...input }: { id: string; label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </div>
  );
}

/** A labelled select in the filter grid; the first option, "Alla", is no filter. */
export function FilterSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: OnValue; options: readonly FilterOption[] }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={onChange}>
        <option value="">Alla</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CaseListPageProps<K extends string> {
  query: URLSearchParams;
  /** The route of the list, '/avvikelser' or '/tvister'. */
  path: string;
  /** The URL parameters that are filters (with 'q' and 'sort'). */
  keys: readonly (K | 'q' | 'sort')[];
  toFilter(q: URLSearchParams): CaseListFilter;
  title: string;
  intro: string;
  /** Header actions shown before the export button. */
  actions?: ReactNode;
  formLabel: string;
  search: { id: string; label: string; placeholder?: string };
  /** The fields of the filter grid. */
  fields(f: FilterValues<K>, set: (k: K) => OnValue): ReactNode;
  resultId: string;
  /** Singular and plural of the word counted. */
  noun: readonly [string, string];
  /** Says "Hämtar …" in the count while a new page loads. */
  showLoading?: boolean;
  caption: string;
  empty: { title: string; action?: ReactNode; filtered: ReactNode; none: ReactNode };
}

export function CaseListPage<K extends string>(props: CaseListPageProps<K>) {
  const { query, path, keys } = props;
  const filter = props.toFilter(query);
  const paging = useCursorPaging(JSON.stringify(filter));
  const list = useApi('cases.list', { ...filter, cursor: paging.cursor, limit: PAGE });
  const exportCsv = useAction('cases.exportCsv');
  // a list counted only to a bound ("över 10 000") can be counted exactly on request
  const countExact = useAction('cases.count');
  const filterKey = JSON.stringify(filter);
  const [exact, setExact] = useState<{ key: string; total: number } | null>(null);
  const exactTotal = exact && exact.key === filterKey ? exact.total : null;
  const [exported, setExported] = useState('');
  const [f, setF] = useState<FilterValues<K>>(() => readFilters(keys, query));
  useEffect(() => setF(readFilters(keys, query)), [query.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (k: K | 'q') => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const activeCount = keys.filter((k) => k !== 'sort' && query.get(k)).length;

  return (
    <>
      <PageHeader
        title={props.title}
        intro={props.intro}
        actions={
          <>
            {props.actions}
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
          </>
        }
      />
      <ErrorMessage error={exportCsv.error} />
      {exported ? (
        <p role="status" className="ok">
          {exported}
        </p>
      ) : null}
      <form
        className="card filters"
        role="search"
        aria-label={props.formLabel}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(path, f);
        }}
      >
        <div className="filter-search">
          <label htmlFor={props.search.id}>{props.search.label}</label>
          <div className="inline">
            <input id={props.search.id} type="search" value={f.q} onChange={set('q')} placeholder={props.search.placeholder} />
            <button type="submit" className="primary">
              Sök och filtrera
            </button>
          </div>
        </div>
        <details className="more-filters" open={activeCount > (query.get('q') ? 1 : 0)}>
          <summary>Filter: period, område, part, status …{activeCount ? ` (${activeCount} valda)` : ''}</summary>
          <div className="filter-grid">{props.fields(f, set)}</div>
        </details>
        <div className="form-actions">
          <button type="submit">Använd filter</button>
          {activeCount > 0 ? (
            <a href={href(path)} className="button-link">
              Rensa filter ({activeCount})
            </a>
          ) : null}
        </div>
      </form>
      <ErrorMessage error={list.error} />
      {list.data ? (
        <section aria-labelledby={props.resultId}>
          <h2 id={props.resultId} className="visually-hidden">
            Resultat
          </h2>
          {/* the button is outside the live region: a screen reader hears the count, not the button */}
          <div className="inline-form">
            <p role="status" className="result-count">
              {props.showLoading && list.loading ? 'Hämtar … ' : ''}
              {exactTotal !== null
                ? `${formatInt(exactTotal)} ${exactTotal === 1 ? props.noun[0] : props.noun[1]}${activeCount ? ' med valda filter' : ''} (räknat exakt).`
                : list.data.totalIsLowerBound
                  ? `Över ${formatInt(list.data.total)} ${props.noun[1]}${activeCount ? ' med valda filter' : ''}.`
                  : `${formatInt(list.data.total)} ${list.data.total === 1 ? props.noun[0] : props.noun[1]}${activeCount ? ' med valda filter' : ''}.`}
            </p>
            {exactTotal === null && list.data.totalIsLowerBound ? (
              <button
                type="button"
                className="link-button"
                disabled={countExact.busy}
                onClick={async () => {
                  const out = await countExact.run(filter);
                  if (out) setExact({ key: filterKey, total: out.total });
                }}
              >
                {countExact.busy ? 'Räknar …' : 'Räkna exakt'}
              </button>
            ) : null}
          </div>
          <ErrorMessage error={countExact.error} />
          {list.data.total === 0 ? (
            <EmptyState title={props.empty.title} action={props.empty.action}>
              {activeCount ? props.empty.filtered : props.empty.none}
            </EmptyState>
          ) : (
            <>
              <CaseTable
                cases={list.data.cases}
                caption={props.caption}
                sort={filter.sort}
                onSort={() => navigate(path, { ...readFilters(keys, query), sort: filter.sort === 'date_desc' ? 'asc' : '' })}
              />
              <Pager
                page={paging.page}
                shown={list.data.cases.length}
                limit={PAGE}
                total={exactTotal ?? list.data.total}
                totalIsLowerBound={exactTotal === null && list.data.totalIsLowerBound}
                nextCursor={list.data.nextCursor}
                onNext={paging.next}
                onPrev={paging.prev}
              />
            </>
          )}
        </section>
      ) : list.loading ? (
        <Loading />
      ) : null}
    </>
  );
}
