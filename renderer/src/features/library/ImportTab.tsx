import { useId } from 'react';
import type { z } from 'zod';
import type { libraryApplyOutputSchema, LibraryPreviewOutput } from '../../../../shared/api/library';
import { formatInt } from '../../../../shared/format';
import { call } from '../../api/client';
import { useWorkspace } from '../../workspace-context';
import { href } from '../../router';
import { delregionLabel } from './PublisherCard';
import { SignedFilePicker, SignedFilePreview, useSignedFile } from './signed-file';
import { areaLabel, kindLabel } from './ExportTab';

type ApplyOutput = z.infer<typeof libraryApplyOutputSchema>;
type Item = LibraryPreviewOutput['items'][number];

const groups: { status: Item['status']; title: string; note: string }[] = [
  { status: 'new', title: 'Nya', note: 'Finns inte här; läggs till.' },
  { status: 'updated', title: 'Uppdaterade', note: 'Nyare revision från samma ursprung, utan lokala ändringar; ersätter din kopia (den gamla versionen sparas).' },
  { status: 'conflict', title: 'Konflikter', note: 'Ändrade både här och hos avsändaren. Sparas sida vid sida så att du kan välja under Konflikter – ingenting skrivs över.' },
  { status: 'identical', title: 'Identiska', note: 'Samma innehåll som här; ingenting ändras.' },
  { status: 'older', title: 'Äldre', note: 'Avsändarens version är äldre än din; ingenting ändras.' },
];

export function ImportTab({ onApplied }: { onApplied?(): void }) {
  const ids = useId();
  const { refresh } = useWorkspace();
  const flow = useSignedFile<LibraryPreviewOutput, ApplyOutput>((f) => call('library.preview', { base64: f.base64, fileName: f.name }));
  const { preview, applied } = flow;

  const apply = () =>
    flow.apply(
      (f, trustPublisher) => call('library.apply', { base64: f.base64, fileName: f.name, trustPublisher }),
      () => {
        refresh();
        onApplied?.();
      },
    );

  const changes = preview ? preview.counts.new + preview.counts.updated + preview.counts.conflict : 0;

  return (
    <>
      <section className="card" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>Läs in en biblioteksfil</h2>
        <p>
          Välj en fil som en annan delregion (eller länsnivån) har skickat, till exempel <code>Fyrbodal.samsyn-bibliotek.json</code>. Du ser vad den innehåller och vem som
          signerat den innan något ändras. En säkerhetskopia tas före inläsningen.
        </p>
        <SignedFilePicker flow={flow} id={`${ids}-file`} label="Biblioteksfil (.samsyn-bibliotek.json)" onFile={(f) => void flow.pick(f)} />
      </section>

      {applied ? (
        <div className="success card" role="status" aria-labelledby={`${ids}-done`}>
          <h2 id={`${ids}-done`}>Inläst</h2>
          <p>
            {formatInt(applied.applied.inserted)} nya och {formatInt(applied.applied.updated)} uppdaterade vägledande fall lästes in
            {applied.applied.conflictsStored > 0 ? `; ${formatInt(applied.applied.conflictsStored)} konflikter väntar på ditt beslut` : ''}.
            {applied.applied.publisherTrusted ? ` ${applied.preview.publisher.name} finns nu bland betrodda avsändare.` : ''}
          </p>
          {applied.applied.conflictsStored > 0 || applied.preview.counts.conflict > 0 ? (
            <p>
              <a href={href('/bibliotek/konflikter')}>Lös konflikterna</a>
            </p>
          ) : null}
          {applied.backupPath ? <p className="muted small">Säkerhetskopia före inläsningen: {applied.backupPath}</p> : null}
        </div>
      ) : null}

      {preview ? (
        <SignedFilePreview
          flow={flow}
          id={ids}
          preview={preview}
          contentTitle={`Innehåll: ${formatInt(preview.counts.total)} vägledande fall`}
          note={changes === 0 ? <span className="muted small">Inget nytt i filen – inläsningen ändrar ingenting.</span> : null}
          onApply={() => void apply()}
        >
          <p role="status">
            {formatInt(preview.counts.new)} nya, {formatInt(preview.counts.updated)} uppdaterade, {formatInt(preview.counts.identical)} identiska,{' '}
            {formatInt(preview.counts.conflict)} konflikter
            {preview.counts.older > 0 ? `, ${formatInt(preview.counts.older)} äldre` : ''}.
          </p>
          {preview.pseudonymised > 0 ? (
            <p className="warning small" data-testid="library-pseudonymised">
              Filens texter innehåller {formatInt(preview.pseudonymised)} personnummer. De ersätts med arbetsytans pseudonymer vid inläsningen och lagras aldrig – be
              gärna avsändaren att ta bort dem ur sina texter.
            </p>
          ) : null}
          {preview.unknownKeys.length > 0 ? (
            <p className="warning small">
              Filen innehåller fält som den här versionen av Samsyn inte känner till; de hoppas över: {preview.unknownKeys.slice(0, 10).join(', ')}
              {preview.unknownKeys.length > 10 ? ` och ${preview.unknownKeys.length - 10} till` : ''}.
            </p>
          ) : null}
          {groups.map((g) => {
            const items = preview.items.filter((i) => i.status === g.status);
            if (items.length === 0) return null;
            return (
              <section key={g.status} aria-labelledby={`${ids}-g-${g.status}`} className="merge-group">
                <h4 id={`${ids}-g-${g.status}`}>
                  {g.title} ({formatInt(items.length)})
                </h4>
                <p className="muted small">{g.note}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Rubrik</th>
                      <th scope="col">Typ</th>
                      <th scope="col">Område</th>
                      <th scope="col">Ursprung</th>
                      <th scope="col" className="num">
                        Deras revision
                      </th>
                      <th scope="col" className="num">
                        Min revision
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {i.localRevision != null ? <a href={href(`/larande/prejudikat/${i.id}`)}>{i.title}</a> : i.title}
                          {i.conflictPending ? <span className="muted small"> (konflikt väntar redan)</span> : null}
                        </th>
                        <td>{kindLabel(i.kind)}</td>
                        <td>{areaLabel(i.area)}</td>
                        <td>
                          {i.origin.publisher} ({delregionLabel(i.origin.delregion)})
                        </td>
                        <td className="num">{i.theirRevision}</td>
                        <td className="num">{i.localRevision ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </SignedFilePreview>
      ) : null}
    </>
  );
}
