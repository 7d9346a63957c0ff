import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { translate, translateLoose, type Language, type MessageKey } from '../i18n';
import { sessionFromToken, type Session } from '../session';

interface DemoUser {
  role: string;
  department?: string;
  departmentName?: { ko: string; en: string };
  name: string;
}

/** Sign-in with a pasted token; in development also a picker of demo users the server mints tokens for. */
export function SignInPage({ language, languageButton, notice, onSignIn }: { language: Language; languageButton: JSX.Element; notice: string; onSignIn: (session: Session) => void }) {
  const t = (key: MessageKey, values?: Record<string, string>) => translate(language, key, values);
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoUser[] | undefined>();
  const [picked, setPicked] = useState('0');

  useEffect(() => {
    document.title = `${t('signin.title')} · ${t('app.title')}`;
  });
  useEffect(() => {
    request<{ users: DemoUser[] }>('GET', '/dev/demo-users').then(
      (answer) => setDemo(answer.data.users),
      () => setDemo(undefined), // 404: not development; the picker stays hidden
    );
  }, []);

  /** A token is good when the API accepts it: the catalog is readable by every role. */
  async function signInWith(candidate: string) {
    const session = sessionFromToken(candidate.trim());
    if (!session) {
      setError(t('signin.rejected', { message: 'not a JWT' }));
      return;
    }
    setBusy(true);
    try {
      await request('GET', '/catalog', { token: session.token, quietUnauthorized: true });
      onSignIn(session);
    } catch (e) {
      setError(t('signin.rejected', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  async function signInAsDemo(event: Event) {
    event.preventDefault();
    const user = demo?.[Number(picked)];
    if (!user) return;
    setBusy(true);
    try {
      const answer = await request<{ token: string }>('POST', '/dev/tokens', { body: { role: user.role, ...(user.department ? { department: user.department } : {}) } });
      await signInWith(answer.data.token);
    } catch (e) {
      setError(t('signin.rejected', { message: e instanceof ApiError ? e.message : String(e) }));
      setBusy(false);
    }
  }

  const roles = [...new Set(demo?.map((u) => u.role) ?? [])];
  return (
    <>
      <header class="top signin-top">
        <p class="brand">{t('app.title')}</p>
        <div class="who">{languageButton}</div>
      </header>
      <main id="main" class="signin" tabIndex={-1}>
        <h1>{t('signin.title')}</h1>
        {notice && (
          <p class="message" role="status">
            {notice}
          </p>
        )}
        <div role="alert" class={error ? 'message error' : 'visually-hidden'}>
          {error}
        </div>
        <form
          class="panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!token.trim()) setError(t('signin.empty'));
            else void signInWith(token);
          }}
        >
          <label for="token">{t('signin.tokenLabel')}</label>
          <p id="token-help" class="help">
            {t('signin.tokenHelp')}
          </p>
          <textarea id="token" name="token" rows={4} aria-describedby="token-help" autoComplete="off" spellcheck={false} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>
            {t('signin.submit')}
          </button>
        </form>
        {demo && demo.length > 0 && (
          <form class="panel" aria-labelledby="demo-title" onSubmit={signInAsDemo}>
            <h2 id="demo-title">{t('signin.demoTitle')}</h2>
            <p id="demo-help" class="help">
              {t('signin.demoHelp')}
            </p>
            <label for="demo-user">{t('signin.demoLabel')}</label>
            <select id="demo-user" aria-describedby="demo-help" value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              {roles.map((role) => (
                <optgroup key={role} label={translateLoose(language, `role.${role}`, role)}>
                  {demo.map((user, i) =>
                    user.role === role ? (
                      <option key={i} value={String(i)}>
                        {translateLoose(language, `role.${role}`, role)}
                        {user.department ? ` · ${user.departmentName?.[language] ?? user.department}` : ''}
                      </option>
                    ) : null,
                  )}
                </optgroup>
              ))}
            </select>
            <button type="submit" disabled={busy}>
              {t('signin.demoSubmit')}
            </button>
          </form>
        )}
      </main>
    </>
  );
}
