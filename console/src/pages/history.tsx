import { useState } from 'preact/hooks';
import { get, getIfAvailable, getOptional, query } from '../api';
import { calendarInstant } from '../calendar-zone';
import { clauseTitle, cssName, DownloadButtons, ErrorMessage, JsonView, Loading, NotAvailable, Section, StateBadge, shortId, useErrorText, usePageTitle } from '../components';
import { useUi, type Ui } from '../context';
import { downloadCsv, downloadJson } from '../download';
import { EvidenceExport } from '../evidence-export';
import { useLoad } from '../load';
import { href } from '../router';
import { mayExportEvidence, mayReadAccessLog } from '../session';
import { DataTable, type Column } from '../table';
import type { EventView, Json } from '../types';

/** One step of a case's history: the event and, from the replay route, the state around it and its clause. */
export interface Step {
  revision: number;
  type: string;
  occurredAt: string;
  actorId: string;
  actorRole: string;
  clause?: string;
  clauseTitle?: string;
  before?: string;
  after?: string;
  data: Json;
  /** The case as it stood after the event (replay only). */
  caseAfter?: Json;
  /** The fields the event changed (replay only). */
  changed?: string[];
}

/** The case's reference, as its receipt recorded it (`ComplaintReceived.data.reference`). */
function referenceOf(steps: readonly Step[]): string | undefined {
  const data = steps.find((s) => s.type === 'ComplaintReceived')?.data;
  const reference = data !== null && typeof data === 'object' && !Array.isArray(data) ? data.reference : undefined;
  return typeof reference === 'string' ? reference : undefined;
}

/** One line of the case's ISO 10002 checklist (GET /audit/complaints/{id}/trail). */
export interface ChecklistItem {
  clause: string;
  title: string;
  status: 'evidenced' | 'gap' | 'not-applicable' | 'not-yet' | string;
  evidence?: { revision: number; type: string; actorId: string; actorRole: string; occurredAt: string; basis?: string };
  gap?: string;
  reason?: string;
}

interface TrailEvent {
  revision: number;
  type: string;
  clause: string;
  occurredAt: string;
}

interface Trail {
  events: TrailEvent[];
  checklist: ChecklistItem[];
}

interface ReplayStep {
  revision: number;
  type: string;
  clause: string | null;
  clauseTitle: string | null;
  occurredAt: string;
  actorId: string;
  actorRole: string;
  data: Json;
  before: { state: string } | null;
  after: { state: string; complaint: Json };
  changed: string[];
}

/** GET /complaints/{id}/replay (src/audit/case-history.ts `Replay`) as steps. */
export function stepsFromReplay(replay: { steps: ReplayStep[] }): Step[] {
  return replay.steps.map((s) => ({
    revision: s.revision,
    type: s.type,
    occurredAt: s.occurredAt,
    actorId: s.actorId,
    actorRole: s.actorRole,
    ...(s.clause ? { clause: s.clause } : {}),
    ...(s.clauseTitle ? { clauseTitle: s.clauseTitle } : {}),
    ...(s.before ? { before: s.before.state } : {}),
    after: s.after.state,
    data: s.data,
    caseAfter: s.after.complaint,
    changed: s.changed,
  }));
}

type Data = { [key: string]: Json };
const objectOf = (value: Json | undefined): Data | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined);

/**
 * The basis of a checklist line in the page's language, composed from the evidencing event's own data
 * where the server's sentence (projections/iso10002.ts) says only what that data holds: the receipt,
 * the acknowledgement, the initial assessment, the unbroken history. Elsewhere the server's sentence,
 * its codes as labels: it quotes what people wrote (a decision's basis, a note), which stays as written.
 */
