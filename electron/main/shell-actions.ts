import path from 'node:path';
import type { MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { Dispatch } from '../transport/dispatch';
import type { BackupEntry, WorkspaceInfo } from '../../shared/api/workspace';
import type { MenuActions } from './menu';

/** Native dialogs bound to the main window (index.ts), or fakes in tests. */
export interface Dialogs {
  /** Returns the chosen file, or null if cancelled. */
  open(opts: OpenDialogOptions): Promise<string | null>;
  save(opts: SaveDialogOptions): Promise<string | null>;
  /** Returns the index of the clicked button. */
  message(opts: MessageBoxOptions): Promise<number>;
}

export interface ShellDeps {
  dispatch: Dispatch;
  dialogs: Dialogs;
  /** Reloads the renderer so it shows the (newly) open workspace. */
  reload(): void;
  /** Shows a renderer route, e.g. '/rapport'. */
  navigate(route: string): void;
  /** The window's history: back and forward (no-ops at either end). */
  goBack(): void;
  goForward(): void;
  /** app.addRecentDocument (Windows jump list). */
  addRecentDocument(file: string): void;
  /** Rebuilds the menu (its recent list changed). */
  refreshMenu(): void;
  documentsDir: string;
  appVersion: string;
}

export const WORKSPACE_FILTERS = [
  { name: 'Samsyn-arbetsyta', extensions: ['samsyn'] },
  { name: 'Alla filer', extensions: ['*'] },
];
const BACKUP_FILTERS = [
  { name: 'Säkerhetskopia', extensions: ['bak'] },
  { name: 'Alla filer', extensions: ['*'] },
];

const REASONS: Record<string, string> = {
  manuell: 'manuell',
  'fore-uppgradering': 'före uppgradering',
  'fore-biblioteksimport': 'före biblioteksimport',
  'fore-profilimport': 'före profilimport',
  'fore-aterstallning': 'filen före senaste återställning',
};

/** "2026-03-04 14:05 – före uppgradering" (local time). */
export function backupLabel(b: Pick<BackupEntry, 'createdAt' | 'reason'>): string {
  const d = new Date(b.createdAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = Number.isNaN(d.getTime()) ? b.createdAt : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${when} – ${REASONS[b.reason] ?? b.reason}`;
}

/** Adds .samsyn when the user typed a name without an extension. */
export function withWorkspaceExtension(file: string): string {
  return path.extname(file) === '' ? `${file}.samsyn` : file;
}

/** The first argument that names a workspace file (double-click on a .samsyn file, "Öppna med"). */
export function workspaceFromArgv(argv: readonly string[]): string | null {
  for (const a of argv.slice(1)) {
    if (!a.startsWith('-') && a.toLowerCase().endsWith('.samsyn')) return path.resolve(a);
  }
  return null;
}

/**
 * The menu's actions: native dialog in main, then the core through dispatch (the same entry as
 * IPC), then the renderer is reloaded to show the result. No shell-only method in the contract.
 */
export function createShellActions(deps: ShellDeps): MenuActions & { openPath(file: string): Promise<boolean> } {
  const { dispatch, dialogs } = deps;

  const error = async (message: string, detail?: string) => {
    await dialogs.message({ type: 'error', title: 'Samsyn', message, detail, buttons: ['OK'], noLink: true });
  };
  const info = async (message: string, detail?: string) => {
    await dialogs.message({ type: 'info', title: 'Samsyn', message, detail, buttons: ['OK'], noLink: true });
  };

  const opened = (file: string) => {
    deps.addRecentDocument(file);
    deps.refreshMenu();
    deps.reload();
  };

  async function restoreFrom(workspacePath: string, backups: BackupEntry[]): Promise<boolean> {
    const shown = backups.slice(0, 6);
    const buttons = [...shown.map(backupLabel), 'Välj en annan fil …', 'Avbryt'];
    const choice = await dialogs.message({
      type: 'question',
      title: 'Återställ från säkerhetskopia',
      message: `Vilken säkerhetskopia av ${path.basename(workspacePath)} vill du återställa?`,
      detail: 'Den nuvarande filen sparas först som en kopia med namnet "<namn>.fore-aterstallning.bak" bredvid arbetsytan.',
      buttons,
      cancelId: buttons.length - 1,
      defaultId: 0,
      noLink: true,
    });
    let backup: string | null = null;
    if (choice < shown.length) backup = shown[choice]!.path;
    else if (choice === shown.length) {
      backup = await dialogs.open({
        title: 'Välj säkerhetskopia',
        defaultPath: `${workspacePath}.sakerhetskopior`,
        filters: BACKUP_FILTERS,
        properties: ['openFile'],
      });
    }
    if (!backup) return false;
    const r = await dispatch('workspace.restore', { path: workspacePath, backup });
    if (!r.ok) {
      await error('Säkerhetskopian kunde inte återställas.', r.error.message);
      return false;
    }
    const data = r.data as { workspace: WorkspaceInfo; asidePath: string | null };
    opened(data.workspace.path);
    await info(
      `${data.workspace.fileName} är återställd.`,
      `Återställd från ${path.basename(backup)}.${data.asidePath ? `\nDen tidigare filen finns kvar som ${data.asidePath}.` : ''}`,
    );
    return true;
  }

  /** Offered when a workspace cannot be opened because it is damaged: restore from a backup. */
  async function offerRestore(workspacePath: string, message: string): Promise<boolean> {
    const r = await dispatch('workspace.backups', { path: workspacePath });
    const backups = r.ok ? (r.data as BackupEntry[]) : [];
    if (backups.length === 0) {
      await error('Arbetsytan kunde inte öppnas.', `${message}\n\nDet finns inga säkerhetskopior i ${workspacePath}.sakerhetskopior.`);
      return false;
    }
    const choice = await dialogs.message({
      type: 'error',
      title: 'Samsyn',
      message: 'Arbetsytan kunde inte öppnas.',
      detail: `${message}\n\nSenaste säkerhetskopior:\n${backups
        .slice(0, 5)
        .map((b) => `• ${backupLabel(b)}`)
        .join('\n')}`,
      buttons: ['Återställ från säkerhetskopia …', 'Avbryt'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    return choice === 0 ? restoreFrom(workspacePath, backups) : false;
  }

  async function openPath(file: string): Promise<boolean> {
    const r = await dispatch('workspace.open', { path: file });
    if (r.ok) {
      opened((r.data as WorkspaceInfo).path);
      return true;
    }
    if (r.error.code === 'WORKSPACE_INVALID') return offerRestore(path.resolve(file), r.error.message);
    await error('Arbetsytan kunde inte öppnas.', r.error.message);
    return false;
  }

  return {
    openPath,
    async openWorkspace() {
      const file = await dialogs.open({ title: 'Öppna arbetsyta', defaultPath: deps.documentsDir, filters: WORKSPACE_FILTERS, properties: ['openFile'] });
      if (file) await openPath(file);
    },
    async openRecent(file) {
      await openPath(file);
    },
    async newWorkspace() {
      const chosen = await dialogs.save({
        title: 'Ny arbetsyta',
        defaultPath: path.join(deps.documentsDir, 'Ny arbetsyta.samsyn'),
        filters: WORKSPACE_FILTERS,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
        buttonLabel: 'Skapa',
      });
      if (!chosen) return;
      const file = withWorkspaceExtension(chosen);
      const ref = await dispatch('reference.get', {});
      if (!ref.ok) return error('Referensdata saknas.', ref.error.message);
      const delregions = (ref.data as { delregions: { id: string; name: string }[] }).delregions;
      const buttons = [...delregions.map((d) => d.name), 'Avbryt'];
      const choice = await dialogs.message({
        type: 'question',
        title: 'Ny arbetsyta',
        message: 'Vilken delregion följer arbetsytan upp?',
        detail: 'Kommunerna kan ändras senare under Inställningar.',
        buttons,
        cancelId: buttons.length - 1,
        noLink: true,
      });
      const delregion = delregions[choice];
      if (!delregion) return;
      const r = await dispatch('workspace.create', { path: file, delregionId: delregion.id });
      if (!r.ok) return error('Arbetsytan kunde inte skapas.', r.error.message);
      opened((r.data as WorkspaceInfo).path);
    },
    async openDemo() {
      const r = await dispatch('workspace.openDemo', {});
      if (!r.ok) return error('Demoarbetsytan kunde inte öppnas.', r.error.message);
      opened((r.data as WorkspaceInfo).path);
    },
    async backup() {
      const r = await dispatch('workspace.backup', {});
      if (!r.ok) return error('Ingen säkerhetskopia togs.', r.error.message);
      await info('Säkerhetskopian är sparad.', (r.data as { path: string }).path);
    },
    async restore() {
      const current = await dispatch('workspace.current', {});
      let target = current.ok && current.data ? (current.data as WorkspaceInfo).path : null;
      target ??= await dialogs.open({ title: 'Vilken arbetsyta ska återställas?', defaultPath: deps.documentsDir, filters: WORKSPACE_FILTERS, properties: ['openFile'] });
      if (!target) return;
      const r = await dispatch('workspace.backups', { path: target });
      const backups = r.ok ? (r.data as BackupEntry[]) : [];
      await restoreFrom(target, backups);
    },
    report() {
      deps.navigate('/rapport');
    },
    help() {
      deps.navigate('/hjalp');
    },
    back() {
      deps.goBack();
    },
    forward() {
      deps.goForward();
    },
    async about() {
      await info(`Samsyn ${deps.appVersion}`, 'Uppföljning av avvikelser, oenighet och tvist i vårdsamverkan. Allt sparas lokalt i arbetsytans fil; programmet gör inga nätverksanrop.');
    },
  };
}
