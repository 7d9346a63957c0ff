import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cached, clearCache, useToken } from './api';
import { catalogLabels, labelledSentence, type CodeLabels } from './coded-text';
import { UiContext, type Ui } from './context';
import { LANGUAGES, translate, translateLoose, type Language } from './i18n';
import { useLoad } from './load';
import { AccessLogPage } from './pages/access-log';
import { AuditPage } from './pages/audit';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { DashboardPage } from './pages/dashboard';
import { HistoryPage } from './pages/history';
import { EvaluationPage, EvaluationsPage } from './pages/evaluations';
import { FileImprovementPage, ImprovementPage, ImprovementsPage } from './pages/improvements';
import { InboxPage } from './pages/inbox';
import { NewComplaintPage } from './pages/new-complaint';
import { PortalPage } from './pages/portal';
import { RepeatOffendersPage } from './pages/repeat-offenders';
import { SignInPage } from './pages/sign-in';
import { YearlyPage } from './pages/yearly';
import { href, useRoute, type Route } from './router';
import { formDrafts } from './drafts';
import { isAuditor, isManager, isStaff, mayAudit, mayReadEvaluations, mayReadQuarterly, mayReadYearly, mayReceive, storedSession, storeSession, type Session } from './session';
import type { Catalog } from './types';
import { CALENDAR_ZONE } from './calendar-zone';
import './styles.css';

/** The language the person chose with the language button; only a choice is kept (never a link's or a default). */
const LANGUAGE_KEY = 'complaint-console.language';
/** An announcement this recent when the page changes is the change's own (the receipt's reference, on its case's page), not the last page's. */
const ANNOUNCED_WITH_PAGE_CHANGE_MS = 2_000;

function initialLanguage(): Language {
  // A choice made on the page wins: a link's `?lang=` stays in its address, and must not undo the choice on every reload.
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if ((LANGUAGES as readonly string[]).includes(stored ?? '')) return stored as Language;
  // A follow-up link says the language its complainant filed in (`/?lang=en#/portal/case/…`), on whatever device it is opened.
  const linked = new URLSearchParams(window.location.search).get('lang');
  if ((LANGUAGES as readonly string[]).includes(linked ?? '')) return linked as Language;
  // The complaint portal speaks Korean first; staff get their browser's language.
  if (window.location.hash.startsWith('#/portal')) return 'ko';
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [notice, setNotice] = useState('');
  const route = useRoute();

  const signOut = useCallback((expired = false) => {
    storeSession(undefined);
    // Signed out by choice: what was typed goes too. Expired: kept for signing in again.
    if (!expired) formDrafts.clear();
    clearCache();
    setSession(undefined);
    setNotice(expired ? translate(language, 'signin.expired') : '');
  }, [language]);
  useToken(session?.token, () => signOut(true));

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const switchLanguage = () => {
    const chosen = language === 'ko' ? 'en' : 'ko';
    localStorage.setItem(LANGUAGE_KEY, chosen);
    setLanguage(chosen);
  };
  const languageButton = (
    <button type="button" class="language" lang={language === 'ko' ? 'en' : 'ko'} aria-label={translate(language, 'app.switchToLabel')} onClick={switchLanguage}>
      {translate(language, 'app.switchTo')}
    </button>
  );

  if (route.page === 'portal') return <PortalPage language={language} onLanguage={switchLanguage} token={route.token} />;
  if (!session) {
    return (
      <SignInPage
        language={language}
        languageButton={languageButton}
        notice={notice}
        onSignIn={(s) => {
          storeSession(s);
          clearCache();
          setNotice('');
          setSession(s);
        }}
      />
    );
  }
  return <Console language={language} session={session} route={route} signOut={signOut} languageButton={languageButton} />;
}

