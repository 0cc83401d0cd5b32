import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menu';
import { backupLabel, createShellActions, withWorkspaceExtension, workspaceFromArgv, type Dialogs } from './shell-actions';
import { createContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch, type Dispatch } from '../transport/dispatch';

function recordingActions() {
  const calls: string[] = [];
  const rec = (name: string) => (arg?: string) => void calls.push(arg ? `${name}:${arg}` : name);
  const actions: MenuActions = {
    newWorkspace: rec('newWorkspace'),
    openWorkspace: rec('openWorkspace'),
    openRecent: rec('openRecent'),
    openDemo: rec('openDemo'),
    backup: rec('backup'),
    restore: rec('restore'),
    report: rec('report'),
    help: rec('help'),
    about: rec('about'),
    back: rec('back'),
    forward: rec('forward'),
  };
  return { calls, actions };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('application menu', () => {
  const { calls, actions } = recordingActions();
  const template = buildMenuTemplate(actions, { recent: [{ path: '/data/Fyrbodal.samsyn', fileName: 'Fyrbodal.samsyn' }], devTools: false });
  const all = flatten(template);
  const byLabel = (label: string) => all.find((i) => i.label === label)!;

  it('has the Swedish top-level menus Arkiv, Redigera, Visa, Hjälp', () => {
    expect(template.map((m) => m.label!.replace('&', ''))).toEqual(['Arkiv', 'Redigera', 'Visa', 'Hjälp']);
  });

  it('binds the keyboard shortcuts to the right actions', () => {
    const expected: [string, string, string][] = [
      ['Ny arbetsyta …', 'CmdOrCtrl+N', 'newWorkspace'],
      ['Öppna arbetsyta …', 'CmdOrCtrl+O', 'openWorkspace'],
      ['Säkerhetskopiera', 'CmdOrCtrl+S', 'backup'],
      ['Rapport (PDF) …', 'CmdOrCtrl+P', 'report'],
      ['Hjälp', 'F1', 'help'],
      ['Bakåt', process.platform === 'darwin' ? 'Cmd+[' : 'Alt+Left', 'back'],
      ['Framåt', process.platform === 'darwin' ? 'Cmd+]' : 'Alt+Right', 'forward'],
    ];
    for (const [label, accelerator, action] of expected) {
      const item = byLabel(label);
      expect(item.accelerator, label).toBe(accelerator);
      calls.length = 0;
      click(item);
      expect(calls).toEqual([action]);
    }
    expect(byLabel('Återställ från säkerhetskopia …')).toBeDefined();
    expect(byLabel('Avsluta').role).toBe('quit');
  });

  it('lists recent workspaces and opens them', () => {
    const recent = byLabel('Senaste arbetsytor').submenu as MenuItemConstructorOptions[];
    expect(recent[0]!.label).toBe('&1 Fyrbodal.samsyn');
    calls.length = 0;
    click(recent[0]!);
    expect(calls).toEqual(['openRecent:/data/Fyrbodal.samsyn']);
    const empty = flatten(buildMenuTemplate(actions, { recent: [], devTools: false })).find((i) => i.label === 'Senaste arbetsytor')!;
    expect((empty.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ label: 'Inga senaste arbetsytor', enabled: false });
  });

  it('offers developer tools only where they are allowed', () => {
    expect(all.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(buildMenuTemplate(actions, { recent: [], devTools: true })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('has no duplicate accelerator', () => {
    const acc = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(acc).size).toBe(acc.length);
  });
});

describe('shell helpers', () => {
  it('finds a .samsyn file among the start arguments', () => {
    expect(workspaceFromArgv(['Samsyn.exe', '--flag', 'C:/data/Fyrbodal.samsyn'])).toBe(path.resolve('C:/data/Fyrbodal.samsyn'));
    expect(workspaceFromArgv(['electron', '.', '--inspect'])).toBeNull();
    expect(workspaceFromArgv(['Samsyn.exe'])).toBeNull();
  });
  it('adds .samsyn to a name without extension', () => {
    expect(withWorkspaceExtension('/a/Ny')).toBe('/a/Ny.samsyn');
    expect(withWorkspaceExtension('/a/Ny.samsyn')).toBe('/a/Ny.samsyn');
  });
  it('labels backups in Swedish', () => {
    expect(backupLabel({ createdAt: new Date(2026, 2, 4, 14, 5).toISOString(), reason: 'fore-uppgradering' })).toBe('2026-03-04 14:05 – före uppgradering');
  });
});

/** Scripted dialogs: answers in order, and a log of what was shown. */
function scriptedDialogs(answers: { open?: (string | null)[]; save?: (string | null)[]; message?: number[] }) {
  const shown: string[] = [];
  const dialogs: Dialogs = {
    open: async (o) => {
      shown.push(`open:${o.title}`);
      return answers.open?.shift() ?? null;
    },
    save: async (o) => {
      shown.push(`save:${o.title}`);
      return answers.save?.shift() ?? null;
    },
    message: async (o) => {
      shown.push(`message:${o.message}`);
      return answers.message?.shift() ?? (o.cancelId as number) ?? 0;
    },
  };
  return { dialogs, shown };
}

describe('menu actions against the real core', () => {
  let dir: string;
  let dispatch: Dispatch;
  let ctx: ReturnType<typeof createContext>;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-menu-'));
    ctx = createContext({ appDataDir: path.join(dir, 'app') });
    dispatch = createDispatch(createHandlers(ctx));
  });
  afterEach(() => {
    ctx.session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function shell(d: Dialogs) {
    const log: string[] = [];
    const actions = createShellActions({
      dispatch,
      dialogs: d,
      reload: () => void log.push('reload'),
      navigate: (r) => void log.push(`navigate:${r}`),
      goBack: () => void log.push('back'),
      goForward: () => void log.push('forward'),
      addRecentDocument: (f) => void log.push(`recent:${path.basename(f)}`),
      refreshMenu: () => void log.push('menu'),
      documentsDir: dir,
      appVersion: '0.1.0',
    });
    return { actions, log };
  }

  it('Ny arbetsyta: save dialog, delregion, create, reload', async () => {
    const s = scriptedDialogs({ save: [path.join(dir, 'Fyrbodal')], message: [0] });
    const { actions, log } = shell(s.dialogs);
    await actions.newWorkspace();
    expect(s.shown).toEqual(['save:Ny arbetsyta', 'message:Vilken delregion följer arbetsytan upp?']);
    expect(fs.existsSync(path.join(dir, 'Fyrbodal.samsyn'))).toBe(true);
    expect(log).toEqual(['recent:Fyrbodal.samsyn', 'menu', 'reload']);
    expect(ctx.session.workspace?.path).toBe(path.join(dir, 'Fyrbodal.samsyn'));
  });

  it('Öppna arbetsyta and Säkerhetskopiera', async () => {
    const file = path.join(dir, 'ws.samsyn');
    await dispatch('workspace.create', { path: file, delregionId: 'fyrbodal' });
    ctx.session.close();
    const s = scriptedDialogs({ open: [file], message: [0] });
    const { actions, log } = shell(s.dialogs);
    await actions.openWorkspace();
    expect(log).toEqual(['recent:ws.samsyn', 'menu', 'reload']);
    await actions.backup();
    expect(s.shown.at(-1)).toBe('message:Säkerhetskopian är sparad.');
    expect(fs.readdirSync(`${file}.sakerhetskopior`)).toHaveLength(1);
  });

  it('a damaged workspace offers "Återställ från säkerhetskopia" and restores the chosen backup', async () => {
    const file = path.join(dir, 'skadad.samsyn');
    await dispatch('workspace.create', { path: file, delregionId: 'fyrbodal', userName: 'Berit' });
    await dispatch('workspace.backup', {});
    ctx.session.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0, 100, Math.min(bytes.length, 8192));
    fs.writeFileSync(file, bytes);

    // error box → "Återställ …" (0) → first backup (0) → confirmation (0)
    const s = scriptedDialogs({ message: [0, 0, 0] });
    const { actions, log } = shell(s.dialogs);
    expect(await actions.openPath(file)).toBe(true);
    expect(s.shown[0]).toBe('message:Arbetsytan kunde inte öppnas.');
    expect(s.shown[1]).toMatch(/^message:Vilken säkerhetskopia av skadad\.samsyn/);
    expect(s.shown[2]).toBe('message:skadad.samsyn är återställd.');
    expect(log).toContain('reload');
    expect(ctx.session.workspace?.settings().userName).toBe('Berit');
    expect(fs.existsSync(`${file}.fore-aterstallning.bak`)).toBe(true);
  });

  it('Rapport and Hjälp show the renderer routes', () => {
    const { actions, log } = shell(scriptedDialogs({}).dialogs);
    actions.report();
    actions.help();
    actions.back();
    actions.forward();
    expect(log).toEqual(['navigate:/rapport', 'navigate:/hjalp', 'back', 'forward']);
  });
});
