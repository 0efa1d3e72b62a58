import type { LocationQuery } from 'vue-router'
import { ALL } from '~/composables/usePagedList'

type Filters = Record<string, unknown>

function shown(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === ALL) return false
  return !(Array.isArray(value) && value.length === 0)
}

interface UrlFilterOptions<F> {
  /** Filters whose default is not a number but that take a number from the address. */
  numbers?: (keyof F & string)[]
}

/** Sets `filters` from the address's `query`, each value keeping the type of its default; the rest stay as they are. */
export function readUrlFilters<F extends object>(filters: F, query: LocationQuery, options: UrlFilterOptions<F> = {}): F {
  const target = filters as Filters
  for (const [key, initial] of Object.entries(target)) {
    const raw = query[key]
    if (raw === undefined || raw === null) continue
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string')
    if (Array.isArray(initial)) target[key] = values.filter(Boolean)
    else if (typeof initial === 'number' || (options.numbers as string[] | undefined)?.includes(key)) {
      const n = Number(values[0])
      if (Number.isFinite(n)) target[key] = n
    } else if (typeof initial === 'boolean') target[key] = values[0] === 'true'
    else if (initial === null && key.endsWith('_id')) {
      const n = Number(values[0])
      if (Number.isInteger(n) && n > 0) target[key] = n
    } else if (values[0] !== undefined) target[key] = values[0]
  }
  return filters
}

/**
 * Keep a screen's filters in the address: read from it on arrival, written back (replacing the history entry)
 * on every change, so a view can be shared as a link and survives a reload. Values keep the type of their
 * defaults: a number stays a number, a list a list. Defaults stay out of the address.
 */
export function useUrlFilters<F extends Filters>(filters: F, options: UrlFilterOptions<F> = {}): void {
  const route = useRoute()
  const router = useRouter()
  const target = filters as Filters
  const defaults = JSON.parse(JSON.stringify(target)) as Filters
  readUrlFilters(filters, route.query, options)
  watch(
    () => JSON.stringify(target),
    () => {
      const query: Record<string, string | string[]> = {}
      for (const [key, value] of Object.entries(route.query)) {
        if (!(key in target) && value != null) query[key] = value as string | string[]
      }
      for (const [key, value] of Object.entries(target)) {
        if (shown(value) && JSON.stringify(value) !== JSON.stringify(defaults[key])) query[key] = Array.isArray(value) ? value.map(String) : String(value)
      }
      router.replace({ query })
    },
  )
}
