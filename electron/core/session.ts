import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace, type OpenedWorkspace } from './db/open-workspace';
import { fileIntegrityLedger } from './db/integrity-ledger';
import { readSettings, type WorkspaceSettings } from './workspace/workspace';
import { UserError } from './errors';

export interface Workspace extends OpenedWorkspace {
  settings(): WorkspaceSettings;
}

export function asWorkspace(o: OpenedWorkspace): Workspace {
  return Object.assign(o, { settings: () => readSettings(o) });
}

export interface RecentEntry {
  path: string;
  openedAt: string;
}

/**
 * The shell's state: which workspace is open, and the list of recent workspaces
 * (kept in the app's own data folder, never inside a workspace).
 */
export class Session {
  private current: Workspace | null = null;
  constructor(readonly appDataDir: string) {}

  get workspace(): Workspace | null {
    return this.current;
  }

  require(): Workspace {
    if (!this.current) throw new UserError('Ingen arbetsyta är öppen. Öppna eller skapa en arbetsyta först.', 'NO_WORKSPACE');
    return this.current;
  }

  async open(file: string): Promise<Workspace> {
    const ws = asWorkspace(await openWorkspace(file, { ledger: fileIntegrityLedger(this.appDataDir) }));
    try {
      ws.settings();
    } catch (e) {
      ws.close();
      throw e;
    }
    this.replace(ws);
    return ws;
  }

  adopt(ws: OpenedWorkspace): Workspace {
    const w = asWorkspace(ws);
    this.replace(w);
    return w;
  }

  close(): boolean {
    if (!this.current) return false;
    this.current.close();
    this.current = null;
    return true;
  }

  private replace(ws: Workspace): void {
    if (this.current && this.current !== ws) this.current.close();
    this.current = ws;
    this.remember(ws.path);
  }

  private recentFile(): string {
    return path.join(this.appDataDir, 'senaste-arbetsytor.json');
  }

  recent(): RecentEntry[] {
    try {
      const list = JSON.parse(fs.readFileSync(this.recentFile(), 'utf8')) as unknown;
      if (!Array.isArray(list)) return [];
      return list
        .filter((e): e is RecentEntry => !!e && typeof e === 'object' && typeof (e as RecentEntry).path === 'string' && typeof (e as RecentEntry).openedAt === 'string')
        .slice(0, 10);
    } catch {
      return [];
    }
  }

  private remember(file: string): void {
    const list = [{ path: file, openedAt: new Date().toISOString() }, ...this.recent().filter((e) => e.path !== file)].slice(0, 10);
    fs.mkdirSync(this.appDataDir, { recursive: true });
    fs.writeFileSync(this.recentFile(), JSON.stringify(list, null, 1));
  }

  demoPath(): string {
    return path.join(this.appDataDir, 'demo', 'Samsyn-demo-Fyrbodal.samsyn');
  }
}
