/**
 * The report model (REPORT.md): every number and text the PDF shows, assembled in one place.
 * The figures are the dashboard's own document (indicators.dashboard, the same core call the
 * dashboard makes); around them come the import batches, the principled disputes, lessons and
 * precedents of the period — each free text de-identified — and the analyst's texts.
 */
import crypto from 'node:crypto';
import type { ReportModel, ReportSpec } from '../../../shared/api/reports';
import type { Dashboard } from '../../../shared/indicators/schemas';
import { categoryLabels, lessonCauseLabels } from '../../../shared/labels.sv';
import type { CategoryCode, LessonCause } from '../../../shared/domain/enums';
import { todayIso } from '../../../shared/dates';
import type { Workspace } from '../session';
import { REDACTED, redactPseudonyms, scanPersonalData } from '../privacy/pnr';
import { canonicalize } from '../precedents/canonical-json';

export const REPORT_TITLE = 'Uppföljning av avvikelser och oenighet i samverkan';
const MAX_SOURCES = 6;
const MAX_LESSONS = 25;

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** "kvartal 3 2026", "juli 2026", "tertial 2 2026", "första halvåret 2026", "år 2026", else "2026-01-05 – 2026-02-10". */
export function periodLabel(from: string, to: string): string {
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  const whole = from.slice(8) === '01' && Number(to.slice(8)) === lastDay(ty, tm) && fy === ty;
  if (whole) {
    const n = tm - fm + 1;
    if (n === 1) return `${MONTHS[fm - 1]} ${fy}`;
    if (n === 3 && (fm - 1) % 3 === 0) return `kvartal ${(fm - 1) / 3 + 1} ${fy}`;
    if (n === 4 && (fm - 1) % 4 === 0) return `tertial ${(fm - 1) / 4 + 1} ${fy}`;
    if (n === 6 && (fm === 1 || fm === 7)) return `${fm === 1 ? 'första' : 'andra'} halvåret ${fy}`;
    if (n === 12) return `år ${fy}`;
    return `${MONTHS[fm - 1]}–${MONTHS[tm - 1]} ${fy}`;
  }
  return `${from} – ${to}`;
}

export function reportTitle(delregionName: string, label: string): string {
  return `${REPORT_TITLE} — ${delregionName}, ${label}`;
}

export { REDACTED };

/** Removes identity numbers, phone numbers, e-mail addresses and pseudonym tokens from a case text. */
export function redact(text: string): { text: string; hits: number } {
  let { text: t, hits } = redactPseudonyms(text);
  const found = scanPersonalData(t);
  if (found.length) {
    let out = '';
    let pos = 0;
    for (const h of found) {
      if (h.start < pos) continue;
      out += t.slice(pos, h.start) + REDACTED;
      pos = h.end;
      hits++;
    }
    t = out + t.slice(pos);
  }
  return { text: t, hits };
}

