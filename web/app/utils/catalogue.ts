// What the public catalogue asks the API for first, as plain data: used by the catalogue page and by the app shell's
// early requests (early-requests.ts), which send the same request before the app's code has arrived.
import { OPENING_KINDS, type OpeningKind, WORK_FORMATS, type WorkFormat } from '~/api/types'
import type { LocationQuery } from 'vue-router'
import { ALL, cleanQuery, readUrlFilters, type UrlFilterOptions } from '~/utils/query'

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

/** How the catalogue's filters are read from the address: a kind or format it does not know is ignored. */
export const CATALOGUE_URL_FILTERS: UrlFilterOptions<CatalogueFilters> = {
  choices: { kind: [ALL, ...OPENING_KINDS], format: [ALL, ...WORK_FORMATS] },
}

/** The catalogue's filters as the address `query` sets them. */
export function catalogueFiltersFrom(query: LocationQuery): CatalogueFilters {
  return readUrlFilters(catalogueFilters(), query, CATALOGUE_URL_FILTERS)
}

/** The path and query of the catalogue's first page of openings for `filters`. */
export function cataloguePageRequest(filters: CatalogueFilters) {
  return { path: CATALOGUE_OPENINGS, query: { ...cleanQuery(filters), page: 1, limit: CATALOGUE_PAGE_SIZE } } as const
}
