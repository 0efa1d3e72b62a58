/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF, and `;` or `,` chosen from the header line. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const firstLine = source.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''))
}

export const STUDENT_COLUMNS = ['full_name', 'email', 'university_id', 'course', 'phone', 'specialty', 'skills'] as const
export const REQUIRED_STUDENT_COLUMNS = ['full_name', 'email', 'university_id', 'course'] as const

export interface StudentRow {
  line: number
  values: Record<string, string>
  errors: { field: string; message: string }[]
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Turn CSV rows (header first) into student rows with the problems a person can fix before uploading. */
export function readStudentRows(rows: string[][], defaultUniversityId?: number | null): { header: string[]; rows: StudentRow[]; missing: string[] } {
  const [head = [], ...body] = rows
  const header = head.map((h) => h.trim().toLowerCase())
  const missing = REQUIRED_STUDENT_COLUMNS.filter((c) => !header.includes(c) && !(c === 'university_id' && defaultUniversityId))
  const out = body.map((cells, index) => {
    const values: Record<string, string> = {}
    header.forEach((h, i) => (values[h] = (cells[i] ?? '').trim()))
    if (!values.university_id && defaultUniversityId) values.university_id = String(defaultUniversityId)
    const errors: StudentRow['errors'] = []
    for (const c of REQUIRED_STUDENT_COLUMNS) if (!values[c]) errors.push({ field: c, message: 'required' })
    if (values.email && !EMAIL.test(values.email)) errors.push({ field: 'email', message: 'email' })
    const course = Number(values.course)
    if (values.course && (!Number.isInteger(course) || course < 1 || course > 6)) errors.push({ field: 'course', message: 'course' })
    if (values.university_id && !/^\d+$/.test(values.university_id)) errors.push({ field: 'university_id', message: 'number' })
    return { line: index + 2, values, errors }
  })
  return { header, rows: out, missing }
}

/** One row as the import endpoint reads it: skills joined by `|`, whatever the file used. */
export function uploadValues(values: Record<string, string>): Record<string, string> {
  const skills = (values.skills ?? '').split(/[|,]/).map((s) => s.trim()).filter(Boolean)
  return { ...values, skills: skills.join('|') }
}

/** Rows back to CSV text (comma-separated, quoted where needed), header first: a slice of a file to upload. */
export function toCsv(header: readonly string[], rows: Record<string, string>[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(cell).join(',')).join('\n') + '\n'
}

/** Cut a list into pieces of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
