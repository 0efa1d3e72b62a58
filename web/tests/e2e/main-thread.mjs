// The main thread's work while a page loads, on a CPU four times slower (Lighthouse's mobile factor) and a fast
// network: the part of the first load that the network does not explain, and what Lighthouse's total blocking time
// is made of. For the dashboard (signed in) and the public catalogue, with `make run`'s demo data, from navigation
// until the data shows and a second after: how long the page's thread was busy (a V8 CPU profile's non-idle samples
// weighed by their intervals: time on the slowed thread, about four times the work at full speed), the long tasks
// the page saw (over 50 ms) and the sum of their parts over 50 ms. It counts work, not waiting for the network.
//   cd web && npm run build && RUNS=5 BASELINE_WEB_DIR=<another build's .output/public> node tests/e2e/main-thread.mjs
import { chromium } from 'playwright-core'
import { interleaved, median, startBuilds } from './bench.mjs'
import { ADMIN } from './server.mjs'

const RUNS = Number(process.env.RUNS ?? 3)
const servers = await startBuilds()
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })

const pages = {
  dashboard: { path: '/', signedIn: true, ready: (p) => p.getByLabel(/^Отклики в работе: /).waitFor({ timeout: 60_000 }) },
  catalogue: { path: '/catalogue', signedIn: false, ready: (p) => p.locator('main ul li a').first().waitFor({ timeout: 60_000 }) },
}

/** How long the profiled thread was busy, in milliseconds: every sample but the idle ones, weighed by its interval. */
function busyMs(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let us = 0
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) us += profile.timeDeltas[i] ?? 0
  })
  return us / 1000
}

async function load(base, { path, signedIn, ready }) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'ru-RU' })
  try {
    if (signedIn) await context.request.post(`${base}/api/v1/auth/login`, { data: ADMIN })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.addInitScript(() => {
      const tasks = []
      Object.assign(window, { longTasks: tasks })
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration)
      }).observe({ type: 'longtask', buffered: true })
    })
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    await page.goto(`${base}${path}`)
    await ready(page)
    await page.waitForTimeout(1000)
    const { profile } = await cdp.send('Profiler.stop')
    const tasks = await page.evaluate(() => /** @type {number[]} */ (/** @type {any} */ (window).longTasks))
    return { cpu: busyMs(profile), tasks: tasks.length, blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0) }
  } finally {
    await context.close()
  }
}

try {
  const runs = await interleaved(RUNS, pages, servers, load)
  console.log('| page | build | main thread busy (median) | long tasks | blocking (over 50 ms) | busy per load |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const [key, rs] of Object.entries(runs)) {
    const [name, build] = key.split('|')
    console.log(`| ${name} | ${build} | ${Math.round(median(rs.map((r) => r.cpu)))} ms | ${median(rs.map((r) => r.tasks))} | ${Math.round(median(rs.map((r) => r.blocking)))} ms | ${rs.map((r) => Math.round(r.cpu)).join(', ')} |`)
  }
  if (servers.baseline) {
    for (const name of Object.keys(pages)) {
      const ratio = (f) => (median(runs[`${name}|this build`].map(f)) / median(runs[`${name}|baseline`].map(f))).toFixed(2)
      console.log(`${name}: this build / baseline = ${ratio((r) => r.cpu)}× busy time, ${ratio((r) => r.blocking)}× blocking`)
    }
  }
} finally {
  await browser.close()
  for (const server of Object.values(servers)) await server.stop()
}
