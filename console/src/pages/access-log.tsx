import { useState } from 'preact/hooks';
import { get, query } from '../api';
import { calendarInstant } from '../calendar-zone';
import { ErrorMessage, JsonView, Loading, SelectField, usePageTitle } from '../components';
import { useUi } from '../context';
import { useLoad } from '../load';
import { href } from '../router';
import { DataTable, type Column } from '../table';
import type { Json } from '../types';

/** The actions the access log records (src/audit/access-log.ts ACCESS_ACTIONS). */
const ACTIONS = ['personal-data-read', 'time-travel', 'replay', 'export', 'break-glass-read', 'import'] as const;

/** A line of GET /audit/access-log (src/audit/access-log.ts `AccessEntry`). */
interface AccessEntry {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  actorRoles: string[];
  action: string;
  complaintId: string | null;
  personalData: boolean;
  detail: Record<string, Json>;
}

interface Filters {
  complaintId: string;
  actor: string;
  action: string;
  /** `datetime-local` values, read in the calendar's time zone. */
  from: string;
  to: string;
}

const PAGE_SIZE = 50;

/** Who read, replayed, time-travelled, exported or broke the glass on whose case, newest first (auditors). */
export function AccessLogPage({ complaintId = '' }: { complaintId?: string }) {
  const { t, tl, date } = useUi();
  const empty: Filters = { complaintId, actor: '', action: '', from: '', to: '' };
  const [draft, setDraft] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  // The API's paging: each older page is asked with the cursor the page before gave; the list of them goes back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const [loaded, reload] = useLoad(
    () =>
      get<{ items: AccessEntry[]; nextCursor?: string }>(
        query('/audit/access-log', {
          complaintId: applied.complaintId.trim(),
          actor: applied.actor.trim(),
          action: applied.action,
          from: applied.from && (calendarInstant(applied.from) ?? applied.from),
          to: applied.to && (calendarInstant(applied.to) ?? applied.to),
          limit: PAGE_SIZE,
          cursor,
        }),
      ),
    [JSON.stringify(applied), cursor],
  );
  usePageTitle(t('accessLog.title'));
  const set = (key: keyof Filters) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  const columns: Column<AccessEntry>[] = [
    { label: t('accessLog.col.at'), cell: (e) => <time dateTime={e.at}>{date(e.at)}</time> },
    { label: t('accessLog.col.who'), cell: (e) => t('case.by', { actor: e.actorName && e.actorName !== e.actorId ? `${e.actorName} · ${e.actorId}` : e.actorId, role: e.actorRoles.map((r) => tl('role', r)).join(', ') }) },
    { label: t('accessLog.col.action'), cell: (e) => tl('accessLog.action', e.action) },
    { label: t('accessLog.col.case'), cell: (e) => (e.complaintId ? <a href={href.case(e.complaintId)} class="mono">{e.complaintId}</a> : t('common.none')) },
    { label: t('accessLog.col.personalData'), cell: (e) => (e.personalData ? t('common.yes') : t('common.no')) },
    { label: t('accessLog.col.detail'), cell: (e) => <JsonView value={e.detail} /> },
  ];

  return (
    <>
      <h1>{t('accessLog.title')}</h1>
      <p class="meta">{t('accessLog.help')}</p>
      <form
        class="filters panel"
        aria-label={t('accessLog.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([]);
          setApplied(draft);
          if (JSON.stringify(draft) === JSON.stringify(applied)) reload();
        }}
      >
        <div class="field">
          <label for="access-case">{t('accessLog.case')}</label>
          <input id="access-case" type="text" value={draft.complaintId} onInput={set('complaintId')} />
        </div>
        <div class="field">
          <label for="access-actor">{t('accessLog.actor')}</label>
          <input id="access-actor" type="text" value={draft.actor} onInput={set('actor')} />
        </div>
        <SelectField
          id="access-action"
          label={t('accessLog.col.action')}
          value={draft.action}
          onChange={(action) => setDraft({ ...draft, action })}
          choices={[{ value: '', label: t('accessLog.anyAction') }, ...ACTIONS.map((a) => ({ value: a, label: tl('accessLog.action', a) }))]}
        />
        <div class="field">
          <label for="access-from">{t('accessLog.from')}</label>
          <input id="access-from" type="datetime-local" value={draft.from} onInput={set('from')} />
        </div>
        <div class="field">
          <label for="access-to">{t('accessLog.to')}</label>
          <input id="access-to" type="datetime-local" value={draft.to} onInput={set('to')} />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('accessLog.show')}
          </button>
        </div>
      </form>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'failed' && <ErrorMessage error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && (
        <>
          {loaded.value.items.length === 0 ? (
            <p>{t('accessLog.empty')}</p>
          ) : (
            <DataTable responsive caption={t('accessLog.title')} columns={columns} rows={loaded.value.items} rowKey={(e) => e.id} rowProps={(e) => ({ 'data-access': e.action })} />
          )}
          <div class="actions">
            {cursors.length > 0 && (
              <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                ← {t('accessLog.newer')}
              </button>
            )}
            {loaded.value.nextCursor !== undefined && (
              <button type="button" onClick={() => setCursors([...cursors, loaded.value.nextCursor!])}>
                {t('accessLog.older')} →
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
