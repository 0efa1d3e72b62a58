// Filters as the address and the API take them: plain functions, free of Vue, also used by the app shell's early
// requests (early-requests.ts), which run before any of the app's code has arrived.
import type { LocationQuery } from 'vue-router'

/** The select value meaning "no filter" (select menus cannot hold an empty value). */
export const ALL = 'all'

/** Filters as they are sent: a value may be left out, and "all" never goes (it means no filter). */
export type Sent<F> = { [K in keyof F]?: Exclude<F[K], typeof ALL> }

/** Drop empty filter values (and ALL) so they are not sent as `?q=`. */
export function cleanQuery<T extends Record<string, unknown>>(query: T): Sent<T> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(query)) if (filterShown(value)) out[key] = typeof value === 'string' ? value.trim() : value
  return out as Sent<T>
}

export type Filters = Record<string, unknown>

/** Whether a filter value goes into the address (empty values and "all" stay out). */
export function filterShown(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === ALL) return false
  return !(Array.isArray(value) && value.length === 0)
}

export interface UrlFilterOptions<F> {
  /** Filters whose default is not a number but that take a number from the address. */
  numbers?: (keyof F & string)[]
  /** Filters that take one of these values only: any other in the address (a mistyped link) is ignored. */
  choices?: { [K in keyof F]?: readonly F[K][] }
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
    } else if (values[0] !== undefined) {
      const choices = (options.choices as Record<string, readonly unknown[] | undefined> | undefined)?.[key]
      if (!choices || choices.includes(values[0])) target[key] = values[0]
    }
  }
  return filters
}
