import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from '~/api/schema'
import { takeEarlyAnswer } from '~/utils/early'
import { ApiError, describeProblem, toProblem } from '~/utils/problem'

export interface CallOptions {
  /** Do not show a toast on failure; the caller shows the error itself. */
  quiet?: boolean
}

type Result<T> = { data?: T; error?: unknown; response: Response }

let client: ReturnType<typeof createClient<paths>> | undefined

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function isAuthRoute(url: string): boolean {
  return /\/api\/v1\/auth\/(login|me)$/.test(new URL(url, 'http://x').pathname)
}

/** A 401 anywhere but on the sign-in calls means the session ended: forget it and go to the sign-in page. */
async function onUnauthorized(url: string) {
  if (isAuthRoute(url)) return
  const auth = useAuthStore()
  auth.forget()
  const route = useRoute()
  if (!route.meta.public && route.path !== '/login') {
    await navigateTo({ path: '/login', query: { next: route.fullPath } })
  }
}

/** A GET the app shell already sent (early-requests.ts) takes its answer instead of asking again. */
const earlyAnswersMiddleware: Middleware = {
  async onRequest({ request }) {
    if (request.method !== 'GET') return undefined
    // A failed early request is asked again, now.
    return await takeEarlyAnswer(request.url)?.catch(() => undefined)
  },
}

const sessionMiddleware: Middleware = {
  async onResponse({ request, response }) {
    if (response.status === 401) await onUnauthorized(request.url)
    return undefined
  },
}

function typedClient() {
  if (!client) {
    client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })
    client.use(earlyAnswersMiddleware, sessionMiddleware)
  }
  return client
}

/**
 * The single door to the backend.
 *
 *   const { api, ok } = useApi()
 *   const page = await ok(api.GET('/api/v1/openings', { params: { query: { status: 'active' } } }))
 *
 * `ok` returns the typed data or throws an ApiError (and shows it as a toast unless `quiet`).
 * `request` is for endpoints the generated schema does not describe (multipart uploads, new endpoints).
 */
export function useApi() {
  // Works outside component setup too (stores, plugins): the global i18n instance, not useI18n().
  const nuxtApp = useNuxtApp()
  const toast = useToast()
  const t = (key: string, params?: Record<string, unknown>) => nuxtApp.$i18n.t(key, params ?? {})

  function report(error: ApiError, options: CallOptions) {
    if (options.quiet || error.status === 401) return
    toast.add({ title: t('errors.title'), description: describeProblem(error.problem, t), color: 'error', icon: 'i-lucide-circle-alert' })
  }

  async function ok<T>(call: Promise<Result<T>>, options: CallOptions = {}): Promise<T> {
    let result: Result<T>
    try {
      result = await call
    } catch (cause) {
      const error = new ApiError({ status: 0, title: String(cause) })
      report(error, options)
      throw error
    }
    if (result.error !== undefined || !result.response.ok) {
      const error = new ApiError(toProblem(result.response.status, result.error, result.response.statusText))
      report(error, options)
      throw error
    }
    return result.data as T
  }

  async function request<T>(
    method: string,
    path: string,
    init: { query?: Record<string, unknown>; body?: unknown; form?: FormData } & CallOptions = {},
  ): Promise<T> {
    const url = new URL(path, window.location.origin)
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value === undefined || value === null || value === '') continue
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v))
    }
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' }
    let body: BodyInit | undefined
    if (init.form) body = init.form
    else if (init.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(init.body)
    }
    let response: Response
    try {
      response = await fetch(url, { method, headers, body, credentials: 'same-origin' })
    } catch (cause) {
      const error = new ApiError({ status: 0, title: String(cause) })
      report(error, init)
      throw error
    }
    if (response.status === 401) await onUnauthorized(url.toString())
    const data = await readBody(response)
    if (!response.ok) {
      const error = new ApiError(toProblem(response.status, data, response.statusText))
      report(error, init)
      throw error
    }
    return data as T
  }

  return { api: typedClient(), ok, request }
}
