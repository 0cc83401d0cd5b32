import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ImportPreview } from '../../../../shared/api/imports';
import type { JobState } from '../../../../shared/api/jobs';
import { defaultSourceSystem, fieldsOf, importReportSchema, type ImportCaseKind, type ImportReport, type Mapping } from '../../../../shared/domain/import';
import { formatInt } from '../../../../shared/format';
import { call, ApiError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useWorkspace } from '../../workspace-context';
import { href } from '../../router';
import { ErrorMessage, Loading, ProgressBar } from '../../components/ui';
import { formatBytes, formatDateTime, readFileAsBase64 } from '../../components/files';
import { FilePicker } from '../../components/FilePicker';
import { ImportReportView, Sha } from './ImportReportView';
import { encodingLabel, formatLabel, kindLabels, separatorLabel, storedColumns, type AnyImportKind } from './labels';
import { categoryLabels, deviationStatusLabels, disputeOutcomeLabels, partyTypeLabels } from '../../../../shared/labels.sv';
import { PopulationImportForm } from './PopulationPage';

interface Picked {
  file: File;
  base64: string;
}

type Phase =
  | { name: 'choose' }
  | { name: 'preview' }
  | { name: 'running'; job: JobState }
  | { name: 'done'; report: ImportReport }
  | { name: 'cancelled' };

const asError = (e: unknown) => (e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }));

