import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds a folder shipped with the app (drizzle/, resources/) by walking up from this module. */
export function findAppFolder(name: string, envVar?: string): string {
  const fromEnv = envVar ? process.env[envVar] : undefined;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Hittar inte mappen ${name} i programmets installation.`);
}

export const migrationsFolder = (): string => findAppFolder('drizzle', 'SAMSYN_MIGRATIONS');
export const resourcesFolder = (): string => findAppFolder('resources', 'SAMSYN_RESOURCES');
