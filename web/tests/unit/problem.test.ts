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
