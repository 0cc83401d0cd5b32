import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The allowed imports between folders (ARCHITECTURE.md), checked by machine:
// shared → nothing of ours; electron/core → shared; transport, cli, main → core + shared;
// preload → shared types only; renderer → shared only. Only main/ and preload/ import 'electron'.
const root = path.resolve(import.meta.dirname, '..');

interface Rule {
  folder: string;
  mayImport: string[]; // our folders this folder may import from
  forbiddenPackages: RegExp;
}

const NODE_OR_DB = /^(node:|fs$|path$|os$|child_process$|crypto$|better-sqlite3|drizzle-orm|electron$|electron\/)/;
const rules: Rule[] = [
  { folder: 'shared', mayImport: ['shared'], forbiddenPackages: /^(node:|fs$|path$|os$|child_process$|better-sqlite3|drizzle-orm|electron|react)/ },
  { folder: 'electron/core', mayImport: ['electron/core', 'shared'], forbiddenPackages: /^(electron$|electron\/|react|react-dom|recharts)/ },
  { folder: 'electron/transport', mayImport: ['electron/transport', 'electron/core', 'shared'], forbiddenPackages: /^(electron$|react)/ },
  { folder: 'electron/cli', mayImport: ['electron/cli', 'electron/core', 'electron/transport', 'shared'], forbiddenPackages: /^(electron$|react)/ },
  { folder: 'electron/main', mayImport: ['electron/main', 'electron/core', 'electron/transport', 'shared'], forbiddenPackages: /^(react)/ },
  { folder: 'electron/preload', mayImport: ['electron/preload', 'shared'], forbiddenPackages: NODE_OR_DB.source ? /^(node:|fs$|better-sqlite3|drizzle-orm|react)/ : /$^/ },
  { folder: 'renderer', mayImport: ['renderer', 'shared'], forbiddenPackages: NODE_OR_DB },
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...files(p));
    } else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function violations(rule: Rule): string[] {
  const dir = path.join(root, rule.folder);
  if (!fs.existsSync(dir)) return [];
  const bad: string[] = [];
  for (const file of files(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    // Tests (and their helpers) may drive the core through the real dispatch, as the shells do.
    const isTest = /(\.test\.tsx?|test-helpers\.ts|test-fixtures\.ts)$/.test(file);
    const mayImport = isTest && rule.folder === 'electron/core' ? [...rule.mayImport, 'electron/transport'] : rule.mayImport;
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const rel = path.relative(root, file);
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), spec));
        const ok = mayImport.some((f) => target === f || target.startsWith(`${f}/`));
        if (!ok) bad.push(`${rel} → ${spec}`);
      } else if (!isTest && rule.forbiddenPackages.test(spec)) {
        // 'import type' from electron in main/preload is fine; elsewhere a package import is a violation
        bad.push(`${rel} → ${spec}`);
      }
    }
  }
  return bad;
}

describe('layer rules', () => {
  for (const rule of rules) {
    it(`${rule.folder} imports only what it may`, () => {
      expect(violations(rule)).toEqual([]);
    });
  }

  it('the checker itself catches a forbidden import', () => {
    const tmp = path.join(root, 'renderer', 'src', '__layer_probe__.ts');
    fs.writeFileSync(tmp, "import Database from 'better-sqlite3';\nimport { x } from '../../electron/core/errors';\n");
    try {
      const found = violations(rules.find((r) => r.folder === 'renderer')!);
      expect(found).toEqual(expect.arrayContaining([expect.stringContaining('better-sqlite3'), expect.stringContaining('electron/core/errors')]));
    } finally {
      fs.rmSync(tmp);
    }
  });
});
