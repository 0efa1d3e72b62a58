import type { Section } from '~/utils/access'
import { homeFor } from '~/utils/access'

declare module '#app' {
  interface PageMeta {
    /** Open to everyone (public catalogue, apply form, status by private link, sign-in). */
    public?: boolean
    /** The menu section this page belongs to; roles without it are sent home. */
    section?: Section
  }
}

export default defineNuxtRouteMiddleware(async (to) => {
  if (to.meta.public) return
  const auth = useAuthStore()
  let me
  try {
    me = await auth.load()
  } catch {
    // The server could not be reached; the page shows its own error state and retries.
    return
  }
  if (!me) return navigateTo({ path: '/login', query: to.fullPath === '/' ? {} : { next: to.fullPath } })
  if (to.meta.section && !auth.can(to.meta.section)) return navigateTo(homeFor(me.role))
})
