import type { OpenAPIObject } from '@nestjs/swagger';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';

const PORTAL = 'The complainant sees this on the complaint portal (`GET /portal/cases/{token}`)';
const ONCE_TOLD = `${PORTAL} once the decision is communicated`;

/**
 * What staff write that the complainant reads on the portal (src/portal/portal-view.ts shows it), and
 * the texts one might expect there that it never shows, by the command and its body's schema: each field
 * is documented as such in the API description, so whoever writes it knows who will read it.
 */
export const SEEN_ON_THE_PORTAL: readonly { command: ComplaintCommandType; schema: string; fields: Readonly<Record<string, string>> }[] = [
  {
    command: 'receive',
    schema: 'ReceiveBody',
    fields: {
      description: `${PORTAL}, as the complaint as recorded (\`descriptionBy\` \`staff\`), and may change it there before a decision.`,
      attachments: `${PORTAL}, with the complaint.`,
    },
  },
  {
    command: 'assess',
    schema: 'AssessBody',
    fields: {
      exclusion: `${PORTAL}: the ground on which the case was excluded (\`exclusion\`).`,
      note: 'Never shown on the complaint portal.',
    },
  },
  {
    command: 'request-information',
    schema: 'RequestInformationBody',
    fields: {
      request: `With \`addressee\` \`complainant\`: ${PORTAL}, and answers it there.`,
      dueAt: `With \`addressee\` \`complainant\`: ${PORTAL}.`,
    },
  },
  {
    command: 'receive-information',
    schema: 'ReceiveInformationBody',
    fields: {
      summary:
        'Never shown on the complaint portal when recorded by staff: for a request addressed to the complainant, the portal shows only that and when it was answered (`answeredBy` `staff`). ' +
        'An answer the complainant gives on the portal is shown to them as theirs.',
    },
  },
  {
    command: 'send-interim-notice',
    schema: 'SendInterimNoticeBody',
    fields: { progress: `${PORTAL}.`, delayReason: `${PORTAL}.`, expectedBy: `${PORTAL}, beside the case's due date, until the case is decided.` },
  },
  {
    command: 'amend',
    schema: 'AmendBody',
    fields: {
      description: `${PORTAL} in place of what they wrote, as the complaint as recorded (\`descriptionBy\` \`staff\`), and may change it there before a decision.`,
    },
  },
  {
    command: 'request-supplement',
    schema: 'RequestSupplementBody',
    fields: { request: `${PORTAL} until they answer it by changing the complaint.`, note: 'Never shown on the complaint portal.' },
  },
  {
    command: 'decide',
    schema: 'DecideBody',
    fields: {
      outcome: `${ONCE_TOLD}.`,
      remedy: `${ONCE_TOLD}.`,
      basis: 'Never shown on the complaint portal: the complainant reads the basis given with `communicate-decision`.',
    },
  },
  {
    command: 'decide',
    schema: 'CompensationBody',
    fields: { amount: `${ONCE_TOLD}.`, currency: `${ONCE_TOLD}.`, form: `${ONCE_TOLD}.`, description: `${ONCE_TOLD}.` },
  },
  {
    command: 'communicate-decision',
    schema: 'CommunicateDecisionBody',
    fields: { basis: `${PORTAL}.`, appeal: `${PORTAL}.` },
  },
  {
    command: 'provide-compensation',
    schema: 'ProvideCompensationBody',
    fields: {
      form: `${PORTAL}, as handed over.`,
      description: `${PORTAL}, as handed over.`,
      amount: `${PORTAL}, as handed over.`,
      currency: `${PORTAL}, as handed over.`,
      providedAt: `${PORTAL}, as handed over.`,
      providedBy: 'Never shown on the complaint portal.',
    },
  },
  {
    command: 'close',
    schema: 'CloseBody',
    fields: {
      reason: `${PORTAL}: \`complainant-unreachable\` as closed because they could not be reached (\`stage\` \`closed-unreachable\`).`,
      note: 'Never shown on the complaint portal.',
    },
  },
];

type Schema = { properties?: Record<string, { description?: string }> };
type Operation = { description?: string };

/** Documents, on each staff command's body and route, what of it the complainant reads on the portal ({@link SEEN_ON_THE_PORTAL}). */
export function documentWhatThePortalShows(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const shown = new Map<ComplaintCommandType, string[]>();
  for (const { command, schema, fields } of SEEN_ON_THE_PORTAL) {
    for (const [field, description] of Object.entries(fields)) {
      const property = schemas[schema]?.properties?.[field];
      if (!property) continue;
      property.description = property.description ? `${property.description} ${description}` : description;
      if (!description.startsWith('Never')) shown.set(command, [...(shown.get(command) ?? []), schema === 'CompensationBody' ? `compensation.${field}` : field]);
    }
  }
  for (const [command, fields] of shown) {
    const operation = (command === 'receive' ? document.paths['/complaints']?.post : document.paths[`/complaints/{id}/${command}`]?.post) as Operation | undefined;
    if (!operation) continue;
    const note = `The complainant reads ${fields.map((f) => `\`${f}\``).join(', ')} on the complaint portal: see each field.`;
    operation.description = operation.description ? `${operation.description} ${note}` : note;
  }
}
