// Shapes of endpoints the screens use that the backend's OpenAPI document does not describe yet.
// When an endpoint lands, regenerate the schema and switch its calls over to the typed client.
import type { ApplicationStatus, Opening } from './types'

/** GET /api/v1/public/openings (no sign-in): active openings with the company's name. */
export interface PublicOpening extends Pick<Opening, 'id' | 'title' | 'kind' | 'format' | 'city' | 'description' | 'skills' | 'starts_on' | 'ends_on' | 'slots'> {
  company_name: string
}

/** POST /api/v1/public/applications (multipart) answers with a private link to follow the application. */
export interface PublicApplicationCreated {
  id: number
  status: ApplicationStatus
  token: string
}

/** GET /api/v1/public/applications/{token} */
export interface PublicApplicationStatus {
  opening_title: string
  company_name: string
  status: ApplicationStatus
  applied_at: string
  history: { status: ApplicationStatus; changed_at: string }[]
}

/** GET /api/v1/placement-requests?university_id= */
export interface PlacementRequest {
  id: number
  university_id: number
  company_id: number | null
  title: string
  students_count: number
  status: string
  created_at: string
}

/** GET/POST/PATCH/DELETE /api/v1/routing/rules */
export interface RoutingRule {
  id: number
  name: string
  priority: number
  enabled: boolean
  conditions: { field: string; op: string; value: string }[]
  assign_company_id: number | null
  assign_manager_id: number | null
  bitrix24_pipeline_id: number | null
}

/** POST /api/v1/routing/explain { application_id } */
export interface RoutingExplanation {
  matched_rule_id: number | null
  steps: { rule_id: number; name: string; matched: boolean; reason: string }[]
  result: { company_id: number | null; manager_id: number | null; bitrix24_pipeline_id: number | null }
}

/** GET /api/v1/reports */
export interface Report {
  id: number
  name: string
  kind: string
  created_at: string
  format: string
  schedule: string | null
  download_url: string
}

/** POST /api/v1/students/import?dry_run=true (multipart CSV) */
export interface ImportPreview {
  total: number
  valid: number
  invalid: number
  rows: { row: number; values: Record<string, string>; errors: { field: string; message: string }[] }[]
}

/** POST /api/v1/students/import (dry_run=false) then GET /api/v1/students/import/{job_id} */
export interface ImportJob {
  id: string
  state: 'queued' | 'running' | 'done' | 'failed'
  total: number
  processed: number
  created: number
  updated: number
  failed: number
  errors: { row: number; field: string | null; message: string }[]
}
