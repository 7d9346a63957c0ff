import { useRef, useState } from 'preact/hooks';
import { cached, get, query, request } from '../api';
import { CommandButtons, CommandProblem, cssName, ErrorMessage, JsonView, Loading, Section, SelectFilter, Timeline, useErrorText, usePageTitle } from '../components';
import { useUi, type Ui } from '../context';
import { useLoad } from '../load';
import { href, navigate } from '../router';
import { SchemaForm, requestSchemaName, type OpenApi, type Options } from '../schema-form';
import { DataTable, type Column } from '../table';
import type { Catalog, EventView, Json } from '../types';

/** GET /improvement-requests/{id} (src/improvement-requests/improvement-view.ts). */
interface ImprovementView {
  id: string;
  state: string;
  department: string;
  complaints: string[];
  change: string;
  reason: string;
  requestedAt: string;
  dueOn: string;
  overdue: boolean;
  revision: number;
  allowedCommands: string[];
  yourCommands: string[];
  [key: string]: unknown;
}

/** A row of GET /improvement-requests. */
interface ImprovementItem {
  id: string;
  state: string;
  department: string;
  change: string;
  dueOn: string;
  overdue: boolean;
  complaints: string[];
}

const STATES = ['requested', 'planned', 'implemented', 'result-reported', 'verified', 'declined'];
/** Shown first among the details; the rest of what the API returns follows. */
const MAIN_FIELDS = ['department', 'change', 'reason', 'requestedAt', 'dueOn', 'complaints', 'category', 'subject'];
const NOT_DETAILS = new Set(['id', 'requestId', 'state', 'overdue', 'revision', 'allowedCommands', 'yourCommands', ...MAIN_FIELDS]);

function improvementOptions(ui: Ui, catalog: Catalog): Options {
  return {
    department: catalog.departments.map((d) => ({ value: d.code, label: ui.name(d.name, d.code) })),
    category: catalog.categories.map((c) => ({ value: c.code, label: ui.name(c.name, c.code) })),
    'ImprovementFlaggedSubjectBody.reason': (catalog.findingReasons ?? []).map((r) => ({ value: r.code, label: ui.name(r.name, r.code) })),
  };
}

