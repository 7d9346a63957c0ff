import { refusal, seesPseudonymousKeys, showsEmployeeMeasures, type Actor } from '../../domain/access.js';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';
import { allowedCommands, complaintOf, lifecycleState } from '../../domain/complaint/decider.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { LifecycleState } from '../../domain/complaint/lifecycle.js';
import { redactComplaint, redactEmployeeData, redactEmployeeMeasures, redactEventData, withoutPseudonymousKeys } from '../../domain/complaint/redaction.js';
import type { StoredEvent } from '../event-store/index.js';
import type { ComplaintAtRevision } from '../complaint-stream/index.js';

export interface ComplaintView extends Complaint {
  state: LifecycleState;
  revision: number;
  /** What the machine allows now, whoever asks. */
  allowedCommands: ComplaintCommandType[];
  /** Of those, what the asking actor may give. */
  yourCommands: ComplaintCommandType[];
}

/**
 * The case as `actor` sees it; `personal`: whether its personal data is shown (domain/access.ts,
 * judged on the case as it stands now), else it is redacted; `employeeMeasures`: likewise the measures
 * for employees who caused it (by default judged on the case shown).
 */
export function viewComplaint(
  { state, revision }: ComplaintAtRevision,
  actor: Actor,
  personal: boolean,
  employeeMeasures: boolean = showsEmployeeMeasures(actor, complaintOf(state)!, personal),
): ComplaintView {
  const complaint = complaintOf(state)!;
  const allowed = allowedCommands(state);
  const measured = employeeMeasures ? complaint : redactEmployeeMeasures(complaint);
  const shown = seesPseudonymousKeys(actor) ? measured : withoutPseudonymousKeys(measured);
  return {
    ...(personal ? shown : redactComplaint(shown)),
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

/**
 * The case's events; `personal`, `employeeMeasures`: whether their personal data and the employee
 * measures are shown, else they are redacted; `keys`: whether the receipt's pseudonymous keys are shown.
 */
export function viewEvents(events: StoredEvent[], personal: boolean, employeeMeasures: boolean, keys: boolean): EventView[] {
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
    data: keys || e.type !== 'ComplaintReceived' ? redactedAs(e, personal, employeeMeasures) : withoutPseudonymousKeys(redactedAs(e, personal, employeeMeasures) as object),
  }));
}

function redactedAs(e: StoredEvent, personal: boolean, employeeMeasures: boolean): Record<string, unknown> {
  const data = employeeMeasures ? e.data : redactEmployeeData(e.type, e.data);
  return personal ? data : redactEventData(e.type, data);
}
