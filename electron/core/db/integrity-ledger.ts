import fs from 'node:fs';
import path from 'node:path';
import type { FileStamp, IntegrityLedger } from './open-workspace';

/** The ledger as a small JSON file in the app's own data folder (never inside a workspace). */
export function fileIntegrityLedger(appDataDir: string): IntegrityLedger {
  const file = path.join(appDataDir, 'verifierade-arbetsytor.json');
  const read = (): Record<string, FileStamp> => {
    try {
      const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, FileStamp>) : {};
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, FileStamp>) => {
    fs.mkdirSync(appDataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all));
    fs.renameSync(tmp, file);
  };
  return {
    matches: (p, stamp) => {
      const known = Object.prototype.hasOwnProperty.call(read(), p) ? read()[p] : undefined;
      return !!known && known.size === stamp.size && known.mtimeMs === stamp.mtimeMs && known.ino === stamp.ino;
    },
    record: (p, stamp) => {
      const all = read();
      all[p] = stamp;
      write(all);
    },
    forget: (p) => {
      const all = read();
      if (Object.prototype.hasOwnProperty.call(all, p)) {
        delete all[p];
        write(all);
      }
    },
  };
}
