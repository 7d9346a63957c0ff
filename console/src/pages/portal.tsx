import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { translate, type Language } from '../i18n';
import { CALENDAR_ZONE } from '../calendar-zone';
import { portalRule, portalText, type PortalKey } from '../portal-i18n';

/** The complainant's side: no sign-in, its own calls (the follow-up link is the only credential). */

interface FieldError {
  field: string;
  rule: string;
}
type Answer<T> = { ok: true; data: T } | { ok: false; status: number; errors: FieldError[]; retryAfterSeconds?: number };

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, errors: [] };
  }
  const data = (await response.json().catch(() => ({}))) as { errors?: FieldError[]; retryAfterSeconds?: number };
  return response.ok ? { ok: true, data: data as T } : { ok: false, status: response.status, errors: data.errors ?? [], retryAfterSeconds: data.retryAfterSeconds };
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
}
interface PortalCase {
  reference: string | null;
  stage: string;
  category: { code: string; name: Name };
  description: string;
  attachments: string[];
  receivedAt: string;
  dueAt: string | null;
  interimNotices: { at: string; progress: string; delayReason: string }[];
  informationRequests: { requestId: string; request: string; dueAt: string | null; answeredAt: string | null }[];
  /** Staff's open request to supplement or correct the complaint: answered with the amend form. */
  supplementRequest: { request: string; requestedAt: string; holdsTheDeadline: boolean } | null;
  decision: { outcome: string; basis: string; remedy: string | null; appeal: string; communicatedAt: string } | null;
  survey: 'not-yet' | 'open' | 'answered';
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
          <button type="button" class="language" lang={language === 'ko' ? 'en' : 'ko'} aria-label={t('portal.languageLabel')} onClick={onLanguage}>
            {t('portal.language')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="portal">
        {token ? <CaseView key={token} token={token} language={language} t={t} /> : (
          <>
            <FileForm language={language} t={t} />
            <FollowByCode t={t} />
          </>
        )}
      </main>
    </>
  );
}

type T = (key: PortalKey, values?: Record<string, string | number>) => string;

function useDates(language: Language) {
  const format = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: CALENDAR_ZONE });
  return (iso: string) => format.format(new Date(iso));
}

/** A refusal as a sentence; the fields it names are shown beside them. */
function problemOf(answer: Exclude<Answer<unknown>, { ok: true }>, t: T): string {
  if (answer.status === 0) return t('portal.error.network');
  if (answer.status === 429) return t('portal.error.busy', { seconds: answer.retryAfterSeconds ?? 60 });
  if (answer.status === 400) return t('portal.errors');
  if (answer.status === 409) return t('portal.error.notNow');
  if (answer.status === 404) return t('portal.case.notFound');
  return t('portal.error.generic', { status: answer.status });
}

