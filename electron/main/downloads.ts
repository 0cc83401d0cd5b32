import path from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { checkOutputPath, OutputPathRefused } from '../core/files/output-path';

/**
 * Where a download from the renderer (the PDF report, a library or profile file, a case list as
 * CSV) is saved. Chromium's own save dialog would write wherever the user points, also over the
 * open workspace; so main asks with its own dialog and checks the choice with the same rules as
 * the CLI's --out (electron/core/files/output-path.ts): never the workspace or its -wal/-shm/
 * -journal, another SQLite database, a folder, or an existing file of another kind. A refused
 * choice is explained and the dialog opens again; cancel cancels the download.
 */
export interface DownloadDeps {
  /** The open workspace's file, if any. */
  workspacePath(): string | null;
  /** A synchronous native save dialog (will-download needs the path before it returns). */
  showSaveDialog(opts: SaveDialogOptions): string | undefined;
  /** One Swedish sentence in an error box. */
  showError(message: string): void;
  /** Where the dialog starts (the user's Documents folder). */
  defaultDir: string;
}

/** Allowed endings for a suggested file name: a compound ".samsyn-bibliotek.json" also allows ".json". */
export function downloadExtensions(fileName: string): string[] {
  const compound = /(\.samsyn-[a-z-]+\.json)$/i.exec(fileName);
  if (compound) return [compound[1]!, '.json'];
  const ext = path.extname(fileName);
  return ext ? [ext] : [];
}

const KIND: Record<string, { what: string; filter: string }> = {
  '.pdf': { what: 'Rapporten', filter: 'PDF' },
  '.csv': { what: 'Listan', filter: 'CSV (semikolonseparerad)' },
  '.json': { what: 'Filen', filter: 'JSON' },
};

/** The path to save `fileName` at, or null when the user cancelled. */
export function chooseDownloadPath(fileName: string, deps: DownloadDeps): string | null {
  const extensions = downloadExtensions(fileName);
  const last = extensions[extensions.length - 1] ?? '';
  const kind = KIND[last.toLowerCase()] ?? { what: 'Filen', filter: 'Fil' };
  const what = extensions[0]?.startsWith('.samsyn-bibliotek') ? 'Biblioteksfilen' : kind.what;
  const filters = extensions.length ? [{ name: kind.filter, extensions: [extensions[0]!.slice(1)] }, { name: 'Alla filer', extensions: ['*'] }] : undefined;
  let defaultPath = path.join(deps.defaultDir, path.basename(fileName));
  for (;;) {
    const chosen = deps.showSaveDialog({ title: 'Spara', defaultPath, filters, buttonLabel: 'Spara', properties: ['showOverwriteConfirmation', 'createDirectory'] });
    if (!chosen) return null;
    try {
      return checkOutputPath(chosen, { db: deps.workspacePath() ?? undefined, extensions: extensions.length ? extensions : [''], what, asker: 'dialog' });
    } catch (e) {
      if (!(e instanceof OutputPathRefused)) throw e;
      deps.showError(e.message);
      defaultPath = path.join(path.dirname(chosen), path.basename(fileName));
    }
  }
}
