import { useState } from 'react';
import type { z } from 'zod';
import type { conflictSchema } from '../../../../shared/api/library';
import type { LibraryPrecedent } from '../../../../shared/domain/library-file';
import { formatInt } from '../../../../shared/format';
import { useAction, useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { href } from '../../router';
import { ConfirmDialog, EmptyState, ErrorMessage, Loading } from '../../components/ui';
import { Fingerprint } from '../../components/SubNav';
import { formatDateTime } from '../../components/files';
import { areaLabel, kindLabel, statusLabel } from './ExportTab';
import { delregionLabel } from './PublisherCard';

type Conflict = z.infer<typeof conflictSchema>;

const fields: { key: keyof LibraryPrecedent; label: string; show(p: LibraryPrecedent): string }[] = [
  { key: 'title', label: 'Rubrik', show: (p) => p.title },
  { key: 'principle', label: 'Princip', show: (p) => p.principle },
  { key: 'resolution', label: 'Lösning', show: (p) => p.resolution },
  { key: 'question', label: 'Fråga', show: (p) => p.question },
  { key: 'facts', label: 'Fakta', show: (p) => p.facts },
  { key: 'area', label: 'Område', show: (p) => areaLabel(p.area) },
  { key: 'kind', label: 'Typ', show: (p) => kindLabel(p.kind) },
  { key: 'status', label: 'Status', show: (p) => statusLabel(p.status) },
  { key: 'decidedAt', label: 'Beslutsdatum', show: (p) => p.decidedAt ?? '' },
  { key: 'agreementRefs', label: 'Avtalsreferenser', show: (p) => p.agreementRefs.join('\n') },
  { key: 'tags', label: 'Taggar', show: (p) => p.tags.join(', ') },
  { key: 'decisionPoints', label: 'Vägskäl', show: (p) => p.decisionPoints.map((d, i) => `${i + 1}. ${d.question} – ${d.guidance}`).join('\n') },
  { key: 'lessons', label: 'Lärdomar', show: (p) => p.lessons.map((l) => `${l.date.slice(0, 10)}: ${l.text}`).join('\n') },
  { key: 'revision', label: 'Revision', show: (p) => String(p.revision) },
  { key: 'updatedAt', label: 'Senast ändrad', show: (p) => formatDateTime(p.updatedAt) },
];

export function ConflictsTab({ onChanged }: { onChanged?(): void }) {
  const list = useApi('library.conflicts', {});
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p className="intro">
        En konflikt uppstår när samma vägledande fall har ändrats både här och hos avsändaren sedan ni senast hade samma version. Jämför fält för fält och välj vilken version
        som ska gälla här. Ingenting skrivs över förrän du väljer.
      </p>
      <p role="status" aria-live="polite" className="ok">
        {notice}
      </p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      {list.data && list.data.length === 0 ? (
        <EmptyState title="Inga olösta konflikter">
          <p>Konflikter visas här när en inläst biblioteksfil innehåller fall som du också har ändrat.</p>
        </EmptyState>
      ) : null}
      {list.data?.map((c) => (
        <ConflictView
          key={c.id}
          conflict={c}
          onResolved={(msg) => {
            setNotice(msg);
            list.reload();
            onChanged?.();
          }}
        />
      ))}
    </>
  );
}

function ConflictView({ conflict: c, onResolved }: { conflict: Conflict; onResolved(msg: string): void }) {
  const { refresh } = useWorkspace();
  const [showAll, setShowAll] = useState(false);
  const [confirm, setConfirm] = useState<'mine' | 'theirs' | null>(null);
  const resolve = useAction('library.resolveConflict');
  const rows = fields.map((f) => {
    const mine = f.show(c.mine);
    const theirs = f.show(c.theirs);
    return { ...f, mine, theirs, differs: mine !== theirs };
  });
  const differing = rows.filter((r) => r.differs && r.key !== 'revision' && r.key !== 'updatedAt');
  const shown = showAll ? rows : rows.filter((r) => r.differs);
  const titleId = `conflict-${c.id}`;
  return (
    <article className="card conflict" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <a href={href(`/larande/prejudikat/${c.precedentId}`)}>{c.title}</a>
      </h2>
      <p className="muted small">
        Deras version (revision {c.theirRevision}) från {c.theirs.origin.publisher} ({delregionLabel(c.theirs.origin.delregion)}), mottagen {formatDateTime(c.receivedAt)} ·
        nyckel <Fingerprint value={c.publisherFingerprint} />
      </p>
      <p>
        {differing.length === 0
          ? 'Innehållet skiljer sig bara i revision eller ändringstid.'
          : `Skiljer sig i ${formatInt(differing.length)} ${differing.length === 1 ? 'fält' : 'fält'}: ${differing.map((d) => d.label.toLowerCase()).join(', ')}.`}
      </p>
      <div className="table-wrap">
        <table className="diff-table">
          <caption className="visually-hidden">Min och deras version av {c.title}, fält för fält</caption>
          <thead>
            <tr>
              <th scope="col">Fält</th>
              <th scope="col">Min version (revision {c.mine.revision})</th>
              <th scope="col">Deras version (revision {c.theirs.revision})</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} className={r.differs ? 'diff-row' : undefined}>
                <th scope="row">
                  {r.label}
                  {r.differs ? <span className="diff-mark"> (skiljer sig)</span> : <span className="muted small"> (lika)</span>}
                </th>
                <td className="pre">{r.mine || <span className="muted">(tomt)</span>}</td>
                <td className="pre">{r.theirs || <span className="muted">(tomt)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
        {showAll ? 'Visa bara fält som skiljer sig' : 'Visa även fält som är lika'}
      </button>
      <ErrorMessage error={resolve.error} />
      <div className="form-actions">
        <button type="button" onClick={() => setConfirm('mine')} disabled={resolve.busy}>
          Behåll min
        </button>
        <button type="button" onClick={() => setConfirm('theirs')} disabled={resolve.busy}>
          Ta deras
        </button>
      </div>
      <ConfirmDialog
        open={confirm != null}
        title={confirm === 'theirs' ? 'Ta deras version?' : 'Behåll din version?'}
        confirmLabel={confirm === 'theirs' ? 'Ta deras' : 'Behåll min'}
        danger={confirm === 'theirs'}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          const keep = confirm;
          setConfirm(null);
          if (!keep) return;
          const out = await resolve.run({ conflictId: c.id, keep });
          if (out) {
            refresh();
            onResolved(
              keep === 'theirs'
                ? `”${c.title}” har nu avsändarens version (revision ${out.revision}).`
                : `”${c.title}”: din version behålls (revision ${out.revision}).`,
            );
          }
        }}
      >
        {confirm === 'theirs' ? (
          <p>Dina ändringar i ”{c.title}” ersätts med avsändarens version. Din nuvarande version sparas i fallets historik.</p>
        ) : (
          <p>Avsändarens ändringar i ”{c.title}” läses inte in. Nästa gång avsändaren skickar en nyare version jämförs den med din igen.</p>
        )}
      </ConfirmDialog>
    </article>
  );
}
