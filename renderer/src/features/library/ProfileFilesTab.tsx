import { useId, useState } from 'react';
import type { z } from 'zod';
import type { profilesApplyOutputSchema, profilesPreviewSchema } from '../../../../shared/api/library';
import { categoryLabels } from '../../../../shared/labels.sv';
import type { CategoryCode } from '../../../../shared/domain/enums';
import { formatInt } from '../../../../shared/format';
import { call, ApiError } from '../../api/client';
import { useAction } from '../../api/hooks';
import { href } from '../../router';
import { ErrorMessage, Loading } from '../../components/ui';
import { Fingerprint } from '../../components/SubNav';
import { offerDownload, readFileAsBase64 } from '../../components/files';
import { FilePicker } from '../../components/FilePicker';
import { PublisherCard, delregionLabel } from './PublisherCard';

type Preview = z.infer<typeof profilesPreviewSchema>;
type Applied = z.infer<typeof profilesApplyOutputSchema>;

const profileStatus: Record<string, string> = { new: 'Ny', identical: 'Finns redan', renamed: 'Ny (namnet finns redan – sparas med annat namn)' };
const synonymStatus: Record<string, string> = { new: 'Ny', identical: 'Finns redan', conflict: 'Krockar – behåller din koppling' };
const cat = (c: string | null) => (c ? (categoryLabels[c as CategoryCode] ?? c) : '–');

export function ProfileFilesTab() {
  const ids = useId();
  const exp = useAction('library.exportProfiles');
  const [exported, setExported] = useState<{ fileName: string; content: string; profileCount: number; synonymCount: number; fingerprint: string; name: string; delregion: string } | null>(
    null,
  );
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [trustChosen, setTrustChosen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [pickerKey, setPickerKey] = useState(0);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setTrustChosen(false);
    setError(null);
    setPickerKey((k) => k + 1);
  };
  const wrap = (e: unknown) => (e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: (e as Error).message }));

  const onFile = async (f: File | undefined) => {
    reset();
    setApplied(null);
    if (!f) return;
    setBusy('Kontrollerar filen …');
    try {
      const base64 = await readFileAsBase64(f);
      setFile({ name: f.name, base64 });
      setPreview(await call('library.previewProfiles', { base64, fileName: f.name }));
    } catch (e) {
      setError(wrap(e));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy('Läser in …');
    try {
      const out = await call('library.applyProfiles', { base64: file.base64, fileName: file.name, trustPublisher: trustChosen || undefined });
      setApplied(out);
      reset();
    } catch (e) {
      setError(wrap(e));
    } finally {
      setBusy(null);
    }
  };

  const trusted = !!preview && (preview.publisher.trusted || preview.publisher.own || trustChosen);

  return (
    <>
      <p className="intro">
        Mappningsprofiler och egna kategorisynonymer kan skickas mellan delregioner som en signerad fil, så att samma export från MedControl PRO läses in likadant överallt. Se
        och byt namn på profilerna under <a href={href('/import/profiler')}>Import → Mappningsprofiler</a>.
      </p>
      <section className="card" aria-labelledby={`${ids}-exp`}>
        <h2 id={`${ids}-exp`}>Exportera mappningsprofiler</h2>
        <button
          type="button"
          className="primary"
          disabled={exp.busy}
          onClick={async () => {
            const out = await exp.run({});
            if (out) {
              offerDownload(out.fileName, out.content);
              setExported({
                fileName: out.fileName,
                content: out.content,
                profileCount: out.profileCount,
                synonymCount: out.synonymCount,
                fingerprint: out.publisher.fingerprint,
                name: out.publisher.name,
                delregion: out.publisher.delregion,
              });
            }
          }}
        >
          Exportera mappningsprofiler
        </button>
        <ErrorMessage error={exp.error} />
        {exported ? (
          <div className="success" role="status">
            <p>
              <strong>Filen är klar:</strong> {exported.fileName} med {formatInt(exported.profileCount)} profiler och {formatInt(exported.synonymCount)} egna synonymer.{' '}
              <button type="button" className="link-button" onClick={() => offerDownload(exported.fileName, exported.content)}>
                Ladda ned igen
              </button>
            </p>
            <p className="small">
              Signerad som {exported.name} ({delregionLabel(exported.delregion)}), fingeravtryck <Fingerprint value={exported.fingerprint} />.
            </p>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby={`${ids}-imp`}>
        <h2 id={`${ids}-imp`}>Läs in mappningsprofiler</h2>
        <FilePicker key={pickerKey} id={`${ids}-file`} label="Profilfil (.samsyn-profiler.json)" accept=".json,application/json" onFile={(f) => void onFile(f)} />
        {busy ? <Loading label={busy} /> : null}
        {error ? (
          <div className="error-message" role="alert">
            <span>
              <strong>Filen lästes inte in.</strong> {error.message}
            </span>
          </div>
        ) : null}
        {applied ? (
          <p className="success" role="status">
            {formatInt(applied.applied.profilesAdded)} profiler och {formatInt(applied.applied.synonymsAdded)} synonymer lästes in.
          </p>
        ) : null}
      </section>

      {preview ? (
        <section aria-labelledby={`${ids}-prev`}>
          <h2 id={`${ids}-prev`}>Förhandsgranskning: {file?.name}</h2>
          <PublisherCard publisher={preview.publisher} exportedAt={preview.exportedAt} trustChosen={trustChosen} onTrust={() => setTrustChosen(true)} onCancel={reset} />
          <section className="card" aria-labelledby={`${ids}-content`}>
            <h3 id={`${ids}-content`}>Innehåll</h3>
            <p>
              Profiler: {formatInt(preview.counts.profilesNew)} nya, {formatInt(preview.counts.profilesRenamed)} med nytt namn, {formatInt(preview.counts.profilesIdentical)} finns
              redan. Synonymer: {formatInt(preview.counts.synonymsNew)} nya, {formatInt(preview.counts.synonymsIdentical)} finns redan, {formatInt(preview.counts.synonymsConflict)}{' '}
              krockar.
            </p>
            {preview.profiles.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Profil</th>
                    <th scope="col">Gäller</th>
                    <th scope="col">Utfall</th>
                    <th scope="col">Sparas som</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.profiles.map((p) => (
                    <tr key={`${p.kind}-${p.name}`}>
                      <th scope="row">{p.name}</th>
                      <td>{p.kind === 'deviations' ? 'Avvikelser' : 'Oenighet och tvist'}</td>
                      <td>{profileStatus[p.status] ?? p.status}</td>
                      <td>{p.savedAs}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {preview.synonyms.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Etikett</th>
                    <th scope="col">Kategori i filen</th>
                    <th scope="col">Utfall</th>
                    <th scope="col">Din kategori</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.synonyms.map((s) => (
                    <tr key={s.label}>
                      <th scope="row">{s.label}</th>
                      <td>{cat(s.categoryCode)}</td>
                      <td>{synonymStatus[s.status] ?? s.status}</td>
                      <td>{cat(s.existingCategory)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <div className="form-actions">
              <button type="button" className="primary" onClick={apply} disabled={!trusted || busy != null}>
                Läs in
              </button>
              <button type="button" onClick={reset}>
                Avbryt
              </button>
              {!trusted ? <span className="muted small">Bestäm först om du litar på avsändaren.</span> : null}
            </div>
          </section>
        </section>
      ) : null}
    </>
  );
}
