import { lazy, Suspense, type ReactNode } from 'react';
import { RouterProvider } from 'react-aria-components';
import { BrowserRouter, Navigate, Route, Routes, useHref, useLocation, useNavigate, type NavigateOptions } from 'react-router';
import { Loading } from './components/states';
import { useSession } from './context';
import { Layout } from './pages/Layout';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';

// Pages load on demand so the first screen stays small; the dashboard's charting library
// is a further chunk of its own.
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Projects = lazy(() => import('./pages/Projects'));
const ProjectDetail = lazy(() => import('./pages/ProjectDetail'));
const Users = lazy(() => import('./pages/Users'));

function Page({ children, label }: { children: ReactNode; label: string }) {
  return <Suspense fallback={<Loading label={label} />}>{children}</Suspense>;
}

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

function AriaRouter({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      {children}
    </RouterProvider>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading label="Signing you in…" />;
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <AriaRouter>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route
          element={
            <RequireSignIn>
              <Layout />
            </RequireSignIn>
          }
        >
          <Route index element={<Page label="Loading dashboard…"><Dashboard /></Page>} />
          <Route path="projects" element={<Page label="Loading projects…"><Projects /></Page>} />
          <Route path="projects/:id" element={<Page label="Loading project…"><ProjectDetail /></Page>} />
          <Route path="users" element={<Page label="Loading users…"><Users /></Page>} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </AriaRouter>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