export function evidenceBasis(ui: Ui, item: ChecklistItem, dataAt: (revision: number) => Json | undefined, events: readonly TrailEvent[]): string | undefined {
  const { t, tl, date, labels, sentence } = ui;
  const evidence = item.evidence;
  const given = evidence?.basis === undefined ? undefined : sentence(evidence.basis);
  if (!evidence) return given;
  const data = objectOf(dataAt(evidence.revision));
  const text = (key: string) => (typeof data?.[key] === 'string' ? (data[key] as string) : undefined);
  const value = (code: string | undefined) => code && tl('value', code);
  const last = events[events.length - 1];
  if (item.clause === '7.3' && item.status === 'evidenced' && last) return t('history.basis.tracking', { revision: last.revision, at: date(last.occurredAt) });
  if (!data) return given;
  switch (evidence.type) {
    case 'ComplaintReceived': {
      if (item.clause === '7.4') return t('history.basis.unidentified');
      const route = objectOf(data.route);
      const body = typeof route?.body === 'string' ? route.body : undefined;
      const channel = text('channel');
      const category = text('category');
      const receivedAt = text('receivedAt');
      if (!channel || !category || !receivedAt || !route) return given;
      const from = route.kind === 'external' && body ? t('history.basis.forwarded', { body: labels.catalog('body', body) ?? body, reference: String(route.reference ?? '') }) : t('history.basis.internal');
      return t('history.basis.receipt', { channel: value(channel)!, route: from, category: labels.catalog('category', category) ?? category, at: date(receivedAt) });
    }
    case 'ComplaintAcknowledged':
      return text('channel') ? t('history.basis.acknowledged', { channel: value(text('channel'))! }) : given;
    case 'AcknowledgementWithheld':
      return t(text('reason') === 'unidentified' ? 'history.basis.withheldUnidentified' : 'history.basis.withheldNoConsent');
    case 'ComplaintAssessed': {
      if (!text('severity') || !text('priority') || typeof data.safetyIssue !== 'boolean') return given;
      return t('history.basis.assessed', { severity: value(text('severity'))!, safety: t(data.safetyIssue ? 'history.basis.safety' : 'history.basis.noSafety'), priority: value(text('priority'))! });
    }
    default:
      return given;
  }
}

