import crypto from 'node:crypto';
import type { HandlerMap } from '../../../shared/api/contract';
import type { ReportExportResult, ReportModel, ReportSpec, reportMethods } from '../../../shared/api/reports';
import type { Dashboard } from '../../../shared/indicators/schemas';
import type { CoreContext } from '../context';
import { UserError } from '../errors';
import { scanPersonalData } from '../privacy/pnr';
import { createIndicatorHandlers } from '../indicators/handlers';
import { audit } from '../workspace/workspace';
import { buildReportModel, pageTemplates, reportFileName } from './report-model';
import { getSaved, insertSaved, listSaved, savedSpec, type SavedReportDetail } from './saved';

const kindWords: Record<string, string> = {
  personnummer: 'personnummer',
  samordningsnummer: 'samordningsnummer',
  telefonnummer: 'telefonnummer',
  'e-postadress': 'e-postadress',
};

/** The de-identification check of the analyst's texts. */
export function checkTexts(summaryText: string, analysisText: string) {
  const summary = scanPersonalData(summaryText);
  const analysis = scanPersonalData(analysisText);
  return { ok: summary.length === 0 && analysis.length === 0, summary, analysis };
}

export function blockedMessage(check: ReturnType<typeof checkTexts>): string {
  const parts: string[] = [];
  const describe = (hits: typeof check.summary) => [...new Set(hits.map((h) => kindWords[h.kind]))].join(', ');
  if (check.summary.length) parts.push(`sammanfattningen (${describe(check.summary)})`);
  if (check.analysis.length) parts.push(`analysen (${describe(check.analysis)})`);
  return `Rapporten kan inte exporteras: ${parts.join(' och ')} innehåller personuppgifter. Ta bort dem och försök igen.`;
}

/** Models being printed, by draft id: the print route renders exactly what was hashed. */
const draftsByCtx = new WeakMap<CoreContext, Map<string, ReportModel>>();

export function createReportHandlers(ctx: CoreContext): HandlerMap<typeof reportMethods> {
  const indicators = createIndicatorHandlers(ctx);
  const drafts = draftsByCtx.get(ctx) ?? new Map<string, ReportModel>();
  draftsByCtx.set(ctx, drafts);

  const dashboardFor = (spec: ReportSpec): Dashboard =>
    indicators['indicators.dashboard']({ from: spec.from, to: spec.to, asOf: spec.asOf, deadlineDays: spec.deadlineDays }) as Dashboard;

  const modelFor = (spec: ReportSpec, saved?: SavedReportDetail): ReportModel =>
    buildReportModel(ctx.ws(), {
      spec,
      dashboard: dashboardFor(spec),
      author: saved?.author,
      reportDate: saved?.createdAt.slice(0, 10),
      now: ctx.now(),
    });

  return {
    'reports.model': (input) => {
      if ('draft' in input) {
        const m = drafts.get(input.draft);
        if (!m) throw new UserError('Rapportutkastet finns inte längre. Skapa rapporten igen.', 'NOT_FOUND');
        return m;
      }
      if ('savedId' in input) {
        const saved = getSaved(ctx.ws(), input.savedId);
        return modelFor(savedSpec(saved), saved);
      }
      return modelFor(input);
    },

    'reports.check': ({ summaryText, analysisText }) => checkTexts(summaryText, analysisText),

    'reports.export': (input) => {
      const ws = ctx.ws();
      const saved = 'savedId' in input ? getSaved(ws, input.savedId) : undefined;
      const spec: ReportSpec = saved ? savedSpec(saved) : (input as ReportSpec);
      const check = checkTexts(spec.summaryText, spec.analysisText);
      if (!check.ok) throw new UserError(blockedMessage(check), 'USER_ERROR', check);
      const printer = ctx.printPdf;
      if (!printer) throw new UserError('Det finns ingen PDF-skrivare i det här läget av Samsyn.', 'USER_ERROR');
      return ctx.jobs.start('report', async ({ signal, report }) => {
        report({ progress: 0.05, message: 'Hämtar siffrorna …' });
        const model = modelFor(spec, saved);
        if (signal.aborted) throw new UserError('Avbrutet.', 'CANCELLED');
        const draft = crypto.randomUUID();
        drafts.set(draft, model);
        let bytes: Uint8Array;
        try {
          report({ progress: 0.25, message: 'Ritar diagrammen och skriver PDF …' });
          const { headerTemplate, footerTemplate } = pageTemplates(model);
          bytes = await printer({ route: `/rapport/utskrift?utkast=${draft}`, title: model.title, headerTemplate, footerTemplate, signal });
        } finally {
          drafts.delete(draft);
        }
        if (signal.aborted) throw new UserError('Avbrutet.', 'CANCELLED');
        report({ progress: 0.95, message: 'Sparar …' });
        const settings = ws.settings();
        const fileName = saved?.fileName ?? reportFileName(model.delregion.name, model.period.from, model.period.to);
        let savedId: number;
        if (saved) {
          savedId = saved.id;
          audit(ws, settings.userName, 'saved_report', String(saved.id), 'reproduce', { identical: model.figuresHash === saved.figuresHash });
        } else {
          savedId = insertSaved(ws, {
            createdAt: ctx.now().toISOString(),
            from: model.period.from,
            to: model.period.to,
            asOf: model.asOf,
            deadlineDays: model.deadlineDays,
            summaryText: spec.summaryText,
            analysisText: spec.analysisText,
            author: model.author,
            fileName,
            figuresHash: model.figuresHash,
            settings: { smallCellSuppression: model.smallCellSuppression, delregionId: model.delregion.id, delregionName: model.delregion.name },
          });
          audit(ws, settings.userName, 'saved_report', String(savedId), 'export', { from: model.period.from, to: model.period.to, asOf: model.asOf, fileName });
        }
        report({ progress: 1, message: 'PDF klar' });
        const result: ReportExportResult = {
          fileName,
          pdfBase64: Buffer.from(bytes).toString('base64'),
          bytes: bytes.byteLength,
          savedId,
          figuresHash: model.figuresHash,
          identical: saved ? model.figuresHash === saved.figuresHash : null,
        };
        return result;
      });
    },

    'reports.saved': () => listSaved(ctx.ws()),
    'reports.get': ({ id }) => getSaved(ctx.ws(), id),
    'reports.printer': () =>
      ctx.printPdf
        ? { available: true, message: null }
        : { available: false, message: 'PDF kan inte skapas i det här läget (ingen skrivare är ansluten).' },
  };
}
