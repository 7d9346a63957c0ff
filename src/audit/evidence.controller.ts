import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { strToU8, zipSync } from 'fflate';
import { DateTime } from 'luxon';
import type { Actor } from '../../domain/access.js';
import { parseQuarter } from '../../projections/iso10002.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { COMPLAINT_CODEC, type ComplaintCodec } from '../complaint-stream/index.js';
import { APP_CONFIG, calendarOf, CLOCK, type AppConfig, type Clock } from '../config/index.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { accessReason, BadRequest, isId, NotFound, queryParameters, TakesAccessReason, type FieldError } from '../http/index.js';
import { quarterParameter } from '../reports/index.js';
import { AccessLog } from './access-log.js';
import { CaseNotFound, caseFileName, memoryFiles, writeEvidenceExport, type ExportScope } from './export/write-export.js';
import { markAccessLogged } from './personal-data-reads.js';

const FORMATS = ['json', 'csv', 'html', 'zip'] as const;
type Format = (typeof FORMATS)[number];

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  zip: 'application/zip',
};

/**
 * The evidence export of `npm run audit:export` over HTTP: one case, one improvement request or a
 * quarter, as JSON, CSV (the timeline, or the period's summary), printable HTML, or a zip of every
 * file the command line writes. Personal data as in the API (an auditor's `X-Access-Reason` for a
 * break-glass export); every case exported is written to the access log.
 */
@Controller('audit/evidence')
export class EvidenceController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(COMPLAINT_CODEC) private readonly codec: ComplaintCodec,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'Evidence export of a case, an improvement request or a quarter (JSON, CSV, HTML or zip)' })
  @Get()
  @Roles('auditor', 'complaints-office')
  @ApiQuery({ name: 'complaint', required: false, description: 'A complaint id or its reference, 2026-000123 (give one of complaint, request, quarter)' })
  @ApiQuery({ name: 'request', required: false, description: 'An improvement request id' })
  @ApiQuery({ name: 'quarter', required: false, description: 'A quarter such as 2026-Q3: the cases received and the requests filed in it' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS, description: 'json (default), csv, html or zip (every file, as `npm run audit:export` writes them)' })
  @TakesAccessReason()
  @ApiProduces(...Object.values(CONTENT_TYPES))
  @ApiResponse({ status: 200, description: 'The export; csv and zip as attachments' })
  async export(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { scope, format, name } = exportQuery(query);
    const reason = accessReason(request, actor);
    const files = memoryFiles(`HTTP ${request.method} ${request.originalUrl}`.slice(0, 500));
    const now = this.clock();
    let manifest;
    try {
      // A HEAD is answered without the export: nothing was shown, nothing is logged.
      const log = request.method === 'HEAD' ? { recordAll: async () => undefined } : this.accessLog;
      manifest = await writeEvidenceExport(this.store, this.codec, log, this.config, { scope, actor, reason }, files, now);
    } catch (error) {
      if (error instanceof CaseNotFound) throw new NotFound(error.message);
      throw error;
    }
    markAccessLogged(request);
    // A case given by its reference is filed under its id.
    const exported = 'complaintId' in scope ? manifest.cases[0]! : name;
    const file = 'quarter' in scope ? `summary.${format}` : `${'complaintId' in scope ? 'cases' : 'requests'}/${caseFileName(exported)}.${format}`;
    const body =
      format === 'zip'
        ? Buffer.from(
            zipSync(Object.fromEntries([...files.files].map(([path, content]) => [`${name}/${path}`, strToU8(content)])), { mtime: zipEntryTime(now, calendarOf(this.config).timeZone) }),
          )
        : (files.files.get(format === 'html' && 'quarter' in scope ? 'index.html' : file) ?? '');
    response.status(200).type(CONTENT_TYPES[format]);
    if (format === 'csv' || format === 'zip') response.attachment(`evidence-${name}.${format}`);
    response.send(body);
  }
}

/**
 * A zip entry's time is a DOS local time, without a zone, which fflate takes from the process's own zone
 * (UTC on a server: an export at 12:28 in Seoul listed 03:28). The date that reads, in the process's
 * zone, the wall-clock time of the working calendar's zone, as the rest of the export shows times.
 */
export function zipEntryTime(at: Date, timeZone: string): Date {
  const wall = DateTime.fromJSDate(at).setZone(timeZone);
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

function exportQuery(query: Record<string, unknown>): { scope: ExportScope; format: Format; name: string } {
  const errors: FieldError[] = [];
  const { complaint, request, quarter, format = 'json' } = queryParameters(query, ['complaint', 'request', 'quarter', 'format'], errors);
  const given = [complaint, request, quarter].filter((value) => value !== undefined).length;
  if (given !== 1) errors.push({ field: 'complaint', rule: 'give one of complaint, request or quarter' });
  if (complaint !== undefined && !isId(complaint)) errors.push({ field: 'complaint', rule: 'must be a complaint id: 1 to 64 letters, digits or dashes' });
  if (request !== undefined && !isId(request)) errors.push({ field: 'request', rule: 'must be an improvement request id: 1 to 64 letters, digits or dashes' });
  const quarterText = quarter === undefined ? undefined : quarterParameter(quarter, errors);
  if (!(FORMATS as readonly string[]).includes(format)) errors.push({ field: 'format', rule: `must be one of: ${FORMATS.join(', ')}` });
  if (errors.length > 0) throw new BadRequest(errors);
  const scope: ExportScope =
    complaint !== undefined ? { complaintId: complaint } : request !== undefined ? { requestId: request } : { quarter: parseQuarter(quarterText!)! };
  return { scope, format: format as Format, name: complaint ?? request ?? quarterText! };
}
