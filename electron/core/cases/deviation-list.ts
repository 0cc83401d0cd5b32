/**
 * The deviation list at county scale (1 000 000 rows and more): the plan for one page and for its
 * total. Measured costs on the benchmark machine at 1 000 000 rows (see COST):
 *   - one step in a covering index ≈ 0.03–0.05 µs; reading a deviation row by id ≈ 2.5 µs (rows
 *     are wide: description and action text; SQLite's default page cache);
 *   - one FTS5 doclist row ≈ 0.04 µs, ≈ 0.2 µs when kept in a temporary index (an IN list);
 *   - FTS5 rowids are id*4 (+0 for deviations): import order, not list order; one `rowid = ?`
 *     probe of an FTS5 query costs ≈ 0.1 ms (one seek per term and index segment), and a prefix
 *     term ("patienten"*) merges the doclists of all its terms first (≈ 20 ms per statement).
 * So a page walks one index in list order (date, then id), and a total that no single index range
 * answers is counted within a budget: up to listTuning.countCap ("över 10 000 ärenden") or as far as
 * the budget goes ("över 1 700 ärenden"), always saying which (`Count.lowerBound`).
 */
import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../../shared/api/cases';
import { expandWords, matchQuery } from '../precedents/fts';

export type Direction = 'DESC' | 'ASC';

export interface Part {
  sql: string;
  params: unknown[];
}

export interface Count {
  total: number;
  /** the list holds more than `total` cases (a round number, see toCount) */
  lowerBound: boolean;
}

/**
 * The plan's limits (constants; tests lower them to reach every path with a few hundred rows):
 *  - countCap: lists are counted exactly up to this many cases; beyond it the total is a lower
 *    bound ("över 10 000 ärenden");
 *  - ftsFirstMax: a full-text filter with at most this many matching deviations is read FTS-first
 *    (by id, then sorted);
 *  - estimateCap: an index range is counted up to this many rows to choose a plan, larger ones
 *    are extrapolated (≤ ≈ 2.5 ms either way);
 *  - countWork: work allowed for a total that no index range answers, in estimated µs (COST; ≈ 25
 *    ms on the benchmark machine): enough to count any filter on a kommun-sized part of
 *    1 000 000 deviations exactly, or to find that a combination has more than countCap; a sparse
 *    combination of two large sets (a common word in one area, a large kommun with a rare
 *    status) stops there and says "över N". The same filter gets the same total every time;
 *  - countDeadlineMs: and, whatever the estimates say, counting stops this long after the call
 *    began: a safety net for a very busy computer (the count then says "över N" where it would
 *    otherwise have been exact). 250 ms, not less: the first count after opening a large
 *    workspace reads from a cold cache, and an 80 ms net cut "område + kommun + år" (2 115 rows
 *    at 1 000 000) to "över 50" there, while the warm count takes 17 ms.
 */
export const listTuning: {
  countCap: number;
  ftsFirstMax: number;
  estimateCap: number;
  countWork: number;
  countDeadlineMs: number;
  /** tests only: walk with this driver whenever the filter allows it (see chooseDriver) */
  driver?: string;
} = { countCap: 10_000, ftsFirstMax: 5_000, estimateCap: 50_000, countWork: 25_000, countDeadlineMs: 250 };

/**
 * Estimated µs per row, measured on the benchmark machine at 1 000 000 rows (SQLite's default
 * 2 MB page cache): one step of an index walk with its checks (narrow index / the wide cohort
 * index), one IN-list probe, one id kept in an IN list (from an index / from FTS5, in id order),
 * one deviation row read by id, one lesson probe.
 */
const COST = { step: 0.05, cohortStep: 0.12, probe: 0.2, materialize: 0.3, fts: 0.2, lookup: 2.5, lesson: 0.5 } as const;

export const DEV_COLS =
  'd.id AS id, d.external_id AS external_id, d.reported_at AS reported_at, d.category AS category, d.status AS status, d.kommun AS kommun, d.reporting_org AS reporting_org, d.receiving_org AS receiving_org';

type CondKey = 'category' | 'kommun' | 'status' | 'severity' | 'partyType' | 'lessonYes' | 'lessonNo';

interface Cond {
  key: CondKey;
  /** the condition on the row alias `a` */
  on: (a: string) => Part;
}

/** Conditions with an index on (column, reported_at). */
const COND_INDEX: Partial<Record<CondKey, string>> = {
  category: 'deviations_category_reported',
  kommun: 'deviations_kommun_reported',
  status: 'deviations_status_reported',
  severity: 'deviations_severity_reported',
};
/** Conditions the covering cohort index (reported_at, category, party types, kommun, severity, …, orgs) can check. */
const IN_COHORT: CondKey[] = ['category', 'kommun', 'severity', 'partyType'];
const LESSON: CondKey[] = ['lessonYes', 'lessonNo'];

