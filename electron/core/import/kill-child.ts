/**
 * Child process for the kill test (import.kill.test.ts): opens a workspace and imports one file
 * by path. Prints "ready" when the import starts and "done" when it has committed.
 */
import { openWorkspace } from '../db/open-workspace';
import { importFile } from './import-file';

const [db, file] = process.argv.slice(2);
const ws = await openWorkspace(db!);
process.stdout.write('ready\n');
const r = await importFile(ws, { path: file! }, 'kill.csv', { kind: 'deviations', now: new Date(2026, 10, 20, 12) });
process.stdout.write(`done ${r.inserted} ${r.updated}\n`);
ws.close();
