import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, breakGlassHeaders, cached, get, request } from '../api';
import { CommandButtons, CommandProblem, ErrorMessage, hiddenAs, JsonView, Loading, Section, SlaBadge, StateBadge, Timeline, useErrorText, usePageTitle } from '../components';
import { useUi, type Ui } from '../context';
import { useLoad } from '../load';
import { href } from '../router';
import { formDrafts } from '../drafts';
import { isStaff } from '../session';
import { departmentOf, useDepartmentHandlers } from '../handlers';
import { SchemaForm, requestSchemaName, type OpenApi, type Options, type Value } from '../schema-form';
import { loadSlaOf } from '../sla';
import type { Catalog, ComplaintView, EventView, Json } from '../types';
import { ComplaintImprovements } from './improvements';

interface Loaded {
  view: ComplaintView;
  etag: string | null;
}

/** Shown in this order at the top of the details; everything else the API returns follows. */
const MAIN_FIELDS = ['category', 'channel', 'route', 'receivedAt', 'department', 'cooperatingDepartments', 'handler', 'description', 'remedySought', 'attachments', 'complainant', 'unidentified', 'consent', 'vulnerable', 'subjects'];
const NOT_DETAILS = new Set(['id', 'state', 'revision', 'allowedCommands', 'yourCommands', 'confidential', ...MAIN_FIELDS]);

export function formOptions(ui: Ui, catalog: Catalog | undefined, view: ComplaintView | undefined): Options {
  if (!catalog) return {};
  const departments = catalog.departments.map((d) => ({ value: d.code, label: ui.name(d.name, d.code) }));
  return {
    department: departments,
    category: catalog.categories.map((c) => ({ value: c.code, label: ui.name(c.name, c.code) })),
    'route.body': catalog.routes.externalBodies.map((b) => ({ value: b.code, label: ui.name(b.name, b.code) })),
    // Joint handling: any department may cooperate; a contribution is one of the case's cooperating departments'.
    cooperatingDepartments: departments,
    'RecordContributionBody.department': departments.filter((d) => view?.cooperatingDepartments?.includes(d.value)),
    // A department head names a handler within the department; moving the case elsewhere is for the complaints office (domain/access.ts).
    'ReassignBody.department': ui.session.roles.includes('complaints-office') ? departments : departments.filter((d) => d.value === ui.session.department),
    // Closed as resolved once the decision was told; before that only as complainant-unreachable (after the deadline): the clerk
    // chooses, the form's hint says which applies (closeHint), and the API says why a close cannot be given yet.
    'CloseBody.reason': ['resolved', 'complainant-unreachable'].map((r) => ({ value: r, label: ui.tl('value', r) })),
    // "The same reason" of the repeat-offender rule, from the catalog's list.
    'SubjectFindingBody.reason': (catalog.findingReasons ?? []).map((r) => ({ value: r.code, label: ui.name(r.name, r.code) })),
    'CompensationBody.trigger': (catalog.compensationPolicy?.triggers ?? []).map((t) => ({ value: t.code, label: `${ui.name(t.name, t.code)} (${ui.number(t.value)} ${t.currency})` })),
    // CS training: an employee the findings substantiate; its completion, one referred and not done yet.
    'ReferToTrainingBody.subjectId': (view?.findings?.subjects ?? []).filter((s) => s.kind === 'employee' && s.substantiated).map((s) => ({ value: s.id, label: s.id })),
    'RecordTrainingCompletedBody.subjectId': (view?.trainingReferrals ?? []).filter((r) => !r.completedAt).map((r) => ({ value: r.subjectId, label: `${r.subjectId}: ${r.programme}` })),
    requestId: (view?.informationRequests ?? [])
      .filter((r) => !r.receivedAt)
      .map((r) => ({ value: r.requestId, label: `${ui.name(catalog.departments.find((d) => d.code === r.department)?.name, r.department)}: ${r.request}${r.dueAt ? ` (${ui.date(r.dueAt)})` : ''}` })),
  };
}

