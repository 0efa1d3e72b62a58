// What the public catalogue asks the API for first, as plain data: used by the catalogue page and by the app shell's
// early requests (early-requests.ts), which send the same request before the app's code has arrived.
import type { OpeningKind, WorkFormat } from '~/api/types'
import { ALL, cleanQuery } from '~/utils/query'

export type CatalogueFilters = {
  q: string
  city: string
  kind: OpeningKind | typeof ALL
  format: WorkFormat | typeof ALL
}

/** Where the catalogue's openings come from, a page at a time. */
export const CATALOGUE_OPENINGS = '/api/v1/public/openings'

/** Openings on one page of the catalogue: four rows of three on a wide screen. */
export const CATALOGUE_PAGE_SIZE = 12

/** The catalogue's filters before the address has its say: every opening. */
export function catalogueFilters(): CatalogueFilters {
  return { q: '', city: ALL, kind: ALL, format: ALL }
}

/** The path and query of the catalogue's first page of openings for `filters`. */
export function cataloguePageRequest(filters: CatalogueFilters) {
  return { path: CATALOGUE_OPENINGS, query: { ...cleanQuery(filters), page: 1, limit: CATALOGUE_PAGE_SIZE } } as const
}