interface DevFilter {
  period: (a: string) => Part[];
  conds: Cond[];
  org?: string;
  from?: string;
  to?: string;
}

/**
 * One date range on alias `a`: the latest of the lower bounds and the earliest of the upper ones.
 * Given two lower bounds on one column, SQLite may range-scan an index from the wrong one (a whole
 * year instead of the chunk's days).
 */
function dateRange(a: string, lo: (string | null | undefined)[], hi: (string | null | undefined)[]): Part[] {
  const l = lo.filter((x): x is string => !!x).sort().at(-1);
  const h = hi.filter((x): x is string => !!x).sort()[0];
  return [...(l ? [{ sql: `${a}.reported_at >= ?`, params: [l] }] : []), ...(h ? [{ sql: `${a}.reported_at <= ?`, params: [h] }] : [])];
}

function parseFilter(f: CaseFilter): DevFilter {
  const period = (a: string): Part[] => dateRange(a, [f.from], [f.to]);
  const conds: Cond[] = [];
  const eq = (key: CondKey, col: string, v: unknown) => conds.push({ key, on: (a) => ({ sql: `${a}.${col} = ?`, params: [v] }) });
  if (f.category) eq('category', 'category', f.category);
  if (f.kommunCode) eq('kommun', 'kommun_code', f.kommunCode);
  if (f.status) eq('status', 'status', f.status);
  if (f.severity !== undefined) eq('severity', 'severity', f.severity);
  if (f.partyType) {
    const t = f.partyType;
    conds.push({ key: 'partyType', on: (a) => ({ sql: `(${a}.reporting_party_type = ? OR ${a}.receiving_party_type = ?)`, params: [t, t] }) });
  }
  if (f.hasLesson === true) conds.push({ key: 'lessonYes', on: (a) => ({ sql: `${a}.id IN (SELECT l.case_id FROM lessons l WHERE l.case_kind = 'deviation')`, params: [] }) });
  if (f.hasLesson === false) conds.push({ key: 'lessonNo', on: (a) => ({ sql: `NOT EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = 'deviation' AND l.case_id = ${a}.id)`, params: [] }) });
  return { period, conds, org: f.org, from: f.from, to: f.to };
}

const orgEither = (org: string): Part => ({ sql: '(d.reporting_org = ? OR d.receiving_org = ?)', params: [org, org] });

/* ------------------------------------------------------------------ SQL over branches */

interface Branch {
  /** INDEXED BY (none: SQLite chooses) */
  index?: string;
  conds: Part[];
}

/**
 * SELECT over branches of `deviations d` joined with UNION ALL (the branches must be disjoint),
 * with extra conditions in every branch; with `order`, in list order (select must name
 * `reported_at` and `id`). Each branch walks its index in list order and UNION ALL … ORDER BY
 * merges them without a sort.
 */
function branchSql(branches: Branch[], select: string, extra: Part[], order?: { dir: Direction; limit?: number }): Part {
  const sels = branches.map((b) => {
    const conds = [...b.conds, ...extra];
    return {
      sql: `SELECT ${select} FROM deviations d${b.index ? ` INDEXED BY ${b.index}` : ''}${conds.length ? ` WHERE ${conds.map((c) => c.sql).join(' AND ')}` : ''}`,
      params: conds.flatMap((c) => c.params),
    };
  });
  let sql = sels.map((x) => x.sql).join(' UNION ALL ');
  const params = sels.flatMap((x) => x.params);
  if (order) {
    sql += ` ORDER BY reported_at ${order.dir}, id ${order.dir}`;
    if (order.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(order.limit);
    }
  }
  return { sql, params };
}

/**
 * The rows of the filter as disjoint branches. "Organisation on either side" is two: the rows
 * where it reports, and those where it receives and does not also report; each walks its own
 * (org, reported_at) index in list order (an OR over the two columns made SQLite collect and sort
 * every match: 50 ms a page for a common organisation).
 */
function exactBranches(f: DevFilter, extra: Part[] = [], keyset?: { dir: Direction; part: Part }): Branch[] {
  // after a cursor, the period's bound on the cursor's side is implied by the cursor (and a second
  // bound on the date could make SQLite scan from the period's end instead of from the cursor)
  const period = keyset ? dateRange('d', [keyset.dir === 'DESC' ? f.from : undefined], [keyset.dir === 'ASC' ? f.to : undefined]) : f.period('d');
  const rest = [...period, ...(keyset ? [keyset.part] : []), ...f.conds.map((c) => c.on('d')), ...extra];
  if (!f.org) return [{ conds: rest }];
  return [
    { conds: [{ sql: 'd.reporting_org = ?', params: [f.org] }, ...rest] },
    { conds: [{ sql: 'd.receiving_org = ?', params: [f.org] }, { sql: 'd.reporting_org <> ?', params: [f.org] }, ...rest] },
  ];
}

