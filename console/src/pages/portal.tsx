import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { translate, type Language } from '../i18n';
import { CALENDAR_ZONE } from '../calendar-zone';
import { pastedTextCleaned } from '../pasted-text';
import { isPortalKey, portalText, type PortalKey } from '../portal-i18n';
import { portalRule } from '../portal-rules';

/** The complainant's side: no sign-in, its own calls (the follow-up link is the only credential). */

interface FieldError {
  field: string;
  rule: string;
}
type Answer<T> = { ok: true; data: T } | { ok: false; status: number; errors: FieldError[]; retryAfterSeconds?: number; limit?: string };

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  let response: Response;
  try {
    // Zero-width characters pasted along with the text go no further (see pasted-text.ts).
    response = await fetch(path, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body, pastedTextCleaned) });
  } catch {
    return { ok: false, status: 0, errors: [] };
  }
  const data = (await response.json().catch(() => ({}))) as { errors?: FieldError[]; retryAfterSeconds?: number; limit?: string };
  return response.ok ? { ok: true, data: data as T } : { ok: false, status: response.status, errors: data.errors ?? [], retryAfterSeconds: data.retryAfterSeconds, limit: data.limit };
}

type Name = { ko: string; en: string };
interface Form {
  categories: { code: string; name: Name }[];
  consentWording: Record<Language, { personalData: string; email: string; sms: string }>;
}
interface Filed {
  reference: string | null;
  followUpUrl: string;
  expiresAt: string;
  emailed: boolean;
  texted: boolean;
}
type CompensationForm = 'goods' | 'money';
/** What the decision granted, and what was handed over when (src/portal/portal-view.ts). */
interface Compensation {
  amount: number;
  currency: string;
  form: CompensationForm | null;
  description: string | null;
  handedOver: { form: CompensationForm; description: string; amount: number; currency: string; at: string } | null;
}
/** Where the case stands (src/portal/portal-view.ts `PortalStage`): each has its words (`portal.stage.*`). */
type Stage = 'received' | 'in-progress' | 'decided' | 'closed' | 'closed-unreachable' | 'withdrawn' | 'not-a-complaint';
/** Why a submission is not a complaint (domain/catalog.ts `EXCLUSIONS`): each has its words (`portal.exclusion.*`). */
type Exclusion = 'private-law' | 'court-or-investigation' | 'unidentified' | 'fraudulent';
interface PortalCase {
  reference: string | null;
  stage: Stage;
  /** Once excluded at the initial assessment (`not-a-complaint`), on which ground; never staff's note. */
  exclusion: Exclusion | null;
  category: { code: string; name: Name };
  description: string;
  /** Who wrote the description as it stands: staff's record of it (received by phone, amended) is not the complainant's words. */
  descriptionBy: 'complainant' | 'staff';
  attachments: string[];
  receivedAt: string;
  dueAt: string | null;
  expectedBy: string | null;
  interimNotices: { at: string; progress: string; delayReason: string; expectedBy: string | null }[];
  /** An answer staff recorded (given them by phone or letter) is said to be answered, never shown (`answer` null). */
  informationRequests: { requestId: string; request: string; dueAt: string | null; answeredAt: string | null; answeredBy: 'complainant' | 'staff' | null; answer: string | null }[];
  /** Staff's open request to supplement or correct the complaint: answered with the amend form. */
  supplementRequest: { request: string; requestedAt: string; holdsTheDeadline: boolean } | null;
  decision: ToldDecision | null;
  reopenedAt: string | null;
  earlierDecision: ToldDecision | null;
  survey: 'not-yet' | 'open' | 'answered' | 'none';
  /** What the survey asks: the catalog's elements, in its order. */
  surveyQuestions: { code: string; name: Name }[];
  mayWithdraw: boolean;
  mayAmend: boolean;
}


interface Props {
  language: Language;
  onLanguage: () => void;
  /** The follow-up link's token: the case page; none: the filing form. */
  token?: string;
}

/** What the API limits the documents' names to (src/portal/portal-bodies.ts), said on the form before anyone meets it. */
const ATTACHMENTS = { count: 10, length: 200 };

export function PortalPage({ language, onLanguage, token }: Props) {
  const t = (key: PortalKey, values?: Record<string, string | number>) => portalText(language, key, values);
  const main = useRef<HTMLElement>(null);
  // Moving from the form to a case: the keyboard starts at the top of the new page (not on the first load).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [token]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        {language === 'ko' ? '본문으로 건너뛰기' : 'Skip to content'}
      </a>
      <header class="top">
        <p class="brand">{t('portal.brand')}</p>
        <div class="who">
          {/* The name starts with the label shown ("English"), so a voice command that says it finds it (WCAG 2.5.3). */}
          <button type="button" class="language" onClick={onLanguage}>
            <span lang={language === 'ko' ? 'en' : 'ko'}>{t('portal.language')}</span>
            <span class="visually-hidden">: {t('portal.languageLabel')}</span>
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="portal">
        {token ? <CaseView key={token} token={token} language={language} t={t} /> : (
          <>
            <FileForm language={language} t={t} />
            <FollowByCode language={language} t={t} />
          </>
        )}
      </main>
    </>
  );
}

type T = (key: PortalKey, values?: Record<string, string | number>) => string;

/** Where the case stands, in words; a stage the page does not know yet (a newer server) in general words rather than a broken page. */
function stageText(t: T, stage: string): string {
  const key = `portal.stage.${stage}`;
  return isPortalKey(key) ? t(key) : t('portal.stage.other');
}

