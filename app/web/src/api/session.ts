import { ApiError, apiErrorFrom, networkError } from './errors';
import type { Me } from './types';

export type { Me, Role } from './types';

export type SessionState = { status: 'restoring' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; user: Me };

type Listener = (state: SessionState) => void;

export interface AuthSessionOptions {
  /** Origin (and optional prefix) of the API; '' for the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Refresh this many seconds before the access token expires. @default 30 */
  refreshLeewaySeconds?: number;
}

interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

/**
 * Holds the signed-in user's access token in memory only. The refresh token never
 * reaches page scripts: the API sets it as an HttpOnly, SameSite=Strict cookie scoped to
 * /api/auth, so refresh and logout send an empty body and the browser attaches the cookie.
 */
export class AuthSession {
  private state: SessionState = { status: 'restoring' };
  private accessToken: string | undefined;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly leeway: number;

  constructor(options: AuthSessionOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.leeway = options.refreshLeewaySeconds ?? 30;
  }

  get current(): SessionState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * At page load: trade the refresh cookie (if any) for an access token. Without a cookie the
   * API answers 204 (no session), so a signed-out visit makes no failing request.
   */
  async restore(): Promise<SessionState> {
    const ok = await this.refresh();
    if (!ok && this.state.status === 'restoring') this.setState({ status: 'signed-out' });
    return this.state;
  }

  async login(email: string, password: string): Promise<Me> {
    const response = await this.post('/api/auth/login', { email, password });
    if (!response.ok) throw await apiErrorFrom(response);
    const body = (await response.json()) as TokenResponse;
    this.accept(body);
    return body.user;
  }

  /** Silent refresh; single flight, so parallel 401s share one refresh. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  /** Revokes the refresh token on the server (the cookie), then forgets the access token. */
  async logout(): Promise<void> {
    try {
      await this.post('/api/auth/logout', {});
    } finally {
      this.clear({ status: 'signed-out' });
    }
  }

  /** An access token valid for at least a few seconds, refreshing first if needed. */
  async freshAccessToken(): Promise<string | undefined> {
    if (this.accessToken && Date.now() < this.expiresAt - 5_000) return this.accessToken;
    const ok = await this.refresh();
    return ok ? this.accessToken : undefined;
  }

  /**
   * fetch for the typed client: adds the bearer token, and on a 401 refreshes once and
   * retries; a failed refresh signs the user out.
   */
  readonly fetch = async (request: Request): Promise<Response> => {
    if (!this.accessToken && this.state.status === 'restoring') await this.refreshing;
    const retry = request.clone();
    const first = await this.send(request);
    if (first.status !== 401 || new URL(request.url).pathname.startsWith('/api/auth/')) return first;
    const ok = await this.refresh();
    if (!ok) return first;
    return this.send(retry);
  };

  private async send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (this.accessToken) headers.set('authorization', `Bearer ${this.accessToken}`);
    try {
      return await this.fetchImpl(new Request(request, { headers }));
    } catch (cause) {
      throw networkError(cause);
    }
  }

  private async doRefresh(): Promise<boolean> {
    let response: Response;
    try {
      response = await this.post('/api/auth/refresh', {});
    } catch (error) {
      // Offline: keep the current state; a later call retries.
      if (this.state.status === 'restoring') this.setState({ status: 'signed-out', reason: (error as Error).message });
      return false;
    }
    if (!response.ok || response.status === 204) {
      // 204: no refresh cookie, no session; 401: the cookie was refused (and cleared by the API).
      const wasSignedIn = this.state.status === 'signed-in';
      this.clear({ status: 'signed-out', reason: wasSignedIn ? 'Your session has ended. Sign in again.' : undefined });
      return false;
    }
    this.accept((await response.json()) as TokenResponse);
    return true;
  }

  private async post(path: string, body: unknown): Promise<Response> {
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (cause) {
      throw networkError(cause);
    }
  }

  private accept(body: TokenResponse): void {
    this.accessToken = body.accessToken;
    this.expiresAt = Date.now() + body.expiresIn * 1000;
    this.schedule(body.expiresIn);
    this.setState({ status: 'signed-in', user: body.user });
  }

  private schedule(expiresIn: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(5, expiresIn - this.leeway) * 1000;
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private clear(next: SessionState): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.accessToken = undefined;
    this.expiresAt = 0;
    this.setState(next);
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const l of this.listeners) l(next);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
