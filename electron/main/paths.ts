import path from 'node:path';

export interface ShellPathInput {
  isPackaged: boolean;
  /** process.resourcesPath (packaged: the folder holding app.asar and the extraResources). */
  resourcesPath: string;
  /** app.getAppPath() (checkout: the repository root). */
  appPath: string;
}

export interface ShellPaths {
  migrations: string;
  resources: string;
  /** better-sqlite3 built for Electron's ABI, kept apart from Node's build in node_modules. */
  sqliteBinding: string;
}

/**
 * Where the shell finds what is shipped beside the code (pure: unit-tested). Packaged,
 * electron-builder copies drizzle/, resources/ and native/electron/better_sqlite3.node as
 * extraResources (electron-builder.yml); in a checkout they are read from the repository.
 */
export function shellPaths(p: ShellPathInput): ShellPaths {
  if (p.isPackaged) {
    return {
      migrations: path.join(p.resourcesPath, 'drizzle'),
      resources: path.join(p.resourcesPath, 'resources'),
      sqliteBinding: path.join(p.resourcesPath, 'native', 'better_sqlite3.node'),
    };
  }
  return {
    migrations: path.join(p.appPath, 'drizzle'),
    resources: path.join(p.appPath, 'resources'),
    sqliteBinding: path.join(p.appPath, 'native', 'electron', 'better_sqlite3.node'),
  };
}
