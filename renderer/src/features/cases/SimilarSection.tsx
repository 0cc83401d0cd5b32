import { useAction, useApi } from '../../api/hooks';
import { href } from '../../router';
import { ErrorMessage, Loading } from '../../components/ui';
import { casePath, type CaseKind } from './common';
import { delregionNames } from '../../../../shared/labels.sv';

const typeLabel = { precedent: 'Vägledande fall', deviation: 'Avvikelse', dispute: 'Oenighet/tvist' } as const;

/** Suggestions of similar precedents and resolved cases, with their reasons; "Inte relevant" is remembered. */
export function SimilarSection({ kind, id }: { kind: CaseKind; id: number }) {
  const q = useApi('similar.forCase', { kind, id, limit: 8 });
  const dismiss = useAction('similar.dismiss');
  const restore = useAction('similar.restore');
  const data = q.data;
  return (
    <section className="card" aria-labelledby="similar-h">
      <h2 id="similar-h">Liknande fall</h2>
      <p className="muted small">Förslag bland vägledande fall och avslutade ärenden: samma område först, sedan liknande ord.</p>
      {q.loading && !data ? <Loading label="Letar liknande fall …" /> : null}
      <ErrorMessage error={q.error ?? dismiss.error ?? restore.error} />
      {data ? (
        <>
          {data.suggestions.length === 0 ? <p>Inga liknande fall hittades.</p> : null}
          <ul className="suggestions">
            {data.suggestions.map((s) => {
              const link = s.type === 'precedent' ? `/larande/prejudikat/${s.ref}` : casePath(s.type, s.ref);
              return (
                <li key={s.key}>
                  <div>
                    <span className="tag">{typeLabel[s.type]}</span> <a href={href(link)}>{s.title}</a>
                    {s.status ? <span className="muted small"> · {s.status}</span> : null}
                    {s.date ? <span className="muted small"> · {s.date}</span> : null}
                  </div>
                  <p className="small">
                    <strong>Varför:</strong> {s.reason}
                    {s.origin?.imported ? ` · Från ${delregionNames[s.origin.delregion] ?? s.origin.delregion} (${s.origin.publisher})` : ''}
                  </p>
                  {s.warning ? (
                    <p className="warning small" role="note">
                      <span aria-hidden="true">⚠ </span>
                      {s.warning}
                    </p>
                  ) : null}
                  <button
                    type="button"
                    className="small"
                    disabled={dismiss.busy}
                    onClick={async () => {
                      if (await dismiss.run({ kind, id, key: s.key })) q.reload();
                    }}
                  >
                    Inte relevant<span className="visually-hidden">: {s.title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {data.dismissedCount > 0 ? (
            <p className="small">
              {data.dismissedCount === 1 ? '1 förslag är bortvalt.' : `${data.dismissedCount} förslag är bortvalda.`}{' '}
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  if (await restore.run({ kind, id })) q.reload();
                }}
              >
                Visa bortvalda igen
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
