import { defineStore } from 'pinia'
import type { Me } from '~/api/types'
import { canEdit, canSee, type Section } from '~/utils/access'
import { isApiError } from '~/utils/problem'
import { SIGNED_IN_HINT, hasSignedInHint } from '~/utils/session'

function mayHaveSession(): boolean {
  return typeof document === 'undefined' || hasSignedInHint(document.cookie)
}

/** The first "who am I?" request, sent as the app starts (plugins/session.client.ts); load() takes its answer. */
let early: ReturnType<typeof askWhoAmI> | undefined

function askWhoAmI() {
  return useApi().api.GET('/api/v1/auth/me')
}

/** Sends the first "who am I?" request now, while the app's messages, layout and page are still downloading. */
export function askWhoAmIEarly() {
  if (mayHaveSession()) early ??= askWhoAmI()
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
    /** Signed in, or not yet asked and this browser signed in before (the sign-in hint cookie). */
    mayBeSignedIn: (state) => state.me !== null || (!state.checked && mayHaveSession()),
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
      const { ok } = useApi()
      const answer = (!force && early) || askWhoAmI()
      early = undefined
      try {
        this.me = await ok(answer, { quiet: true })
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
