// Answers the app shell asked for before the app's code arrived (early-requests.ts, inline in index.html), kept
// under a global name until the app's own first requests take them.

/** The global under which index.html keeps its early answers, by `requestKey`. */
export const EARLY_ANSWERS = '__internhubEarlyAnswers'

/** Path and query of a GET, its query in a fixed order: the same request, however its parameters were ordered. */
export function requestKey(url: string, origin: string): string {
  const parsed = new URL(url, origin)
  parsed.searchParams.sort()
  return `${parsed.pathname}?${parsed.searchParams}`
}

type EarlyAnswers = Map<string, Promise<Response>>

function earlyAnswers(): EarlyAnswers | undefined {
  return typeof window === 'undefined' ? undefined : (window as unknown as Record<string, EarlyAnswers | undefined>)[EARLY_ANSWERS]
}

/** The answer the app shell already asked for to this GET (once: a second ask goes to the server), if any. */
export function takeEarlyAnswer(url: string): Promise<Response> | undefined {
  const answers = earlyAnswers()
  if (!answers?.size) return undefined
  const key = requestKey(url, window.location.origin)
  const answer = answers.get(key)
  answers.delete(key)
  return answer
}

/**
 * Forgets the answers nobody took: once the first page has shown, they are no longer news (and one asked for
 * before a sign-in must not answer a request made after it).
 */
export function dropEarlyAnswers() {
  earlyAnswers()?.clear()
}
