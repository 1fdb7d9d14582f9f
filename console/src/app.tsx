import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { loadSession, saveSession, setUnauthenticatedHandler, type Session } from './api';
import { I18nContext, labelOf, translate, useI18n, type I18n, type Lang } from './i18n';
import { navigate, useRoute } from './router';
import { CalendarBanner } from './components/calendar-banner';
import { Loading } from './components/common';
import { HazardListPage } from './pages/hazard-list';
import { HazardPage } from './pages/hazard';
import { InboxPage, useUnreadCount } from './pages/inbox';
import { LoginPage } from './pages/login';
import { PortalPage } from './pages/portal';
import { ReportPage } from './pages/report';
import { PublicNoticesPage } from './pages/public-notices';
import { DeadLettersPage } from './pages/dead-letters';

// The board carries ECharts; enterprise users on a phone never download it.
const BoardPage = lazy(() => import('./pages/board').then((m) => ({ default: m.BoardPage })));
const SimulationsPage = lazy(() => import('./pages/simulations').then((m) => ({ default: m.SimulationsPage })));
const RuntimePage = lazy(() => import('./pages/runtime').then((m) => ({ default: m.RuntimePage })));

const LANG_KEY = 'hazard-console.lang';

function clearDrafts(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const k = sessionStorage.key(i);
    if (k?.startsWith('hazard-console.draft.')) sessionStorage.removeItem(k);
  }
}

export function App() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const [session, setSession] = useState<Session | null>(loadSession);
  const route = useRoute();

  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${translate(lang, 'appTitle')} · ${translate(lang, 'appSubtitle')}`;
  }, [lang]);

  const logout = useCallback(() => {
    saveSession(null);
    clearDrafts();
    setSession(null);
  }, []);
  useEffect(() => setUnauthenticatedHandler(logout), [logout]);

  const i18n: I18n = useMemo(
    () => ({
      lang,
      setLang,
      t: (k, v) => translate(lang, k, v),
      label: (kind, value) => labelOf(lang, kind, value),
    }),
    [lang, setLang],
  );

  const onLogin = (s: Session) => {
    saveSession(s);
    setSession(s);
    if (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#/login') navigate(home(s));
  };

  return (
    <I18nContext.Provider value={i18n}>
      {route.path[0] === 'public' ? (
        // 公示: the one page anyone reads without an account.
        <PublicNoticesPage jurisdictionId={route.query.get('jurisdictionId')} />
      ) : session ? (
        <Shell session={session} route={route} logout={logout} />
      ) : (
        <LoginPage onLogin={onLogin} />
      )}
    </I18nContext.Provider>
  );
}

const isSupervisor = (s: Session) => ['supervisor', 'grid_inspector', 'admin'].includes(s.user.role);
const home = (s: Session) => (isSupervisor(s) ? '/board' : '/portal');

function Shell(props: { session: Session; route: ReturnType<typeof useRoute>; logout: () => void }) {
  const { session, route } = props;
  const { lang, t, label, setLang } = useI18n();
  const unread = useUnreadCount();
  const [page, ...rest] = route.path;
  const admin = session.user.role === 'admin';
  const simulates = session.user.role === 'supervisor' || admin;
  const known = [
    'hazards',
    'portal',
    'report',
    'inbox',
    ...(isSupervisor(session) ? ['board'] : []),
    ...(simulates ? ['simulations'] : []),
    ...(admin ? ['runtime', 'dead-letters'] : []),
  ];
  useEffect(() => {
    // An unknown route, or the board for an enterprise: their home page instead.
    if (!page || !known.includes(page)) navigate(home(session));
  }, [page, session]); // eslint-disable-line react-hooks/exhaustive-deps

  let content;
  if (page === 'board' && isSupervisor(session)) content = <BoardPage user={session.user} />;
  else if (page === 'hazards' && rest[0]) content = <HazardPage id={rest[0]} tab={rest[1]} user={session.user} />;
  else if (page === 'hazards') content = <HazardListPage query={route.query} />;
  else if (page === 'portal') content = <PortalPage user={session.user} />;
  else if (page === 'report') content = <ReportPage user={session.user} />;
  else if (page === 'inbox') content = <InboxPage />;
  else if (page === 'runtime' && admin) content = <RuntimePage />;
  else if (page === 'dead-letters' && admin) content = <DeadLettersPage />;
  else if (page === 'simulations' && simulates) content = <SimulationsPage user={session.user} id={rest[0]} />;
  else content = null;

  const nav = isSupervisor(session)
    ? [
        ['board', t('navBoard')],
        ['hazards', t('navHazards')],
        ...(simulates ? [['simulations', t('navSimulations')]] : []),
        ...(admin
          ? [
              ['runtime', t('navRuntime')],
              ['dead-letters', t('navDeadLetters')],
            ]
          : []),
      ]
    : [
        ['portal', t('navPortal')],
        ['report', t('navReport')],
      ];

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>{t('appTitle')}</strong>
          <span className="muted">{t('appSubtitle')}</span>
        </div>
        <nav className="nav">
          {nav.map(([k, text]) => (
            <a key={k} href={`#/${k}`} className={page === k ? 'active' : ''}>
              {text}
            </a>
          ))}
          <a href="#/inbox" className={page === 'inbox' ? 'active' : ''} data-testid="nav-inbox">
            {t('navInbox')}
            {unread > 0 && (
              <span className="count" data-testid="unread-count">
                {unread}
              </span>
            )}
          </a>
        </nav>
        <div className="userbox">
          <span className="user" data-testid="current-user">
            {session.user.displayName}
            <span className="muted"> · {label('role', session.user.role)}</span>
          </span>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t('switchLang')}
          </button>
          <button className="link" onClick={props.logout} data-testid="logout">
            {t('logout')}
          </button>
        </div>
      </header>
      {isSupervisor(session) && <CalendarBanner />}
      <main className="content">
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </main>
      <footer className="footer muted">{t('timesNote')}</footer>
    </div>
  );
}
