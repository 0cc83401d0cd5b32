/** Saved reports (saved_reports): what each export was made from, so it can be produced again identically. */
import type { ReportSpec, SavedReport } from '../../../shared/api/reports';
import type { Workspace } from '../session';
import { UserError } from '../errors';
import { periodLabel } from './report-model';

interface Row {
  id: number;
  created_at: string;
  period_from: string;
  period_to: string;
  as_of: string;
  deadline_days: number;
  summary_text: string;
  analysis_text: string;
  author: string;
  file_name: string;
  figures_hash: string;
  settings: string;
}

export interface SavedSettings {
  smallCellSuppression: boolean;
  delregionId: string;
  delregionName: string;
}

export interface SavedReportDetail extends SavedReport {
  summaryText: string;
  analysisText: string;
}

function toSaved(r: Row): SavedReportDetail {
  let settings: Partial<SavedSettings> = {};
  try {
    settings = JSON.parse(r.settings) as Partial<SavedSettings>;
  } catch {
    settings = {};
  }
  return {
    id: r.id,
    createdAt: r.created_at,
    from: r.period_from,
    to: r.period_to,
    periodLabel: periodLabel(r.period_from, r.period_to),
    asOf: r.as_of,
    deadlineDays: r.deadline_days,
    author: r.author,
    fileName: r.file_name,
    figuresHash: r.figures_hash,
    settings: {
      smallCellSuppression: settings.smallCellSuppression ?? true,
      delregionId: settings.delregionId ?? '',
      delregionName: settings.delregionName ?? '',
    },
    summaryText: r.summary_text,
    analysisText: r.analysis_text,
  };
}

export function listSaved(ws: Workspace): SavedReport[] {
  const rows = ws.sqlite.prepare('SELECT * FROM saved_reports ORDER BY created_at DESC, id DESC LIMIT 500').all() as Row[];
  return rows.map((r) => {
    const { summaryText: _s, analysisText: _a, ...rest } = toSaved(r);
    return rest;
  });
}

export function getSaved(ws: Workspace, id: number): SavedReportDetail {
  const row = ws.sqlite.prepare('SELECT * FROM saved_reports WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new UserError(`Den sparade rapporten ${id} finns inte.`, 'NOT_FOUND');
  return toSaved(row);
}

/** The spec a saved report was made from. */
export function savedSpec(s: SavedReportDetail): ReportSpec {
  return {
    from: s.from,
    to: s.to,
    asOf: s.asOf,
    deadlineDays: s.deadlineDays,
    summaryText: s.summaryText,
    analysisText: s.analysisText,
    smallCellSuppression: s.settings.smallCellSuppression,
  };
}

export function insertSaved(
  ws: Workspace,
  r: {
    createdAt: string;
    from: string;
    to: string;
    asOf: string;
    deadlineDays: number;
    summaryText: string;
    analysisText: string;
    author: string;
    fileName: string;
    figuresHash: string;
    settings: SavedSettings;
  },
): number {
  const info = ws.sqlite
    .prepare(
      `INSERT INTO saved_reports (created_at, period_from, period_to, as_of, deadline_days, summary_text, analysis_text, author, file_name, figures_hash, settings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.createdAt, r.from, r.to, r.asOf, r.deadlineDays, r.summaryText, r.analysisText, r.author, r.fileName, r.figuresHash, JSON.stringify(r.settings));
  return Number(info.lastInsertRowid);
}
