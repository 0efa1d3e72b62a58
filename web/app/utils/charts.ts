import { BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js'

let registered = false

/** Register only the Chart.js parts the dashboard draws (keeps the bundle small). */
export function registerCharts() {
  if (registered) return
  Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend, Filler)
  Chart.defaults.font.family = "'Inter Variable', ui-sans-serif, system-ui, sans-serif"
  registered = true
}

export const STATUS_COLORS: Record<string, string> = {
  new: '#0ea5e9',
  screening: '#8b5cf6',
  interview: '#6366f1',
  offer: '#f59e0b',
  hired: '#22c55e',
  rejected: '#ef4444',
  withdrawn: '#94a3b8',
}
