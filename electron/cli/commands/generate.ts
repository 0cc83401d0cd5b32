import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CliFailure, parse, printJson, requireInt, UsageError, type CliIO } from '../io';
import {
  generateDeviationRows,
  generateDisputeRows,
  iterateDeviationRows,
  writeDeviationCsvFile,
  writeDisputeCsvFile,
} from '../../core/demo/generator';
import { UserError } from '../../core/errors';

/** `generate --json` output. */
export const generateResultSchema = z.object({
  file: z.string(),
  kind: z.enum(['deviations', 'disputes']),
  rows: z.number().int(),
  seed: z.number().int(),
  bytes: z.number().int(),
});

function share(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 0.9) throw new CliFailure(`Ogiltigt värde för --${name}: "${v}". Ange en andel mellan 0 och 0,9 (t.ex. 0.02).`);
  return n;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    out: { type: 'string' },
    rows: { type: 'string' },
    seed: { type: 'string' },
    delregion: { type: 'string' },
    encoding: { type: 'string' },
    separator: { type: 'string' },
    kind: { type: 'string' },
    'plant-pnr': { type: 'string' },
    'invalid-share': { type: 'string' },
    'outside-share': { type: 'string' },
    'duplicate-share': { type: 'string' },
    'start-date': { type: 'string' },
    months: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.out) throw new UsageError('--out FIL.csv saknas.');
  if (values.rows === undefined) throw new UsageError('--rows N saknas.');
  const rows = requireInt('rows', values.rows, 0, 50_000_000)!;
  const seed = requireInt('seed', values.seed, 0, 4_294_967_295) ?? 1;
  const delregionId = values.delregion ?? 'fyrbodal';
  const encoding = values.encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'cp1252') throw new UsageError(`--encoding ska vara utf8 eller cp1252, inte "${encoding}".`);
  const separator = values.separator ?? ';';
  if (separator !== ';' && separator !== ',') throw new UsageError(`--separator ska vara ; eller , – inte "${separator}".`);
  const kind = values.kind ?? 'deviations';
  if (kind !== 'deviations' && kind !== 'disputes') throw new UsageError(`--kind ska vara deviations eller disputes, inte "${kind}".`);
  const startDate = values['start-date'];
  if (startDate !== undefined && !/^\d{4}-\d{2}(-\d{2})?$/.test(startDate)) throw new CliFailure(`Ogiltigt datum för --start-date: "${startDate}". Skriv ÅÅÅÅ-MM-DD.`);
  const months = requireInt('months', values.months, 1, 240);
  const out = path.resolve(values.out);
  if (!fs.existsSync(path.dirname(out))) throw new CliFailure(`Mappen ${path.dirname(out)} finns inte.`);

  const opts = {
    seed,
    delregionId,
    startDate,
    months,
    invalidShare: share('invalid-share', values['invalid-share']),
    outsideShare: share('outside-share', values['outside-share']),
  };
  const csv = { encoding, separator } as const;
  const started = Date.now();
  let written: { rows: number; bytes: number };
  try {
    if (kind === 'deviations') {
      written = await writeDeviationCsvFile(
        out,
        iterateDeviationRows({
          ...opts,
          rows,
          plantIdentityNumbers: requireInt('plant-pnr', values['plant-pnr'], 0, 50_000_000) ?? 0,
          duplicateShare: share('duplicate-share', values['duplicate-share']),
        }),
        csv,
      );
    } else {
      // Links point at deviations of the same seed, so both files can be imported together.
      const devs = generateDeviationRows({ ...opts, rows: Math.min(20_000, Math.max(500, rows * 50)), invalidShare: 0, outsideShare: 0 });
      written = await writeDisputeCsvFile(out, generateDisputeRows({ ...opts, count: rows, deviations: devs }), csv);
    }
  } catch (e) {
    if (e instanceof UserError) throw new CliFailure(e.message);
    throw e;
  }
  if (values.json) {
    printJson(io, generateResultSchema, { file: out, kind, rows: written.rows, seed, bytes: written.bytes });
  } else {
    const what = kind === 'deviations' ? 'avvikelser' : 'tvister';
    const size =
      written.bytes >= 1_048_576
        ? `${(written.bytes / 1_048_576).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`
        : `${Math.max(1, Math.round(written.bytes / 1024)).toLocaleString('sv-SE')} kB`;
    io.out(`Skrev ${written.rows.toLocaleString('sv-SE')} syntetiska ${what} (frö ${seed}, ${delregionId}, ${encoding}) till ${path.basename(out)}: ${size} på ${((Date.now() - started) / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} s.`);
  }
  return 0;
}
