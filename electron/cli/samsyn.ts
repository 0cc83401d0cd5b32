import { CliFailure, UsageError, printJson, processIO, type CliIO } from './io';
import { cliErrorSchema } from '../../shared/api/common';

export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Command name → module. Multi-word commands ("import deviations") are keyed by the first word. */
const commands: Record<string, () => Promise<{ run: Command }>> = {
  init: () => import('./commands/init'),
  cases: () => import('./commands/cases'),
  case: () => import('./commands/case'),
  lesson: () => import('./commands/lesson'),
  precedent: () => import('./commands/precedent'),
  search: () => import('./commands/search'),
  demo: () => import('./commands/demo'),
  generate: () => import('./commands/generate'),
  import: () => import('./commands/import'),
  population: () => import('./commands/population'),
  indicators: () => import('./commands/indicators'),
  library: () => import('./commands/library'),
  report: () => import('./commands/report'),
};

export const USAGE = `Användning: samsyn <kommando> [flaggor]

Kommandon:
  init --db FIL --delregion ID [--kommuner LISTA] [--name NAMN]
                                                   skapa en arbetsyta (fyrbodal, goteborgsregionen, sjuharad, skaraborg,
                                                   eller custom med --kommuner "Kungälv, Tjörn")
  demo --db FIL [--delregion ID] [--seed N] [--today DATUM]   skapa en arbetsyta med demodata
  import deviations FIL... --db FIL [--profile NAMN] [--source-system S] [--sheet BLAD] [--json]
  import disputes FIL... --db FIL [--source-system S] [--sheet BLAD] [--json]
  population import FIL --db FIL [--json]          folkmängd från SCB:s tabellexport
  indicators --db FIL --from DATUM --to DATUM [--as-of DATUM] [--deadline-days N] [--json]
  cases --db FIL [--kind deviation|dispute] [--indicator ID --from DATUM --to DATUM [--as-of DATUM] [--deadline-days N] [--key DEL]] [--limit N] [--json]
  case show --db FIL --id ÄRENDE [--kind deviation|dispute] [--json]
  lesson add --db FIL --case ÄRENDE --text TEXT [--cause ORSAK] [--kind deviation|dispute] [--json]
  precedent mark --db FIL --case ÄRENDE --title T --principle P [--kind deviation|dispute] [--json]
  search --db FIL FRÅGA [--limit N] [--json]
  library export --db FIL --out BIBLIOTEKSFIL [--id ID]... [--publisher NAMN] [--json]
  library import BIBLIOTEKSFIL --db FIL [--dry-run] [--trust|--only-trusted] [--json]
                                                   (att läsa in på kommandoraden räknas som att lita på
                                                   en ny avsändare; fingeravtrycket skrivs ut på stderr; en ny
                                                   nyckel för en redan betrodd avsändare kräver --trust)
  library conflicts --db FIL [--json]  ·  library resolve --db FIL --conflict ID --keep mine|theirs
  library export-profiles --db FIL --out FIL  ·  library import-profiles FIL --db FIL [--dry-run]
  report --db FIL --from DATUM --to DATUM --out FIL.pdf [--as-of DATUM] [--deadline-days N]
         [--summary TEXT|--summary-file FIL] [--analysis TEXT|--analysis-file FIL] [--saved-id N] [--json]
                                                   (Chromium: SAMSYN_CHROMIUM pekar ut webbläsaren)
  generate --out FIL.csv --rows N [--seed S] [--delregion ID] [--encoding utf8|cp1252]
           [--kind deviations|disputes] [--plant-pnr N] [--invalid-share X] [--outside-share X]

Slutkoder: 0 klart, 1 fel i fil eller värde, 2 felaktig användning.`;

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.err(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`Okänt kommando: ${name}\n\n${USAGE}`);
    return 2;
  }
  // with --json, a failure that printed nothing on stdout still prints one JSON document there
  const json = rest.includes('--json');
  let printed = false;
  const tracked: CliIO = { ...io, out: (t) => ((printed = true), io.out(t)) };
  const fail = (kind: 'usage' | 'user' | 'internal', exitCode: 1 | 2, message: string): 1 | 2 => {
    if (json && !printed) printJson(io, cliErrorSchema, { error: { kind, exitCode, message } });
    return exitCode;
  };
  try {
    const mod = await load();
    return await mod.run(rest, tracked);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return fail('usage', 2, e.message);
    }
    if (e instanceof CliFailure) {
      io.err(e.message);
      return fail('user', 1, e.message);
    }
    const msg = `Ett oväntat fel inträffade: ${e instanceof Error ? e.message : String(e)}`;
    io.err(msg);
    return fail('internal', 1, msg);
  }
}

const isEntry = process.argv[1] && /samsyn\.(ts|mjs|js)$/.test(process.argv[1]);
if (isEntry || process.env.SAMSYN_CLI_ENTRY === '1') {
  // `samsyn cases … | head`: a reader that stops early is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`Ett oväntat fel inträffade: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
