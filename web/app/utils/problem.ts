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
  errors?: FieldProblem[]
  allowed?: string[]
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

/** One readable sentence (or a few) for a toast or an alert. */
export function describeProblem(problem: Problem, t: Translate): string {
  if (problem.status === 0) return t('errors.network')
  const parts: string[] = []
  const main = problem.detail || problem.title
  if (main) parts.push(main)
  else if (problem.status >= 500) parts.push(t('errors.server'))
  else parts.push(t('errors.generic', { status: problem.status }))
  for (const e of problem.errors ?? []) {
    parts.push(e.field ? `${e.field}: ${e.message}` : e.message)
  }
  if (problem.allowed) {
    parts.push(
      problem.allowed.length
        ? t('errors.allowed', { list: problem.allowed.map((s) => t(`status.application.${s}`)).join(', ') })
        : t('errors.noneAllowed'),
    )
  }
  return parts.join(' ')
}
