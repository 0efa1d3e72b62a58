// What the page benchmarks (lighthouse.mjs, main-thread.mjs) share: the builds they compare, each on a server of its
// own with `make run`'s demo data, and runs interleaved so that every build is measured under the same load.
import { startServer } from './server.mjs'

/** @param {number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * A server per build: "this build" (WEB_DIR=<a build's .output/public>, by default web/.output/public) and, with
 * BASELINE_WEB_DIR=<another build's .output/public>, "baseline".
 * @returns {Promise<Record<string, { base: string, stop: () => Promise<void> }>>}
 */
export async function startBuilds() {
  /** @type {Record<string, string | undefined>} */
  const builds = { 'this build': process.env.WEB_DIR }
  if (process.env.BASELINE_WEB_DIR) builds.baseline = process.env.BASELINE_WEB_DIR
  /** @type {Record<string, { base: string, stop: () => Promise<void> }>} */
  const servers = {}
  for (const [build, webDir] of Object.entries(builds)) {
    servers[build] = await startServer({ setup: [['demo-data', '--if-empty']], env: webDir ? { INTERNHUB_WEB_DIR: webDir } : {} })
  }
  return servers
}

/**
 * `rounds` rounds, each measuring every page on every build in turn; the results by "page|build".
 * @template P, R
 * @param {number} rounds
 * @param {Record<string, P>} pages
 * @param {Record<string, { base: string }>} servers
 * @param {(base: string, page: P) => Promise<R>} measure
 * @returns {Promise<Record<string, R[]>>}
 */
export async function interleaved(rounds, pages, servers, measure) {
  /** @type {Record<string, R[]>} */
  const runs = {}
  for (let i = 0; i < rounds; i++) {
    for (const [name, page] of Object.entries(pages)) {
      for (const [build, server] of Object.entries(servers)) (runs[`${name}|${build}`] ??= []).push(await measure(server.base, page))
    }
  }
  return runs
}
