import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch } from './dispatch';
import { startHttpServer, TOKEN_HEADER, type RunningServer } from './http-server';
import { UserError } from '../core/errors';
import type { Handlers } from '../../shared/api/contract';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-transport-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function realDispatch() {
  const ctx = createContext({ appDataDir: path.join(dir, `home-${Math.random()}`) });
  return { ctx, dispatch: createDispatch(createHandlers(ctx)) };
}

describe('dispatch', () => {
  it('answers bad input with a typed BAD_INPUT error and never throws', async () => {
    const { dispatch } = realDispatch();
    const r = await dispatch('settings.update', { deadlineDays: 'sextio' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/deadlineDays/);
    }
    // a message written in our own schema is shown as the sentence it is, without the technical prefix
    await dispatch('workspace.create', { path: path.join(dir, 'msg.db'), delregionId: 'sjuharad' });
    const d = await dispatch('disputes.create', { openedAt: '2026-02-01', partyA: ' ', partyB: 'SÄS', area: 'sip' });
    expect(d).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Ange part A.' } });
    const unknown = await dispatch('finns.inte', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const proto = await dispatch('__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('turns a missing workspace into NO_WORKSPACE and user errors into their code', async () => {
    const { dispatch } = realDispatch();
    expect(await dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    const r = await dispatch('workspace.open', { path: path.join(dir, 'saknas.db') });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('saknas.db') } });
  });

  it('creates, reads and updates a workspace through the contract', async () => {
    const { dispatch, ctx } = realDispatch();
    const created = await dispatch('workspace.create', { path: path.join(dir, 'a.db'), delregionId: 'sjuharad', userName: 'Eva' });
    expect(created).toMatchObject({ ok: true, data: { fileName: 'a.db', settings: { delregionId: 'sjuharad', deadlineDays: 60, userName: 'Eva' } } });
    const updated = await dispatch('settings.update', { deadlineDays: 30, kommunCodes: ['1490', '1443'] });
    expect(updated).toMatchObject({ ok: true, data: { deadlineDays: 30, delregionId: 'custom' } });
    if (updated.ok) expect((updated.data as { kommuner: unknown[] }).kommuner).toHaveLength(2);
    const audit = ctx.ws().sqlite.prepare(`SELECT user, entity, action FROM audit_log`).all();
    expect(audit).toEqual([{ user: 'Eva', entity: 'workspace', action: 'update' }]);
    const recent = await dispatch('workspace.recent', {});
    expect(recent).toMatchObject({ ok: true, data: [{ fileName: 'a.db', exists: true }] });

    // a kommun with stored deviations cannot leave the delregion (its figures would no longer add up)
    ctx
      .ws()
      .sqlite.prepare(
        `INSERT INTO deviations (source_system, external_id, reported_at, reporting_org, reporting_party_type, receiving_org, receiving_party_type,
           kommun_code, kommun, category, status, content_hash, created_at, updated_at)
         VALUES ('x', 'A-1', '2026-01-10', 'Borås stad', 'kommun', 'SÄS', 'region', '1490', 'Borås', 'sip', 'ny', 'h', 't', 't')`,
      )
      .run();
    const refused = await dispatch('settings.update', { kommunCodes: ['1443'] });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'Borås kan inte tas bort ur delregionen eftersom arbetsytan har avvikelser därifrån: Borås (1 avvikelse). De skulle annars räknas utan kommunens folkmängd. Behåll kommunen, eller skapa en ny arbetsyta för den nya indelningen.' },
    });
    const still = await dispatch('settings.get', {});
    if (still.ok) expect((still.data as { kommuner: { code: string }[] }).kommuner.map((k) => k.code).sort()).toEqual(['1443', '1490']);
    expect((await dispatch('settings.update', { kommunCodes: ['1490', '1443', '1441'] })).ok).toBe(true); // adding is fine
    ctx.session.close();
  });

  it('reports handler failures and contract-breaking outputs as errors, not exceptions', async () => {
    const { ctx } = realDispatch();
    const handlers = createHandlers(ctx);
    const broken: Handlers = {
      ...handlers,
      'settings.get': () => {
        throw new UserError('Inställningarna är låsta.', 'CONFLICT');
      },
      'workspace.recent': () => [{ nope: true }] as never,
      'workspace.close': () => {
        throw new TypeError('boom');
      },
    };
    const dispatch = createDispatch(broken);
    expect(await dispatch('settings.get', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Inställningarna är låsta.' } });
    expect(await dispatch('workspace.recent', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('kontraktet') } });
    const r = await dispatch('workspace.close', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).not.toMatch(/at .*\.ts/);
  });
});

describe('HTTP transport', () => {
  let server: RunningServer;
  const staticDir = () => path.join(dir, 'static');
  beforeAll(async () => {
    fs.mkdirSync(staticDir(), { recursive: true });
    fs.writeFileSync(path.join(staticDir(), 'index.html'), '<!doctype html><title>Samsyn</title>');
    fs.writeFileSync(path.join(dir, 'hemlig.txt'), 'hemligt');
    const { dispatch } = realDispatch();
    server = await startHttpServer({ dispatch, staticDir: staticDir() });
  });
  afterAll(async () => server.close());

  function request(p: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${server.url}${p}`, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      if (opts.body) req.write(opts.body);
      req.end();
    });
  }

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.appUrl).toBe(`${server.url}/#token=${server.token}`);
  });

  it('requires the per-launch token on every API request', async () => {
    const none = await request('/api/workspace.current', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHORIZED');
    const wrong = await request('/api/workspace.current', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: `${server.token}x` } });
    expect(wrong.status).toBe(401);
    const right = await request('/api/workspace.current', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token } });
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body)).toEqual({ ok: true, data: null });
  });

  it('refuses foreign Host headers (DNS rebinding) and bad JSON', async () => {
    const foreign = await request('/api/workspace.current', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token, Host: 'evil.example:80' } });
    expect(foreign.status).toBe(403);
    const bad = await request('/api/workspace.current', { method: 'POST', body: '{nej', headers: { [TOKEN_HEADER]: server.token } });
    expect(bad.status).toBe(400);
  });

  it('serves the UI with a CSP and never a file outside its folder', async () => {
    const index = await request('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const escape = await request('/..%2fhemlig.txt');
    expect(escape.body).not.toContain('hemligt');
  });

  it('survives malformed request lines (a double slash, a broken escape) and keeps serving', async () => {
    expect((await request('//')).status).toBe(403); // resolves to the folder itself, not a file in it
    expect((await request('/%E0%A4%A')).status).toBe(400);
    const api = await request('/api/%E0', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token } });
    expect(api.status).toBe(400);
    const still = await request('/api/workspace.current', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token } });
    expect(still.status).toBe(200);
  });
});
