import { useState, type FormEvent } from 'react';
import { CancelButton, clearUnsavedChanges, useUnsavedChanges } from '../../components/unsaved';
import type { Precedent } from '../../../../shared/api/precedents';
import { categoryCodes, type CategoryCode } from '../../../../shared/domain/enums';
import { categoryLabels } from '../../../../shared/labels.sv';
import { useAction } from '../../api/hooks';
import { href, navigate } from '../../router';
import { ErrorMessage, PageHeader } from '../../components/ui';

interface Draft {
  kind: 'ärende' | 'patientfall';
  title: string;
  area: string;
  agreementRefs: string;
  tags: string;
  facts: string;
  question: string;
  resolution: string;
  principle: string;
  decisionPoints: { question: string; guidance: string }[];
}

const fromPrecedent = (p?: Precedent): Draft => ({
  kind: p?.kind ?? 'patientfall',
  title: p?.title ?? '',
  area: p?.area ?? '',
  agreementRefs: (p?.agreementRefs ?? []).join('\n'),
  tags: (p?.tags ?? []).join(', '),
  facts: p?.facts ?? '',
  question: p?.question ?? '',
  resolution: p?.resolution ?? '',
  principle: p?.principle ?? '',
  decisionPoints: p?.decisionPoints ?? [],
});

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
const commaList = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The precedent form: all LIBRARY.md fields. Used for "Nytt vägledande fall" and for editing. */
export function PrecedentForm({ precedent, onSaved, onCancel }: { precedent?: Precedent; onSaved(p: Precedent): void; onCancel(): void }) {
  const create = useAction('precedents.create');
  const update = useAction('precedents.update');
  const [d, setD] = useState<Draft>(() => fromPrecedent(precedent));
  const [initial] = useState(() => JSON.stringify(fromPrecedent(precedent)));
  const changed = JSON.stringify(d) !== initial;
  useUnsavedChanges(changed);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const isNew = !precedent;
  const busy = create.busy || update.busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      title: d.title,
      area: d.area,
      agreementRefs: lines(d.agreementRefs),
      tags: commaList(d.tags),
      facts: d.facts,
      question: d.question,
      resolution: d.resolution,
      principle: d.principle,
      decisionPoints: d.decisionPoints.filter((p) => p.question.trim() || p.guidance.trim()),
    };
    const out = isNew ? await create.run({ kind: d.kind, ...fields }) : await update.run({ id: precedent.id, ...fields });
    if (out) {
      clearUnsavedChanges();
      onSaved(out);
    }
  };
  const showPoints = d.kind === 'patientfall' || d.decisionPoints.length > 0;
  return (
    <form className="card precedent-form" onSubmit={submit}>
      {isNew ? (
        <fieldset className="radio-group">
          <legend>Typ</legend>
          <div className="checkbox">
            <input type="radio" id="pk-patient" name="pkind" checked={d.kind === 'patientfall'} onChange={() => set('kind', 'patientfall')} />
            <label htmlFor="pk-patient">Vägledande patientfall (med vägskäl)</label>
          </div>
          <div className="checkbox">
            <input type="radio" id="pk-case" name="pkind" checked={d.kind === 'ärende'} onChange={() => set('kind', 'ärende')} />
            <label htmlFor="pk-case">Ärende (utan lokalt ärende i arbetsytan)</label>
          </div>
        </fieldset>
      ) : null}
      <label htmlFor="pf-title">Rubrik</label>
      <input id="pf-title" value={d.title} onChange={(e) => set('title', e.target.value)} required />
      <label htmlFor="pf-area">Avtalsområde</label>
      <select id="pf-area" value={d.area} onChange={(e) => set('area', e.target.value)} required>
        <option value="">Välj område</option>
        {categoryCodes.map((c) => (
          <option key={c} value={c}>
            {categoryLabels[c as CategoryCode]}
          </option>
        ))}
      </select>
      <label htmlFor="pf-refs">Avtalshänvisningar (en per rad: avsnitt i avtalet eller rutinen)</label>
      <textarea id="pf-refs" className="short" value={d.agreementRefs} onChange={(e) => set('agreementRefs', e.target.value)} />
      <label htmlFor="pf-tags">Taggar (separerade med komma)</label>
      <input id="pf-tags" value={d.tags} onChange={(e) => set('tags', e.target.value)} />
      <label htmlFor="pf-facts">Fakta: vad hände (avidentifierat, kort)</label>
      <textarea id="pf-facts" value={d.facts} onChange={(e) => set('facts', e.target.value)} aria-describedby="pf-facts-help" />
      <p id="pf-facts-help" className="small muted">
        Inga personnummer, namn, telefonnummer eller e-postadresser – fallet kan delas med andra delregioner.
      </p>
      <label htmlFor="pf-question">Frågan: vad var parterna oeniga om</label>
      <textarea id="pf-question" className="short" value={d.question} onChange={(e) => set('question', e.target.value)} />
      <label htmlFor="pf-resolution">Lösning: vad beslutades, på vilket steg, tillfällig lösning, ekonomisk reglering</label>
      <textarea id="pf-resolution" value={d.resolution} onChange={(e) => set('resolution', e.target.value)} />
      <label htmlFor="pf-principle">Princip: den vägledande regeln i en eller två meningar (”Vid … ansvarar …”)</label>
      <textarea id="pf-principle" className="short" value={d.principle} onChange={(e) => set('principle', e.target.value)} />
      {showPoints ? (
        <fieldset className="decision-points">
          <legend>Vägskäl</legend>
          {d.decisionPoints.length === 0 ? <p className="small muted">Inga vägskäl än.</p> : null}
          <ol>
            {d.decisionPoints.map((p, i) => (
              <li key={i}>
                <label htmlFor={`dp-q-${i}`}>Vägskäl {i + 1}: fråga</label>
                <input
                  id={`dp-q-${i}`}
                  value={p.question}
                  onChange={(e) => set('decisionPoints', d.decisionPoints.map((x, j) => (j === i ? { ...x, question: e.target.value } : x)))}
                />
                <label htmlFor={`dp-g-${i}`}>Vägskäl {i + 1}: vägledning</label>
                <textarea
                  id={`dp-g-${i}`}
                  className="short"
                  value={p.guidance}
                  onChange={(e) => set('decisionPoints', d.decisionPoints.map((x, j) => (j === i ? { ...x, guidance: e.target.value } : x)))}
                />
                <button type="button" className="small" onClick={() => set('decisionPoints', d.decisionPoints.filter((_, j) => j !== i))}>
                  Ta bort vägskäl {i + 1}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => set('decisionPoints', [...d.decisionPoints, { question: '', guidance: '' }])}>
            Lägg till vägskäl
          </button>
        </fieldset>
      ) : null}
      <ErrorMessage error={create.error ?? update.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {isNew ? 'Spara som utkast' : 'Spara ändringarna'}
        </button>
        <CancelButton changed={changed} onCancel={onCancel} title="Kasta ändringarna?" confirmLabel="Kasta ändringarna" />
      </div>
    </form>
  );
}

/** "Nytt vägledande fall": a precedent written directly (e.g. a patientfall). */
export function PrecedentEditor() {
  return (
    <>
      <p className="breadcrumb">
        <a href={href('/larande')}>Lärdomar och vägledande fall</a> <span aria-hidden="true">›</span> Nytt
      </p>
      <PageHeader
        title="Nytt vägledande fall"
        intro="Skriv ett vägledande fall direkt, till exempel avtalets vägledande patientfall med sina vägskäl. Det sparas som utkast och granskas innan det blir vägledande."
      />
      <PrecedentForm onSaved={(p) => navigate(`/larande/prejudikat/${p.id}`)} onCancel={() => navigate('/larande')} />
    </>
  );
}
