/**
 * Computes every indicator of INDICATORS.md for a period, in SQL over the indexed tables.
 * Each figure's predicate comes from figures.ts (shared with the drill-down).
 *
 * Query plan (per compute):
 *  1. deviations cohort, from the per-day summary tables (summary.ts): the cohort's days of
 *     dev_sum_day (count, severe, recurring), of the category-and-flow and kommun tables, and of
 *     the (reported_at, answered_at) and (reported_at, closed_at) tables, on which the deadline,
 *     closed-share and lead-time predicates of figures.ts are evaluated verbatim and weighted by
 *     the row count n — a few thousand rows per quarter instead of every cohort row;
 *  2. median/P90 from the day histograms (cumulative counts of ≤ a few hundred rows);
 *  3. monthly counts: one range sum of dev_sum_day per month (≤ 24);
 *  4. disputes: one pass with conditional sums, one day-histogram;
 *  5. lessons coverage (an index-only count over closed_at; the lessons' deviations by id) and new
 *     precedents.
 * `source: 'rows'` computes the same deviation figures from the rows of `deviations` with the
 * per-row predicates (the drill-down's SQL); tests compare the two.
 */
import type Database from 'better-sqlite3';
import { categoryLabels } from '../../../shared/labels.sv';
import { partyTypes, type CategoryCode, type PartyType } from '../../../shared/domain/enums';
import { todayIso } from '../../../shared/dates';
import { addMonths, monthOf, monthRange, monthsBetween } from '../../../shared/periods';
import type { IndicatorsDocument, LeadTime, RunChart, Share } from '../../../shared/indicators/schemas';
import { analyseRunChart } from './run-chart';
import { populationFor, type PopulationUsed } from './population';
import {
  and,
  DEV_COHORT,
  DEV_DAYS_TO_ANSWER,
  DEV_DAYS_TO_CLOSE,
  DEV_MONTH,
  devPred,
  DISP_DAYS_TO_RESOLVE,
  DISP_STEP_AT_END,
  dispPred,
  figureParams,
  learnPred,
  type FigureParams,
} from './figures';

export interface ComputeInput {
  from: string;
  to: string;
  asOf?: string;
  deadlineDays?: number;
}

export interface ComputeEnv {
  sqlite: Database.Database;
  delregionId: string;
  kommuner: { code: string; name: string }[];
  defaultDeadlineDays: number;
  now: Date;
  /** where the deviation figures come from: the summary tables (default) or the rows */
  source?: FigureSource;
}

/** 'summary': the per-day summary tables (summary.ts); 'rows': every cohort row of `deviations`. */
export type FigureSource = 'summary' | 'rows';

/** Default as-of date: the newest deviation/dispute import batch's date, else today. */
export function defaultAsOf(sqlite: Database.Database, now: Date): string {
  const last = sqlite.prepare(`SELECT max(imported_on) FROM import_batches WHERE kind IN ('deviations', 'disputes')`).pluck().get() as string | null;
  return last ?? todayIso(now);
}

export function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator === 0 ? null : numerator / denominator };
}

/** Median and P90 (nearest rank ⌈0.9·n⌉) from a histogram of day counts sorted ascending. */
export function leadTimeFromHistogram(rows: readonly { days: number; c: number }[]): LeadTime {
  const n = rows.reduce((s, r) => s + r.c, 0);
  if (n === 0) return { n: 0, median: null, p90: null };
  const at = (rank: number): number => {
    let cum = 0;
    for (const r of rows) {
      cum += r.c;
      if (cum >= rank) return r.days;
    }
    return rows[rows.length - 1]!.days;
  };
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  const p90Rank = Math.floor((9 * n + 9) / 10); // ceil(0.9 n) in integers
  return { n, median, p90: at(p90Rank) };
}

const stmtCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** Prepared statements are cached per connection (warm runs skip SQL compilation). */
export function prepared(sqlite: Database.Database, sql: string): Database.Statement {
  let m = stmtCache.get(sqlite);
  if (!m) stmtCache.set(sqlite, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = sqlite.prepare(sql)));
  return s;
}