function Field({ id, label, error, children, hint }: { id: string; label: string; error?: string; hint?: string; children: (props: Record<string, unknown>) => JSX.Element }) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && <p class="help" id={`${id}-hint`}>{hint}</p>}
      {children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

/** The documents' names, one per line. */
const attachmentNames = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

function FileForm({ language, t }: { language: Language; t: T }) {
  const [form, setForm] = useState<Form>();
  const [values, setValues] = useState({ category: '', description: '', attachments: '', name: '', email: '', phone: '' });
  const [consent, setConsent] = useState({ personalData: false, email: false, sms: false });
  const [problem, setProblem] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<Filed>();
  const date = useDates(language);
  useEffect(() => {
    document.title = t('portal.file.title');
    void call<Form>('GET', '/portal/form').then((answer) => (answer.ok ? setForm(answer.data) : setProblem(problemOf(answer, t))));
  }, [language]);

  const errorOf = (field: string) => {
    const rule = errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.rule;
    return rule === undefined ? undefined : portalRule(language, rule);
  };
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const body = {
      category: values.category, description: values.description, name: values.name,
      ...(attachmentNames(values.attachments).length > 0 ? { attachments: attachmentNames(values.attachments) } : {}),
      ...(values.email ? { email: values.email } : {}), ...(values.phone ? { phone: values.phone } : {}),
      consent, language,
    };
    const answer = await call<Filed>('POST', '/portal/complaints', body);
    setBusy(false);
    if (answer.ok) {
      setFiled(answer.data);
      setProblem('');
      setErrors([]);
      return;
    }
    setErrors(answer.errors);
    setProblem(problemOf(answer, t));
  }

  if (filed) {
    return (
      <section class="panel" aria-labelledby="filed-title">
        <h1 id="filed-title" tabIndex={-1}>{t('portal.filed.title')}</h1>
        <p class="reference" data-testid="reference">{t('portal.filed.reference', { reference: filed.reference ?? '' })}</p>
        <h2>{t('portal.filed.link')}</h2>
        <p class="mono" data-testid="follow-up-url">{filed.followUpUrl}</p>
        <p>{t('portal.filed.keep', { date: date(filed.expiresAt) })}</p>
        {filed.emailed && <p>{t('portal.filed.emailed')}</p>}
        <p><a href={filed.followUpUrl}>{t('portal.filed.open')}</a></p>
      </section>
    );
  }
  const text = (name: keyof typeof values) => ({ value: values[name], onInput: (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value }) });
  const wording = form?.consentWording[language];
  return (
    <>
      <h1>{t('portal.file.title')}</h1>
      <p class="help">{t('portal.file.help')}</p>
      {problem && <div class="message error" role="alert"><p>{problem}</p></div>}
      {form && wording && (
        <form class="panel portal-form" onSubmit={submit} noValidate>
          <Field id="category" label={t('portal.category')} error={errorOf('category')}>
            {(p) => (
              <select {...p} required value={values.category} onChange={(e) => setValues({ ...values, category: (e.target as HTMLSelectElement).value })}>
                <option value="">{t('portal.category.choose')}</option>
                {form.categories.map((c) => <option key={c.code} value={c.code}>{c.name[language]}</option>)}
              </select>
            )}
          </Field>
          <Field id="description" label={t('portal.description')} error={errorOf('description')}>
            {(p) => <textarea {...p} required rows={6} maxLength={5000} {...text('description')} />}
          </Field>
          <Field id="attachments" label={t('portal.attachments')} error={errorOf('attachments')} hint={t('portal.attachmentsHelp')}>
            {(p) => <textarea {...p} rows={2} maxLength={2000} {...text('attachments')} />}
          </Field>
          <Field id="name" label={t('portal.name')} error={errorOf('name')}>
            {(p) => <input {...p} required autocomplete="name" {...text('name')} />}
          </Field>
          <Field id="email" label={t('portal.email')} error={errorOf('email')} hint={t('portal.contactHelp')}>
            {(p) => <input {...p} type="email" autocomplete="email" {...text('email')} />}
          </Field>
          <Field id="phone" label={t('portal.phone')} error={errorOf('phone')}>
            {(p) => <input {...p} type="tel" autocomplete="tel" {...text('phone')} />}
          </Field>
          <fieldset class="group">
            <legend>{t('portal.consents')}</legend>
            {(['personalData', 'email', 'sms'] as const).map((kind) => (
              <div class="field check" key={kind}>
                <input
                  type="checkbox" id={`consent-${kind}`} checked={consent[kind]} required={kind === 'personalData'}
                  aria-invalid={errorOf(`consent.${kind}`) ? 'true' : undefined} aria-describedby={errorOf(`consent.${kind}`) ? `consent-${kind}-error` : undefined}
                  onChange={(e) => setConsent({ ...consent, [kind]: (e.target as HTMLInputElement).checked })}
                />
                <label for={`consent-${kind}`}>
                  {wording[kind]}
                  {kind === 'personalData' && <span class="required"> {t('portal.required')}</span>}
                </label>
                {errorOf(`consent.${kind}`) && <p class="field-error" id={`consent-${kind}-error`}>{errorOf(`consent.${kind}`)}</p>}
              </div>
            ))}
          </fieldset>
          <div class="actions">
            <button type="submit" disabled={busy}>{busy ? t('portal.sending') : t('portal.submit')}</button>
          </div>
        </form>
      )}
    </>
  );
}

