import type { z } from 'zod';
import type { publisherInfoSchema } from '../../../../shared/api/library';
import { delregionNames } from '../../../../shared/labels.sv';
import { Fingerprint } from '../../components/SubNav';
import { formatDateTime } from '../../components/files';

export type PublisherInfo = z.infer<typeof publisherInfoSchema>;

export const delregionLabel = (d: string) => delregionNames[d] ?? d;

/** Who signed the file, its key fingerprint, and whether this workspace trusts it. */
export function PublisherCard(props: {
  publisher: PublisherInfo;
  exportedAt: string;
  /** The user chose "Lita på avsändaren" in this session (applied with the file). */
  trustChosen: boolean;
  onTrust(): void;
  onCancel(): void;
}) {
  const p = props.publisher;
  const trusted = p.trusted || p.own;
  return (
    <section className="card publisher-card" aria-labelledby="publisher-title">
      <h3 id="publisher-title">Avsändare</h3>
      <dl className="meta-list">
        <dt>Namn</dt>
        <dd>{p.name}</dd>
        <dt>Delregion</dt>
        <dd>{delregionLabel(p.delregion)}</dd>
        <dt>Exporterad</dt>
        <dd>{formatDateTime(props.exportedAt)}</dd>
        <dt>Nyckelns fingeravtryck</dt>
        <dd>
          <Fingerprint value={p.fingerprint} label="Avsändarens fingeravtryck" />
        </dd>
        <dt>Signatur</dt>
        <dd>
          <span className="status-ok">
            <span aria-hidden="true">✓ </span>Giltig – filen är oförändrad sedan den exporterades
          </span>
        </dd>
        <dt>Förtroende</dt>
        <dd>
          {p.own ? (
            <span className="status-ok">
              <span aria-hidden="true">✓ </span>Arbetsytans egen nyckel
            </span>
          ) : p.trusted ? (
            <span className="status-ok">
              <span aria-hidden="true">✓ </span>Betrodd avsändare
            </span>
          ) : props.trustChosen ? (
            <span className="status-ok">
              <span aria-hidden="true">✓ </span>Du har valt att lita på avsändaren (sparas när du läser in filen)
            </span>
          ) : (
            <span className="status-warn">
              <span aria-hidden="true">⚠ </span>Okänd avsändare
            </span>
          )}
        </dd>
      </dl>
      {!trusted && !props.trustChosen ? (
        <div className="warning" role="status">
          {p.knownPublisherWithOtherKey ? (
            <p>
              <strong>Obs!</strong> Du litar redan på en <em>annan</em> nyckel för {p.name} ({delregionLabel(p.delregion)}). Det kan vara en ny nyckel hos avsändaren – eller
              någon som utger sig för att vara avsändaren.
            </p>
          ) : null}
          <p>
            Den här nyckeln är inte betrodd än. Kontakta avsändaren på ett annat sätt än det filen kom med (till exempel per telefon) och jämför fingeravtrycket ovan med det
            avsändaren ser under <em>Bibliotek → Betrodda avsändare</em> i sin Samsyn. Lita bara på nyckeln om alla tecken stämmer.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={props.onTrust}>
              Lita på avsändaren
            </button>
            <button type="button" onClick={props.onCancel}>
              Avbryt
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
