import type { ApplicationStatus } from '~/api/types'
import { APPLICATION_STATUSES } from '~/api/types'
import { type DashboardFilters, dashboardRequests } from '~/utils/dashboard'
import { ApiError } from '~/utils/problem'

// What the cards and charts draw, each labelled by what it is: the state now, or what happened in the period.
export interface AnalyticsOverview {
  /** Now: openings taking applications today. */
  openings_open_now: number
  /** Now: applications not yet hired, rejected or withdrawn. */
  applications_active: number
  /** In the period. */
  applications: number
  hires: number
  universities_partner: number
}
export interface StatusNow {
  items: { status: ApplicationStatus; count: number }[]
}
export interface AnalyticsFunnel {
  stages: { stage: ApplicationStatus; count: number; conversion: number | null; conversion_from_applied: number | null }[]
  rejected: number
  withdrawn: number
}
export interface TimeToHire {
  count: number
  median_days: number | null
  p75_days: number | null
}
export interface AnalyticsDistribution {
  items: { id: number | null; label: string; count: number }[]
}
export interface AnalyticsTrends {
  interval: 'week' | 'month'
  items: { period: string; applications: number; hires: number }[]
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

type Answers = {
  overview: Promise<AnalyticsOverview>
  statusNow: Promise<StatusNow>
  funnel: Promise<AnalyticsFunnel>
  timeToHire: Promise<TimeToHire>
  distribution: Promise<AnalyticsDistribution>
  trends: Promise<AnalyticsTrends>
}

/** Sends the dashboard's six requests for `filters` at once; each answer is shaped for the block that shows it. */
function ask({ api, ok }: ReturnType<typeof useApi>, filters: DashboardFilters): Answers {
  const asked = dashboardRequests(filters)
  const answers: Answers = {
    overview: ok(api.GET(asked.overview.path, { params: { query: asked.overview.query } }), { quiet: true }).then((o) => ({
      openings_open_now: o.openings_open_now,
      applications_active: o.active_applications,
      applications: o.applications,
      hires: o.hires,
      universities_partner: o.universities,
    })),
    statusNow: ok(api.GET(asked.statusNow.path, { params: { query: asked.statusNow.query } }), { quiet: true }).then((counts) => ({
      items: APPLICATION_STATUSES.map((status) => ({ status, count: counts[status] ?? 0 })),
    })),
    funnel: ok(api.GET(asked.funnel.path, { params: { query: asked.funnel.query } }), { quiet: true }).then((f) => ({
      stages: f.stages.map((s) => ({ ...s, stage: s.stage as ApplicationStatus })),
      rejected: f.rejected,
      withdrawn: f.withdrawn,
    })),
    timeToHire: ok(api.GET(asked.timeToHire.path, { params: { query: asked.timeToHire.query } }), { quiet: true }).then((tth) => {
      const hired = tth.stages.find((s) => s.stage === 'hired')
      return { count: hired?.count ?? 0, median_days: hired?.median_days ?? null, p75_days: hired?.p75_days ?? null }
    }),
    distribution: ok(api.GET(asked.distribution.path, { params: { query: asked.distribution.query } }), { quiet: true }).then((d) => ({
      items: d.by_university.map((u) => ({ id: u.id ?? null, label: u.key, count: u.applications })),
    })),
    trends: ok(api.GET(asked.trends.path, { params: { query: asked.trends.query } }), { quiet: true }).then((tr) => ({
      interval: asked.trends.query.interval,
      items: tr.points.map((p) => ({ period: p.period, applications: p.applications, hires: p.hires })),
    })),
  }
  // Until a block takes its answer, a failure is not "unhandled": the block shows it.
  for (const answer of Object.values(answers)) answer.catch(() => undefined)
  return answers
}

/** Requests sent by the dashboard's route middleware, before the page has loaded and rendered; its first load takes them. */
let early: { filters: string; answers: Answers } | undefined

/** Sends the dashboard's requests for `filters` now; the page's first load with the same filters takes the answers. */
export function loadDashboardEarly(filters: DashboardFilters) {
  early = { filters: JSON.stringify(filters), answers: ask(useApi(), filters) }
}

/** The dashboard's numbers, from the analytics endpoints and the applications' exact counts by status. */
export function useDashboard(filters: DashboardFilters) {
  const client = useApi()
  const overview = reactive(block<AnalyticsOverview>())
  const statusNow = reactive(block<StatusNow>())
  const funnel = reactive(block<AnalyticsFunnel>())
  const timeToHire = reactive(block<TimeToHire>())
  const distribution = reactive(block<AnalyticsDistribution>())
  const trends = reactive(block<AnalyticsTrends>())
  const loadedIn = ref<number | null>(null)

  async function loadBlock<T>(target: Block<T>, answer: Promise<T>) {
    target.loading = true
    target.error = null
    try {
      target.data = await answer
    } catch (e) {
      target.data = null
      target.error = asApiError(e)
    } finally {
      target.loading = false
    }
  }

  async function load() {
    const started = performance.now()
    const answers = early?.filters === JSON.stringify(filters) ? early.answers : ask(client, filters)
    early = undefined
    await Promise.all([
      loadBlock(overview, answers.overview),
      loadBlock(statusNow, answers.statusNow),
      loadBlock(funnel, answers.funnel),
      loadBlock(timeToHire, answers.timeToHire),
      loadBlock(distribution, answers.distribution),
      loadBlock(trends, answers.trends),
    ])
    loadedIn.value = Math.round(performance.now() - started)
  }

  watch(() => JSON.stringify(filters), load)
  return { overview, statusNow, funnel, timeToHire, distribution, trends, loadedIn, load }
}
