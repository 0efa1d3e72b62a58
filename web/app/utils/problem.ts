/** RFC 9457 problem details as the API sends them (application/problem+json). */
export interface FieldProblem {
  in?: string
  field?: string
  message: string
  type?: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  /** Stable, for translating: a precise one (`opening_ended`) or one per status (`not_found`). */
  code?: string
  errors?: FieldProblem[]
  allowed?: string[]
  sortable?: string[]
  missing?: string[]
  retry_after?: number
}

/** The code of a problem that names none more precise, by HTTP status (as the API has them). */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_fields',
  429: 'too_many_requests',
  500: 'server_error',
  503: 'unavailable',
}

/** Which statuses an `allowed` list names, by the problem's code. */
const ALLOWED_KIND: Record<string, 'application' | 'opening'> = {
  application_transition_refused: 'application',
  opening_transition_refused: 'opening',
  opening_initial_status: 'opening',
}

/** A failed API call. `problem` is what the server said; `status` 0 means the server was not reached. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.name = 'ApiError'
    this.status = problem.status
    this.problem = problem
  }

  /** The route itself does not exist on this server (as opposed to a record that was not found). */
  get endpointMissing(): boolean {
    return this.status === 404 && (this.problem.detail ?? 'Not Found') === 'Not Found'
  }

  /** Field errors keyed by field name, for putting next to form inputs. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem.errors ?? []) {
      if (e.field && !out[e.field]) out[e.field] = e.message
    }
    return out
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/** Build a Problem from whatever came back: problem+json, FastAPI's {detail}, or plain text. */
export function toProblem(status: number, body: unknown, statusText = ''): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>
    if (typeof b.title === 'string' || typeof b.type === 'string' || Array.isArray(b.errors)) {
      return { ...(b as Partial<Problem>), status: typeof b.status === 'number' ? b.status : status } as Problem
    }
    if (typeof b.detail === 'string') return { status, title: statusText, detail: b.detail }
  }
  if (typeof body === 'string' && body.trim() && body.length < 300) return { status, title: statusText, detail: body.trim() }
  return { status, title: statusText }
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/** ``key`` translated, or null when there is no text for it (vue-i18n answers a missing key with the key). */
function translated(t: Translate, key: string, params?: Record<string, unknown>): string | null {
  const text = t(key, params)
  return text === key ? null : text
}

/** One readable sentence (or a few) for a toast or an alert, in the reader's language: the problem's code is
 * translated; the server's English words are shown only for a code this version of the app does not know. */
export function describeProblem(problem: Problem, t: Translate): string {
  if (problem.status === 0) return t('errors.network')
  const parts: string[] = []
  const params = { retry: problem.retry_after ?? '', list: (problem.missing ?? problem.sortable ?? []).join(', ') }
  const precise = problem.code ? translated(t, `problems.${problem.code}`, params) : null
  const byStatus = STATUS_CODES[problem.status] ? translated(t, `problems.${STATUS_CODES[problem.status]}`, params) : null
  if (precise) parts.push(precise)
  else if (problem.status >= 500) parts.push(t('errors.server'))
  else if (problem.detail || problem.title) parts.push((problem.code && byStatus) || problem.detail || problem.title || '')
  else parts.push(byStatus ?? t('errors.generic', { status: problem.status }))
  for (const e of problem.errors ?? []) {
    const message = (e.type && translated(t, `problems.fields.${e.type}`)) || e.message
    parts.push(e.field ? `${e.field}: ${message}` : message)
  }
  const kind = problem.code ? ALLOWED_KIND[problem.code] : problem.allowed ? 'application' : undefined
  if (problem.allowed && kind) {
    parts.push(
      problem.allowed.length
        ? t('errors.allowed', { list: problem.allowed.map((s) => t(`status.${kind}.${s}`)).join(', ') })
        : t('errors.noneAllowed'),
    )
  }
  return parts.join(' ')
}