function useDates(language: Language) {
  const format = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', timeZone: CALENDAR_ZONE });
  return (iso: string) => format.format(new Date(iso));
}

/** An amount as a person reads it: "10,000원" on the Korean page, "KRW 10,000" on the English one. */
function money(language: Language, amount: number, currency: string): string {
  if (language === 'ko' && currency === 'KRW') return `${new Intl.NumberFormat('ko-KR').format(amount)}원`;
  return new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { style: 'currency', currency, currencyDisplay: language === 'ko' ? 'name' : 'code' }).format(amount);
}

/** A refusal of the API as the page shows it: a sentence, and the fields' rules. */
interface Refusal {
  status: number;
  problem: string;
  errors: FieldError[];
}

/** A refusal as a sentence; the fields it names are shown beside them. */
function problemOf(answer: Exclude<Answer<unknown>, { ok: true }>, t: T): string {
  if (answer.status === 0) return t('portal.error.network');
  // The filing limit counts in hours: its wait reads in minutes.
  if (answer.status === 429 && answer.limit === 'filing') return t('portal.error.filingLimit', { minutes: Math.ceil((answer.retryAfterSeconds ?? 3600) / 60) });
  if (answer.status === 429) return t('portal.error.busy', { seconds: answer.retryAfterSeconds ?? 60 });
  if (answer.status === 400) return t('portal.error.invalid');
  if (answer.status === 409) return t('portal.error.notNow');
  if (answer.status === 404) return t('portal.case.notFound');
  return t('portal.error.generic', { status: answer.status });
}

const refusalOf = (answer: Exclude<Answer<unknown>, { ok: true }>, t: T): Refusal => ({ status: answer.status, problem: problemOf(answer, t), errors: answer.errors });

/** A field of a form as a refusal names it: its element, its label, and the names the API gives it (an answer is the command's `summary`). */
interface FormField {
  id: string;
  label: string;
  names: string[];
}

const names = (error: FieldError, field: FormField) => field.names.some((name) => error.field === name || error.field.startsWith(`${name}.`) || error.field.startsWith(`${name}[`));

/** The rule a refusal gives for a field, in the page's language; none when it names the field not. */
function ruleFor(refusal: Refusal | undefined, field: FormField, language: Language): string | undefined {
  const error = refusal?.errors.find((e) => names(e, field));
  return error && portalRule(language, error.rule);
}

/**
 * What went wrong, where the person is: above the form that was sent, taking the focus. Each field it
 * names is a link to the field, which shows its rule beside it; a rule that names no field of the form
 * is said here.
 */
