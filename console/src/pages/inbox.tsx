import { useMemo, useState } from 'preact/hooks';
import { CALENDAR_ZONE } from '../calendar-zone';
import { cached, get, query, request } from '../api';
import { ErrorMessage, Loading, SelectField, SlaBadge, StateBadge, useErrorText, usePageTitle, type Choice } from '../components';
import { useUi } from '../context';
import type { MessageKey } from '../i18n';
import { departmentOf, useDepartmentHandlers } from '../handlers';
import { useLoad } from '../load';
import { href, navigate } from '../router';
import { isStaff, mayAssign } from '../session';
import { loadSla, type SlaPosition } from '../sla';
import { DataTable, type Column } from '../table';
import type { Catalog, ComplaintListItem, LocalisedName, Page } from '../types';

const STATES = ['received', 'assigned', 'investigated', 'decided', 'closed'];
const SLA_STATUSES = ['breached', 'at-risk', 'on-track'];
/** The cases of a list loaded at a time: "Show more cases" loads as many again. */
const MAX_ROWS = 300;
/** The most cases one `GET /complaints/subjects` answers for (src/complaints/queries.ts: MAX_SUBJECT_IDS). */
const SUBJECTS_PER_REQUEST = 100;
const SAVED_FILTERS = 'complaint-console.saved-filters';

interface Filters {
  state: string;
  department: string;
  category: string;
  sla: string;
  /** `me`: the cases assigned to the signed-in user. */
  assignee: string;
}

interface SavedFilters {
  name: string;
  filters: Filters;
}

const FILTER_KEYS = ['state', 'department', 'category', 'sla', 'assignee'] as const satisfies readonly (keyof Filters)[];

/**
 * The filters in the page's address (`#/inbox?state=received&sla=breached`), those that differ from the
 * defaults: Back to the list, a refresh or a link sent to a colleague shows the same list.
 */
function filtersInAddress(defaults: Filters): Filters {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query.get(key) ?? defaults[key]])) as unknown as Filters;
}

/** Writes the filters into the current history entry's address, keeping the entry (each Apply is no step of Back). */
function showInAddress(page: 'inbox' | 'cases', filters: Filters, defaults: Filters): void {
  const query = new URLSearchParams(FILTER_KEYS.filter((key) => filters[key] !== defaults[key]).map((key) => [key, filters[key]])).toString();
  window.history.replaceState(window.history.state, '', `#/${page}${query ? `?${query}` : ''}`);
}

function savedFilters(): SavedFilters[] {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_FILTERS) ?? '[]') as unknown;
    return Array.isArray(saved) ? (saved as SavedFilters[]) : [];
  } catch {
    return [];
  }
}

interface InboxRow extends ComplaintListItem {
  sla?: SlaPosition;
}

type ListFilters = { state?: string; department?: string; involving?: string; category?: string; assignee?: string; sla?: string };

/** The case list as far as it is loaded; `cursor` where the server has more. */
interface LoadedList {
  filters: ListFilters;
  rows: ComplaintListItem[];
  cursor?: string;
}

/**
 * The next {@link MAX_ROWS} cases of the list, most urgent first as the server orders it (urgent,
 * breached, at risk, on track, met, not applicable, due first, oldest), after those already loaded:
 * what is not loaded yet is less urgent than what is. One list, open cases too (`state=open`), so one
 * cursor keeps that order across "Show more cases".
 */
async function listCases(list: LoadedList): Promise<LoadedList> {
  const rows = [...list.rows];
  let cursor = list.cursor;
  const until = rows.length + MAX_ROWS;
  do {
    const page = await get<Page<ComplaintListItem>>(query('/complaints', { ...list.filters, order: 'urgency', limit: 100, cursor }));
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < until);
  return { filters: list.filters, rows, ...(cursor ? { cursor } : {}) };
}

/**
 * The subject line of each case, by its id: the list holds no personal data, so they are asked for
 * apart, a hundred cases a request; null where the API shows the user no description.
 */
