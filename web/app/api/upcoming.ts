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
