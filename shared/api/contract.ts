import type { z } from 'zod';
import type { MethodDef } from './define';
import { workspaceMethods } from './workspace';
import { jobMethods } from './jobs';
import { importMethods } from './imports';
import { indicatorMethods } from './indicators';
import { caseMethods } from './cases';
import { precedentMethods } from './precedents';
import { libraryMethods } from './library';
import { reportMethods } from './reports';

/** Every method of the API, declared once: name → zod input, zod output. */
export const contract = {
  ...workspaceMethods,
  ...jobMethods,
  ...importMethods,
  ...indicatorMethods,
  ...caseMethods,
  ...precedentMethods,
  ...libraryMethods,
  ...reportMethods,
} satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes. */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after parsing and defaults). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
/** What a caller gets back. */
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export type HandlerMap<C extends Record<string, MethodDef>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>) => z.input<C[M]['output']> | Promise<z.input<C[M]['output']>>;
};
export type Handlers = HandlerMap<Contract>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
