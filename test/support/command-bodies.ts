import type { ComplaintCommandType } from '../../domain/complaint/commands.js';

/** The parts of a case view (GET /complaints/{id}) a valid command body depends on. */
export interface CaseView {
  department?: string;
  informationRequests: { requestId: string; receivedAt?: string }[];
  consent: { sms: boolean; email: boolean };
  cooperatingDepartments?: string[];
  findings?: { subjects: { id: string; kind: string; substantiated: boolean }[] };
  trainingReferrals?: { subjectId: string; completedAt?: string }[];
}

/**
 * A body the API and the decider accept for `command` on a case as it stands (given the command is
 * allowed now). `n` varies the free text. For load and reliability tests.
 */
export function validBody(command: ComplaintCommandType, view: CaseView, n = 0): unknown {
  switch (command) {
    case 'receive':
      throw new Error('receive is POST /complaints');
    case 'acknowledge':
      return {};
    case 'assess':
      return n % 7 === 0 ? { exclusion: 'private-law', note: `contract dispute ${n}` } : { severity: (['low', 'medium', 'high'] as const)[n % 3], safetyIssue: n % 2 === 0 };
    case 'assign':
      return {};
    case 'reassign':
      return { department: view.department === 'testing' ? 'inspection' : 'testing', reason: `rerouted ${n}` };
    case 'request-information':
      return { department: 'planning', request: `budget lines ${n}` };
    case 'receive-information': {
      const outstanding = view.informationRequests.find((r) => r.receivedAt === undefined);
      return { requestId: outstanding?.requestId ?? 'none', summary: `received ${n}` };
    }
    case 'pause-clock':
      return { reason: 'document-supplement' };
    case 'resume-clock':
      return {};
    case 'send-interim-notice':
      return { channel: view.consent.email ? 'email' : 'homepage', progress: `progress ${n}`, delayReason: 'awaiting documents' };
    case 'amend':
      return { description: `amended description ${n}`, reason: 'phone call' };
    case 'request-supplement':
      return { channel: view.consent.email ? 'email' : 'homepage', request: `documents ${n}` };
    case 'record-findings':
      return { summary: `findings ${n}`, subjects: [{ id: `emp-${n % 5}`, kind: 'employee', substantiated: n % 2 === 0, ...(n % 2 === 0 ? { reason: 'delay' } : {}) }] };
    case 'record-contribution':
      return { department: view.cooperatingDepartments?.[0] ?? 'planning', summary: `contribution ${n}` };
    case 'decide':
      return { outcome: (['upheld', 'partly-upheld', 'not-upheld'] as const)[n % 3], basis: `regulation ${n}` };
    case 'communicate-decision':
      return { channel: view.consent.email ? 'email' : 'post', basis: `regulation ${n}`, appeal: 'within 90 days' };
    case 'close':
      return {};
    case 'withdraw':
      return { reason: `withdrawn ${n}` };
    case 'reopen':
      return { kind: 're-investigation', reason: `re-investigation ${n}` };
    case 'record-satisfaction':
      return { scores: { easeOfFiling: 1 + (n % 5), interimNotice: 3, proactiveness: 4, courtesy: 5, processingTime: 2, overall: 3 } };
    case 'mark-confidential':
      return { reason: `whistle-blowing ${n}` };
    case 'provide-compensation':
      return { form: 'goods', description: `gift card ${n}`, amount: 10000, currency: 'KRW', providedBy: `staff ${n}` };
    case 'refer-to-training':
      return { subjectId: view.findings?.subjects.find((s) => s.kind === 'employee' && s.substantiated)?.id ?? 'none', programme: `courtesy ${n}` };
    case 'record-training-completed':
      return { subjectId: view.trainingReferrals?.find((r) => r.completedAt === undefined)?.subjectId ?? 'none' };
  }
}
