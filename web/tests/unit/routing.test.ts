import { describe, expect, it } from 'vitest'
import type { RoutingRule } from '~/api/types'
import { blankRule, describeCause, describeConditions, formToBody, ruleToForm, splitList } from '~/utils/routing'

const rule: RoutingRule = {
  id: 7,
  name: 'ТПУ, 3–4 курс, аналитика',
  position: 2,
  enabled: true,
  is_default: false,
  conditions: { opening_kinds: ['internship'], company_ids: [], university_ids: [5], course_min: 3, course_max: 4, specialties: [], skills: ['sql', 'python'], skills_min_overlap: 2, cities: ['томск'], formats: [], sources: ['portal'] },
  actions: { assignee_id: null, team_id: 3, bitrix24_category_id: 7, bitrix24_stage_id: 'C7:NEW', tags: ['тпу'], notify_user_ids: [] },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}
const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}(${JSON.stringify(params)})` : key)

describe('routing rule editor', () => {
  it('splits comma lists without blanks or repeats', () => {
    expect(splitList(' sql, python,,sql ;\n go ')).toEqual(['sql', 'python', 'go'])
    expect(splitList('')).toEqual([])
  })

  it('round-trips a rule through the form to the API body', () => {
    const body = formToBody(ruleToForm(rule))
    expect(body).toEqual({
      name: rule.name,
      position: 2,
      enabled: true,
      conditions: { ...rule.conditions, company_ids: [], specialties: [] },
      actions: rule.actions,
    })
  })

  it('sends no position for a new rule left unplaced, and no stage without a pipeline', () => {
    const form = { ...blankRule(), name: ' Новое ', bitrix24_stage_id: 'C7:NEW' }
    const body = formToBody(form)
    expect(body.name).toBe('Новое')
    expect('position' in body).toBe(false)
    expect(body.actions?.bitrix24_stage_id).toBeNull()
    expect(body.conditions?.course_min).toBeNull()
  })

  it('changes only the name and actions of the default rule', () => {
    const body = formToBody({ ...ruleToForm({ ...rule, is_default: true }), tags: 'a, b' })
    expect(Object.keys(body).sort()).toEqual(['actions', 'name'])
    expect(body.actions?.tags).toEqual(['a', 'b'])
  })

  it('describes conditions one line each, and nothing for a rule that takes everything', () => {
    const lines = describeConditions(rule, t, (kind, id) => `${kind}#${id}`)
    expect(lines).toEqual([
      'routing.conditionsShort.kinds: kind.internship',
      'routing.conditionsShort.universities: universities#5',
      'routing.conditionsShort.course: 3–4',
      'routing.conditionsShort.skills({"n":2}): sql, python',
      'routing.conditionsShort.cities: томск',
      'routing.conditionsShort.sources: source.portal',
    ])
    expect(describeConditions({ conditions: {} }, t, () => '')).toEqual([])
  })

  it('words the reasons of an explanation from their codes, and falls back to the text for unknown ones', () => {
    const name = (kind: string, id: number) => `${kind}#${id}`
    const say = (code: string, values: Record<string, unknown>) => describeCause({ code, values } as never, t, name, 'english')
    expect(say('not_listed', { condition: 'opening_kind', value: 'vacancy', allowed: ['internship'] })).toBe(
      'routing.causes.not_listed({"condition":"routing.fields.kinds","value":"kind.vacancy","allowed":"kind.internship"})',
    )
    expect(say('not_listed', { condition: 'company', value: 3, allowed: [5, 7] })).toBe(
      'routing.causes.not_listed({"condition":"routing.fields.companies","value":"companies#3","allowed":"companies#5, companies#7"})',
    )
    expect(say('not_listed', { condition: 'city', value: '', allowed: ['томск'] })).toContain('"value":"routing.causes.none"')
    expect(say('skills_short', { overlap: 1, skills: ['go', 'sql'], needed: 2 })).toBe(
      'routing.causes.skills_short({"overlap":1,"skills":"go, sql","needed":2})',
    )
    expect(say('earlier_match', { rule: 'Томск' })).toBe('routing.causes.earlier_match({"rule":"Томск"})')
    expect(say('something_new', {})).toBe('english')
  })
})