/** The bodies that name a notice's channel: each channel needs the complainant's consent and a contact for it (domain/complaint/decider.ts assertCanNotify). */
const NOTICE_BODIES = ['AcknowledgeBody', 'SendInterimNoticeBody', 'RequestSupplementBody', 'CommunicateDecisionBody'];
const NEEDS_CONSENT: Record<string, 'sms' | 'email' | 'phone'> = { sms: 'sms', email: 'email', phone: 'phone' };
const NEEDS_CONTACT: Record<string, 'phone' | 'email' | 'address'> = { sms: 'phone', phone: 'phone', email: 'email', post: 'address' };

/**
 * The notice channels offered: SMS, e-mail and phone only where the case's consent says yes, and those
 * and post only where the complainant left the contact they need; in person and the homepage always. A
 * contact the reader may not see (redacted) counts as left: the API judges it.
 */
export function consentedChannels(ui: Ui, doc: OpenApi, view: ComplaintView): Options {
  const consent = view.consent;
  if (consent === null || typeof consent !== 'object') return {};
  const given = consent as Record<string, unknown>;
  const complainant = (typeof view.complainant === 'object' && view.complainant !== null ? view.complainant : {}) as Record<string, unknown>;
  const shown = hiddenAs(view.complainant) === undefined;
  const left = (contact: string) => !shown || (typeof complainant[contact] === 'string' && complainant[contact] !== '');
  const options: Options = {};
  for (const body of NOTICE_BODIES) {
    const channels = doc.components?.schemas?.[body]?.properties?.channel?.enum;
    if (!channels) continue;
    options[`${body}.channel`] = channels
      .filter((c) => (NEEDS_CONSENT[c] === undefined || given[NEEDS_CONSENT[c]] === true) && (NEEDS_CONTACT[c] === undefined || left(NEEDS_CONTACT[c])))
      .map((c) => ({ value: c, label: ui.tl('value', c) }));
  }
  return options;
}

/** Whether this user may approve an exception to the compensation policy (GET /catalog `compensationPolicy.exceptionApprovers`). */
const mayApproveException = (ui: Ui, catalog: Catalog) => (catalog.compensationPolicy?.exceptionApprovers ?? []).some((role) => ui.session.roles.includes(role));

/**
 * The fields a user's role may not fill: an exception to the compensation policy but for its approvers;
 * cooperating departments but for the complaints office, which alone routes joint handling (domain/access.ts).
 */
function omittedFields(ui: Ui, catalog: Catalog): string[] {
  return [...(mayApproveException(ui, catalog) ? [] : ['CompensationBody.exception']), ...(ui.session.roles.includes('complaints-office') ? [] : ['ReassignBody.cooperatingDepartments'])];
}

/** What a command's form starts with: communicating a decision tells its basis, the decision's. */
function initialOf(ui: Ui, command: string, view: ComplaintView): Record<string, unknown> | undefined {
  const basis = (view.decision as { basis?: unknown } | undefined)?.basis;
  if (command === 'communicate-decision' && typeof basis === 'string') return { basis };
  // A head's reassignment stays in the department: it starts there, with the case's handler, so that sending it
  // without touching the handler does not take the case from them (left empty, the case has none).
  if (command === 'reassign' && !ui.session.roles.includes('complaints-office') && ui.session.department) {
    return { department: ui.session.department, ...(view.handler && view.department === ui.session.department ? { handler: view.handler } : {}) };
  }
  return undefined;
}

/**
 * The commands that end the case for good (only the complaints office can reopen it): closing,
 * withdrawing, and an initial assessment that excludes the case. The page asks once more before it sends one.
 */
export function finalStep(command: string, body: Record<string, unknown>): 'close' | 'withdraw' | 'exclude' | undefined {
  if (command === 'close') return 'close';
  if (command === 'withdraw') return 'withdraw';
  if (command === 'assess' && typeof body.exclusion === 'string' && body.exclusion !== '') return 'exclude';
  return undefined;
}