export function keysetPart(dir: Direction, d: string, i: number): Part {
  return { sql: `(d.reported_at, d.id) ${dir === 'DESC' ? '<' : '>'} (?, ?)`, params: [d, i] };
}

function one(db: Database.Database, p: Part): number {
  return Number(db.prepare(p.sql).pluck().get(...p.params) ?? 0);
}

/* ------------------------------------------------------------------ drivers */

/**
 * The index a budgeted count (and a full-text page) walks in list order: the smallest indexed
 * condition (or the organisation's two indexes), the date index, or — when every condition is in
 * it — the covering cohort index. The other indexed conditions are matched chunk by chunk against
 * their own index over the chunk's dates (an IN list: index steps, no row reads: an intersection
 * of index ranges); what no index answers (party type, lessons) is checked per row.
 */
interface Driver {
  name: string;
  /** per branch: INDEXED BY, what the index checks (its own condition; the dates are added per chunk), the branch's own extra check */
  branches: { index: string; walk: Part[]; exact: Part[] }[];
  /** other indexed conditions: per chunk, an IN list from their index over the chunk's dates */
  others: { inList: (lo: string | null, hi: string | null) => Part; rows: number }[];
  /** checked on each walked row */
  residual: Part[];
  /** estimated µs per walked row */
  perRow: number;
  /** rows of the walk (estimated) */
  rows: number;
  /** the days it covers (day numbers, inclusive), and how many days all stored rows span */
  days: { lo: number; hi: number; all: number };
  /** the filter's period (added to each chunk's days as one range) */
  from?: string;
  to?: string;
}

/** The ids an index range holds within [lo, hi] (dates; null: open), as a SELECT (alias x). */
function idsIn(index: string, cond: (a: string) => Part[], f: DevFilter): (lo: string | null, hi: string | null) => Part {
  return (lo, hi) => {
    const parts = [...cond('x'), ...dateRange('x', [f.from, lo], [f.to, hi])];
    return { sql: `SELECT x.id FROM deviations x INDEXED BY ${index} WHERE ${parts.map((p) => p.sql).join(' AND ')}`, params: parts.flatMap((p) => p.params) };
  };
}

/** `+d.id IN (…)`: the unary + keeps SQLite from reading the walk by id instead of in list order. */
function inList(selects: Part[]): Part {
  return { sql: `+d.id IN (${selects.map((x) => x.sql).join(' UNION ALL ')})`, params: selects.flatMap((x) => x.params) };
}

const DAY_MS = 86_400_000;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The days the filter's period covers within the stored dates (day numbers, inclusive); null: no rows. */
function daySpan(db: Database.Database, f: DevFilter): { lo: number; hi: number; all: number } | null {
  // two subqueries: min() and max() together in one SELECT would scan the table
  const r = db.prepare('SELECT (SELECT min(reported_at) FROM deviations) AS lo, (SELECT max(reported_at) FROM deviations) AS hi').get() as { lo: string | null; hi: string | null };
  if (!r.lo || !r.hi) return null;
  const lo = Math.max(dayNo(r.lo), f.from ? dayNo(f.from) : -Infinity);
  const hi = Math.min(dayNo(r.hi), f.to ? dayNo(f.to) : Infinity);
  return { lo, hi, all: dayNo(r.hi) - dayNo(r.lo) + 1 };
}