/** The improvement requests, filtered by department, state and overdue; a department head starts with their own. */
export function ImprovementsPage() {
  const ui = useUi();
  const { t, tl } = ui;
  const [department, setDepartment] = useState(ui.session.roles.includes('department-head') ? (ui.session.department ?? '') : '');
  const [state, setState] = useState('');
  const [overdue, setOverdue] = useState('');
  const [loaded, reload] = useLoad(
    () => Promise.all([get<{ items: ImprovementItem[] }>(query('/improvement-requests', { department, state, overdue })), cached<Catalog>('/catalog')]),
    [department, state, overdue],
  );
  usePageTitle(t('improvement.listTitle'));
  const heading = <h1>{t('improvement.listTitle')}</h1>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready') return <>{heading}<Loading /></>;
  const [{ items }, catalog] = loaded.value;
  const departmentName = (code: string) => ui.name(catalog.departments.find((d) => d.code === code)?.name, code);
  const columns: Column<ImprovementItem>[] = [
    { label: t('improvement.col.request'), cell: (r) => <a class="case-id" href={href.improvement(r.id)}>{r.id}</a> },
    { label: t('field.department'), cell: (r) => departmentName(r.department) },
    { label: t('field.change'), cell: (r) => r.change },
    { label: t('field.state'), cell: (r) => tl('improvement.state', r.state) },
    { label: t('field.dueOn'), cell: (r) => (r.overdue ? <strong class="overdue">{t('improvement.overdueOn', { date: r.dueOn })}</strong> : r.dueOn) },
    { label: t('field.complaints'), cell: (r) => r.complaints.length },
  ];
  return (
    <>
      {heading}
      <div class="filters panel">
        <SelectFilter id="improvement-department" label={t('field.department')} value={department} onChange={setDepartment} choices={[{ value: '', label: t('improvement.any') }, ...catalog.departments.map((d) => ({ value: d.code, label: departmentName(d.code) }))]} />
        <SelectFilter id="improvement-state" label={t('field.state')} value={state} onChange={setState} choices={[{ value: '', label: t('improvement.any') }, ...STATES.map((s) => ({ value: s, label: tl('improvement.state', s) }))]} />
        <SelectFilter id="improvement-overdue" label={t('improvement.overdue')} value={overdue} onChange={setOverdue} choices={[{ value: '', label: t('improvement.any') }, { value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
      </div>
      {items.length === 0 ? <p>{t('improvement.empty')}</p> : <DataTable columns={columns} rows={items} rowKey={(r) => r.id} rowProps={(r) => ({ 'data-improvement': r.id })} caption={t('improvement.listTitle')} responsive />}
    </>
  );
}

/** One request: what should change and why, the complaints behind it, a button for each command this user may give now, its history. */
export function ImprovementPage({ id }: { id: string }) {
  const ui = useUi();
  const { t, tl } = ui;
  const [current, setCurrent] = useState<{ view: ImprovementView; etag: string | null } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [problem, setProblem] = useState<unknown>();
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  const [loaded, reload] = useLoad(async () => {
    const path = `/improvement-requests/${encodeURIComponent(id)}`;
    const [answer, events, doc, catalog] = await Promise.all([
      request<ImprovementView>('GET', path),
      get<{ events: EventView[] }>(`${path}/events`),
      cached<OpenApi>('/openapi.json'),
      cached<Catalog>('/catalog'),
    ]);
    setCurrent({ view: answer.data, etag: answer.etag });
    return { events: events.events, doc, catalog };
  }, [id]);
  usePageTitle(t('improvement.title', { id }));
  const heading = <h1>{t('improvement.title', { id })}</h1>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready' || !current) return <>{heading}<Loading /></>;
  const { events, doc, catalog } = loaded.value;
  const { view, etag } = current;

  async function send(command: string, body: Record<string, unknown>) {
    const answer = await request<ImprovementView>('POST', `/improvement-requests/${encodeURIComponent(id)}/${command}`, { body, ifMatch: etag });
    setCurrent({ view: answer.data, etag: answer.etag });
    setOpen(undefined);
    setProblem(undefined);
    ui.announce(t('improvement.done', { command: tl('improvement.command', command), state: tl('improvement.state', answer.data.state) }));
    reload();
    actionsHeading.current?.focus();
  }

  const detail = (key: string): Json | undefined => {
    const value = view[key] as Json | undefined;
    if (key === 'department') return ui.name(catalog.departments.find((d) => d.code === value)?.name, String(value));
    return value;
  };

  return (
    <>
      <h1>
        {t('improvement.title', { id: view.id })} <span class={`badge state-${cssName(view.state)}`}>{tl('improvement.state', view.state)}</span>
      </h1>
      <p class="meta">
        {t('improvement.dueOn', { date: view.dueOn })}
        {view.overdue && <strong class="overdue"> · {t('improvement.overdue')}</strong>}
      </p>
      <section aria-labelledby="actions" class="panel">
        <h2 id="actions" tabIndex={-1} ref={actionsHeading}>
          {t('case.actions')}
        </h2>
        <CommandProblem problem={problem} onReload={() => { setProblem(undefined); setOpen(undefined); reload(); }} />
        <CommandButtons
          commands={view.yourCommands}
          open={open}
          label={(command) => tl('improvement.command', command)}
          onToggle={(command) => {
            setOpen(open === command ? undefined : command);
            setProblem(undefined);
          }}
        />
        {open && (
          <div class="command-form" aria-label={tl('improvement.command', open)} role="region">
            <h3>{tl('improvement.command', open)}</h3>
            <SchemaForm
              key={`${open}-${view.revision}`}
              doc={doc}
              schemaName={requestSchemaName(doc, `/improvement-requests/{id}/${open}`) ?? open}
              formId={`form-${open}`}
              submitLabel={t('form.submit', { command: tl('improvement.command', open) })}
              options={improvementOptions(ui, catalog)}
              send={(body) => send(open, body)}
              onError={setProblem}
              onCancel={() => setOpen(undefined)}
            />
          </div>
        )}
      </section>
      <div class="columns">
        <Section title={t('case.details')} id="details">
          <dl class="json details">
            {MAIN_FIELDS.filter((key) => key in view && key !== 'complaints').map((key) => (
              <div key={key}>
                <dt>{tl('field', key)}</dt>
                <dd data-field={key}>
                  <JsonView value={detail(key)} path={key} />
                </dd>
              </div>
            ))}
            <div>
              <dt>{t('field.complaints')}</dt>
              <dd data-field="complaints">
                {view.complaints.length === 0 ? t('common.none') : view.complaints.map((c) => <a key={c} class="mono case-id" href={href.case(c)}>{c} </a>)}
              </dd>
            </div>
            {Object.keys(view)
              .filter((key) => !NOT_DETAILS.has(key) && !(Array.isArray(view[key]) && (view[key] as unknown[]).length === 0))
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
          <Timeline events={events} label={(type) => tl('improvement.event', type)} />
        </Section>
      </div>
    </>
  );
}

/** The complaints office files a request from a complaint (more complaints, a category or a subject may be added). */
export function FileImprovementPage({ complaintId }: { complaintId: string }) {
  const ui = useUi();
  const { t } = ui;
  const [problem, setProblem] = useState<unknown>();
  const errorText = useErrorText();
  const [loaded, reload] = useLoad(() => Promise.all([cached<OpenApi>('/openapi.json'), cached<Catalog>('/catalog')]), []);
  usePageTitle(t('improvement.fileTitle'));
  const heading = <h1>{t('improvement.fileTitle')}</h1>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready') return <>{heading}<Loading /></>;
  const [doc, catalog] = loaded.value;

  async function send(body: Record<string, unknown>) {
    const more = Array.isArray(body.complaints) ? (body.complaints as string[]).filter((c) => c !== complaintId) : [];
    const answer = await request<ImprovementView>('POST', '/improvement-requests', { body: { ...body, complaints: [complaintId, ...more] } });
    ui.announce(t('improvement.filed'));
    navigate(href.improvement(answer.data.id));
  }

  return (
    <>
      {heading}
      <p class="meta">
        {t('improvement.fromComplaint')} <a class="mono case-id" href={href.case(complaintId)}>{complaintId}</a>
      </p>
      {problem !== undefined && (
        <p class="message error" role="alert">
          {errorText(problem)}
        </p>
      )}
      <div class="panel">
        <SchemaForm
          doc={doc}
          schemaName={requestSchemaName(doc, '/improvement-requests') ?? 'ImprovementFileBody'}
          formId="form-file-improvement"
          submitLabel={t('improvement.command.file')}
          options={improvementOptions(ui, catalog)}
          send={send}
          onError={setProblem}
        />
      </div>
    </>
  );
}

/** On a complaint's page: the improvement requests it led to, and for the complaints office a link to file one. */
export function ComplaintImprovements({ complaintId }: { complaintId: string }) {
  const { t, tl, session } = useUi();
  const [loaded] = useLoad(() => get<{ items: ImprovementItem[] }>(query('/improvement-requests', { complaint: complaintId })), [complaintId]);
  return (
    <Section title={t('improvement.ledTo')} id="improvements">
      {loaded.status === 'ready' &&
        (loaded.value.items.length === 0 ? (
          <p>{t('improvement.noneLedTo')}</p>
        ) : (
          <ul>
            {loaded.value.items.map((r) => (
              <li key={r.id} data-improvement={r.id}>
                <a href={href.improvement(r.id)}>{r.change}</a> · {tl('improvement.state', r.state)} · {t('improvement.dueOn', { date: r.dueOn })}
              </li>
            ))}
          </ul>
        ))}
      {session.roles.includes('complaints-office') && (
        <p>
          <a href={href.fileImprovement(complaintId)} data-action="file-improvement">
            {t('improvement.fileTitle')}
          </a>
        </p>
      )}
    </Section>
  );
}
