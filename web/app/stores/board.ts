import { defineStore } from 'pinia'
import type { Application, ApplicationStatus, Page } from '~/api/types'
import { APPLICATION_STATUSES } from '~/api/types'
import { ApiError } from '~/utils/problem'

export interface BoardFilters {
  q?: string
  opening_id?: number | null
  company_id?: number | null
  university_id?: number | null
  student_id?: number | null
}

interface Column {
  items: Application[]
  total: number
  nextCursor: string | null
  loading: boolean
  error: ApiError | null
}

export interface MoveResult {
  ok: boolean
  error?: ApiError
}

const PAGE = 20

function emptyColumn(): Column {
  return { items: [], total: 0, nextCursor: null, loading: false, error: null }
}

/** The applications board: one column per status, loaded separately, with optimistic moves that snap back when refused. */
export const useBoardStore = defineStore('board', {
  state: () => ({
    filters: {} as BoardFilters,
    columns: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, emptyColumn()])) as Record<ApplicationStatus, Column>,
    selected: [] as number[],
    /** Column totals come exact from the counts endpoint; a page's own total is a lower bound past the cap. */
    counted: false,
  }),
  getters: {
    find: (state) => (id: number) => {
      for (const status of APPLICATION_STATUSES) {
        const app = state.columns[status].items.find((a) => a.id === id)
        if (app) return app
      }
      return undefined
    },
  },
  actions: {
    async loadColumn(status: ApplicationStatus, more = false) {
      const column = this.columns[status]
      const { api, ok } = useApi()
      column.loading = !more
      column.error = null
      try {
        const query = {
          ...cleanQuery(this.filters as Record<string, unknown>),
          status,
          limit: PAGE,
          sort: '-updated_at',
          cursor: more ? (column.nextCursor ?? undefined) : undefined,
        }
        const page = await ok(api.GET('/api/v1/applications', { params: { query } }), { quiet: true })
        column.items = more ? [...column.items, ...page.items.filter((a) => !column.items.some((b) => b.id === a.id))] : page.items
        if (!this.counted || page.total_exact) column.total = page.total
        column.nextCursor = page.next_cursor ?? null
      } catch (error) {
        column.error = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) })
        if (!more) column.items = []
      } finally {
        column.loading = false
      }
    },

    async load(filters?: BoardFilters) {
      if (filters) this.filters = { ...filters }
      this.selected = []
      this.counted = false
      await Promise.all(APPLICATION_STATUSES.map((s) => this.loadColumn(s)))
      await this.loadCounts()
    },

    /** Exact totals for every column in one request (a column's page counts only so far). */
    async loadCounts() {
      const { api, ok } = useApi()
      try {
        const query = cleanQuery(this.filters as Record<string, unknown>)
        const counts = await ok(api.GET('/api/v1/applications/counts', { params: { query } }), { quiet: true })
        for (const status of APPLICATION_STATUSES) this.columns[status].total = counts[status] ?? this.columns[status].total
        this.counted = true
      } catch {
        // The columns keep their pages' totals ("more than" where those are lower bounds).
      }
    },

    /** Put a card into another column at once; the caller confirms or reverts with the API's answer. */
    place(app: Application, to: ApplicationStatus, rejectionReason?: string | null) {
      const from = this.columns[app.status]
      const index = from.items.findIndex((a) => a.id === app.id)
      if (index >= 0) from.items.splice(index, 1)
      from.total = Math.max(0, from.total - 1)
      const moved = { ...app, status: to, rejection_reason: rejectionReason ?? app.rejection_reason }
      this.columns[to].items.unshift(moved)
      this.columns[to].total += 1
      return { moved, index }
    },

    async move(id: number, to: ApplicationStatus, rejectionReason?: string | null): Promise<MoveResult> {
      const app = this.find(id)
      if (!app || app.status === to) return { ok: true }
      const original = { ...app }
      const { index } = this.place(app, to, rejectionReason)
      return this.commit(original, index, to, rejectionReason)
    },

    /** Send a move already shown on the board; refused, the card snaps back to where it was. */
    async commit(original: Application, index: number, to: ApplicationStatus, rejectionReason?: string | null): Promise<MoveResult> {
      const id = original.id
      const { api, ok } = useApi()
      try {
        const body = to === 'rejected' && rejectionReason ? { status: to, rejection_reason: rejectionReason } : { status: to }
        const saved = await ok(api.PATCH('/api/v1/applications/{application_id}', { params: { path: { application_id: id } }, body }), { quiet: true })
        const column = this.columns[to]
        const at = column.items.findIndex((a) => a.id === id)
        if (at >= 0) column.items[at] = saved
        return { ok: true }
      } catch (error) {
        this.revert(original, index, to)
        return { ok: false, error: error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) }) }
      }
    },

    /** Put a card shown in ``to`` back where it was (a refused move, or one undone before it was sent). */
    revert(original: Application, index: number, to: ApplicationStatus) {
      const column = this.columns[to]
      const at = column.items.findIndex((a) => a.id === original.id)
      if (at >= 0) column.items.splice(at, 1)
      column.total = Math.max(0, column.total - 1)
      const home = this.columns[original.status]
      home.items.splice(Math.max(0, index), 0, original)
      home.total += 1
    },

    /** Move every selected card in one request (`/applications/bulk`); each moves or snaps back on its own.
     * Returns how many moved and the refusals, each as the problem the API would have answered for it alone. */
    async moveSelected(to: ApplicationStatus, rejectionReason?: string | null) {
      const shown = new Map<number, { original: Application; index: number }>()
      for (const id of this.selected) {
        const app = this.find(id)
        if (!app || app.status === to) continue
        const original = { ...app }
        shown.set(id, { original, index: this.place(app, to, rejectionReason).index })
      }
      const failures: { id: number; error: ApiError }[] = []
      let moved = 0
      if (shown.size) {
        const ids = [...shown.keys()]
        const body = to === 'rejected' ? { ids, action: 'reject' as const, reason: rejectionReason ?? undefined } : { ids, action: 'status' as const, status: to }
        const { api, ok } = useApi()
        try {
          const results = await ok(api.POST('/api/v1/applications/bulk', { body }), { quiet: true })
          for (const result of results) {
            const placed = shown.get(result.id)
            if (!placed) continue
            if (result.ok) {
              moved += 1
              const card = this.columns[to].items.find((a) => a.id === result.id)
              if (card && result.status_now) card.status = result.status_now
            } else {
              this.revert(placed.original, placed.index, to)
              const problem = { status: result.status ?? 409, detail: result.error ?? undefined, code: result.code ?? undefined, allowed: result.allowed ?? undefined }
              failures.push({ id: result.id, error: new ApiError(problem) })
            }
          }
        } catch (error) {
          const refused = error instanceof ApiError ? error : new ApiError({ status: 0, title: String(error) })
          for (const [id, placed] of shown) {
            this.revert(placed.original, placed.index, to)
            failures.push({ id, error: refused })
          }
        }
      }
      this.selected = failures.map((f) => f.id)
      return { moved, failures }
    },

    toggle(id: number, on?: boolean) {
      const has = this.selected.includes(id)
      const want = on ?? !has
      if (want && !has) this.selected.push(id)
      if (!want && has) this.selected = this.selected.filter((x) => x !== id)
    },
  },
})
