import { useState, type FormEvent } from 'react';
import { useAction } from '../../api/hooks';
import { href, navigate } from '../../router';
import { ErrorMessage } from '../../components/ui';
import type { CaseKind } from './common';

interface Ref {
  id: string;
  title: string;
  status: string;
}

const statusText: Record<string, string> = { utkast: 'Utkast', granskad: 'Granskad', vägledande: 'Vägledande', ersatt: 'Ersatt' };

/** Precedents made from the case, and "Skapa vägledande fall" when the case is resolved. */
export function PrecedentSection({ kind, id, resolved, precedents }: { kind: CaseKind; id: number; resolved: boolean; precedents: Ref[] }) {
  const create = useAction('precedents.createFromCase');
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [principle, setPrinciple] = useState('');
  const draft = precedents.find((p) => p.status === 'utkast');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = await create.run({ kind, id, title: title.trim() || undefined, principle: principle.trim() || undefined });
    if (p) navigate(`/larande/prejudikat/${p.id}`);
  };
  return (
    <section className="card" aria-labelledby="prec-h">
      <h2 id="prec-h">Vägledande fall</h2>
      {precedents.length ? (
        <ul>
          {precedents.map((p) => (
            <li key={p.id}>
              <a href={href(`/larande/prejudikat/${p.id}`)}>{p.title}</a> <span className="tag">{statusText[p.status] ?? p.status}</span>
              {p.status === 'ersatt' ? <span className="small"> (ersatt – hänvisa inte till det)</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Inget vägledande fall är gjort av ärendet.</p>
      )}
      {resolved ? (
        open ? (
          <form onSubmit={submit}>
            <p className="small muted">Ett utkast skapas med ärendets fakta, fråga, lösning och lärdomar. Du granskar och gör det vägledande på nästa sida.</p>
            <label htmlFor="prec-title">Rubrik (valfri – annars föreslås en)</label>
            <input id="prec-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            <label htmlFor="prec-principle">Princip (valfri nu): ”Vid … ansvarar …”</label>
            <textarea id="prec-principle" className="short" value={principle} onChange={(e) => setPrinciple(e.target.value)} />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={create.busy}>
                Skapa utkast
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Avbryt
              </button>
            </div>
            <ErrorMessage error={create.error} />
          </form>
        ) : draft ? (
          <>
            <p className="small" data-testid="precedent-draft-exists">
              Ärendet har redan ett utkast: <a href={href(`/larande/prejudikat/${draft.id}`)}>{draft.title}</a>. Fortsätt hellre med det – ett nytt utkast blir ett
              fall till i biblioteket.
            </p>
            <button type="button" onClick={() => setOpen(true)}>
              Skapa ett utkast till ändå
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => setOpen(true)}>
            Skapa vägledande fall
          </button>
        )
      ) : (
        <p className="small muted">Ett vägledande fall kan göras när ärendet är löst eller avslutat.</p>
      )}
    </section>
  );
}