/**
 * The deviation cohort in one statement: the cohort is read once (one lookup per row) into a
 * materialised CTE holding each row's flags — every flag is a figure predicate from figures.ts —
 * and then aggregated three ways: by (category, party types, kommun), and as day histograms for
 * answer and close times. Rows are tagged: 'g' group, 'a' answer days, 'c' close days.
 */
const DEV_AGG_SQL = `
WITH c AS MATERIALIZED (
  SELECT d.category AS category, d.reporting_party_type AS rp, d.receiving_party_type AS rc, d.kommun_code AS kc,
         (${devPred.severe}) IS 1 AS severe,
         (${devPred.deadlineDenominator}) IS 1 AS deadlineDen,
         (${and(devPred.deadlineDenominator, devPred.deadlineNumerator)}) IS 1 AS deadlineNum,
         (${devPred.closed}) IS 1 AS closed,
         (${devPred.recurring}) IS 1 AS recurring,
         CASE WHEN ${devPred.answered} THEN ${DEV_DAYS_TO_ANSWER} END AS answerDays,
         CASE WHEN ${devPred.closed} THEN ${DEV_DAYS_TO_CLOSE} END AS closeDays
    FROM deviations d INDEXED BY deviations_cohort
   WHERE ${DEV_COHORT}
)
SELECT 'g' AS tag, category, rp, rc, kc, count(*) AS n, sum(severe) AS severe, sum(deadlineDen) AS deadlineDen,
       sum(deadlineNum) AS deadlineNum, sum(closed) AS closed, sum(recurring) AS recurring, NULL AS days
  FROM c GROUP BY category, rp, rc, kc
UNION ALL
SELECT 'a', NULL, NULL, NULL, NULL, count(*), 0, 0, 0, 0, 0, answerDays FROM c WHERE answerDays IS NOT NULL GROUP BY answerDays
UNION ALL
SELECT 'c', NULL, NULL, NULL, NULL, count(*), 0, 0, 0, 0, 0, closeDays FROM c WHERE closeDays IS NOT NULL GROUP BY closeDays`;

/**
 * The same figures from the per-day summary tables (summary.ts): each figure predicate of
 * figures.ts evaluated on the summary rows (same column names, alias d) and weighted by their row
 * count n. The days' unanswered / unclosed counts are rows with a NULL date.
 */
const SUM_ANSWERED = `(SELECT reported_at, answered_at, n FROM dev_sum_answered
                       UNION ALL SELECT reported_at, NULL, unanswered FROM dev_sum_day WHERE unanswered > 0)`;
const SUM_CLOSED = `(SELECT reported_at, closed_at, n FROM dev_sum_closed
                     UNION ALL SELECT reported_at, NULL, unclosed FROM dev_sum_day WHERE unclosed > 0)`;
const SUM_AGG_SQL = `
SELECT 'g' AS tag, NULL AS category, NULL AS rp, NULL AS rc, NULL AS kc, coalesce(sum(d.n), 0) AS n,
       coalesce(sum(d.severe), 0) AS severe, 0 AS deadlineDen, 0 AS deadlineNum, 0 AS closed, coalesce(sum(d.recurring), 0) AS recurring, NULL AS days
  FROM dev_sum_day d WHERE ${DEV_COHORT}
UNION ALL
SELECT 'k', d.category, NULL, NULL, NULL, sum(d.n), 0, 0, 0, 0, 0, NULL FROM dev_sum_category_flow d WHERE ${DEV_COHORT} GROUP BY d.category
UNION ALL
SELECT 'k', NULL, d.reporting_party_type, d.receiving_party_type, NULL, sum(d.n), 0, 0, 0, 0, 0, NULL FROM dev_sum_category_flow d WHERE ${DEV_COHORT}
 GROUP BY d.reporting_party_type, d.receiving_party_type
UNION ALL
SELECT 'k', NULL, NULL, NULL, d.kommun_code, sum(d.n), 0, 0, 0, 0, 0, NULL FROM dev_sum_kommun d WHERE ${DEV_COHORT} GROUP BY d.kommun_code
UNION ALL
SELECT 'a', NULL, NULL, NULL, NULL, sum(CASE WHEN (${devPred.answered}) IS 1 THEN d.n ELSE 0 END), 0,
       sum(CASE WHEN (${devPred.deadlineDenominator}) IS 1 THEN d.n ELSE 0 END),
       sum(CASE WHEN (${and(devPred.deadlineDenominator, devPred.deadlineNumerator)}) IS 1 THEN d.n ELSE 0 END), 0, 0, ${DEV_DAYS_TO_ANSWER}
  FROM ${SUM_ANSWERED} d WHERE ${DEV_COHORT} GROUP BY ${DEV_DAYS_TO_ANSWER}
UNION ALL
SELECT 'c', NULL, NULL, NULL, NULL, sum(d.n), 0, 0, 0, sum(d.n), 0, ${DEV_DAYS_TO_CLOSE}
  FROM ${SUM_CLOSED} d WHERE ${and(DEV_COHORT, devPred.closed)} GROUP BY ${DEV_DAYS_TO_CLOSE}`;

