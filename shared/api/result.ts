import { z } from 'zod';

/** Error codes that travel as data across every transport (Electron only serialises messages). */
export const errorCodes = [
  'BAD_INPUT', // the input did not match the contract
  'USER_ERROR', // a user-facing problem: bad file, bad value, unknown id
  'NOT_FOUND',
  'NO_WORKSPACE', // no workspace is open
  'WORKSPACE_INVALID', // damaged, foreign or too new
  'CONFLICT',
  'CANCELLED',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const resultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
