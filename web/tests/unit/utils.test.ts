import { describe, expect, it } from 'vitest'
import { canEdit, canSee, homeFor } from '~/utils/access'
import { hasSignedInHint } from '~/utils/session'
import { chunks, parseCsv, readStudentRows, toCsv, uploadValues } from '~/utils/csv'
import { periodStart, trendInterval } from '~/utils/period'
import { allowedTargets, canMove } from '~/utils/transitions'
import { blankToNull } from '~/utils/forms'

describe('transitions mirror the API rule', () => {
  it('goes forward, skipping steps, or out', () => {
    expect(allowedTargets('new')).toEqual(['screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'])
    expect(allowedTargets('offer')).toEqual(['hired', 'rejected', 'withdrawn'])
    expect(allowedTargets('hired')).toEqual([])
    expect(canMove('interview', 'screening')).toBe(false)
    expect(canMove('screening', 'offer')).toBe(true)
    expect(canMove('new', 'new')).toBe(false)
  })
})

describe('menu by role', () => {
  it('shows each role its sections', () => {
    expect(canSee('admin', 'bitrix24')).toBe(true)
    expect(canSee('university', 'companies')).toBe(false)
    expect(canSee('university', 'students')).toBe(true)
    expect(canSee('recruiter', 'universities')).toBe(false)
    expect(canSee('student', 'dashboard')).toBe(false)
    expect(canSee(null, 'dashboard')).toBe(false)
    expect(canEdit('recruiter', 'applications')).toBe(true)
    expect(canEdit('university', 'openings')).toBe(false)
    expect(homeFor('student')).toBe('/applications')
    expect(homeFor('manager')).toBe('/')
  })
})

describe('CSV import', () => {
  it('parses quotes, doubled quotes, CRLF and semicolons', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"']])
    expect(parseCsv('\uFEFFa;b\n1;2')).toEqual([['a', 'b'], ['1', '2']])
    expect(parseCsv('a,b\n\n1,2\n')).toEqual([['a', 'b'], ['1', '2']])
  })

  it('finds per-row problems before upload', () => {
    const rows = parseCsv('full_name,email,university_id,course,skills\nИван,ivan@example.com,1,3,python|sql\n,bad,x,9,\n')
    const result = readStudentRows(rows)
    expect(result.missing).toEqual([])
    expect(result.rows[0]!.errors).toEqual([])
    expect(result.rows[1]!.line).toBe(3)
    expect(result.rows[1]!.errors.map((e) => e.field).sort()).toEqual(['course', 'email', 'full_name', 'university_id'])
    expect(uploadValues({ skills: 'python, sql|go' }).skills).toBe('python|sql|go')
  })

  it('writes rows back as CSV that reads the same, in pieces', () => {
    const rows = [{ full_name: 'Иванов, Иван', email: 'a@example.com', note: 'say "hi"' }, { full_name: 'Пётр', email: 'p@example.com' }]
    const text = toCsv(['full_name', 'email', 'note'], rows)
    expect(parseCsv(text)).toEqual([['full_name', 'email', 'note'], ['Иванов, Иван', 'a@example.com', 'say "hi"'], ['Пётр', 'p@example.com', '']])
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
  })

  it('fills a coordinator’s university and reports missing columns', () => {
    expect(readStudentRows([['full_name', 'email', 'course']], 7).missing).toEqual([])
    expect(readStudentRows([['full_name']]).missing).toEqual(['email', 'university_id', 'course'])
  })
})

describe('periods', () => {
  const today = new Date('2025-03-10T12:00:00Z')
  it('starts the right number of days back', () => {
    expect(periodStart('7d', today)).toBe('2025-03-04')
    expect(periodStart('30d', today)).toBe('2025-02-09')
    expect(periodStart('all', today)).toBeUndefined()
    expect(trendInterval('7d')).toBe('week')
    expect(trendInterval('90d')).toBe('week')
    expect(trendInterval('all')).toBe('month')
  })
})

describe('forms', () => {
  it('sends blank text as null', () => {
    expect(blankToNull({ a: ' x ', b: '', c: 3 })).toEqual({ a: 'x', b: null, c: 3 })
  })
})

describe('sign-in hint', () => {
  it('is there only when set, not when cleared or merely named alike', () => {
    expect(hasSignedInHint('theme=dark; internhub_signed_in=1')).toBe(true)
    expect(hasSignedInHint('')).toBe(false)
    expect(hasSignedInHint('internhub_signed_in=')).toBe(false)
    expect(hasSignedInHint('internhub_signed_in_old=1')).toBe(false)
  })
})