const histogramSql = (table: string, days: string, where: string) =>
  `SELECT ${days} AS days, count(*) AS c FROM ${table} WHERE ${where} GROUP BY 1 ORDER BY 1`;

const DISP_RESOLVE_HIST = histogramSql('disputes s', DISP_DAYS_TO_RESOLVE, dispPred.resolved);

const DEV_MONTH_COUNT = `SELECT count(*) FROM deviations d WHERE ${DEV_MONTH}`;
const SUM_MONTH_COUNT = `SELECT coalesce(sum(d.n), 0) FROM dev_sum_day d WHERE ${DEV_MONTH}`;
const DEV_EARLIEST = `SELECT min(reported_at) FROM deviations`;

const DISP_AGG_SQL = `
SELECT sum(CASE WHEN ${dispPred.opened} THEN 1 ELSE 0 END) AS opened,
       sum(CASE WHEN ${dispPred.resolved} THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN ${and(dispPred.resolved, dispPred.resolvedAtStep1)} THEN 1 ELSE 0 END) AS resolvedStep1,
       sum(CASE WHEN ${dispPred.reachedTvist} THEN 1 ELSE 0 END) AS reachedTvist,
       sum(CASE WHEN ${dispPred.openAtEnd} THEN 1 ELSE 0 END) AS openTotal,
       sum(CASE WHEN ${and(dispPred.openAtEnd, `${DISP_STEP_AT_END} = 1`)} THEN 1 ELSE 0 END) AS openStep1,
       sum(CASE WHEN ${and(dispPred.openAtEnd, `${DISP_STEP_AT_END} = 2`)} THEN 1 ELSE 0 END) AS openStep2,
       sum(CASE WHEN ${and(dispPred.openAtEnd, `${DISP_STEP_AT_END} = 3`)} THEN 1 ELSE 0 END) AS openStep3,
       max(CASE WHEN ${dispPred.openAtEnd} THEN julianday(@to) - julianday(s.opened_at) END) AS oldestDays,
       sum(CASE WHEN ${dispPred.temporaryDenominator} THEN 1 ELSE 0 END) AS tempDen,
       sum(CASE WHEN ${and(dispPred.temporaryDenominator, dispPred.temporarySolution)} THEN 1 ELSE 0 END) AS tempNum,
       sum(CASE WHEN ${and(dispPred.resolved, dispPred.settlement)} THEN 1 ELSE 0 END) AS settlementCount,
       sum(CASE WHEN ${and(dispPred.resolved, dispPred.settlement)} THEN coalesce(s.settlement_sek, 0) ELSE 0 END) AS settlementSek,
       sum(CASE WHEN ${and(dispPred.opened, dispPred.principled)} THEN 1 ELSE 0 END) AS principled
  FROM disputes s`;

const LEARN_DEV_SQL = `
SELECT count(*) AS den, sum(CASE WHEN ${learnPred.deviationLesson} THEN 1 ELSE 0 END) AS num
  FROM deviations d WHERE ${learnPred.deviationClosed}`;
/** The same two counts without a lesson probe per closed deviation: the deviations with lessons are looked up by id. */
const LEARN_DEV_FAST_SQL = `
SELECT (SELECT count(*) FROM deviations d WHERE ${learnPred.deviationClosed}) AS den,
       (SELECT count(*) FROM deviations d WHERE d.id IN (SELECT l.case_id FROM lessons l WHERE l.case_kind = 'deviation')
           AND ${and(learnPred.deviationClosed, learnPred.deviationLesson)}) AS num`;
