import type { Role } from '~/api/types'

/** The sections of the portal; each page declares its section in definePageMeta({ section }). */
export type Section =
  | 'dashboard'
  | 'openings'
  | 'applications'
  | 'universities'
  | 'companies'
  | 'students'
  | 'bitrix24'
  | 'routing'
  | 'reports'
  | 'users'
  | 'settings'
  | 'audit'

const ALL: Section[] = ['dashboard', 'openings', 'applications', 'universities', 'companies', 'students', 'bitrix24', 'routing', 'reports', 'users', 'settings', 'audit']

/** What each role may open. The API enforces the same scopes; this only keeps the menu honest. */
export const SECTIONS_BY_ROLE: Record<Role, Section[]> = {
  admin: ALL,
  manager: ['dashboard', 'openings', 'applications', 'universities', 'companies', 'students', 'bitrix24', 'routing', 'reports'],
  university: ['dashboard', 'applications', 'universities', 'students', 'reports'],
  recruiter: ['dashboard', 'openings', 'applications', 'companies'],
  student: ['applications'],
}

export function canSee(role: Role | undefined | null, section: Section): boolean {
  return !!role && SECTIONS_BY_ROLE[role].includes(section)
}

/** Who may change things (create, edit, publish, move) in a section, beyond just looking. */
export function canEdit(role: Role | undefined | null, section: Section): boolean {
  if (!role) return false
  if (section === 'audit') return false // read only, for admins
  if (role === 'admin' || role === 'manager') return (section !== 'users' && section !== 'settings') || role === 'admin'
  if (role === 'recruiter') return section === 'openings' || section === 'applications'
  if (role === 'university') return section === 'students'
  return false
}

/** Where a signed-in person lands. */
export function homeFor(role: Role): string {
  return canSee(role, 'dashboard') ? '/' : '/applications'
}
