import { useState } from 'react';
import type { z } from 'zod';
import type { trustedKeySchema } from '../../../../shared/api/library';
import { useAction, useApi } from '../../api/hooks';
import { ConfirmDialog, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { Fingerprint } from '../../components/SubNav';
import { formatDateTime } from '../../components/files';
import { delregionLabel } from './PublisherCard';

type TrustedKey = z.infer<typeof trustedKeySchema>;

export function KeysTab() {
  const own = useApi('library.ownKey', {});
  const keys = useApi('library.trustedKeys', {});
  const forget = useAction('library.forgetKey');
  const [toForget, setToForget] = useState<TrustedKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <section className="card" aria-labelledby="own-key">
        <h2 id="own-key">Din nyckel</h2>
        <p>
          Läs upp fingeravtrycket för mottagaren av din biblioteksfil, så att hen kan jämföra det med det som visas när filen läses in.
        </p>
        {own.data ? (
          <p className="fingerprint-line">
            <Fingerprint value={own.data.fingerprint} label="Ditt fingeravtryck" />
            {!own.data.fingerprint ? <span className="muted small"> Nyckeln skapas vid första exporten.</span> : null}
          </p>
        ) : (
          <Loading />
        )}
      </section>
      <section className="card" aria-labelledby="trusted-keys">
        <h2 id="trusted-keys">Betrodda avsändare</h2>
        <p role="status" aria-live="polite" className="ok">
          {notice}
        </p>
        {keys.loading && !keys.data ? <Loading /> : null}
        <ErrorMessage error={keys.error ?? forget.error} />
        {keys.data && keys.data.length === 0 ? (
          <EmptyState title="Inga betrodda avsändare">
            <p>När du läser in en biblioteksfil och väljer ”Lita på avsändaren” hamnar nyckeln här.</p>
          </EmptyState>
        ) : null}
        {keys.data && keys.data.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Avsändare</th>
                  <th scope="col">Delregion</th>
                  <th scope="col">Fingeravtryck</th>
                  <th scope="col">Betrodd sedan</th>
                  <th scope="col">
                    <span className="visually-hidden">Åtgärd</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((k) => (
                  <tr key={k.fingerprint}>
                    <th scope="row">{k.publisherName}</th>
                    <td>{delregionLabel(k.delregion)}</td>
                    <td>
                      <Fingerprint value={k.fingerprint} />
                    </td>
                    <td>{formatDateTime(k.trustedAt)}</td>
                    <td>
                      <button type="button" className="small" onClick={() => setToForget(k)} aria-label={`Sluta lita på ${k.publisherName}`}>
                        Sluta lita på
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <ConfirmDialog
        open={toForget != null}
        title="Sluta lita på avsändaren?"
        confirmLabel="Sluta lita på"
        danger
        onCancel={() => setToForget(null)}
        onConfirm={async () => {
          const k = toForget;
          setToForget(null);
          if (!k) return;
          const out = await forget.run({ fingerprint: k.fingerprint });
          if (out) {
            setNotice(`${k.publisherName} är inte längre betrodd. Redan inlästa fall finns kvar.`);
            keys.reload();
          }
        }}
      >
        <p>
          Nästa fil från {toForget?.publisherName} ({toForget ? delregionLabel(toForget.delregion) : ''}) visas som okänd tills du litar på nyckeln igen. Vägledande fall som redan
          lästs in finns kvar.
        </p>
      </ConfirmDialog>
    </>
  );
}
