// Short names for the generated API types, so components read `Opening` rather than components['schemas'][...].
import type { components } from './schema'

type S = components['schemas']

export type Me = S['MeOut']
export type Role = S['Role']
export type University = S['UniversityOut']
export type UniversityIn = S['UniversityIn']
export type Company = S['CompanyOut']
export type CompanyIn = S['CompanyIn']
export type Student = S['StudentOut']
export type StudentIn = S['StudentIn']
export type Opening = S['OpeningOut']
export type OpeningIn = S['OpeningIn']
export type OpeningStatus = S['OpeningStatus']
export type OpeningKind = S['OpeningKind']
export type WorkFormat = S['WorkFormat']
export type Application = S['ApplicationOut']
export type ApplicationStatus = S['ApplicationStatus']
export type ApplicationSource = S['ApplicationSource']
export type StatusChange = S['StatusChangeOut']
export type Candidate = S['CandidateOut']
export type Assignee = S['AssigneeOut']
export type ApiKey = S['ApiKeyOut']
export type ApiKeyCreated = S['ApiKeyCreated']

export interface Page<T> {
  items: T[]
  total: number
  total_exact: boolean
  limit: number
  page: number | null
  next_cursor: string | null
}

export const APPLICATION_STATUSES: ApplicationStatus[] = ['new', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']
export const ACTIVE_APPLICATION_STATUSES: ApplicationStatus[] = ['new', 'screening', 'interview', 'offer']
export const OPENING_STATUSES: OpeningStatus[] = ['draft', 'active', 'closed', 'completed']
export const OPENING_KINDS: OpeningKind[] = ['internship', 'vacancy']
export const WORK_FORMATS: WorkFormat[] = ['office', 'remote', 'hybrid']

export type User = S['UserOut']
export type RoutingRule = S['RuleOut']
export type RoutingRuleIn = S['RuleIn']
export type RoutingConditions = S['Conditions']
export type RoutingActions = S['Actions']
export type RoutingExplanation = S['Explanation']
export type RoutingTeam = S['TeamOut']
export type Report = S['ReportOut']
export type ReportIn = S['ReportIn']
export type ReportKind = S['ReportKind']
export type ReportFormat = S['ReportFormat']
export type ReportSchedule = S['ScheduleOut']
export type ReportScheduleIn = S['ScheduleIn']
export type PlacementRequest = S['PlacementRequestOut']
export type PlacementRequestIn = S['PlacementRequestIn']
export type Mapping = S['Mapping']
export const APPLICATION_SOURCES: ApplicationSource[] = ['portal', 'university', 'bitrix24', 'import']
export type RoutingRulePatch = S['RulePatch']
export type StudentImport = S['StudentImportOut']
export type StudentImportRow = S['StudentImportRow']
export type Bitrix24Pipeline = S['PipelineOut']
export type PublicOpening = S['PublicOpeningOut']
export type PublicCity = S['PublicCityOut']
export type PublicUniversity = S['PublicUniversityOut']
export type PublicApplicationForm = S['PublicApplicationForm']
export type PublicApplicationCreated = S['PublicApplicationCreated']
export type PublicApplicationStatus = S['PublicApplicationStatus']
export type PublicStatusStep = S['PublicStatusStep']
export type PublicConsent = S['ConsentOut']
