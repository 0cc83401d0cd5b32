/**
 * Where an output file may be written (the CLI's `--out`, the app's save dialog for downloads):
 * never over the workspace database or
 * its companion files, never over another SQLite database, never over a folder, and only with
 * with one of the command's own file-name extensions when the file exists already. An existing
 * ordinary file of the right kind (last quarter's PDF, an older library file) may be replaced:
 * scheduled jobs rewrite the same path. A new file may have any name.
 * `writeOutputFile` then replaces the file atomically (temp file in the same folder + rename).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The one Swedish sentence saying why a file may not be written (the CLI turns it into exit 1). */
export class OutputPathRefused extends Error {}

export interface OutputPathOptions {
  /** The workspace given with --db (if any): neither it nor its -wal/-shm/-journal may be written. */
  db?: string;
  /** Allowed endings, the preferred first, with the dot: ['.pdf'] or ['.samsyn-bibliotek.json', '.json']. */
  extensions: string[];
  /** What is being saved, as the subject of a Swedish sentence: "Rapporten", "Biblioteksfilen". */
  what: string;
  /** A file name to suggest for a folder given as --out ("rapport.pdf"); default "utdata" + the first extension. */
  exampleName?: string;
  /** Who asks: the CLI names its options (--db, --out); the app's save dialog does not. Default 'cli'. */
  asker?: 'cli' | 'dialog';
}

/** SQLite's companion files next to the database (rollback journal, WAL and its index). */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const caseInsensitiveFs = process.platform === 'win32' || process.platform === 'darwin';

/** The real path of a file that may not exist yet: its folder resolved, its own name kept. */
function realTarget(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    try {
      return path.join(fs.realpathSync.native(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

const samePath = (a: string, b: string) => (caseInsensitiveFs ? a.toLowerCase() === b.toLowerCase() : a === b);

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** True when the file starts with the SQLite header ("SQLite format 3\0"). */
export function isSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `name` with its extension replaced by `ext` ("R.db" → "R.pdf", "rapport" → "rapport.pdf"). */
function suggestName(name: string, ext: string): string {
  const stem = name.replace(/\.[^./\\]*$/, '');
  return `${stem || 'utdata'}${ext}`;
}

/**
 * Checks an output path before anything is written; throws OutputPathRefused (one Swedish
 * sentence) when the file must not be written. Returns the absolute path to write.
 */
export function checkOutputPath(out: string, opts: OutputPathOptions): string {
  const abs = path.resolve(out);
  const dir = path.dirname(abs);
  const base = path.basename(abs);
  const { what } = opts;
  const wanted = opts.extensions.join(' eller ');
  const cli = (opts.asker ?? 'cli') === 'cli';

  // the workspace itself and its -wal/-shm/-journal files (real paths; a link or a hard link counts too)
  if (opts.db) {
    const target = realTarget(abs);
    const targetStat = statOrNull(abs);
    const dbReal = realTarget(opts.db);
    for (const suffix of COMPANIONS) {
      const companion = `${dbReal}${suffix}`;
      const companionStat = statOrNull(companion);
      const same = samePath(target, companion) || (!!targetStat && !!companionStat && targetStat.dev === companionStat.dev && targetStat.ino === companionStat.ino);
      if (!same) continue;
      throw new OutputPathRefused(
        suffix === ''
          ? `${what} kan inte sparas som ${abs}: det är ${cli ? 'arbetsytan (--db)' : 'den öppna arbetsytan'}, som då skulle skrivas över – välj ett annat filnamn, till exempel ${path.join(dir, suggestName(base, opts.extensions[0]!))}.`
          : `${what} kan inte sparas som ${abs}: det är en av arbetsytans databasfiler (${path.basename(companion)}) – välj ett filnamn som slutar på ${wanted}.`,
      );
    }
  }

  const dirStat = statOrNull(dir);
  if (!dirStat || !dirStat.isDirectory()) throw new OutputPathRefused(`Mappen ${dir} finns inte.`);

  const st = statOrNull(abs);
  if (st?.isDirectory()) {
    throw new OutputPathRefused(`${what} kan inte sparas som ${abs}: det är en mapp – ange ett filnamn som slutar på ${wanted}, till exempel ${path.join(abs, opts.exampleName ?? suggestName('', opts.extensions[0]!))}.`);
  }
  if (st && isSqliteFile(abs)) {
    throw new OutputPathRefused(`${what} kan inte sparas som ${abs}: filen är en SQLite-databas (kanske en arbetsyta) och skulle skrivas över – välj ett annat filnamn.`);
  }
  const lower = base.toLowerCase();
  const ok = opts.extensions.some((e) => lower.endsWith(e.toLowerCase()) && lower.length > e.length);
  // a new file may have any name; an existing file is only replaced when it is of the right kind
  if (!ok && st) {
    throw new OutputPathRefused(
      `${what} skrivs inte över ${abs}: filen finns redan och slutar inte på ${wanted}, så den är troligen något annat – ${cli ? 'skriv till exempel --out' : 'välj till exempel'} ${path.join(path.dirname(out), suggestName(base, opts.extensions[0]!))}.`,
    );
  }
  if (st && !st.isFile()) throw new OutputPathRefused(`${what} kan inte sparas som ${abs}: det är ingen vanlig fil.`);
  return abs;
}

/**
 * Writes `data` to `out` atomically: a temporary file in the same folder, flushed to disk and then
 * renamed over the target, so a failure never leaves a half-written or destroyed file. The path
 * is checked again just before (with the same options) in case it changed while the output was made.
 */
export function writeOutputFile(out: string, data: Uint8Array | string, opts: OutputPathOptions): string {
  const abs = checkOutputPath(out, opts);
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx');
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, abs);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    fs.rmSync(tmp, { force: true });
    throw new OutputPathRefused(`Filen ${abs} kunde inte skrivas: ${(e as Error).message}`);
  }
  return abs;
}