function RefusalSummary({ refusal, fields, language, t }: { refusal: Refusal; fields: FormField[]; language: Language; t: T }) {
  const box = useRef<HTMLDivElement>(null);
  const date = useDates(language);
  useEffect(() => box.current?.focus(), [refusal]);
  const marked = fields.flatMap((field) => {
    const rule = ruleFor(refusal, field, language);
    return rule === undefined ? [] : [{ field, rule }];
  });
  const unplaced = refusal.errors.filter((e) => !fields.some((field) => names(e, field)));
  return (
    <div class="message error" role="alert" tabIndex={-1} ref={box}>
      <p>{marked.length > 0 ? t('portal.errors') : refusal.problem}</p>
      {marked.length + unplaced.length > 0 && (
        <ul>
          {marked.map(({ field, rule }) => (
            <li key={field.id}>
              <a href={`#${field.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(field.id)?.focus(); }}>{field.label}: {rule}</a>
            </li>
          ))}
          {unplaced.map((e) => <li key={`${e.field} ${e.rule}`}>{portalRule(language, e.rule, date)}</li>)}
        </ul>
      )}
    </div>
  );
}

function Field({ id, label, error, children, hint, required }: { id: string; label: string; error?: string; hint?: string; required?: string; children: (props: Record<string, unknown>) => JSX.Element }) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}{required && <span class="required"> {required}</span>}</label>
      {hint && <p class="help" id={`${id}-hint`}>{hint}</p>}
      {children({ id, required: required !== undefined, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/**
 * The submit button of a form: while the request is out it says so and takes no second press (a double
 * click sent twice). It stays focusable (`aria-disabled`), so the keyboard does not fall to the page.
 */
function SendButton({ label, sending, busy, t, class: className }: { label: string; sending: boolean; busy: boolean; t: T; class?: string }) {
  return <button type="submit" class={className} aria-disabled={busy ? 'true' : undefined}>{sending ? t('portal.sending') : label}</button>;
}

/** A new random Idempotency-Key (crypto.getRandomValues: randomUUID needs a secure context, which a plain-HTTP address is not). */
function newFilingKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The documents' names, one per line. */
const attachmentNames = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

function FileForm({ language, t }: { language: Language; t: T }) {
  const [form, setForm] = useState<Form>();
  const [values, setValues] = useState({ category: '', description: '', attachments: '', name: '', email: '', phone: '' });
  const [consent, setConsent] = useState({ personalData: false, email: false, sms: false });
  const [unavailable, setUnavailable] = useState('');
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  /**
   * The filing last sent and its Idempotency-Key: sent again unchanged (its answer was lost: "the server
   * could not be reached"), it is filed once and answered as the first time; changed, it is a new filing.
   */
  const lastSent = useRef<{ body: string; key: string }>(undefined);
  const [filed, setFiled] = useState<Filed>();
  const filedTitle = useRef<HTMLHeadingElement>(null);
  const date = useDates(language);
  useEffect(() => {
    document.title = t('portal.file.title');
    void call<Form>('GET', '/portal/form').then((answer) => (answer.ok ? setForm(answer.data) : setUnavailable(problemOf(answer, t))));
  }, [language]);
  // Filed: the keyboard goes on from the answer (the button it was on is gone).
  useEffect(() => filedTitle.current?.focus(), [filed]);

  const fields: FormField[] = [
    { id: 'category', label: t('portal.category'), names: ['category'] },
    { id: 'description', label: t('portal.description'), names: ['description'] },
    { id: 'attachments', label: t('portal.attachments'), names: ['attachments'] },
    { id: 'name', label: t('portal.name'), names: ['name'] },
    { id: 'email', label: t('portal.email'), names: ['email'] },
    { id: 'phone', label: t('portal.phone'), names: ['phone'] },
    { id: 'consent-personalData', label: t('portal.consent.personalData'), names: ['consent.personalData'] },
    { id: 'consent-email', label: t('portal.consents'), names: ['consent.email'] },
    { id: 'consent-sms', label: t('portal.consents'), names: ['consent.sms'] },
  ];
  const errorOf = (id: string) => ruleFor(refusal, fields.find((f) => f.id === id)!, language);
  async function submit(event: Event) {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    const body = {
      category: values.category, description: values.description, name: values.name,
      ...(attachmentNames(values.attachments).length > 0 ? { attachments: attachmentNames(values.attachments) } : {}),
      ...(values.email ? { email: values.email } : {}), ...(values.phone ? { phone: values.phone } : {}),
      consent, language,
    };
    const sent = JSON.stringify(body);
    if (lastSent.current?.body !== sent) lastSent.current = { body: sent, key: newFilingKey() };
    const answer = await call<Filed>('POST', '/portal/complaints', body, { 'idempotency-key': lastSent.current.key });
    sending.current = false;
    setBusy(false);
    if (answer.ok) {
      setFiled(answer.data);
      setRefusal(undefined);
      return;
    }
    setRefusal(refusalOf(answer, t));
  }

  if (filed) {
    // Not e-mailed: no address given, no consent to e-mail, or the mail failed (or no mail server): the link is on this page only.
    const unsent: PortalKey = values.email.trim() === '' ? 'portal.filed.noEmail' : consent.email ? 'portal.filed.notEmailed' : 'portal.filed.notAsked';
    return (
      <section class="panel" aria-labelledby="filed-title">
        <h1 id="filed-title" tabIndex={-1} ref={filedTitle}>{t('portal.filed.title')}</h1>
        <p class="reference" data-testid="reference">{t('portal.filed.reference', { reference: filed.reference ?? '' })}</p>
        <h2>{t('portal.filed.link')}</h2>
        <p class="mono" data-testid="follow-up-url">{filed.followUpUrl}</p>
        <p>{t('portal.filed.keep', { date: date(filed.expiresAt) })}</p>
        {filed.emailed ? <p>{t('portal.filed.emailed')}</p> : filed.texted ? <p data-testid="texted">{t('portal.filed.texted')}</p> : <p class="message unavailable" data-testid="save-the-link">{t(unsent)}</p>}
        <p><a href={filed.followUpUrl}>{t('portal.filed.open')}</a></p>
      </section>
    );
  }
  const text = (name: keyof typeof values) => ({ value: values[name], onInput: (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value }) });
  const wording = form?.consentWording[language];
  const required = t('portal.required');
  return (
    <>
      <h1>{t('portal.file.title')}</h1>
      <p class="help">{t('portal.file.help')}</p>
      {unavailable && <div class="message error" role="alert"><p>{unavailable}</p></div>}
      {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
      {form && wording && (
        <form class="panel portal-form" onSubmit={submit} noValidate>
          <p class="help">{t('portal.requiredHelp')}</p>
          <Field id="category" label={t('portal.category')} error={errorOf('category')} required={required}>
            {(p) => (
              <select {...p} value={values.category} onChange={(e) => setValues({ ...values, category: (e.target as HTMLSelectElement).value })}>
                <option value="">{t('portal.category.choose')}</option>
                {form.categories.map((c) => <option key={c.code} value={c.code}>{c.name[language]}</option>)}
              </select>
            )}
          </Field>
          <Field id="description" label={t('portal.description')} error={errorOf('description')} required={required}>
            {(p) => <textarea {...p} rows={6} maxLength={5000} {...text('description')} />}
          </Field>
          <Field id="attachments" label={t('portal.attachments')} error={errorOf('attachments')} hint={t('portal.attachmentsHelp', ATTACHMENTS)}>
            {(p) => <textarea {...p} rows={2} maxLength={2000} {...text('attachments')} />}
          </Field>
          <Field id="name" label={t('portal.name')} error={errorOf('name')} required={required}>
            {(p) => <input {...p} autocomplete="name" {...text('name')} />}
          </Field>
          <Field id="email" label={t('portal.email')} error={errorOf('email')} hint={t('portal.contactHelp')}>
            {(p) => <input {...p} type="email" autocomplete="email" {...text('email')} />}
          </Field>
          <Field id="phone" label={t('portal.phone')} error={errorOf('phone')}>
            {(p) => <input {...p} type="tel" autocomplete="tel" {...text('phone')} />}
          </Field>
          <fieldset class="group">
            <legend>{t('portal.consents')}</legend>
            {(['personalData', 'email', 'sms'] as const).map((kind) => {
              const error = errorOf(`consent-${kind}`);
              return (
                <div class="field check" key={kind}>
                  <input
                    type="checkbox" id={`consent-${kind}`} checked={consent[kind]} required={kind === 'personalData'}
                    aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `consent-${kind}-error` : undefined}
                    onChange={(e) => setConsent({ ...consent, [kind]: (e.target as HTMLInputElement).checked })}
                  />
                  <label for={`consent-${kind}`}>
                    {wording[kind]}
                    {kind === 'personalData' && <span class="required"> {required}</span>}
                  </label>
                  {error && <p class="field-error" id={`consent-${kind}-error`}>{error}</p>}
                </div>
              );
            })}
          </fieldset>
          <div class="actions">
            <SendButton label={t('portal.submit')} sending={busy} busy={busy} t={t} />
          </div>
        </form>
      )}
    </>
  );
}

/** What a form on the case page is given: its refusal, if the last try of it was refused, and whether a request is out. */
interface FormState {
  refusal?: Refusal;
  /** This form's request is out. */
  sending: boolean;
  /** A request of any form of the page is out: no other is sent meanwhile. */
  busy: boolean;
  language: Language;
  t: T;
}

/** What `call` gives for a request the API did not answer as asked (or did not answer at all: status 0). */
type Failed = Exclude<Answer<unknown>, { ok: true }>;

/**
 * The case moved past what the page showed when an action was sent: it was refused (409; 412 were the
 * portal to send `If-Match`), or an answer named a request answered meanwhile (400 naming `requestId`).
 */
const outOfDate = (answer: Failed) => answer.status === 409 || answer.status === 412 || (answer.status === 400 && answer.errors.some((e) => e.field === 'requestId'));

/** An action refused on a page the case had moved past, and the case as it was shown and as it is now (read again). */
interface Moved {
  form: string;
  before: PortalCase;
  after: PortalCase;
}

/** What the lead of a refused action says: which action was not done. */
const movedLead = (form: string): PortalKey => (form.startsWith('answer ') ? 'portal.moved.answer' : (`portal.moved.${form}` as PortalKey));

/**
 * The case is decided and the result not yet told: the stage still says it is being handled (the view
 * says no more), but it may no longer be changed or withdrawn (the decision concludes the handling).
 */
const settling = (view: PortalCase) => (view.stage === 'received' || view.stage === 'in-progress') && !view.mayWithdraw && !view.mayAmend;

/**
 * A request is answered while the case is handled before its decision (assigned or investigated: the
 * machine takes the answer there only), which is when it may also be withdrawn.
 */
const answerable = (view: PortalCase) => view.stage === 'in-progress' && view.mayWithdraw;

/** What a complainant can see changed between the page they had and the case as it is now, in their words. */
function whatChanged(before: PortalCase, after: PortalCase, t: T, date: (iso: string) => string): string[] {
  const changes: string[] = [];
  if (after.stage !== before.stage) changes.push(t('portal.moved.stage', { stage: stageText(t, after.stage) }));
  if (after.decision && !before.decision) changes.push(t('portal.moved.decision'));
  if (settling(after) && !settling(before)) changes.push(t('portal.case.settling'));
  else if (after.stage !== 'withdrawn') {
    if (before.mayWithdraw && !after.mayWithdraw) changes.push(t('portal.moved.noWithdraw'));
    if (before.mayAmend && !after.mayAmend) changes.push(t('portal.moved.noAmend'));
  }
  if (after.description !== before.description) changes.push(t('portal.moved.description'));
  after.informationRequests.forEach((request, i) => {
    const shown = before.informationRequests.find((r) => r.requestId === request.requestId);
    if (!shown) changes.push(t('portal.moved.newRequest', { number: i + 1 }));
    else if (!shown.answeredAt && request.answeredAt) changes.push(t('portal.moved.answered', { number: i + 1, date: date(request.answeredAt) }));
  });
  if (after.supplementRequest && after.supplementRequest.requestedAt !== before.supplementRequest?.requestedAt) changes.push(t('portal.moved.supplement'));
  if (after.interimNotices.length > before.interimNotices.length) changes.push(t('portal.moved.interim'));
  if (after.survey !== before.survey && (after.survey === 'open' || after.survey === 'answered')) changes.push(t(after.survey === 'open' ? 'portal.moved.surveyOpen' : 'portal.moved.surveyAnswered'));
  return changes;
}

/**
 * An action refused because the page was out of date, said above the case, taking the focus (the form it
 * came from may be gone): which action was not done, what changed, and that the page shows the case as
 * it is now. Its words are found as it is drawn, so they follow the page's language.
 */
function MovedOn({ moved, t, date }: { moved: Moved; t: T; date: (iso: string) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [moved]);
  return (
    <div class="message error" role="alert" tabIndex={-1} ref={box} data-testid="moved-on">
      <p>{t(movedLead(moved.form))} {t('portal.moved.why')}</p>
      <ul>{whatChanged(moved.before, moved.after, t, date).map((change) => <li key={change}>{change}</li>)}</ul>
      <p>{t('portal.moved.now')}</p>
    </div>
  );
}

function CaseView({ token, language, t }: { token: string; language: Language; t: T }) {
  const [view, setView] = useState<PortalCase>();
  // The case could not be read: the link opens none (404: expired, or replaced by a new one; the code form is offered under the message, which says so), or another fault.
  const [failed, setFailed] = useState<Failed>();
  const [notice, setNotice] = useState<PortalKey>();
  const [refused, setRefused] = useState<{ form: string; refusal: Refusal }>();
  const [moved, setMoved] = useState<Moved>();
  const [sending, setSending] = useState<string>();
  const inFlight = useRef(false);
  const title = useRef<HTMLHeadingElement>(null);
  const date = useDates(language);
  const path = `/portal/cases/${encodeURIComponent(token)}`;
  useEffect(() => {
    void call<PortalCase>('GET', path).then((answer) => (answer.ok ? setView(answer.data) : setFailed(answer)));
  }, [token]);
  const deadLink = failed?.status === 404;
  const failedTitle = deadLink ? t('portal.deadLink.title') : t('portal.case.unavailable');
  useEffect(() => {
    document.title = view ? t('portal.case.title', { reference: view.reference ?? '' }) : failed ? failedTitle : t('portal.brand');
  });
  // A case that cannot be shown: the keyboard and the screen reader start at its heading, which says so.
  useEffect(() => {
    if (!view && failed) title.current?.focus();
  }, [view, failed]);

  /**
   * Sends one form's action, one at a time. Done: the page heading takes the focus, with what was done
   * said right under it (the form may be gone); refused: the form says why, where it is; refused because
   * the case moved on meanwhile: the case is read again, and a message above it says what changed.
   */
  async function act(form: string, action: string, body: unknown, done: PortalKey): Promise<boolean> {
    if (inFlight.current || !view) return false;
    inFlight.current = true;
    setSending(form);
    let answer: Answer<PortalCase> = await call<PortalCase>('POST', `${path}/${action}`, body);
    const refusedAnswer = answer.ok ? undefined : answer;
    if (refusedAnswer && outOfDate(refusedAnswer)) answer = await call<PortalCase>('GET', path);
    inFlight.current = false;
    setSending(undefined);
    // The link stopped working while the page was open (a new one was sent): the page becomes the dead link's, with the code form.
    if (!answer.ok && answer.status === 404) {
      setView(undefined);
      setFailed(answer);
      return false;
    }
    if (!answer.ok) {
      setRefused({ form, refusal: refusalOf(answer, t) });
      setMoved(undefined);
      setNotice(undefined);
      return false;
    }
    setView(answer.data);
    setNotice(undefined);
    if (refusedAnswer) {
      // Nothing the complainant can see changed: the form says why, where it is, as any refusal.
      const changed = whatChanged(view, answer.data, t, date).length > 0;
      setRefused(changed ? undefined : { form, refusal: refusalOf(refusedAnswer, t) });
      setMoved(changed ? { form, before: view, after: answer.data } : undefined);
      return false;
    }
    setRefused(undefined);
    setMoved(undefined);
    setNotice(done);
    title.current?.focus();
    return true;
  }
  const stateOf = (form: string): FormState => ({ refusal: refused?.form === form ? refused.refusal : undefined, sending: sending === form, busy: sending !== undefined, language, t });

  if (!view) {
    if (!failed) return <p class="loading">…</p>;
    return (
      <>
        <h1 tabIndex={-1} ref={title}>{failedTitle}</h1>
        <div class="message error" role="alert"><p>{problemOf(failed, t)}</p><p><a href="#/portal">{t('portal.newComplaint')}</a></p></div>
        {deadLink && <FollowByCode language={language} t={t} />}
      </>
    );
  }
  // The form to change what they wrote: right under a supplement request, which it answers; else last but one.
  const amend = view.mayAmend && <Amend {...stateOf('amend')} current={view.description} onSend={(body) => act('amend', 'amend', body, 'portal.amend.done')} />;
  return (
    <>
      <h1 tabIndex={-1} ref={title}>{t('portal.case.title', { reference: view.reference ?? '' })}</h1>
      {/* Always in the page, so what is said in it is announced (a live region added with its text may not be). */}
      <div class="status" role="status" aria-live="polite">{notice && t(notice)}</div>
      {moved && <MovedOn moved={moved} t={t} date={date} />}
      <section class="panel" aria-labelledby="where">
        <h2 id="where">{t('portal.case.where')}</h2>
        <p class="stage" data-testid="stage">{stageText(t, view.stage)}</p>
        {view.exclusion && <dl class="facts"><dt>{t('portal.case.exclusion')}</dt><dd data-testid="exclusion">{t(`portal.exclusion.${view.exclusion}`)}</dd></dl>}
        {/* The forms to change and withdraw are gone: say why (the stage alone still says it is being handled). */}
        {settling(view) && <p data-testid="settling">{t('portal.case.settling')}</p>}
        <dl class="facts">
          <dt>{t('portal.case.received')}</dt><dd>{date(view.receivedAt)}</dd>
          {view.dueAt && <><dt>{t('portal.case.due')}</dt><dd>{date(view.dueAt)}</dd></>}
          {view.expectedBy && <><dt>{t('portal.case.expected')}</dt><dd data-testid="expected">{date(view.expectedBy)}</dd></>}
          <dt>{t('portal.case.category')}</dt><dd>{view.category.name[language]}</dd>
        </dl>
        <h3>{t(view.descriptionBy === 'staff' ? 'portal.case.descriptionRecorded' : 'portal.case.description')}</h3>
        <p class="text">{view.description}</p>
        {view.attachments.length > 0 && (
          <>
            <h3>{t('portal.attachments')}</h3>
            <ul data-testid="attachments">{view.attachments.map((name) => <li key={name}>{name}</li>)}</ul>
          </>
        )}
      </section>
      {view.interimNotices.length > 0 && (
        <section class="panel" aria-labelledby="interim">
          <h2 id="interim">{t('portal.case.interim')}</h2>
          <ul>{view.interimNotices.map((n) => <li key={n.at}>{t(n.expectedBy ? 'portal.case.interim.itemExpected' : 'portal.case.interim.item', { date: date(n.at), progress: n.progress, reason: n.delayReason, expected: n.expectedBy ? date(n.expectedBy) : '' })}</li>)}</ul>
        </section>
      )}
      {view.informationRequests.length > 0 && (
        <section class="panel" aria-labelledby="requests">
          <h2 id="requests">{t('portal.case.requests')}</h2>
          {view.informationRequests.map((r, i) => (
            <InformationRequest
              key={r.requestId} {...stateOf(`answer ${r.requestId}`)} request={r} number={i + 1} answerable={answerable(view)} date={date}
              onAnswer={(answer) => act(`answer ${r.requestId}`, 'answers', { requestId: r.requestId, answer }, 'portal.case.answered')}
            />
          ))}
        </section>
      )}
      {view.supplementRequest && (
        <section class="panel" aria-labelledby="supplement" data-testid="supplement-request">
          <h2 id="supplement">{translate(language, 'portal.supplement.title')}</h2>
          <p class="text">{view.supplementRequest.request}</p>
          <p class="help">{translate(language, 'portal.supplement.asked', { date: date(view.supplementRequest.requestedAt) })}</p>
          {view.supplementRequest.holdsTheDeadline && <p>{translate(language, 'portal.supplement.holds')}</p>}
          {view.mayAmend && <p>{translate(language, 'portal.supplement.how')}</p>}
        </section>
      )}
      {view.supplementRequest && amend}
      {view.decision && (
        <section class="panel" aria-labelledby="decision">
          <h2 id="decision">{t('portal.case.decision')}</h2>
          <DecisionFacts decision={view.decision} language={language} t={t} date={date} />
        </section>
      )}
      {view.reopenedAt && (
        <section class="panel" aria-labelledby="reopened" data-testid="reopened">
          <h2 id="reopened">{t('portal.case.reopened')}</h2>
          <p>{t('portal.case.reopenedOn', { date: date(view.reopenedAt) })}</p>
          {view.earlierDecision && (
            <>
              <h3>{t('portal.case.earlierDecision')}</h3>
              <DecisionFacts decision={view.earlierDecision} language={language} t={t} date={date} />
            </>
          )}
        </section>
      )}
      {view.survey === 'open' && <Survey {...stateOf('survey')} questions={view.surveyQuestions} onSend={(body) => act('survey', 'survey', body, 'portal.survey.thanks')} />}
      {view.survey === 'answered' && <p class="message">{t('portal.survey.thanks')}</p>}
      {!view.supplementRequest && amend}
      {view.mayWithdraw && <Withdraw {...stateOf('withdraw')} onSend={(reason) => act('withdraw', 'withdraw', { reason }, 'portal.withdraw.done')} />}
    </>
  );
}

type ToldDecision = { outcome: string; basis: string; remedy: string | null; appeal: string; communicatedAt: string; compensation: Compensation | null };

/** A result as it was told: the outcome, basis, remedy, compensation and appeal route, and when. */
function DecisionFacts({ decision, language, t, date }: { decision: ToldDecision; language: Language; t: T; date: (iso: string) => string }) {
  return (
    <>
      <dl class="facts">
        <dt>{t('portal.case.outcome')}</dt><dd data-testid="outcome">{t(`portal.outcome.${decision.outcome}` as PortalKey)}</dd>
        <dt>{t('portal.case.basis')}</dt><dd>{decision.basis}</dd>
        {decision.remedy && <><dt>{t('portal.case.remedy')}</dt><dd>{decision.remedy}</dd></>}
        {decision.compensation && <CompensationFacts compensation={decision.compensation} language={language} t={t} date={date} />}
        <dt>{t('portal.case.appeal')}</dt><dd>{decision.appeal}</dd>
      </dl>
      <p class="help">{t('portal.case.told', { date: date(decision.communicatedAt) })}</p>
    </>
  );
}

/** The compensation granted, as the decision's notice names it, and whether it was handed over. */
function CompensationFacts({ compensation: c, language, t, date }: { compensation: Compensation; language: Language; t: T; date: (iso: string) => string }) {
  const amount = money(language, c.amount, c.currency);
  const granted = c.form ? t(`portal.compensation.${c.form}`, { amount }) : amount;
  const handed = c.handedOver;
  return (
    <>
      <dt>{t('portal.case.compensation')}</dt>
      <dd data-testid="compensation">{c.description ? `${granted}: ${c.description}` : granted}</dd>
      <dt>{t('portal.compensation.handedOver')}</dt>
      <dd data-testid="compensation-handed-over">
        {handed
          ? t('portal.compensation.handedOverOn', { date: date(handed.at), what: `${handed.description} (${t(`portal.compensation.${handed.form}`, { amount: money(language, handed.amount, handed.currency) })})` })
          : t('portal.compensation.notYet')}
      </dd>
    </>
  );
}

/**
 * One request addressed to the complainant, numbered as the page lists them: its heading, the answer's
 * label and the answer's heading say which request (a screen reader lists them by these). Answered: the
 * answer recorded (whoever recorded it: the view does not say); open and answerable: the form.
 */
function InformationRequest({ request, number, answerable, date, onAnswer, refusal, sending, busy, language, t }: FormState & { request: PortalCase['informationRequests'][number]; number: number; answerable: boolean; date: (iso: string) => string; onAnswer: (answer: string) => Promise<boolean> }) {
  const [answer, setAnswer] = useState('');
  const id = `answer-${request.requestId}`;
  const label = t('portal.case.request.answerTo', { number });
  // A blank answer is refused by the command, which calls it `summary`.
  const fields: FormField[] = [{ id, label, names: ['answer', 'summary'] }];
  const error = ruleFor(refusal, fields[0]!, language);
  return (
    <section class="request" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('portal.case.request.title', { number })}</h3>
      <p class="text" id={`${id}-request`}>{request.request}</p>
      {request.answeredAt ? (
        <>
          <p class="help">{t(request.answeredBy === 'staff' ? 'portal.case.request.answeredToOffice' : 'portal.case.request.answered', { date: date(request.answeredAt) })}</p>
          {request.answer !== null && (
            <>
              <h4>{t('portal.case.request.answerOf', { number })}</h4>
              <p class="text" data-testid="answer">{request.answer}</p>
            </>
          )}
        </>
      ) : !answerable ? (
        <p class="help">{t('portal.case.request.closed')}</p>
      ) : (
        <form noValidate onSubmit={async (e) => { e.preventDefault(); if (await onAnswer(answer)) setAnswer(''); }}>
          {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
          {request.dueAt && <p class="help">{t('portal.case.request.due', { date: date(request.dueAt) })}</p>}
          <div class="field">
            <label for={id}>{label}<span class="required"> {t('portal.required')}</span></label>
            <textarea
              id={id} rows={4} maxLength={5000} required aria-invalid={error ? 'true' : undefined}
              aria-describedby={[`${id}-request`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
              value={answer} onInput={(e) => setAnswer((e.target as HTMLTextAreaElement).value)}
            />
            {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
          </div>
          <SendButton label={t('portal.case.request.send')} sending={sending} busy={busy} t={t} />
        </form>
      )}
    </section>
  );
}

/**
 * The one survey question the API requires (domain/catalog.ts `OVERALL`: the decider refuses a survey
 * without it); every other may be left out, as one that does not apply (no progress notice was sent).
 */
const SURVEY_REQUIRED = 'overall';

/** The survey as the catalog words it (operators replace its elements), in the page's language. */
function Survey({ questions, onSend, refusal, sending, busy, language, t }: FormState & { questions: PortalCase['surveyQuestions']; onSend: (body: unknown) => Promise<boolean> }) {
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const fields: FormField[] = [
    ...questions.map(({ code, name }) => ({ id: `survey-${code}-1`, label: name[language], names: [`scores.${code}`] })),
    { id: 'survey-comment', label: t('portal.survey.comment'), names: ['comment'] },
  ];
  return (
    <section class="panel" aria-labelledby="survey">
      <h2 id="survey">{t('portal.survey.title')}</h2>
      <p class="help" id="survey-help">{t('portal.survey.help', { overall: questions.find((q) => q.code === SURVEY_REQUIRED)?.name[language] ?? '' })}</p>
      {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
      <form noValidate onSubmit={(e) => { e.preventDefault(); void onSend({ scores, ...(comment ? { comment } : {}) }); }}>
        {questions.map(({ code, name }, i) => {
          const error = ruleFor(refusal, fields[i]!, language);
          const required = code === SURVEY_REQUIRED;
          return (
            <fieldset class="group scores" key={code} aria-describedby={error ? `survey-help survey-${code}-error` : 'survey-help'}>
              <legend>{name[language]}{required && <span class="required"> {t('portal.required')}</span>}</legend>
              {[1, 2, 3, 4, 5].map((score) => (
                <label key={score} class="score">
                  <input type="radio" id={`survey-${code}-${score}`} name={code} value={score} checked={scores[code] === score} required={required} aria-invalid={error ? 'true' : undefined} onChange={() => setScores({ ...scores, [code]: score })} />
                  {score}
                </label>
              ))}
              {error && <p class="field-error" id={`survey-${code}-error`}>{error}</p>}
            </fieldset>
          );
        })}
        <Field id="survey-comment" label={t('portal.survey.comment')} error={ruleFor(refusal, fields.at(-1)!, language)}>
          {(p) => <textarea {...p} rows={3} maxLength={2000} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <SendButton label={t('portal.survey.send')} sending={sending} busy={busy} t={t} />
      </form>
    </section>
  );
}

/**
 * Withdrawing ends the case for good, so the page asks once more, saying so, before it sends: a step in
 * the page (no dialog), the keyboard taken to the question and back to the button when they keep it.
 * Asked only of a reason given: the question comes after the form's faults, not before.
 */
function Withdraw({ onSend, refusal, sending, busy, language, t }: FormState & { onSend: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const backToOpener = useRef(false);
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (backToOpener.current) opener.current?.focus();
    backToOpener.current = false;
  }, [confirming]);
  // Refused (a blank reason, say): back to the form, which shows why.
  useEffect(() => {
    if (refusal) setConfirming(false);
  }, [refusal]);
  const fields: FormField[] = [{ id: 'withdraw-reason', label: t('portal.withdraw.reason'), names: ['reason'] }];
  return (
    <section class="panel" aria-labelledby="withdraw">
      <h2 id="withdraw">{t('portal.withdraw.title')}</h2>
      <p class="help">{t('portal.withdraw.final')}</p>
      {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
      {/* A blank reason goes straight to the API, which names it: nothing to confirm yet. */}
      <form noValidate onSubmit={(e) => { e.preventDefault(); if (reason.trim() === '') void onSend(reason); else setConfirming(true); }}>
        <Field id="withdraw-reason" label={t('portal.withdraw.reason')} error={ruleFor(refusal, fields[0]!, language)} required={t('portal.required')}>
          {(p) => <input {...p} maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
        </Field>
        {!confirming && <button type="submit" class="danger" ref={opener}>{t('portal.withdraw.send')}</button>}
      </form>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="withdraw-confirm">
          <p id="withdraw-confirm" tabIndex={-1} ref={question}><strong>{t('portal.withdraw.confirm')}</strong></p>
          <div class="actions">
            <button type="button" class="danger-solid" aria-disabled={busy ? 'true' : undefined} onClick={() => void onSend(reason)}>
              {sending ? t('portal.sending') : t('portal.withdraw.yes')}
            </button>
            <button type="button" onClick={() => { backToOpener.current = true; setConfirming(false); }}>{t('portal.withdraw.no')}</button>
          </div>
        </div>
      )}
    </section>
  );
}

function Amend({ current, onSend, refusal, sending, busy, language, t }: FormState & { current: string; onSend: (body: { description: string; reason: string }) => Promise<boolean> }) {
  const [description, setDescription] = useState(current);
  const [reason, setReason] = useState('');
  const fields: FormField[] = [
    { id: 'amend-description', label: t('portal.amend.description'), names: ['description'] },
    { id: 'amend-reason', label: t('portal.amend.reason'), names: ['reason'] },
  ];
  const required = t('portal.required');
  return (
    <section class="panel" aria-labelledby="amend">
      <h2 id="amend">{t('portal.amend.title')}</h2>
      {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
      <form noValidate onSubmit={(e) => { e.preventDefault(); void onSend({ description, reason }); }}>
        <Field id="amend-description" label={t('portal.amend.description')} error={ruleFor(refusal, fields[0]!, language)} required={required}>
          {(p) => <textarea {...p} rows={5} maxLength={5000} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <Field id="amend-reason" label={t('portal.amend.reason')} error={ruleFor(refusal, fields[1]!, language)} required={required}>
          {(p) => <input {...p} maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
        </Field>
        <SendButton class="secondary" label={t('portal.amend.send')} sending={sending} busy={busy} t={t} />
      </form>
    </section>
  );
}

/** The reference and a one-time code sent to the e-mail on record: a new link to the case. */
function FollowByCode({ language, t }: { language: Language; t: T }) {
  const [reference, setReference] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  // What the status line says: cleared and said again on each code asked for, so a second one is announced too.
  const [said, setSaid] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const [busy, setBusy] = useState<'send' | 'open'>();
  const fields: FormField[] = [
    { id: 'follow-reference', label: t('portal.follow.reference'), names: ['reference'] },
    { id: 'follow-email', label: t('portal.follow.email'), names: ['email'] },
    { id: 'follow-code', label: t('portal.follow.code'), names: ['code'] },
  ];
  const errorOf = (i: number) => ruleFor(refusal, fields[i]!, language);
  async function send(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy('send');
    const answer = await call<{ message: string }>('POST', '/portal/codes', { reference: reference.trim(), email: email.trim() });
    setBusy(undefined);
    if (answer.ok) {
      setSent(true);
      setRefusal(undefined);
      setSaid(false);
      window.setTimeout(() => setSaid(true), 50);
    } else setRefusal(refusalOf(answer, t));
  }
  async function open(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy('open');
    const answer = await call<{ followUpUrl: string }>('POST', '/portal/access', { reference: reference.trim(), code: code.trim() });
    setBusy(undefined);
    if (answer.ok) window.location.assign(answer.data.followUpUrl);
    else setRefusal(answer.status === 404 ? { ...refusalOf(answer, t), problem: t('portal.follow.refused') } : refusalOf(answer, t));
  }
  const required = t('portal.required');
  return (
    <section class="panel" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('portal.follow.title')}</h2>
      <p class="help">{t('portal.follow.help')}</p>
      {refusal && <RefusalSummary refusal={refusal} fields={fields} language={language} t={t} />}
      <form noValidate onSubmit={send}>
        <Field id="follow-reference" label={t('portal.follow.reference')} error={errorOf(0)} required={required}>
          {(p) => <input {...p} placeholder="2026-000123" value={reference} onInput={(e) => setReference((e.target as HTMLInputElement).value)} />}
        </Field>
        <Field id="follow-email" label={t('portal.follow.email')} error={errorOf(1)} required={required}>
          {(p) => <input {...p} type="email" autocomplete="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />}
        </Field>
        <SendButton class="secondary" label={t('portal.follow.send')} sending={busy === 'send'} busy={busy !== undefined} t={t} />
      </form>
      {/* Always in the page, its text changed: a live region inserted together with its text may not be announced. */}
      <p role="status" id="follow-sent">{said ? t('portal.follow.sent') : ''}</p>
      {sent && (
        <form noValidate onSubmit={open}>
          <Field id="follow-code" label={t('portal.follow.code')} error={errorOf(2)} required={required}>
            {(p) => <input {...p} inputMode="numeric" autocomplete="one-time-code" maxLength={6} value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />}
          </Field>
          <SendButton label={t('portal.follow.open')} sending={busy === 'open'} busy={busy !== undefined} t={t} />
        </form>
      )}
    </section>
  );
}
