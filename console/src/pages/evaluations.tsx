import { useRef, useState } from 'preact/hooks';
import { ApiError, cached, get, request } from '../api';
import { CommandButtons, CommandProblem, cssName, ErrorMessage, Loading, Section, Timeline, usePageTitle, useErrorText } from '../components';
import { useUi } from '../context';
import { useLoad } from '../load';
import { previousQuarter, quarterOf } from '../quarter';
import { href, navigate } from '../router';
import { SchemaForm, requestSchemaName, type OpenApi } from '../schema-form';
import { DataTable, type Column } from '../table';
import type { EventView } from '../types';

/** An action of an evaluation (domain/evaluation/evaluation.ts). */
interface Action {
  actionId: string;
  kind: string;
  text: string;
  owner: string;
  dueOn: string;
  status: string;
  updates?: { note: string; at: string }[];
  completion?: { note: string; at: string };
  quarter?: string;
}

/** A row of GET /evaluations. */
interface EvaluationItem {
  quarter: string;
  status: string;
  draftedAt: string;
  signedAt: string | null;
  signedBy: string | null;
  judged: number;
  actions: Action[];
  openActions: number;
}

/** GET /evaluations/{quarter} (src/evaluations/evaluation-view.ts). */
interface EvaluationView {
  quarter: string;
  status: string;
  draftedAt: string;
  revision: number;
  indicators: { code: string; ko: string; en: string }[];
  judgements: Record<string, { rating: string; notes: string; attachments: string[]; judgedAt: string } | undefined>;
  actions: Action[];
  carriedOver: Action[];
  followUp: Action[];
  signature?: { signedBy: string; name: string; role: string; signedAt: string };
  addenda: { text: string; at: string }[];
  evidence: Evidence;
  allowedCommands: string[];
  yourCommands: string[];
}

/** The parts of the evidence the page shows (domain/evaluation/evidence.ts); the report prints it all. */
interface Evidence {
  from: string;
  to: string;
  gatheredAt: string;
  severity: { received: number; urgent: number; bySeverity: Record<string, number> };
  causes: { closed: number; withRootCause: number; completeness: number | null };
  corrective: { filed: number; implementedInQuarter: number; open: number };
  violations: { flaggedRepeatOffenders: number | null; judged: number; unfit: number; personnelMeasures: number; trainingReferrals: number };
  policy: { slaCompliance: number | null; interimNoticeCompliance: number | null; conformity: { cases: number; conforming: { count: number; share: number | null } } };
  monitoring: { inspections: number };
  training: { referred: number; completed: number; employees: number };
  satisfaction: { responses: number; index: number | null };
}

