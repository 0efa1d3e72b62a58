import { mockNuxtImport } from '@nuxt/test-utils/runtime'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Application } from '~/api/types'
import { ApiError } from '~/utils/problem'

// One fake backend for every test: `routes` answers by "METHOD path".
const { routes, calls } = vi.hoisted(() => ({
  routes: new Map<string, (init: { params?: { path?: Record<string, number>; query?: Record<string, unknown> }; body?: unknown }) => unknown>(),
  calls: [] as { key: string; init: unknown }[],
}))

mockNuxtImport('useApi', () => () => {
  const handler = (method: string) => async (path: string, init: never = {} as never) => {
    const key = `${method} ${path}`
    calls.push({ key, init })
    const route = routes.get(key)
    if (!route) return { error: { status: 404, title: 'Not Found', detail: 'Not Found' }, response: new Response(null, { status: 404 }) }
    try {
      return { data: route(init), response: new Response(null, { status: 200 }) }
    } catch (e) {
      const problem = (e as ApiError).problem
      return { error: problem, response: new Response(null, { status: problem.status }) }
    }
  }
  const api = { GET: handler('GET'), POST: handler('POST'), PATCH: handler('PATCH'), DELETE: handler('DELETE') }
  async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>) {
    const r = await call
    if (r.error) throw new ApiError(r.error as never)
    return r.data as T
  }
  return { api, ok, request: vi.fn() }
})

function app(id: number, status: Application['status']): Application {
  return {
    id,
    status,
    opening_id: 1,
    student_id: id,
    source: 'portal',
    assignee_id: null,
    cover_letter: null,
    rejection_reason: null,
    applied_at: '2025-01-01T00:00:00Z',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    bitrix24_deal_id: null,
    student_name: `Студент ${id}`,
    opening_title: 'Стажёр-аналитик',
    company_name: 'ООО «Сибирские системы»',
  }
}

function page<T>(items: T[]) {
  return { items, total: items.length, total_exact: true, limit: 20, page: null, next_cursor: null }
}

beforeEach(() => {
  setActivePinia(createPinia())
  routes.clear()
  calls.length = 0
  const lookups = useLookupsStore()
  vi.spyOn(lookups, 'ensure').mockResolvedValue(undefined)
})

describe('board store', () => {
  beforeEach(() => {
    const data: Record<string, Application[]> = { new: [app(1, 'new'), app(2, 'new')], interview: [app(3, 'interview')] }
    routes.set('GET /api/v1/applications', (init) => page(data[String(init.params?.query?.status)] ?? []))
  })

  it('loads one column per status with the filters', async () => {
    const board = useBoardStore()
    await board.load({ opening_id: 9 })
    expect(board.columns.new.items.map((a) => a.id)).toEqual([1, 2])
    expect(board.columns.interview.total).toBe(1)
    expect(board.columns.hired.items).toEqual([])
    const queries = calls.filter((c) => c.key === 'GET /api/v1/applications').map((c) => (c.init as { params: { query: Record<string, unknown> } }).params.query)
    expect(queries).toHaveLength(7)
    expect(queries.every((q) => q.opening_id === 9 && q.sort === '-updated_at')).toBe(true)
  })

  it('needs no look-up per card: names come with the applications', async () => {
    const lookups = useLookupsStore()
    const fetchOne = vi.spyOn(lookups, 'fetchOne')
    const board = useBoardStore()
    await board.load()
    expect(lookups.ensure).not.toHaveBeenCalled()
    expect(fetchOne).not.toHaveBeenCalled()
    expect(board.columns.new.items[0]).toMatchObject({ student_name: 'Студент 1', opening_title: 'Стажёр-аналитик' })
    expect(calls.every((c) => c.key === 'GET /api/v1/applications' || c.key === 'GET /api/v1/applications/counts')).toBe(true)
  })

  it('shows exact column totals from the counts, also after loading more', async () => {
    routes.set('GET /api/v1/applications', (init) => ({
      ...page([app(init.params?.query?.cursor ? 5 : 4, 'rejected')]),
      total: 1020,
      total_exact: false,
      next_cursor: 'c',
    }))
    routes.set('GET /api/v1/applications/counts', () => ({ new: 245, screening: 0, interview: 0, offer: 0, hired: 12, rejected: 3308, withdrawn: 0 }))
    const board = useBoardStore()
    await board.load()
    expect(board.columns.rejected.total).toBe(3308)
    expect(board.columns.new.total).toBe(245)
    await board.loadColumn('rejected', true)
    expect(board.columns.rejected.total).toBe(3308)
  })

  it('moves a card when the API agrees', async () => {
    routes.set('PATCH /api/v1/applications/{application_id}', (init) => ({ ...app(init.params!.path!.application_id!, 'screening'), updated_at: 'now' }))
    const board = useBoardStore()
    await board.load()
    const result = await board.move(1, 'screening')
    expect(result.ok).toBe(true)
    expect(board.columns.new.items.map((a) => a.id)).toEqual([2])
    expect(board.columns.screening.items[0]).toMatchObject({ id: 1, status: 'screening', updated_at: 'now' })
    expect(board.columns.new.total).toBe(1)
    expect(board.columns.screening.total).toBe(1)
  })

  it('snaps a refused move back to where it was, with the reason', async () => {
    routes.set('PATCH /api/v1/applications/{application_id}', () => {
      throw new ApiError({ status: 409, title: 'Conflict', detail: 'An application cannot go from interview to new.', allowed: ['offer', 'hired', 'rejected', 'withdrawn'] })
    })
    const board = useBoardStore()
    await board.load()
    const result = await board.move(3, 'new')
    expect(result.ok).toBe(false)
    expect(result.error?.problem.allowed).toContain('offer')
    expect(board.columns.interview.items.map((a) => a.id)).toEqual([3])
    expect(board.columns.new.items.map((a) => a.id)).toEqual([1, 2])
    expect(board.columns.new.total).toBe(2)
  })

  it('moves selected cards in one bulk request, with the rejection reason, and snaps back the refused ones', async () => {
    const bodies: unknown[] = []
    routes.set('POST /api/v1/applications/bulk', (init) => {
      bodies.push(init.body)
      return [
        { id: 1, ok: true, status_now: 'rejected' },
        { id: 2, ok: false, status: 409, error: 'An application cannot go from new to rejected.', code: 'application_transition_refused', allowed: [] },
      ]
    })
    const board = useBoardStore()
    await board.load()
    board.toggle(1)
    board.toggle(2)
    const { moved, failures } = await board.moveSelected('rejected', 'No places')
    expect(moved).toBe(1)
    expect(failures.map((f) => [f.id, f.error.problem.code])).toEqual([[2, 'application_transition_refused']])
    expect(bodies).toEqual([{ ids: [1, 2], action: 'reject', reason: 'No places' }])
    expect(calls.filter((c) => c.key.startsWith('PATCH')).length).toBe(0)
    expect(board.selected).toEqual([2])
    expect(board.columns.rejected.items.map((a) => a.id)).toEqual([1])
    expect(board.columns.new.items.map((a) => a.id)).toEqual([2])
  })
})

