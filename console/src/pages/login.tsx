import { useState } from 'react';
import { api, type Session } from '../api';
import { ActionForm, Field, useAction } from '../components/forms';
import { useI18n } from '../i18n';

export function LoginPage(props: { onLogin: (s: Session) => void }) {
  const { t, lang, setLang } = useI18n();
  const action = useAction();
  // The password stays in memory only (not in a stored draft); the username is kept on a refusal.
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = () =>
    action.run(async () => {
      const r = await api<{ accessToken: string; user: Session['user'] }>('POST', '/auth/login', { username, password });
      props.onLogin({ token: r.accessToken, user: r.user });
    });
  return (
    <div className="login-page">
      <div className="login-card">
        <div className="login-head">
          <h1>{t('appTitle')}</h1>
          <button className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t('switchLang')}
          </button>
        </div>
        <p className="muted">{t('appSubtitle')}</p>
        <ActionForm
          title={t('loginTitle')}
          action={action}
          fields={['username', 'password']}
          onSubmit={submit}
          submitLabel={action.busy ? t('loggingIn') : t('login')}
          testId="login-form"
        >
          <Field label={t('username')} name="username" action={action}>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </Field>
          <Field label={t('password')} name="password" action={action}>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
        </ActionForm>
      </div>
    </div>
  );
}
