import { describe, expect, it } from 'vitest'
import { limits } from '../../app/api/limits'
import { fields } from '../../app/utils/fields'

const t = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`
const field = fields(t)

describe('form checks made from the API limits', () => {
  it('take what the API takes and refuse what it refuses', () => {
    const title = field.text(limits.OpeningIn.title, { required: true })
    expect(title.safeParse('x'.repeat(250)).success).toBe(true) // the API takes 300 characters
    expect(title.safeParse('x'.repeat(301)).error?.issues[0]?.message).toBe('validation.max{"n":300}')
    expect(title.safeParse('   ').error?.issues[0]?.message).toBe('validation.required')
  })

  it('let an optional text be left empty', () => {
    expect(field.text(limits.CompanyIn.city).safeParse('').success).toBe(true)
  })

  it('bound numbers and lists as the API does', () => {
    const course = field.integer(limits.StudentIn.course)
    expect(course.safeParse(6).success).toBe(true)
    expect(course.safeParse(7).error?.issues[0]?.message).toBe('validation.range{"min":1,"max":6}')
    const skills = field.list(limits.OpeningIn.skills)
    expect(skills.safeParse(Array.from({ length: 50 }, (_, i) => `s${i}`)).success).toBe(true)
    expect(skills.safeParse(Array.from({ length: 51 }, (_, i) => `s${i}`)).success).toBe(false)
  })
})
