import { defineStore } from 'pinia'
import type { Me } from '~/api/types'
import { canEdit, canSee, type Section } from '~/utils/access'
import { isApiError } from '~/utils/problem'
import { SIGNED_IN_HINT, hasSignedInHint } from '~/utils/session'

function mayHaveSession(): boolean {
  return typeof document === 'undefined' || hasSignedInHint(document.cookie)
}

function dropHint() {
  if (typeof document !== 'undefined') document.cookie = `${SIGNED_IN_HINT}=; Max-Age=0; path=/`
}

export const useAuthStore = defineStore('auth', {
  state: () => ({
    me: null as Me | null,
    /** The session was checked with the server at least once since the page loaded. */
    checked: false,
  }),
  getters: {
    signedIn: (state) => state.me !== null,
    role: (state) => state.me?.role ?? null,
  },
  actions: {
    can(section: Section) {
      return canSee(this.role, section)
    },
    canEdit(section: Section) {
      return canEdit(this.role, section)
    },
    forget() {
      this.me = null
      this.checked = true
    },
    /** Who am I? null when not signed in. Asks the server once per page load unless forced. */
    async load(force = false): Promise<Me | null> {
      if (this.checked && !force) return this.me
      if (!force && !mayHaveSession()) {
        // An anonymous visitor: no request, so no 401 in the console on every public page.
        this.forget()
        return null
      }
      const { api, ok } = useApi()
      try {
        this.me = await ok(api.GET('/api/v1/auth/me'), { quiet: true })
      } catch (error) {
        if (!isApiError(error) || error.status !== 401) throw error
        this.me = null
        dropHint()
      }
      this.checked = true
      return this.me
    },
    async login(email: string, password: string, workspace?: string) {
      const { api, ok } = useApi()
      await ok(api.POST('/api/v1/auth/login', { body: { email, password, ...(workspace ? { workspace } : {}) } }), { quiet: true })
      return this.load(true)
    },
    async logout() {
      const { api, ok } = useApi()
      try {
        await ok(api.POST('/api/v1/auth/logout'), { quiet: true })
      } finally {
        this.forget()
      }
    },
  },
})
