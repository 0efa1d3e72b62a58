import type { ApplicationSource, OpeningKind, RoutingExplanation, RoutingRule, RoutingRuleIn, WorkFormat } from '~/api/types'

/** The routing rule editor's state: lists of words are typed comma-separated, ids are picked. */
export interface RuleForm {
  id?: number
  is_default: boolean
  name: string
  position: number | null
  enabled: boolean
  opening_kinds: OpeningKind[]
  formats: WorkFormat[]
  sources: ApplicationSource[]
  company_ids: number[]
  university_ids: number[]
  course_min: number | null
  course_max: number | null
  specialties: string
  skills: string
  skills_min_overlap: number
  cities: string
  assignee_id: number | null
  team_id: number | null
  bitrix24_category_id: number | null
  bitrix24_stage_id: string | null
  tags: string
  notify_user_ids: number[]
}

/** "a, b,, a " -> ["a", "b"]: trimmed, no blanks, no repeats. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean))]
}

export function blankRule(): RuleForm {
  return {
    is_default: false,
    name: '',
    position: null,
    enabled: true,
    opening_kinds: [],
    formats: [],
    sources: [],
    company_ids: [],
    university_ids: [],
    course_min: null,
    course_max: null,
    specialties: '',
    skills: '',
    skills_min_overlap: 1,
    cities: '',
    assignee_id: null,
    team_id: null,
    bitrix24_category_id: null,
    bitrix24_stage_id: null,
    tags: '',
    notify_user_ids: [],
  }
}

export function ruleToForm(rule: RoutingRule): RuleForm {
  const c = rule.conditions
  const a = rule.actions
  return {
    id: rule.id,
    is_default: rule.is_default,
    name: rule.name,
    position: rule.position,
    enabled: rule.enabled,
    opening_kinds: [...(c.opening_kinds ?? [])],
    formats: [...(c.formats ?? [])],
    sources: [...(c.sources ?? [])],
    company_ids: [...(c.company_ids ?? [])],
    university_ids: [...(c.university_ids ?? [])],
    course_min: c.course_min ?? null,
    course_max: c.course_max ?? null,
    specialties: (c.specialties ?? []).join(', '),
    skills: (c.skills ?? []).join(', '),
    skills_min_overlap: c.skills_min_overlap ?? 1,
    cities: (c.cities ?? []).join(', '),
    assignee_id: a.assignee_id ?? null,
    team_id: a.team_id ?? null,
    bitrix24_category_id: a.bitrix24_category_id ?? null,
    bitrix24_stage_id: a.bitrix24_stage_id ?? null,
    tags: (a.tags ?? []).join(', '),
    notify_user_ids: [...(a.notify_user_ids ?? [])],
  }
}

/**
 * The body for POST /routing/rules or PATCH /routing/rules/{id}. The default rule takes only its name and
 * actions (the API refuses a position, conditions or switching it off).
 */
export function formToBody(form: RuleForm): RoutingRuleIn {
  const actions = {
    assignee_id: form.assignee_id,
    team_id: form.team_id,
    bitrix24_category_id: form.bitrix24_category_id,
    bitrix24_stage_id: form.bitrix24_category_id === null ? null : form.bitrix24_stage_id || null,
    tags: splitList(form.tags),
    notify_user_ids: form.notify_user_ids,
  }
  if (form.is_default) return { name: form.name.trim(), actions } as RoutingRuleIn
  return {
    name: form.name.trim(),
    ...(form.position ? { position: form.position } : {}),
    enabled: form.enabled,
    conditions: {
      opening_kinds: form.opening_kinds,
      formats: form.formats,
      sources: form.sources,
      company_ids: form.company_ids,
      university_ids: form.university_ids,
      course_min: form.course_min || null,
      course_max: form.course_max || null,
      specialties: splitList(form.specialties),
      skills: splitList(form.skills),
      skills_min_overlap: form.skills_min_overlap || 1,
      cities: splitList(form.cities),
    },
    actions,
  }
}

type T = (key: string, params?: Record<string, unknown>) => string
type Name = (kind: 'companies' | 'universities', id: number) => string

/** One short line per condition of a rule, in the reader's language; empty when the rule takes everything. */
export function describeConditions(rule: Pick<RoutingRule, 'conditions'>, t: T, name: Name): string[] {
  const c = rule.conditions
  const out: string[] = []
  const list = (key: string, values: string[] | undefined) => {
    if (values?.length) out.push(`${t(`routing.conditionsShort.${key}`)}: ${values.join(', ')}`)
  }
  list('kinds', c.opening_kinds?.map((k) => t(`kind.${k}`)))
  list('companies', c.company_ids?.map((id) => name('companies', id)))
  list('universities', c.university_ids?.map((id) => name('universities', id)))
  if (c.course_min || c.course_max) {
    out.push(`${t('routing.conditionsShort.course')}: ${c.course_min ?? 1}–${c.course_max ?? 6}`)
  }
  list('specialties', c.specialties)
  if (c.skills?.length) {
    out.push(`${t('routing.conditionsShort.skills', { n: c.skills_min_overlap ?? 1 })}: ${c.skills.join(', ')}`)
  }
  list('cities', c.cities)
  list('formats', c.formats?.map((f) => t(`format.${f}`)))
  list('sources', c.sources?.map((s) => t(`source.${s}`)))
  return out
}

export type Cause = RoutingExplanation['steps'][number]['causes'][number]

const CONDITION_LABELS: Record<string, string> = {
  opening_kind: 'routing.fields.kinds',
  company: 'routing.fields.companies',
  university: 'routing.fields.universities',
  specialty: 'routing.fields.specialties',
  city: 'routing.fields.cities',
  format: 'routing.fields.formats',
  source: 'routing.fields.sources',
}
const VALUE_LABELS: Record<string, string> = { opening_kind: 'kind', format: 'format', source: 'source' }
const NAMED: Record<string, 'companies' | 'universities'> = { company: 'companies', university: 'universities' }

/** Why a rule does not decide, in the reader's language, from the API's code and values; ``fallback`` (the
 * API's English text) for a code this screen does not know yet. */
export function describeCause(c: Cause, t: T, name: Name, fallback: string): string {
  const v = c.values as Record<string, any>
  const shown = (value: unknown): string => {
    if (value == null || value === '') return t('routing.causes.none')
    if (VALUE_LABELS[v.condition]) return t(`${VALUE_LABELS[v.condition]}.${value}`)
    return NAMED[v.condition] ? name(NAMED[v.condition]!, Number(value)) : String(value)
  }
  switch (c.code) {
    case 'not_listed':
      return t('routing.causes.not_listed', {
        condition: t(CONDITION_LABELS[v.condition] ?? v.condition),
        value: shown(v.value),
        allowed: (v.allowed as unknown[]).map(shown).join(', '),
      })
    case 'skills_short':
      return t('routing.causes.skills_short', { ...v, skills: (v.skills as string[]).join(', ') })
    case 'course_below':
    case 'course_above':
    case 'disabled':
    case 'earlier_match':
      return t(`routing.causes.${c.code}`, v)
    default:
      return fallback
  }
}