/** One line per indicator the engine has evidence for, as the report gives it. */
function EvidenceSummary({ evidence: e }: { evidence: Evidence }) {
  const { t, tl, date } = useUi();
  const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
  const rows: [string, string][] = [
    ['바', t('evaluation.evidence.severity', { received: e.severity.received, urgent: e.severity.urgent, bySeverity: Object.entries(e.severity.bySeverity).map(([k, v]) => `${tl('value', k)} ${v}`).join(', ') || '—' })],
    ['사', t('evaluation.evidence.causes', { closed: e.causes.closed, withRootCause: e.causes.withRootCause, share: share(e.causes.completeness) })],
    ['아', t('evaluation.evidence.corrective', { filed: e.corrective.filed, implemented: e.corrective.implementedInQuarter, open: e.corrective.open })],
    ['자', t('evaluation.evidence.violations', { flagged: e.violations.flaggedRepeatOffenders ?? '—', judged: e.violations.judged, unfit: e.violations.unfit, referrals: e.violations.trainingReferrals })],
    ['차', t('evaluation.evidence.policy', { sla: share(e.policy.slaCompliance), interim: share(e.policy.interimNoticeCompliance), conforming: share(e.policy.conformity.conforming.share), cases: e.policy.conformity.cases })],
    ['카', t('evaluation.evidence.monitoring', { inspections: e.monitoring.inspections })],
    ['타', t('evaluation.evidence.training', { referred: e.training.referred, completed: e.training.completed, employees: e.training.employees })],
    ['QPSI', t('evaluation.evidence.satisfaction', { responses: e.satisfaction.responses, index: e.satisfaction.index ?? '—' })],
  ];
  return (
    <>
      <p class="meta">{t('evaluation.evidence.gathered', { date: date(e.gatheredAt) })}</p>
      <dl class="evidence">
        {rows.map(([code, text]) => (
          <div key={code} data-evidence={code}>
            <dt>{code}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The quarterly evaluations: drafts and signed ones, with their open actions; the complaints office drafts one. */
export function EvaluationsPage() {
  const ui = useUi();
  const { t, tl, date } = ui;
  const [problem, setProblem] = useState<unknown>();
  const drafting = useRef<string | undefined>(undefined);
  const errorText = useErrorText();
  const [loaded, reload] = useLoad(() => Promise.all([get<{ items: EvaluationItem[] }>('/evaluations'), cached<OpenApi>('/openapi.json')]), []);
  usePageTitle(t('evaluation.listTitle'));
  const heading = <h1>{t('evaluation.listTitle')}</h1>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready') return <>{heading}<Loading /></>;
  const [{ items }, doc] = loaded.value;
  const columns: Column<EvaluationItem>[] = [
    { label: t('evaluation.col.quarter'), cell: (r) => <a href={href.evaluation(r.quarter)}>{r.quarter}</a> },
    { label: t('field.state'), cell: (r) => <span class={`badge state-${cssName(r.status)}`}>{tl('evaluation.status', r.status)}</span> },
    { label: t('evaluation.col.judged'), cell: (r) => `${r.judged} / 12` },
    { label: t('evaluation.col.openActions'), cell: (r) => `${r.openActions} / ${r.actions.length}` },
    { label: t('evaluation.col.signed'), cell: (r) => (r.signedAt ? `${date(r.signedAt)} (${r.signedBy})` : '—') },
  ];

  async function draft(body: Record<string, unknown>) {
    // The API drafts the previous quarter when none is given: the form asks for it, so none is drafted by mistake.
    if (typeof body.quarter !== 'string') throw new ApiError(400, { errors: [{ field: 'quarter', rule: t('evaluation.quarterNeeded') }] });
    drafting.current = body.quarter;
    const answer = await request<EvaluationView>('POST', '/evaluations', { body });
    ui.announce(t('evaluation.drafted', { quarter: answer.data.quarter }));
    navigate(href.evaluation(answer.data.quarter));
  }

  return (
    <>
      {heading}
      <p class="meta">{t('evaluation.intro')}</p>
      {items.length === 0 ? <p>{t('evaluation.empty')}</p> : <DataTable columns={columns} rows={items} rowKey={(r) => r.quarter} rowProps={(r) => ({ 'data-evaluation': r.quarter })} caption={t('evaluation.listTitle')} responsive />}
      {ui.session.roles.includes('complaints-office') && (
        <Section title={t('evaluation.command.draft')} id="draft">
          {problem !== undefined && (
            <p class="message error" role="alert">
              {problem instanceof ApiError && problem.status === 409 && drafting.current ? (
                // An evaluation of that quarter is drafted or signed already: not a case's state.
                <>
                  {t('evaluation.exists', { quarter: drafting.current })} <a href={href.evaluation(drafting.current)}>{t('evaluation.open', { quarter: drafting.current })}</a>
                </>
              ) : (
                errorText(problem)
              )}
            </p>
          )}
          <SchemaForm
            doc={doc}
            schemaName={requestSchemaName(doc, '/evaluations') ?? 'EvaluationDraftBody'}
            formId="form-draft-evaluation"
            submitLabel={t('evaluation.command.draft')}
            options={{}}
            initial={{ quarter: previousQuarter(quarterOf(new Date())) }}
            needed={['EvaluationDraftBody.quarter']}
            hints={{ quarter: t('evaluation.quarterHint') }}
            send={draft}
            onError={setProblem}
          />
        </Section>
      )}
    </>
  );
}

/** Opens the printable report in a new tab: fetched with the user's token, shown from a blob (it holds no script). */
async function openReport(quarter: string): Promise<void> {
  const answer = await request<string>('GET', `/evaluations/${encodeURIComponent(quarter)}/report.html`, { headers: { accept: 'text/html' } });
  const url = URL.createObjectURL(new Blob([answer.data], { type: 'text/html;charset=utf-8' }));
  window.open(url, '_blank', 'noopener');
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One evaluation: its judgements, decisions and actions with their follow-up, the earlier actions it follows up, the commands this user may give. */
export function EvaluationPage({ quarter }: { quarter: string }) {
  const ui = useUi();
  const { t, tl, date, language } = ui;
  const [current, setCurrent] = useState<{ view: EvaluationView; etag: string | null } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [problem, setProblem] = useState<unknown>();
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  const [loaded, reload] = useLoad(async () => {
    const path = `/evaluations/${encodeURIComponent(quarter)}`;
    const [answer, events, doc] = await Promise.all([request<EvaluationView>('GET', path), get<{ events: EventView[] }>(`${path}/events`), cached<OpenApi>('/openapi.json')]);
    setCurrent({ view: answer.data, etag: answer.etag });
    return { events: events.events, doc };
  }, [quarter]);
  const title = t('evaluation.title', { quarter });
  usePageTitle(title);
  if (loaded.status === 'failed') return <><h1>{title}</h1><ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready' || !current) return <><h1>{title}</h1><Loading /></>;
  const { events, doc } = loaded.value;
  const { view, etag } = current;

  async function send(command: string, body: Record<string, unknown>) {
    const answer = await request<EvaluationView>('POST', `/evaluations/${encodeURIComponent(quarter)}/${command}`, { body, ifMatch: etag });
    setCurrent({ view: answer.data, etag: answer.etag });
    setOpen(undefined);
    setProblem(undefined);
    ui.announce(t('evaluation.done', { command: tl('evaluation.command', command) }));
    reload();
    actionsHeading.current?.focus();
  }

  const actionColumns: Column<Action>[] = [
    { label: t('evaluation.col.kind'), cell: (a) => tl('evaluation.kind', a.kind) },
    { label: t('evaluation.col.action'), cell: (a) => a.text },
    { label: t('evaluation.col.owner'), cell: (a) => a.owner },
    { label: t('field.dueOn'), cell: (a) => a.dueOn },
    { label: t('field.state'), cell: (a) => tl('evaluation.actionStatus', a.status) },
    { label: t('evaluation.col.followUp'), cell: (a) => <>{(a.updates ?? []).map((u) => <div key={u.at}>{date(u.at)}: {u.note}</div>)}{a.completion && <div>{date(a.completion.at)}: {a.completion.note}</div>}</> },
    { label: 'ID', cell: (a) => <span class="mono">{a.actionId}</span> },
  ];
  const followUpColumns: Column<Action>[] = [
    { label: t('evaluation.col.quarter'), cell: (a) => <a href={href.evaluation(a.quarter ?? '')}>{a.quarter}</a> },
    { label: t('evaluation.col.action'), cell: (a) => a.text },
    { label: t('evaluation.col.owner'), cell: (a) => a.owner },
    { label: t('field.dueOn'), cell: (a) => a.dueOn },
    { label: t('evaluation.col.atDrafting'), cell: (a) => tl('evaluation.actionStatus', view.carriedOver.find((c) => c.actionId === a.actionId)?.status ?? '') },
    { label: t('evaluation.col.now'), cell: (a) => tl('evaluation.actionStatus', a.status) },
  ];

  return (
    <>
      <h1>
        {title} <span class={`badge state-${cssName(view.status)}`}>{tl('evaluation.status', view.status)}</span>
      </h1>
      <p class="meta">
        {t('evaluation.draftedAt', { date: date(view.draftedAt) })}
        {view.signature && <> · {t('evaluation.signedBy', { name: view.signature.name || view.signature.signedBy, role: tl('role', view.signature.role), date: date(view.signature.signedAt) })}</>}
        {' · '}
        <button type="button" class="link" data-action="report" onClick={() => openReport(quarter).catch(setProblem)}>{t('evaluation.report')}</button>
      </p>
      <section aria-labelledby="actions" class="panel">
        <h2 id="actions" tabIndex={-1} ref={actionsHeading}>{t('case.actions')}</h2>
        <CommandProblem problem={problem} onReload={() => { setProblem(undefined); setOpen(undefined); reload(); }} />
        <CommandButtons
          commands={view.yourCommands}
          open={open}
          label={(command) => tl('evaluation.command', command)}
          onToggle={(command) => {
            setOpen(open === command ? undefined : command);
            setProblem(undefined);
          }}
        />
        {open && (
          <div class="command-form" aria-label={tl('evaluation.command', open)} role="region">
            <h3>{tl('evaluation.command', open)}</h3>
            <SchemaForm
              key={`${open}-${view.revision}`}
              doc={doc}
              schemaName={requestSchemaName(doc, `/evaluations/{quarter}/${open}`) ?? open}
              formId={`form-${open}`}
              submitLabel={t('form.submit', { command: tl('evaluation.command', open) })}
              options={{ actionId: view.actions.filter((a) => a.status !== 'completed').map((a) => ({ value: a.actionId, label: a.text })) }}
              send={(body) => send(open, body)}
              onError={setProblem}
              onCancel={() => setOpen(undefined)}
            />
          </div>
        )}
      </section>
      <Section title={t('evaluation.judgements')} id="judgements">
        <DataTable
          columns={[
            { label: t('evaluation.col.indicator'), cell: (i) => <span><strong>{i.code}</strong> {language === 'ko' ? i.ko : i.en}</span> },
            { label: t('evaluation.col.rating'), cell: (i) => (view.judgements[i.code] ? tl('evaluation.rating', view.judgements[i.code]!.rating) : t('evaluation.notJudged')) },
            { label: t('evaluation.col.notes'), cell: (i) => view.judgements[i.code]?.notes ?? '—' },
          ]}
          rows={view.indicators}
          rowKey={(i) => i.code}
          rowProps={(i) => ({ 'data-indicator': i.code })}
          caption={t('evaluation.judgements')}
          responsive
        />
      </Section>
      <Section title={t('evaluation.actionsTitle')} id="evaluation-actions">
        {view.actions.length === 0 ? <p>{t('common.none')}</p> : <DataTable columns={actionColumns} rows={view.actions} rowKey={(a) => a.actionId} rowProps={(a) => ({ 'data-action-id': a.actionId })} caption={t('evaluation.actionsTitle')} responsive />}
      </Section>
      <Section title={t('evaluation.followUpTitle')} id="follow-up">
        {view.followUp.length === 0 ? <p>{t('common.none')}</p> : <DataTable columns={followUpColumns} rows={view.followUp} rowKey={(a) => `${a.quarter} ${a.actionId}`} caption={t('evaluation.followUpTitle')} responsive />}
      </Section>
      <div class="columns">
        <Section title={t('evaluation.evidence')} id="evidence">
          <EvidenceSummary evidence={view.evidence} />
        </Section>
        <Section title={t('case.timeline')} id="timeline">
          <Timeline events={events} label={(type) => tl('evaluation.event', type)} data={false} />
        </Section>
      </div>
    </>
  );
}
