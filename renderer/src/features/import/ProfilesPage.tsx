import { useState, type FormEvent } from 'react';
import type { MappingProfile } from '../../../../shared/api/imports';
import { useAction, useApi } from '../../api/hooks';
import { href } from '../../router';
import { ConfirmDialog, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../components/files';
import { fieldLabel, kindLabels } from './labels';

export function ProfilesPage() {
  const list = useApi('profiles.list', {});
  const del = useAction('profiles.delete');
  const [toDelete, setToDelete] = useState<MappingProfile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p className="intro">
        En mappningsprofil minns hur kolumnerna i en viss exportfil kopplas till Samsyns fält. Den används automatiskt när en fil med samma rubriker läses in. Profiler kan
        skickas till andra delregioner som signerad fil under <a href={href('/bibliotek/profiler')}>Bibliotek → Mappningsprofiler</a>.
      </p>
      <p role="status" aria-live="polite" className="ok">
        {notice}
      </p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error ?? del.error} />
      {list.data && list.data.length === 0 ? (
        <EmptyState title="Inga sparade mappningsprofiler">
          <p>Kryssa i ”Spara som mappningsprofil” när du importerar en fil.</p>
        </EmptyState>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Sparade mappningsprofiler</caption>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Gäller</th>
                <th scope="col">Källsystem</th>
                <th scope="col">Koppling</th>
                <th scope="col">Ändrad</th>
                <th scope="col">
                  <span className="visually-hidden">Åtgärder</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <ProfileRowView
                  key={p.id}
                  profile={p}
                  onRenamed={(name) => {
                    setNotice(`Profilen heter nu ”${name}”.`);
                    list.reload();
                  }}
                  onDelete={() => setToDelete(p)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={toDelete != null}
        title="Ta bort mappningsprofilen?"
        confirmLabel="Ta bort"
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={async () => {
          const p = toDelete;
          setToDelete(null);
          if (!p) return;
          const out = await del.run({ id: p.id });
          if (out) {
            setNotice(`Profilen ”${p.name}” togs bort.`);
            list.reload();
          }
        }}
      >
        <p>
          Profilen ”{toDelete?.name}” tas bort. Redan importerade ärenden påverkas inte; nästa fil med samma rubriker får ett nytt förslag på koppling.
        </p>
      </ConfirmDialog>
    </>
  );
}

function ProfileRowView({ profile: p, onRenamed, onDelete }: { profile: MappingProfile; onRenamed(name: string): void; onDelete(): void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(p.name);
  const save = useAction('profiles.save');
  const mapped = Object.entries(p.mapping).filter(([, c]) => c);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out = await save.run({ id: p.id, name, kind: p.kind, headerSignature: p.headerSignature, mapping: p.mapping, sourceSystem: p.sourceSystem });
    if (out) {
      setEditing(false);
      onRenamed(out.name);
    }
  };
  return (
    <tr>
      <th scope="row">
        {editing ? (
          <form onSubmit={submit} className="inline-form">
            <label htmlFor={`pn-${p.id}`} className="visually-hidden">
              Nytt namn för {p.name}
            </label>
            <input id={`pn-${p.id}`} type="text" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
            <button type="submit" className="primary small" disabled={save.busy}>
              Spara
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setEditing(false);
                setName(p.name);
              }}
            >
              Avbryt
            </button>
            <ErrorMessage error={save.error} />
          </form>
        ) : (
          p.name
        )}
      </th>
      <td>{kindLabels[p.kind]}</td>
      <td>{p.sourceSystem}</td>
      <td>
        <details>
          <summary>{mapped.length} fält kopplade</summary>
          <ul className="small">
            {mapped.map(([f, c]) => (
              <li key={f}>
                {fieldLabel(p.kind, f)} ← <q>{c}</q>
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td>{formatDateTime(p.updatedAt)}</td>
      <td className="actions">
        {!editing ? (
          <>
            <button type="button" className="small" onClick={() => setEditing(true)} aria-label={`Byt namn på ${p.name}`}>
              Byt namn
            </button>{' '}
            <button type="button" className="small" onClick={onDelete} aria-label={`Ta bort ${p.name}`}>
              Ta bort
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
