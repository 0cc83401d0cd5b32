import { z } from 'zod';
import { method } from './define';

export const kommunSchema = z.object({ code: z.string(), name: z.string() });

export const settingsSchema = z.object({
  delregionId: z.string(),
  delregionName: z.string(),
  deadlineDays: z.number().int(),
  userName: z.string(),
  smallCellSuppression: z.boolean(),
  kommuner: z.array(kommunSchema),
});
export type Settings = z.infer<typeof settingsSchema>;

export const workspaceInfoSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  isDemo: z.boolean(),
  settings: settingsSchema,
  counts: z.object({
    deviations: z.number().int(),
    disputes: z.number().int(),
    lessons: z.number().int(),
    precedents: z.number().int(),
    quarantineOpen: z.number().int(),
    lastImportOn: z.string().nullable(),
  }),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const recentWorkspaceSchema = z.object({ path: z.string(), fileName: z.string(), openedAt: z.string(), exists: z.boolean() });

export const backupEntrySchema = z.object({
  path: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  sizeBytes: z.number().int(),
  reason: z.string(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

const pathInput = z.object({ path: z.string().min(1, 'Ange en sökväg till arbetsytan.') });

export const workspaceMethods = {
  'workspace.current': method(z.object({}), workspaceInfoSchema.nullable(), 'Den öppna arbetsytan, eller null'),
  'workspace.open': method(pathInput, workspaceInfoSchema, 'Öppna en arbetsyta'),
  'workspace.create': method(
    pathInput.extend({
      delregionId: z.string().min(1),
      kommunCodes: z.array(z.string()).optional(),
      delregionName: z.string().max(200).optional(),
      userName: z.string().max(200).optional(),
    }),
    workspaceInfoSchema,
    'Skapa en ny arbetsyta',
  ),
  'workspace.openDemo': method(z.object({}), workspaceInfoSchema, 'Öppna (och vid behov skapa) demoarbetsytan'),
  'workspace.close': method(z.object({}), z.object({ closed: z.boolean() }), 'Stäng arbetsytan'),
  'workspace.recent': method(z.object({}), z.array(recentWorkspaceSchema), 'Senast öppnade arbetsytor'),
  'workspace.backup': method(z.object({}), z.object({ path: z.string() }), 'Ta en säkerhetskopia'),
  'workspace.backups': method(pathInput, z.array(backupEntrySchema), 'Säkerhetskopior av en arbetsyta, senaste först'),
  'workspace.restore': method(
    pathInput.extend({ backup: z.string().min(1, 'Välj en säkerhetskopia.') }),
    z.object({ workspace: workspaceInfoSchema, asidePath: z.string().nullable() }),
    'Återställ en arbetsyta från en säkerhetskopia (den nuvarande filen sparas som <namn>.fore-aterstallning.bak) och öppna den',
  ),
  'settings.get': method(z.object({}), settingsSchema, 'Arbetsytans inställningar'),
  'settings.update': method(
    z.object({
      deadlineDays: z.number().int().min(1, 'Svarstiden måste vara minst 1 dag.').max(365, 'Svarstiden får vara högst 365 dagar.').optional(),
      userName: z.string().trim().min(1, 'Ange ett användarnamn.').max(200).optional(),
      delregionName: z.string().trim().min(1).max(200).optional(),
      smallCellSuppression: z.boolean().optional(),
      kommunCodes: z.array(z.string()).min(1, 'Välj minst en kommun.').optional(),
    }),
    settingsSchema,
    'Ändra inställningar',
  ),
  'reference.get': method(
    z.object({}),
    z.object({
      kommuner: z.array(z.object({ code: z.string(), name: z.string(), delregion: z.string() })),
      delregions: z.array(z.object({ id: z.string(), name: z.string(), kommunCodes: z.array(z.string()) })),
    }),
    'Referensdata: kommuner och delregioner',
  ),
};
