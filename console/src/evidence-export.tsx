import { useState } from 'preact/hooks';
import { ApiError, breakGlassHeaders, query } from './api';
import { useErrorText } from './components';
import { useUi } from './context';

const FORMATS = ['json', 'csv', 'html', 'zip'] as const;
type Format = (typeof FORMATS)[number];

/** What the export covers: one case (its id or reference) or a quarter (`2026-Q3`), as GET /audit/evidence takes them. */
export type EvidenceScope = { complaint: string } | { quarter: string };

/** The file name the server gave (`Content-Disposition`), else one of ours. */
function fileNameOf(response: Response, fallback: string): string {
  const given = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return given ?? fallback;
}

/**
 * The server's evidence export (GET /audit/evidence, the files of `npm run audit:export`): JSON, CSV,
 * printable HTML or a zip of them all, downloaded with the user's token. The server writes each case
 * exported to the access log; an auditor's reason makes it a break-glass export, with personal data.
 */
export function EvidenceExport({ scope, name }: { scope: EvidenceScope; name: string }) {
  const { t, session, announce } = useUi();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<Format | undefined>();
  const [problem, setProblem] = useState<unknown>();
  const auditor = session.roles.includes('auditor');

  async function download(format: Format) {
    setBusy(format);
    setProblem(undefined);
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${session.token}`, ...breakGlassHeaders(reason.trim() === '' ? undefined : reason.trim()) };
      const response = await fetch(query('/audit/evidence', { ...scope, format }), { headers, cache: 'no-store' });
      if (!response.ok) {
        const text = await response.text();
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          body = { message: text };
        }
        throw new ApiError(response.status, body);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, `evidence-${name}.${format}`);
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
      announce(t('evidence.downloaded', { format: format.toUpperCase() }));
    } catch (error) {
      setProblem(error instanceof ApiError || error instanceof Error ? error : new ApiError(0, { message: 'network' }));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div class="evidence-export">
      <p class="help">{t('evidence.help')}</p>
      {auditor && (
        <div class="field">
          <label for={`evidence-reason-${name}`}>{t('evidence.reason')}</label>
          <input id={`evidence-reason-${name}`} type="text" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby={`evidence-reason-help-${name}`} />
          <p class="help" id={`evidence-reason-help-${name}`}>
            {t('evidence.reasonHelp')}
          </p>
        </div>
      )}
      <div class="actions">
        {FORMATS.map((format) => (
          <button type="button" key={format} data-evidence-format={format} disabled={busy !== undefined} onClick={() => void download(format)}>
            {t(`evidence.${format}`)}
          </button>
        ))}
      </div>
      {problem !== undefined && (
        <p class="message error" role="alert">
          {errorText(problem)}
        </p>
      )}
    </div>
  );
}
