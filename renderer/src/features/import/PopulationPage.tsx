import { useId, useState, type FormEvent } from 'react';
import type { PopulationReport } from '../../../../shared/domain/import';
import { formatInt } from '../../../../shared/format';
import { useAction, useApi } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/ui';
import { readFileAsBase64 } from '../../components/files';
import { FilePicker } from '../../components/FilePicker';
import { Sha } from './ImportReportView';

const HOW_TO =
  'Hämta tabellen ”Folkmängd i riket, län och kommuner” (Befolkning → Befolkningens sammansättning) från SCB:s statistikdatabas, välj kommunerna och åren, exportera som CSV (semikolonavgränsad) och läs in filen här. Den senaste siffran per kommun används; äldre siffror ersätts inte förrän en ny fil läses in.';

/** Import SCB's table export; used on the Folkmängd tab and in the new-import flow. */
export function PopulationImportForm({ onImported }: { onImported?(r: PopulationReport): void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<PopulationReport | null>(null);
  const [readError, setReadError] = useState<Error | null>(null);
  const imp = useAction('population.import');
  const [pickerKey, setPickerKey] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setReadError(null);
    let b64: string;
    try {
      b64 = await readFileAsBase64(file);
    } catch (err) {
      return setReadError(err as Error);
    }
    const out = await imp.run({ fileName: file.name, bytesBase64: b64 });
    if (out) {
      setReport(out);
      onImported?.(out);
      setFile(null);
      setPickerKey((k) => k + 1);
    }
  };
  return (
    <form onSubmit={submit} className="population-form">
      <FilePicker key={pickerKey} id={`${id}-file`} label="Fil från SCB (CSV eller XLSX)" accept=".csv,.txt,.xlsx" onFile={(f) => setFile(f ?? null)} help={HOW_TO} />
      <button type="submit" className="primary" disabled={!file || imp.busy}>
        Läs in folkmängd
      </button>
      {imp.busy ? <Loading label="Läser in …" /> : null}
      <ErrorMessage error={imp.error ?? readError} />
      {report ? (
        <div className="card report-inline" role="status" aria-live="polite">
          <p>
            <strong>Klart.</strong> {formatInt(report.rowsUpdated)} siffror för {formatInt(report.kommuner)} kommuner lästes in
            {report.years.length > 0 ? ` (år ${report.years.join(', ')})` : ''}. Källa: {report.source}.
          </p>
          {report.unknownKommuner.length > 0 ? (
            <p>
              Okända kommunnamn som hoppades över: {report.unknownKommuner.join(', ')}.
            </p>
          ) : null}
          <p className="small muted">
            {report.file}, rubrikrad {report.headerRowNumber}, SHA-256 <Sha value={report.sha256} />
          </p>
        </div>
      ) : null}
    </form>
  );
}

export function PopulationPage() {
  const list = useApi('population.list', {});
  const missing = (list.data ?? []).filter((k) => k.missing);
  const years = new Set((list.data ?? []).filter((k) => k.year != null).map((k) => k.year!));
  const newest = years.size > 0 ? Math.max(...years) : null;
  return (
    <>
      <section className="card" aria-labelledby="pop-import">
        <h2 id="pop-import">Läs in folkmängd från SCB</h2>
        <p>Folkmängden används för indikatorer per 10 000 invånare. Varje siffra sparas med sitt datum och sin källa.</p>
        <PopulationImportForm onImported={() => list.reload()} />
      </section>
      <section className="card" aria-labelledby="pop-list">
        <h2 id="pop-list">Arbetsytans kommuner</h2>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorMessage error={list.error} />
        {missing.length > 0 ? (
          <div className="warning" role="status">
            <strong>Folkmängd saknas för {missing.map((m) => m.name).join(', ')}.</strong> Tal per 10 000 invånare kan inte räknas för{' '}
            {missing.length === 1 ? 'den kommunen' : 'de kommunerna'} förrän siffran finns. Läs in SCB:s tabell ovan.
          </div>
        ) : null}
        {list.data ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Folkmängd per kommun</caption>
              <thead>
                <tr>
                  <th scope="col">Kommun</th>
                  <th scope="col" className="num">
                    Folkmängd
                  </th>
                  <th scope="col">År</th>
                  <th scope="col">Avser datum</th>
                  <th scope="col">Källa</th>
                  <th scope="col">Anmärkning</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((k) => (
                  <tr key={k.code} className={k.missing ? 'row-missing' : undefined}>
                    <th scope="row">{k.name}</th>
                    <td className="num">{k.value == null ? '–' : formatInt(k.value)}</td>
                    <td>{k.year ?? '–'}</td>
                    <td>{k.refDate ?? '–'}</td>
                    <td>{k.source ?? '–'}</td>
                    <td>
                      {k.missing ? (
                        <span className="field-error">⚠ Saknas – läs in SCB:s tabell</span>
                      ) : newest != null && k.year != null && k.year < newest ? (
                        <span>Äldre siffra än övriga ({newest})</span>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
