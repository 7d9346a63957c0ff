import cliProgress from 'cli-progress';
import type { ImportReport } from './import-cases.js';

export interface Progress {
  update(report: Readonly<ImportReport>, bytesRead: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar over the bytes of the file, with the running counts; silent without a stream (not a TTY, or --quiet). */
export function importProgress(totalBytes: number, stream: NodeJS.WritableStream | undefined): Progress {
  if (!stream) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'import [{bar}] {percentage}% | {rows} rows: {imported} imported, {alreadyPresent} already present, {rejected} rejected | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, imported: 0, alreadyPresent: 0, rejected: 0 });
  return {
    update: (report, bytesRead) =>
      bar.update(bytesRead, { rows: report.rows, imported: report.imported, alreadyPresent: report.alreadyPresent, rejected: report.rejected }),
    stop: () => bar.stop(),
  };
}