export function NewImport() {
  const { refresh } = useWorkspace();
  const [kind, setKind] = useState<AnyImportKind>('deviations');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const [mapping, setMapping] = useState<Mapping>({});
  const [mappingEdited, setMappingEdited] = useState(false);
  const [profileId, setProfileId] = useState<number | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [sourceSystem, setSourceSystem] = useState(defaultSourceSystem.deviations);
  const [saveProfile, setSaveProfile] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const caseKind: ImportCaseKind | null = kind === 'population' ? null : kind;
  const profiles = useApi('profiles.list', caseKind ? { kind: caseKind } : null);

  const reset = () => {
    setPicked(null);
    setPreview(null);
    setMapping({});
    setMappingEdited(false);
    setProfileId(null);
    setSheet(undefined);
    setSaveProfile(false);
    setProfileName('');
    setPhase({ name: 'choose' });
    setError(null);
    setPickerKey((k) => k + 1);
  };

  const runPreview = async (
    p: Picked,
    k: ImportCaseKind,
    opts: { sheet?: string; mapping?: Mapping; profileId?: number | null; keepMapping?: boolean },
  ) => {
    setPreviewBusy(true);
    setError(null);
    try {
      const out = await call('imports.preview', {
        kind: k,
        fileName: p.file.name,
        bytesBase64: p.base64,
        sheet: opts.sheet,
        profileId: opts.profileId ?? undefined,
        mapping: opts.mapping,
      });
      setPreview(out);
      if (!opts.keepMapping) {
        setMapping(out.proposedMapping);
        setMappingEdited(false);
        setProfileId(out.matchedProfile?.id ?? null);
        const prof = out.matchedProfile ? profiles.data?.find((x) => x.id === out.matchedProfile!.id) : undefined;
        if (prof) setSourceSystem(prof.sourceSystem);
      }
      setSheet(out.info.sheet ?? undefined);
      setPhase({ name: 'preview' });
    } catch (e) {
      setError(asError(e));
    } finally {
      setPreviewBusy(false);
    }
  };

  const onFile = async (f: File | undefined) => {
    setError(null);
    setPreview(null);
    setPhase({ name: 'choose' });
    if (!f) return setPicked(null);
    try {
      const p = { file: f, base64: await readFileAsBase64(f) };
      setPicked(p);
      if (caseKind) await runPreview(p, caseKind, {});
    } catch (e) {
      setError(asError(e));
    }
  };

  const onKind = (k: AnyImportKind) => {
    setKind(k);
    setPreview(null);
    setPhase({ name: 'choose' });
    setError(null);
    if (k !== 'population') setSourceSystem(defaultSourceSystem[k]);
    if (picked && k !== 'population') void runPreview(picked, k, {});
  };

  const changeColumn = (field: string, column: string | null) => {
    const next = { ...mapping, [field]: column };
    setMapping(next);
    setMappingEdited(true);
    if (picked && caseKind) void runPreview(picked, caseKind, { sheet, mapping: next, keepMapping: true });
  };

  const chooseProfile = (id: number | null) => {
    if (!picked || !caseKind) return;
    setProfileId(id);
    const prof = profiles.data?.find((x) => x.id === id);
    if (prof) setSourceSystem(prof.sourceSystem);
    if (id == null) void runPreview(picked, caseKind, { sheet });
    else void runPreview(picked, caseKind, { sheet, profileId: id, keepMapping: false }).then(() => setProfileId(id));
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!picked || !caseKind || !preview) return;
    setError(null);
    try {
      const job = await call('imports.start', {
        kind: caseKind,
        fileName: picked.file.name,
        bytesBase64: picked.base64,
        mapping,
        profileId: !mappingEdited && profileId != null ? profileId : undefined,
        sourceSystem: sourceSystem.trim() || undefined,
        sheet,
        saveProfileAs: saveProfile && profileName.trim() ? profileName.trim() : undefined,
      });
      setPhase({ name: 'running', job });
    } catch (err) {
      setError(asError(err));
    }
  };

  // Poll the job about four times a second while it runs.
  const runningId = phase.name === 'running' ? phase.job.id : null;
  useEffect(() => {
    if (!runningId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const job = await call('jobs.get', { id: runningId });
        if (stop) return;
        if (job.state === 'running') {
          setPhase({ name: 'running', job });
          timer = setTimeout(tick, 250);
        } else if (job.state === 'done') {
          const parsed = importReportSchema.safeParse(job.result);
          if (parsed.success) setPhase({ name: 'done', report: parsed.data });
          else {
            setError(new ApiError({ code: 'INTERNAL', message: 'Importen blev klar men rapporten kunde inte läsas. Se Importhistorik.' }));
            setPhase({ name: 'preview' });
          }
          refresh();
          void profiles.reload();
        } else if (job.state === 'cancelled') {
          setPhase({ name: 'cancelled' });
        } else {
          setError(new ApiError(job.error ?? { code: 'INTERNAL', message: job.message }));
          setPhase({ name: 'preview' });
        }
      } catch (e) {
        if (!stop) {
          setError(asError(e));
          setPhase({ name: 'preview' });
        }
      }
    };
    timer = setTimeout(tick, 250);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runningId]);

  const cancel = async () => {
    if (phase.name !== 'running') return;
    try {
      const job = await call('jobs.cancel', { id: phase.job.id });
      setPhase({ name: 'running', job });
    } catch (e) {
      setError(asError(e));
    }
  };

  if (phase.name === 'running') {
    const j = phase.job;
    const detail = [
      j.rowsDone != null ? `${formatInt(j.rowsDone)} rader klara` : null,
      j.rowsPerSecond != null ? `${formatInt(j.rowsPerSecond)} rader/s` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return (
      <section className="card" aria-labelledby="running-title">
        <h2 id="running-title">Importerar {picked?.file.name}</h2>
        <ProgressBar value={j.progress && j.progress > 0 ? j.progress : null} label="Importens förlopp" detail={detail} />
        <p role="status" aria-live="polite">
          {j.message}
          {detail ? ` (${detail})` : ''}
        </p>
        <p className="muted small">Importen sparas i en enda transaktion: avbryter du sparas ingenting från filen.</p>
        <button type="button" onClick={cancel}>
          Avbryt
        </button>
        <ErrorMessage error={error} />
      </section>
    );
  }

  if (phase.name === 'done') {
    return (
      <>
        <ImportReportView report={phase.report} />
        <div className="form-actions">
          <button type="button" className="primary" onClick={reset}>
            Importera en fil till
          </button>
          <a className="button-link" href={href('/import/historik')}>
            Importhistorik
          </a>
        </div>
      </>
    );
  }

  return (
    <>
      <section className="card" aria-labelledby="choose-title">
        <h2 id="choose-title">1. Välj fil</h2>
        <fieldset className="radio-group">
          <legend>Vad innehåller filen?</legend>
          {(['deviations', 'disputes', 'population'] as const).map((k) => (
            <div className="checkbox" key={k}>
              <input type="radio" id={`kind-${k}`} name="import-kind" value={k} checked={kind === k} onChange={() => onKind(k)} />
              <label htmlFor={`kind-${k}`}>{kindLabels[k]}</label>
            </div>
          ))}
        </fieldset>
        {kind === 'population' ? (
          <PopulationImportForm />
        ) : (
          <>
            <FilePicker
              key={pickerKey}
              id="import-file"
              label="Fil (CSV, TXT eller XLSX)"
              accept=".csv,.txt,.tsv,.xlsx,.xls,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onFile={(f) => void onFile(f)}
              help="Exportera från MedControl PRO eller ert tvistregister som CSV eller Excel (XLSX). Ingenting sparas förrän du har granskat kopplingen och valt ”Importera”. Själva filen sparas aldrig – bara dess namn, storlek och kontrollsumma."
            />
          </>
        )}
        {previewBusy ? <Loading label="Läser filen …" /> : null}
        <ErrorMessage error={error} onDismiss={() => setError(null)} />
      </section>

      {phase.name === 'cancelled' ? (
        <div className="warning" role="status">
          Importen avbröts – ingenting från filen sparades.{' '}
          <button type="button" className="link-button" onClick={() => setPhase({ name: 'preview' })}>
            Tillbaka till förhandsgranskningen
          </button>
        </div>
      ) : null}

      {phase.name === 'preview' && preview && picked && caseKind ? (
        <PreviewView
          kind={caseKind}
          preview={preview}
          file={picked.file}
          mapping={mapping}
          onColumn={changeColumn}
          busy={previewBusy}
          profiles={profiles.data ?? []}
          profileId={profileId}
          onProfile={chooseProfile}
          sheet={sheet}
          onSheet={(s) => void runPreview(picked, caseKind, { sheet: s })}
          sourceSystem={sourceSystem}
          onSourceSystem={setSourceSystem}
          saveProfile={saveProfile}
          onSaveProfile={setSaveProfile}
          profileName={profileName}
          onProfileName={setProfileName}
          onStart={start}
          onCancel={reset}
        />
      ) : null}
    </>
  );
}

