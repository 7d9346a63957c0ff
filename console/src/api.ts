/** The console's one way to the API: JSON in and out, the bearer token, ETag and If-Match. */

export interface FieldError {
  field: string;
  rule: string;
}

/** An answer other than 2xx, with what the API said. `status` 0: the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }

  get fieldErrors(): FieldError[] {
    const errors = this.body.errors;
    return Array.isArray(errors)
      ? errors.filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.rule === 'string')
      : [];
  }
}

export interface Answer<T> {
  data: T;
  status: number;
  /** The case's revision from `ETag: "3"`, as the header said it. */
  etag: string | null;
}

let token: string | undefined;
let onUnauthorized: () => void = () => undefined;
/**
 * When this console last changed something: for a while after, its reads ask to see it
 * (`X-Read-Your-Writes`); the server waits on the routes answered from read models, a moment behind
 * the store, and ignores the header elsewhere. Once an answer says the read models are behind (the
 * server waited its READ_YOUR_WRITES_WAIT_MS in vain), it asks no more until the next change.
 */
let lastWrite = -Infinity;
const SEE_OWN_WRITES_MS = 30_000;

export function useToken(value: string | undefined, unauthorized: () => void): void {
  token = value;
  onUnauthorized = unauthorized;
}

export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; ifMatch?: string | null; token?: string; quietUnauthorized?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const bearer = options.token ?? token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (method === 'GET' && Date.now() - lastWrite < SEE_OWN_WRITES_MS) headers['x-read-your-writes'] = 'true';
  let response: Response;
  try {
    // no-store: the API answers the same URL differently per user (commands, redaction) under one ETag,
    // so a cached answer, or a 304 revalidated against another user's copy, would show the wrong one.
    response = await fetch(path, { method, headers, cache: 'no-store', body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, { message: 'network' });
  }
  const text = await response.text();
  let data: unknown = text;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quietUnauthorized) onUnauthorized();
    const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { message: String(data) };
    throw new ApiError(response.status, body);
  }
  if (method !== 'GET') lastWrite = Date.now();
  else if (response.headers.get('x-read-models') === 'behind') lastWrite = -Infinity;
  return { data: data as T, status: response.status, etag: response.headers.get('etag') };
}

export const get = <T>(path: string, headers?: Record<string, string>) => request<T>('GET', path, { headers }).then((a) => a.data);

/** An auditor's break-glass read: the reason goes percent-encoded, so it may be in any language. */
export const breakGlassHeaders = (reason: string | undefined): Record<string, string> | undefined =>
  reason === undefined ? undefined : { 'x-access-reason': encodeURIComponent(reason) };

/** GET that answers undefined on 404: for the routes other work is still adding to the server. */
export async function getIfAvailable<T>(path: string): Promise<T | undefined> {
  try {
    return await get<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export type Optional<T> = { kind: 'ready'; value: T } | { kind: 'missing' } | { kind: 'forbidden' };

/** GET that tells a route the server lacks (404) or the user's role may not read (403) from other failures. */
export async function getOptional<T>(path: string): Promise<Optional<T>> {
  try {
    return { kind: 'ready', value: await get<T>(path) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'missing' };
    if (error instanceof ApiError && error.status === 403) return { kind: 'forbidden' };
    throw error;
  }
}

/** Query strings without the empty values. */
export function query(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Reads once per session: the lists and the API description do not change while the console runs. */
const cache = new Map<string, Promise<unknown>>();
export function cached<T>(path: string): Promise<T> {
  let hit = cache.get(path);
  if (!hit) {
    hit = get<T>(path);
    hit.catch(() => cache.delete(path));
    cache.set(path, hit);
  }
  return hit as Promise<T>;
}
export function clearCache(): void {
  cache.clear();
}
