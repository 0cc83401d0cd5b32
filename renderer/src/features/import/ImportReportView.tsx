import { useState } from 'react';
import type { ImportReport } from '../../../../shared/domain/import';
import { categoryCodes, type CategoryCode } from '../../../../shared/domain/enums';
import { categoryLabels } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import { useAction } from '../../api/hooks';
import { href } from '../../router';
import { ErrorMessage } from '../../components/ui';
import { encodingLabel, fieldLabel, formatLabel, kindLabels, shortHash } from './labels';

const caseWord = (kind: ImportReport['kind'], n: number) => (kind === 'deviations' ? (n === 1 ? 'avvikelse' : 'avvikelser') : n === 1 ? 'ärende' : 'ärenden');

/** The balance rows = inserted + updated + unchanged + quarantined + outside + duplicates, in words. */
export function balanceSentence(r: ImportReport): string {
  const parts = [
    `${formatInt(r.inserted)} sparades som nya`,
    `${formatInt(r.updated)} uppdaterades`,
    `${formatInt(r.unchanged)} var oförändrade`,
    `${formatInt(r.quarantined)} gick till karantän`,
    `${formatInt(r.outsideDelregion)} låg utanför delregionen`,
    `${formatInt(r.duplicatesInFile)} var dubbletter i filen`,
  ];
  const sum = r.inserted + r.updated + r.unchanged + r.quarantined + r.outsideDelregion + r.duplicatesInFile;
  const head = `Filen hade ${formatInt(r.rows)} ${r.rows === 1 ? 'rad' : 'rader'}: ${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}.`;
  const tail =
    sum === r.rows
      ? ' Summan stämmer – ingen rad har försvunnit.'
      : ` Summan (${formatInt(sum)}) stämmer inte med antalet rader (${formatInt(r.rows)}) – kontakta supporten.`;
  return head + tail;
}

