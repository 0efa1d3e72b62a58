import { filterShown, readUrlFilters, type Filters, type UrlFilterOptions } from '~/utils/query'

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
        if (filterShown(value) && JSON.stringify(value) !== JSON.stringify(defaults[key])) query[key] = Array.isArray(value) ? value.map(String) : String(value)
      }
      router.replace({ query })
    },
  )
}
