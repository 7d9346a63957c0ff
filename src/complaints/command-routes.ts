import type { ClassConstructor } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import type { ComplaintCommand, ComplaintCommandType } from '../../domain/complaint/commands.js';
import { BadRequest } from '../http/error-filter.js';
import {
  AcknowledgeBody,
  AmendBody,
  AssessBody,
  AssignBody,
  CloseBody,
  CommunicateDecisionBody,
  DecideBody,
  PauseClockBody,
  ReasonBody,
  ReassignBody,
  ReceiveBody,
  ReceiveInformationBody,
  RecordFindingsBody,
  RecordSatisfactionBody,
  ReopenBody,
  RequestInformationBody,
  ResumeClockBody,
  SendInterimNoticeBody,
} from './dto/command-bodies.js';

type Data<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>['data'];

interface CommandRoute<T extends ComplaintCommandType> {
  body: ClassConstructor<object>;
  summary: string;
  /** Turns a checked body into the command's data; most bodies are the data as they are. */
  toData?: (body: never, complaintId: string) => Data<T>;
}

/** Every command of the machine, as `POST /complaints/{id}/{command}` (receive is `POST /complaints`). */
export const COMMAND_ROUTES: { [T in ComplaintCommandType]: CommandRoute<T> } = {
  receive: {
    body: ReceiveBody,
    summary: 'Receive a complaint from any channel',
    toData: (body: Omit<Data<'receive'>, 'complaintId'>, complaintId) => ({ ...body, complaintId }),
  },
  acknowledge: { body: AcknowledgeBody, summary: 'Acknowledge receipt (only with consent; otherwise the reason is recorded)' },
  assess: {
    body: AssessBody,
    summary: 'Initial assessment: severity and safety, or not a complaint with an exclusion reason',
    toData: (body: { severity?: string; exclusion?: string }) => {
      if (body.exclusion !== undefined && body.severity !== undefined) {
        throw new BadRequest([{ field: 'exclusion', rule: 'cannot be given with severity: a complaint is either assessed or excluded' }]);
      }
      return body as Data<'assess'>;
    },
  },
  assign: { body: AssignBody, summary: "Assign the handling department (the category's default when none is named)" },
  reassign: { body: ReassignBody, summary: 'Move the case to another department or handler' },
  'request-information': {
    body: RequestInformationBody,
    summary: 'Ask another department for materials, due the next working day',
    toData: (body: Omit<Data<'request-information'>, 'requestId'>) => ({ ...body, requestId: randomUUID() }),
  },
  'receive-information': { body: ReceiveInformationBody, summary: 'Record the materials another department sent' },
  'pause-clock': { body: PauseClockBody, summary: 'Stop the SLA clock for a period the rules do not count' },
  'resume-clock': { body: ResumeClockBody, summary: 'Restart the SLA clock' },
  'send-interim-notice': { body: SendInterimNoticeBody, summary: 'Tell the complainant the progress and why it takes longer' },
  amend: { body: AmendBody, summary: 'The complainant changes the content (before a decision)' },
  'record-findings': { body: RecordFindingsBody, summary: 'Record the facts, root cause and each implicated subject' },
  decide: { body: DecideBody, summary: 'Decide acceptance on the facts and the law' },
  'communicate-decision': { body: CommunicateDecisionBody, summary: 'Tell the complainant the result, its basis and how to appeal' },
  close: { body: CloseBody, summary: 'Close the case after the decision was communicated (or the complainant is unreachable)' },
  withdraw: { body: ReasonBody, summary: 'The complainant withdraws the complaint' },
  reopen: { body: ReopenBody, summary: 'Send a decided or closed case back for re-investigation or appeal' },
  'record-satisfaction': { body: RecordSatisfactionBody, summary: 'Record the satisfaction survey (1–5 per element)' },
};

export function isCommandType(value: string): value is ComplaintCommandType {
  return Object.hasOwn(COMMAND_ROUTES, value);
}
