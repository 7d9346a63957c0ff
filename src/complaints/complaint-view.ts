import { maySeePersonalData, refusal, type Actor } from '../../domain/access.js';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';
import { allowedCommands, complaintOf, lifecycleState } from '../../domain/complaint/decider.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import type { LifecycleState } from '../../domain/complaint/lifecycle.js';
import type { StoredEvent } from '../event-store/index.js';
import type { ComplaintAtRevision } from '../complaint-stream/index.js';

export interface ComplaintView extends Omit<Complaint, 'complainant'> {
  state: LifecycleState;
  revision: number;
  /** What the machine allows now, whoever asks. */
  allowedCommands: ComplaintCommandType[];
  /** Of those, what the asking actor may give. */
  yourCommands: ComplaintCommandType[];
  complainant: Complaint['complainant'] | 'redacted';
}

export function viewComplaint({ state, revision }: ComplaintAtRevision, actor: Actor): ComplaintView {
  const complaint = complaintOf(state)!;
  const allowed = allowedCommands(state);
  return {
    ...complaint,
    complainant: maySeePersonalData(actor, complaint) ? complaint.complainant : 'redacted',
    state: lifecycleState(state),
    revision,
    allowedCommands: allowed,
    yourCommands: allowed.filter((command) => !refusal(actor, command, complaint)),
  };
}

export interface EventView {
  revision: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  commandId: string;
  correlationId: string;
  data: unknown;
}

export function viewEvents(events: StoredEvent[], complaint: Complaint, actor: Actor): EventView[] {
  const personal = maySeePersonalData(actor, complaint);
  return events.map((e) => ({
    revision: e.revision,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.recordedAt,
    actorId: e.metadata.actorId,
    actorRole: e.metadata.actorRole,
    commandId: e.metadata.commandId,
    correlationId: e.metadata.correlationId,
    data: personal ? e.data : redactEvent(e.type as ComplaintEvent['type'], e.data),
  }));
}

function redactEvent(type: ComplaintEvent['type'], data: Record<string, unknown>): Record<string, unknown> {
  return type === 'ComplaintReceived' ? { ...data, complainant: 'redacted' } : data;
}
