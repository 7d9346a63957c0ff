import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Actor } from '../../domain/access.js';
import type { Catalog } from '../../domain/catalog.js';
import type { AccessLog } from '../audit/index.js';
import type { ComplaintCodec } from '../complaint-stream/index.js';
import type { Clock } from '../config/index.js';
import type { EventStore } from '../event-store/index.js';
import { ImportFailed, type ImportReport } from './import-cases.js';
import { importFile, importSummary, openSource } from './import-file.js';
import type { ImportMapping } from './mapping.js';
import { proposeCatalog, type CatalogProposal } from './propose-catalog.js';

export const IMPORT_JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

/** An import over HTTP as `GET /imports/{id}` shows it. */
export interface ImportJobView {
  id: string;
  state: ImportJobState;
  /** A dry run (`--check`): nothing stored. */
  check: boolean;
  file: { name: string; bytes: number };
  mapping: string;
  submittedBy: { id: string; name: string | null };
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: {
    rowsRead: number;
    imported: number;
    alreadyPresent: number;
    rejected: number;
    bytesRead: number;
    totalBytes: number;
    /** Rows read per second since the job started (over the whole run once it ended). */
    rowsPerSecond: number | null;
    /** Seconds left at the pace so far, while running. */
    etaSeconds: number | null;
  };
  /** When the job ended: the counts (of a failed job, those done before it stopped) and the summary the command line prints. */
  report: ImportReport | null;
  summary: string | null;
  error: string | null;
  /** With `proposeCatalog`: the catalog with entries for the unknown values, and the mapping lines they need. */
  proposedCatalog: CatalogProposal | null;
  /** Where the reject file is downloaded, once the job ended. */
  rejects: string | null;
}

export interface ImportSubmission {
  actor: Actor;
  /** The uploaded CSV, moved into the jobs' folder; removed when the job ends. */
  upload: { path: string; name: string; bytes: number };
  mapping: ImportMapping;
  mappingName: string;
  check: boolean;
  proposeCatalog: boolean;
  correlationId: string;
}

interface Job {
  view: ImportJobView;
  submission: ImportSubmission;
  rejectFile: string;
  startedMs?: number;
  live?: Readonly<ImportReport>;
}

/** Jobs kept for `GET /imports`; beyond it the oldest ended ones are forgotten, with their reject files. */
const KEPT_JOBS = 100;

export interface ImportJobsDependencies {
  store: EventStore;
  codec: ComplaintCodec;
  catalog: Catalog;
  accessLog: AccessLog;
  clock: Clock;
  logger: Logger;
}

