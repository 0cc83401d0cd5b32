import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { createContext, type CoreContext } from '../core/context';
import { createHandlers } from '../core/handlers';
import { createDispatch, type Dispatch } from '../transport/dispatch';
import type { MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';

/** Wrong usage: exit code 2 with the usage text. */
export class UsageError extends Error {}
/** A user-facing failure: exit code 1, one Swedish sentence on stderr. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly apiError?: ApiError,
  ) {
    super(message);
  }
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: show progress. */
  isTTY: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTTY: !!process.stderr.isTTY,
};

export function appDataDir(): string {
  if (process.env.SAMSYN_HOME) return process.env.SAMSYN_HOME;
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'Samsyn');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'samsyn');
}

export interface CoreHandle {
  ctx: CoreContext;
  dispatch: Dispatch;
  /** Calls a method and unwraps the Result (CliFailure on error). */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  close(): void;
}

export function createCore(): CoreHandle {
  const ctx = createContext({ appDataDir: appDataDir() });
  const dispatch = createDispatch(createHandlers(ctx));
  return {
    ctx,
    dispatch,
    call: async (method, input) => {
      const r = await dispatch(method, input);
      if (!r.ok) throw new CliFailure(r.error.message, r.error);
      return r.data as never;
    },
    close: () => ctx.session.close(),
  };
}

/** Opens the workspace named by --db (exit 1 with a Swedish sentence if it cannot be opened). */
export async function openCore(db: string | undefined): Promise<CoreHandle> {
  if (!db) throw new UsageError('--db FIL saknas.');
  const core = createCore();
  await core.call('workspace.open', { path: db });
  return core;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(swedishArgsError(e as Error & { code?: string }));
  }
}

/** node:util parseArgs errors in Swedish (they are shown to the user as they are). */
export function swedishArgsError(e: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0] ?? quoted;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Okänd flagga ${flag}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Oväntat argument "${quoted}": kommandot tar inga sådana argument.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(e.message)) return `Flaggan ${flag} saknar värde. Ett värde som börjar med minus skrivs ${flag}=-1.`;
      if (/does not take an argument/.test(e.message)) return `Flaggan ${flag} tar inget värde.`;
      return `Flaggan ${flag} saknar värde.`;
    default:
      return e.message;
  }
}

/** Prints exactly one JSON document, validated against the shared schema first. */
export function printJson<S extends z.ZodType>(io: CliIO, schema: S, value: unknown): void {
  const checked = schema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`JSON-utdata följer inte schemat (${issue?.path.join('.')}: ${issue?.message})`);
  }
  io.out(JSON.stringify(checked.data, null, 2));
}

export function requireDate(name: string, v: string | undefined, required = true): string | undefined {
  if (v === undefined) {
    if (required) throw new UsageError(`--${name} DATUM saknas.`);
    return undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new CliFailure(`Ogiltigt datum för --${name}: "${v}". Skriv datum som ÅÅÅÅ-MM-DD.`);
  }
  return v;
}

export function requireInt(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new CliFailure(`Ogiltigt värde för --${name}: "${v}". Ange ett heltal mellan ${min} och ${max}.`);
  }
  return Number(v);
}

/** A one-line progress display on stderr when it is a terminal. */
export function progressPrinter(io: CliIO): { update(text: string): void; done(): void } {
  let last = 0;
  return {
    update: (text) => {
      if (!io.isTTY) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      process.stderr.write(`\r\x1b[K${text}`);
    },
    done: () => {
      if (io.isTTY) process.stderr.write('\r\x1b[K');
    },
  };
}
