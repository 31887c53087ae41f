import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { RouterProvider } from 'react-aria-components';
import { BrowserRouter, Navigate, Route, Routes, useHref, useLocation, useNavigate, type NavigateOptions } from 'react-router';
import { Loading } from './components/states';
import { useSession } from './context';
import { Layout } from './pages/Layout';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';

type PageModule = { default: ComponentType };

/**
 * React.lazy for a page, plus preload(). A Suspense boundary that showed its fallback reveals
 * the page at least 300 ms later (React's throttle against flashing), so a page whose code
 * was fetched beforehand (see preloadPage) is handed to React through a thenable that calls
 * back at once: React then renders it without suspending.
 */
function lazyPage(load: () => Promise<PageModule>) {
  let loaded: PageModule | undefined;
  let loading: Promise<PageModule> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const Page = lazy(() => (loaded ? (immediately(loaded) as Promise<PageModule>) : preload()));
  return { Page, preload };
}

function immediately<T>(value: T): PromiseLike<T> {
  return { then: (onFulfilled) => immediately(onFulfilled ? onFulfilled(value) : value) } as PromiseLike<T>;
}

// Pages load on demand so the first screen stays small; the dashboard's charting library
// is a further chunk of its own.
const dashboard = lazyPage(() => import('./pages/Dashboard'));
const projects = lazyPage(() => import('./pages/Projects'));
const projectDetail = lazyPage(() => import('./pages/ProjectDetail'));
const users = lazyPage(() => import('./pages/Users'));
const datasetDetail = lazyPage(() => import('./pages/DatasetDetail'));
const queryPage = lazyPage(() => import('./pages/QueryPage'));
const deployment = lazyPage(() => import('./pages/Deployment'));
const cluster = lazyPage(() => import('./pages/Cluster'));
const projectDashboard = lazyPage(() => import('./pages/ProjectDashboard'));
const chartBuilder = lazyPage(() => import('./pages/ChartBuilder'));
const taskDetail = lazyPage(() => import('./pages/TaskDetail'));
const runDetail = lazyPage(() => import('./pages/RunDetail'));
const Dashboard = dashboard.Page;
const Projects = projects.Page;
const ProjectDetail = projectDetail.Page;
const Users = users.Page;
const DatasetDetail = datasetDetail.Page;
const QueryPage = queryPage.Page;
const Deployment = deployment.Page;
const Cluster = cluster.Page;
const ProjectDashboard = projectDashboard.Page;
const ChartBuilder = chartBuilder.Page;
const TaskDetail = taskDetail.Page;
const RunDetail = runDetail.Page;

/**
 * Starts fetching the code of the page at `pathname` (for /sign-in, of the page it leads to),
 * so it arrives while the session is being restored instead of after.
 */
export async function preloadPage(pathname: string, search = ''): Promise<void> {
  const target = pathname === '/sign-in' ? (new URLSearchParams(search).get('next') ?? '/').split('?')[0] : pathname;
  const page =
    target === '/'
      ? dashboard
      : target === '/projects'
        ? projects
        : /^\/projects\/[^/]+$/.test(target)
          ? projectDetail
          : target === '/users'
            ? users
            : /^\/projects\/[^/]+\/datasets\/[^/]+$/.test(target)
              ? datasetDetail
              : /^\/projects\/[^/]+\/query$/.test(target)
                ? queryPage
                : target === '/deployment'
                  ? deployment
                  : target === '/cluster'
                    ? cluster
                    : /^\/projects\/[^/]+\/dashboard$/.test(target)
                      ? projectDashboard
                      : /^\/projects\/[^/]+\/charts\/(new|[^/]+\/edit)$/.test(target)
                        ? chartBuilder
                        : /^\/projects\/[^/]+\/tasks\/[^/]+$/.test(target)
                          ? taskDetail
                          : /^\/runs\/[^/]+$/.test(target)
                            ? runDetail
                            : undefined;
  // A failed download is retried when the page renders, which then shows the error.
  await page?.preload().catch(() => undefined);
}

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
          <Route
            index
            element={
              <Page label="Loading dashboard…">
                <Dashboard />
              </Page>
            }
          />
          <Route
            path="projects"
            element={
              <Page label="Loading projects…">
                <Projects />
              </Page>
            }
          />
          <Route
            path="projects/:id"
            element={
              <Page label="Loading project…">
                <ProjectDetail />
              </Page>
            }
          />
          <Route
            path="projects/:id/datasets/:datasetId"
            element={
              <Page label="Loading dataset…">
                <DatasetDetail />
              </Page>
            }
          />
          <Route
            path="projects/:id/query"
            element={
              <Page label="Loading SQL…">
                <QueryPage />
              </Page>
            }
          />
          <Route
            path="projects/:id/tasks/:taskId"
            element={
              <Page label="Loading task…">
                <TaskDetail />
              </Page>
            }
          />
          <Route
            path="runs/:runId"
            element={
              <Page label="Loading run…">
                <RunDetail />
              </Page>
            }
          />
          <Route
            path="projects/:id/dashboard"
            element={
              <Page label="Loading dashboard…">
                <ProjectDashboard />
              </Page>
            }
          />
          <Route
            path="projects/:id/charts/new"
            element={
              <Page label="Loading chart builder…">
                <ChartBuilder />
              </Page>
            }
          />
          <Route
            path="projects/:id/charts/:chartId/edit"
            element={
              <Page label="Loading chart builder…">
                <ChartBuilder />
              </Page>
            }
          />
          <Route
            path="users"
            element={
              <Page label="Loading users…">
                <Users />
              </Page>
            }
          />
          <Route
            path="deployment"
            element={
              <Page label="Loading deployment…">
                <Deployment />
              </Page>
            }
          />
          <Route
            path="cluster"
            element={
              <Page label="Loading cluster…">
                <Cluster />
              </Page>
            }
          />
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