function chooseDriver(db: Database.Database, f: DevFilter, text: boolean): Driver {
  const n = Number(db.prepare('SELECT max(id) FROM deviations').pluck().get() ?? 0);
  const span = daySpan(db, f);
  const periodRows = span ? Math.max(1, Math.ceil((n * Math.max(0, span.hi - span.lo + 1)) / span.all)) : 1;
  // per walked row: a lesson probe, the full-text IN-list probe
  const lessonCost = (f.conds.some((c) => LESSON.includes(c.key)) ? COST.lesson : 0) + (text ? COST.probe : 0);
  // rows of an index range: counted when below estimateCap, else extrapolated from the date of
  // its estimateCap-th row in list order (≤ ≈ 2.5 ms either way)
  const count = (index: string, walk: Part[]) => {
    const where = walk.length ? ` WHERE ${walk.map((w) => w.sql).join(' AND ')}` : '';
    const params = walk.flatMap((w) => w.params);
    const at = db.prepare(`SELECT d.reported_at FROM deviations d INDEXED BY ${index}${where} ORDER BY d.reported_at DESC LIMIT 1 OFFSET ${listTuning.estimateCap - 1}`).pluck().get(...params) as string | undefined;
    if (at === undefined || !span) return one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY ${index}${where}`, params });
    return Math.ceil((listTuning.estimateCap * (span.hi - span.lo + 1)) / Math.max(1, span.hi - dayNo(at) + 1));
  };
  // the indexed conditions, each as a possible walk or IN list
  interface Indexed {
    name: string;
    branches: Driver['branches'];
    inList: Driver['others'][number]['inList'];
    rows: number;
  }
  const indexed: Indexed[] = [];
  if (f.org) {
    const org = f.org;
    const rep = [{ sql: 'd.reporting_org = ?', params: [org] }];
    const rec = [{ sql: 'd.receiving_org = ?', params: [org] }];
    const a = idsIn('deviations_reporting_org_reported', (x) => [{ sql: `${x}.reporting_org = ?`, params: [org] }], f);
    const b = idsIn('deviations_receiving_org_reported', (x) => [{ sql: `${x}.receiving_org = ?`, params: [org] }], f);
    indexed.push({
      name: 'org',
      branches: [
        { index: 'deviations_reporting_org_reported', walk: rep, exact: [] },
        { index: 'deviations_receiving_org_reported', walk: rec, exact: [{ sql: 'd.reporting_org <> ?', params: [org] }] },
      ],
      inList: (lo, hi) => inList([a(lo, hi), b(lo, hi)]),
      rows: count('deviations_reporting_org_reported', [...rep, ...f.period('d')]) + count('deviations_receiving_org_reported', [...rec, ...f.period('d')]),
    });
  }
  for (const c of f.conds) {
    const index = COND_INDEX[c.key];
    if (!index) continue;
    const walk = [c.on('d')];
    const ids = idsIn(index, (x) => [c.on(x)], f);
    indexed.push({ name: c.key, branches: [{ index, walk, exact: [] }], inList: (lo, hi) => inList([ids(lo, hi)]), rows: count(index, [...walk, ...f.period('d')]) });
  }
  const days = span ? { lo: span.lo, hi: span.hi, all: span.all } : { lo: 0, hi: -1, all: 1 };
  const rowConds = f.conds.filter((c) => !COND_INDEX[c.key]);
  const needsRow = rowConds.some((c) => !LESSON.includes(c.key));
  const candidate = (name: string, branches: Driver['branches'], rows: number, others: Indexed[]): Driver => {
    const survive = others.reduce((p, o) => p * Math.min(1, o.rows / periodRows), 1);
    // (the organisation's second branch reads each row: "receives and does not also report")
    const perRow = COST.step + COST.probe * others.length + (needsRow ? COST.lookup * survive : name === 'org' ? COST.lookup / 2 : 0) + lessonCost;
    return { name, branches, rows, residual: rowConds.map((c) => c.on('d')), others: others.map((o) => ({ inList: o.inList, rows: o.rows })), perRow, days, from: f.from, to: f.to };
  };
  const cands: Driver[] = indexed.map((d) => candidate(d.name, d.branches, d.rows, indexed.filter((o) => o !== d)));
  // or: walk one indexed condition and read each row for the others (best when it is the small one)
  for (const d of indexed) {
    const rest = indexed.filter((o) => o !== d);
    if (!rest.length) continue;
    const residual = [...f.conds.filter((c) => c.key !== d.name).map((c) => c.on('d')), ...(f.org && d.name !== 'org' ? [orgEither(f.org)] : [])];
    cands.push({ name: `${d.name}+rows`, branches: d.branches, rows: d.rows, residual, others: [], perRow: COST.step + COST.lookup + lessonCost, days, from: f.from, to: f.to });
  }
  cands.push(candidate('date', [{ index: 'deviations_reported', walk: [], exact: [] }], periodRows, indexed));
  if (f.conds.every((c) => IN_COHORT.includes(c.key) || LESSON.includes(c.key))) {
    // every condition in the index itself: no IN lists, no row reads
    cands.push({
      name: 'cohort',
      branches: [{ index: 'deviations_cohort', walk: [], exact: [] }],
      others: [],
      residual: [...f.conds.map((c) => c.on('d')), ...(f.org ? [orgEither(f.org)] : [])],
      perRow: COST.cohortStep + lessonCost,
      rows: periodRows,
      days,
      from: f.from,
      to: f.to,
    });
  }
  const cost = (d: Driver) => d.rows * d.perRow + d.others.reduce((sum, o) => sum + o.rows * COST.materialize, 0);
  const forced = listTuning.driver ? cands.find((d) => d.name === listTuning.driver) : undefined;
  return forced ?? cands.reduce((a, b) => (cost(b) < cost(a) ? b : a));
}

function driverBranches(drv: Driver, extra: Part[]): Branch[] {
  return drv.branches.map((b) => ({ index: b.index, conds: [...b.walk, ...b.exact, ...extra, ...drv.residual] }));
}

function walkBranches(drv: Driver, extra: Part[]): Branch[] {
  return drv.branches.map((b) => ({ index: b.index, conds: [...b.walk, ...extra] }));
}

/* ------------------------------------------------------------------ exact counts */

/**
 * Exact total when one index range answers it (≤ ≈ 10 ms at 1 000 000 rows): the period alone, one
 * of area, kommun, status, severity (with the period), or the organisation alone (as reporter +
 * as receiver − as both; "both" through the (category, reporting_org, receiving_org, reported_at)
 * index, one seek per area). null otherwise.
 */
function indexCount(db: Database.Database, f: DevFilter, conds: Cond[]): number | null {
  const where = (extra: Part[]) => {
    const all = [...extra, ...f.period('d'), ...conds.map((c) => c.on('d'))];
    return { sql: all.length ? ` WHERE ${all.map((c) => c.sql).join(' AND ')}` : '', params: all.flatMap((c) => c.params) };
  };
  if (!f.org && conds.length === 0) {
    // the narrowest index for the period alone (left to itself SQLite counts a wider one: 2× slower)
    const w = where([]);
    return one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY deviations_reported${w.sql}`, params: w.params });
  }
  if (!f.org && conds.length === 1 && COND_INDEX[conds[0]!.key]) {
    const w = where([]);
    return one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY ${COND_INDEX[conds[0]!.key]}${w.sql}`, params: w.params });
  }
  if (f.org && conds.length === 0) {
    const a = where([{ sql: 'd.reporting_org = ?', params: [f.org] }]);
    const b = where([{ sql: 'd.receiving_org = ?', params: [f.org] }]);
    const c = where([
      {
        sql: 'd.category IN (WITH RECURSIVE c(x) AS (SELECT min(category) FROM deviations UNION ALL SELECT (SELECT min(category) FROM deviations WHERE category > x) FROM c WHERE x IS NOT NULL) SELECT x FROM c WHERE x IS NOT NULL)',
        params: [],
      },
      { sql: 'd.reporting_org = ?', params: [f.org] },
      { sql: 'd.receiving_org = ?', params: [f.org] },
    ]);
    return (
      one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY deviations_reporting_org_reported${a.sql}`, params: a.params }) +
      one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY deviations_receiving_org_reported${b.sql}`, params: b.params }) -
      one(db, { sql: `SELECT count(*) FROM deviations d INDEXED BY deviations_recurring${c.sql}`, params: c.params })
    );
  }
  return null;
}

/**
 * What a count found: `exact` — the true total, any size; `upTo` — counted to the end or to
 * countCap + 1, whichever came first; `partial` — stopped by the budget after `n` rows.
 */
interface Tally {
  n: number;
  state: 'exact' | 'upTo' | 'partial';
}

/** The largest number with at most two significant digits below k (k ≥ 2): 1 726 → 1 700, 1 700 → 1 600, 51 → 50. */
export function roundBelow(k: number): number {
  if (k <= 1) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(k - 1)) - 1);
  return Math.floor((k - 1) / step) * step;
}

/**
 * The total a list reports. A lower bound is always a round number the list is known to exceed:
 * countCap ("över 10 000"), or, when the budget stopped the count after k rows (at least the
 * page's rows), the round number below k ("över 1 700").
 */
function toCount(t: Tally, pageRows: number): Count {
  if (t.state === 'exact') return { total: t.n, lowerBound: false };
  if (t.n > listTuning.countCap) return { total: listTuning.countCap, lowerBound: true };
  if (t.state === 'upTo') return { total: t.n, lowerBound: false };
  return { total: roundBelow(Math.max(t.n, pageRows)), lowerBound: true };
}

/** Total of a filter without full text. */
function countPlain(db: Database.Database, f: DevFilter, dir: Direction, start: number): Tally {
  const exact = indexCount(db, f, f.conds);
  if (exact !== null) return { n: exact, state: 'exact' };
  if (f.conds.some((c) => c.key === 'lessonYes')) {
    // lessons are few: SQLite reads them from their index
    const p = branchSql(exactBranches(f), '1', []);
    return { n: one(db, { sql: `SELECT count(*) FROM (${p.sql} LIMIT ${listTuning.countCap + 1})`, params: p.params }), state: 'upTo' };
  }
  const no = f.conds.find((c) => c.key === 'lessonNo');
  if (no) {
    // "no lesson" = the rest − the rest with a lesson (read from the lessons' index)
    const rest = f.conds.filter((c) => c !== no);
    const all = indexCount(db, f, rest);
    if (all !== null) {
      const yes = parseFilter({ kind: 'deviation', hasLesson: true });
      const p = branchSql(exactBranches({ ...f, conds: [...rest, ...yes.conds] }), '1', []);
      const withLesson = one(db, { sql: `SELECT count(*) FROM (${p.sql} LIMIT ${listTuning.countCap + 1})`, params: p.params });
      if (withLesson <= listTuning.countCap) return { n: all - withLesson, state: 'exact' };
    }
  }
  const drv = chooseDriver(db, f, false);
  const w = walk(db, drv, dir, null, listTuning.countCap + 1, 'count', null, { work: listTuning.countWork, deadline: start + listTuning.countDeadlineMs });
  return { n: w.count, state: w.complete ? 'upTo' : 'partial' };
}

/* ------------------------------------------------------------------ full text */

/**
 * A full-text filter: prefixes written as the OR of their indexed terms (FTS5 would first merge
 * the doclists of all of them: ≈ 20 ms per statement for `patienten`* at 1 000 000 rows), the
 * number of matching deviations up to listTuning.countCap + 1, and their share of all deviations (from the
 * newest listTuning.countCap + 1 matches when there are more: FTS5 reads rowids newest first).
 */
export interface TextFilter {
  match: string;
  m: number;
  share: number;
}

export function textFilter(db: Database.Database, q: string): TextFilter | null {
  const match = matchQuery(expandWords(db, q));
  if (!match) return null;
  const head = db
    .prepare('SELECT count(*) AS n, min(rowid) AS lo FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid % 4 = 0 ORDER BY rowid DESC LIMIT ?)')
    .safeIntegers(true)
    .get(match, listTuning.countCap + 1) as { n: bigint; lo: bigint | null };
  const m = Number(head.n);
  if (m === 0) return null;
  const maxId = Number(db.prepare('SELECT max(id) FROM deviations').pluck().get() ?? 0);
  const share = m <= listTuning.countCap ? m / Math.max(1, maxId) : m / Math.max(1, maxId - Number(head.lo) / 4 + 1);
  return { match, m, share: Math.min(1, Math.max(share, 1 / Math.max(1, maxId))) };
}

/** The FTS5 rows of a text filter, optionally only those with ids in [lo, hi]. */
function textIn(text: TextFilter, lo?: number, hi?: number): Part {
  if (lo === undefined || hi === undefined) {
    return { sql: '+d.id IN (SELECT rowid / 4 FROM search_fts WHERE search_fts MATCH ? AND rowid % 4 = 0)', params: [text.match] };
  }
  return {
    sql: '+d.id IN (SELECT rowid / 4 FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? AND rowid % 4 = 0)',
    // BigInt: FTS5 ignores a rowid bound that is bound as a floating-point value
    params: [text.match, BigInt(lo) * 4n, BigInt(hi) * 4n],
  };
}

/** FTS-first (few matches): the matching deviations read by id, filtered, then sorted. */
function ftsFirstSql(f: DevFilter, text: TextFilter, select: string, extra: Part[]): Part {
  const conds = [...f.period('d'), ...f.conds.map((c) => c.on('d')), ...(f.org ? [orgEither(f.org)] : []), ...extra];
  return {
    sql: `SELECT ${select} FROM (SELECT rowid / 4 AS tid FROM search_fts WHERE search_fts MATCH ? AND rowid % 4 = 0) t CROSS JOIN deviations d ON d.id = t.tid${conds.length ? ` WHERE ${conds.map((c) => c.sql).join(' AND ')}` : ''}`,
    params: [text.match, ...conds.flatMap((c) => c.params)],
  };
}

/* ------------------------------------------------------------------ chunked walk */

/**
 * Walks the driver in list order in chunks of whole days (sized from the driver's rows per day;
 * no row is read to find a chunk's edge), collecting the rows (a page) or counting them (a total)
 * that pass the other indexed conditions (IN lists over the chunk's days), the residual checks
 * and, with full text, the FTS5 rows in the chunk's id range only (`rowid BETWEEN`: a seek and a
 * short read; ids follow import order, which follows the dates, so a chunk's id range is narrow).
 * When the id ranges read add up to more than all of the word's rows, the rest is matched against
 * all of them at once.
 *
 * Counting has a budget: `work` in estimated µs (COST) and a wall-clock `deadline`. A chunk is
 * sized to fit both (the deadline with the estimates scaled by what the chunks so far really
 * took); the count stops — as a lower bound — when not even one day fits.
 */
function walk(
  db: Database.Database,
  drv: Driver,
  dir: Direction,
  after: { part: Part; date: string } | null,
  need: number,
  mode: 'rows' | 'count',
  text: TextFilter | null,
  budget: { work: number; deadline: number } | null,
  timing: { scale: number } = { scale: 1 / 1000 },
): { rows: Record<string, unknown>[]; count: number; complete: boolean } {
  const rows: Record<string, unknown>[] = [];
  let count = 0;
  const desc = dir === 'DESC';
  const incomplete = () => ({ rows, count, complete: false });
  const done = () => ({ rows, count, complete: true });
  if (drv.days.hi < drv.days.lo) return done();
  if (after && (desc ? dayNo(after.date) < drv.days.lo : dayNo(after.date) > drv.days.hi)) return done();
  // the next day to read; the cursor applies to the first chunk only
  let next = after ? Math.max(drv.days.lo, Math.min(drv.days.hi, dayNo(after.date))) : desc ? drv.days.hi : drv.days.lo;
  let lead: Part[] = after ? [after.part] : [];
  /** the chunk's conditions: the cursor (first chunk) and one date range, days [a, b] with the period (null: open) */
  const days2 = (a: number | null, b: number | null): Part[] => [...lead, ...dateRange('d', [drv.from, a === null ? null : isoOf(a)], [drv.to, b === null ? null : isoOf(b)])];
  const totalDays = drv.days.hi - drv.days.lo + 1;
  const perDay = Math.max(1, drv.rows / totalDays);
  const n = Number(db.prepare('SELECT max(id) FROM deviations').pluck().get() ?? 0);
  const idsPerDay = n / Math.max(1, drv.days.all);
  const textRows = text ? text.share * n : 0;
  let textRead = 0;
  // ms per estimated µs (shared with the page's walk): 1/1000 until a chunk has been timed
  const scale = () => timing.scale;
  let work = budget ? budget.work : Number.POSITIVE_INFINITY;
  const fits = (cost: number) => !budget || (cost <= work && performance.now() + cost * scale() <= budget.deadline);
  const listCost = (days: number) => drv.others.reduce((sum, o) => sum + ((o.rows * days) / totalDays) * COST.materialize, 0);
  const costOf = (days: number) => days * perDay * drv.perRow + listCost(days) + (text ? days * idsPerDay * text.share * COST.fts : 0);
  const run = (conds: Part[], want: number, cost: number) => {
    const t0 = performance.now();
    if (mode === 'rows') {
      const p = branchSql(driverBranches(drv, conds), DEV_COLS, [], { dir, limit: want });
      rows.push(...(db.prepare(p.sql).all(...p.params) as Record<string, unknown>[]));
    } else {
      const p = branchSql(driverBranches(drv, conds), '1', []);
      count += one(db, { sql: `SELECT count(*) FROM (${p.sql} LIMIT ?)`, params: [...p.params, want] });
    }
    const ms = performance.now() - t0;
    if (cost > 100) timing.scale = Math.max(timing.scale, ms / cost);
    work -= cost;
  };
  // the first chunk: about enough rows for `need` matches if every row of the walk matched (or,
  // with full text, as many as its share), then 4× more each time
  let days = Math.max(1, Math.round((need * 1.5) / (text ? text.share : 1) / perDay));
  for (;;) {
    const want = need - (mode === 'rows' ? rows.length : count);
    if (want <= 0) return done();
    const daysLeft = desc ? next - drv.days.lo + 1 : drv.days.hi - next + 1;
    if (daysLeft <= 0) return done();
    if (text && textRead > textRows) {
      // the id ranges read so far exceed the word's rows: match the rest against all of them
      const cost = textRows * COST.fts + daysLeft * perDay * drv.perRow;
      if (!fits(cost)) return incomplete();
      const near = isoOf(next);
      run([...(desc ? days2(null, next) : days2(next, null)), ...drv.others.map((o) => (desc ? o.inList(null, near) : o.inList(near, null))), textIn(text)], want, cost);
      return done();
    }
    // the chunk: k whole days that fit in the budget
    let k = Math.min(daysLeft, days);
    while (k > 1 && !fits(costOf(k))) k = Math.max(1, Math.floor(k / 2));
    if (!fits(costOf(k)) && budget) return incomplete();
    const far = desc ? next - k + 1 : next + k - 1;
    const last = k >= daysLeft;
    const where = desc ? days2(last ? null : far, next) : days2(next, last ? null : far);
    const lists = drv.others.map((o) => o.inList(isoOf(desc ? far : next), isoOf(desc ? next : far)));
    let cost = costOf(k);
    if (text) {
      // the chunk's id range (for the date and cohort walks the narrow date index gives the same)
      const narrow: Driver = drv.name === 'cohort' ? { ...drv, branches: [{ index: 'deviations_reported', walk: drv.branches[0]!.walk, exact: [] }] } : drv;
      // one aggregate per branch (each a plain range of its index)
      const spans = walkBranches(narrow, where).map((b) => {
        const sp = branchSql([b], 'min(d.id) AS lo, max(d.id) AS hi', []);
        return db.prepare(sp.sql).get(...sp.params) as { lo: number | null; hi: number | null };
      });
      const los = spans.map((x) => x.lo).filter((x): x is number => x !== null);
      const his = spans.map((x) => x.hi).filter((x): x is number => x !== null);
      const r = { lo: los.length ? Math.min(...los) : null, hi: his.length ? Math.max(...his) : null };
      if (r.lo !== null && r.hi !== null) {
        const read = (r.hi - r.lo + 1) * text.share;
        textRead += read;
        cost = costOf(k) - k * idsPerDay * text.share * COST.fts + read * COST.fts;
        run([...where, ...lists, textIn(text, r.lo, r.hi)], want, cost);
      }
    } else run([...where, ...lists], want, cost);
    if (last) return done();
    next = desc ? far - 1 : far + 1;
    lead = [];
    days = k * 4;
  }
}

/* ------------------------------------------------------------------ page */

/**
 * One page (limit + 1 rows, to know whether more follow) after the keyset cursor, and, for the
 * first page, the total. When the first page is the whole list, its length is the total.
 */
export function deviationPage(
  db: Database.Database,
  cf: CaseFilter,
  dir: Direction,
  cursor: { d: string; i: number } | null,
  limit: number,
  needCount: boolean,
): { rows: Record<string, unknown>[]; count: Count | null } {
  const start = performance.now();
  const after = cursor ? keysetPart(dir, cursor.d, cursor.i) : null;
  const f = parseFilter(cf);
  const complete = (rows: Record<string, unknown>[]) => !after && rows.length <= limit;
  const countOf = (rows: Record<string, unknown>[], counter: () => Tally): Count | null => {
    if (!needCount) return null;
    if (complete(rows)) return { total: rows.length, lowerBound: false };
    return toCount(counter(), rows.length);
  };
  if (cf.q === undefined || cf.q.trim() === '') {
    const p = branchSql(exactBranches(f, [], after ? { dir, part: after } : undefined), DEV_COLS, [], { dir, limit: limit + 1 });
    const rows = db.prepare(p.sql).all(...p.params) as Record<string, unknown>[];
    return { rows, count: countOf(rows, () => countPlain(db, f, dir, start)) };
  }
  const text = textFilter(db, cf.q);
  if (!text) return { rows: [], count: needCount ? { total: 0, lowerBound: false } : null };
  const onlyText = !f.from && !f.to && f.conds.length === 0 && !f.org;
  if (text.m <= Math.min(listTuning.ftsFirstMax, listTuning.countCap)) {
    const p = ftsFirstSql(f, text, DEV_COLS, after ? [after] : []);
    const rows = db.prepare(`${p.sql} ORDER BY d.reported_at ${dir}, d.id ${dir} LIMIT ?`).all(...p.params, limit + 1) as Record<string, unknown>[];
    return {
      rows,
      count: countOf(rows, () => {
        if (onlyText) return { n: text.m, state: 'upTo' };
        const c = ftsFirstSql(f, text, '1', []);
        return { n: one(db, { sql: `SELECT count(*) FROM (${c.sql})`, params: c.params }), state: 'exact' };
      }),
    };
  }
  const drv = chooseDriver(db, f, true);
  const timing = { scale: 1 / 1000 };
  const { rows } = walk(db, drv, dir, cursor && after ? { part: after, date: cursor.d } : null, limit + 1, 'rows', text, null, timing);
  return {
    rows,
    count: countOf(rows, () => {
      if (onlyText) return { n: text.m, state: 'upTo' };
      const w = walk(db, drv, dir, null, listTuning.countCap + 1, 'count', text, { work: listTuning.countWork, deadline: start + listTuning.countDeadlineMs }, timing);
      return { n: w.count, state: w.complete ? 'upTo' : 'partial' };
    }),
  };
}
