// Browser-mode server entry: `node scripts/serve.mjs [--db FILE] [--home DIR] [--port N] [--open]`.
// Prints one JSON line {"url", "appUrl"} on stdout when ready (used by npm start and the e2e tests).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserMode } from '../electron/transport/browser-mode';
import { appDataDir } from '../electron/cli/io';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    home: { type: 'string' },
    port: { type: 'string' },
    open: { type: 'boolean' },
    static: { type: 'string' },
  },
});

const root = path.resolve(import.meta.dirname, '..');
const server = await startBrowserMode({
  appDataDir: values.home ?? appDataDir(),
  staticDir: values.static ?? path.join(root, 'out', 'renderer'),
  workspace: values.db,
  port: values.port ? Number(values.port) : undefined,
});
// Machine-readable line for tests and tools; people (npm start → --open) get the sentence below.
if (!values.open) process.stdout.write(`${JSON.stringify({ url: server.url, appUrl: server.appUrl })}\n`);
process.stderr.write(`Samsyn körs i webbläsarläge: ${server.appUrl}\n(Avsluta med Ctrl+C.)\n`);

if (values.open) {
  const opener = process.platform === 'win32' ? ['cmd', ['/c', 'start', '', server.appUrl]] : process.platform === 'darwin' ? ['open', [server.appUrl]] : ['xdg-open', [server.appUrl]];
  try {
    const child = spawn(opener[0] as string, opener[1] as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write('Ingen webbläsare kunde öppnas automatiskt – öppna adressen ovan själv.\n'));
    child.unref();
  } catch {
    process.stderr.write('Ingen webbläsare kunde öppnas automatiskt – öppna adressen ovan själv.\n');
  }
}

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
