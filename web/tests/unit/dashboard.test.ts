import { mockNuxtImport } from '@nuxt/test-utils/runtime'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { earlyRequests } from '~/early-requests'
import { requestKey } from '~/utils/early'

// A fake backend that records every request the dashboard sends.
const { calls } = vi.hoisted(() => ({ calls: [] as { path: string; query: Record<string, unknown> }[] }))
const answers: Record<string, unknown> = {
  '/api/v1/analytics/overview': { openings_open_now: 3, active_applications: 5, applications: 8, hires: 1, universities: 2 },
  '/api/v1/applications/counts': { new: 4, hired: 1 },
  '/api/v1/analytics/funnel': { stages: [{ stage: 'new', count: 8, conversion: null, conversion_from_applied: null }], rejected: 1, withdrawn: 0 },
  '/api/v1/analytics/time-to-hire': { stages: [{ stage: 'hired', count: 1, median_days: 12, p75_days: 20 }] },
  '/api/v1/analytics/distribution': { by_university: [{ id: 7, key: 'ТПУ', applications: 8 }] },
  '/api/v1/analytics/trends': { points: [{ period: '2026-11-02', applications: 8, hires: 1 }] },
}

mockNuxtImport('useApi', () => () => ({
  api: {
    GET: async (path: string, init: { params?: { query?: Record<string, unknown> } } = {}) => {
      calls.push({ path, query: init.params?.query ?? {} })
      return { data: answers[path], response: new Response(null, { status: 200 }) }
    },
  },
  ok: async <T>(call: Promise<{ data: T }>) => (await call).data,
  request: vi.fn(),
}))

beforeEach(() => {
  calls.length = 0
})

describe('dashboard filters from the address', () => {
  it('reads each filter with the type of its default and ignores what it does not know', () => {
    const filters = readUrlFilters(dashboardFilters(), { period: '90d', company_id: '12', university_id: 'x', other: '1' })
    expect(filters).toEqual({ period: '90d', company_id: 12, university_id: null, kind: 'all' })
  })

  it('ignores a period or kind it does not know (a mistyped link), as the app shell does', () => {
    const filters = readUrlFilters(dashboardFilters(), { period: 'bogus', kind: 'intern', company_id: '12' }, DASHBOARD_URL_FILTERS)
    expect(filters).toEqual({ period: '30d', company_id: 12, university_id: null, kind: 'all' })
    const today = new Date('2026-12-06T10:00:00Z')
    const hint = 'internhub_signed_in=1'
    expect(earlyRequests('/', '?period=bogus&kind=intern&company_id=12', hint, today)).toEqual(earlyRequests('/', '?company_id=12', hint, today))
  })
})

describe('dashboard requests sent before the page renders', () => {
  it("are taken by the page's first load with the same filters, which sends nothing again", async () => {
    loadDashboardEarly({ ...dashboardFilters(), company_id: 12 })
    expect(calls.map((c) => c.path).sort()).toEqual(Object.keys(answers).sort())
    expect(calls.every((c) => c.query.company_id === 12)).toBe(true)

    const dash = useDashboard(reactive({ ...dashboardFilters(), company_id: 12 }))
    await dash.load()
    expect(calls).toHaveLength(6)
    expect(dash.overview.data?.applications_active).toBe(5)
    expect(dash.statusNow.data?.items.find((i) => i.status === 'new')?.count).toBe(4)
    expect(dash.timeToHire.data?.median_days).toBe(12)
    expect(dash.distribution.data?.items).toEqual([{ id: 7, label: 'ТПУ', count: 8 }])
    expect(dash.trends.loading).toBe(false)

    // Taken once: a later load (a retry) asks the server again.
    await dash.load()
    expect(calls).toHaveLength(12)
  })

  it('are not taken by a load with other filters', async () => {
    loadDashboardEarly(dashboardFilters())
    const dash = useDashboard(reactive({ ...dashboardFilters(), period: '7d' as const }))
    await dash.load()
    expect(calls).toHaveLength(12)
    expect(dash.overview.data?.hires).toBe(1)
  })
})

describe("the app shell's early requests for the dashboard", () => {
  const hint = 'theme=dark; internhub_signed_in=1'
  const today = new Date(Date.UTC(2026, 11, 6, 23, 30))
  const sorted = (urls: string[]) => urls.map((url) => requestKey(url, 'http://app')).sort()

  it('are the requests the dashboard sends for the filters in the address, and the session check', async () => {
    vi.useFakeTimers({ now: today, toFake: ['Date'] })
    try {
      for (const search of ['', '?period=7d', '?period=all&kind=internship&company_id=12&university_id=7', '?period=365d&other=1']) {
        calls.length = 0
        const query = Object.fromEntries(new URLSearchParams(search))
        await useDashboard(reactive(readUrlFilters(dashboardFilters(), query))).load()
        const sent = calls.map((c) => {
          const params = new URLSearchParams()
          for (const [key, value] of Object.entries(c.query)) if (value !== undefined) params.append(key, String(value))
          return `${c.path}?${params}`
        })
        expect(sorted(earlyRequests('/', search, hint, today)), search).toEqual(sorted(['/api/v1/auth/me', ...sent]))
      }
    } finally {
      vi.useRealTimers()
    }
  })

  it('ask for nothing without the sign-in hint, and for the session alone on other pages', () => {
    expect(earlyRequests('/', '', 'theme=dark', today)).toEqual([])
    expect(earlyRequests('/', '', 'internhub_signed_in=', today)).toEqual([])
    expect(earlyRequests('/applications', '?status=new', hint, today)).toEqual(['/api/v1/auth/me'])
  })

  it('reach the dashboard as the address asks: period, scope and the trend buckets', () => {
    const urls = earlyRequests('/', '?period=7d&kind=internship&company_id=12', hint, today)
    expect(urls).toContain('/api/v1/analytics/overview?date_from=2026-11-30&company_id=12&kind=internship')
    expect(urls).toContain('/api/v1/applications/counts?company_id=12&kind=internship')
    expect(urls).toContain('/api/v1/analytics/trends?date_from=2026-11-30&company_id=12&kind=internship&interval=week')
  })
})