/** An auditor steps through a case's history: state, data and ISO 10002 clause at each step; checklist; export. */
export function HistoryPage({ id }: { id: string }) {
  const ui = useUi();
  const { t, tl, date, sentence } = ui;
  const path = `/complaints/${encodeURIComponent(id)}`;
  const [loaded, reload] = useLoad(async () => {
    const [replay, trail] = await Promise.all([getIfAvailable<{ steps: ReplayStep[] }>(`${path}/replay`), getOptional<Trail>(`/audit/complaints/${encodeURIComponent(id)}/trail`)]);
    let steps: Step[];
    if (replay !== undefined) steps = stepsFromReplay(replay);
    else {
      // Also tells an unknown case (404) from a server without the replay route.
      const { events } = await get<{ events: EventView[] }>(`${path}/events`);
      // The audit trail names each event's clause, where the server has it.
      const clauses = new Map(trail.kind === 'ready' ? trail.value.events.map((e) => [e.revision, e.clause]) : []);
      steps = events.map((e) => ({ ...e, data: e.data as Json, ...(clauses.has(e.revision) ? { clause: clauses.get(e.revision)! } : {}) }));
    }
    return { steps, replayAvailable: replay !== undefined, trail: trail.kind, checklist: trail.kind === 'ready' ? trail.value.checklist : undefined, trailEvents: trail.kind === 'ready' ? trail.value.events : [] };
  }, [id]);
  const [index, setIndex] = useState(0);
  const steps = loaded.status === 'ready' ? loaded.value.steps : [];
  // Named as everywhere else: by its reference (2026-000123), from its receipt, where the store gave one.
  const name = referenceOf(steps) ?? shortId(id);
  usePageTitle(t('history.title', { id: name }));

  const step = steps[Math.min(index, steps.length - 1)];
  const heading = <h1>{t('history.title', { id: name })}</h1>;
  if (loaded.status === 'loading') return <>{heading}<Loading /></>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  const { replayAvailable, checklist, trail, trailEvents } = loaded.value;
  const dataAt = (revision: number): Json | undefined => steps.find((s) => s.revision === revision)?.data;
  const go = (i: number) => setIndex(Math.max(0, Math.min(steps.length - 1, i)));
  const stepText = step ? t('history.stepOf', { n: index + 1, total: steps.length, event: tl('event', step.type) }) : '';

  function exportJson() {
    downloadJson(`complaint-${id}-history.json`, { complaintId: id, exportedAt: new Date().toISOString(), steps, checklist: checklist ?? null });
  }
  function exportCsv() {
    const rows: unknown[][] = [['revision', 'event', 'occurredAt', 'actorId', 'actorRole', 'clause', 'stateBefore', 'stateAfter', 'data']];
    for (const s of steps) rows.push([s.revision, s.type, s.occurredAt, s.actorId, s.actorRole, s.clause ?? '', s.before ?? '', s.after ?? '', s.data]);
    if (checklist) {
      rows.push([]);
      rows.push(['clause', 'title', 'status', 'evidence', 'gap']);
      for (const c of checklist) rows.push([c.clause, c.title, c.status, c.evidence ?? '', c.gap ?? c.reason ?? '']);
    }
    downloadCsv(`complaint-${id}-history.csv`, rows);
  }

  const checklistColumns: Column<ChecklistItem>[] = [
    { label: t('audit.col.clause'), cell: (c) => c.clause },
    { label: t('audit.col.title'), cell: (c) => clauseTitle(tl, c.clause, c.title) },
    { label: t('history.status'), cell: (c) => <span class={`badge check-${cssName(c.status)}`}>{tl('checklist', c.status)}</span> },
    {
      label: t('history.evidence'),
      cell: (c) => {
        // Each part apart: the event that evidences the clause, on what basis, then the gap or the reason, never run together.
        const parts: [string, string][] = [];
        if (c.evidence) {
          parts.push(['evidence-event', `${tl('event', c.evidence.type)} #${c.evidence.revision} · ${date(c.evidence.occurredAt)} · ${t('case.by', { actor: c.evidence.actorId, role: tl('role', c.evidence.actorRole) })}`]);
          const basis = evidenceBasis(ui, c, dataAt, trailEvents);
          if (basis) parts.push(['basis', basis]);
        }
        if (c.gap) parts.push(['gap-text', sentence(c.gap)]);
        if (c.reason) parts.push(['muted', sentence(c.reason)]);
        return (
          <>
            {parts.map(([kind, text], i) => (
              <span key={kind} class={kind}>
                {i > 0 && ' · '}
                {text}
              </span>
            ))}
          </>
        );
      },
    },
  ];

  return (
    <>
      {heading}
      <p class="meta">
        <span class="mono">{id}</span> · <a href={href.case(id)}>{t('case.title', { id: name })}</a>
        {mayReadAccessLog(ui.session) && (
          <>
            {' · '}
            <a href={href.accessLog(id)}>{t('history.accessLog')}</a>
          </>
        )}
      </p>
      {!replayAvailable && (
        <p class="message unavailable" role="note">
          {t('history.replayMissing', { id })}
        </p>
      )}
      {step && (
        <section class="panel stepper" aria-labelledby="step-heading">
          <h2 id="step-heading">{t('history.step')}</h2>
          <div class="step-controls">
            <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
              ← {t('common.previous')}
            </button>
            <label for="step-slider" class="visually-hidden">
              {t('history.step')}
            </label>
            <input id="step-slider" type="range" min={1} max={steps.length} step={1} value={index + 1} aria-valuetext={stepText} onInput={(e) => go(Number(e.currentTarget.value) - 1)} />
            <button type="button" onClick={() => go(index + 1)} disabled={index === steps.length - 1}>
              {t('common.next')} →
            </button>
          </div>
          <p class="step-now" aria-live="polite" aria-atomic="true">
            {stepText}
          </p>
          <dl class="json step-facts">
            <div>
              <dt>{t('history.event')}</dt>
              <dd data-step="event">{tl('event', step.type)}</dd>
            </div>
            <div>
              <dt>{t('history.when')}</dt>
              <dd>{date(step.occurredAt)}</dd>
            </div>
            <div>
              <dt>{t('history.who')}</dt>
              <dd>{t('case.by', { actor: step.actorId, role: tl('role', step.actorRole) })}</dd>
            </div>
            <div>
              <dt>{t('history.state')}</dt>
              <dd data-step="state">
                {step.after ? (
                  <>
                    {step.before && <StateBadge state={step.before} />} {step.before && '→'} <StateBadge state={step.after} />
                  </>
                ) : (
                  t('common.none')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('history.clause')}</dt>
              <dd data-step="clause">{step.clause ? `${step.clause} · ${clauseTitle(tl, step.clause, step.clauseTitle ?? '')}` : t('common.none')}</dd>
            </div>
          </dl>
          <h3>{t('history.data')}</h3>
          <div data-step="data">
            <JsonView value={step.data} />
          </div>
          {step.changed && step.changed.length > 0 && (
            <p>
              {t('history.changed', { fields: step.changed.map((f) => tl('field', f)).join(', ') })}
            </p>
          )}
          {step.caseAfter !== undefined && (
            <details>
              <summary>{t('history.caseAt')}</summary>
              <JsonView value={step.caseAfter} />
            </details>
          )}
        </section>
      )}

      <Section title={t('history.checklist')} id="checklist">
        {checklist === undefined ? (
          trail === 'forbidden' ? (
            <p class="message unavailable" role="note">
              {t('history.checklistNotForRole')}
            </p>
          ) : (
            <NotAvailable route={`GET /audit/complaints/${id}/trail`} />
          )
        ) : (
          <DataTable responsive columns={checklistColumns} rows={checklist} rowKey={(c) => c.clause} rowProps={(c) => ({ 'data-clause': c.clause })} />
        )}
      </Section>

      <Section title={t('history.at')} id="time-travel">
        <TimeTravel id={id} />
      </Section>

      {mayExportEvidence(ui.session) && (
        <Section title={t('evidence.title')} id="evidence-export">
          <EvidenceExport scope={{ complaint: id }} name={id} />
        </Section>
      )}

      <Section title={t('history.viewExport')} id="export">
        <p class="help">{t('history.viewExportHelp')}</p>
        <DownloadButtons csv={exportCsv} json={exportJson} />
      </Section>
    </>
  );
}

/** GET /complaints/{id}/at (src/audit/case-history.ts `CaseAt`): the case as it stood at an instant. */
interface CaseAt {
  state: string;
  revision: number;
  asOf: { instant: string; occurredAt: string; currentRevision: number };
  [key: string]: Json;
}

/** Time travel: the case as it stood at a date and time typed in the calendar's zone (the API logs each one). */
function TimeTravel({ id }: { id: string }) {
  const { t, tl, date } = useUi();
  const errorText = useErrorText();
  const [local, setLocal] = useState('');
  const [answer, setAnswer] = useState<{ status: 'idle' | 'busy' } | { status: 'done'; view: CaseAt } | { status: 'failed'; error: unknown }>({ status: 'idle' });

  async function show(event: Event) {
    event.preventDefault();
    const time = calendarInstant(local);
    if (!time) return;
    setAnswer({ status: 'busy' });
    try {
      setAnswer({ status: 'done', view: await get<CaseAt>(query(`/complaints/${encodeURIComponent(id)}/at`, { time })) });
    } catch (error) {
      setAnswer({ status: 'failed', error });
    }
  }

  return (
    <>
      <form class="filters" onSubmit={show}>
        <div class="field">
          <label for="time-travel-at">{t('history.atField')}</label>
          <input id="time-travel-at" type="datetime-local" step={1} required value={local} onInput={(e) => setLocal(e.currentTarget.value)} aria-describedby="time-travel-help" />
        </div>
        <div class="actions">
          <button type="submit" disabled={answer.status === 'busy'}>
            {t('history.atShow')}
          </button>
        </div>
      </form>
      <p class="help" id="time-travel-help">
        {t('history.atHelp')}
      </p>
      <div aria-live="polite">
        {answer.status === 'busy' && <Loading />}
        {answer.status === 'failed' && (
          <p class="message error" role="alert">
            {errorText(answer.error)}
          </p>
        )}
        {answer.status === 'done' && (
          <>
            <p class="message" data-at="summary">
              {t('history.atSummary', { at: date(answer.view.asOf.instant), state: tl('state', answer.view.state), revision: answer.view.revision, current: answer.view.asOf.currentRevision, last: date(answer.view.asOf.occurredAt) })}
            </p>
            <details>
              <summary>{t('history.atCase')}</summary>
              <JsonView value={answer.view as Json} />
            </details>
          </>
        )}
      </div>
    </>
  );
}
