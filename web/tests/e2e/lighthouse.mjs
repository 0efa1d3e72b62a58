// Lighthouse's mobile audit (its default simulated throttling: 1.6 Mbit/s, 150 ms round trips, CPU ×4) of the
// dashboard (signed in) and the public catalogue, with `make run`'s demo data; median of three runs by score.
// A benchmark, not a test: slow (about half a minute a run) and noisy on a shared machine.
//   cd web && npm run build && node tests/e2e/lighthouse.mjs
// LH_REPORT_DIR=<folder> keeps every run's full report.
// With BASELINE_WEB_DIR=<another build's .output/public> the same runs are made against that build too, interleaved
// with this one's, so both are measured under the same load.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import puppeteer from 'puppeteer-core'
import { interleaved, median, startBuilds } from './bench.mjs'
import { ADMIN } from './server.mjs'

const RUNS = Number(process.env.RUNS ?? 3)
const pages = { dashboard: { path: '/', signedIn: true }, catalogue: { path: '/catalogue', signedIn: false } }
// WEB_DIR=<a build's .output/public> measures that build as this one (by default, the one in web/.output/public).
const servers = await startBuilds()

async function audit(base, { path, signedIn }) {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'] })
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` })
    const page = await browser.newPage()
    if (signedIn) {
      // Lighthouse clears the origin's storage before it loads the page, but not its cookies: the session stays.
      await page.goto(`${base}/favicon.svg`)
      const status = await page.evaluate(
        async ({ email, password }) => (await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status,
        ADMIN,
      )
      if (status !== 200) throw new Error(`sign-in failed: ${status}`)
    }
    const result = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }, undefined, page)
    const { categories, audits, finalDisplayedUrl } = result.lhr
    // LH_REPORT_DIR=<folder> keeps each run's whole report (long tasks, script evaluation per file, the trace's
    // main-thread breakdown) for a closer look.
    if (process.env.LH_REPORT_DIR) {
      mkdirSync(process.env.LH_REPORT_DIR, { recursive: true })
      writeFileSync(join(process.env.LH_REPORT_DIR, `${path.replaceAll('/', '_') || '_'}-${Date.now()}.json`), JSON.stringify(result.lhr))
    }
    if (new URL(finalDisplayedUrl).pathname !== path) throw new Error(`${path} ended at ${finalDisplayedUrl}`)
    await browser.disconnect()
    return {
      score: Math.round(categories.performance.score * 100),
      fcp: audits['first-contentful-paint'].numericValue,
      lcp: audits['largest-contentful-paint'].numericValue,
      tbt: audits['total-blocking-time'].numericValue,
      cls: audits['cumulative-layout-shift'].numericValue,
      si: audits['speed-index'].numericValue,
      kb: audits['total-byte-weight'].numericValue / 1024,
      requests: audits['network-requests'].details.items.length,
    }
  } finally {
    chrome.kill()
  }
}

try {
  const runs = await interleaved(RUNS, pages, servers, audit)
  console.log('| page | build | performance | FCP | LCP | TBT | CLS | speed index | transferred | requests | scores |')
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const [key, rs] of Object.entries(runs)) {
    const [name, build] = key.split('|')
    // The run with the median score, so its figures belong together.
    const m = [...rs].sort((a, b) => a.score - b.score)[Math.floor(rs.length / 2)]
    const ms = (v) => `${Math.round(v)} ms`
    console.log(`| ${name} | ${build} | ${m.score} | ${ms(m.fcp)} | ${ms(m.lcp)} | ${ms(m.tbt)} | ${m.cls.toFixed(3)} | ${ms(m.si)} | ${Math.round(m.kb)} KB | ${m.requests} | ${rs.map((r) => r.score).join(', ')} |`)
  }
  for (const name of Object.keys(pages)) {
    const scores = runs[`${name}|this build`].map((r) => r.score)
    console.log(`${name}: median performance ${median(scores)} (target 80 or more)`)
  }
} finally {
  for (const server of Object.values(servers)) await server.stop()
}
