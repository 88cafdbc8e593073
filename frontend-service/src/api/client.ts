import type { Problem } from './types'

export const API_BASE = '/api'
export const CSRF_COOKIE = 'studio_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** One refused field of a 422: its path in the body (`['first_name']`) and pydantic's error type. */
export interface FieldProblem {
  path: string[]
  type: string
}

/** A failed call, carrying the BFF's RFC 9457 problem fields. `status` 0 means no response. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string | undefined
  readonly fields: FieldProblem[]

  constructor(problem: { status: number; code: string; title: string; detail?: string; fields?: FieldProblem[] }) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code
    this.title = problem.title
    this.detail = problem.detail
    this.fields = problem.fields ?? []
  }
}

/** The `errors[]` of a validation problem as field paths (the leading `body` dropped). */
function fieldProblems(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return []
  return errors.flatMap((error: { loc?: unknown; type?: unknown }) => {
    if (!Array.isArray(error?.loc)) return []
    const path = error.loc.map(String)
    if (path[0] === 'body') path.shift()
    return path.length ? [{ path, type: typeof error.type === 'string' ? error.type : 'value_error' }] : []
  })
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

export interface RequestOptions {
  method?: HttpMethod
  query?: Record<string, QueryValue>
  body?: unknown
  headers?: Record<string, string>
  idempotencyKey?: string
  signal?: AbortSignal
}

type UnauthorizedHandler = (path: string) => void
let onUnauthorized: UnauthorizedHandler | undefined

/** Called on a 401 from any endpoint but the login ones, so an expired session ends cleanly. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  onUnauthorized = handler
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    // A list goes as the key repeated (`teacher_id=a&teacher_id=b`), as FastAPI reads `list[...]`.
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  const qs = params.toString()
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`
}

async function toApiError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? ''
  let problem: Partial<Problem> = {}
  if (contentType.includes('json')) {
    try {
      problem = (await response.json()) as Partial<Problem>
    } catch {
      problem = {}
    }
  }
  return new ApiError({
    status: typeof problem.status === 'number' ? problem.status : response.status,
    code: problem.code ?? `http_${response.status}`,
    title: problem.title ?? response.statusText ?? 'Error',
    detail: problem.detail,
    fields: fieldProblems((problem as { errors?: unknown }).errors),
  })
}

/** One call to the BFF: JSON in, JSON out, cookie session, CSRF header on unsafe methods. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...options.headers,
  }
  // A FormData body (a file upload) goes as multipart; the browser writes its boundary header.
  const form = options.body instanceof FormData ? options.body : null
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json'
  if (UNSAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE)
    if (token) headers[CSRF_HEADER] = token
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({ status: 0, code: 'network_error', title: 'Network error' })
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (error.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.(path)
    throw error
  }
  if (response.status === 204) return undefined as T
  const contentType = response.headers.get('content-type') ?? ''
  if (!contentType.includes('json')) return undefined as T
  return (await response.json()) as T
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { method: 'GET', query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
}
