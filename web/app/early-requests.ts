// Inline in index.html, run as soon as the stylesheet has arrived (modules/early-requests.ts builds it): a page whose
// first requests are known from its address alone asks for them now. On a slow line the app's code takes seconds to
// arrive; the answers are waiting when it starts, and its own first requests take them (utils/early.ts) instead of
// going to the server only then. It also makes the page's first number format while the code is on its way.
import { catalogueFiltersFrom, cataloguePageRequest } from './utils/catalogue'
import { dashboardFiltersFrom, dashboardRequests } from './utils/dashboard'
import { EARLY_ANSWERS, requestKey } from './utils/early'
import { hasSignedInHint } from './utils/session'

type Query = Record<string, string | number | null | undefined>

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.append(key, String(value))
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** The GET requests the page at `path` and `search` sends first, for a browser with `cookie`, on `today`. */
export function earlyRequests(path: string, search: string, cookie: string, today: Date): string[] {
  const query = Object.fromEntries(new URLSearchParams(search))
  // Without the sign-in hint there is no session to ask about, and a signed-in page shows the sign-in form.
  const signedIn = hasSignedInHint(cookie)
  const urls = signedIn ? ['/api/v1/auth/me'] : []
  if (path === '/' && signedIn) {
    const asked = dashboardRequests(dashboardFiltersFrom(query), today)
    urls.push(...Object.values(asked).map((r) => withQuery(r.path, r.query)))
  }
  if (/^\/catalogue\/?$/.test(path)) {
    const asked = cataloguePageRequest(catalogueFiltersFrom(query))
    urls.push(withQuery(asked.path, asked.query))
  }
  return urls
}

export function askEarly() {
  const answers = new Map<string, Promise<Response>>()
  for (const url of earlyRequests(location.pathname, location.search, document.cookie, new Date())) {
    const answer = fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json' } })
    answer.catch(() => undefined) // a failed early request is asked again by the app
    answers.set(requestKey(url, location.origin), answer)
  }
  ;(window as unknown as Record<string, unknown>)[EARLY_ANSWERS] = answers
}

/**
 * The first Intl.NumberFormat a page makes loads the locale data, whatever the locale: about 75 ms on Lighthouse's
 * slowed phone CPU, which the first screen's figures paid in the middle of being drawn. Made here instead once the
 * browser is idle (after the first paint), while the app's code is still arriving; later ones take a millisecond.
 */
export function warmNumberFormat() {
  const warm = () => new Intl.NumberFormat().format(0)
  if ('requestIdleCallback' in window) requestIdleCallback(warm)
  else setTimeout(warm, 0)
}
