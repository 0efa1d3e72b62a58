// What the dashboard asks the API for, as plain data: used by the dashboard itself (useDashboard) and by the app
// shell's early requests (early-requests.ts), which send the same requests before the app's code has arrived.
import { OPENING_KINDS, type OpeningKind } from '~/api/types'
import { PERIODS, type Period, periodStart, trendInterval } from '~/utils/period'
import type { LocationQuery } from 'vue-router'
import { ALL, cleanQuery, readUrlFilters, type UrlFilterOptions } from '~/utils/query'

export interface DashboardFilters {
  period: Period
  company_id: number | null
  university_id: number | null
  kind: OpeningKind | typeof ALL
}

/** The dashboard's filters before the address has its say: the last 30 days, every company, university and kind. */
export function dashboardFilters(): DashboardFilters {
  return { period: '30d', company_id: null, university_id: null, kind: ALL }
}

/** How the dashboard's filters are read from the address: a period or kind it does not know is ignored. */
export const DASHBOARD_URL_FILTERS: UrlFilterOptions<DashboardFilters> = {
  choices: { period: PERIODS, kind: [ALL, ...OPENING_KINDS] },
}

/** The dashboard's filters as the address `query` sets them. */
export function dashboardFiltersFrom(query: LocationQuery): DashboardFilters {
  return readUrlFilters(dashboardFilters(), query, DASHBOARD_URL_FILTERS)
}

/** The path and query of each of the dashboard's requests for `filters`, the period ending `today`. */
export function dashboardRequests(filters: DashboardFilters, today = new Date()) {
  const scope = cleanQuery({ company_id: filters.company_id, university_id: filters.university_id, kind: filters.kind })
  const query = cleanQuery({ date_from: periodStart(filters.period, today), ...scope })
  return {
    overview: { path: '/api/v1/analytics/overview', query },
    statusNow: { path: '/api/v1/applications/counts', query: scope },
    funnel: { path: '/api/v1/analytics/funnel', query },
    timeToHire: { path: '/api/v1/analytics/time-to-hire', query },
    distribution: { path: '/api/v1/analytics/distribution', query: { ...query, limit: 10 } },
    trends: { path: '/api/v1/analytics/trends', query: { ...query, interval: trendInterval(filters.period) } },
  } as const
}
