import { CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js'

let registered = false

/** Register only the Chart.js parts the dashboard's trend chart draws (keeps the bundle small). */
export function registerCharts() {
  if (registered) return
  Chart.register(CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend, Filler)
  Chart.defaults.font.family = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
  // Drawn once, not over a second of frames: on a slow phone the animation kept the page busy (long tasks) just
  // as it became usable, and the figures are the point, not the motion.
  Chart.defaults.animation = false
  registered = true
}