function Console({ language, session, route, signOut, languageButton }: { language: Language; session: Session; route: Route; signOut: (expired?: boolean) => void; languageButton: preact.JSX.Element }) {
  const [status, setStatus] = useState('');
  /** When the last announcement was made: one made just before a page change (a receipt, then its case) is that change's to say. */
  const announcedAt = useRef(0);
  const main = useRef<HTMLElement>(null);
  // The codes the API writes (departments, categories, finding reasons...) read as the catalog names them.
  const [catalog] = useLoad(() => cached<Catalog>('/catalog'), [session.token]);
  const ui = useMemo<Ui>(() => {
    const dates = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: CALENDAR_ZONE });
    const name: Ui['name'] = (name, code) => (name ? name[language] : code);
    const date: Ui['date'] = (iso) => {
      if (!iso) return translate(language, 'common.none');
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? iso : dates.format(at);
    };
    const labels: CodeLabels = {
      catalog: catalogLabels(catalog.status === 'ready' ? catalog.value : undefined, name),
      known: (prefix, code) => {
        const label = translateLoose(language, `${prefix}.${code}`, '');
        return label === '' ? undefined : label;
      },
      date,
    };
    return {
      language,
      session,
      t: (key, values) => translate(language, key, values),
      tl: (prefix, value) => translateLoose(language, `${prefix}.${value}`, value),
      name,
      date,
      labels,
      sentence: (text) => labelledSentence(labels, text),
      number: (value, options) => new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', options).format(value),
      signOut,
      announce: (message) => {
        announcedAt.current = Date.now();
        // Cleared first so the same message said twice is announced twice.
        setStatus('');
        window.setTimeout(() => setStatus(message), 50);
      },
    };
  }, [language, session, signOut, catalog]);

  // A new page: its heading is read out, and the keyboard starts from the top of it.
  const routeKey = JSON.stringify(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Not an announcement made for this change: on a loaded machine the new page renders after it was set, and cleared it.
    if (Date.now() - announcedAt.current > ANNOUNCED_WITH_PAGE_CHANGE_MS) setStatus('');
    main.current?.focus();
  }, [routeKey]);

  const home: Route = isStaff(session) ? { page: 'inbox' } : isManager(session) ? { page: 'dashboard' } : isAuditor(session) ? { page: 'audit' } : { page: 'cases' };
  const shown = route.page === 'home' ? home : route;
  const t = ui.t;
  const links: [string, string, boolean][] = [
    [href.inbox(), t('nav.inbox'), isStaff(session)],
    [href.new(), t('nav.new'), mayReceive(session)],
    [href.cases(), t('nav.cases'), true],
    [href.audit(), t('nav.audit'), mayAudit(session)],
    [href.dashboard(), t('nav.dashboard'), mayReadQuarterly(session)],
    [href.repeat(), t('nav.repeat'), mayReadYearly(session)],
    [href.yearly(), t('nav.yearly'), mayReadYearly(session)],
    [href.improvements(), t('nav.improvements'), true],
    [href.evaluations(), t('nav.evaluations'), mayReadEvaluations(session)],
  ];
  const currentHref = `#/${shown.page === 'case' || shown.page === 'history' || shown.page === 'file-improvement' ? 'cases' : shown.page === 'improvement' ? 'improvements' : shown.page === 'evaluation' ? 'evaluations' : shown.page === 'access-log' ? 'audit' : shown.page}`;
  return (
    <UiContext.Provider value={ui}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>
        {t('app.skip')}
      </a>
      <header class="top">
        <p class="brand">{t('app.title')}</p>
        <nav aria-label={t('app.nav')}>
          <ul>
            {links.filter(([, , shownLink]) => shownLink).map(([to, label]) => (
              <li key={to}>
                <a href={to} aria-current={to === currentHref ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>{t('app.signedInAs', { name: session.name, roles: session.roles.map((r) => ui.tl('role', r)).join(', ') })}</span>
          {languageButton}
          <button type="button" onClick={() => signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <div class="status" role="status" aria-live="polite" aria-atomic="true">
        {status}
      </div>
      <main id="main" ref={main} tabIndex={-1}>
        <Page route={shown} />
      </main>
    </UiContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'inbox':
      return <InboxPage />;
    case 'new':
      return <NewComplaintPage />;
    case 'case':
      return <CasePage key={route.id} id={route.id} />;
    case 'history':
      return <HistoryPage key={route.id} id={route.id} />;
    case 'audit':
      return <AuditPage />;
    case 'access-log':
      return <AccessLogPage key={route.complaintId ?? ''} complaintId={route.complaintId} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'repeat':
      return <RepeatOffendersPage />;
    case 'yearly':
      return <YearlyPage />;
    case 'improvements':
      return <ImprovementsPage />;
    case 'improvement':
      return <ImprovementPage key={route.id} id={route.id} />;
    case 'file-improvement':
      return <FileImprovementPage key={route.complaintId} complaintId={route.complaintId} />;
    case 'evaluations':
      return <EvaluationsPage />;
    case 'evaluation':
      return <EvaluationPage key={route.quarter} quarter={route.quarter} />;
    case 'cases':
    case 'home':
    case 'portal':
      return <CasesPage />;
  }
}

const root = document.getElementById('app')!;
// The page's own "loading" line goes: Preact would keep it beside the app.
root.textContent = '';
render(<App />, root);
