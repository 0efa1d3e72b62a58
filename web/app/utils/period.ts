export type Period = '7d' | '30d' | '90d' | '365d' | 'all'
export const PERIODS: Period[] = ['7d', '30d', '90d', '365d', 'all']

/** The first day of a period ending today, as YYYY-MM-DD (UTC), or undefined for "all time". */
export function periodStart(period: Period, today = new Date()): string | undefined {
  if (period === 'all') return undefined
  const days = Number.parseInt(period, 10)
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days + 1))
  return start.toISOString().slice(0, 10)
}

/** Which bucket size makes a readable trend line for the period (the API buckets by week or month). */
export function trendInterval(period: Period): 'week' | 'month' {
  return period === '365d' || period === 'all' ? 'month' : 'week'
}
