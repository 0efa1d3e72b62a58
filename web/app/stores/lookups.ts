import { defineStore } from 'pinia'
import type { Company, Opening, Student, University } from '~/api/types'

export type Kind = 'companies' | 'universities' | 'openings' | 'students'
export type Entity = { companies: Company; universities: University; openings: Opening; students: Student }

/**
 * Names for ids shown across pages (a card shows the student's name and the opening's title).
 * Each record is fetched once per session; concurrent asks for the same id share one request.
 */
export const useLookupsStore = defineStore('lookups', () => {
  const cache = reactive({ companies: {}, universities: {}, openings: {}, students: {} }) as {
    [K in Kind]: Record<number, Entity[K] | null>
  }
  const inflight = new Map<string, Promise<unknown>>()

  function remember<K extends Kind>(kind: K, rows: Entity[K][]) {
    for (const row of rows) cache[kind][row.id] = row
  }

  function get<K extends Kind>(kind: K, id: number | null | undefined): Entity[K] | null | undefined {
    return id == null ? undefined : cache[kind][id]
  }

  async function fetchOne<K extends Kind>(kind: K, id: number): Promise<Entity[K] | null> {
    if (id in cache[kind]) return cache[kind][id] ?? null
    const key = `${kind}:${id}`
    if (!inflight.has(key)) {
      const { request } = useApi()
      const call = request<Entity[K]>('GET', `/api/v1/${kind}/${id}`, { quiet: true })
        .then((row) => {
          cache[kind][id] = row
          return row
        })
        .catch(() => {
          cache[kind][id] = null
          return null
        })
        .finally(() => inflight.delete(key))
      inflight.set(key, call)
    }
    return inflight.get(key) as Promise<Entity[K] | null>
  }

  /** Fetch what is missing, a few at a time. */
  async function ensure<K extends Kind>(kind: K, ids: Iterable<number | null | undefined>, concurrency = 6) {
    const missing = [...new Set([...ids].filter((id): id is number => id != null && !(id in cache[kind])))]
    let next = 0
    const worker = async () => {
      while (next < missing.length) await fetchOne(kind, missing[next++]!)
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker))
  }

  function forget<K extends Kind>(kind: K, id: number) {
    delete cache[kind][id]
  }

  return { cache, remember, get, fetchOne, ensure, forget }
})