function CaseView({ token, language, t }: { token: string; language: Language; t: T }) {
  const [view, setView] = useState<PortalCase>();
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const date = useDates(language);
  const path = `/portal/cases/${encodeURIComponent(token)}`;
  useEffect(() => {
    void call<PortalCase>('GET', path).then((answer) => (answer.ok ? setView(answer.data) : setProblem(problemOf(answer, t))));
  }, [token]);
  useEffect(() => {
    document.title = view ? t('portal.case.title', { reference: view.reference ?? '' }) : t('portal.brand');
  });

  async function act(action: string, body: unknown, done: PortalKey): Promise<boolean> {
    const answer = await call<PortalCase>('POST', `${path}/${action}`, body);
    if (!answer.ok) {
      setProblem(problemOf(answer, t));
      setNotice('');
      return false;
    }
    setView(answer.data);
    setProblem('');
    setNotice(t(done));
    return true;
  }

  if (!view) {
    return problem ? <div class="message error" role="alert"><p>{problem}</p><p><a href="#/portal">{t('portal.newComplaint')}</a></p></div> : <p class="loading">…</p>;
  }
  // The form to change what they wrote: right under a supplement request, which it answers; else last but one.
  const amend = view.mayAmend && <Amend t={t} current={view.description} onSend={(body) => act('amend', body, 'portal.amend.done')} />;
  return (
    <>
      <h1>{t('portal.case.title', { reference: view.reference ?? '' })}</h1>
      <div class="status" role="status" aria-live="polite">{notice}</div>
      {problem && <div class="message error" role="alert"><p>{problem}</p></div>}
      <section class="panel" aria-labelledby="where">
        <h2 id="where">{t('portal.case.where')}</h2>
        <p class="stage" data-testid="stage">{t(`portal.stage.${view.stage}` as PortalKey)}</p>
        <dl class="facts">
          <dt>{t('portal.case.received')}</dt><dd>{date(view.receivedAt)}</dd>
          {view.dueAt && <><dt>{t('portal.case.due')}</dt><dd>{date(view.dueAt)}</dd></>}
          <dt>{t('portal.case.category')}</dt><dd>{view.category.name[language]}</dd>
        </dl>
        <h3>{t('portal.case.description')}</h3>
        <p class="text">{view.description}</p>
        {view.attachments.length > 0 && (
          <>
            <h3>{t('portal.attachments')}</h3>
            <ul>{view.attachments.map((name) => <li key={name}>{name}</li>)}</ul>
          </>
        )}
      </section>
      {view.interimNotices.length > 0 && (
        <section class="panel" aria-labelledby="interim">
          <h2 id="interim">{t('portal.case.interim')}</h2>
          <ul>{view.interimNotices.map((n) => <li key={n.at}>{t('portal.case.interim.item', { date: date(n.at), progress: n.progress, reason: n.delayReason })}</li>)}</ul>
        </section>
      )}
      {view.informationRequests.length > 0 && (
        <section class="panel" aria-labelledby="requests">
          <h2 id="requests">{t('portal.case.requests')}</h2>
          {view.informationRequests.map((r) => <InformationRequest key={r.requestId} request={r} t={t} date={date} onAnswer={(answer) => act('answers', { requestId: r.requestId, answer }, 'portal.case.answered')} />)}
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
          <dl class="facts">
            <dt>{t('portal.case.outcome')}</dt><dd data-testid="outcome">{t(`portal.outcome.${view.decision.outcome}` as PortalKey)}</dd>
            <dt>{t('portal.case.basis')}</dt><dd>{view.decision.basis}</dd>
            {view.decision.remedy && <><dt>{t('portal.case.remedy')}</dt><dd>{view.decision.remedy}</dd></>}
            <dt>{t('portal.case.appeal')}</dt><dd>{view.decision.appeal}</dd>
          </dl>
          <p class="help">{t('portal.case.told', { date: date(view.decision.communicatedAt) })}</p>
        </section>
      )}
      {view.survey === 'open' && <Survey questions={view.surveyQuestions} language={language} t={t} onSend={(body) => act('survey', body, 'portal.survey.thanks')} />}
      {view.survey === 'answered' && <p class="message">{t('portal.survey.thanks')}</p>}
      {!view.supplementRequest && amend}
      {view.mayWithdraw && <Withdraw t={t} onSend={(reason) => act('withdraw', { reason }, 'portal.withdraw.done')} />}
    </>
  );
}

