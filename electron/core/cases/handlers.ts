import type { HandlerMap } from '../../../shared/api/contract';
import type { caseMethods } from '../../../shared/api/cases';
import type { CoreContext } from '../context';
import { today } from './case-common';
import { countCases, exportCsv, listCases } from './case-list';
import { deviationDetail } from './deviations';
import { createDispute, disputeAudit, disputeDetail, escalateDispute, resolveDispute, setTemporarySolution, updateDispute } from './disputes';
import { addLesson, deleteLesson, listLessons, updateLesson } from './lessons';
import type { CaseKind } from '../../../shared/domain/enums';

export function createCaseHandlers(ctx: CoreContext): HandlerMap<typeof caseMethods> {
  const day = () => today(ctx.now());
  const dispute = (id: number) => disputeDetail(ctx.ws(), id, day());
  return {
    'cases.list': (input) => listCases(ctx.ws(), input),
    'cases.count': (input) => ({ total: countCases(ctx.ws(), input) }),
    'cases.exportCsv': (input) => exportCsv(ctx.ws(), input, day()),
    'cases.find': ({ externalId, kind }) => {
      const ws = ctx.ws();
      const parts: string[] = [];
      if (!kind || kind === 'dispute') parts.push(`SELECT 'dispute' AS kind, id, external_id AS externalId, source_system AS sourceSystem FROM disputes WHERE external_id = @x`);
      if (!kind || kind === 'deviation') parts.push(`SELECT 'deviation' AS kind, id, external_id AS externalId, source_system AS sourceSystem FROM deviations WHERE external_id = @x`);
      const matches = ws.sqlite.prepare(parts.join(' UNION ALL ')).all({ x: externalId.trim() }) as { kind: CaseKind; id: number; externalId: string; sourceSystem: string }[];
      return { matches };
    },
    'cases.deviation': ({ id }) => deviationDetail(ctx.ws(), id),
    'cases.dispute': ({ id }) => dispute(id),
    'disputes.create': (input) => dispute(createDispute(ctx.ws(), input, ctx.now(), day())),
    'disputes.update': (input) => {
      updateDispute(ctx.ws(), input, ctx.now(), day());
      return dispute(input.id);
    },
    'disputes.escalate': ({ id, at, note }) => {
      escalateDispute(ctx.ws(), id, at, note, ctx.now(), day());
      return dispute(id);
    },
    'disputes.setTemporarySolution': ({ id, text, at }) => {
      setTemporarySolution(ctx.ws(), id, text, at ?? day(), ctx.now(), day());
      return dispute(id);
    },
    'disputes.resolve': (input) => {
      resolveDispute(ctx.ws(), input, ctx.now(), day());
      return dispute(input.id);
    },
    'disputes.audit': ({ id }) => {
      dispute(id);
      return disputeAudit(ctx.ws(), id);
    },
    'lessons.add': ({ caseKind, caseId, ...rest }) => addLesson(ctx.ws(), caseKind, caseId, rest, ctx.now(), day()),
    'lessons.update': ({ id, ...rest }) => updateLesson(ctx.ws(), id, rest, ctx.now(), day()),
    'lessons.delete': ({ id }) => ({ deleted: deleteLesson(ctx.ws(), id, ctx.now()) }),
    'lessons.list': (input) => listLessons(ctx.ws(), input),
  };
}
