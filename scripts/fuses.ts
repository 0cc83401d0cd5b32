// Electron fuses for the packaged app: the expected settings (also in electron-builder.yml's
// electronFuses, checked by scripts/packaging.test.ts) and the read-back check run after packaging
// by scripts/read-fuses.mjs. A fuse is a byte in the Electron binary, flipped at packaging time.
import fs from 'node:fs';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

/** true = fuse enabled. Keys are @electron/fuses' FuseV1Options names. */
export const EXPECTED_FUSES: Partial<Record<keyof typeof FuseV1Options, boolean>> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};

/** electron-builder's electronFuses key for each fuse (runAsNode, enableCookieEncryption, …). */
export const builderKey = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export interface FuseRow {
  fuse: string;
  expected: boolean;
  actual: 'på' | 'av' | 'borttagen' | 'ärvd' | 'saknas';
  ok: boolean;
}

function label(state: number | undefined): FuseRow['actual'] {
  switch (state) {
    case FuseState.ENABLE:
      return 'på';
    case FuseState.DISABLE:
      return 'av';
    case FuseState.REMOVED:
      return 'borttagen';
    case FuseState.INHERIT:
      return 'ärvd';
    default:
      return 'saknas';
  }
}

/** Reads the fuse wire of a (packaged) Electron binary and compares it with EXPECTED_FUSES. */
export async function checkFuses(binary: string): Promise<FuseRow[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  return Object.entries(EXPECTED_FUSES).map(([fuse, expected]) => {
    const actual = label(wire[FuseV1Options[fuse as keyof typeof FuseV1Options]]);
    return { fuse, expected: expected!, actual, ok: actual === (expected ? 'på' : 'av') };
  });
}

/** The packaged executables electron-builder leaves in dist/ (unpacked folders). */
export function findPackagedBinaries(distDir: string): string[] {
  const candidates = [
    path.join(distDir, 'win-unpacked', 'Samsyn.exe'),
    path.join(distDir, 'linux-unpacked', 'samsyn'),
    path.join(distDir, 'linux-unpacked', 'Samsyn'),
  ];
  return candidates.filter((p) => fs.existsSync(p));
}

export async function main(argv: string[]): Promise<number> {
  const root = path.resolve(import.meta.dirname, '..');
  const binaries = argv.length > 0 ? argv : findPackagedBinaries(path.join(root, 'dist'));
  if (binaries.length === 0) {
    process.stderr.write('Hittar ingen paketerad Samsyn i dist/ (kör "npm run dist" först, eller ange sökvägen till Samsyn.exe).\n');
    return 1;
  }
  let bad = 0;
  for (const bin of binaries) {
    process.stdout.write(`${bin}\n`);
    for (const r of await checkFuses(bin)) {
      process.stdout.write(`  ${r.ok ? 'ok ' : 'FEL'} ${r.fuse.padEnd(40)} väntat ${r.expected ? 'på' : 'av'}, är ${r.actual}\n`);
      if (!r.ok) bad++;
    }
  }
  process.stdout.write(bad === 0 ? 'Alla säkringar (fuses) är satta som de ska.\n' : `${bad} säkringar avviker.\n`);
  return bad === 0 ? 0 : 1;
}
