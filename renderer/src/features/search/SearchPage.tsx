import { useEffect, useState, type FormEvent } from 'react';
import type { Route } from '../../router';
import { href, navigate } from '../../router';
import { useApi } from '../../api/hooks';
import { ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { Highlighted } from '../../components/Highlighted';
import { delregionNames } from '../../../../shared/labels.sv';
import { formatInt } from '../../../../shared/format';
import type { SearchHit } from '../../../../shared/api/precedents';
import { casePath, deviationStatusLabel, disputeStatusLabel } from '../cases/common';

const kinds = ['deviation', 'dispute', 'lesson', 'precedent'] as const;
type Kind = (typeof kinds)[number];
const kindLabels: Record<Kind, string> = { deviation: 'Avvikelse', dispute: 'Oenighet/tvist', lesson: 'Lärdom', precedent: 'Vägledande fall' };
const kindPlural: Record<Kind, string> = { deviation: 'Avvikelser', dispute: 'Oenigheter och tvister', lesson: 'Lärdomar', precedent: 'Vägledande fall' };

function hitLink(h: SearchHit): string {
  switch (h.kind) {
    case 'deviation':
    case 'dispute':
      return href(casePath(h.kind, h.ref));
    case 'precedent':
      return href(`/larande/prejudikat/${h.ref}`);
    case 'lesson':
      return h.caseKind && h.caseId != null ? href(casePath(h.caseKind, h.caseId)) : href('/larande');
  }
}

/** Search across cases, lessons and precedents (FTS5: diacritic-insensitive, prefix), best first. */
export function SearchPage({ route }: { route: Route }) {
  const q = route.query.get('q') ?? '';
  const typ = (route.query.get('typ') ?? '').split(',').filter((k): k is Kind => (kinds as readonly string[]).includes(k));
  const [text, setText] = useState(q);
  const [sel, setSel] = useState<Set<Kind>>(new Set(typ));
  useEffect(() => setText(q), [q]);
  // 100 hits first; "Visa fler" asks for the contract's maximum of 200 (the lists go further)
  const limit = route.query.get('antal') === '200' ? 200 : 100;
  const res = useApi('search.query', q.trim() ? { q, limit, kinds: typ.length ? typ : undefined } : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate('/sok', { q: text.trim(), typ: [...sel].join(',') });
  };
  const toggle = (k: Kind) =>
    setSel((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });

  return (
    <>
      <PageHeader title="Sök" intro="Sök i avvikelser, oenigheter och tvister, lärdomar och vägledande fall. Å, ä och ö behöver inte skrivas ut: ”atgard” hittar ”åtgärd”, och ord kan kortas (”utskriv” hittar ”utskrivning”)." />
      <form className="card" role="search" aria-label="Sök i Samsyn" onSubmit={submit}>
        <label htmlFor="search-q">Sökord</label>
        <div className="inline">
          <input id="search-q" type="search" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <button type="submit" className="primary">
            Sök
          </button>
        </div>
        <fieldset className="kind-filter">
          <legend>Sök bland (inget val = allt)</legend>
          {kinds.map((k) => (
            <div className="checkbox" key={k}>
              <input type="checkbox" id={`sk-${k}`} checked={sel.has(k)} onChange={() => toggle(k)} />
              <label htmlFor={`sk-${k}`}>{kindPlural[k]}</label>
            </div>
          ))}
        </fieldset>
      </form>
      <ErrorMessage error={res.error} />
      <div role="status" aria-live="polite" className="result-count">
        {!q.trim()
          ? 'Skriv ett eller flera ord och tryck Sök.'
          : res.loading && !res.data
            ? 'Söker …'
            : res.data
              ? res.data.total === 0
                ? `Inga träffar för ”${res.data.query}”.`
                : res.data.totalIsLowerBound
                  ? `Över ${formatInt(res.data.total)} träffar för ”${res.data.query}” – de ${res.data.hits.length} bästa visas, valda bland alla lärdomar, vägledande fall och tvister och de ${formatInt(res.data.total)} senast inlästa avvikelserna. Skriv fler ord för att söka smalare.`
                  : `${formatInt(res.data.total)} ${res.data.total === 1 ? 'träff' : 'träffar'} för ”${res.data.query}”${res.data.total > res.data.hits.length ? ` – de ${res.data.hits.length} bästa visas` : ''}, bäst först.`
              : ''}
      </div>
      {res.loading && !res.data && q.trim() ? <Loading label="Söker …" /> : null}
      {res.data && res.data.hits.length ? (
        <ol className="search-hits" aria-label="Sökträffar">
          {res.data.hits.map((h) => (
            <li key={`${h.kind}-${h.ref}`} className="search-hit">
              <div className="hit-head">
                <span className="tag">{kindLabels[h.kind]}</span>
                <a href={hitLink(h)} className="hit-title">
                  {h.title}
                </a>
              </div>
              <p className="snippet">
                <Highlighted parts={h.snippetParts.length ? h.snippetParts : undefined} text={h.snippet} />
              </p>
              <p className="small muted">
                {[
                  h.date,
                  h.externalId && h.kind === 'lesson' ? `på ärende ${h.externalId}` : null,
                  h.status ? `Status: ${h.kind === 'deviation' ? deviationStatusLabel(h.status) : disputeStatusLabel(h.status)}` : null,
                  h.origin?.imported ? `Importerat från ${delregionNames[h.origin.delregion] ?? h.origin.delregion}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {h.warning ? (
                <p className="warning small" role="note">
                  <span aria-hidden="true">⚠ </span>
                  {h.warning}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {res.data && res.data.total > res.data.hits.length ? (
        <p className="search-more">
          {limit < 200 ? (
            <button type="button" onClick={() => navigate('/sok', { q, typ: typ.join(','), antal: 200 })}>
              Visa fler träffar (upp till 200)
            </button>
          ) : null}{' '}
          <span className="small muted">
            Alla avvikelser med orden: <a href={href('/avvikelser', { q })}>Avvikelser</a> · alla tvister: <a href={href('/tvister', { q })}>Oenighet och tvist</a>.
          </span>
        </p>
      ) : null}
    </>
  );
}