export function ImportReportView({ report, title = 'Importrapport' }: { report: ImportReport; title?: string }) {
  const r = report;
  const [showAllErrors, setShowAllErrors] = useState(false);
  const errors = showAllErrors ? r.errors : r.errors.slice(0, 25);
  const countRows: [string, number, string?][] = [
    ['Rader i filen', r.rows],
    ['Nya', r.inserted, `nya ${caseWord(r.kind, 2)} sparade`],
    ['Uppdaterade', r.updated, 'ändrat innehåll; den tidigare versionen finns kvar i historiken'],
    ['Oförändrade', r.unchanged, r.olderVersions > 0 ? `varav ${formatInt(r.olderVersions)} äldre versioner som inte lästes in igen` : 'samma innehåll som redan fanns'],
    [
      'I karantän',
      r.quarantined,
      r.quarantineRepeats > 0
        ? `rader som inte klarade kontrollen; ${formatInt(r.quarantineRepeats)} av dem fanns redan i karantänen från en tidigare import och lades inte till igen`
        : 'rader som inte klarade kontrollen – rätta dem under Karantän',
    ],
    ['Utanför delregionen', r.outsideDelregion, 'kommuner som inte hör till arbetsytan; sparades inte'],
    ['Dubbletter i filen', r.duplicatesInFile, 'samma ärendenummer flera gånger; den sista raden gäller'],
    ['Personnummer ersatta', r.pseudonymised, 'person- och samordningsnummer i fritext ersatta med [PNR-…]'],
  ];
  return (
    <section className="card import-report" aria-labelledby="report-title">
      <h2 id="report-title">{title}</h2>
      <p className="balance" role="status">
        {balanceSentence(r)}
      </p>
      <div className="report-grid">
        <table className="counts-table">
          <caption className="visually-hidden">Antal rader per utfall</caption>
          <thead>
            <tr>
              <th scope="col">Utfall</th>
              <th scope="col" className="num">
                Antal
              </th>
              <th scope="col">Förklaring</th>
            </tr>
          </thead>
          <tbody>
            {countRows.map(([label, n, note]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{formatInt(n)}</td>
                <td className="muted small">{note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="meta-list">
          <dt>Fil</dt>
          <dd>{r.file}</dd>
          <dt>Typ</dt>
          <dd>{kindLabels[r.kind]}</dd>
          <dt>Källsystem</dt>
          <dd>{r.sourceSystem}</dd>
          <dt>Format</dt>
          <dd>
            {formatLabel(r.format)}
            {r.encoding ? `, ${encodingLabel(r.encoding)}` : ''}
            {r.sheet ? `, bladet ”${r.sheet}”` : ''}
          </dd>
          <dt>Rubrikrad</dt>
          <dd>rad {r.headerRowNumber}</dd>
          <dt>Mappningsprofil</dt>
          <dd>{r.profile ? r.profile.name : 'ingen (kopplingen angavs för den här filen)'}</dd>
          <dt>SHA-256</dt>
          <dd>
            <Sha value={r.sha256} />
          </dd>
        </dl>
      </div>

      {r.quarantined > 0 ? (
        <p>
          <a href={href('/import/karantan', { batch: r.batchId ?? undefined })}>
            Öppna karantänen ({formatInt(r.quarantined)} {r.quarantined === 1 ? 'rad' : 'rader'})
          </a>
        </p>
      ) : null}

      {r.outsideByKommun.length > 0 ? (
        <section aria-labelledby="outside-title">
          <h3 id="outside-title">Utanför delregionen, per kommun</h3>
          <p className="muted small">Raderna sparades inte. Om en kommun borde höra till arbetsytan, lägg till den under Inställningar och importera filen igen.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Kommun (som i filen)</th>
                <th scope="col" className="num">
                  Rader
                </th>
              </tr>
            </thead>
            <tbody>
              {r.outsideByKommun.map((o) => (
                <tr key={o.kommun}>
                  <th scope="row">{o.kommun || '(tom)'}</th>
                  <td className="num">{formatInt(o.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {r.unknownCategories.length > 0 ? <UnknownCategories labels={r.unknownCategories} kind={r.kind} /> : null}

      {r.unmappedColumns.length > 0 ? (
        <section aria-labelledby="unmapped-title">
          <h3 id="unmapped-title">Kolumner som inte lästes in</h3>
          <p className="muted small">Kolumnerna saknar koppling till något fält och hoppades över.</p>
          <ul className="tag-list">
            {r.unmappedColumns.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {r.duplicates.length > 0 ? (
        <details>
          <summary>Dubbletter i filen ({formatInt(r.duplicates.length)})</summary>
          <ul>
            {r.duplicates.slice(0, 100).map((d) => (
              <li key={`${d.row}-${d.externalId}`}>
                Rad {d.row}: {d.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {r.errors.length > 0 ? (
        <section aria-labelledby="errors-title">
          <h3 id="errors-title">Fel i raderna</h3>
          <p className="muted small">
            {r.errorsTotal > r.errors.length
              ? `Visar de första ${formatInt(r.errors.length)} av ${formatInt(r.errorsTotal)} felen; karantänen innehåller alla.`
              : `${formatInt(r.errorsTotal)} ${r.errorsTotal === 1 ? 'fel' : 'fel'} totalt.`}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Rad
                  </th>
                  <th scope="col">Kolumn</th>
                  <th scope="col">Värde</th>
                  <th scope="col">Fel</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <td className="num">{e.row}</td>
                    <td>{e.column || `${fieldLabel(r.kind, e.field)} (saknas)`}</td>
                    <td>
                      <code>{e.value === '' ? '(tomt)' : e.value}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.errors.length > 25 ? (
            <button type="button" className="link-button" onClick={() => setShowAllErrors((v) => !v)}>
              {showAllErrors ? 'Visa färre' : `Visa alla ${formatInt(r.errors.length)}`}
            </button>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

/** Each unknown category label with a way to map it to a canonical category (adds a synonym). */
function UnknownCategories({ labels, kind }: { labels: string[]; kind: ImportReport['kind'] }) {
  return (
    <section aria-labelledby="unknown-title">
      <h3 id="unknown-title">Okända kategorier</h3>
      <p className="muted small">
        Etiketterna fanns inte bland kategorierna och sparades tills vidare som ”Övrigt” (originaltexten finns kvar). Välj rätt kategori så läggs etiketten till som
        synonym och de sparade {kind === 'deviations' ? 'avvikelserna' : 'ärendena'} kopplas om.
      </p>
      <ul className="unknown-list">
        {labels.map((l) => (
          <UnknownCategory key={l} label={l} />
        ))}
      </ul>
    </section>
  );
}

function UnknownCategory({ label }: { label: string }) {
  const [code, setCode] = useState<CategoryCode | ''>('');
  const add = useAction('categories.addSynonym');
  const [done, setDone] = useState<string | null>(null);
  const id = `unk-${label.replace(/[^A-Za-z0-9]/g, '_')}-${label.length}`;
  return (
    <li>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!code) return;
          const out = await add.run({ label, categoryCode: code });
          if (out) {
            const n = out.remapped.deviations + out.remapped.disputes;
            setDone(`”${label}” kopplas nu till ${categoryLabels[code]}; ${formatInt(n)} ${n === 1 ? 'sparat ärende' : 'sparade ärenden'} kopplades om.`);
          }
        }}
      >
        <label htmlFor={id}>
          ”{label}” är
        </label>
        <select id={id} value={code} onChange={(e) => setCode(e.target.value as CategoryCode | '')} disabled={!!done}>
          <option value="">Välj kategori …</option>
          {categoryCodes.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c]}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!code || add.busy || !!done}>
          Koppla
        </button>
      </form>
      {done ? (
        <p role="status" className="ok small">
          ✓ {done}
        </p>
      ) : null}
      <ErrorMessage error={add.error} />
    </li>
  );
}

/** A SHA-256, shortened, with the full value on hover and on expand. */
export function Sha({ value }: { value: string }) {
  return (
    <details className="sha">
      <summary title={value}>
        <code>{shortHash(value)}</code> <span className="visually-hidden">Visa hela kontrollsumman</span>
      </summary>
      <code className="sha-full">{value}</code>
    </details>
  );
}
