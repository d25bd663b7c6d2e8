// A small typed client for Khet's JSON API (/api/v1). Every call returns parsed JSON or throws
// ApiError, which carries the server's stable error body (code, message, field errors).

export interface Office {
  code: string;
  name: string;
  short_name: string;
}

export interface CentreSchool {
  code: string;
  name: string;
}

export interface Zone {
  code: string;
  name: string;
  district: string;
  centre_school?: CentreSchool | null;
  schools: number;
}

export interface OfficeSummary {
  round: string;
  schools: number;
  students: number;
  rooms: number;
  teachers: number;
  teacher_ratio: number | null;
  room_ratio: number | null;
}

export interface OfficeDetail extends Office {
  rounds: string[];
  districts: string[];
  zones: Zone[];
  data_note?: string;
  summary?: OfficeSummary | null;
}

export interface SizeBand {
  label: string;
  min: number;
  max: number | null;
}

export interface SizeScheme {
  code: string;
  name: string;
  bands: SizeBand[];
}

export interface School {
  code: string;
  smis_code?: string | null;
  name: string;
  district: string;
  zone_code?: string | null;
  zone_name?: string | null;
  affiliation?: string | null;
  /** Levels taught as OBEC lists them, e.g. "อนุบาล-ประถมศึกษา". */
  level_span?: string | null;
  active: boolean;
  /** Where the row came from: "obec-2022-09", "generated", an imported file name. */
  source?: string | null;
  students: number | null;
  rooms: number | null;
  teachers: number | null;
  size_group?: string | null;
}

export interface EnrolmentRow {
  /** Short code: อ.1–อ.3, ป.1–ป.6, ม.1–ม.6. */
  grade: string;
  /** Full name, e.g. "ประถมศึกษาปีที่ 1". */
  grade_name?: string;
  male: number;
  female: number;
  rooms: number;
}

export interface StaffRow {
  position: string;
  rank: string;
  standing: string;
  male: number;
  female: number;
}

export interface DegreeRow {
  degree: string;
  male: number;
  female: number;
}

export interface SchoolDetail {
  school: School;
  enrolment: EnrolmentRow[];
  staff: StaffRow[];
  degrees: DegreeRow[];
  teacher_ratio: number | null;
  room_ratio: number | null;
}

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'ratio';

export interface StatColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

export interface StatCell {
  text: string;
  value: number | null;
}

export type RowRole = 'body' | 'subtotal' | 'total';

export interface StatRow {
  role: RowRole;
  cells: StatCell[];
}

export interface StatTable {
  id: string;
  caption: string;
  columns: StatColumn[];
  rows: StatRow[];
  notes?: string[];
  provenance?: string[];
}

export interface ValidationWarning {
  rule: string;
  message: string;
  figures?: Record<string, string | number | null>;
}

export type ImportKind = 'schools' | 'census' | 'staff' | 'degrees';

export interface ImportResult {
  kind: string;
  dry_run: boolean;
  rows: number;
  schools?: number;
  /** The layout the server recognised: "flat", "obec-list", "emis-student", "emis-staff". */
  format?: string;
  source?: string;
  replaced?: number;
  /** What the server did on the way: encoding conversion, checked subtotals, skipped rows. */
  notes?: string[];
  warnings?: (ValidationWarning | string)[];
}

export interface FieldError {
  field: string;
  row?: number | null;
  column?: string | null;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** The URL of an API path, relative to the page so the bundle works under any mount point. */
export function apiUrl(path: string, query: Query = {}): string {
  const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  const url = new URL('api/v1/' + path.replace(/^\/+/, ''), base);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Encodes one path segment (codes are digits today, but a zone or table id must not break the URL). */
const seg = encodeURIComponent;

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to the status text.
  }
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(response.status, error.code ?? 'unknown', error.message, error.fields ?? []);
  }
  return new ApiError(response.status, 'http_' + response.status, `เซิร์ฟเวอร์ตอบกลับด้วยสถานะ ${response.status}`);
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, ...init });
  } catch {
    throw new ApiError(0, 'unavailable', 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง');
  }
  if (!response.ok) throw await parseError(response);
  return (await response.json()) as T;
}

export async function listOffices(): Promise<Office[]> {
  return (await request<{ offices: Office[] }>(apiUrl('offices'))).offices;
}

export function getOffice(office: string, round?: string): Promise<OfficeDetail> {
  return request<OfficeDetail>(apiUrl(`offices/${seg(office)}`, { round }));
}

export async function listSizeSchemes(): Promise<SizeScheme[]> {
  return (await request<{ schemes: SizeScheme[] }>(apiUrl('size-schemes'))).schemes;
}

export async function listSchools(office: string, round: string, scheme?: string): Promise<School[]> {
  const url = apiUrl(`offices/${seg(office)}/schools`, { round, scheme });
  return (await request<{ schools: School[] }>(url)).schools;
}

export function getSchool(code: string, round: string): Promise<SchoolDetail> {
  return request<SchoolDetail>(apiUrl(`schools/${seg(code)}`, { round }));
}

export type StatFormat = 'xlsx' | 'csv' | 'pdf';

export function statisticsUrl(office: string, table: string, round: string, scheme?: string, format?: StatFormat): string {
  return apiUrl(`offices/${seg(office)}/statistics/${seg(table)}`, { round, scheme, format });
}

export function getStatistics(office: string, table: string, round: string, scheme?: string): Promise<StatTable> {
  return request<StatTable>(statisticsUrl(office, table, round, scheme));
}

export async function getValidation(office: string, round: string): Promise<ValidationWarning[]> {
  const url = apiUrl(`offices/${seg(office)}/validation`, { round });
  return (await request<{ warnings: ValidationWarning[] }>(url)).warnings;
}

/** Sends the file's own bytes as the body (no multipart); the server parses by kind and filename. */
export function postImport(
  office: string,
  kind: ImportKind,
  round: string,
  file: { name: string; bytes: ArrayBuffer | Uint8Array },
  dryRun: boolean,
  school?: string,
): Promise<ImportResult> {
  const url = apiUrl(`offices/${seg(office)}/imports/${seg(kind)}`, {
    round,
    dry_run: dryRun ? 'true' : 'false',
    filename: file.name,
    school: school || undefined,
  });
  return request<ImportResult>(url, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
    body: file.bytes as BodyInit,
  });
}