/**
 * The imports the service runs (`POST /imports`), one at a time in the order submitted (a job
 * submitted while another runs waits, `queued`), each with the command line's import function.
 * Kept in memory: a restart forgets the jobs and their reject files, not the cases they stored (a
 * job the stop interrupted fails; submitting its file again imports the rest, the cases already
 * stored count as already present). Uploads and reject files live in a temporary folder removed at shutdown.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  private constructor(
    /** Where uploads are written (multer's destination) and reject files kept. */
    readonly folder: string,
    private readonly deps: ImportJobsDependencies,
  ) {}

  static async open(deps: ImportJobsDependencies): Promise<ImportJobs> {
    const folder = await mkdtemp(join(tmpdir(), 'complaint-imports-'));
    await mkdir(join(folder, 'uploads'));
    return new ImportJobs(folder, deps);
  }

  get uploads(): string {
    return join(this.folder, 'uploads');
  }

  submit(submission: ImportSubmission): ImportJobView {
    const id = randomUUID();
    const job: Job = {
      submission,
      rejectFile: join(this.folder, `${id}.rejects.csv`),
      view: {
        id,
        state: 'queued',
        check: submission.check,
        file: { name: submission.upload.name, bytes: submission.upload.bytes },
        mapping: submission.mappingName,
        submittedBy: { id: submission.actor.id, name: submission.actor.name || null },
        submittedAt: this.deps.clock().toISOString(),
        startedAt: null,
        finishedAt: null,
        progress: { rowsRead: 0, imported: 0, alreadyPresent: 0, rejected: 0, bytesRead: 0, totalBytes: submission.upload.bytes, rowsPerSecond: null, etaSeconds: null },
        report: null,
        summary: null,
        error: null,
        proposedCatalog: null,
        rejects: null,
      },
    };
    this.jobs.set(id, job);
    this.forgetOldJobs();
    this.queue = this.queue.then(() => this.run(job));
    return this.view(job);
  }

  /** Newest first. */
  list(): ImportJobView[] {
    return [...this.jobs.values()].reverse().map((job) => this.view(job));
  }

  find(id: string): ImportJobView | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  /** The reject file of an ended job. */
  rejectFileOf(id: string): string | undefined {
    const job = this.jobs.get(id);
    return job?.view.rejects ? job.rejectFile : undefined;
  }

  /** Stops the running job between rows (it fails), fails the queued ones, and removes the folder. */
  async close(): Promise<void> {
    this.stopping.abort(new Error('the service stopped'));
    await this.queue;
    await rm(this.folder, { recursive: true, force: true });
  }

  private view(job: Job): ImportJobView {
    const { view, live, startedMs } = job;
    if (view.state !== 'running' || !live || startedMs === undefined) return structuredClone(view);
    const seconds = (Date.now() - startedMs) / 1000;
    const { bytesRead, totalBytes } = view.progress;
    const bytesPerSecond = seconds > 0 ? bytesRead / seconds : 0;
    return structuredClone({
      ...view,
      progress: {
        ...view.progress,
        rowsRead: live.rows,
        imported: live.imported,
        alreadyPresent: live.alreadyPresent,
        rejected: live.rejected,
        rowsPerSecond: seconds > 0 ? round(live.rows / seconds) : null,
        etaSeconds: bytesPerSecond > 0 ? round(Math.max(0, totalBytes - bytesRead) / bytesPerSecond) : null,
      },
    });
  }

  private async run(job: Job): Promise<void> {
    const { view, submission } = job;
    const { store, codec, catalog, accessLog, clock, logger } = this.deps;
    view.state = 'running';
    view.startedAt = clock().toISOString();
    job.startedMs = Date.now();
    const log = logger.child({ importId: view.id, correlationId: submission.correlationId });
    try {
      this.stopping.signal.throwIfAborted();
      await accessLog.record({
        actor: submission.actor,
        action: 'import',
        complaintId: null,
        personalData: !submission.check,
        detail: { importId: view.id, file: view.file.name, bytes: view.file.bytes, mapping: view.mapping, check: view.check },
        correlationId: submission.correlationId,
      });
      log.info(`import ${view.id}: ${view.file.name} with ${view.mapping}${view.check ? ' (check)' : ''} started`);
      const source = await openSource(submission.upload.path, submission.mapping, view.file.name, view.mapping);
      const report = await importFile({
        source,
        rejectFile: job.rejectFile,
        into: submission.check ? undefined : { store, codec },
        catalog,
        mapping: submission.mapping,
        sourceName: view.file.name,
        now: clock().toISOString(),
        correlationId: submission.correlationId,
        signal: this.stopping.signal,
        onProgress: (report, bytesRead) => {
          job.live = report;
          view.progress.bytesRead = bytesRead;
        },
      });
      this.ended(job, 'done', report);
      if (submission.proposeCatalog) view.proposedCatalog = proposeCatalog(catalog, report.unknown);
      log.info(`import ${view.id}: ${view.summary}`);
    } catch (error) {
      this.ended(job, 'failed', error instanceof ImportFailed ? error.report : undefined);
      view.error = (error as Error).message;
      log.error(`import ${view.id} failed: ${(error as Error).message}`);
    } finally {
      await rm(submission.upload.path, { force: true });
    }
  }

  private ended(job: Job, state: 'done' | 'failed', report: ImportReport | undefined): void {
    const { view } = job;
    const seconds = job.startedMs === undefined ? 0 : (Date.now() - job.startedMs) / 1000;
    view.state = state;
    view.finishedAt = this.deps.clock().toISOString();
    // Without a report the job stopped before the reject file was written.
    if (!report) return;
    view.rejects = `/imports/${view.id}/rejects`;
    view.report = report;
    view.summary = importSummary(report, { check: view.check, file: view.file.name, rejectFile: `GET ${view.rejects}` });
    view.progress = {
      ...view.progress,
      rowsRead: report.rows,
      imported: report.imported,
      alreadyPresent: report.alreadyPresent,
      rejected: report.rejected,
      rowsPerSecond: seconds > 0 ? round(report.rows / seconds) : null,
      etaSeconds: null,
    };
  }

  private forgetOldJobs(): void {
    const ended = [...this.jobs.values()].filter((job) => job.view.state === 'done' || job.view.state === 'failed');
    for (const job of ended.slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) {
      this.jobs.delete(job.view.id);
      void rm(job.rejectFile, { force: true });
    }
  }
}

const round = (value: number): number => Math.round(value * 10) / 10;
