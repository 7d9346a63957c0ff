import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';
import { useUi } from './context';
import type { EventView, Json } from './types';
import { fieldCode } from './coded-text';

/** What went wrong, in words, for any failure of a request. */
export function useErrorText(): (error: unknown) => string {
  const { t, tl, sentence } = useUi();
  return (error) => {
    if (!(error instanceof ApiError)) return t('error.generic', { status: '?', message: String(error) });
    const message = sentence(error.message);
    switch (error.status) {
      case 0:
        return t('error.network');
      case 401:
        return t('error.unauthorized');
      case 403:
        return t('error.forbidden', { message });
      case 404:
        return t('error.notFound', { message });
      case 409:
        // A reason the state alone does not tell (e.g. contributions still missing) is said as the API words it.
        if (typeof error.body.reason === 'string') return t('error.conflictReason', { reason: error.body.reason });
        return t('error.conflict', { state: tl('state', String(error.body.state ?? '?')) });
      default:
        return t('error.generic', { status: error.status, message });
    }
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useUi();
  const text = useErrorText()(error);
  return (
    <div class="message error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.reload')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useUi();
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A route the server lacks, or one the user's role may not read: said plainly, not as an error. */
export function NotAvailable({ route, forbidden = false }: { route: string; forbidden?: boolean }) {
  const { t } = useUi();
  return (
    <p class="message unavailable" role="note">
      {t(forbidden ? 'common.notForYourRole' : 'common.notAvailable', { route })}
    </p>
  );
}

export function StateBadge({ state }: { state: string }) {
  const { tl } = useUi();
  return <span class={`badge state-${cssName(state)}`}>{tl('state', state)}</span>;
}

export function SlaBadge({ status }: { status: string | undefined }) {
  const { tl } = useUi();
  if (!status) return null;
  return <span class={`badge sla-${cssName(status)}`}>{tl('sla', status)}</span>;
}

export const cssName = (value: string) => value.replace(/[^a-z0-9-]/gi, '');

export function Section({ title, id, children, level = 2 }: { title: string; id: string; children: ComponentChildren; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} class="panel">
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}

/** A choice of a `<select>`: a plain string is its own value and label. */
export type Choice = string | { value: string; label: string };

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
}

/** A labelled `<select>` in a form's `.field`. */
export function SelectField({ id, label, value, onChange, choices }: SelectFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {choices.map((choice) => {
          const { value: v, label: text } = typeof choice === 'string' ? { value: choice, label: choice } : choice;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** A filter of one choice (a quarter, a year) that applies as soon as it changes: there is nothing to submit. */
export function SelectFilter({ panel = false, ...field }: SelectFieldProps & { panel?: boolean }) {
  return (
    <form class={panel ? 'filters panel' : 'filters'} onSubmit={(e) => e.preventDefault()}>
      <SelectField {...field} />
    </form>
  );
}

/** The buttons that download what a page shows, as CSV and/or JSON. */
export function DownloadButtons({ csv, json }: { csv?: () => void; json?: () => void }) {
  const { t } = useUi();
  return (
    <div class="actions">
      {csv && (
        <button type="button" onClick={csv}>
          {t('common.downloadCsv')}
        </button>
      )}
      {json && (
        <button type="button" onClick={json}>
          {t('common.downloadJson')}
        </button>
      )}
    </div>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** The notes the server writes into events itself (domain/complaint/decider.ts: endPause). */
const SERVER_NOTES = /^clock resumed by [a-z-]+$/;

/** The API's markers where personal data is not shown (domain/complaint/redaction.ts); the complainant block holds one as its name. */
const MARKERS = { '[redacted]': 'common.redacted', '[erased]': 'common.erased' } as const;
type Marker = keyof typeof MARKERS;

export function hiddenAs(value: Json | undefined): Marker | undefined {
  const text = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.name : value;
  return typeof text === 'string' && Object.hasOwn(MARKERS, text) ? (text as Marker) : undefined;
}

/** Any JSON the API returned, as nested lists. Text stays text: Preact never parses it as HTML. */
export function JsonView({ value, path = '' }: { value: Json | undefined; path?: string }) {
  const { t, tl, date, labels, sentence, number } = useUi();
  if (value === undefined || value === null || value === '') return <span class="muted">{t('common.none')}</span>;
  const hidden = hiddenAs(value);
  if (hidden) return <span class={`muted ${hidden === '[redacted]' ? 'redacted' : 'erased'}`}>{t(MARKERS[hidden])}</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  // An amount of money reads with its thousands separated (10,000); other numbers (revisions, years, scores) as they are.
  if (typeof value === 'number') return <>{/(^|\.)amount$/i.test(path) ? number(value) : value}</>;
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return <>{date(value)}</>;
    const coded = fieldCode(labels, path, value) ?? labels.known('value', value);
    // A note the server wrote ("clock resumed by assess"); what a person wrote is shown as written.
    return <>{coded ?? (SERVER_NOTES.test(value) ? sentence(value) : value)}</>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">{t('common.none')}</span>;
    return (
      <ol class="json-list">
        {value.map((item, i) => (
          <li key={i}>
            <JsonView value={item} path={path} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <dl class="json">
      {Object.entries(value).map(([key, item]) => (
        <div key={key}>
          <dt>{fieldLabel(tl, path ? `${path}.${key}` : key)}</dt>
          <dd>
            <JsonView value={item} path={path ? `${path}.${key}` : key} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `complainant.email` → the label of `field.complainant.email`, else of `field.email`, else the name; a notice's `channel` → `field.noticeChannel`. */
export function fieldLabel(tl: (prefix: string, value: string) => string, path: string, schema?: string): string {
  const plain = path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '');
  const parts = plain.split('.');
  const last = parts.at(-1) ?? plain;
  if (last === 'channel' && (NOTICE_SCOPES.has(schema ?? '') || NOTICE_SCOPES.has(parts.at(-2) ?? ''))) return tl('field', 'noticeChannel');
  const full = tl('field', plain);
  if (full !== plain) return full;
  return tl('field', last);
}

/** Where a `channel` is a notice's (a notice's form, by its body's schema, or a notice in the case's data), not the receipt's. */
const NOTICE_SCOPES: ReadonlySet<string> = new Set([
  'AcknowledgeBody', 'SendInterimNoticeBody', 'RequestSupplementBody', 'CommunicateDecisionBody',
  'acknowledgement', 'supplementRequest', 'decisionCommunicated', 'notices',
]);

/** An ISO 10002 clause's title in the chosen language, else the one the API gave. */
export function clauseTitle(tl: (prefix: string, value: string) => string, clause: string, given: string): string {
  const label = tl('clause', clause);
  return label === clause ? given : label;
}

export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 8) : id;
}

/** The tab's title follows the page, so a screen reader and the history name the place. */
export function usePageTitle(title: string): void {
  const { t } = useUi();
  const full = `${title} · ${t('app.title')}`;
  if (document.title !== full) document.title = full;
}

/**
 * The commands this user may give on a record, a button each; the open one is pressed and controls its form
 * (`form-<command>`). `none`: what to say when there are none, if more is known than the state.
 */
export function CommandButtons({ commands, open, label, onToggle, none }: { commands: readonly string[]; open: string | undefined; label: (command: string) => string; onToggle: (command: string) => void; none?: string }) {
  const { t } = useUi();
  if (commands.length === 0) return <p>{none ?? t('case.noActions')}</p>;
  return (
    <div class="commands" role="group" aria-label={t('case.actions')}>
      {commands.map((command) => (
        <button
          type="button"
          key={command}
          data-command={command}
          aria-expanded={open === command}
          aria-controls={open === command ? `form-${command}` : undefined}
          class={open === command ? 'active' : ''}
          onClick={() => onToggle(command)}
        >
          {label(command)}
        </button>
      ))}
    </div>
  );
}

/** A record's events, oldest first: what, when, by whom in which role, and (unless `data` is false) what each carried. */
export function Timeline({ events, label, data = true }: { events: readonly EventView[]; label: (type: string) => string; data?: boolean }) {
  const { t, tl, date } = useUi();
  return (
    <ol class="timeline">
      {events.map((event) => (
        <li key={event.revision} data-event={event.type}>
          <p class="event-head">
            <strong>{label(event.type)}</strong> <span class="muted">#{event.revision}</span>
          </p>
          <p class="muted">
            <time dateTime={event.occurredAt}>{date(event.occurredAt)}</time> · {t('case.by', { actor: event.actorId, role: tl('role', event.actorRole) })}
          </p>
          {data && Object.keys(event.data).length > 0 && (
            <details>
              <summary>{t('history.data')}</summary>
              <JsonView value={event.data} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Why a command failed, above the commands: a stale edit (412) says to reload; anything else in words. Reload starts over. */
export function CommandProblem({ problem, onReload }: { problem: unknown; onReload: () => void }) {
  const { t } = useUi();
  const errorText = useErrorText();
  // The keyboard goes to what went wrong, as to a 400's summary: left on the button, it fell to the page's body.
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem !== undefined) alert.current?.focus();
  }, [problem]);
  if (problem === undefined) return null;
  return (
    <div class="message error" role="alert" tabIndex={-1} ref={alert}>
      <p>{problem instanceof ApiError && problem.status === 412 ? t('case.stale', { revision: String(problem.body.currentRevision ?? '?') }) : errorText(problem)}</p>
      <button type="button" onClick={onReload}>
        {t('common.reload')}
      </button>
    </div>
  );
}
