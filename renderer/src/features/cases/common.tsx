import { useEffect, useState, type ReactNode } from 'react';
import type { CaseSummary } from '../../../../shared/api/common';
import { categoryLabels, deviationStatusLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import type { CategoryCode, DeviationStatus, PartyType } from '../../../../shared/domain/enums';
import { formatInt } from '../../../../shared/format';
import { href } from '../../router';
import { SortHeader } from '../../components/SortHeader';
import { ErrorMessage, PageHeader } from '../../components/ui';
import type { ApiError } from '../../api/client';

export type CaseKind = 'deviation' | 'dispute';

export const casePath = (kind: CaseKind, id: number | string) => (kind === 'deviation' ? `/avvikelser/${id}` : `/tvister/${id}`);
export const caseKindLabel = (kind: CaseKind) => (kind === 'deviation' ? 'Avvikelse' : 'Oenighet/tvist');

export function categoryLabel(code: string | null | undefined): string {
  if (!code) return '–';
  return categoryLabels[code as CategoryCode] ?? code;
}
export function deviationStatusLabel(code: string): string {
  return deviationStatusLabels[code as DeviationStatus] ?? code;
}
/** Dispute list status 'steg 1'…'löst' → 'Steg 1'…'Löst'. */
export function disputeStatusLabel(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}
export function partyLabel(t: string | null | undefined): string {
  return t ? (partyTypeLabels[t as PartyType] ?? t) : '–';
}

export { formatDateTime } from '../../components/files';
export const formatDate = (s: string | null | undefined) => (s ? s.slice(0, 10) : '–');

/** Today's local date, YYYY-MM-DD. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A value shown as text; unknown values as an en dash. */
export function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
  if (typeof v === 'number') return formatInt(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Keyset paging: a stack of cursors, reset when `resetKey` changes. */
/**
 * Cursor paging whose position survives leaving the page: the cursors are kept in sessionStorage
 * per list (path + filters), so "Back" from a case returns to the same page of results.
 */
export function useCursorPaging(resetKey: string) {
  const scope = `samsyn.paging:${window.location.hash.split('?')[0]}`;
  const [stack, setStack] = useState<string[]>(() => savedStack(scope, resetKey));
  // new filters: back to the first page (adjusted while rendering, so no stale page is fetched)
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setStack([]);
  }
  useEffect(() => {
    try {
      sessionStorage.setItem(scope, JSON.stringify({ key: resetKey, stack }));
    } catch {
      /* storage full or unavailable: paging still works, it is just not remembered */
    }
  }, [scope, resetKey, stack]);
  return {
    cursor: stack.length ? stack[stack.length - 1] : undefined,
    page: stack.length + 1,
    next: (c: string) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => s.slice(0, -1)),
  };
}

function savedStack(scope: string, key: string): string[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(scope) ?? 'null') as { key?: unknown; stack?: unknown } | null;
    return saved && saved.key === key && Array.isArray(saved.stack) && saved.stack.every((c) => typeof c === 'string') ? (saved.stack as string[]) : [];
  } catch {
    return [];
  }
}

export function Pager(props: {
  page: number;
  shown: number;
  limit: number;
  total: number;
  /** the list holds more than `total` (counted only to a bound) */
  totalIsLowerBound?: boolean;
  nextCursor: string | null | undefined;
  onNext(c: string): void;
  onPrev(): void;
}) {
  const first = (props.page - 1) * props.limit + 1;
  const last = first + props.shown - 1;
  // on the last page of a list counted only to a bound, its length is known
  const atEnd = props.totalIsLowerBound && !props.nextCursor && props.shown > 0;
  const total = atEnd ? formatInt(last) : `${props.totalIsLowerBound ? 'över ' : ''}${formatInt(props.total)}`;
  return (
    <nav className="pager" aria-label="Sidbläddring">
      <button type="button" onClick={props.onPrev} disabled={props.page <= 1}>
        <span aria-hidden="true">← </span>Föregående
      </button>
      <span>
        {props.shown > 0 ? `Rad ${formatInt(first)}–${formatInt(last)} av ${total}` : `0 av ${total}`} · sida {props.page}
      </span>
      <button type="button" onClick={() => props.nextCursor && props.onNext(props.nextCursor)} disabled={!props.nextCursor}>
        Nästa sida<span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** A table of cases; the id cell is a link to the case. */
export function CaseTable({
  cases,
  caption,
  sort,
  onSort,
}: {
  cases: CaseSummary[];
  caption: string;
  sort?: 'date_desc' | 'date_asc';
  onSort?: () => void;
}) {
  const dev = cases[0]?.kind !== 'dispute';
  return (
    <div className="table-wrap">
      <table className="case-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ärende</th>
            {onSort ? (
              <SortHeader label={dev ? 'Rapporterad' : 'Öppnad'} direction={sort === 'date_asc' ? 'ascending' : 'descending'} onToggle={onSort} />
            ) : (
              <th scope="col">Datum</th>
            )}
            <th scope="col">Område</th>
            {dev ? <th scope="col">Kommun</th> : null}
            <th scope="col">{dev ? 'Rapporterande enhet' : 'Part A'}</th>
            <th scope="col">{dev ? 'Mottagande enhet' : 'Part B'}</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={`${c.kind}-${c.id}`}>
              <th scope="row" className="nowrap">
                <a href={href(casePath(c.kind, c.id))}>{c.externalId}</a>
              </th>
              <td className="nowrap">{c.date}</td>
              <td className="c-area">{c.title}</td>
              {dev ? <td className="nowrap">{c.kommun ?? '–'}</td> : null}
              <td className="c-org">{c.reportingOrg ?? '–'}</td>
              <td className="c-org">{c.receivingOrg ?? '–'}</td>
              <td className="nowrap">{c.kind === 'deviation' ? deviationStatusLabel(c.status) : disputeStatusLabel(c.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Reads a query parameter as a trimmed string (undefined when empty). */
export function qp(q: URLSearchParams, key: string): string | undefined {
  const v = q.get(key)?.trim();
  return v ? v : undefined;
}

/** The "Uppgifter" card of a case: label and value, one row each. */
export function FactsCard({ id, rows }: { id: string; rows: [string, ReactNode][] }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>Uppgifter</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A case that could not be read: the error and a link back to the list. */
export function CaseLoadError({ title, error, path, linkText }: { title: string; error: ApiError; path: string; linkText: string }) {
  return (
    <>
      <PageHeader title={title} />
      <ErrorMessage error={error} />
      <a href={href(path)}>{linkText}</a>
    </>
  );
}
