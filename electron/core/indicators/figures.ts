/**
 * The SQL predicate of every figure, written once. compute.ts counts with these predicates and
 * drilldown.ts lists the cases with the very same ones, so a figure and its case list cannot
 * disagree. Aliases: `d` = deviations, `s` = disputes, `p` = precedents.
 *
 * Named parameters (see `figureParams`):
 *   @from, @to   the period P (inclusive)
 *   @asOf        the as-of date E: a date later than E has "not yet happened"
 *   @end         min(to, E): the last day on which an event in P can have happened
 *   @D           the deadline in days
 *   @dueBy       E − D days: a deviation reported on or before it is due (reported_at + D ≤ E)
 */
import { addDays } from '../../../shared/dates';
import type { IndicatorId } from '../../../shared/indicators/catalogue';

export interface FigureParams {
  from: string;
  to: string;
  asOf: string;
  end: string;
  D: number;
  dueBy: string;
  [k: string]: string | number;
}

export function figureParams(from: string, to: string, asOf: string, deadlineDays: number): FigureParams {
  return { from, to, asOf, end: to < asOf ? to : asOf, D: deadlineDays, dueBy: addDays(asOf, -deadlineDays) };
}

/** Deviations: cohort C = reported_at in P (and not after E). */
export const DEV_COHORT = `d.reported_at BETWEEN @from AND @end`;

/** Conditions on a deviation of the cohort. */
export const devPred = {
  severe: `d.severity >= 3`,
  answered: `d.answered_at <= @asOf`,
  closed: `d.closed_at <= @asOf`,
  /** answered by E, or due by E (reported_at + D ≤ E) */
  deadlineDenominator: `(d.answered_at <= @asOf OR d.reported_at <= @dueBy)`,
  /** answered by E within D days */
  deadlineNumerator: `(d.answered_at <= @asOf AND julianday(d.answered_at) - julianday(d.reported_at) <= @D)`,
  /**
   * ≥ 3 stored deviations (x included) with x's (category, reporting_org, receiving_org) and
   * reported_at in [x − 364 days, x]: the stored flag, kept exact by recurring.ts
   * `refreshRecurring` in every transaction that changes deviations.
   */
  recurring: `d.recurring = 1`,
} as const;

/** Days between reported_at and answered_at / closed_at. */
export const DEV_DAYS_TO_ANSWER = `julianday(d.answered_at) - julianday(d.reported_at)`;
export const DEV_DAYS_TO_CLOSE = `julianday(d.closed_at) - julianday(d.reported_at)`;

/** A dispute's step at the end of the period (highest step whose start date ≤ end). */
export const DISP_STEP_AT_END = `(CASE WHEN s.step3_at <= @end THEN 3 WHEN s.step2_at <= @end THEN 2 ELSE 1 END)`;

export const dispPred = {
  opened: `s.opened_at BETWEEN @from AND @end`,
  /** resolved_at in P and ≤ E */
  resolved: `s.resolved_at BETWEEN @from AND @end`,
  reachedTvist: `s.step3_at BETWEEN @from AND @end`,
  openAtEnd: `(s.opened_at <= @end AND (s.resolved_at IS NULL OR s.resolved_at > @end))`,
  /** open at some time in P (resolved_at later than E counts as not resolved) and at step ≥ 2 by the end */
  temporaryDenominator: `(s.opened_at <= @end AND (s.resolved_at IS NULL OR s.resolved_at >= @from OR s.resolved_at > @asOf)
                          AND (s.step2_at <= @end OR s.step3_at <= @end))`,
  temporarySolution: `s.temporary_solution = 1`,
  resolvedAtStep1: `s.resolution_step = 1`,
  settlement: `s.outcome = 'ekonomisk_reglering'`,
  principled: `s.principled = 1`,
} as const;
export const DISP_DAYS_TO_RESOLVE = `julianday(s.resolved_at) - julianday(s.opened_at)`;

export const learnPred = {
  deviationClosed: `d.closed_at BETWEEN @from AND @end`,
  disputeResolved: dispPred.resolved,
  // a lesson recorded after E has not happened yet (INDICATORS.md, as-of date)
  deviationLesson: `EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = 'deviation' AND l.case_id = d.id AND l.recorded_on <= @asOf)`,
  disputeLesson: `EXISTS (SELECT 1 FROM lessons l WHERE l.case_kind = 'dispute' AND l.case_id = s.id AND l.recorded_on <= @asOf)`,
  newPrecedent: `(p.status = 'vägledande' AND p.decided_at BETWEEN @from AND @end)`,
} as const;

