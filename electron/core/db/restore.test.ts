import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, readSettings, updateSettings } from '../workspace/workspace';
import { backupFolder, backupWorkspace } from './backup';
import { beforeRestorePath, listBackups, restoreWorkspaceFile } from './restore';
import { openWorkspace, sqliteBindingOption } from './open-workspace';
import { createContext } from '../context';
import { createWorkspaceHandlers } from '../workspace/handlers';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-restore-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('round trip: a restored backup brings back what was saved, and the replaced file is kept aside', async () => {
    const file = path.join(dir, 'Fyrbodal.samsyn');
    const ws = await createWorkspace(file, { delregionId: 'fyrbodal', userName: 'Före' });
    const backup = await backupWorkspace(ws.sqlite, ws.path, 'manuell');
    updateSettings(ws, { userName: 'Efter' });
    ws.close();

    const list = listBackups(file);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: backup, reason: 'manuell' });

    const { asidePath } = restoreWorkspaceFile(file, backup);
    expect(asidePath).toBe(beforeRestorePath(file));
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const restored = await openWorkspace(file);
    expect(readSettings(restored).userName).toBe('Före');
    restored.close();
    const aside = await openWorkspace(asidePath!, { readonly: true });
    expect(readSettings(aside).userName).toBe('Efter');
    aside.close();
    // the copy taken aside is itself offered as a backup
    expect(listBackups(file).map((b) => b.reason)).toContain('fore-aterstallning');
  });

  it('refuses a damaged or foreign backup and leaves the workspace untouched', async () => {
    const file = path.join(dir, 'ws.samsyn');
    (await createWorkspace(file, { delregionId: 'fyrbodal' })).close();
    const before = fs.readFileSync(file);
    const text = path.join(backupFolder(file), 'ws.samsyn.2026-01-01T00-00-00.manuell.bak');
    fs.mkdirSync(path.dirname(text), { recursive: true });
    fs.writeFileSync(text, 'inte en databas');
    expect(() => restoreWorkspaceFile(file, text)).toThrow(/kan inte användas/);
    // a SQLite file whose pages are garbage past the header
    const broken = path.join(dir, 'broken.bak');
    const good = fs.readFileSync(file);
    const bad = Buffer.from(good);
    bad.fill(0xab, 4096, Math.min(bad.length, 4096 * 4));
    fs.writeFileSync(broken, bad);
    expect(() => restoreWorkspaceFile(file, broken)).toThrow(/skadad|kan inte användas|ingen säkerhetskopia/);
    expect(() => restoreWorkspaceFile(file, file)).toThrow(/inte själva arbetsytan/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(beforeRestorePath(file))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('workspace.backups and workspace.restore: recovery of a damaged workspace through the core', async () => {
    const ctx = createContext({ appDataDir: path.join(dir, 'app') });
    const h = createWorkspaceHandlers(ctx);
    const file = path.join(dir, 'Skadad.samsyn');
    await h['workspace.create']({ path: file, delregionId: 'fyrbodal', userName: 'Anna' });
    const { path: backup } = await h['workspace.backup']({});
    ctx.session.close();
    // damage the workspace: opening it now fails with WORKSPACE_INVALID
    const bytes = fs.readFileSync(file);
    bytes.fill(0x00, 100, Math.min(bytes.length, 8192));
    fs.writeFileSync(file, bytes);
    await expect(h['workspace.open']({ path: file })).rejects.toMatchObject({ code: 'WORKSPACE_INVALID' });

    const backups = await h['workspace.backups']({ path: file });
    expect(backups.map((b) => b.path)).toContain(backup);
    const result = await h['workspace.restore']({ path: file, backup });
    expect(result.workspace.settings.userName).toBe('Anna');
    expect(result.asidePath).toBe(beforeRestorePath(file));
    expect(ctx.session.workspace?.path).toBe(path.resolve(file));
    ctx.session.close();
  });

  it('restores over the open workspace: closes it first and reopens the restored file', async () => {
    const ctx = createContext({ appDataDir: path.join(dir, 'app') });
    const h = createWorkspaceHandlers(ctx);
    const file = path.join(dir, 'Open.samsyn');
    await h['workspace.create']({ path: file, delregionId: 'fyrbodal', userName: 'Först' });
    const { path: backup } = await h['workspace.backup']({});
    await h['settings.update']({ userName: 'Sedan' });
    const result = await h['workspace.restore']({ path: file, backup });
    expect(result.workspace.settings.userName).toBe('Först');
    expect((await h['workspace.current']({}))?.settings.userName).toBe('Först');
    ctx.session.close();
  });
});

describe('native binding for two ABIs', () => {
  it('uses the default build unless SAMSYN_SQLITE_BINDING names another', () => {
    expect(sqliteBindingOption({})).toEqual({});
    expect(sqliteBindingOption({ SAMSYN_SQLITE_BINDING: '/opt/samsyn/native/better_sqlite3.node' })).toEqual({ nativeBinding: '/opt/samsyn/native/better_sqlite3.node' });
  });

  it('openWorkspace loads the binding named in SAMSYN_SQLITE_BINDING', async () => {
    const file = path.join(dir, 'b.samsyn');
    (await createWorkspace(file, { delregionId: 'fyrbodal' })).close();
    const nodeBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const saved = process.env.SAMSYN_SQLITE_BINDING;
    try {
      process.env.SAMSYN_SQLITE_BINDING = nodeBuild;
      (await openWorkspace(file)).close();
      process.env.SAMSYN_SQLITE_BINDING = path.join(dir, 'saknas', 'better_sqlite3.node');
      await expect(openWorkspace(file)).rejects.toMatchObject({ code: 'WORKSPACE_INVALID', message: expect.stringMatching(/kunde inte öppnas/) });
    } finally {
      if (saved === undefined) delete process.env.SAMSYN_SQLITE_BINDING;
      else process.env.SAMSYN_SQLITE_BINDING = saved;
    }
  });
});
