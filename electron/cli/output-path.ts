/**
 * The CLI's `--out` guard: the core's rules (electron/core/files/output-path.ts, shared with the
 * app's save dialog) with a refusal turned into a CliFailure (exit 1, one Swedish sentence).
 */
import * as core from '../core/files/output-path';
import { CliFailure } from './io';

export { isSqliteFile, type OutputPathOptions } from '../core/files/output-path';

function asCliFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof core.OutputPathRefused) throw new CliFailure(e.message);
    throw e;
  }
}

export function checkOutputPath(out: string, opts: core.OutputPathOptions): string {
  return asCliFailure(() => core.checkOutputPath(out, opts));
}

export function writeOutputFile(out: string, data: Uint8Array | string, opts: core.OutputPathOptions): string {
  return asCliFailure(() => core.writeOutputFile(out, data, opts));
}