/** The first sentence or line of a text, at most `max` characters. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(flat);
  const first = m && m[1]!.length >= 20 ? m[1]! : flat;
  return first.length <= max ? first : `${first.slice(0, max - 1).replace(/\s+\S*$/, '')} …`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')} …`;
}

const areaLabel = (code: string) => categoryLabels[code as CategoryCode] ?? code;

/** The figures a reproduction must match: everything the PDF shows except the texts and the report date. */
export function figuresHash(m: Omit<ReportModel, 'figuresHash' | 'texts' | 'reportDate' | 'author' | 'title'>): string {
  const canonical = canonicalize({
    delregion: m.delregion,
    period: m.period,
    asOf: m.asOf,
    deadlineDays: m.deadlineDays,
    smallCellSuppression: m.smallCellSuppression,
    sources: m.sources,
    sourcesOmitted: m.sourcesOmitted,
    dashboard: m.dashboard,
    principled: m.principled,
    lessons: m.lessons,
    precedents: m.precedents,
    redactions: m.redactions,
  });
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ModelOptions {
  spec: ReportSpec;
  dashboard: Dashboard;
  /** Author shown on the title page (workspace user name, or the saved report's). */
  author?: string;
  reportDate?: string;
  now: Date;
}

/** Assembles the model. `dashboard` is the result of indicators.dashboard for the spec. */
export function buildReportModel(ws: Workspace, opts: ModelOptions): ReportModel {
  const settings = ws.settings();
  const { spec, dashboard } = opts;
  const { from, to, asOf, deadlineDays } = dashboard.current.period;
  const label = periodLabel(from, to);
  const sqlite = ws.sqlite;
  let redactions = 0;
  const clean = (s: string | null | undefined): string => {
    const r = redact(s ?? '');
    redactions += r.hits;
    return r.text;
  };

  const batches = sqlite
    .prepare(
      `SELECT kind, file_name AS fileName, imported_on AS importedOn, rows, inserted, updated, quarantined
       FROM import_batches ORDER BY imported_at DESC, id DESC`,
    )
    .all() as ReportModel['sources'];
  const sources = batches.slice(0, MAX_SOURCES).map((b) => ({ ...b, fileName: clean(b.fileName) }));

  const principledRows = sqlite
    .prepare(
      `SELECT external_id AS externalId, opened_at AS openedAt, area, summary, step2_at AS step2At, step3_at AS step3At, resolved_at AS resolvedAt
       FROM disputes WHERE principled = 1 AND opened_at >= ? AND opened_at <= ? ORDER BY opened_at, external_id`,
    )
    .all(from, to) as { externalId: string; openedAt: string; area: string; summary: string | null; step2At: string | null; step3At: string | null; resolvedAt: string | null }[];
  const principled = principledRows.map((r) => {
    const stepAtEnd: 1 | 2 | 3 = r.step3At && r.step3At <= to ? 3 : r.step2At && r.step2At <= to ? 2 : 1;
    const summary = r.summary?.trim() ? clean(oneLine(r.summary)) : 'Ingen sammanfattning registrerad.';
    return {
      externalId: clean(r.externalId),
      openedAt: r.openedAt,
      area: r.area,
      areaLabel: areaLabel(r.area),
      stepAtEnd,
      resolvedAt: r.resolvedAt && r.resolvedAt <= asOf ? r.resolvedAt : null,
      summary,
    };
  });

  const lessonTotal = Number(sqlite.prepare('SELECT count(*) FROM lessons WHERE recorded_on >= ? AND recorded_on <= ?').pluck().get(from, to) ?? 0);
  const lessonRows = sqlite
    .prepare(
      `SELECT l.recorded_on AS recordedOn, l.case_kind AS caseKind, l.cause, l.text,
              CASE l.case_kind WHEN 'deviation' THEN d.category ELSE s.area END AS area
       FROM lessons l
       LEFT JOIN deviations d ON l.case_kind = 'deviation' AND d.id = l.case_id
       LEFT JOIN disputes s ON l.case_kind = 'dispute' AND s.id = l.case_id
       WHERE l.recorded_on >= ? AND l.recorded_on <= ?
       ORDER BY l.recorded_on, l.id LIMIT ?`,
    )
    .all(from, to, MAX_LESSONS) as { recordedOn: string; caseKind: 'deviation' | 'dispute'; cause: string | null; text: string; area: string | null }[];
  const lessons = {
    total: lessonTotal,
    items: lessonRows.map((l) => ({
      recordedOn: l.recordedOn,
      caseKind: l.caseKind,
      areaLabel: l.area ? areaLabel(l.area) : '–',
      cause: l.cause ? (lessonCauseLabels[l.cause as LessonCause] ?? l.cause) : null,
      text: clean(clip(l.text, 300)),
    })),
  };

  const precedentRows = sqlite
    .prepare(
      `SELECT title, principle, area, decided_at AS decidedAt FROM precedents
       WHERE status = 'vägledande' AND decided_at >= ? AND decided_at <= ? ORDER BY decided_at, title`,
    )
    .all(from, to) as { title: string; principle: string; area: string; decidedAt: string | null }[];
  const precedents = precedentRows.map((p) => ({
    title: clean(p.title),
    principle: clean(clip(p.principle, 400)),
    areaLabel: areaLabel(p.area),
    decidedAt: p.decidedAt,
  }));

  const base = {
    title: reportTitle(settings.delregionName, label),
    delregion: { id: settings.delregionId, name: settings.delregionName },
    period: { from, to, label },
    asOf,
    deadlineDays,
    author: opts.author ?? settings.userName,
    reportDate: opts.reportDate ?? todayIso(opts.now),
    smallCellSuppression: spec.smallCellSuppression ?? settings.smallCellSuppression,
    sources,
    sourcesOmitted: Math.max(0, batches.length - sources.length),
    dashboard,
    principled,
    lessons,
    precedents,
    texts: { summary: spec.summaryText, analysis: spec.analysisText },
  };
  const withCount = { ...base, redactions };
  return { ...withCount, figuresHash: figuresHash(withCount) };
}

/** A file name for the PDF: "Samsyn-rapport-Fyrbodal-2026-07-01--2026-09-30.pdf". */
export function reportFileName(delregionName: string, from: string, to: string): string {
  const name = delregionName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `Samsyn-rapport-${name || 'delregion'}-${from}--${to}.pdf`;
}

/** Chromium/Electron page header and footer (delregion and period; "Sida x av y" and the as-of date). */
export function pageTemplates(m: Pick<ReportModel, 'delregion' | 'period' | 'asOf'>): { headerTemplate: string; footerTemplate: string } {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const style =
    "font-family:'DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#4d5661;width:100%;padding:0 15mm;display:flex;justify-content:space-between;-webkit-print-color-adjust:exact;";
  const headerTemplate = `<div style="${style}"><span>${esc(REPORT_TITLE)}</span><span>${esc(m.delregion.name)} · ${esc(m.period.label)}</span></div>`;
  const footerTemplate = `<div style="${style}"><span>Data per ${esc(m.asOf)} · Samsyn</span><span>Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span></div>`;
  return { headerTemplate, footerTemplate };
}