function PreviewView(props: {
  kind: ImportCaseKind;
  preview: ImportPreview;
  file: File;
  mapping: Mapping;
  onColumn(field: string, column: string | null): void;
  busy: boolean;
  profiles: { id: number; name: string; sourceSystem: string }[];
  profileId: number | null;
  onProfile(id: number | null): void;
  sheet: string | undefined;
  onSheet(s: string): void;
  sourceSystem: string;
  onSourceSystem(s: string): void;
  saveProfile: boolean;
  onSaveProfile(v: boolean): void;
  profileName: string;
  onProfileName(s: string): void;
  onStart(e: FormEvent): void;
  onCancel(): void;
}) {
  const { preview: p, kind, mapping } = props;
  const ids = useId();
  const fields = p.fields.length > 0 ? p.fields : fieldsOf(kind).map((f) => ({ field: f.field, label: f.label, required: f.required }));
  const missingRequired = fields.filter((f) => f.required && !mapping[f.field]);
  const usedColumns = new Map<string, string[]>();
  for (const f of fields) {
    const c = mapping[f.field];
    if (c) usedColumns.set(c, [...(usedColumns.get(c) ?? []), f.label]);
  }
  const unusedHeaders = p.headers.filter((h) => h && !usedColumns.has(h));
  const shownColumns = storedColumns[kind].filter(([col]) =>
    p.sampleRows.some((r) => (r.status === 'ok' ? r.values[col] != null && r.values[col] !== '' : !!mapping[col] && !!r.raw[mapping[col]!])),
  );
  const counts = { ok: 0, quarantine: 0, outside: 0 };
  for (const r of p.sampleRows) counts[r.status]++;
  const canStart = missingRequired.length === 0 && !props.busy && (!props.saveProfile || props.profileName.trim() !== '');

  return (
    <form onSubmit={props.onStart} aria-labelledby="preview-title" className="import-preview">
      <h2 id="preview-title" className="step-title">
        2. Granska filen och kopplingen
      </h2>
      <p className="muted">Ingenting är sparat ännu.</p>
      <div className="two-col">
        <section className="card" aria-labelledby={`${ids}-file`}>
          <h3 id={`${ids}-file`}>Filen</h3>
          <dl className="meta-list">
            <dt>Namn</dt>
            <dd>{p.info.fileName}</dd>
            <dt>Storlek</dt>
            <dd>{formatBytes(p.info.size)}</dd>
            <dt>Format</dt>
            <dd>{formatLabel(p.info.format)}</dd>
            {p.info.format === 'csv' ? (
              <>
                <dt>Teckenkodning</dt>
                <dd>{encodingLabel(p.info.encoding)}</dd>
                <dt>Avgränsare</dt>
                <dd>{separatorLabel(p.info.separator)}</dd>
              </>
            ) : null}
            <dt>Rubrikrad</dt>
            <dd>rad {p.headerRowNumber}</dd>
            <dt>SHA-256</dt>
            <dd>
              <Sha value={p.info.sha256} />
            </dd>
          </dl>
          {p.info.format === 'xlsx' && p.info.sheetNames.length > 0 ? (
            <>
              <label htmlFor={`${ids}-sheet`}>Blad</label>
              <select id={`${ids}-sheet`} value={props.sheet ?? p.info.sheet ?? ''} onChange={(e) => props.onSheet(e.target.value)}>
                {p.info.sheetNames.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby={`${ids}-headers`}>
          <h3 id={`${ids}-headers`}>Rubrikraden ({p.headers.length} kolumner)</h3>
          <ol className="header-list">
            {p.headers.map((h, i) => (
              <li key={`${h}-${i}`}>
                {h || <span className="muted">(tom rubrik)</span>}
                {h && !usedColumns.has(h) ? <span className="muted small"> – läses inte in</span> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>

      {p.alreadyImported ? (
        <p className="warning" role="status" data-testid="already-imported">
          Samma fil (samma innehåll, SHA-256) lästes in {formatDateTime(p.alreadyImported.importedAt)} som {p.alreadyImported.fileName} (
          <a href={href(`/import/batch/${p.alreadyImported.batchId}`)}>import nr {p.alreadyImported.batchId}</a>). Läser du in den igen ändras inga ärenden och
          rader som redan ligger i karantän läggs inte till igen.
        </p>
      ) : null}
      {p.problems.length > 0 ? (
        <div className="warning" role="status" aria-labelledby={`${ids}-problems`}>
          <h3 id={`${ids}-problems`} className="warning-title">
            Att kontrollera
          </h3>
          <ul>
            {p.problems.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="card" aria-labelledby={`${ids}-map`}>
        <h3 id={`${ids}-map`}>Koppling av kolumner</h3>
        <p className="muted small">
          Varje fält i Samsyn hämtar sitt värde från en kolumn i filen. Fält markerade med <span aria-hidden="true">*</span>
          <span className="visually-hidden">asterisk</span> är obligatoriska. Ändra där förslaget är fel.
        </p>
        <p role="status" aria-live="polite" className="profile-status">
          {p.matchedProfile ? (
            <>
              Mappningsprofilen <strong>{p.matchedProfile.name}</strong> känns igen och används.
            </>
          ) : (
            'Ingen sparad mappningsprofil passar rubrikraden – kopplingen är ett förslag utifrån rubrikerna.'
          )}
        </p>
        {props.profiles.length > 0 ? (
          <>
            <label htmlFor={`${ids}-profile`}>Använd en sparad mappningsprofil</label>
            <select id={`${ids}-profile`} value={props.profileId ?? ''} onChange={(e) => props.onProfile(e.target.value ? Number(e.target.value) : null)}>
              <option value="">(ingen – föreslå utifrån rubrikerna)</option>
              {props.profiles.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <div className="table-wrap">
          <table className="mapping-table">
            <thead>
              <tr>
                <th scope="col">Fält i Samsyn</th>
                <th scope="col">Obligatoriskt</th>
                <th scope="col">Kolumn i filen</th>
                <th scope="col">Exempel från första raden</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const col = mapping[f.field] ?? null;
                const sample = col ? (p.sampleRows[0]?.raw[col] ?? p.firstRaw?.[col]) : undefined;
                const shared = col ? (usedColumns.get(col) ?? []) : [];
                return (
                  <tr key={f.field} className={f.required && !col ? 'row-missing' : undefined}>
                    <th scope="row">
                      <label htmlFor={`map-${f.field}`}>
                        {f.label}
                        {f.required ? <span aria-hidden="true"> *</span> : null}
                      </label>
                    </th>
                    <td>{f.required ? 'Ja' : 'Nej'}</td>
                    <td>
                      <select
                        id={`map-${f.field}`}
                        value={col ?? ''}
                        onChange={(e) => props.onColumn(f.field, e.target.value || null)}
                        aria-invalid={f.required && !col ? true : undefined}
                        aria-describedby={f.required && !col ? `map-${f.field}-missing` : undefined}
                      >
                        <option value="">(ingen)</option>
                        {p.headers
                          .filter((h) => h)
                          .map((h, i) => (
                            <option key={`${h}-${i}`} value={h}>
                              {h}
                            </option>
                          ))}
                      </select>
                      {f.required && !col ? (
                        <span id={`map-${f.field}-missing`} className="field-error">
                          ⚠ Obligatoriskt – välj en kolumn
                        </span>
                      ) : null}
                      {shared.length > 1 ? <span className="muted small"> (används även för {shared.filter((s) => s !== f.label).join(', ')})</span> : null}
                    </td>
                    <td className="small">{sample === undefined ? <span className="muted">–</span> : sample === '' ? <span className="muted">(tomt)</span> : sample}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {unusedHeaders.length > 0 ? (
          <p className="small">
            Kolumner som inte läses in: {unusedHeaders.map((h, i) => (
              <span key={h}>
                {i > 0 ? ', ' : ''}
                <q>{h}</q>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby={`${ids}-rows`}>
        <h3 id={`${ids}-rows`}>Så här sparas de första raderna</h3>
        <p className="muted small">
          Godkända rader visas som de sparas (efter koppling och kontroll); för rader som inte godkänns visas filens värden. Personnummer i fritext är redan ersatta. Av de {formatInt(p.sampleRows.length)} första raderna: {formatInt(counts.ok)} godkända,{' '}
          {formatInt(counts.quarantine)} till karantän, {formatInt(counts.outside)} utanför delregionen.
        </p>
        {props.busy ? <Loading label="Uppdaterar förhandsgranskningen …" /> : null}
        <div className="table-wrap">
          <table className="sample-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rad
                </th>
                <th scope="col">Resultat</th>
                {shownColumns.map(([col, label]) => (
                  <th scope="col" key={col}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.sampleRows.map((r) => (
                <tr key={r.row} className={`sample-${r.status}`}>
                  <th scope="row" className="num">
                    {r.row}
                  </th>
                  <td>
                    <SampleStatus status={r.status} errors={r.errors} outsideKommun={r.outsideKommun} />
                  </td>
                  {shownColumns.map(([col]) => {
                    if (r.status !== 'ok') {
                      const src = mapping[col];
                      const raw = src ? r.raw[src] : undefined;
                      return (
                        <td key={col} className="raw-value">
                          {raw ? raw : <span className="muted">–</span>}
                        </td>
                      );
                    }
                    return <td key={col}>{storedValue(col, r.values[col] ?? null)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby={`${ids}-go`}>
        <h3 id={`${ids}-go`}>3. Importera</h3>
        <label htmlFor={`${ids}-source`}>Källsystem</label>
        <input id={`${ids}-source`} type="text" list={`${ids}-sources`} value={props.sourceSystem} onChange={(e) => props.onSourceSystem(e.target.value)} aria-describedby={`${ids}-source-help`} required />
        <datalist id={`${ids}-sources`}>
          {[...new Set([defaultSourceSystem[kind], ...props.profiles.map((x) => x.sourceSystem)])].map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <p id={`${ids}-source-help`} className="muted small">
          Ärenden känns igen på källsystem + ärendenummer: samma ärende från en nyare export uppdateras i stället för att dubbleras.
        </p>
        <div className="checkbox">
          <input id={`${ids}-save`} type="checkbox" checked={props.saveProfile} onChange={(e) => props.onSaveProfile(e.target.checked)} />
          <label htmlFor={`${ids}-save`}>Spara som mappningsprofil</label>
        </div>
        {props.saveProfile ? (
          <>
            <label htmlFor={`${ids}-pname`}>Profilens namn</label>
            <input
              id={`${ids}-pname`}
              type="text"
              value={props.profileName}
              onChange={(e) => props.onProfileName(e.target.value)}
              placeholder="t.ex. MedControl PRO, export 2026"
              aria-describedby={`${ids}-pname-help`}
            />
            <p id={`${ids}-pname-help`} className="muted small">
              Nästa gång en fil med samma rubriker läses in används kopplingen automatiskt.
            </p>
          </>
        ) : null}
        {missingRequired.length > 0 ? (
          <p className="field-error" role="status">
            ⚠ Koppla först de obligatoriska fälten: {missingRequired.map((f) => f.label).join(', ')}.
          </p>
        ) : null}
        {props.saveProfile && props.profileName.trim() === '' ? (
          <p className="field-error" role="status" data-testid="profile-name-missing">
            ⚠ Ge profilen ett namn – eller kryssa ur ”Spara som mappningsprofil”.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!canStart}>
            Importera
          </button>
          <button type="button" onClick={props.onCancel}>
            Avbryt
          </button>
        </div>
      </section>
    </form>
  );
}

/** A stored value as the user reads it (codes → Swedish labels). */
function storedValue(col: string, v: string | number | null) {
  if (v == null || v === '') return <span className="muted">–</span>;
  const s = String(v);
  if (col === 'category' || col === 'area') return (categoryLabels as Record<string, string>)[s] ?? s;
  if (col === 'status') return (deviationStatusLabels as Record<string, string>)[s] ?? s;
  if (col.endsWith('_type')) return (partyTypeLabels as Record<string, string>)[s] ?? s;
  if (col === 'outcome') return (disputeOutcomeLabels as Record<string, string>)[s] ?? s;
  if (col === 'temporary_solution' || col === 'principled') return v === 1 || s === '1' || s === 'true' ? 'Ja' : v === 0 || s === '0' || s === 'false' ? 'Nej' : s;
  if (typeof v === 'number') return formatInt(v);
  return s;
}

function SampleStatus({ status, errors, outsideKommun }: { status: 'ok' | 'quarantine' | 'outside'; errors: { message: string }[]; outsideKommun: string | null }) {
  if (status === 'ok')
    return (
      <span className="status-ok">
        <span aria-hidden="true">✓ </span>Godkänd
      </span>
    );
  if (status === 'outside')
    return (
      <span className="status-outside">
        <span aria-hidden="true">↷ </span>Utanför delregionen{outsideKommun ? ` (${outsideKommun})` : ''}
      </span>
    );
  return (
    <span className="status-quarantine">
      <span aria-hidden="true">⚠ </span>Karantän
      <ul className="error-list">
        {errors.map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </span>
  );
}
