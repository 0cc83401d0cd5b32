/**
 * Rapport (#/rapport): the PDF summary for VVG. Choose the period and the as-of date, write the
 * summary and the analysis (checked for personal data as you type — export is blocked until the
 * hits are removed), preview the report exactly as it prints (the same component as the print
 * route), export the PDF (a job with progress; the bytes come back and are downloaded), and
 * produce saved reports again.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Route } from '../../router';
import { navigate } from '../../router';
import { call, ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { ErrorMessage, Loading, PageHeader, ProgressBar } from '../../components/ui';
import { downloadBase64 } from '../../components/files';
import { periodProblem, presetPeriod, type PeriodPreset } from '../../../../shared/periods';
import type { ReportExportResult, SavedReport, TextCheck } from '../../../../shared/api/reports';
import type { JobState } from '../../../../shared/api/jobs';
import { capitalise, defaultPeriod, detectPreset, today } from '../dashboard/period';
import { PeriodField, PresetField } from '../dashboard/PeriodFields';
import { ReportDocument } from '../../report/ReportDocument';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DRAFT_KEY = 'samsyn.report.texts';

const hitKind: Record<string, string> = {
  personnummer: 'Personnummer',
  samordningsnummer: 'Samordningsnummer',
  telefonnummer: 'Telefonnummer',
  'e-postadress': 'E-postadress',
};

function loadDraft(): { summary: string; analysis: string } {
  try {
    const v = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as { summary?: unknown; analysis?: unknown };
    return { summary: typeof v.summary === 'string' ? v.summary : '', analysis: typeof v.analysis === 'string' ? v.analysis : '' };
  } catch {
    return { summary: '', analysis: '' };
  }
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

async function runJob(start: () => Promise<JobState>, onProgress: (j: JobState) => void): Promise<JobState> {
  let job = await start();
  onProgress(job);
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 150));
    job = await call('jobs.get', { id: job.id });
    onProgress(job);
  }
  return job;
}

function Hits({ id, text, hits }: { id: string; text: string; hits: TextCheck['summary'] }) {
  if (hits.length === 0) return null;
  return (
    <div id={id} className="error-message report-hits" role="alert">
      <div>
        <strong>Texten innehåller personuppgifter – ta bort dem innan rapporten kan exporteras:</strong>
        <ul>
          {hits.map((h, i) => (
            <li key={i}>
              {hitKind[h.kind] ?? h.kind} ”{h.raw}” (tecken {h.start + 1}–{h.end}
              {text.slice(Math.max(0, h.start - 20), h.start).trim() ? `, efter ”…${text.slice(Math.max(0, h.start - 20), h.start)}”` : ''})
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function ReportPage({ route }: { route: Route }) {
  const { info } = useWorkspace();
  const ids = { preset: useId(), period: useId(), from: useId(), to: useId(), asOf: useId(), summary: useId(), analysis: useId(), sumHits: useId(), anaHits: useId() };
  const refDate = info.counts.lastImportOn ?? today();

  // period in the URL (#/rapport?from=…&to=…&asOf=…)
  const qFrom = route.query.get('from');
  const qTo = route.query.get('to');
  const qAsOf = route.query.get('asOf');
  const period = qFrom && qTo && !periodProblem({ from: qFrom, to: qTo }) ? { from: qFrom, to: qTo } : defaultPeriod(refDate);
  const asOf = qAsOf && ISO.test(qAsOf) ? qAsOf : undefined;
  const go = (p: { from: string; to: string }, a: string | undefined = asOf) => navigate('/rapport', { from: p.from, to: p.to, asOf: a });

  const [preset, setPreset] = useState<PeriodPreset>(detectPreset(period));
  const [customFrom, setCustomFrom] = useState(period.from);
  const [customTo, setCustomTo] = useState(period.to);
  const [customProblem, setCustomProblem] = useState<string | null>(null);
  useEffect(() => {
    setPreset(detectPreset(period));
    setCustomFrom(period.from);
    setCustomTo(period.to);
  }, [period.from, period.to]);

  const [texts, setTexts] = useState(loadDraft);
  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(texts));
  }, [texts]);
  const debouncedTexts = useDebounced(texts, 300);

  const check = useApi('reports.check', { summaryText: debouncedTexts.summary, analysisText: debouncedTexts.analysis });
  const hits = check.data;
  const upToDate = debouncedTexts === texts && !check.loading;
  const blocked = !!hits && !hits.ok;

  const modelInput = useMemo(() => ({ from: period.from, to: period.to, ...(asOf ? { asOf } : {}) }), [period.from, period.to, asOf]);
  const model = useApi('reports.model', modelInput);
  const printer = useApi('reports.printer', {});
  const saved = useApi('reports.saved', {});

  const [job, setJob] = useState<JobState | null>(null);
  const [jobError, setJobError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const busy = job?.state === 'running';
  const doneRef = useRef<HTMLParagraphElement>(null);

  const finish = (j: JobState, what: string) => {
    if (j.state === 'done') {
      const r = j.result as ReportExportResult;
      downloadBase64(r.fileName, r.pdfBase64, 'application/pdf');
      const same = r.identical === null ? '' : r.identical ? ' Siffrorna är identiska med den sparade rapporten.' : ' Obs! Siffrorna skiljer sig från den sparade rapporten – data har ändrats sedan dess.';
      setDone(`${what} ${r.fileName} (${Math.max(1, Math.round(r.bytes / 1024))} kB) har laddats ned.${same}`);
      saved.reload();
      setTimeout(() => doneRef.current?.focus(), 0);
    } else if (j.state === 'failed') {
      setJobError(new ApiError(j.error ?? { code: 'INTERNAL', message: j.message }));
    }
  };

  const exportPdf = async () => {
    setJobError(null);
    setDone(null);
    try {
      const j = await runJob(
        () => call('reports.export', { ...modelInput, summaryText: texts.summary, analysisText: texts.analysis }),
        setJob,
      );
      finish(j, 'Rapporten');
    } catch (e) {
      setJob(null);
      setJobError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
    }
  };

  const reproduce = async (s: SavedReport) => {
    setJobError(null);
    setDone(null);
    try {
      const j = await runJob(() => call('reports.export', { savedId: s.id }), setJob);
      finish(j, 'Den sparade rapporten');
    } catch (e) {
      setJob(null);
      setJobError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
    }
  };

  const startFrom = async (s: SavedReport) => {
    const full = await call('reports.get', { id: s.id });
    setTexts({ summary: full.summaryText, analysis: full.analysisText });
    go({ from: full.from, to: full.to }, full.asOf);
  };

  const previewModel = model.data ? { ...model.data, texts: { summary: texts.summary, analysis: texts.analysis } } : null;
  const canExport = !busy && !blocked && upToDate && !!model.data && printer.data?.available !== false;

  return (
    <>
      <PageHeader
        title="Rapport till VVG"
        intro={`Sammanställning av avvikelser, oenighet och tvist i ${info.settings.delregionName} som PDF. Förhandsvisningen nedan är exakt det som skrivs ut.`}
      />
      <ErrorMessage error={jobError} onDismiss={() => setJobError(null)} />

      <section className="card" aria-labelledby="h-report-period">
        <h2 id="h-report-period">Period och datum</h2>
        <div className="report-form-row">
          <PresetField
            id={ids.preset}
            value={preset}
            onChange={(v) => {
              setPreset(v);
              if (v !== 'custom') go(presetPeriod(v, period.to));
            }}
          />
          {preset !== 'custom' ? (
            <PeriodField id={ids.period} className="report-form-wide" preset={preset} period={period} refDate={refDate} onChoose={(p) => go(p)} />
          ) : (
            <>
              <div>
                <label htmlFor={ids.from}>Från och med</label>
                <input id={ids.from} type="date" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} />
              </div>
              <div>
                <label htmlFor={ids.to}>Till och med</label>
                <input id={ids.to} type="date" value={customTo} onChange={(e) => setCustomTo(e.target.value)} />
              </div>
              <div className="report-form-button">
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    const p = periodProblem({ from: customFrom, to: customTo });
                    setCustomProblem(p);
                    if (!p) go({ from: customFrom, to: customTo });
                  }}
                >
                  Använd perioden
                </button>
              </div>
            </>
          )}
          <div>
            <label htmlFor={ids.asOf}>Data per</label>
            <input
              id={ids.asOf}
              type="date"
              value={asOf ?? ''}
              onChange={(e) => {
                const v = e.target.value;
                if (v === '') go(period, undefined);
                else if (ISO.test(v)) go(period, v);
              }}
            />
          </div>
        </div>
        {customProblem ? (
          <p className="field-error" role="alert">
            {customProblem}
          </p>
        ) : null}
        <p className="small muted">
          {asOf ? `Data per ${asOf} (valt).` : `Data per: senaste importens datum${model.data ? ` (${model.data.asOf})` : ''}.`} Händelser efter detta datum
          räknas som att de ännu inte har inträffat. Svarstid: {model.data ? model.data.deadlineDays : info.settings.deadlineDays} dagar.{' '}
          {info.settings.smallCellSuppression ? 'Små tal (1–4) per kommun visas som "<5".' : 'Små tal visas exakt (inställning).'}
        </p>
      </section>

      <section className="card" aria-labelledby="h-report-texts">
        <h2 id="h-report-texts">Texter</h2>
        <p className="small muted">
          Texterna skrivs in i rapporten som de står. De kontrolleras mot personnummer, samordningsnummer, telefonnummer och e-postadresser; namn
          kan inte upptäckas automatiskt – skriv inga namn på patienter eller personal.
        </p>
        <label htmlFor={ids.summary}>Sammanfattning</label>
        <textarea
          id={ids.summary}
          rows={5}
          value={texts.summary}
          onChange={(e) => setTexts((t) => ({ ...t, summary: e.target.value }))}
          aria-invalid={!!hits && hits.summary.length > 0}
          aria-describedby={hits && hits.summary.length > 0 ? ids.sumHits : undefined}
        />
        {hits ? <Hits id={ids.sumHits} text={debouncedTexts.summary} hits={hits.summary} /> : null}
        <label htmlFor={ids.analysis}>Analys och förslag</label>
        <textarea
          id={ids.analysis}
          rows={8}
          value={texts.analysis}
          onChange={(e) => setTexts((t) => ({ ...t, analysis: e.target.value }))}
          aria-invalid={!!hits && hits.analysis.length > 0}
          aria-describedby={hits && hits.analysis.length > 0 ? ids.anaHits : undefined}
        />
        {hits ? <Hits id={ids.anaHits} text={debouncedTexts.analysis} hits={hits.analysis} /> : null}
      </section>

      <section className="card" aria-labelledby="h-report-export">
        <h2 id="h-report-export">Exportera</h2>
        <div className="page-actions">
          <button type="button" className="primary" onClick={exportPdf} disabled={!canExport} aria-describedby="report-export-help">
            Exportera PDF
          </button>
          {busy ? (
            <button type="button" onClick={() => job && void call('jobs.cancel', { id: job.id })}>
              Avbryt
            </button>
          ) : null}
        </div>
        <p id="report-export-help" className="small muted">
          {printer.data?.available === false
            ? printer.data.message
            : blocked
              ? 'Exporten är spärrad tills personuppgifterna är borttagna ur texterna.'
              : 'Rapporten sparas i arbetsytan (period, datum, texter och en kontrollsumma för siffrorna) så att den kan skapas igen.'}
        </p>
        {busy && job ? <ProgressBar value={job.progress} label="Skapar PDF" detail={job.message} /> : null}
        {done ? (
          <p className="ok-message" role="status" tabIndex={-1} ref={doneRef}>
            {done}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="h-report-saved">
        <h2 id="h-report-saved">Sparade rapporter</h2>
        {saved.data && saved.data.length === 0 ? <p className="muted">Inga rapporter har exporterats ännu.</p> : null}
        {saved.data && saved.data.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Skapad</th>
                  <th scope="col">Period</th>
                  <th scope="col">Data per</th>
                  <th scope="col">Författare</th>
                  <th scope="col">Fil</th>
                  <th scope="col">
                    <span className="visually-hidden">Åtgärder</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {saved.data.map((s) => (
                  <tr key={s.id} data-saved-report={s.id}>
                    <td>{s.createdAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>
                      {capitalise(s.periodLabel)}
                      <div className="small muted">
                        {s.from} – {s.to}
                      </div>
                    </td>
                    <td>{s.asOf}</td>
                    <td>{s.author}</td>
                    <td className="small">{s.fileName}</td>
                    <td>
                      <div className="page-actions">
                        <button type="button" className="small" disabled={busy} onClick={() => reproduce(s)} aria-label={`Skapa igen: ${s.periodLabel}, skapad ${s.createdAt.slice(0, 10)}`}>
                          Skapa igen
                        </button>
                        <button type="button" className="small" disabled={busy} onClick={() => void startFrom(s)} aria-label={`Använd period och texter från rapporten ${s.periodLabel}`}>
                          Använd som utgångspunkt
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {saved.error ? <ErrorMessage error={saved.error} /> : null}
      </section>

      <section aria-labelledby="h-report-preview">
        <h2 id="h-report-preview">Förhandsvisning</h2>
        {model.error ? <ErrorMessage error={model.error} /> : null}
        {!previewModel ? (
          <Loading label="Sammanställer rapporten …" />
        ) : (
          <div className="report-sheet" aria-busy={model.loading}>
            <ReportDocument model={previewModel} />
          </div>
        )}
      </section>
    </>
  );
}
