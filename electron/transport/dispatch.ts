import { contract, isMethodName, type Handlers, type MethodName, type MethodOutput } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { toApiError } from '../core/error-mapping';

export interface DispatchOptions {
  /** Parse outputs too (dev, test, CLI). Default true. */
  validateOutput?: boolean;
}

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The one entry point of every shell: parses the input with the method's zod schema, calls the
 * handler, parses the output, and returns a Result envelope. Nothing is thrown across it.
 */
export function createDispatch(handlers: Handlers, opts: DispatchOptions = {}): Dispatch {
  const validateOutput = opts.validateOutput ?? true;
  return async (method, input) => {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return { ok: false, error: { code: 'BAD_INPUT', message: `Okänd funktion: ${String(method).slice(0, 100)}` } };
    }
    const def = contract[method];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const out = await handler(parsed.data);
      if (!validateOutput) return { ok: true, data: out };
      const checked = def.output.safeParse(out);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `Internt fel: svaret från ${method} följer inte kontraktet (${issue?.path.join('.')}: ${issue?.message}).` },
        };
      }
      return { ok: true, data: checked.data };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  };
}

/** Typed convenience for core callers (CLI, tests): unwraps or throws the envelope's error. */
export async function call<M extends MethodName>(dispatch: Dispatch, method: M, input: unknown): Promise<MethodOutput<M>> {
  const r = await dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { apiError: r.error });
  return r.data as MethodOutput<M>;
}
