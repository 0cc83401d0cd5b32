import { useEffect, useState, type FormEvent } from 'react';
import { useAction, useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { useUnsavedChanges } from '../../components/unsaved';

export function SettingsPage() {
  const { info, refresh } = useWorkspace();
  const ref = useApi('reference.get', {});
  const save = useAction('settings.update');
  const backup = useAction('workspace.backup');
  const s = info.settings;
  const [deadline, setDeadline] = useState(String(s.deadlineDays));
  const [userName, setUserName] = useState(s.userName);
  const [name, setName] = useState(s.delregionName);
  const [suppress, setSuppress] = useState(s.smallCellSuppression);
  const [codes, setCodes] = useState<Set<string>>(new Set(s.kommuner.map((k) => k.code)));
  const [saved, setSaved] = useState(false);
  const [backupPath, setBackupPath] = useState<string | null>(null);

  useEffect(() => setSaved(false), [deadline, userName, name, suppress, codes]);
  // unsaved edits: compared with the settings as stored (info refreshes after a save)
  const storedCodes = s.kommuner.map((k) => k.code).sort().join(',');
  useUnsavedChanges(
    Number(deadline) !== s.deadlineDays || userName.trim() !== s.userName.trim() || name.trim() !== s.delregionName.trim() || suppress !== s.smallCellSuppression || [...codes].sort().join(',') !== storedCodes,
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out = await save.run({
      deadlineDays: Number(deadline),
      userName,
      delregionName: name,
      smallCellSuppression: suppress,
      kommunCodes: [...codes],
    });
    if (out) {
      setSaved(true);
      refresh();
    }
  };

  const toggle = (code: string) =>
    setCodes((prev) => {
      const next = new Set(prev);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <>
      <PageHeader title="Inställningar" intro="Inställningarna gäller den här arbetsytan och används i alla indikatorer och rapporter." />
      <form onSubmit={submit} className="settings-form">
        <section className="card" aria-labelledby="set-general">
          <h2 id="set-general">Allmänt</h2>
          <label htmlFor="set-name">Delregionens namn</label>
          <input id="set-name" value={name} onChange={(e) => setName(e.target.value)} required />
          <label htmlFor="set-deadline">Svarstid för avvikelser (dagar)</label>
          <input id="set-deadline" type="number" min={1} max={365} value={deadline} onChange={(e) => setDeadline(e.target.value)} required aria-describedby="set-deadline-help" />
          <p id="set-deadline-help" className="muted small">
            Standard 60 dagar enligt Göteborgsområdets tidigare rutin: enheten där avvikelsen uppstod meddelar rapportören inom 60 dagar vad den gjort eller planerar.
          </p>
          <label htmlFor="set-user">Ditt namn (visas i ändringsloggen och som författare i rapporten)</label>
          <input id="set-user" value={userName} onChange={(e) => setUserName(e.target.value)} required />
          <div className="checkbox">
            <input id="set-suppress" type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
            <label htmlFor="set-suppress">Visa små tal (1–4) som ”&lt;5” i rapportens fördelningar per kommun och organisation</label>
          </div>
        </section>
        <section className="card" aria-labelledby="set-kommuner">
          <h2 id="set-kommuner">Kommuner i delregionen</h2>
          <p className="muted small">Avvikelser från andra kommuner räknas som ”utanför delregionen” vid import och sparas inte.</p>
          {ref.data ? (
            ref.data.delregions.map((d) => (
              <fieldset key={d.id} className="kommun-group">
                <legend>{d.name}</legend>
                {d.kommunCodes.map((c) => {
                  const k = ref.data!.kommuner.find((x) => x.code === c)!;
                  return (
                    <div className="checkbox" key={c}>
                      <input id={`k-${c}`} type="checkbox" checked={codes.has(c)} onChange={() => toggle(c)} />
                      <label htmlFor={`k-${c}`}>{k.name}</label>
                    </div>
                  );
                })}
              </fieldset>
            ))
          ) : (
            <Loading />
          )}
          <p>
            {codes.size} kommuner valda.
          </p>
        </section>
        <ErrorMessage error={save.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            Spara inställningar
          </button>
          {saved ? (
            <span role="status" className="ok">
              Sparat.
            </span>
          ) : null}
        </div>
      </form>
      <section className="card" aria-labelledby="set-backup">
        <h2 id="set-backup">Säkerhetskopia</h2>
        <p>En säkerhetskopia tas automatiskt före uppgraderingar och biblioteksimporter. Du kan också ta en nu.</p>
        <button
          type="button"
          onClick={async () => {
            const r = await backup.run({});
            if (r) setBackupPath(r.path);
          }}
          disabled={backup.busy}
        >
          Säkerhetskopiera nu
        </button>
        {backupPath ? (
          <p role="status">
            Kopian sparades: <code>{backupPath}</code>
          </p>
        ) : null}
        <ErrorMessage error={backup.error} />
        <p className="muted small">Arbetsytans fil: {info.path}</p>
      </section>
    </>
  );
}