/** One month of the run chart (`@mFrom`, `@mTo` = first and last day of the month). */
export const DEV_MONTH = `(d.reported_at BETWEEN @mFrom AND @mTo AND d.reported_at <= @asOf)`;

export const and = (...parts: string[]) => parts.map((p) => `(${p})`).join(' AND ');

/** The case-bearing parts of a figure: a WHERE clause per table. */
export interface FigurePart {
  kind: 'deviation' | 'dispute';
  where: string;
  /** extra named parameters (keys of a breakdown) */
  params?: Record<string, string | number>;
}

export type ShareKey = 'numerator' | 'denominator';

/** Share figures: numerator and denominator parts. */
export const shareFigures: Partial<Record<IndicatorId, Record<ShareKey, FigurePart[]>>> = {
  'dev.answeredWithinDeadline': {
    numerator: [{ kind: 'deviation', where: and(DEV_COHORT, devPred.deadlineDenominator, devPred.deadlineNumerator) }],
    denominator: [{ kind: 'deviation', where: and(DEV_COHORT, devPred.deadlineDenominator) }],
  },
  'dev.closedShare': {
    numerator: [{ kind: 'deviation', where: and(DEV_COHORT, devPred.closed) }],
    denominator: [{ kind: 'deviation', where: DEV_COHORT }],
  },
  'dev.recurring': {
    numerator: [{ kind: 'deviation', where: and(DEV_COHORT, devPred.recurring) }],
    denominator: [{ kind: 'deviation', where: DEV_COHORT }],
  },
  'disp.resolvedAtStep1': {
    numerator: [{ kind: 'dispute', where: and(dispPred.resolved, dispPred.resolvedAtStep1) }],
    denominator: [{ kind: 'dispute', where: dispPred.resolved }],
  },
  'disp.temporarySolution': {
    numerator: [{ kind: 'dispute', where: and(dispPred.temporaryDenominator, dispPred.temporarySolution) }],
    denominator: [{ kind: 'dispute', where: dispPred.temporaryDenominator }],
  },
  'learn.lessonCoverage': {
    numerator: [
      { kind: 'deviation', where: and(learnPred.deviationClosed, learnPred.deviationLesson) },
      { kind: 'dispute', where: and(learnPred.disputeResolved, learnPred.disputeLesson) },
    ],
    denominator: [
      { kind: 'deviation', where: learnPred.deviationClosed },
      { kind: 'dispute', where: learnPred.disputeResolved },
    ],
  },
};

/** Plain count / lead-time figures without a key. */
export const simpleFigures: Partial<Record<IndicatorId, FigurePart[]>> = {
  'dev.count': [{ kind: 'deviation', where: DEV_COHORT }],
  'dev.per10k': [{ kind: 'deviation', where: DEV_COHORT }],
  'dev.byCategory': [{ kind: 'deviation', where: DEV_COHORT }],
  'dev.byFlow': [{ kind: 'deviation', where: DEV_COHORT }],
  'dev.byKommun': [{ kind: 'deviation', where: DEV_COHORT }],
  'dev.severe': [{ kind: 'deviation', where: and(DEV_COHORT, devPred.severe) }],
  'dev.daysToAnswer': [{ kind: 'deviation', where: and(DEV_COHORT, devPred.answered) }],
  'dev.daysToClose': [{ kind: 'deviation', where: and(DEV_COHORT, devPred.closed) }],
  'disp.opened': [{ kind: 'dispute', where: dispPred.opened }],
  'disp.resolved': [{ kind: 'dispute', where: dispPred.resolved }],
  'disp.reachedTvist': [{ kind: 'dispute', where: dispPred.reachedTvist }],
  'disp.daysToResolve': [{ kind: 'dispute', where: dispPred.resolved }],
  'disp.openAtEnd': [{ kind: 'dispute', where: dispPred.openAtEnd }],
  'disp.economicSettlement': [{ kind: 'dispute', where: and(dispPred.resolved, dispPred.settlement) }],
  'disp.principled': [{ kind: 'dispute', where: and(dispPred.opened, dispPred.principled) }],
};

/** Breakdown parts (the key selects one). */
export const breakdownWhere = {
  category: and(DEV_COHORT, `d.category = @key`),
  flow: and(DEV_COHORT, `d.reporting_party_type = @keyFrom AND d.receiving_party_type = @keyTo`),
  kommun: and(DEV_COHORT, `d.kommun_code = @key`),
  step: and(dispPred.openAtEnd, `${DISP_STEP_AT_END} = @key`),
} as const;
