import { z } from 'zod'

/** One field's limits as the API states them (generated into `~/api/limits`). */
export interface Limit {
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  maxItems?: number
  itemMaxLength?: number
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * Zod checks made from the API's own limits, with messages in the reader's language: a form refuses exactly
 * what the API would refuse, and a limit changed in the API reaches the form with `make web-api`.
 *
 *   const field = fields(t)
 *   z.object({ name: field.text(limits.CompanyIn.name, { required: true }), city: field.text(limits.CompanyIn.city) })
 */
export function fields(t: Translate) {
  return {
    /** Trimmed text; an optional one may be left empty (sent as null). */
    text(limit: Limit, options: { required?: boolean } = {}) {
      let check = z.string().trim()
      if (options.required) check = check.min(Math.max(1, limit.minLength ?? 1), t('validation.required'))
      if (limit.maxLength !== undefined) check = check.max(limit.maxLength, t('validation.max', { n: limit.maxLength }))
      return check
    },
    /** A whole number within the API's bounds. */
    integer(limit: Limit) {
      const range = { min: limit.minimum, max: limit.maximum }
      let check = z.number({ error: t('validation.number') }).int(t('validation.number'))
      if (limit.minimum !== undefined) check = check.min(limit.minimum, t('validation.range', range))
      if (limit.maximum !== undefined) check = check.max(limit.maximum, t('validation.range', range))
      return check
    },
    /** A list of short texts (skills). */
    list(limit: Limit) {
      let item = z.string().trim().min(1)
      if (limit.itemMaxLength !== undefined) item = item.max(limit.itemMaxLength, t('validation.max', { n: limit.itemMaxLength }))
      const check = z.array(item)
      return limit.maxItems === undefined ? check : check.max(limit.maxItems, t('validation.maxItems', { n: limit.maxItems }))
    },
  }
}
