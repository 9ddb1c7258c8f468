// The one fetch client: cookies, CSRF header, Accept-Language and the server's error shape.
import i18n from '../i18n';

export const API_BASE = '/api/v1';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
    /** Seconds from the Retry-After header of a 429. */
    readonly retryAfter: number | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field messages of a `validation_failed` error. */
  get fields(): Record<string, string> {
    const fields = this.details?.fields;
    if (!fields || typeof fields !== 'object') return {};
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === 'string') out[name] = value;
      else if (Array.isArray(value) && typeof value[0] === 'string') out[name] = value[0];
    }
    return out;
  }
}

/** The message the server gave for one field of a `validation_failed` error, if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (error instanceof ApiError && error.code === 'validation_failed') return error.fields[field];
  return undefined;
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Called when a request gets 401; the router registers a handler that goes to the sign-in page. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

// A 401 from these means "not signed in" or "wrong password", which their own pages handle.
const OWN_401 = ['/auth/me', '/auth/login', '/auth/setup', '/auth/password-reset'];

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object' || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return !!error && typeof error === 'object' && 'code' in error && 'message' in error;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'en' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(apiUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
    signal: options.signal,
  });

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data as T;

  if (response.status === 401 && !OWN_401.some((p) => path.startsWith(p))) onUnauthorized?.();
  const retryHeader = response.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  throw errorFrom(response.status, response.statusText, data, retryAfter);
}

/** The server's error in a response body, or a generic one from the status line. */
function errorFrom(status: number, statusText: string, data: unknown, retryAfter?: number): ApiError {
  if (isApiErrorBody(data)) {
    const { code, message, details } = data.error;
    return new ApiError(status, code, message, details, retryAfter);
  }
  return new ApiError(status, 'http_error', statusText || `HTTP ${status}`, undefined, retryAfter);
}

/**
 * Sends one file as multipart/form-data (field `file`) and reports the upload's progress (0–1).
 * XMLHttpRequest, because fetch cannot report upload progress.
 */
export function apiUpload<T>(
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'en');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        if (xhr.status === 401) onUnauthorized?.();
        reject(errorFrom(xhr.status, xhr.statusText, data));
      }
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