const LEARN_DISP_SQL = `
SELECT count(*) AS den, sum(CASE WHEN ${learnPred.disputeLesson} THEN 1 ELSE 0 END) AS num
  FROM disputes s WHERE ${learnPred.disputeResolved}`;
const NEW_PRECEDENTS_SQL = `SELECT count(*) FROM precedents p WHERE ${learnPred.newPrecedent}`;

interface DevAggRow {
  /** g: cohort group (rows: also a breakdown key), k: breakdown key (summary), a / c: answer / close days */
  tag: 'g' | 'k' | 'a' | 'c';
  days: number | null;
  category: string;
  rp: PartyType;
  rc: PartyType;
  kc: string;
  n: number;
  severe: number;
  deadlineDen: number;
  deadlineNum: number;
  closed: number;
  recurring: number;
}

/** The run chart's months: 24 ending with month(to), starting later if the earliest stored deviation is later. */
export function chartMonths(sqlite: Database.Database, to: string): string[] {
  const end = monthOf(to);
  let start = addMonths(end, -23);
  const earliest = prepared(sqlite, DEV_EARLIEST).pluck().get() as string | null;
  if (earliest === null) return [];
  const first = monthOf(earliest);
  if (first > start) start = first;
  if (start > end) return [];
  const n = monthsBetween(start, end) + 1;
  return Array.from({ length: n }, (_, i) => addMonths(start, i));
}

export function monthParams(month: string): { mFrom: string; mTo: string } {
  const r = monthRange(month);
  return { mFrom: r.from, mTo: r.to };
}

function runChart(sqlite: Database.Database, params: FigureParams, source: FigureSource): RunChart {
  const months = chartMonths(sqlite, params.to);
  const stmt = prepared(sqlite, source === 'rows' ? DEV_MONTH_COUNT : SUM_MONTH_COUNT).pluck();
  const points = months.map((month) => ({ month, count: Number(stmt.get({ ...params, ...monthParams(month) })) }));
  const a = analyseRunChart(points.map((p) => p.count));
  return { points, ...a };
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  asOf: string;
  deadlineDays: number;
}

export function resolvePeriod(env: Pick<ComputeEnv, 'sqlite' | 'defaultDeadlineDays' | 'now'>, input: ComputeInput): ResolvedPeriod {
  return {
    from: input.from,
    to: input.to,
    asOf: input.asOf ?? defaultAsOf(env.sqlite, env.now),
    deadlineDays: input.deadlineDays ?? env.defaultDeadlineDays,
  };
}

