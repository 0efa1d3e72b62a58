// The first load on a slow phone, as Lighthouse's mobile profile has it: 1.6 Mbit/s down, 750 kbit/s up, 150 ms
// round trips, a CPU four times slower, a 412 px screen, an empty cache. For the dashboard (signed in) and the
// public catalogue, with `make run`'s demo data: time until the data shows, bytes moved, layout shift (CLS) and
// largest contentful paint, median of three loads. The baseline in the same run is the same build sent
// uncompressed (Accept-Encoding: identity), as before precompressed assets.
//   cd web && npm run build && node tests/e2e/slow-network.mjs
import { chromium } from 'playwright-core'
import { median } from './bench.mjs'
import { ADMIN, startServer } from './server.mjs'

const RUNS = Number(process.env.RUNS ?? 3)
// WEB_DIR=<another build's .output/public> measures that build instead (a previous one, as a baseline).
const server = await startServer({ setup: [['demo-data', '--if-empty']], env: process.env.WEB_DIR ? { INTERNHUB_WEB_DIR: process.env.WEB_DIR } : {} })
// BASELINE_WEB_DIR=<another build's .output/public>: the baseline is that build as served, its loads interleaved with
// this build's, so both are measured under the same load (instead of this build sent uncompressed).
const baseline = process.env.BASELINE_WEB_DIR
  ? await startServer({ setup: [['demo-data', '--if-empty']], env: { INTERNHUB_WEB_DIR: process.env.BASELINE_WEB_DIR } })
  : null
const variants = baseline
  ? [['baseline build, as served', null, baseline], ['this build, as served', null, server]]
  : [['uncompressed (baseline)', 'identity', server], ['as served', null, server]]
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })

const pages = {
  dashboard: { path: '/', signedIn: true, ready: (p) => p.getByLabel(/^Отклики в работе: /).waitFor({ timeout: 120_000 }) },
  catalogue: { path: '/catalogue', signedIn: false, ready: (p) => p.locator('main ul li a').first().waitFor({ timeout: 120_000 }) },
}

async function load(name, encoding, { base } = server) {
  const { path, signedIn, ready } = pages[name]
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'ru-RU' })
  if (signedIn) {
    const answer = await context.request.post(`${base}/api/v1/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password } })
    if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`)
  }
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  if (encoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } })
  let bytes = 0
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength))
  await page.addInitScript(() => {
    window.__cls = 0
    window.__lcp = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value
    }).observe({ type: 'layout-shift', buffered: true })
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp = e.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  })
  const t0 = Date.now()
  await page.goto(`${base}${path}`)
  await ready(page)
  const shown = Date.now() - t0
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(500)
  const { cls, lcp } = await page.evaluate(() => ({ cls: window.__cls, lcp: window.__lcp }))
  await context.close()
  return { shown, bytes, cls, lcp }
}

try {
  const rows = []
  for (const name of Object.keys(pages)) {
    const runs = variants.map(() => [])
    for (let i = 0; i < RUNS; i++) for (const [v, [, encoding, target]] of variants.entries()) runs[v].push(await load(name, encoding, target))
    for (const [v, [variant]] of variants.entries()) {
      rows.push({
        page: name,
        variant,
        shown: median(runs[v].map((r) => r.shown)),
        kb: Math.round(median(runs[v].map((r) => r.bytes)) / 1024),
        cls: median(runs[v].map((r) => r.cls)).toFixed(3),
        lcp: Math.round(median(runs[v].map((r) => r.lcp))),
        all: runs[v].map((r) => r.shown).join(', '),
      })
    }
  }
  console.log('| page | variant | data shown (median) | transferred | CLS | LCP | loads (ms) |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const r of rows) console.log(`| ${r.page} | ${r.variant} | ${r.shown} ms | ${r.kb} KB | ${r.cls} | ${r.lcp} ms | ${r.all} |`)
  for (const name of Object.keys(pages)) {
    const [base, served] = rows.filter((r) => r.page === name)
    console.log(`${name}: as served / baseline = ${(served.shown / base.shown).toFixed(2)}× time, ${(served.kb / base.kb).toFixed(2)}× bytes`)
  }
} finally {
  await browser.close()
  await server.stop()
  await baseline?.stop()
}
