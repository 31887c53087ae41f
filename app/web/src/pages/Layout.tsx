import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useApi, useLiveStatus, useUser } from '../context';
import { isAdmin } from '../lib/permissions';

/** Shown while the live connection is down: what happened, when it retries, a way to retry now. */
export function LiveBanner() {
  const { status, reconnectNow } = useLiveStatus();
  const [now, setNow] = useState(() => Date.now());
  const waiting = status.state === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [waiting]);
  if (status.state === 'waiting') {
    const seconds = Math.max(0, Math.ceil((status.since + status.retryInMs - now) / 1000));
    return (
      <div className="banner banner-warning" role="status" data-testid="live-banner">
        <span>Live updates are disconnected. Reconnecting{seconds > 0 ? ` in ${seconds} s` : '…'}</span>
        <Button className="button small" onPress={reconnectNow}>
          Reconnect now
        </Button>
      </div>
    );
  }
  if (status.state === 'connecting' && status.attempt > 1) {
    return (
      <div className="banner banner-warning" role="status" data-testid="live-banner">
        Reconnecting to live updates…
      </div>
    );
  }
  return null;
}

export function Layout() {
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">datavis</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Dashboard
              </NavLink>
            </li>
            <li>
              <NavLink to="/projects">Projects</NavLink>
            </li>
            {isAdmin(user) ? (
              <>
                <li>
                  <NavLink to="/users">Users</NavLink>
                </li>
                <li>
                  <NavLink to="/deployment">Deployment</NavLink>
                </li>
                <li>
                  <NavLink to="/cluster">Cluster</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <div className="account">
          <span className="account-email" title={user.email}>
            {user.email}
          </span>
          <span className={`badge role-${user.role}`} aria-label={`Role: ${user.role}`}>
            {user.role}
          </span>
          <Button
            className="button small"
            isPending={signingOut}
            onPress={async () => {
              setSigningOut(true);
              try {
                await api.session.logout();
              } finally {
                setSigningOut(false);
                void navigate('/sign-in', { replace: true });
              }
            }}
          >
            Sign out
          </Button>
        </div>
      </header>
      <LiveBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
