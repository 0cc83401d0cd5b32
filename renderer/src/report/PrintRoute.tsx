/**
 * The print route (#/rapport/utskrift?utkast=… | ?id=… | ?from=…&to=…&asOf=…): the report
 * document alone, without the app's chrome, laid out for A4. When the model is loaded and every
 * chart has been drawn (and the fonts are ready) it sets
 * `document.documentElement.dataset.reportReady = 'true'` — the printers wait for that signal,
 * never for a fixed delay. On failure it sets `dataset.reportError` with the message.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReportModel } from '../../../shared/api/reports';
import { call, ApiError } from '../api/client';
import type { Route } from '../router';
import { ReportDocument } from './ReportDocument';

type ModelInput = { draft: string } | { savedId: number } | { from: string; to: string; asOf?: string; deadlineDays?: number };

export function printInput(query: URLSearchParams): ModelInput | null {
  const draft = query.get('utkast');
  if (draft) return { draft };
  const id = query.get('id');
  if (id && /^\d+$/.test(id)) return { savedId: Number(id) };
  const from = query.get('from');
  const to = query.get('to');
  if (from && to) {
    const asOf = query.get('asOf') ?? undefined;
    const dd = query.get('deadlineDays');
    return { from, to, asOf, deadlineDays: dd && /^\d+$/.test(dd) ? Number(dd) : undefined };
  }
  return null;
}

/** Resolves when every chart in `root` has drawn (data-chart-rendered="true"), checking once per frame. */
function whenChartsRendered(root: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const charts = root.querySelectorAll('[data-chart]');
      const pending = [...charts].some((c) => c.getAttribute('data-chart-rendered') !== 'true');
      if (!pending) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
}

export function ReportPrintRoute({ route }: { route: Route }) {
  const [model, setModel] = useState<ReportModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const key = route.query.toString();

  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('report-print-mode');
    html.lang = 'sv';
    return () => html.classList.remove('report-print-mode');
  }, []);

  useEffect(() => {
    const html = document.documentElement;
    delete html.dataset.reportReady;
    delete html.dataset.reportError;
    const input = printInput(route.query);
    if (!input) {
      const msg = 'Utskriftsadressen saknar rapport (utkast, id eller period).';
      setError(msg);
      html.dataset.reportError = msg;
      return;
    }
    let live = true;
    call('reports.model', input).then(
      (m) => {
        if (!live) return;
        document.title = m.title;
        setModel(m);
      },
      (e: unknown) => {
        if (!live) return;
        const msg = e instanceof ApiError ? e.message : String(e);
        setError(msg);
        html.dataset.reportError = msg;
      },
    );
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    if (!model || !ref.current) return;
    let live = true;
    const root = ref.current;
    void Promise.all([whenChartsRendered(root), document.fonts?.ready ?? Promise.resolve()]).then(() => {
      if (live) document.documentElement.dataset.reportReady = 'true';
    });
    return () => {
      live = false;
    };
  }, [model]);

  if (error) {
    return (
      <main className="report-print">
        <p role="alert">Rapporten kunde inte visas: {error}</p>
      </main>
    );
  }
  if (!model) {
    return (
      <main className="report-print">
        <p>Hämtar rapporten …</p>
      </main>
    );
  }
  return (
    <main className="report-print" ref={ref}>
      <ReportDocument model={model} />
    </main>
  );
}
