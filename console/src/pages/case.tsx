import { useRef, useState } from 'preact/hooks';
import { ApiError, cached, get, request } from '../api';
import { ErrorMessage, JsonView, Loading, Section, StateBadge, shortId, useErrorText, usePageTitle } from '../components';
import { useUi, type Ui } from '../context';
import { useLoad } from '../load';
import { href } from '../router';
import { SchemaForm, requestSchemaName, type OpenApi, type Options } from '../schema-form';
import type { Catalog, ComplaintView, EventView, Json } from '../types';

interface Loaded {
  view: ComplaintView;
  etag: string | null;
}

/** Shown in this order at the top of the details; everything else the API returns follows. */
const MAIN_FIELDS = ['category', 'channel', 'route', 'receivedAt', 'department', 'handler', 'description', 'remedySought', 'complainant', 'unidentified', 'consent', 'vulnerable', 'subjects'];
const NOT_DETAILS = new Set(['id', 'state', 'revision', 'allowedCommands', 'yourCommands', ...MAIN_FIELDS]);

export function formOptions(ui: Ui, catalog: Catalog | undefined, view: ComplaintView | undefined): Options {
  if (!catalog) return {};
  const departments = catalog.departments.map((d) => ({ value: d.code, label: ui.name(d.name, d.code) }));
  return {
    department: departments,
    category: catalog.categories.map((c) => ({ value: c.code, label: ui.name(c.name, c.code) })),
    'route.body': catalog.routes.externalBodies.map((b) => ({ value: b.code, label: ui.name(b.name, b.code) })),
    requestId: (view?.informationRequests ?? [])
      .filter((r) => !r.receivedAt)
      .map((r) => ({ value: r.requestId, label: `${ui.name(catalog.departments.find((d) => d.code === r.department)?.name, r.department)}: ${r.request}` })),
  };
}

/** One case: its data, its timeline, and a button for each command the API says this user may give now. */
export function CasePage({ id }: { id: string }) {
  const ui = useUi();
  const { t, tl, date } = ui;
  const errorText = useErrorText();
  const [current, setCurrent] = useState<Loaded | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [problem, setProblem] = useState<{ kind: 'stale'; revision: string } | { kind: 'error'; error: unknown } | undefined>();
  const actionsHeading = useRef<HTMLHeadingElement>(null);

  const [loaded, reload] = useLoad(async () => {
    const [answer, events, doc, catalog] = await Promise.all([
      request<ComplaintView>('GET', `/complaints/${encodeURIComponent(id)}`),
      get<{ events: EventView[] }>(`/complaints/${encodeURIComponent(id)}/events`),
      cached<OpenApi>('/openapi.json'),
      cached<Catalog>('/catalog'),
    ]);
    setCurrent({ view: answer.data, etag: answer.etag });
    return { events: events.events, doc, catalog };
  }, [id]);
  usePageTitle(t('case.title', { id: shortId(id) }));

  const heading = <h1>{t('case.title', { id: shortId(id) })}</h1>;
  if (loaded.status === 'failed') return <>{heading}<ErrorMessage error={loaded.error} onRetry={reload} /></>;
  if (loaded.status !== 'ready' || !current) return <>{heading}<Loading /></>;
  const { events, doc, catalog } = loaded.value;
  const { view, etag } = current;
  const categoryName = ui.name(catalog.categories.find((c) => c.code === view.category)?.name, view.category);
  const departmentName = (code: string) => ui.name(catalog.departments.find((d) => d.code === code)?.name, code);
  const others = view.allowedCommands.filter((c) => !view.yourCommands.includes(c));

  async function send(command: string, body: Record<string, unknown>) {
    const answer = await request<ComplaintView>('POST', `/complaints/${encodeURIComponent(id)}/${command}`, { body, ifMatch: etag });
    setCurrent({ view: answer.data, etag: answer.etag });
    setOpen(undefined);
    setProblem(undefined);
    ui.announce(t('case.done', { command: tl('command', command), state: tl('state', answer.data.state) }));
    reload();
    actionsHeading.current?.focus();
  }

  function failed(error: unknown) {
    if (error instanceof ApiError && error.status === 412) {
      setProblem({ kind: 'stale', revision: String(error.body.currentRevision ?? '?') });
    } else {
      setProblem({ kind: 'error', error });
    }
  }

  function reloadCase() {
    setProblem(undefined);
    setOpen(undefined);
    reload();
  }

  const detail = (key: string): Json | undefined => {
    const value = view[key] as Json | undefined;
    if (key === 'category') return categoryName;
    if (key === 'department' && typeof value === 'string') return departmentName(value);
    return value;
  };

  return (
    <>
      <h1>
        {t('case.title', { id: shortId(view.id) })} <StateBadge state={view.state} />
      </h1>
      <p class="meta">
        <span class="mono">{view.id}</span> · {t('case.revision', { revision: view.revision })} · <a href={href.history(view.id)}>{t('case.history')}</a>
      </p>

      <section aria-labelledby="actions" class="panel">
        <h2 id="actions" tabIndex={-1} ref={actionsHeading}>
          {t('case.actions')}
        </h2>
        {problem?.kind === 'stale' && (
          <div class="message error" role="alert">
            <p>{t('case.stale', { revision: problem.revision })}</p>
            <button type="button" onClick={reloadCase}>
              {t('common.reload')}
            </button>
          </div>
        )}
        {problem?.kind === 'error' && (
          <div class="message error" role="alert">
            <p>{errorText(problem.error)}</p>
            <button type="button" onClick={reloadCase}>
              {t('common.reload')}
            </button>
          </div>
        )}
        {view.yourCommands.length === 0 ? (
          <p>{t('case.noActions')}</p>
        ) : (
          <div class="commands" role="group" aria-label={t('case.actions')}>
            {view.yourCommands.map((command) => (
              <button
                type="button"
                key={command}
                data-command={command}
                aria-expanded={open === command}
                aria-controls={open === command ? `form-${command}` : undefined}
                class={open === command ? 'active' : ''}
                onClick={() => {
                  setOpen(open === command ? undefined : command);
                  setProblem(undefined);
                }}
              >
                {tl('command', command)}
              </button>
            ))}
          </div>
        )}
        {others.length > 0 && <p class="help">{t('case.othersMay', { commands: others.map((c) => tl('command', c)).join(', ') })}</p>}
        {open && (
          <div class="command-form" aria-label={tl('command', open)} role="region">
            <h3>{tl('command', open)}</h3>
            <SchemaForm
              key={`${open}-${view.revision}`}
              doc={doc}
              schemaName={requestSchemaName(doc, `/complaints/{id}/${open}`) ?? open}
              formId={`form-${open}`}
              submitLabel={t('form.submit', { command: tl('command', open) })}
              options={formOptions(ui, catalog, view)}
              send={(body) => send(open, body)}
              onError={failed}
              onCancel={() => setOpen(undefined)}
            />
          </div>
        )}
      </section>

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
          <ol class="timeline">
            {events.map((event) => (
              <li key={event.revision} data-event={event.type}>
                <p class="event-head">
                  <strong>{tl('event', event.type)}</strong> <span class="muted">#{event.revision}</span>
                </p>
                <p class="muted">
                  <time dateTime={event.occurredAt}>{date(event.occurredAt)}</time> · {t('case.by', { actor: event.actorId, role: tl('role', event.actorRole) })}
                </p>
                {Object.keys(event.data).length > 0 && (
                  <details>
                    <summary>{t('history.data')}</summary>
                    <JsonView value={event.data} />
                  </details>
                )}
              </li>
            ))}
          </ol>
        </Section>
      </div>
    </>
  );
}
