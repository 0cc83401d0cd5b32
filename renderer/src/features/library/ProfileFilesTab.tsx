import { useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { profilesApplyOutputSchema, profilesPreviewSchema } from '../../../../shared/api/library';
import { categoryLabels } from '../../../../shared/labels.sv';
import type { CategoryCode } from '../../../../shared/domain/enums';
import { formatInt } from '../../../../shared/format';
import { call } from '../../api/client';
import { useAction } from '../../api/hooks';
import { href } from '../../router';
import { ErrorMessage } from '../../components/ui';
import { Fingerprint } from '../../components/SubNav';
import { offerDownload } from '../../components/files';
import { delregionLabel } from './PublisherCard';
import { SignedFilePicker, SignedFilePreview, useSignedFile } from './signed-file';

type Preview = z.infer<typeof profilesPreviewSchema>;
type Applied = z.infer<typeof profilesApplyOutputSchema>;

const profileStatus: Record<string, string> = { new: 'Ny', identical: 'Finns redan', renamed: 'Ny (namnet finns redan – sparas med annat namn)' };
const synonymStatus: Record<string, string> = { new: 'Ny', identical: 'Finns redan', conflict: 'Krockar – behåller din koppling' };
const cat = (c: string | null) => (c ? (categoryLabels[c as CategoryCode] ?? c) : '–');

/** A table of the file's content; the first cell of a row is its header. */
function PreviewTable({ headers, rows }: { headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <table>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {c}
                </th>
              ) : (
                <td key={i}>{c}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProfileFilesTab() {
  const ids = useId();
  const exp = useAction('library.exportProfiles');
  const [exported, setExported] = useState<{ fileName: string; content: string; profileCount: number; synonymCount: number; fingerprint: string; name: string; delregion: string } | null>(
    null,
  );
  const flow = useSignedFile<Preview, Applied>((f) => call('library.previewProfiles', { base64: f.base64, fileName: f.name }));
  const { preview, applied } = flow;
  const apply = () => flow.apply((f, trustPublisher) => call('library.applyProfiles', { base64: f.base64, fileName: f.name, trustPublisher }));

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
        <SignedFilePicker flow={flow} id={`${ids}-file`} label="Profilfil (.samsyn-profiler.json)" onFile={(f) => void flow.pick(f, true)} />
        {applied ? (
          <p className="success" role="status">
            {formatInt(applied.applied.profilesAdded)} profiler och {formatInt(applied.applied.synonymsAdded)} synonymer lästes in.
          </p>
        ) : null}
      </section>

      {preview ? (
        <SignedFilePreview flow={flow} id={ids} preview={preview} contentTitle="Innehåll" onApply={() => void apply()}>
          <p>
            Profiler: {formatInt(preview.counts.profilesNew)} nya, {formatInt(preview.counts.profilesRenamed)} med nytt namn, {formatInt(preview.counts.profilesIdentical)} finns
            redan. Synonymer: {formatInt(preview.counts.synonymsNew)} nya, {formatInt(preview.counts.synonymsIdentical)} finns redan, {formatInt(preview.counts.synonymsConflict)}{' '}
            krockar.
          </p>
          {preview.profiles.length > 0 ? (
            <PreviewTable
              headers={['Profil', 'Gäller', 'Utfall', 'Sparas som']}
              rows={preview.profiles.map((p) => ({
                key: `${p.kind}-${p.name}`,
                cells: [p.name, p.kind === 'deviations' ? 'Avvikelser' : 'Oenighet och tvist', profileStatus[p.status] ?? p.status, p.savedAs],
              }))}
            />
          ) : null}
          {preview.synonyms.length > 0 ? (
            <PreviewTable
              headers={['Etikett', 'Kategori i filen', 'Utfall', 'Din kategori']}
              rows={preview.synonyms.map((s) => ({
                key: s.label,
                cells: [s.label, cat(s.categoryCode), synonymStatus[s.status] ?? s.status, cat(s.existingCategory)],
              }))}
            />
          ) : null}
        </SignedFilePreview>
      ) : null}
    </>
  );
}
