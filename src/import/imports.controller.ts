import { BadRequestException, Controller, Get, HttpCode, Inject, Injectable, Param, PayloadTooLargeException, Post, Req, Res, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { readFile, rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Observable } from 'rxjs';
import type { Actor } from '../../domain/access.js';
import { AccessLog } from '../audit/index.js';
import { CurrentActor, Roles } from '../auth/nest.js';
import { APP_CONFIG, CATALOG, importsOf, type AppConfig } from '../config/index.js';
import { BadRequest, correlationIdOf, isAcceptableText, NotFound, PayloadTooLarge, StateConflict, UnsupportedMediaType, type FieldError } from '../http/index.js';
import { openSource, readMapping, UnusableSource } from './import-file.js';
import { IMPORT_JOB_STATES, ImportJobs, type ImportJobView } from './import-jobs.js';
import { MappingError } from './mapping.js';
import type { Catalog } from '../../domain/catalog.js';

/** The route of `POST /imports`, which takes a multipart form instead of JSON. */
export const IMPORT_UPLOAD_ROUTE = '/imports';

/** The form's text fields besides the two files. */
const FLAGS = ['check', 'proposeCatalog'] as const;
/** A mapping is a page of JSON: more is not a mapping. */
const MAX_MAPPING_BYTES = 1024 * 1024;

const count = { type: 'integer', minimum: 0 };
const instant = { type: 'string', format: 'date-time', nullable: true };
/** What `GET /imports/{id}` answers (ImportJobView). */
const IMPORT_JOB = {
  type: 'object',
  required: ['id', 'state', 'check', 'file', 'mapping', 'submittedBy', 'submittedAt', 'startedAt', 'finishedAt', 'progress', 'report', 'summary', 'error', 'proposedCatalog', 'rejects'],
  properties: {
    id: { type: 'string' },
    state: { type: 'string', enum: [...IMPORT_JOB_STATES] },
    check: { type: 'boolean', description: 'A dry run: nothing stored' },
    file: { type: 'object', properties: { name: { type: 'string' }, bytes: count } },
    mapping: { type: 'string', description: "The mapping file's name" },
    submittedBy: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string', nullable: true } } },
    submittedAt: { type: 'string', format: 'date-time' },
    startedAt: instant,
    finishedAt: instant,
    progress: {
      type: 'object',
      properties: {
        rowsRead: count,
        imported: count,
        alreadyPresent: count,
        rejected: count,
        bytesRead: count,
        totalBytes: count,
        rowsPerSecond: { type: 'number', nullable: true },
        etaSeconds: { type: 'number', nullable: true, description: 'While running: the time left at the pace so far' },
      },
    },
    report: {
      type: 'object',
      nullable: true,
      description: "When ended: the counts (a failed job's, up to where it stopped): rows, imported, alreadyPresent, rejected, rejectedBy (reason: rows), closed, open, closedWithDueDate, closedOnTime, unknown (values the mapping or catalog lacks)",
      additionalProperties: true,
    },
    summary: { type: 'string', nullable: true, description: 'When ended: what `npm run import` prints' },
    error: { type: 'string', nullable: true, description: 'Why a failed job stopped' },
    proposedCatalog: { type: 'object', nullable: true, description: 'With proposeCatalog: `catalog` with entries for the unknown values, and the `values` lines the mapping needs', additionalProperties: true },
    rejects: { type: 'string', nullable: true, description: 'Once ended: the path of the reject file' },
  },
};

type UploadedFile = { path: string; originalname: string; size: number };
type UploadRequest = Request & { files?: Partial<Record<'file' | 'mapping', UploadedFile[]>> };

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`);

/**
 * Streams the form's two files to the jobs' folder (multer, as Nest wraps it), each at most the
 * configured size (IMPORT_MAX_UPLOAD_MB): a larger one is cut off, removed, and answered 413.
 */
@Injectable()
export class ImportUpload implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly limit: number;

  constructor(@Inject(ImportJobs) jobs: ImportJobs, @Inject(APP_CONFIG) config: AppConfig) {
    this.limit = importsOf(config).maxUploadBytes;
    const Upload = FileFieldsInterceptor([{ name: 'file', maxCount: 1 }, { name: 'mapping', maxCount: 1 }], {
      dest: jobs.uploads,
      // Three: a third file part reaches the check of its name, which says the part it repeats (or that
      // its name is unknown), before the count of files, which could not.
      limits: { fileSize: this.limit, files: 3, fields: FLAGS.length, fieldSize: 16 },
    });
    this.multer = new Upload();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      const { field, code } = ((error as Error).cause ?? {}) as { field?: string; code?: string };
      if (error instanceof PayloadTooLargeException) {
        throw new PayloadTooLarge(`the ${field ?? 'upload'} part is larger than ${sizeText(this.limit)}, the most this service takes (IMPORT_MAX_UPLOAD_MB): split the file, or raise the limit`);
      }
      if (error instanceof BadRequestException) throw new BadRequest([{ field: field ?? 'body', rule: uploadRule(code, field) ?? error.message }]);
      throw error;
    }
  }
}

/** What the form did wrong, in the terms of this form rather than multer's ("Unexpected file field"); undefined for other errors. */
function uploadRule(code: string | undefined, field: string | undefined): string | undefined {
  switch (code) {
    case 'LIMIT_UNEXPECTED_FILE':
      return field === 'file' || field === 'mapping' ? `only one ${field} part is allowed` : 'is not a known part (file, mapping, check, proposeCatalog)';
    default:
      return undefined;
  }
}

/**
 * History imported while the service runs: the import of `npm run import` over HTTP, as a job (see
 * ImportJobs). The mapping is checked against its JSON Schema and the catalog, and the file's header
 * against the mapping, before the job is accepted.
 */
@Controller('imports')
@Roles('complaints-office', 'admin')
export class ImportsController {
  constructor(
    @Inject(ImportJobs) private readonly jobs: ImportJobs,
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
  ) {}

  @ApiOperation({
    summary: 'Import historical cases from a CSV file with a mapping, as a job',
    description:
      'The form (multipart/form-data) of `npm run import`: `file` the CSV export, `mapping` the mapping JSON (mappings/README.md), ' +
      '`check=true` a dry run that stores nothing, `proposeCatalog=true` (with check) catalog entries for the unknown values. ' +
      "Codes are checked against the service's catalog (CATALOG_FILE). One job runs at a time; a job submitted meanwhile waits (`queued`). " +
      'Answered 202 with the job; follow it at `GET /imports/{id}`.',
  })
  @Post()
  @HttpCode(202)
  @UseInterceptors(ImportUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: {
      type: 'object',
      required: ['file', 'mapping'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The CSV export, one row per case, with a header row' },
        mapping: { type: 'string', format: 'binary', description: 'The mapping JSON (mappings/mapping.schema.json)' },
        check: { type: 'string', enum: ['true', 'false'], description: 'A dry run: reports what would be imported and rejected; nothing stored' },
        proposeCatalog: { type: 'string', enum: ['true', 'false'], description: 'With check: the job gives the catalog with entries for the unknown values' },
      },
    },
  })
  @ApiResponse({ status: 202, description: 'The job, queued: `Location` is its address', schema: IMPORT_JOB })
  @ApiResponse({ status: 400, description: 'A part is missing or unknown, or the mapping breaks a rule (`errors` names the file, the JSON path and the rule), or the file lacks a column the mapping reads' })
  @ApiResponse({ status: 413, description: 'A file is larger than IMPORT_MAX_UPLOAD_MB (the mapping: 1 MB)' })
  @ApiResponse({ status: 415, description: 'The body is not `multipart/form-data`' })
  async submit(@Req() request: UploadRequest, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<ImportJobView> {
    const file = request.files?.file?.[0];
    const mapping = request.files?.mapping?.[0];
    let handedOver = false;
    try {
      if (!request.is('multipart/form-data')) throw new UnsupportedMediaType('the body must be a form (Content-Type: multipart/form-data) with the parts file and mapping');
      const { check, proposeCatalog } = flags(request.body as Record<string, unknown> | undefined, file, mapping);
      if (mapping!.size > MAX_MAPPING_BYTES) throw new PayloadTooLarge(`the mapping is larger than ${sizeText(MAX_MAPPING_BYTES)}`);
      const fileName = displayName(file!.originalname, 'upload.csv');
      const mappingName = displayName(mapping!.originalname, 'mapping.json');
      let parsed;
      try {
        parsed = readMapping(await readFile(mapping!.path, 'utf8'), this.catalog, mappingName);
        (await openSource(file!.path, parsed, fileName, mappingName)).close();
      } catch (error) {
        if (error instanceof MappingError) throw new BadRequest(error.problems.map((rule) => ({ field: 'mapping', rule })));
        if (error instanceof UnusableSource) throw new BadRequest([{ field: 'file', rule: error.message }]);
        throw error;
      }
      const job = this.jobs.submit({
        actor,
        upload: { path: file!.path, name: fileName, bytes: file!.size },
        mapping: parsed,
        mappingName,
        check,
        proposeCatalog,
        correlationId: correlationIdOf(request),
      });
      handedOver = true;
      response.location(`/imports/${job.id}`);
      return job;
    } finally {
      await rm(mapping?.path ?? '', { force: true });
      if (!handedOver) await rm(file?.path ?? '', { force: true });
    }
  }

  @ApiOperation({ summary: 'The imports this service ran since it started, newest first' })
  @Get()
  @ApiResponse({ status: 200, description: 'The jobs kept (the last 100), newest first', schema: { type: 'object', required: ['jobs'], properties: { jobs: { type: 'array', items: IMPORT_JOB } } } })
  list(): { jobs: ImportJobView[] } {
    return { jobs: this.jobs.list() };
  }

  @ApiOperation({ summary: "An import's state, progress (rows read, imported, rejected, rows/s, ETA) and, when done, its summary" })
  @Get(':id')
  @ApiResponse({ status: 200, description: 'The job: `state` queued, running, done or failed; `progress`; when ended `report`, `summary` (as `npm run import` prints it) and `rejects`', schema: IMPORT_JOB })
  find(@Param('id') id: string): ImportJobView {
    const job = this.jobs.find(id);
    if (!job) throw new NotFound(`no import ${id.slice(0, 64)} (jobs are kept in memory: a restart forgets them)`);
    return job;
  }

  @ApiOperation({ summary: "An ended import's reject file: row, line, reason, detail, then the original cells (personal data: the complaints office only)" })
  @Get(':id/rejects')
  // The rejected rows hold the source's cells, personal data, which admins never read ("Who sees what").
  @Roles('complaints-office')
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'The reject file (CSV), as an attachment', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 409, description: 'The job has not ended yet (or stopped before reading the file): `state` says where it is' })
  async rejects(@Param('id') id: string, @CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const job = this.find(id);
    const path = this.jobs.rejectFileOf(id);
    if (!path) throw new StateConflict(`the reject file of import ${id} is there once the job has read its file (state ${job.state})`, job.state, []);
    await this.accessLog.record({ actor, action: 'export', complaintId: null, personalData: true, detail: { importId: id, route: `GET /imports/${id}/rejects` }, correlationId: correlationIdOf(request) });
    response.attachment(`${basename(job.file.name, extname(job.file.name))}.rejects.csv`);
    response.type('text/csv; charset=utf-8');
    response.send(await readFile(path));
  }
}

/** The form's flags; every other text field, and a missing file, refused. */
function flags(body: Record<string, unknown> | undefined, file: UploadedFile | undefined, mapping: UploadedFile | undefined): { check: boolean; proposeCatalog: boolean } {
  const errors: FieldError[] = [];
  if (!file) errors.push({ field: 'file', rule: 'is required: the CSV file, as a file part' });
  if (!mapping) errors.push({ field: 'mapping', rule: 'is required: the mapping JSON, as a file part' });
  for (const field of Object.keys(body ?? {})) if (!(FLAGS as readonly string[]).includes(field)) errors.push({ field, rule: 'is not a known field (file, mapping, check, proposeCatalog)' });
  const flag = (name: (typeof FLAGS)[number]): boolean => {
    const value = body?.[name];
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    errors.push({ field: name, rule: 'must be true or false' });
    return false;
  };
  const check = flag('check');
  const proposeCatalog = flag('proposeCatalog');
  if (proposeCatalog && !check) errors.push({ field: 'proposeCatalog', rule: 'goes with check=true' });
  if (errors.length > 0) throw new BadRequest(errors);
  return { check, proposeCatalog };
}

/** The uploaded file's own name, as the events' actor (`import:<name>`) and the messages give it. */
function displayName(name: string, fallback: string): string {
  const base = basename(name).slice(0, 200);
  return base !== '' && isAcceptableText(base) ? base : fallback;
}
