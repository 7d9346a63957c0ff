import { useState } from 'preact/hooks';
import { ApiError, get, getOptional, query } from '../api';
import { clauseTitle, ErrorMessage, JsonView, Loading, NotAvailable, Section, useErrorText, usePageTitle } from '../components';
import { PeriodFilter } from '../period-field';
import { EvidenceExport } from '../evidence-export';
import { mayAudit, mayExportEvidence, mayReadAccessLog, mayReadConformity, mayVerifyChain } from '../session';
import { useUi } from '../context';
import { useLoad } from '../load';
import { recentQuarters } from '../quarter';
import { href } from '../router';
import { DataTable, type Column } from '../table';
import type { Json } from '../types';

type Raw = Record<string, unknown>;

/** GET /audit/conformity?quarter= (projections/iso10002.ts `Conformity`). */
interface Conformity {
  quarter: string;
  population?: string;
  cases: number;
  conforming: { count: number; share: number | null };
  clauses: { clause: string; title: string; applicable: number; evidenced: number; gaps: number; notApplicable: number; notYet: number; share: number | null }[];
  satisfactionSurveyed: { count: number; share: number | null };
  /** Cases with at least one gap (older servers: absent). */
  withGaps?: { count: number; share: number | null };
}

/** The auditor's desk: verify the hash chain, conformity per clause for a quarter, and the cases to step through. */
export function AuditPage() {
  const ui = useUi();
  const { t } = ui;
  const errorText = useErrorText();
  const quarters = recentQuarters(new Date(), 8);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [verify, setVerify] = useState<{ status: 'idle' | 'busy' } | { status: 'done'; body: Raw } | { status: 'missing' | 'forbidden' } | { status: 'failed'; error: unknown }>({ status: 'idle' });
  // Only the tools the role may use are offered (src/audit, src/reports: their @Roles).
  const mayVerify = mayVerifyChain(ui.session);
  const mayConform = mayReadConformity(ui.session);
  const [conformity, reload] = useLoad(
    async () => (mayConform ? getOptional<Conformity>(query('/audit/conformity', { quarter })) : ({ kind: 'forbidden' } as const)),
    [quarter, mayConform],
  );
  usePageTitle(t('audit.title'));

  async function runVerify() {
    setVerify({ status: 'busy' });
    try {
      const body = await get<Raw>('/audit/verify');
      setVerify({ status: 'done', body });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setVerify({ status: 'missing' });
      else if (error instanceof ApiError && error.status === 403) setVerify({ status: 'forbidden' });
      else setVerify({ status: 'failed', error });
    }
  }

  function verifyText(body: Raw): string {
    if (body.ok === true) return t('audit.verifyOk', { count: Number(body.events ?? 0) });
    const first = body.firstMismatch as { message?: string; streamId?: string; revision?: number } | undefined;
    return t('audit.verifyBroken', { at: first ? [first.message, first.streamId, first.revision === undefined ? undefined : `#${first.revision}`].filter(Boolean).join(' · ') : '?' });
  }

  return (
    <>
      <h1>{t('audit.title')}</h1>
      {!mayAudit(ui.session) && <p class="message unavailable" role="note">{t('audit.noTools')}</p>}
      {mayVerify && (
        <Section title={t('audit.verify')} id="verify">
          <p class="help">{t('audit.verifyHelp')}</p>
          <button type="button" onClick={runVerify} disabled={verify.status === 'busy'} aria-describedby="verify-result">
            {t('audit.verify')}
          </button>
          <div id="verify-result" aria-live="polite">
            {verify.status === 'busy' && <Loading />}
            {verify.status === 'missing' && <NotAvailable route="GET /audit/verify" />}
            {verify.status === 'forbidden' && <p class="message unavailable" role="note">{t('audit.verifyNotForRole')}</p>}
            {verify.status === 'failed' && <p class="message error">{errorText(verify.error)}</p>}
            {verify.status === 'done' && (
              <>
                <p class="message">{verifyText(verify.body)}</p>
                <details>
                  <summary>{t('audit.verifyReport')}</summary>
                  <JsonView value={verify.body as Json} />
                </details>
              </>
            )}
          </div>
        </Section>
      )}

      {mayConform && (
        <Section title={t('audit.conformity')} id="conformity">
          <PeriodFilter id="conformity-quarter" kind="quarter" label={t('audit.quarter')} value={quarter} onChange={setQuarter} recent={quarters} />
          {conformity.status === 'loading' && <Loading />}
          {conformity.status === 'failed' && <ErrorMessage error={conformity.error} onRetry={reload} />}
          {conformity.status === 'ready' && conformity.value.kind === 'missing' && <NotAvailable route="GET /audit/conformity" />}
          {conformity.status === 'ready' && conformity.value.kind === 'forbidden' && <p class="message unavailable" role="note">{t('audit.conformityNotForRole')}</p>}
          {conformity.status === 'ready' && conformity.value.kind === 'ready' && <ConformityTable conformity={conformity.value.value} />}
        </Section>
      )}
      {mayExportEvidence(ui.session) && (
        <Section title={t('evidence.titleQuarter')} id="evidence-export">
          <PeriodFilter id="evidence-quarter" kind="quarter" label={t('audit.quarter')} value={quarter} onChange={setQuarter} recent={quarters} />
          <EvidenceExport key={quarter} scope={{ quarter }} name={quarter} />
        </Section>
      )}
      <p>
        <a href={href.cases()}>{t('nav.cases')}</a>
        {mayReadAccessLog(ui.session) && (
          <>
            {' · '}
            <a href={href.accessLog()}>{t('accessLog.title')}</a>
          </>
        )}
      </p>
    </>
  );
}

function ConformityTable({ conformity }: { conformity: Conformity }) {
  const { t, tl, number } = useUi();
  const percent = (share: number | null) => (share === null ? t('common.none') : number(share, { style: 'percent', maximumFractionDigits: 1 }));
  const columns: Column<Conformity['clauses'][number]>[] = [
    { label: t('audit.col.clause'), cell: (r) => r.clause },
    { label: t('audit.col.title'), cell: (r) => clauseTitle(tl, r.clause, r.title) },
    { label: t('audit.col.share'), cell: (r) => percent(r.share) },
    { label: t('audit.col.evidenced'), cell: (r) => `${r.evidenced} / ${r.applicable}` },
    { label: t('audit.col.gaps'), cell: (r) => r.gaps },
  ];
  return (
    <>
      <p>
        {t('audit.summary', {
          cases: conformity.cases,
          conforming: conformity.conforming.count,
          share: percent(conformity.conforming.share),
          withGaps: conformity.withGaps?.count ?? conformity.cases - conformity.conforming.count,
          surveyed: conformity.satisfactionSurveyed.count,
        })}
      </p>
      <DataTable responsive caption={t('audit.conformity')} columns={columns} rows={conformity.clauses} rowKey={(r) => r.clause} rowProps={(r) => ({ 'data-clause': r.clause })} />
    </>
  );
}
