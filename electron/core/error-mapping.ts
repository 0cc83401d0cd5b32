import { ZodError } from 'zod';
import type { ApiError } from '../../shared/api/result';
import { UserError } from './errors';

/** Turns anything thrown into the API's error envelope; unknown errors become INTERNAL without stack. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof UserError) return { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) };
  if (e instanceof ZodError) {
    const first = e.issues[0];
    // Our schemas' own messages are Swedish sentences for the user ("Skriv lärdomen."): shown as
    // they are. Zod's built-in English ones get the technical prefix naming the field.
    if (first?.message && !/^(Invalid|Too (small|big)|Expected|Unrecognized|Required)\b/.test(first.message)) {
      return { code: 'BAD_INPUT', message: /[.!?]$/.test(first.message) ? first.message : `${first.message}.`, details: e.issues.slice(0, 20) };
    }
    const where = first?.path?.length ? ` (${first.path.join('.')})` : '';
    return { code: 'BAD_INPUT', message: `Ogiltig indata${where}: ${first?.message ?? 'okänt fel'}`, details: e.issues.slice(0, 20) };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Ett oväntat fel inträffade: ${msg}` };
}
