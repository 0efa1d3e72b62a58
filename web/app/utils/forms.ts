/** Empty text inputs mean "not set": the API wants null rather than "". */
type BlankToNull<T> = { [K in keyof T]: T[K] extends string ? T[K] | null : T[K] }

export function blankToNull<T extends Record<string, unknown>>(values: T): BlankToNull<T> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    out[key] = typeof value === 'string' && value.trim() === '' ? null : typeof value === 'string' ? value.trim() : value
  }
  return out as BlankToNull<T> // built key by key from ``values``: the type says what each key became
}
