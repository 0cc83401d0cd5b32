import { useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import type { libraryExportOutputSchema } from '../../../../shared/api/library';
import { categoryLabels, precedentStatusLabels } from '../../../../shared/labels.sv';
import type { CategoryCode, PrecedentStatus } from '../../../../shared/domain/enums';
import { formatInt } from '../../../../shared/format';
import { useAction, useApi } from '../../api/hooks';
import { href } from '../../router';
import { EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { Fingerprint } from '../../components/SubNav';
import { offerDownload } from '../../components/files';
import { delregionLabel } from './PublisherCard';

type ExportResult = z.infer<typeof libraryExportOutputSchema>;

export const areaLabel = (a: string) => categoryLabels[a as CategoryCode] ?? a;
export const statusLabel = (s: string) => precedentStatusLabels[s as PrecedentStatus] ?? s;
export const kindLabel = (k: string) => (k === 'patientfall' ? 'Patientfall' : 'Ärende');

export function ExportTab() {
  const ids = useId();
  const cands = useApi('library.exportCandidates', {});
  const own = useApi('library.ownKey', {});
  const exp = useAction('library.export');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [publisherName, setPublisherName] = useState('');
  const [result, setResult] = useState<ExportResult | null>(null);

  useEffect(() => {
    if (cands.data) setSelected(new Set(cands.data.filter((c) => c.selected).map((c) => c.id)));
  }, [cands.data]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const run = async () => {
    setResult(null);
    const out = await exp.run({ precedentIds: [...selected], publisherName: publisherName.trim() || undefined });
    if (!out) return;
    setResult(out);
    if (out.status === 'ok') {
      offerDownload(out.fileName, out.content);
      own.reload();
    }
  };

  const list = cands.data ?? [];
  return (
    <>
      <section className="card" aria-labelledby={`${ids}-own`}>
        <h2 id={`${ids}-own`}>Arbetsytans nyckel</h2>
        <p>
          Biblioteksfiler signeras med arbetsytans egen nyckel, så att mottagaren kan se att filen kommer från dig och inte har ändrats. Den privata nyckeln lämnar aldrig
          arbetsytan.
        </p>
        <p>
          Ditt fingeravtryck: {own.data ? <Fingerprint value={own.data.fingerprint} label="Ditt fingeravtryck" /> : <Loading />}
          {own.data && !own.data.fingerprint ? <span className="muted small"> – nyckeln skapas vid första exporten.</span> : null}
        </p>
      </section>
      <section className="card" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>Exportera vägledande fall</h2>
        <p className="muted small">
          Förvalda är alla fall med status Vägledande. Före exporten söks alla texter igenom efter personnummer, telefonnummer och e-postadresser; en träff stoppar exporten.
        </p>
        {cands.loading && !cands.data ? <Loading /> : null}
        <ErrorMessage error={cands.error} />
        {cands.data && list.length === 0 ? (
          <EmptyState title="Inga vägledande fall ännu" action={<a href={href('/larande')}>Till Lärdomar och vägledande fall</a>} />
        ) : null}
        {list.length > 0 ? (
          <>
            <div className="toolbar">
              <button type="button" className="small" onClick={() => setSelected(new Set(list.filter((c) => c.status === 'vägledande').map((c) => c.id)))}>
                Välj alla vägledande
              </button>
              <button type="button" className="small" onClick={() => setSelected(new Set(list.map((c) => c.id)))}>
                Välj alla
              </button>
              <button type="button" className="small" onClick={() => setSelected(new Set())}>
                Välj inga
              </button>
              <span role="status" aria-live="polite">
                {formatInt(selected.size)} av {formatInt(list.length)} valda
              </span>
            </div>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Vägledande fall att exportera</caption>
                <thead>
                  <tr>
                    <th scope="col">Välj</th>
                    <th scope="col">Rubrik</th>
                    <th scope="col">Typ</th>
                    <th scope="col">Område</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Revision
                    </th>
                    <th scope="col">Ursprung</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <input type="checkbox" id={`exp-${c.id}`} checked={selected.has(c.id)} onChange={() => toggle(c.id)} aria-label={`Välj ${c.title}`} />
                      </td>
                      <th scope="row">
                        <a href={href(`/larande/prejudikat/${c.id}`)}>{c.title}</a>
                      </th>
                      <td>{kindLabel(c.kind)}</td>
                      <td>{areaLabel(c.area)}</td>
                      <td>{statusLabel(c.status)}</td>
                      <td className="num">{c.revision}</td>
                      <td>
                        {c.imported ? (
                          <>
                            Inläst från {c.origin.publisher} ({delregionLabel(c.origin.delregion)})
                          </>
                        ) : (
                          'Egen'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <label htmlFor={`${ids}-pub`}>Avsändarens namn i filen (valfritt)</label>
            <input
              id={`${ids}-pub`}
              type="text"
              value={publisherName}
              onChange={(e) => setPublisherName(e.target.value)}
              placeholder="t.ex. Processledare vårdsamverkan Fyrbodal"
              aria-describedby={`${ids}-pub-help`}
            />
            <p id={`${ids}-pub-help`} className="muted small">
              Lämnas fältet tomt används ditt namn från Inställningar.
            </p>
            <div className="form-actions">
              <button type="button" className="primary" onClick={run} disabled={selected.size === 0 || exp.busy}>
                Exportera bibliotek
              </button>
              {exp.busy ? <Loading label="Kontrollerar och signerar …" /> : null}
            </div>
          </>
        ) : null}
        <ErrorMessage error={exp.error} />
        {result?.status === 'ok' ? (
          <div className="success" role="status">
            <p>
              <strong>Biblioteksfilen är klar:</strong> {result.fileName} med {formatInt(result.precedentCount)} vägledande {result.precedentCount === 1 ? 'fall' : 'fall'}. Den
              laddas ned av webbläsaren.{' '}
              <button type="button" className="link-button" onClick={() => offerDownload(result.fileName, result.content)}>
                Ladda ned igen
              </button>
            </p>
            <p className="small">
              Signerad som {result.publisher.name} ({delregionLabel(result.publisher.delregion)}), fingeravtryck <Fingerprint value={result.publisher.fingerprint} />. Ge
              mottagaren fingeravtrycket på annat sätt än filen, så att hen kan kontrollera den.
            </p>
          </div>
        ) : null}
        {result?.status === 'blocked' ? <BlockedHits hits={result.hits} /> : null}
      </section>
    </>
  );
}

function BlockedHits({ hits }: { hits: Extract<ExportResult, { status: 'blocked' }>['hits'] }) {
  return (
    <div className="error-block" role="alert" aria-labelledby="blocked-title">
      <h3 id="blocked-title">Exporten stoppades: möjliga personuppgifter i {formatInt(hits.length)} {hits.length === 1 ? 'text' : 'texter'}</h3>
      <p>Ingen fil skapades. Ändra texterna i de vägledande fallen nedan och exportera igen.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Vägledande fall</th>
            <th scope="col">Fält</th>
            <th scope="col">Vad</th>
            <th scope="col">Text (maskerad)</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h, i) => (
            <tr key={`${h.precedentId}-${h.field}-${i}`}>
              <th scope="row">
                <a href={href(`/larande/prejudikat/${h.precedentId}`)}>{h.title}</a>
              </th>
              <td>{h.fieldLabel}</td>
              <td>{h.kind}</td>
              <td>
                <code>{h.masked}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