export function computeIndicators(env: ComputeEnv, input: ComputeInput): IndicatorsDocument & { populationUsed: PopulationUsed } {
  const { sqlite } = env;
  const period = resolvePeriod(env, input);
  const params = figureParams(period.from, period.to, period.asOf, period.deadlineDays);
  const pop = populationFor(sqlite, Number(period.to.slice(0, 4)));
  const popByCode = new Map(pop.perKommun.map((k) => [k.code, k.value]));

  // 1. deviations cohort
  const source = env.source ?? 'summary';
  const rows = prepared(sqlite, source === 'rows' ? DEV_AGG_SQL : SUM_AGG_SQL).all(params) as DevAggRow[];
  let count = 0;
  let severe = 0;
  let deadlineDen = 0;
  let deadlineNum = 0;
  let closed = 0;
  let recurring = 0;
  const byCat = new Map<string, number>();
  const byFlow = new Map<string, number>();
  const byKommun = new Map<string, number>();
  const answerHist: { days: number; c: number }[] = [];
  const closeHist: { days: number; c: number }[] = [];
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of rows) {
    if (r.tag === 'a' || r.tag === 'c') {
      // summary: the answered row also carries the deadline sums (over all its pairs), and the
      // closed-share numerator counts a NULL-days group too (as the rows' flag does)
      deadlineDen += r.deadlineDen;
      deadlineNum += r.deadlineNum;
      closed += r.closed;
      if (r.days !== null && r.n > 0) (r.tag === 'a' ? answerHist : closeHist).push({ days: Number(r.days), c: r.n });
      continue;
    }
    if (r.tag === 'k') {
      if (r.category !== null) add(byCat, r.category, r.n);
      else if (r.kc !== null) add(byKommun, r.kc, r.n);
      else add(byFlow, `${r.rp}->${r.rc}`, r.n);
      continue;
    }
    count += r.n;
    severe += r.severe;
    deadlineDen += r.deadlineDen;
    deadlineNum += r.deadlineNum;
    closed += r.closed;
    recurring += r.recurring;
    if (source === 'rows') {
      add(byCat, r.category, r.n);
      add(byFlow, `${r.rp}->${r.rc}`, r.n);
      add(byKommun, r.kc, r.n);
    }
  }
  const per10k = (n: number, population: number | null | undefined) => (population ? (n / population) * 10_000 : null);

  // 2. lead times (aggregated rows of the same statement, sorted by days)
  answerHist.sort((a, b) => a.days - b.days);
  closeHist.sort((a, b) => a.days - b.days);

  // 4. disputes
  const disp = prepared(sqlite, DISP_AGG_SQL).get(params) as Record<string, number | null>;
  const num = (k: string) => Number(disp[k] ?? 0);
  const resolveHist = prepared(sqlite, DISP_RESOLVE_HIST).all(params) as { days: number; c: number }[];

  // 5. learning
  const ld = prepared(sqlite, source === 'rows' ? LEARN_DEV_SQL : LEARN_DEV_FAST_SQL).get(params) as { den: number; num: number | null };
  const ls = prepared(sqlite, LEARN_DISP_SQL).get(params) as { den: number; num: number | null };
  const newPrecedents = Number(prepared(sqlite, NEW_PRECEDENTS_SQL).pluck().get(params));

  const indicators: IndicatorsDocument['indicators'] = {
    'dev.count': count,
    'dev.per10k': pop.summary ? per10k(count, pop.summary.total) : null,
    'dev.byCategory': [...byCat.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([category, n]) => ({ category, label: categoryLabels[category as CategoryCode] ?? category, count: n, share: n / count })),
    'dev.byFlow': partyTypes.flatMap((from) => partyTypes.map((to) => ({ from, to, count: byFlow.get(`${from}->${to}`) ?? 0 }))),
    'dev.byKommun': env.kommuner.map((k) => {
      const n = byKommun.get(k.code) ?? 0;
      return { kommun: k.name, code: k.code, count: n, per10k: per10k(n, popByCode.get(k.code)) };
    }),
    'dev.answeredWithinDeadline': share(deadlineNum, deadlineDen),
    'dev.daysToAnswer': leadTimeFromHistogram(answerHist),
    'dev.daysToClose': leadTimeFromHistogram(closeHist),
    'dev.closedShare': share(closed, count),
    'dev.severe': severe,
    'dev.recurring': share(recurring, count),
    'dev.monthly': runChart(sqlite, params, source),
    'disp.opened': num('opened'),
    'disp.resolved': num('resolved'),
    'disp.resolvedAtStep1': share(num('resolvedStep1'), num('resolved')),
    'disp.reachedTvist': num('reachedTvist'),
    'disp.daysToResolve': leadTimeFromHistogram(resolveHist),
    'disp.openAtEnd': {
      total: num('openTotal'),
      byStep: { '1': num('openStep1'), '2': num('openStep2'), '3': num('openStep3') },
      oldestDays: disp.oldestDays === null || disp.oldestDays === undefined ? null : Math.round(Number(disp.oldestDays)),
    },
    'disp.temporarySolution': share(num('tempNum'), num('tempDen')),
    'disp.economicSettlement': { count: num('settlementCount'), totalSek: num('settlementSek') },
    'disp.principled': num('principled'),
    'learn.lessonCoverage': share(Number(ld.num ?? 0) + Number(ls.num ?? 0), Number(ld.den) + Number(ls.den)),
    'learn.newPrecedents': newPrecedents,
  };

  return {
    period: { from: period.from, to: period.to, asOf: period.asOf, deadlineDays: period.deadlineDays },
    delregion: env.delregionId,
    population: pop.summary,
    indicators,
    populationUsed: pop,
  };
}
