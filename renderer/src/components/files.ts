/**
 * Files in the renderer: read what the user picked (File API) and offer exports as downloads.
 * The renderer never touches the disk; bytes travel through the contract as base64.
 */

/** The file's bytes as base64 (without the data: prefix). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(new Error('Filen kunde inte läsas.'));
    r.onload = () => {
      const s = String(r.result ?? '');
      const comma = s.indexOf(',');
      resolve(comma >= 0 ? s.slice(comma + 1) : s);
    };
    r.readAsDataURL(file);
  });
}

/** Offers text or bytes as a download (Blob + object URL + <a download>). */
export function offerDownload(fileName: string, content: string | Uint8Array, mime = 'application/json;charset=utf-8'): void {
  const blob = new Blob([typeof content === 'string' ? content : (content as BlobPart)], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers bytes that came from the core as base64 (a PDF, a CSV list) as a download. */
export function downloadBase64(fileName: string, base64: string, mime = 'text/csv;charset=utf-8'): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  offerDownload(fileName, bytes, mime);
}

/** "1,2 MB", "850 kB", "312 byte" (sv-SE). */
export function formatBytes(n: number): string {
  const f = (x: number) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(x);
  if (n >= 1024 * 1024) return `${f(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${f(n / 1024)} kB`;
  return `${n} byte`;
}

/** '2026-11-23T13:57:39.918Z' → '2026-11-23 14:57' (local time, sv-SE). Plain dates stay as they are. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' }).format(d);
}
