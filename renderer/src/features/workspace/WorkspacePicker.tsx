import { useState, type FormEvent } from 'react';
import { useAction, useApi } from '../../api/hooks';
import type { WorkspaceInfo } from '../../../../shared/api/workspace';
import { ErrorMessage, PageHeader } from '../../components/ui';

const delregionOptions = [
  { id: 'fyrbodal', name: 'Fyrbodal' },
  { id: 'goteborgsregionen', name: 'Göteborgsregionen' },
  { id: 'sjuharad', name: 'Sjuhärad (Boråsregionen)' },
  { id: 'skaraborg', name: 'Skaraborg' },
];

export function WorkspacePicker({ current, onOpened }: { current: WorkspaceInfo | null; onOpened(w: WorkspaceInfo): void }) {
  const recent = useApi('workspace.recent', {});
  const open = useAction('workspace.open');
  const create = useAction('workspace.create');
  const demo = useAction('workspace.openDemo');
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
  const [delregion, setDelregion] = useState('fyrbodal');
  const [userName, setUserName] = useState('');

  const doOpen = async (p: string) => {
    const w = await open.run({ path: p });
    if (w) onOpened(w);
  };
  const submitOpen = (e: FormEvent) => {
    e.preventDefault();
    void doOpen(openPath);
  };
  const submitCreate = async (e: FormEvent) => {
    e.preventDefault();
    const w = await create.run({ path: newPath, delregionId: delregion, userName: userName || undefined });
    if (w) onOpened(w);
  };

  return (
    <div className="picker">
      <PageHeader
        title="Välj arbetsyta"
        intro="En arbetsyta är en fil med en delregions avvikelser, oenigheter och tvister, lärdomar och vägledande fall. Allt stannar i filen på din dator."
      />
      {current ? (
        <p>
          Öppen nu: <strong>{current.fileName}</strong> ({current.settings.delregionName}).{' '}
          <a href="#/oversikt">Tillbaka till översikten</a>
        </p>
      ) : null}
      <section className="card" aria-labelledby="recent-h">
        <h2 id="recent-h">Senast öppnade</h2>
        {recent.data && recent.data.length > 0 ? (
          <ul className="recent-list">
            {recent.data.map((r) => (
              <li key={r.path}>
                <button type="button" onClick={() => void doOpen(r.path)} disabled={!r.exists || open.busy}>
                  Öppna {r.fileName}
                </button>{' '}
                <span className="muted">
                  {r.path}
                  {r.exists ? '' : ' (filen finns inte längre)'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Inga arbetsytor har öppnats ännu.</p>
        )}
        <p>
          <button
            type="button"
            onClick={async () => {
              const w = await demo.run({});
              if (w) onOpened(w);
            }}
            disabled={demo.busy}
          >
            {demo.busy ? 'Skapar demoarbetsytan …' : 'Öppna demoarbetsytan (Fyrbodal, påhittade data)'}
          </button>
        </p>
      </section>
      <ErrorMessage error={open.error ?? create.error ?? demo.error} />
      <div className="two-col">
        <form className="card" onSubmit={submitOpen} aria-labelledby="open-h">
          <h2 id="open-h">Öppna en arbetsyta</h2>
          <label htmlFor="open-path">Sökväg till arbetsytans fil</label>
          <input id="open-path" value={openPath} onChange={(e) => setOpenPath(e.target.value)} placeholder="C:\Users\namn\Dokument\Fyrbodal.samsyn" required />
          <button type="submit" className="primary" disabled={open.busy}>
            Öppna
          </button>
        </form>
        <form className="card" onSubmit={submitCreate} aria-labelledby="create-h">
          <h2 id="create-h">Skapa en ny arbetsyta</h2>
          <label htmlFor="new-path">Ny fil (sökväg)</label>
          <input id="new-path" value={newPath} onChange={(e) => setNewPath(e.target.value)} placeholder="C:\Users\namn\Dokument\Fyrbodal.samsyn" required />
          <label htmlFor="new-delregion">Delregion</label>
          <select id="new-delregion" value={delregion} onChange={(e) => setDelregion(e.target.value)}>
            {delregionOptions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <label htmlFor="new-user">Ditt namn (visas i ändringsloggen)</label>
          <input id="new-user" value={userName} onChange={(e) => setUserName(e.target.value)} autoComplete="name" />
          <button type="submit" className="primary" disabled={create.busy}>
            Skapa arbetsyta
          </button>
          <p className="muted small">Kommunerna kan ändras efteråt under Inställningar (egen delregion).</p>
        </form>
      </div>
    </div>
  );
}
