import type { ApplicationStatus, OpeningKind } from '~/api/types'
import { ACTIVE_APPLICATION_STATUSES, APPLICATION_STATUSES } from '~/api/types'
import { type Period, periodStart, trendInterval } from '~/utils/period'
import { ApiError } from '~/utils/problem'

// What the cards and charts draw; filled from the analytics endpoints, or from list totals where a server has none.
export interface AnalyticsOverview {
  openings_active: number
  applications_active: number
  universities_partner: number
  hires: number
}
export interface AnalyticsFunnel {
  items: { status: ApplicationStatus; count: number }[]
}
export interface AnalyticsDistribution {
  items: { id: number | null; label: string; count: number }[]
}
export interface AnalyticsTrends {
  items: { period: string; applications: number; hires: number }[]
}

export interface DashboardFilters {
  period: Period
  company_id: number | null
  university_id: number | null
  kind: OpeningKind | typeof ALL
}

interface Block<T> {
  data: T | null
  loading: boolean
  error: ApiError | null
}

function block<T>(): Block<T> {
  return { data: null, loading: true, error: null }
}

function asApiError(e: unknown) {
  return e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) })
}

/**
 * The dashboard's numbers. Uses the analytics endpoints; where the server has none yet, the stat cards and the
 * status chart fall back to list totals (one cheap counted page per number).
 */
export function useDashboard(filters: DashboardFilters) {
  const { api, ok } = useApi()
  const overview = reactive(block<AnalyticsOverview>())
  const funnel = reactive(block<AnalyticsFunnel>())
  const distribution = reactive(block<AnalyticsDistribution>())
  const trends = reactive(block<AnalyticsTrends>())
  const fromTotals = ref(false)
  const loadedIn = ref<number | null>(null)

  function query() {
    return cleanQuery({
      date_from: periodStart(filters.period),
      company_id: filters.company_id,
      university_id: filters.university_id,
      kind: filters.kind,
    })
  }

  async function countApplications(status?: ApplicationStatus) {
    const q = query()
    const page = await ok(
      api.GET('/api/v1/applications', {
        params: {
          query: cleanQuery({
            status,
            applied_from: q.date_from,
            company_id: q.company_id,
            university_id: q.university_id,
            kind: q.kind,
            limit: 1,
          }) as never,
        },
      }),
      { quiet: true },
    )
    return page.total
  }

  async function fallbackOverviewAndFunnel() {
    fromTotals.value = true
    const q = query()
    const [openings, universities, ...byStatus] = await Promise.all([
      ok(api.GET('/api/v1/openings', { params: { query: cleanQuery({ status: 'active', company_id: q.company_id, kind: q.kind, limit: 1 }) as never } }), { quiet: true }).then((p) => p.total),
      ok(api.GET('/api/v1/universities', { params: { query: { limit: 1 } } }), { quiet: true }).then((p) => p.total),
      ...APPLICATION_STATUSES.map((s) => countApplications(s)),
    ])
    const counts = Object.fromEntries(APPLICATION_STATUSES.map((s, i) => [s, byStatus[i] ?? 0])) as Record<ApplicationStatus, number>
    overview.data = {
      openings_active: openings,
      applications_active: ACTIVE_APPLICATION_STATUSES.reduce((sum, s) => sum + counts[s], 0),
      universities_partner: universities,
      hires: counts.hired,
    }
    funnel.data = { items: APPLICATION_STATUSES.map((status) => ({ status, count: counts[status] })) }
  }

  async function loadOverviewAndFunnel() {
    overview.loading = funnel.loading = true
    overview.error = funnel.error = null
    try {
      const params = { query: query() as never }
      const [o, f] = await Promise.all([
        ok(api.GET('/api/v1/analytics/overview', { params }), { quiet: true }),
        ok(api.GET('/api/v1/analytics/funnel', { params }), { quiet: true }),
      ])
      fromTotals.value = false
      overview.data = {
        openings_active: o.openings.filter((x) => x.status === 'active').reduce((sum, x) => sum + x.count, 0),
        applications_active: o.active_applications,
        universities_partner: o.universities,
        hires: o.hires,
      }
      funnel.data = {
        items: [
          ...f.stages.map((s) => ({ status: s.stage as ApplicationStatus, count: s.count })),
          { status: 'rejected', count: f.rejected },
          { status: 'withdrawn', count: f.withdrawn },
        ],
      }
    } catch (e) {
      try {
        if (asApiError(e).endpointMissing) await fallbackOverviewAndFunnel()
        else throw e
      } catch (inner) {
        overview.error = funnel.error = asApiError(inner)
      }
    } finally {
      overview.loading = funnel.loading = false
    }
  }

  async function loadBlock<T>(target: Block<T>, load: () => Promise<T>) {
    target.loading = true
    target.error = null
    try {
      target.data = await load()
    } catch (e) {
      target.data = null
      target.error = asApiError(e)
    } finally {
      target.loading = false
    }
  }

  async function load() {
    const started = performance.now()
    await Promise.all([
      loadOverviewAndFunnel(),
      loadBlock(distribution, async () => {
        const d = await ok(api.GET('/api/v1/analytics/distribution', { params: { query: { ...query(), limit: 10 } as never } }), { quiet: true })
        return { items: d.by_university.map((u) => ({ id: u.id ?? null, label: u.key, count: u.applications })) }
      }),
      loadBlock(trends, async () => {
        const tr = await ok(api.GET('/api/v1/analytics/trends', { params: { query: { ...query(), interval: trendInterval(filters.period) } as never } }), { quiet: true })
        return { items: tr.points.map((p) => ({ period: p.period, applications: p.applications, hires: p.hires })) }
      }),
    ])
    loadedIn.value = Math.round(performance.now() - started)
  }

  watch(() => JSON.stringify(filters), load)
  return { overview, funnel, distribution, trends, fromTotals, loadedIn, load }
}