async function loadSubjects(ids: readonly string[]): Promise<Map<string, string | null>> {
  const chunks = Array.from({ length: Math.ceil(ids.length / SUBJECTS_PER_REQUEST) }, (_, i) => ids.slice(i * SUBJECTS_PER_REQUEST, (i + 1) * SUBJECTS_PER_REQUEST));
  const answers = await Promise.all(chunks.map((chunk) => get<{ subjects: { id: string; subject: string | null }[] }>(query('/complaints/subjects', { ids: chunk.join(',') }))));
  return new Map(answers.flatMap((a) => a.subjects.map((s) => [s.id, s.subject] as const)));
}

/** The staff inbox: the department's open cases, most urgent first, with SLA badges and filters. */
export function InboxPage({ mode = 'inbox' }: { mode?: 'inbox' | 'cases' }) {
  const ui = useUi();
  const { t, tl, name, date, session } = ui;
  const errorText = useErrorText();
  const defaults: Filters = mode === 'inbox' ? { state: 'open', department: session.department ?? '', category: '', sla: '', assignee: '' } : { state: 'all', department: '', category: '', sla: '', assignee: '' };
  const [initial] = useState(() => filtersInAddress(defaults));
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [saved, setSaved] = useState<SavedFilters[]>(savedFilters);
  const [saveName, setSaveName] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assignTo, setAssignTo] = useState('');
  const [assigned, setAssigned] = useState<{ id: string; case: string; error?: string }[] | undefined>();
  const [catalog] = useLoad(() => cached<Catalog>('/catalog'), []);
  const [loaded, reload] = useLoad(async () => {
    const scope = { department: filters.department || undefined, category: filters.category || undefined, assignee: filters.assignee === 'me' ? session.id : undefined, sla: filters.sla || undefined };
    // A department's inbox holds the cases it leads and those it cooperates on (joint handling); their SLA is the lead department's.
    const listScope = mode === 'inbox' ? { involving: scope.department, category: scope.category, assignee: scope.assignee, sla: scope.sla } : scope;
    const slaScope = mode === 'inbox' ? { category: scope.category, status: scope.sla } : { department: scope.department, category: scope.category, status: scope.sla };
    const state = filters.state === 'all' ? undefined : filters.state;
    const [list, sla] = await Promise.all([listCases({ filters: { ...listScope, state }, rows: [] }), loadSla(slaScope, filters.state !== 'all' && filters.state !== 'closed')]);
    return { list, positions: sla.kind === 'ready' ? sla.positions : new Map<string, SlaPosition>(), sla: sla.kind };
  }, [JSON.stringify(filters)]);
  // "Show more cases": the list loaded further, for the list loaded last (a reload starts again).
  const [further, setFurther] = useState<{ of: unknown; list: LoadedList; loading?: boolean; error?: unknown }>();
  const current = loaded.status === 'ready' ? loaded.value : undefined;
  const shownFurther = further && current && further.of === current ? further : undefined;
  const list = shownFurther?.list ?? current?.list;
  const hasMore = list?.cursor !== undefined;
  async function showMore() {
    if (!current || !list) return;
    setFurther({ of: current, list, loading: true });
    try {
      setFurther({ of: current, list: await listCases(list) });
    } catch (error) {
      setFurther({ of: current, list, error });
    }
  }

  const departments = catalog.status === 'ready' ? catalog.value.departments : [];
  const categories = catalog.status === 'ready' ? catalog.value.categories : [];
  const departmentName = (code: string | null) => (code ? name(departments.find((d) => d.code === code)?.name, code) : t('common.none'));
  const categoryName = (code: string) => name(categories.find((c) => c.code === code)?.name, code);
  const title = mode === 'cases' ? t('nav.cases') : filters.department ? t('inbox.titleDepartment', { department: departmentName(filters.department) }) : t('inbox.title');
  usePageTitle(title);
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  const coded = (list: { code: string; name: LocalisedName }[], any: MessageKey): Choice[] => [{ value: '', label: t(any) }, ...list.map((c) => ({ value: c.code, label: name(c.name, c.code) }))];
  const fields: [keyof Filters, MessageKey, Choice[]][] = [
    ['state', 'inbox.state', [{ value: 'open', label: t('inbox.stateOpen') }, ...STATES.map((s) => ({ value: s, label: tl('state', s) })), { value: 'all', label: t('inbox.stateAll') }]],
    ['department', 'inbox.department', coded(departments, 'inbox.anyDepartment')],
    ['category', 'inbox.category', coded(categories, 'inbox.anyCategory')],
    ['sla', 'inbox.sla', [{ value: '', label: t('inbox.anySla') }, ...SLA_STATUSES.map((s) => ({ value: s, label: tl('sla', s) }))]],
    ['assignee', 'inbox.assignee', [{ value: '', label: t('inbox.anyAssignee') }, { value: 'me', label: t('inbox.myCases') }]],
  ];
  // Cases are assigned to staff only: an auditor or a manager has none of their own to filter by.
  const handles = isStaff(session);
  const shownFields = handles ? fields : fields.filter(([key]) => key !== 'assignee');
  // In the server's order, each case with the SLA position its badge shows.
  const rows: InboxRow[] = useMemo(() => {
    const positions = current?.positions ?? new Map<string, SlaPosition>();
    return (list?.rows ?? []).map((row): InboxRow => ({ ...row, ...(positions.has(row.id) ? { sla: positions.get(row.id)! } : {}) }));
  }, [current, list]);
  // Offered when assigning: the handlers of the department the selected cases are (or will be) handled in, when they share
  // one; none when they do not. Asked again after each bulk assignment.
  const selectedDepartments = [...new Set(rows.filter((r) => selected.has(r.id)).map((r) => departmentOf(r, catalog.status === 'ready' ? catalog.value : undefined)))];
  const handlers = useDepartmentHandlers(selectedDepartments.length === 1 ? selectedDepartments[0] : undefined, assigned);
  // Asked again when a case changes (its revision): an amendment changes the description.
  const [subjects] = useLoad(() => (rows.length ? loadSubjects(rows.map((r) => r.id)) : Promise.resolve(new Map<string, string | null>())), [rows.map((r) => `${r.id}@${r.revision}`).join(',')]);
  const subjectOf = (id: string) => (subjects.status === 'ready' ? subjects.value.get(id) : undefined);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  function apply(next: Filters) {
    setDraft(next);
    setSelected(new Set());
    showInAddress(mode, next, defaults);
    // The same filters again: look again (the list is a read model that moves on).
    if (JSON.stringify(next) === JSON.stringify(filters)) reload();
    else setFilters(next);
  }

  function save() {
    const name = saveName.trim();
    const next = [...saved.filter((s) => s.name !== name), { name, filters: draft }];
    localStorage.setItem(SAVED_FILTERS, JSON.stringify(next));
    setSaved(next);
    setSaveName('');
    ui.announce(t('inbox.savedAs', { name }));
  }

  function forget(name: string) {
    const next = saved.filter((s) => s.name !== name);
    localStorage.setItem(SAVED_FILTERS, JSON.stringify(next));
    setSaved(next);
    ui.announce(t('inbox.forgotten', { name }));
    // The button pressed is gone: the keyboard goes to the name field of the saved filters, not to the page's start.
    document.getElementById('save-filters')?.focus();
  }

  /** One command per case: `assign` while received, `reassign` (same department: a head names the handler so) after; each case answers for itself. */
  async function assignSelected() {
    const chosen = rows.filter((r) => selected.has(r.id));
    const results = await Promise.all(
      chosen.map(async (row) => {
        const [command, body] = row.state === 'received' ? ['assign', { handler: assignTo.trim() }] : ['reassign', { department: row.department, handler: assignTo.trim() }];
        try {
          await request('POST', `/complaints/${encodeURIComponent(row.id)}/${command}`, { body });
          return { id: row.id, case: row.reference ?? row.id };
        } catch (error) {
          return { id: row.id, case: row.reference ?? row.id, error: errorText(error) };
        }
      }),
    );
    setAssigned(results);
    setSelected(new Set(results.filter((r) => r.error).map((r) => r.id)));
    ui.announce(t('inbox.assignedCount', { count: results.filter((r) => !r.error).length, of: results.length }));
    reload();
  }
  const columns: Column<InboxRow>[] = [
    {
      label: t('inbox.col.case'),
      cell: (row) => (
        <a class={row.reference ? undefined : 'case-id'} href={href.case(row.id)} title={row.id}>
          {row.reference ?? row.id}
        </a>
      ),
    },
    // After the case: the case reference stays each row's header.
    {
      label: t('inbox.col.select'),
      header: <span class="visually-hidden">{t('inbox.col.select')}</span>,
      cell: (row) =>
        mayAssign(session, row) ? (
          <input type="checkbox" aria-label={t('inbox.select', { case: row.reference ?? row.id })} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
        ) : null,
    },
    {
      label: t('inbox.col.subject'),
      cell: (row) => {
        const subject = subjectOf(row.id);
        return subject ? <span class="subject">{subject}</span> : null;
      },
    },
    { label: t('inbox.col.sla'), cell: (row) => <SlaBadge status={row.sla?.status} /> },
    { label: t('inbox.col.state'), cell: (row) => <StateBadge state={row.state} /> },
    { label: t('inbox.col.category'), cell: (row) => categoryName(row.category) },
    { label: t('inbox.col.priority'), cell: (row) => (row.priority ? tl('value', row.priority) : t('common.none')) },
    {
      label: t('inbox.col.department'),
      cell: (row) =>
        filters.department && row.department !== filters.department && row.cooperatingDepartments.includes(filters.department) ? (
          <>
            {departmentName(row.department)} <span class="badge">{t('inbox.cooperating')}</span>
          </>
        ) : (
          departmentName(row.department)
        ),
    },
    { label: t('inbox.col.assignee'), cell: (row) => row.handler ?? t('common.none') },
    { label: t('inbox.col.received'), cell: (row) => date(row.receivedAt) },
    {
      label: t('inbox.col.due'),
      cell: (row) => {
        // None where no deadline applies (a compliment, a case withdrawn or excluded in time), beside its "No deadline" badge.
        if (!row.sla || row.sla.status === 'not-applicable') return t('common.none');
        if (row.sla.dueAt) return date(row.sla.dueAt);
        // No due time while the clock is paused (a resume sets it again): said so, not left blank.
        return row.sla.stoppedAt === null ? <span class="badge" data-sla="paused">{t('sla.paused')}</span> : t('common.none');
      },
    },
    { label: t('inbox.col.materials'), cell: (row) => (row.informationOverdue ? <span class="badge sla-breached">{t('inbox.materialsOverdue')}</span> : t('common.none')) },
  ];

  return (
    <>
      <h1>{title}</h1>
      <form
        class="filters panel"
        aria-label={t('inbox.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        {shownFields.map(([key, label, choices]) => (
          <SelectField key={key} id={`f-${key}`} label={t(label)} value={draft[key]} onChange={set(key)} choices={choices} />
        ))}
        <button type="submit">{t('inbox.apply')}</button>
        {handles && (
          <button type="button" class="secondary" onClick={() => apply({ ...draft, assignee: 'me' })}>
            {t('inbox.myCases')}
          </button>
        )}
      </form>
      <form
        class="filters panel saved-filters"
        aria-label={t('inbox.saved')}
        onSubmit={(e) => {
          e.preventDefault();
          if (saveName.trim()) save();
        }}
      >
        <div class="field">
          <label for="save-filters">{t('inbox.saveName')}</label>
          <input id="save-filters" value={saveName} onInput={(e) => setSaveName(e.currentTarget.value)} />
        </div>
        <button type="submit">{t('inbox.save')}</button>
        {saved.map((s) => (
          <span class="saved" key={s.name}>
            <button type="button" class="secondary" onClick={() => apply(s.filters)}>
              {s.name}
            </button>
            <button type="button" class="secondary" aria-label={t('inbox.forget', { name: s.name })} onClick={() => forget(s.name)}>
              ×
            </button>
          </span>
        ))}
      </form>
      <FindCase />
      {selected.size > 0 && (
        <form
          class="filters panel bulk"
          aria-label={t('inbox.bulk')}
          onSubmit={(e) => {
            e.preventDefault();
            void assignSelected();
          }}
        >
          <p>{t('inbox.selected', { count: selected.size })}</p>
          <div class="field">
            <label for="assign-to">{t('inbox.assignTo')}</label>
            <input
              id="assign-to"
              required
              value={assignTo}
              onInput={(e) => setAssignTo(e.currentTarget.value)}
              list="assign-to-suggestions"
              aria-describedby={handlers.hint ? 'assign-to-hint' : undefined}
            />
            <datalist id="assign-to-suggestions">
              {handlers.suggestions.map((h) => (
                <option key={h.value} value={h.value} label={h.label} />
              ))}
            </datalist>
            {handlers.hint && (
              <p class="help" id="assign-to-hint">
                {handlers.hint}
              </p>
            )}
          </div>
          <button type="submit">{t('inbox.assignSelected')}</button>
        </form>
      )}
      {assigned && (
        <ul class="bulk-results" aria-label={t('inbox.bulkResults')}>
          {assigned.map((r) => (
            <li key={r.id} data-case={r.id} class={r.error ? 'error' : ''}>
              {r.error ? t('inbox.assignFailed', { case: r.case, error: r.error }) : t('inbox.assignDone', { case: r.case })}
            </li>
          ))}
        </ul>
      )}
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && (
        <>
          {loaded.value.sla !== 'ready' && (
            <p class="message unavailable" role="note">
              {t(loaded.value.sla === 'missing' ? 'inbox.slaMissing' : 'inbox.slaForbidden')}
            </p>
          )}
          <p class="count" role="status">
            {t('inbox.count', { count: rows.length })}
          </p>
          {hasMore && <p class="message">{t('inbox.partial', { count: rows.length })}</p>}
          {rows.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            <DataTable class="cases" responsive caption={title} columns={columns} rows={rows} rowKey={(row) => row.id} rowProps={(row) => ({ 'data-case': row.id })} />
          )}
          {shownFurther?.error !== undefined && <ErrorMessage error={shownFurther.error} onRetry={() => void showMore()} />}
          {hasMore && (
            <p class="actions">
              <button type="button" class="secondary" disabled={shownFurther?.loading === true} onClick={() => void showMore()}>
                {t('inbox.more')}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

/**
 * What the search box names: a case number alone (`27`, `000027`) is this year's, in the calendar's zone
 * (`2026-000027`), and a year with a short number (`2026-27`) is that year's; anything else (a whole
 * reference, an id) goes to the API as typed, which takes either.
 */
export function caseNamed(text: string, now = new Date()): string {
  const given = text.trim();
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: CALENDAR_ZONE }).format(now);
  const short = /^(?:(\d{4})-)?(\d{1,6})$/.exec(given);
  return short ? `${short[1] ?? year}-${short[2]!.padStart(6, '0')}` : given;
}

/** Opens a case by its reference (`2026-000123`), its number this year (`123`) or its id. */
function FindCase() {
  const { t } = useUi();
  const [text, setText] = useState('');
  return (
    <form
      class="filters panel"
      role="search"
      aria-label={t('inbox.find')}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) navigate(href.case(caseNamed(text)));
      }}
    >
      <div class="field">
        <label for="find-case">{t('inbox.findLabel')}</label>
        <input id="find-case" value={text} placeholder="2026-000123" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit">{t('inbox.findButton')}</button>
    </form>
  );
}
