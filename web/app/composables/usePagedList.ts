import type { Page } from '~/api/types'
import { ApiError } from '~/utils/problem'

export interface PageQuery {
  page: number
  limit: number
}

/**
 * A server-side paginated list: reloads when the page or any filter changes (filters reset to page 1,
 * typing is debounced), ignores answers that arrive after a newer request.
 */
export function usePagedList<T, F extends object>(
  fetchPage: (query: PageQuery & Sent<F>) => Promise<Page<T>>,
  filters: F,
  options: { pageSize?: number; debounceMs?: number; immediate?: boolean } = {},
) {
  const items = ref<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const totalExact = ref(true)
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 20)
  const loading = ref(false)
  const error = ref<ApiError | null>(null)
  let sequence = 0

  async function refresh() {
    const mine = ++sequence
    loading.value = items.value.length === 0
    error.value = null
    try {
      const query = { ...cleanQuery(filters as Record<string, unknown>), page: page.value, limit: pageSize.value }
      const result = await fetchPage(query as PageQuery & Sent<F>)
      if (mine !== sequence) return
      items.value = result.items
      total.value = result.total
      totalExact.value = result.total_exact
    } catch (cause) {
      if (mine !== sequence) return
      error.value = cause instanceof ApiError ? cause : new ApiError({ status: 0, title: String(cause) })
      items.value = []
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => JSON.stringify(filters),
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (page.value !== 1) page.value = 1
        else refresh()
      }, options.debounceMs ?? 250)
    },
  )
  watch(page, () => refresh())
  if (options.immediate !== false) refresh()

  return { items, total, totalExact, page, pageSize, loading, error, refresh }
}
