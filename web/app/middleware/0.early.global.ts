// A signed-in page's first requests leave as the route is entered, beside the session check (auth.global.ts runs
// after this), not once it has answered: one round trip less before the page shows its data, and they travel while
// the page's code still loads and renders (on a slow phone that render is most of a second). The page's first load
// takes the answers. The server decides what each request may see; should the session or the page's section turn
// out not to allow the page, the answers go unused.
import type { RouteLocationNormalized } from 'vue-router'

const EARLY: Partial<Record<string, (to: RouteLocationNormalized) => void>> = {
  index: (to) => loadDashboardEarly(dashboardFiltersFrom(to.query)),
}

export default defineNuxtRouteMiddleware((to) => {
  if (to.meta.public || !useAuthStore().mayBeSignedIn) return
  EARLY[String(to.name)]?.(to)
})