describe('auth store', () => {
  const me = { workspace_id: 1, role: 'university' as const, name: 'Coordinator', user_id: 5, university_id: 3, company_id: null, student_id: null }

  it('knows what the signed-in role may see and change', () => {
    const auth = useAuthStore()
    expect(auth.signedIn).toBe(false)
    expect(auth.can('dashboard')).toBe(false)
    auth.me = me
    expect(auth.signedIn).toBe(true)
    expect(auth.can('students')).toBe(true)
    expect(auth.can('companies')).toBe(false)
    expect(auth.canEdit('students')).toBe(true)
    expect(auth.canEdit('openings')).toBe(false)
  })

  it('forgets the session', () => {
    const auth = useAuthStore()
    auth.me = me
    auth.forget()
    expect(auth.signedIn).toBe(false)
    expect(auth.checked).toBe(true)
  })
})

describe('usePagedList', () => {
  it('reloads on filter change from page 1 and ignores late answers', async () => {
    vi.useFakeTimers()
    const seen: unknown[] = []
    const resolvers: ((v: unknown) => void)[] = []
    const filters = reactive({ q: '', status: 'all' })
    const list = usePagedList<number, typeof filters>(
      (query) => {
        seen.push(query)
        return new Promise((resolve) => resolvers.push(resolve as never))
      },
      filters,
      { pageSize: 10, debounceMs: 100 },
    )
    expect(seen[0]).toEqual({ page: 1, limit: 10 })
    list.page.value = 3
    await nextTick()
    filters.q = ' ann '
    await vi.advanceTimersByTimeAsync(150)
    expect(list.page.value).toBe(1)
    expect(seen.at(-1)).toEqual({ q: 'ann', page: 1, limit: 10 })
    // The newest answer wins even if an older one arrives later.
    resolvers.at(-1)!(page([7]))
    resolvers[0]!(page([1, 2, 3]))
    await vi.runAllTimersAsync()
    expect(list.items.value).toEqual([7])
    vi.useRealTimers()
  })

  it('keeps the error for the page to show', async () => {
    const list = usePagedList(() => Promise.reject(new ApiError({ status: 500, title: 'Boom' })), {}, {})
    await flushPromises()
    expect(list.error.value?.status).toBe(500)
    expect(list.loading.value).toBe(false)
  })
})

async function flushPromises() {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}
