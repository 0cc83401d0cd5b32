import { z } from 'zod';
import { method } from './define';
import { apiErrorSchema } from './result';

export const jobStateSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0..1 when known */
  progress: z.number().min(0).max(1).nullable(),
  message: z.string(),
  rowsDone: z.number().int().nullable(),
  rowsPerSecond: z.number().nullable(),
  startedAt: z.string(),
  result: z.unknown().optional(),
  error: apiErrorSchema.optional(),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const jobMethods = {
  'jobs.get': method(z.object({ id: z.string() }), jobStateSchema, 'Läget för ett pågående arbete'),
  'jobs.cancel': method(z.object({ id: z.string() }), jobStateSchema, 'Avbryt ett pågående arbete'),
};