function InformationRequest({ request, t, date, onAnswer }: { request: PortalCase['informationRequests'][number]; t: T; date: (iso: string) => string; onAnswer: (answer: string) => Promise<boolean> }) {
  const [answer, setAnswer] = useState('');
  const id = `answer-${request.requestId}`;
  return (
    <div class="request">
      <p class="text" id={`${id}-request`}>{request.request}</p>
      {request.answeredAt ? (
        <p class="help">{t('portal.case.request.answered', { date: date(request.answeredAt) })}</p>
      ) : (
        <form onSubmit={async (e) => { e.preventDefault(); if (await onAnswer(answer)) setAnswer(''); }}>
          {request.dueAt && <p class="help">{t('portal.case.request.due', { date: date(request.dueAt) })}</p>}
          <div class="field">
            <label for={id}>{t('portal.case.request.answer')}</label>
            <textarea id={id} rows={4} maxLength={5000} required aria-describedby={`${id}-request`} value={answer} onInput={(e) => setAnswer((e.target as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit">{t('portal.case.request.send')}</button>
        </form>
      )}
    </div>
  );
}

/** The survey as the catalog words it (operators replace its elements), in the page's language. */
function Survey({ questions, language, t, onSend }: { questions: PortalCase['surveyQuestions']; language: Language; t: T; onSend: (body: unknown) => Promise<boolean> }) {
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  return (
    <section class="panel" aria-labelledby="survey">
      <h2 id="survey">{t('portal.survey.title')}</h2>
      <p class="help" id="survey-help">{t('portal.survey.help')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void onSend({ scores, ...(comment ? { comment } : {}) }); }}>
        {questions.map(({ code, name }) => (
          <fieldset class="group scores" key={code} aria-describedby="survey-help">
            <legend>{name[language]}</legend>
            {[1, 2, 3, 4, 5].map((score) => (
              <label key={score} class="score">
                <input type="radio" name={code} value={score} checked={scores[code] === score} required onChange={() => setScores({ ...scores, [code]: score })} />
                {score}
              </label>
            ))}
          </fieldset>
        ))}
        <div class="field">
          <label for="survey-comment">{t('portal.survey.comment')}</label>
          <textarea id="survey-comment" rows={3} maxLength={2000} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
        </div>
        <button type="submit">{t('portal.survey.send')}</button>
      </form>
    </section>
  );
}

function Withdraw({ t, onSend }: { t: T; onSend: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState('');
  return (
    <section class="panel" aria-labelledby="withdraw">
      <h2 id="withdraw">{t('portal.withdraw.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void onSend(reason); }}>
        <div class="field">
          <label for="withdraw-reason">{t('portal.withdraw.reason')}</label>
          <input id="withdraw-reason" required maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="secondary">{t('portal.withdraw.send')}</button>
      </form>
    </section>
  );
}

function Amend({ t, current, onSend }: { t: T; current: string; onSend: (body: { description: string; reason: string }) => Promise<boolean> }) {
  const [description, setDescription] = useState(current);
  const [reason, setReason] = useState('');
  return (
    <section class="panel" aria-labelledby="amend">
      <h2 id="amend">{t('portal.amend.title')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void onSend({ description, reason }); }}>
        <div class="field">
          <label for="amend-description">{t('portal.amend.description')}</label>
          <textarea id="amend-description" rows={5} required maxLength={5000} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="field">
          <label for="amend-reason">{t('portal.amend.reason')}</label>
          <input id="amend-reason" required maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="secondary">{t('portal.amend.send')}</button>
      </form>
    </section>
  );
}

/** The reference and a one-time code sent to the e-mail on record: a new link to the case. */
function FollowByCode({ t }: { t: T }) {
  const [reference, setReference] = useState('');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState('');
  async function send(event: Event) {
    event.preventDefault();
    const answer = await call<{ message: string }>('POST', '/portal/codes', { reference: reference.trim(), email: email.trim() });
    if (answer.ok) {
      setSent(true);
      setProblem('');
    } else setProblem(problemOf(answer, t));
  }
  async function open(event: Event) {
    event.preventDefault();
    const answer = await call<{ followUpUrl: string }>('POST', '/portal/access', { reference: reference.trim(), code: code.trim() });
    if (answer.ok) window.location.assign(answer.data.followUpUrl);
    else setProblem(answer.status === 404 ? t('portal.follow.refused') : problemOf(answer, t));
  }
  return (
    <section class="panel" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('portal.follow.title')}</h2>
      <p class="help">{t('portal.follow.help')}</p>
      {problem && <div class="message error" role="alert"><p>{problem}</p></div>}
      <form onSubmit={send}>
        <div class="field">
          <label for="follow-reference">{t('portal.follow.reference')}</label>
          <input id="follow-reference" required placeholder="2026-000123" value={reference} onInput={(e) => setReference((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="follow-email">{t('portal.follow.email')}</label>
          <input id="follow-email" type="email" required autocomplete="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="secondary">{t('portal.follow.send')}</button>
      </form>
      {sent && (
        <form onSubmit={open}>
          <p role="status">{t('portal.follow.sent')}</p>
          <div class="field">
            <label for="follow-code">{t('portal.follow.code')}</label>
            <input id="follow-code" required inputMode="numeric" autocomplete="one-time-code" maxLength={6} value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit">{t('portal.follow.open')}</button>
        </form>
      )}
    </section>
  );
}
