import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, token, type Whoami } from './api';
import { lang, locale, setLang, t, type Key } from './i18n';
import './style.css';
import { ComplianceView } from './views/compliance';
import { FeedbackView } from './views/feedback';
import { CreditsView } from './views/credits';
import { AlertsView } from './views/alerts';
import { MetricsView } from './views/metrics';
import { OverviewView } from './views/overview';
import { IncidentsView } from './views/incidents';
import { MonitorsView } from './views/monitors';
import { ImprovementsView } from './views/improvements';
import { ReportsView } from './views/reports';
import { TicketsView } from './views/tickets';
import { viewerZone } from './format';
import { syncServerTime } from './month';

const STAFF: Array<[string, Key, () => preact.JSX.Element]> = [
  ['overview', 'overview', OverviewView],
  ['tickets', 'tickets', TicketsView],
  ['alerts', 'alerts', AlertsView],
  ['incidents', 'incidents', IncidentsView],
  ['monitors', 'monitors', MonitorsView],
  ['metrics', 'metrics', MetricsView],
  ['credits', 'credits', CreditsView],
  ['feedback', 'feedback', FeedbackView],
  ['improvements', 'improvements', ImprovementsView],
  ['reports', 'reports', ReportsView],
  ['compliance', 'compliance', ComplianceView],
];
const CUSTOMER: typeof STAFF = [
  ['compliance', 'compliance', ComplianceView],
  ['overview', 'overview', OverviewView],
  ['tickets', 'tickets', TicketsView],
];

/** A link may carry the token in its fragment (#/compliance?token=…): taken, kept for the tab, and removed from the address. */
function takeTokenFromUrl() {
  const m = /[?&]token=([^&]+)/.exec(location.hash);
  if (!m) return;
  token.set(decodeURIComponent(m[1]!));
  history.replaceState(null, '', location.pathname + location.hash.replace(/[?&]token=[^&]+/, ''));
}

const route = () => location.hash.replace(/^#\/?/, '').split('?')[0] || '';

function SignIn({ onDone }: { onDone: (w: Whoami) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    token.set(value.trim());
    try {
      onDone(await api<Whoami>('/whoami'));
    } catch {
      token.clear();
      setError(true);
    }
  };
  return (
    <form class="signin panel" onSubmit={submit}>
      <h1>{t('app')}</h1>
      <label>
        {t('tokenLabel')}
        <input
          name="token"
          type="password"
          autocomplete="off"
          value={value}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
      </label>
      <p class="meta">{t('tokenHelp')}</p>
      {error ? (
        <p class="error" role="alert">
          {t('badToken')}
        </p>
      ) : null}
      <button type="submit">{t('signIn')}</button>
    </form>
  );
}

function App() {
  const [who, setWho] = useState<Whoami | null | undefined>(undefined);
  const [path, setPath] = useState(route());
  void lang.value; // re-render on language change
  useEffect(() => {
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    if (token.get())
      api<Whoami>('/whoami').then(
        async (w) => (await syncServerTime(), setWho(w)),
        () => (token.clear(), setWho(null)),
      );
    else setWho(null);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const langButton = (
    <button
      class="lang"
      data-testid="lang"
      onClick={() => setLang(lang.value === 'en' ? 'zh' : 'en')}
    >
      {t('language')}
    </button>
  );
  if (who === undefined) return <p class="loading">{t('loading')}</p>;
  if (who === null)
    return (
      <main class="center">
        {langButton}
        <SignIn
          onDone={async (w) => {
            await syncServerTime();
            setWho(w);
            location.hash = w.role === 'customer' ? '#/compliance' : '#/overview';
          }}
        />
      </main>
    );
  const views = who.role === 'customer' ? CUSTOMER : STAFF;
  const current = views.find(([p]) => p === path) ?? views[0]!;
  const View = current[2];
  return (
    <div class="shell">
      <nav>
        <b class="brand">{t('app')}</b>
        {views.map(([p, k]) => (
          <a href={`#/${p}`} class={p === current[0] ? 'on' : ''} data-nav={p}>
            {t(k)}
          </a>
        ))}
        <span class="grow" />
        <span class="meta" title="time zone">
          {viewerZone}
        </span>
        <span class="meta" data-testid="who">
          {who.role}
          {who.customer ? ` · ${who.customer}` : ''}
        </span>
        {langButton}
        <button
          onClick={() => {
            token.clear();
            setWho(null);
          }}
        >
          {t('signOut')}
        </button>
      </nav>
      <main>
        <View key={current[0]} />
      </main>
    </div>
  );
}

takeTokenFromUrl();
document.documentElement.lang = locale(lang.value);
render(<App />, document.getElementById('app')!);
