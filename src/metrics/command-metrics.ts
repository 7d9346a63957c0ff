import type { NextFunction, Request, Response } from 'express';
import { COMMAND_TYPES } from '../../domain/complaint/commands.js';
import { EVALUATION_COMMAND_TYPES } from '../../domain/evaluation/commands.js';
import { IMPROVEMENT_COMMAND_TYPES } from '../../domain/improvement/commands.js';
import { followCommand } from '../tracing/index.js';
import type { Metrics } from './metrics.js';

/** The command routes: `POST /<aggregate>` creates with the first command, `POST /<aggregate>/<id>/<command>` runs one. */
const AGGREGATES: Readonly<Record<string, { create: string; commands: ReadonlySet<string> }>> = {
  complaints: { create: 'receive', commands: new Set(COMMAND_TYPES) },
  'improvement-requests': { create: 'file', commands: new Set(IMPROVEMENT_COMMAND_TYPES) },
  evaluations: { create: 'draft', commands: new Set(EVALUATION_COMMAND_TYPES) },
};

/**
 * The other writes, each a command of its own record: the complainant's on the portal (an outage there is
 * the public's), the office's on complainants' data, the yearly records, inspections and imports.
 * `*` stands for one path segment (a token, a key, an id, a year). The API description's test checks that
 * every write route of `/openapi.json` is named here or above.
 */
const OTHER_WRITES: readonly (readonly [path: string, aggregate: string, command: string])[] = [
  ['portal/complaints', 'portal', 'file'],
  ['portal/codes', 'portal', 'request-code'],
  ['portal/access', 'portal', 'access'],
  ['portal/cases/*/answers', 'portal', 'answer'],
  ['portal/cases/*/survey', 'portal', 'survey'],
  ['portal/cases/*/withdraw', 'portal', 'withdraw'],
  ['portal/cases/*/amend', 'portal', 'amend'],
  ['follow-up-links', 'follow-up-links', 'issue'],
  ['complainants/*/erasure', 'complainants', 'erase'],
  ['personal-data/retention', 'complainants', 'apply-retention'],
  ['nominations', 'nominations', 'nominate'],
  ['nominations/*/decision', 'nominations', 'decide'],
  ['staff-surveys/*/answers', 'staff-surveys', 'answer'],
  ['reports/repeat-offenders/judgements', 'repeat-offenders', 'judge'],
  ['inspections', 'inspections', 'record'],
  ['imports', 'imports', 'submit'],
];

/** The command a request runs, as bounded labels; undefined for every other request. */
export function commandOf(method: string, path: string): { aggregate: string; command: string } | undefined {
  if (method !== 'POST') return undefined;
  const parts = path.split('/').filter((part) => part !== '');
  const other = OTHER_WRITES.find(([pattern]) => {
    const wanted = pattern.split('/');
    return wanted.length === parts.length && wanted.every((part, i) => part === '*' || part === parts[i]);
  });
  if (other) return { aggregate: other[1], command: other[2] };
  const [aggregate = '', id, command, ...rest] = parts;
  const routes = AGGREGATES[aggregate];
  if (!routes || rest.length > 0 || (id !== undefined && command === undefined)) return undefined;
  if (id === undefined) return { aggregate, command: routes.create };
  return { aggregate, command: routes.commands.has(command!) ? command! : 'unknown' };
}

/**
 * Counts each command by its outcome (`stored`; `repeated`, answered from the command an earlier request
 * with the same Idempotency-Key stored, nothing stored; or the status of the refusal) and times it.
 */
export function commandMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const labels = commandOf(request.method, request.path);
    if (!labels) return next();
    const stop = metrics.commandDuration.startTimer(labels);
    const command = followCommand();
    response.on('finish', () => {
      stop();
      const status = response.statusCode;
      const outcome = status < 200 || status >= 300 ? String(status) : command.repeated() ? 'repeated' : 'stored';
      metrics.commands.inc({ ...labels, outcome });
    });
    command.run(next);
  };
}
