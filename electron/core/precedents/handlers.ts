import type { HandlerMap } from '../../../shared/api/contract';
import type { precedentMethods } from '../../../shared/api/precedents';
import type { CoreContext } from '../context';
import { today } from '../cases/case-common';
import {
  createFromCase,
  createPrecedent,
  deletePrecedent,
  getPrecedent,
  listPrecedents,
  setPrecedentStatus,
  updatePrecedent,
} from './precedents';
import { dismissSuggestion, restoreSuggestions, search, similarForCase } from './search';

export function createPrecedentHandlers(ctx: CoreContext): HandlerMap<typeof precedentMethods> {
  const day = () => today(ctx.now());
  return {
    'precedents.list': (input) => listPrecedents(ctx.ws(), input),
    'precedents.get': ({ id }) => getPrecedent(ctx.ws(), id),
    'precedents.createFromCase': ({ kind, id, title, principle }) =>
      getPrecedent(ctx.ws(), createFromCase(ctx.ws(), kind, id, { title, principle, status: 'utkast' }, ctx.now(), day())),
    'precedents.mark': ({ kind, id, title, principle }) =>
      getPrecedent(ctx.ws(), createFromCase(ctx.ws(), kind, id, { title, principle, status: 'vägledande' }, ctx.now(), day())),
    'precedents.create': (input) => getPrecedent(ctx.ws(), createPrecedent(ctx.ws(), input, ctx.now())),
    'precedents.update': (input) => {
      updatePrecedent(ctx.ws(), input, ctx.now(), day());
      return getPrecedent(ctx.ws(), input.id);
    },
    'precedents.setStatus': (input) => {
      setPrecedentStatus(ctx.ws(), input, ctx.now(), day());
      return getPrecedent(ctx.ws(), input.id);
    },
    'precedents.delete': ({ id }) => ({ deleted: deletePrecedent(ctx.ws(), id) }),
    'search.query': ({ q, limit, kinds }) => search(ctx.ws(), q, limit, kinds),
    'similar.forCase': ({ kind, id, limit }) => similarForCase(ctx.ws(), kind, id, limit),
    'similar.dismiss': ({ kind, id, key }) => ({ dismissed: dismissSuggestion(ctx.ws(), kind, id, key, ctx.now()) }),
    'similar.restore': ({ kind, id }) => ({ restored: restoreSuggestions(ctx.ws(), kind, id) }),
  };
}
