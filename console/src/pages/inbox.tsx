import { useState } from 'preact/hooks';
import { cached, get, query } from '../api';
import { ErrorMessage, Loading, SlaBadge, StateBadge, shortId, usePageTitle } from '../components';
import { useUi } from '../context';
import { useLoad } from '../load';
import { href } from '../router';
import { loadSla, urgencyOf, type SlaPosition } from '../sla';
import type { Catalog, ComplaintSummary, Page } from '../types';

const OPEN_STATES = ['received', 'assigned', 'investigated', 'decided'];
const ALL_STATES = [...OPEN_STATES, 'closed'];
const SLA_STATUSES = ['breached', 'at-risk', 'on-track'];
/** A list longer than this asks for narrower filters rather than paging on. */
const MAX_ROWS = 300;

interface Filters {
  state: string;
  department: string;
  category: string;
  sla: string;
}

interface InboxRow extends ComplaintSummary {
  sla?: SlaPosition;
}

/** Every page of the case list for one state (or all), up to the cap. */
async function listCases(filters: { state?: string; department?: string; category?: string }): Promise<ComplaintSummary[]> {
  const rows: ComplaintSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<ComplaintSummary>>(query('/complaints', { ...filters, limit: 100, cursor }));
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < MAX_ROWS);
  return rows;
}

/** Sorted by SLA urgency: breached, at risk, on track; then due first; then urgent priority, then oldest. */
export function byUrgency(a: InboxRow, b: InboxRow): number {
  return (
    urgencyOf(a.sla?.status) - urgencyOf(b.sla?.status) ||
    (a.sla?.dueAt ?? '\uffff').localeCompare(b.sla?.dueAt ?? '\uffff') ||
    (a.priority === 'urgent' ? 0 : 1) - (b.priority === 'urgent' ? 0 : 1) ||
    a.receivedAt.localeCompare(b.receivedAt)
  );
}

/** The staff inbox: the department's open cases, most urgent first, with SLA badges and filters. */
export function InboxPage({ mode = 'inbox' }: { mode?: 'inbox' | 'cases' }) {
  const ui = useUi();
  const { t, tl, name, date, session } = ui;
  const initial: Filters = mode === 'inbox' ? { state: 'open', department: session.department ?? '', category: '', sla: '' } : { state: 'all', department: '', category: '', sla: '' };
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [catalog] = useLoad(() => cached<Catalog>('/catalog'), []);
  const [loaded, reload] = useLoad(async () => {
    const states = filters.state === 'open' ? OPEN_STATES : filters.state === 'all' ? [undefined] : [filters.state];
    const scope = { department: filters.department || undefined, category: filters.category || undefined };
    const [lists, sla] = await Promise.all([Promise.all(states.map((state) => listCases({ ...scope, state }))), loadSla(scope, filters.state !== 'all' && filters.state !== 'closed')]);
    const positions = sla.kind === 'ready' ? sla.positions : new Map<string, SlaPosition>();
    const rows: InboxRow[] = lists.flat().map((row) => ({ ...row, ...(positions.has(row.id) ? { sla: positions.get(row.id)! } : {}) }));
    const filtered = filters.sla ? rows.filter((r) => r.sla?.status === filters.sla) : rows;
    return { rows: filtered.sort(byUrgency), sla: sla.kind, truncated: lists.some((l) => l.length >= MAX_ROWS) };
  }, [JSON.stringify(filters)]);

  const departments = catalog.status === 'ready' ? catalog.value.departments : [];
  const categories = catalog.status === 'ready' ? catalog.value.categories : [];
  const departmentName = (code: string | null) => (code ? name(departments.find((d) => d.code === code)?.name, code) : t('common.none'));
  const categoryName = (code: string) => name(categories.find((c) => c.code === code)?.name, code);
  const title = mode === 'cases' ? t('nav.cases') : filters.department ? t('inbox.titleDepartment', { department: departmentName(filters.department) }) : t('inbox.title');
  usePageTitle(title);
  const set = (key: keyof Filters) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLSelectElement).value });

  return (
    <>
      <h1>{title}</h1>
      <form
        class="filters panel"
        aria-label={t('inbox.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          // The same filters again: look again (the list is a read model that moves on).
          if (JSON.stringify(draft) === JSON.stringify(filters)) reload();
          else setFilters(draft);
        }}
      >
        <div class="field">
          <label for="f-state">{t('inbox.state')}</label>
          <select id="f-state" value={draft.state} onChange={set('state')}>
            <option value="open">{t('inbox.stateOpen')}</option>
            {ALL_STATES.map((s) => (
              <option key={s} value={s}>
                {tl('state', s)}
              </option>
            ))}
            <option value="all">{t('inbox.stateAll')}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-department">{t('inbox.department')}</label>
          <select id="f-department" value={draft.department} onChange={set('department')}>
            <option value="">{t('inbox.anyDepartment')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {name(d.name, d.code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-category">{t('inbox.category')}</label>
          <select id="f-category" value={draft.category} onChange={set('category')}>
            <option value="">{t('inbox.anyCategory')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {name(c.name, c.code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-sla">{t('inbox.sla')}</label>
          <select id="f-sla" value={draft.sla} onChange={set('sla')}>
            <option value="">{t('inbox.anySla')}</option>
            {SLA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tl('sla', s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('inbox.apply')}</button>
      </form>
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
            {t('inbox.count', { count: loaded.value.rows.length })}
          </p>
          {loaded.value.truncated && <p class="message">{t('inbox.truncated', { count: MAX_ROWS })}</p>}
          {loaded.value.rows.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="cases responsive">
                <caption class="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('inbox.col.case')}</th>
                    <th scope="col">{t('inbox.col.sla')}</th>
                    <th scope="col">{t('inbox.col.state')}</th>
                    <th scope="col">{t('inbox.col.category')}</th>
                    <th scope="col">{t('inbox.col.priority')}</th>
                    <th scope="col">{t('inbox.col.department')}</th>
                    <th scope="col">{t('inbox.col.received')}</th>
                    <th scope="col">{t('inbox.col.due')}</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.value.rows.map((row) => (
                    <tr key={row.id} data-case={row.id}>
                      <th scope="row" data-label={t('inbox.col.case')}>
                        <a href={href.case(row.id)} title={row.id}>
                          {shortId(row.id)}
                        </a>
                      </th>
                      <td data-label={t('inbox.col.sla')}>
                        <SlaBadge status={row.sla?.status} />
                      </td>
                      <td data-label={t('inbox.col.state')}>
                        <StateBadge state={row.state} />
                      </td>
                      <td data-label={t('inbox.col.category')}>{categoryName(row.category)}</td>
                      <td data-label={t('inbox.col.priority')}>{row.priority ? tl('value', row.priority) : t('common.none')}</td>
                      <td data-label={t('inbox.col.department')}>{departmentName(row.department)}</td>
                      <td data-label={t('inbox.col.received')}>{date(row.receivedAt)}</td>
                      <td data-label={t('inbox.col.due')}>{row.sla?.dueAt ? date(row.sla.dueAt) : t('common.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
