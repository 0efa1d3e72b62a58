import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { earlyRequests } from '~/early-requests'
import { CATALOGUE_OPENINGS, CATALOGUE_PAGE_SIZE, CATALOGUE_URL_FILTERS, catalogueFilters } from '~/utils/catalogue'
import { dropEarlyAnswers, EARLY_ANSWERS, requestKey, takeEarlyAnswer } from '~/utils/early'
import { readUrlFilters } from '~/utils/query'

const origin = window.location.origin

function shellAsked(urls: string[]) {
  const answers = new Map(urls.map((url) => [requestKey(url, origin), Promise.resolve(new Response(url))]))
  ;(window as unknown as Record<string, unknown>)[EARLY_ANSWERS] = answers
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[EARLY_ANSWERS]
})

describe('answers the app shell asked for early', () => {
  it('are the same request whatever the order of its parameters', () => {
    expect(requestKey('/api/v1/analytics/trends?interval=week&date_from=2026-11-07', origin)).toBe(
      requestKey(`${origin}/api/v1/analytics/trends?date_from=2026-11-07&interval=week`, origin),
    )
    expect(requestKey('/a?x=1', origin)).not.toBe(requestKey('/a?x=2', origin))
    expect(requestKey('/a', origin)).not.toBe(requestKey('/b', origin))
  })

  it('are taken once, by the same request: a second ask goes to the server', async () => {
    shellAsked(['/api/v1/auth/me', '/api/v1/analytics/overview?date_from=2026-11-07'])
    expect(takeEarlyAnswer(`${origin}/api/v1/analytics/overview?date_from=2026-11-08`)).toBeUndefined()
    const answer = takeEarlyAnswer(`${origin}/api/v1/analytics/overview?date_from=2026-11-07`)
    expect(await (await answer!).text()).toBe('/api/v1/analytics/overview?date_from=2026-11-07')
    expect(takeEarlyAnswer(`${origin}/api/v1/analytics/overview?date_from=2026-11-07`)).toBeUndefined()
  })

  it('are forgotten once the first page has shown, so none answers a later request', () => {
    shellAsked(['/api/v1/auth/me'])
    dropEarlyAnswers()
    expect(takeEarlyAnswer(`${origin}/api/v1/auth/me`)).toBeUndefined()
  })

  it('are none when the app shell asked for nothing', () => {
    expect(takeEarlyAnswer(`${origin}/api/v1/auth/me`)).toBeUndefined()
  })
})

describe('the inline script index.html carries', () => {
  it('is small, self-contained, and asks for the dashboard of the address it runs at', async () => {
    const { earlyRequestsScript } = await import('../../modules/early-requests')
    const script = await earlyRequestsScript(resolve('app'))
    expect(script.length, 'bytes of inline script').toBeLessThan(4096)
    expect(script).not.toMatch(/<\/script|import\s*\(|\brequire\(/)

    const asked: string[] = []
    const fetch = (url: string) => (asked.push(url), Promise.resolve(new Response('{}')))
    const location = { pathname: '/', search: '?period=7d', origin: 'http://app' }
    const window: Record<string, unknown> = {}
    new Function('fetch', 'location', 'document', 'window', script)(fetch, location, { cookie: 'internhub_signed_in=1' }, window)
    expect(asked[0]).toBe('/api/v1/auth/me')
    expect(asked).toHaveLength(7)
    expect(asked.filter((url) => url.includes('date_from=')), 'a week ago, as the address asks').toHaveLength(5)
    expect(asked).toContain('/api/v1/applications/counts')
    expect([...(window[EARLY_ANSWERS] as Map<string, unknown>).keys()]).toEqual(asked.map((url) => requestKey(url, 'http://app')))
  })
})

describe("the app shell's early request for the catalogue", () => {
  const today = new Date()

  it('is the first page the catalogue asks for, with the filters in the address', async () => {
    for (const search of ['', '?q=python%20москва&city=Томск', '?kind=internship&format=remote&other=1', '?q=+data+']) {
      const asked: string[] = []
      const filters = readUrlFilters(catalogueFilters(), Object.fromEntries(new URLSearchParams(search)))
      usePagedList(
        async (query) => {
          const params = new URLSearchParams()
          for (const [key, value] of Object.entries(query)) params.append(key, String(value))
          asked.push(`${CATALOGUE_OPENINGS}?${params}`)
          return { items: [], total: 0, total_exact: true, page: 1, limit: CATALOGUE_PAGE_SIZE }
        },
        reactive(filters),
        { pageSize: CATALOGUE_PAGE_SIZE },
      )
      expect(asked, search).toHaveLength(1)
      const early = earlyRequests('/catalogue', search, '', today)
      expect(early.map((url) => requestKey(url, origin)), search).toEqual(asked.map((url) => requestKey(url, origin)))
    }
  })

  it('leaves out a kind or format it does not know (a mistyped link), as the catalogue does', () => {
    expect(earlyRequests('/catalogue', '?kind=bogus&format=moon&city=Томск', '', new Date())).toEqual(earlyRequests('/catalogue', '?city=Томск', '', new Date()))
    expect(readUrlFilters(catalogueFilters(), { kind: 'bogus', format: 'remote' }, CATALOGUE_URL_FILTERS)).toEqual({ q: '', city: 'all', kind: 'all', format: 'remote' })
  })

  it('goes whether or not the visitor has signed in, beside the session check when they have', () => {
    expect(earlyRequests('/catalogue/', '', '', today)).toEqual([`${CATALOGUE_OPENINGS}?page=1&limit=${CATALOGUE_PAGE_SIZE}`])
    expect(earlyRequests('/catalogue', '', 'internhub_signed_in=1', today)).toHaveLength(2)
    expect(earlyRequests('/catalogue/12', '', '', today)).toEqual([])
  })
})