/** The hints of a command's form, by field: an exclusion at assessment is final; a close before the decision was told says what comes first. */
function hintsOf(ui: Ui, command: string, view: ComplaintView): Record<string, string> {
  if (command === 'assess') return { exclusion: ui.t('case.assess.exclusionHint') };
  if (command === 'close' && !view.decisionCommunicated) return { reason: ui.t(view.decision ? 'case.close.communicateFirst' : 'case.close.beforeDecision') };
  return {};
}

/** One case: its data, its timeline, and a button for each command the API says this user may give now. */
export function CasePage({ id }: { id: string }) {
  const ui = useUi();
  const { t, tl } = ui;
  const [current, setCurrent] = useState<Loaded | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  /** What the last command got instead of an answer: a stale edit (412) or another failure, with a reload. */
  const [problem, setProblem] = useState<unknown>();
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  /** What was typed in each command's form: kept when a reload (after someone else's change) remounts it, and across a refresh or signing in again. */
  const drafts = {
    get: (command: string) => formDrafts.get(ui.session.id, id, command) as Value | undefined,
    set: (command: string, value: Value) => formDrafts.set(ui.session.id, id, command, value),
    delete: (command: string) => formDrafts.delete(ui.session.id, id, command),
  };
  /** A final step waiting for the user's yes or no: the form stays busy until then. */
  const [confirming, setConfirming] = useState<{ step: 'close' | 'withdraw' | 'exclude'; answer: (yes: boolean) => void } | undefined>();
  const confirmQuestion = useRef<HTMLParagraphElement>(null);
  // A command opened puts the keyboard in its form's first field, not back among the command buttons.
  useEffect(() => {
    if (open) document.getElementById(`form-${open}`)?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [open]);
  /** The department an assignment's form names (else the case's or its category's, else the user's), and the handlers it offers there. */
  const [handlerDepartment, setHandlerDepartment] = useState<string | undefined>();
  const handlers = useDepartmentHandlers(handlerDepartment, current?.view.revision);
  /** An auditor's reason for a break-glass read of this case, once given. */
  const [breakGlass, setBreakGlass] = useState<string | undefined>();

  const [loaded, reload] = useLoad(async () => {
    const headers = breakGlassHeaders(breakGlass);
    const [answer, events, doc, catalog] = await Promise.all([
      request<ComplaintView>('GET', `/complaints/${encodeURIComponent(id)}`, { headers }),
      get<{ events: EventView[] }>(`/complaints/${encodeURIComponent(id)}/events`, headers),
      cached<OpenApi>('/openapi.json'),
      cached<Catalog>('/catalog'),
    ]);
    setCurrent({ view: answer.data, etag: answer.etag });
    // The reason this view was read with: the page says so only once the details it fetched are shown.
    return { events: events.events, doc, catalog, shownWith: breakGlass };
  }, [id, breakGlass]);
  // Named by its reference (2026-000123), else by its whole id: ids made the same minute begin alike.
  const name = current?.view.reference ?? current?.view.id ?? id;
  usePageTitle(t('case.title', { id: name }));

  const heading = <h1>{t('case.title', { id: name })}</h1>;
  if (loaded.status === 'failed' && loaded.error instanceof ApiError && loaded.error.status === 404) {
    // No such case (a mistyped reference): said in the page's language, with the way back to the search; reloading would not find it.
    return (
      <>
        {heading}
        <div class="message error" role="alert" data-not-found>
          <p>{t('case.notFound', { id })}</p>
          <p>
            <a href={href.cases()}>{t('case.backToSearch')}</a>
          </p>
        </div>
      </>
    );
  }
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready' || !current) return <>{heading}<Loading /></>;
  const { events, doc, catalog, shownWith } = loaded.value;
  const { view, etag } = current;
  const categoryName = ui.name(catalog.categories.find((c) => c.code === view.category)?.name, view.category);
  const departmentName = (code: string) => ui.name(catalog.departments.find((d) => d.code === code)?.name, code);
  const others = view.allowedCommands.filter((c) => !view.yourCommands.includes(c));

  async function send(command: string, body: Record<string, unknown>) {
    const answer = await request<ComplaintView>('POST', `/complaints/${encodeURIComponent(id)}/${command}`, { body, ifMatch: etag });
    setCurrent({ view: answer.data, etag: answer.etag });
    drafts.delete(command);
    setOpen(undefined);
    setProblem(undefined);
    ui.announce(t('case.done', { command: tl('command', command), state: tl('state', answer.data.state) }));
    reload();
    actionsHeading.current?.focus();
  }

  /** Sends a command; a final one only once the user said yes to what it will do (no: nothing is sent, the form keeps what was typed). */
  async function sendChecked(command: string, body: Record<string, unknown>) {
    const step = finalStep(command, body);
    // An exclusion without its note goes straight to the API, which names the note: nothing to confirm yet
    // (a staff tester confirmed "this is final", then was told the note was missing).
    if (step && !(step === 'exclude' && String(body.note ?? '').trim() === '')) {
      const yes = await new Promise<boolean>((answer) => {
        setConfirming({ step, answer });
        window.setTimeout(() => confirmQuestion.current?.focus(), 0);
      });
      setConfirming(undefined);
      if (!yes) return;
    }
    await send(command, body);
  }

  const failed = (error: unknown) => setProblem(error);

  /** The case as it is now; an open form stays open with what was typed, to check against the change and send again. */
  function reloadCase() {
    setProblem(undefined);
    reload();
  }

  const detail = (key: string): Json | undefined => {
    const value = view[key] as Json | undefined;
    if (key === 'category') return categoryName;
    if (key === 'department' && typeof value === 'string') return departmentName(value);
    if (key === 'cooperatingDepartments' && Array.isArray(value)) return value.map((d) => departmentName(String(d))).join(', ') || null;
    return value;
  };

  return (
    <>
      <h1>
        {t('case.title', { id: name })} <StateBadge state={view.state} />
      </h1>
      <p class="meta">
        <span class="mono">{view.id}</span> · {t('case.revision', { revision: view.revision })} · <a href={href.history(view.id)}>{t('case.history')}</a>
      </p>
      {view.confidential && (
        <p class="confidential">
          <span class="badge">{t('case.confidential')}</span> {t('case.confidentialHelp')}
        </p>
      )}
      {shownWith !== undefined && <p class="message">{t('case.breakGlassShown', { reason: shownWith })}</p>}
      {breakGlass === undefined && ui.session.roles.includes('auditor') && hiddenAs(view.description) === '[redacted]' && <BreakGlassForm onRead={setBreakGlass} />}
      <SlaPosition id={view.id} revision={view.revision} />

      <section aria-labelledby="actions" class="panel">
        <h2 id="actions" tabIndex={-1} ref={actionsHeading}>
          {t('case.actions')}
        </h2>
        <CommandProblem problem={problem} onReload={reloadCase} />
        <CommandButtons
          commands={view.yourCommands}
          open={open}
          label={(command) => tl('command', command)}
          none={
            // Another department's case: its handling is theirs, whatever the state (a staff tester read "nothing in this state").
            isStaff(ui.session) && !ui.session.roles.includes('complaints-office') && ui.session.department && typeof view.department === 'string' && view.department !== ui.session.department
              ? t('case.noActionsOtherDepartment', { department: departmentName(view.department) })
              : undefined
          }
          onToggle={(command) => {
            confirming?.answer(false);
            setOpen(open === command ? undefined : command);
            setProblem(undefined);
          }}
        />
        {others.length > 0 && <p class="help">{t('case.othersMay', { commands: others.map((c) => tl('command', c)).join(', ') })}</p>}
        {open && view.yourCommands.includes(open) && (
          <div class="command-form" aria-label={tl('command', open)} role="region">
            <h3>{tl('command', open)}</h3>
            <SchemaForm
              key={`${open}-${view.revision}`}
              doc={doc}
              schemaName={requestSchemaName(doc, `/complaints/{id}/${open}`) ?? open}
              formId={`form-${open}`}
              submitLabel={t('form.submit', { command: tl('command', open) })}
              options={{ ...formOptions(ui, catalog, view), ...consentedChannels(ui, doc, view) }}
              omit={omittedFields(ui, catalog)}
              hints={{ ...hintsOf(ui, open, view), ...(handlers.hint ? { handler: handlers.hint } : {}) }}
              initial={drafts.get(open) ?? initialOf(ui, open, view)}
              send={(body) => sendChecked(open, body)}
              onError={failed}
              suggestions={{ handler: handlers.suggestions }}
              onChange={(value) => {
                drafts.set(open, value);
                const named = typeof value.department === 'string' && value.department !== '' ? value.department : undefined;
                setHandlerDepartment(open === 'assign' || open === 'reassign' ? (named ?? departmentOf(view, catalog) ?? ui.session.department) : undefined);
              }}
              onCancel={() => {
                confirming?.answer(false);
                drafts.delete(open);
                setOpen(undefined);
              }}
            />
            {confirming && (
              <div class="confirm message" role="group" aria-labelledby="confirm-final">
                <p id="confirm-final" tabIndex={-1} ref={confirmQuestion}>
                  <strong>{t(`case.confirm.${confirming.step}`)}</strong>
                </p>
                <div class="actions">
                  <button type="button" class="danger" data-confirm="yes" onClick={() => confirming.answer(true)}>
                    {t(`case.confirm.${confirming.step}.yes`)}
                  </button>
                  <button type="button" data-confirm="no" onClick={() => confirming.answer(false)}>
                    {t('case.confirm.no')}
                  </button>
                </div>
              </div>
            )}
          </div>
        )}
      </section>
      <NewFollowUpLink view={view} />

      <div class="columns">
        <Section title={t('case.details')} id="details">
          <dl class="json details">
            {MAIN_FIELDS.filter((key) => key in view).map((key) => (
              <div key={key} class={key === 'description' ? 'wide' : ''}>
                <dt>{tl('field', key)}</dt>
                <dd data-field={key}>
                  <JsonView value={detail(key)} path={key} />
                </dd>
              </div>
            ))}
            {Object.keys(view)
              .filter((key) => !NOT_DETAILS.has(key))
              .filter((key) => {
                const v = view[key];
                return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== 0;
              })
              .map((key) => (
                <div key={key}>
                  <dt>{tl('field', key)}</dt>
                  <dd data-field={key}>
                    <JsonView value={view[key] as Json} path={key} />
                  </dd>
                </div>
              ))}
          </dl>
        </Section>

        <Section title={t('case.timeline')} id="timeline">
          <Timeline events={events} label={(type) => tl('event', type)} />
        </Section>
      </div>
      <ComplaintImprovements complaintId={view.id} />
    </>
  );
}

/** The case's SLA position now (its current handling period), from GET /reports/sla?complaint=. */
function SlaPosition({ id, revision }: { id: string; revision: number }) {
  const { t, date } = useUi();
  const [loaded] = useLoad(() => loadSlaOf(id), [id, revision]);
  if (loaded.status !== 'ready') return null;
  const answer = loaded.value;
  const hours = (value: number) => t('case.slaHours', { hours: value.toFixed(1) });
  return (
    <section class="panel sla-position" aria-labelledby="sla-position">
      <h2 id="sla-position">{t('case.sla')}</h2>
      {answer.kind !== 'ready' ? (
        <p class="message unavailable">{t(answer.kind === 'missing' ? 'inbox.slaMissing' : 'inbox.slaForbidden')}</p>
      ) : !answer.position ? (
        <p>{t('case.slaNone')}</p>
      ) : (
        <dl class="json sla-figures">
          <div>
            <dt>{t('case.slaStatus')}</dt>
            <dd data-sla="status">
              <SlaBadge status={answer.position.status} />
            </dd>
          </div>
          <div>
            <dt>{t('case.slaDue')}</dt>
            <dd data-sla="due">{answer.position.status === 'not-applicable' ? t('case.slaNoDeadline') : answer.position.dueAt ? date(answer.position.dueAt) : t('case.slaNoDue')}</dd>
          </div>
          <div>
            <dt>{t('case.slaUsed')}</dt>
            <dd data-sla="used">{hours(answer.position.workingHoursUsed)}</dd>
          </div>
          <div>
            <dt>{t('case.slaPaused')}</dt>
            <dd data-sla="paused">{hours(answer.position.workingHoursPaused)}</dd>
          </div>
          <div>
            <dt>{t('case.slaInterim')}</dt>
            <dd data-sla="interim">
              {answer.position.interimNoticeSentAt
                ? t('case.slaInterimSent', { at: date(answer.position.interimNoticeSentAt) })
                : answer.position.interimNoticeDueAt
                  ? t('case.slaInterimDue', { at: date(answer.position.interimNoticeDueAt) })
                  : t('case.slaInterimNotSent')}{' '}
              {answer.position.interimNoticeMissing && <span class="badge sla-breached">{t('case.slaInterimMissing')}</span>}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** An auditor asks for the case's details with a written reason (the API logs it with the read). */
/**
 * A complainant who lost the portal's follow-up link asks the office: those who see the case's personal
 * data send a new one (`POST /follow-up-links`) to the phone or e-mail on record, on a channel they
 * consented to; the earlier links stop working. The link itself is never shown to staff.
 */
function NewFollowUpLink({ view }: { view: ComplaintView }) {
  const ui = useUi();
  const { t, date } = ui;
  const errorText = useErrorText();
  const [result, setResult] = useState<{ ok: true; channel: string; expiresAt: string } | { ok: false; error: unknown } | undefined>();
  const [busy, setBusy] = useState(false);
  const complainant = (typeof view.complainant === 'object' && view.complainant !== null ? view.complainant : {}) as Record<string, unknown>;
  const consent = (typeof view.consent === 'object' && view.consent !== null ? view.consent : {}) as Record<string, unknown>;
  const reachable = (['sms', 'email'] as const).filter((c) => consent[c] === true && typeof complainant[c === 'sms' ? 'phone' : 'email'] === 'string');
  if (hiddenAs(view.complainant) !== undefined || reachable.length === 0 || view.state === 'closed') return null;
  async function send(channel: 'sms' | 'email') {
    setBusy(true);
    try {
      const answer = await request<{ channel: string; expiresAt: string }>('POST', '/follow-up-links', { body: { complaint: view.id, channel } });
      // Said by the panel's own status line.
      setResult({ ok: true, ...answer.data });
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="panel" aria-labelledby="follow-up-link">
      <h2 id="follow-up-link">{t('case.followUpLink')}</h2>
      <p class="help">{t('case.followUpLink.help')}</p>
      {reachable.map((channel) => (
        <button key={channel} type="button" aria-disabled={busy} onClick={() => !busy && void send(channel)}>
          {t('case.followUpLink.send', { channel: ui.tl('value', channel) })}
        </button>
      ))}
      {result?.ok === true && <p role="status">{t('case.followUpLink.sent', { channel: ui.tl('value', result.channel), date: date(result.expiresAt) })}</p>}
      {result?.ok === false && <p class="message error" role="alert">{errorText(result.error)}</p>}
    </section>
  );
}

function BreakGlassForm({ onRead }: { onRead: (reason: string) => void }) {
  const { t } = useUi();
  const [reason, setReason] = useState('');
  return (
    <form
      class="panel break-glass"
      aria-labelledby="break-glass"
      onSubmit={(e) => {
        e.preventDefault();
        onRead(reason.trim());
      }}
    >
      <h2 id="break-glass">{t('case.breakGlass')}</h2>
      <p class="help" id="break-glass-help">
        {t('case.breakGlassHelp')}
      </p>
      <div class="field">
        <label for="break-glass-reason">{t('case.breakGlassReason')}</label>
        <textarea id="break-glass-reason" rows={2} required minLength={5} maxLength={500} aria-describedby="break-glass-help" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <button type="submit">{t('case.breakGlassSubmit')}</button>
    </form>
  );
}
