import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWLIST_FILE, gate, scan, toCsv, validateAllowlist, type Finding } from './electronegativity';

const finding = (over: Partial<Finding>): Finding => ({
  check: 'PRELOAD_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'src/main/window.ts',
  line: 1,
  column: 0,
  sample: 'preload,',
  description: 'x',
  ...over,
});

describe('electronegativity gate', () => {
  it('fails on HIGH and MEDIUM findings the allowlist does not explain, ignores LOW/INFORMATIONAL', () => {
    const allow = validateAllowlist([{ check: 'PRELOAD_JS_CHECK', file: 'src/main/window.ts', reason: 'one preload, invoke only, asserted by a test' }]);
    const r = gate(
      [
        finding({}),
        finding({ file: 'out/main/index.js' }),
        finding({ check: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
        finding({ check: 'CSP_GLOBAL_CHECK', severity: 'LOW' }),
        finding({ check: 'ELECTRON_VERSION_JSON_CHECK', severity: 'INFORMATIONAL' }),
      ],
      allow,
    );
    expect(r.explained).toHaveLength(1);
    expect(r.failing.map((f) => `${f.check} ${f.file}`)).toEqual(['PRELOAD_JS_CHECK out/main/index.js', 'CONTEXT_ISOLATION_JS_CHECK src/main/window.ts']);
    expect(r.unused).toEqual([]);
  });

  it('reports allowlist entries that no longer match anything', () => {
    const allow = validateAllowlist([{ check: 'OPEN_EXTERNAL_JS_CHECK', file: '*', reason: 'an old reason that is long enough' }]);
    expect(gate([], allow).unused).toHaveLength(1);
  });

  it('requires a reason for every allowlist entry, and the checked-in list has them', () => {
    expect(() => validateAllowlist([{ check: 'X', file: '*' }])).toThrow(/reason/);
    expect(() => validateAllowlist([{ check: 'X', file: '*', reason: 'ok' }])).toThrow(/för kort/);
    expect(validateAllowlist(JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8'))).length).toBeGreaterThan(0);
  });

  it('writes a CSV that survives commas and quotes in samples', () => {
    const csv = toCsv([finding({ sample: 'a, "b"' })]);
    expect(csv.split('\n')[1]).toBe('PRELOAD_JS_CHECK,MEDIUM,FIRM,src/main/window.ts,1,0,"a, ""b""",x');
  });
});

describe('electronegativity scan (offline, in-process)', () => {
  it('finds an insecure window in a fixture, so the gate is known to bite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samsyn-scan-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'bad.js'),
        [
          "const { BrowserWindow, shell } = require('electron');",
          'const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });',
          "w.webContents.on('new-window', (e, url) => shell.openExternal(url));",
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fixture', devDependencies: { electron: '45.4.1' } }));
      const t0 = Date.now();
      const { findings } = await scan(dir);
      const ids = new Set(findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM').map((f) => f.check));
      expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(ids).toContain('WEB_SECURITY_JS_CHECK');
      expect(Date.now() - t0).toBeLessThan(60_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
