import { categoryLabels, deviationStatusLabels, disputeOutcomeLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import { formatDateTime, show } from './common';

interface Version {
  versionBatchId: number | null;
  versionFileName: string | null;
  replacedByBatchId: number | null;
  replacedByFileName: string | null;
  replacedAt: string;
  data: Record<string, unknown>;
  changes: { field: string; before?: unknown; after?: unknown }[];
}

const fieldLabels: Record<string, string> = {
  external_id: 'Ärende-id',
  reported_at: 'Rapporterad',
  occurred_at: 'Händelsedatum',
  reporting_org: 'Rapporterande enhet',
  reporting_party_type: 'Huvudman (rapporterande)',
  receiving_org: 'Mottagande enhet',
  receiving_party_type: 'Huvudman (mottagande)',
  kommun: 'Kommun',
  kommun_code: 'Kommunkod',
  category: 'Område',
  raw_category: 'Kategori i filen',
  subcategory: 'Underkategori',
  severity: 'Allvarlighetsgrad',
  status: 'Status',
  answered_at: 'Besvarad',
  closed_at: 'Avslutad',
  description: 'Beskrivning',
  action: 'Åtgärd',
  opened_at: 'Öppnad',
  party_a: 'Part A',
  party_b: 'Part B',
  area: 'Område',
  summary: 'Sammanfattning',
  step2_at: 'Steg 2',
  step3_at: 'Steg 3',
  resolved_at: 'Löst',
  resolution_step: 'Löst på steg',
  outcome: 'Utfall',
  settlement_sek: 'Belopp (kr)',
  temporary_solution: 'Tillfällig lösning',
  principled: 'Principiell',
  linked_deviations: 'Kopplade avvikelser',
  party_a_type: 'Huvudman part A',
  party_b_type: 'Huvudman part B',
  temporary_solution_text: 'Tillfällig lösning (text)',
};
export const fieldLabel = (f: string) => fieldLabels[f] ?? fieldLabels[f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] ?? f;

/** A field's value in words (codes → Swedish labels). */
export function showValue(field: string, v: unknown): string {
  const f = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (typeof v === 'string') {
    if (f === 'category' || f === 'area') return (categoryLabels as Record<string, string>)[v] ?? v;
    if (f.endsWith('party_type') || f.endsWith('_a_type') || f.endsWith('_b_type')) return (partyTypeLabels as Record<string, string>)[v] ?? v;
    if (f === 'outcome') return (disputeOutcomeLabels as Record<string, string>)[v] ?? v;
    if (f === 'status') return (deviationStatusLabels as Record<string, string>)[v] ?? v;
  }
  if (Array.isArray(v)) return v.length ? v.join(', ') : '–';
  return show(v);
}

/** Earlier versions from imports: which file wrote them, which replaced them, and what changed. */
export function HistorySection({ history }: { history: Version[] }) {
  return (
    <section className="card" aria-labelledby="history-h">
      <h2 id="history-h">Historik från importer</h2>
      {history.length === 0 ? (
        <p className="muted">Ärendet har inte ändrats av någon senare import.</p>
      ) : (
        <ol className="history-list">
          {history.map((v, i) => (
            <li key={i}>
              <h3 className="h4">
                Ändrad {formatDateTime(v.replacedAt)} av {v.replacedByFileName ? `filen ${v.replacedByFileName}` : 'en import'}
                {v.replacedByBatchId ? ` (import nr ${v.replacedByBatchId})` : ''}
              </h3>
              <p className="small muted">
                Tidigare version kom från {v.versionFileName ? `filen ${v.versionFileName}` : 'okänd fil'}
                {v.versionBatchId ? ` (import nr ${v.versionBatchId})` : ''}.
              </p>
              {v.changes.length ? (
                <table className="compact case-table">
                  <caption className="visually-hidden">Ändrade fält</caption>
                  <thead>
                    <tr>
                      <th scope="col">Fält</th>
                      <th scope="col">Före</th>
                      <th scope="col">Efter</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.changes.map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{fieldLabel(c.field)}</th>
                        <td>{showValue(c.field, c.before)}</td>
                        <td>{showValue(c.field, c.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="small">Inga fält ändrades.</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
