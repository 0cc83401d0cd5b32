/**
 * Reading a signed file from another delregion (a library of precedents or mapping profiles):
 * pick the file, preview it with its publisher, decide whether to trust the publisher, then read
 * it in. The state and the parts of the page that the library and profile tabs share.
 */
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { Loading } from '../../components/ui';
import { readFileAsBase64 } from '../../components/files';
import { FilePicker } from '../../components/FilePicker';
import { PublisherCard, type PublisherInfo } from './PublisherCard';

export interface PickedFile {
  name: string;
  base64: string;
}
interface PreviewBase {
  publisher: PublisherInfo;
  exportedAt: string;
}

const toApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: (e as Error).message }));

export function useSignedFile<P extends PreviewBase, A>(previewFile: (file: PickedFile) => Promise<P>) {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [trustChosen, setTrustChosen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [applied, setApplied] = useState<A | null>(null);
  const [pickerKey, setPickerKey] = useState(0);

  const clear = () => {
    setFile(null);
    setPreview(null);
    setTrustChosen(false);
    setError(null);
  };
  /** Forgets the file and empties the file picker. */
  const reset = () => {
    clear();
    setPickerKey((k) => k + 1);
  };

  /** Reads and previews the chosen file; `resetPicker` also empties the file picker first. */
  const pick = async (f: File | undefined, resetPicker = false) => {
    if (resetPicker) reset();
    else clear();
    setApplied(null);
    if (!f) return;
    setBusy('Kontrollerar filen …');
    try {
      const picked = { name: f.name, base64: await readFileAsBase64(f) };
      setFile(picked);
      setPreview(await previewFile(picked));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  /** Reads the previewed file in (trusting the publisher if the user chose to), then resets. */
  const apply = async (applyFile: (file: PickedFile, trustPublisher: true | undefined) => Promise<A>, after?: () => void) => {
    if (!file || !preview) return;
    setBusy('Läser in …');
    setError(null);
    try {
      setApplied(await applyFile(file, trustChosen || undefined));
      reset();
      after?.();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const trusted = !!preview && (preview.publisher.trusted || preview.publisher.own || trustChosen);
  return { file, preview, trustChosen, trust: () => setTrustChosen(true), busy, error, applied, pickerKey, reset, pick, apply, trusted };
}

type SignedFile = ReturnType<typeof useSignedFile<PreviewBase, unknown>>;

/** The file picker with the progress and the error of reading the file. */
export function SignedFilePicker({ flow, id, label, onFile }: { flow: Pick<SignedFile, 'pickerKey' | 'busy' | 'error'>; id: string; label: string; onFile(f: File | undefined): void }) {
  return (
    <>
      <FilePicker key={flow.pickerKey} id={id} label={label} accept=".json,application/json" onFile={onFile} />
      {flow.busy ? <Loading label={flow.busy} /> : null}
      {flow.error ? (
        <div className="error-message" role="alert">
          <span>
            <strong>Filen lästes inte in.</strong> {flow.error.message}
          </span>
        </div>
      ) : null}
    </>
  );
}

/** The preview: file name, publisher (with the trust decision), the content and the read-in buttons. */
export function SignedFilePreview({
  flow,
  id,
  preview,
  contentTitle,
  note,
  onApply,
  children,
}: {
  flow: Pick<SignedFile, 'file' | 'trustChosen' | 'trust' | 'reset' | 'trusted' | 'busy'>;
  id: string;
  preview: PreviewBase;
  contentTitle: ReactNode;
  /** Shown beside the buttons once the publisher is trusted. */
  note?: ReactNode;
  onApply(): void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-preview`}>
      <h2 id={`${id}-preview`}>Förhandsgranskning: {flow.file?.name}</h2>
      <PublisherCard publisher={preview.publisher} exportedAt={preview.exportedAt} trustChosen={flow.trustChosen} onTrust={flow.trust} onCancel={flow.reset} />
      <section className="card" aria-labelledby={`${id}-content`}>
        <h3 id={`${id}-content`}>{contentTitle}</h3>
        {children}
        <div className="form-actions">
          <button type="button" className="primary" onClick={onApply} disabled={!flow.trusted || flow.busy != null}>
            Läs in
          </button>
          <button type="button" onClick={flow.reset}>
            Avbryt
          </button>
          {!flow.trusted ? <span className="muted small">Bestäm först om du litar på avsändaren.</span> : (note ?? null)}
        </div>
      </section>
    </section>
  );
}
