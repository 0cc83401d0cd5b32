import { importReportSchema, populationReportSchema } from '../../../../shared/domain/import';
import { formatInt } from '../../../../shared/format';
import { useApi } from '../../api/hooks';
import { href } from '../../router';
import { EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatBytes, formatDateTime } from '../../components/files';
import { ImportReportView, Sha } from './ImportReportView';
import { kindLabels } from './labels';

export function HistoryPage() {
  const hist = useApi('imports.history', { limit: 200 });
  if (hist.loading && !hist.data) return <Loading />;
  return (
    <>
      <ErrorMessage error={hist.error} />
      {hist.data && hist.data.length === 0 ? (
        <EmptyState title="Inga importer ännu" action={<a href={href('/import')}>Importera en fil</a>}>
          <p>Varje import listas här med filens namn, kontrollsumma och vad som hände med raderna.</p>
        </EmptyState>
      ) : null}
      {hist.data && hist.data.length > 0 ? (
        <section aria-labelledby="hist-title">
          <h2 id="hist-title">Tidigare importer</h2>
          <p className="muted small">Själva filerna sparas inte; kontrollsumman (SHA-256) visar om en fil är samma som en tidigare.</p>
          <div className="table-wrap">
            <table className="history-table">
              <caption className="visually-hidden">Importhistorik, senaste först</caption>
              <thead>
                <tr>
                  <th scope="col">Tid</th>
                  <th scope="col">Fil</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col" className="num">
                    Rader
                  </th>
                  <th scope="col" className="num">
                    Nya
                  </th>
                  <th scope="col" className="num">
                    Uppdaterade
                  </th>
                  <th scope="col" className="num">
                    Oförändrade
                  </th>
                  <th scope="col" className="num">
                    Till karantän
                  </th>
                  <th scope="col" className="num">
                    Utanför
                  </th>
                  <th scope="col" className="num">
                    Dubbletter
                  </th>
                </tr>
              </thead>
              <tbody>
                {hist.data.map((b) => (
                  <tr key={b.id}>
                    <td className="nowrap">{formatDateTime(b.importedAt)}</td>
                    <th scope="row">
                      <a href={href(`/import/batch/${b.id}`)}>{b.fileName}</a>
                      <div className="muted small">
                        {kindLabels[b.kind]} · {b.kind === 'population' ? 'SCB' : b.sourceSystem} · {formatBytes(b.fileSize)}
                      </div>
                    </th>
                    <td>
                      <Sha value={b.sha256} />
                    </td>
                    <td className="num">{formatInt(b.rows)}</td>
                    <td className="num">{formatInt(b.inserted)}</td>
                    <td className="num">{formatInt(b.updated)}</td>
                    <td className="num">{formatInt(b.unchanged)}</td>
                    <td className="num">{b.quarantined > 0 ? <a href={href('/import/karantan', { batch: b.id })}>{formatInt(b.quarantined)}</a> : '0'}</td>
                    <td className="num">{formatInt(b.outsideDelregion)}</td>
                    <td className="num">{formatInt(b.duplicatesInFile)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export function BatchPage({ id }: { id: number }) {
  const q = useApi('imports.batch', Number.isFinite(id) ? { id } : null);
  if (!Number.isFinite(id)) return <ErrorMessage error={new Error('Importen finns inte.')} />;
  if (q.loading && !q.data) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  if (!q.data) return null;
  const { batch: b, report } = q.data;
  const imp = importReportSchema.safeParse(report);
  const pop = imp.success ? null : populationReportSchema.safeParse(report);
  return (
    <>
      <p>
        <a href={href('/import/historik')}>← Tillbaka till importhistoriken</a>
      </p>
      <section className="card" aria-labelledby="batch-title">
        <h2 id="batch-title">
          Import nr {b.id}: {b.fileName}
        </h2>
        <dl className="meta-list">
          <dt>Tid</dt>
          <dd>{formatDateTime(b.importedAt)}</dd>
          <dt>Typ</dt>
          <dd>{kindLabels[b.kind]}</dd>
          <dt>Storlek</dt>
          <dd>{formatBytes(b.fileSize)}</dd>
          <dt>Källsystem</dt>
          <dd>{b.sourceSystem}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="sha-full">{b.sha256}</code>
          </dd>
        </dl>
      </section>
      {imp.success ? <ImportReportView report={imp.data} /> : null}
      {pop?.success ? (
        <section className="card" aria-labelledby="pop-report">
          <h2 id="pop-report">Folkmängd</h2>
          <p>
            {formatInt(pop.data.rowsUpdated)} siffror för {formatInt(pop.data.kommuner)} kommuner, år {pop.data.years.join(', ') || '–'}. Källa: {pop.data.source}.
          </p>
          {pop.data.unknownKommuner.length > 0 ? <p>Okända kommunnamn: {pop.data.unknownKommuner.join(', ')}.</p> : null}
        </section>
      ) : null}
      {!report ? (
        <p className="muted">
          Rapporten för importen finns inte sparad. Siffrorna: {formatInt(b.rows)} rader, {formatInt(b.inserted)} nya, {formatInt(b.updated)} uppdaterade,{' '}
          {formatInt(b.unchanged)} oförändrade, {formatInt(b.quarantined)} i karantän.
        </p>
      ) : null}
    </>
  );
}
