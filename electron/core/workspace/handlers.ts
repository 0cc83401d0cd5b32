import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../../../shared/api/contract';
import type { workspaceMethods, WorkspaceInfo } from '../../../shared/api/workspace';
import type { CoreContext } from '../context';
import type { Workspace } from '../session';
import { createWorkspace, readSettings, updateSettings, workspaceCounts } from './workspace';
import { loadReferenceData } from '../reference';
import { backupWorkspace } from '../db/backup';
import { buildDemoWorkspace } from '../demo/demo';
import { listBackups, restoreWorkspaceFile, undoRestore } from '../db/restore';

export function workspaceInfo(ctx: CoreContext, ws: Workspace): WorkspaceInfo {
  return {
    path: ws.path,
    fileName: path.basename(ws.path),
    isDemo: path.resolve(ws.path) === path.resolve(ctx.session.demoPath()),
    settings: readSettings(ws),
    counts: workspaceCounts(ws),
  };
}

export function createWorkspaceHandlers(ctx: CoreContext): HandlerMap<typeof workspaceMethods> {
  return {
    'workspace.current': () => (ctx.session.workspace ? workspaceInfo(ctx, ctx.session.workspace) : null),
    'workspace.open': async ({ path: p }) => workspaceInfo(ctx, await ctx.session.open(p)),
    'workspace.create': async (input) => {
      const ws = await createWorkspace(input.path, input);
      return workspaceInfo(ctx, ctx.session.adopt(ws));
    },
    'workspace.openDemo': async () => {
      const p = ctx.session.demoPath();
      if (!fs.existsSync(p)) {
        const ws = await buildDemoWorkspace(p, { delregionId: 'fyrbodal', seed: 1, today: ctx.now() });
        ws.close();
      }
      return workspaceInfo(ctx, await ctx.session.open(p));
    },
    'workspace.close': () => ({ closed: ctx.session.close() }),
    'workspace.recent': () =>
      ctx.session.recent().map((r) => ({ path: r.path, fileName: path.basename(r.path), openedAt: r.openedAt, exists: fs.existsSync(r.path) })),
    'workspace.backup': async () => {
      const ws = ctx.ws();
      return { path: await backupWorkspace(ws.sqlite, ws.path, 'manuell') };
    },
    'workspace.backups': ({ path: p }) => listBackups(p),
    'workspace.restore': async ({ path: p, backup }) => {
      const target = path.resolve(p);
      if (ctx.session.workspace && path.resolve(ctx.session.workspace.path) === target) ctx.session.close();
      const { asidePath } = restoreWorkspaceFile(target, backup);
      try {
        return { workspace: workspaceInfo(ctx, await ctx.session.open(target)), asidePath };
      } catch (e) {
        if (asidePath) undoRestore(target, asidePath);
        throw e;
      }
    },
    'settings.get': () => readSettings(ctx.ws()),
    'settings.update': (patch) => updateSettings(ctx.ws(), patch),
    'reference.get': () => {
      const r = loadReferenceData();
      return { kommuner: r.kommuner, delregions: r.delregions };
    },
  };
}
