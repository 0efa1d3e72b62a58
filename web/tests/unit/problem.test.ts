import { describe, expect, it } from 'vitest'
import { ApiError, describeProblem, toProblem } from '~/utils/problem'

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}:${JSON.stringify(params)}` : key)

describe('problem+json handling', () => {
  it('keeps what the API sent', () => {
    const p = toProblem(422, { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: 'Some fields are invalid.', errors: [{ in: 'body', field: 'title', message: 'too short' }] })
    expect(p.status).toBe(422)
    expect(new ApiError(p).fieldErrors).toEqual({ title: 'too short' })
  })

  it('reads FastAPI-style and plain-text bodies', () => {
    expect(toProblem(400, { detail: 'Bad' }).detail).toBe('Bad')
    expect(toProblem(502, 'Bad gateway', 'Bad Gateway').detail).toBe('Bad gateway')
    expect(toProblem(500, undefined, 'Internal').title).toBe('Internal')
  })

  it('tells a missing endpoint from a missing record', () => {
    expect(new ApiError({ status: 404, title: 'Not Found', detail: 'Not Found' }).endpointMissing).toBe(true)
    expect(new ApiError({ status: 404, title: 'Not Found', detail: 'Opening 5 not found' }).endpointMissing).toBe(false)
    expect(new ApiError({ status: 409, title: 'Conflict' }).endpointMissing).toBe(false)
  })

  it('describes a problem in one readable line', () => {
    const text = describeProblem({ status: 409, detail: 'Cannot go from new to new.', allowed: ['screening', 'rejected'] }, t)
    expect(text).toContain('Cannot go from new to new.')
    expect(text).toContain('errors.allowed')
    expect(text).toContain('status.application.screening')
    expect(describeProblem({ status: 0 }, t)).toBe('errors.network')
    expect(describeProblem({ status: 503 }, t)).toBe('errors.server')
    expect(describeProblem({ status: 422, detail: 'Invalid.', errors: [{ field: 'email', message: 'bad' }] }, t)).toBe('Invalid. email: bad')
  })
})

describe('problems in the reader’s language', () => {
  const messages: Record<string, string> = {
    'problems.opening_ended': 'Срок вакансии закончился',
    'problems.not_found': 'Запись не найдена',
    'problems.sort_unknown': 'Нельзя сортировать. Можно: {list}.',
    'problems.fields.missing': 'обязательное поле',
    'status.opening.active': 'Опубликована',
    'errors.allowed': 'Можно перевести в: {list}.',
  }
  const ru = (key: string, params?: Record<string, unknown>) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(params?.[name] ?? ''))

  it('translates the code, never shows the English detail for a known one', () => {
    expect(describeProblem({ status: 409, code: 'opening_ended', detail: 'The opening ended on 2026-01-01.' }, ru)).toBe('Срок вакансии закончился')
    expect(describeProblem({ status: 400, code: 'sort_unknown', detail: "Cannot sort by 'x'.", sortable: ['id', 'received_at'] }, ru)).toBe('Нельзя сортировать. Можно: id, received_at.')
  })

  it('falls back to the status’s code for a code it does not know yet, and translates field errors', () => {
    expect(describeProblem({ status: 404, code: 'something_new', detail: 'Thing not found.' }, ru)).toBe('Запись не найдена')
    expect(describeProblem({ status: 422, code: 'x', errors: [{ field: 'title', message: 'Field required', type: 'missing' }] }, ru)).toContain('title: обязательное поле')
  })

  it('names allowed statuses of the right kind, and a sort list is not a status list', () => {
    const text = describeProblem({ status: 409, code: 'opening_transition_refused', allowed: ['active'] }, ru)
    expect(text).toContain('Опубликована')
    expect(describeProblem({ status: 400, code: 'sort_unknown', sortable: ['id'] }, ru)).not.toContain('status.')
  })
})
