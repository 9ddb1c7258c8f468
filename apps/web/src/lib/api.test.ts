import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, fieldError, setCsrfToken, setUnauthorizedHandler } from './api';

function reply(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});
afterEach(() => vi.unstubAllGlobals());

function sent(index = 0): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.calls[index] ?? [];
  return { url: String(url), init: init ?? {}, headers: (init?.headers ?? {}) as Record<string, string> };
}

describe('api client', () => {
  it('sends GETs with the session cookie and the UI language, without CSRF or a body', async () => {
    setCsrfToken('csrf-1');
    fetchMock.mockResolvedValue(reply(200, { items: [] }));
    await api('/users', { query: { q: 'asha', role: '', cursor: null, limit: 50 } });
    const { url, init, headers } = sent();
    expect(url).toBe('/api/v1/users?q=asha&limit=50');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBeUndefined();
    expect(headers['Accept-Language']).toBe('en');
    expect(headers['X-CSRF-Token']).toBeUndefined();
  });

  it('sends writes as JSON with the CSRF token', async () => {
    setCsrfToken('csrf-2');
    fetchMock.mockResolvedValue(reply(201, { team: { id: 't1' } }));
    const answer = await api<{ team: { id: string } }>('/teams', { method: 'POST', body: { name: 'Billing' } });
    expect(answer.team.id).toBe('t1');
    const { init, headers } = sent();
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['X-CSRF-Token']).toBe('csrf-2');
    expect(init.body).toBe('{"name":"Billing"}');
  });

  it('turns the error shape into an ApiError with per-field messages', async () => {
    fetchMock.mockResolvedValue(
      reply(400, {
        error: { code: 'validation_failed', message: 'अनुरोध मान्य नहीं है।', details: { fields: { email: 'Bad email' } } },
      }),
    );
    const error = await api('/users', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('अनुरोध मान्य नहीं है।');
    expect(fieldError(error, 'email')).toBe('Bad email');
    expect(fieldError(error, 'name')).toBeUndefined();
  });

  it('reads Retry-After of a 429', async () => {
    fetchMock.mockResolvedValue(
      reply(429, { error: { code: 'too_many_attempts', message: 'Too many' } }, { 'Retry-After': '42' }),
    );
    const error = (await api('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
  });

  it('calls the sign-in handler on a 401, except from /auth/me and the login itself', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    const unauthenticated = () => reply(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } });
    fetchMock.mockImplementation(async () => unauthenticated());
    await expect(api('/auth/me')).rejects.toBeInstanceOf(ApiError);
    await expect(api('/auth/login', { method: 'POST', body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
    await expect(api('/users')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('returns nothing for a 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api('/tokens/1', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
