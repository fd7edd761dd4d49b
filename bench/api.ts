import type { Account } from './parley.js';

/** The few API calls the bench makes outside the measured load (setup, lookups, the flow scenario). */
export class Api {
  constructor(readonly url: string) {}

  async request<T = unknown>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<{ status: number; json: T }> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
  }

  /** The `data` of a 2xx answer; anything else throws with the server's error. */
  async data<T = unknown>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const { status, json } = await this.request<{ data: T }>(method, path, options);
    if (status < 200 || status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json).slice(0, 300)}`);
    return json.data;
  }

  /** An access token (json mode: `Authorization: Bearer`), valid 15 minutes by default. */
  async login(account: Account): Promise<string> {
    const data = await this.data<{ access_token: string }>('POST', '/auth/login', { body: { email: account.email, password: account.password } });
    return data.access_token;
  }

  async loginAll(accounts: Account[]): Promise<string[]> {
    return Promise.all(accounts.map((account) => this.login(account)));
  }
}
