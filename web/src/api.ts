// A small typed client for Khet's JSON API (/api/v1). Every call returns parsed JSON or throws
// ApiError, which carries the server's stable error body (code, message, field errors, and on a
// conflict the record as it is now). Calls send the session cookie (same-origin) and, when they
// change something, the session's CSRF token in X-CSRF-Token.

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
  /** The office the school belongs to. */
  office_code?: string;
  /** Edit bookkeeping: the version PUT must send back, and who saved it last, when. */
  version?: number;
  updated_at?: string;
  updated_by?: string;
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
  /** The quality zones of the school's office (what its edit form may choose from). */
  zones?: { code: string; name: string }[];
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
  error: { code: string; message: string; fields?: FieldError[]; current?: unknown };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** On a 409 conflict: the record as it is now on the server (a school for PUT /schools/{code}). */
  readonly current: EditableSchool | null;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], current: EditableSchool | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
  }

  /** The message of one field's error ("new_password"), if the server named that field. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts, sessions and permissions

export type Permission = 'read_published' | 'read_school_data' | 'edit_school' | 'import' | 'manage_users' | 'read_audit' | 'edit_plan' | 'report_results';

export const ALL_PERMISSIONS: readonly Permission[] = ['read_published', 'read_school_data', 'edit_school', 'import', 'manage_users', 'read_audit', 'edit_plan', 'report_results'];

export interface Grant {
  role: string;
  role_label: string;
  office: string;
  school: string;
  group: string;
}

export interface User {
  id: number;
  login: string;
  display_name: string;
  must_change_password: boolean;
  demo: boolean;
  grants: Grant[];
  /** Users list only. */
  created_at?: string;
}

export interface SessionOffice {
  code: string;
  short_name: string;
  permissions: Permission[];
}

export interface SessionSchool {
  code: string;
  name: string;
  office: string;
  permissions: Permission[];
}

export interface Session {
  user: User;
  csrf_token: string;
  expires_at: string;
  idle_minutes: number;
  system_admin: boolean;
  offices: SessionOffice[];
  schools: SessionSchool[];
}

export type RoleScope = 'office' | 'school' | 'group' | 'none';

export interface Role {
  name: string;
  label: string;
  scope: RoleScope;
}

export interface NewUser {
  login: string;
  display_name: string;
  role: string;
  office: string;
  school: string;
  group: string;
}

export interface IssuedPassword {
  user: User;
  one_time_password: string;
}

/** What PUT /schools/{code} takes, besides the version it was loaded at. */
export interface SchoolEdit {
  name: string;
  district: string;
  zone_code: string;
  level_span: string;
  active: boolean;
}

/** The school record as the edit form and a 409 conflict see it. */
export interface EditableSchool extends Partial<School> {
  code: string;
  name: string;
  version: number;
  updated_at?: string;
  updated_by?: string;
}

export interface AuditEntry {
  generation: number;
  seq: number;
  at: string;
  user_login: string;
  user_name: string;
  address: string;
  office: string;
  action: string;
  action_label: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilter {
  user?: string;
  action?: string;
  entity?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  truncated: boolean;
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
    const current = error.current && typeof error.current === 'object' ? (error.current as EditableSchool) : null;
    return new ApiError(response.status, error.code ?? 'unknown', error.message, error.fields ?? [], current);
  }
  if (response.status === 401) return new ApiError(401, 'unauthenticated', 'กรุณาเข้าสู่ระบบก่อนใช้งาน');
  if (response.status === 403) return new ApiError(403, 'permission_denied', 'บัญชีนี้ไม่มีสิทธิ์ทำรายการนี้');
  return new ApiError(response.status, 'http_' + response.status, `เซิร์ฟเวอร์ตอบกลับด้วยสถานะ ${response.status}`);
}

// The session's CSRF token: the server hands it out with the session, and wants it back in a
// header on every call that changes something (the cookie alone does not prove the page sent it).
let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function getCsrfToken(): string {
  return csrfToken;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthHandlers {
  /** Any call (but signing in itself) answered 401: the session is gone or has expired. */
  unauthenticated?: (error: ApiError) => void;
  /** A 403 naming the field "password": the user must change their password first. */
  mustChangePassword?: (error: ApiError) => void;
}

let handlers: AuthHandlers = {};

/** Lets the app react to a lost session wherever it happens; returns the previous handlers. */
export function setAuthHandlers(next: AuthHandlers): AuthHandlers {
  const previous = handlers;
  handlers = next;
  return previous;
}

interface RequestOptions extends RequestInit {
  /** Do not report a 401 to the app (signing in, where 401 means a wrong password). */
  quiet401?: boolean;
  /** Set on the one retry after the CSRF token was refreshed. */
  retried?: boolean;
}

/** The server refused the CSRF token (the session changed in another tab, say). */
function csrfRefused(error: ApiError): boolean {
  return error.status === 403 && error.fields.some((f) => f.field.toLowerCase() === 'x-csrf-token');
}

/** The init fetch gets: same-origin cookies, JSON, and the CSRF header on state-changing methods. */
export function requestInit(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (UNSAFE.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  return { ...init, method, headers, credentials: 'same-origin' };
}

async function send(url: string, options: RequestOptions = {}): Promise<Response> {
  const { quiet401, retried, ...init } = options;
  let response: Response;
  try {
    response = await fetch(url, requestInit(init));
  } catch {
    throw new ApiError(0, 'unavailable', 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง');
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (csrfRefused(error) && !retried && UNSAFE.has((init.method ?? 'GET').toUpperCase())) {
      // The cookie is another session's than the token (signed in again in another tab): take
      // the current session's token and try once more; a lost session goes to the sign-in page.
      await getSession().catch((lost: unknown) => {
        if (lost instanceof ApiError && lost.status === 401) handlers.unauthenticated?.(lost);
        throw error;
      });
      return send(url, { ...options, retried: true });
    }
    if (error.status === 401 && !quiet401) handlers.unauthenticated?.(error);
    if (error.status === 403 && error.fields.some((f) => f.field === 'password')) handlers.mustChangePassword?.(error);
    throw error;
  }
  return response;
}

async function request<T>(url: string, init?: RequestOptions): Promise<T> {
  const response = await send(url, init);
  return (await response.json()) as T;
}

function jsonBody(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function keepSession(session: Session): Session {
  setCsrfToken(session.csrf_token ?? '');
  return session;
}

/** The signed-in session; 401 (ApiError) when there is none. Does not count as a lost session. */
export async function getSession(): Promise<Session> {
  return keepSession(await request<Session>(apiUrl('session'), { quiet401: true }));
}

export async function signIn(login: string, password: string): Promise<Session> {
  return keepSession(await request<Session>(apiUrl('session'), { ...jsonBody('POST', { login, password }), quiet401: true }));
}

export async function signOut(): Promise<void> {
  try {
    await send(apiUrl('session'), { method: 'DELETE', quiet401: true });
  } finally {
    setCsrfToken('');
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return keepSession(await request<Session>(apiUrl('session/password'), jsonBody('POST', { current_password: currentPassword, new_password: newPassword })));
}

export async function listUsers(office: string): Promise<User[]> {
  return (await request<{ users: User[] }>(apiUrl('users', { office }))).users;
}

export function addUser(user: NewUser): Promise<IssuedPassword> {
  return request<IssuedPassword>(apiUrl('users'), jsonBody('POST', user));
}

export function resetPassword(id: number): Promise<IssuedPassword> {
  return request<IssuedPassword>(apiUrl(`users/${seg(String(id))}/password-reset`), jsonBody('POST', {}));
}

export async function listRoles(): Promise<Role[]> {
  return (await request<{ roles: Role[] }>(apiUrl('roles'))).roles;
}

export async function updateSchool(code: string, version: number, edit: SchoolEdit): Promise<EditableSchool> {
  return (await request<{ school: EditableSchool }>(apiUrl(`schools/${seg(code)}`), jsonBody('PUT', { version, ...edit }))).school;
}

export type AuditFormat = 'csv' | 'xlsx';

export function auditUrl(office: string, filter: AuditFilter = {}, format?: AuditFormat): string {
  return apiUrl(`offices/${seg(office)}/audit`, { ...filter, format });
}

export function listAudit(office: string, filter: AuditFilter = {}): Promise<AuditPage> {
  return request<AuditPage>(auditUrl(office, filter));
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

export function getSchool(code: string, round?: string): Promise<SchoolDetail> {
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
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file.bytes as BodyInit,
  });
}

// ---- Plans (docs/PLANS.md; GET/POST /offices/{office}/plans …) ----

export type PlanStatusName = 'draft' | 'published';
export type KpiStatusName = 'achieved' | 'close' | 'not_achieved' | 'no_target' | 'no_result';

export interface PlanSummary {
  office_code: string;
  fiscal_year: number;
  title: string;
  status: PlanStatusName;
  status_label: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface FrameworkLink {
  framework: string;
  item: string;
  framework_name?: string;
  number?: string;
  text?: string;
}

export interface PlanItemKpi {
  unit: string;
  polarity: string;
  groups: string[];
  evidence: string;
  rows: number;
}

export interface PlanItem {
  key: string;
  parent: string;
  kind: string;
  kind_label: string;
  number: string;
  text: string;
  serves: FrameworkLink[];
  kpi?: PlanItemKpi;
}

export interface ItemRef {
  key: string;
  number: string;
  text: string;
}

export interface KpiResultEntry {
  fiscal_year: number;
  round: number;
  value: string;
  evidence: string;
  /** The formula a computed result was computed by; '' for a reported one. */
  formula: string;
}

export interface KpiJudgement {
  name: KpiStatusName;
  label: string;
  attainment: number | null;
  inputs: string;
  rule: string;
  needed: string;
}

export interface KpiLine {
  key: string;
  row: number;
  row_label: string;
  number: string;
  text: string;
  strategy: ItemRef | null;
  guideline: ItemRef | null;
  groups: string;
  unit: string;
  polarity: string;
  polarity_label: string;
  levels: string[];
  baseline: string;
  targets: Record<string, string>;
  targets_high: Record<string, string>;
  results: KpiResultEntry[];
  /** The formula the line's results are computed by from Khet's data; '' when reported. */
  formula: string;
  status: KpiJudgement;
  may_report: boolean;
}

export interface StatusCounts {
  achieved: number;
  close: number;
  not_achieved: number;
  no_target: number;
  no_result: number;
  total: number;
}

export interface StatusTally {
  key: string;
  label: string;
  counts: StatusCounts;
}

export interface PlanView extends PlanSummary {
  source: string;
  rules: string;
  status_year: number;
  year_open: boolean;
  may_edit: boolean;
  /** For those who may edit: the measures a KPI formula may name. */
  measures?: KpiMeasure[];
  groups: { code: string; name: string }[];
  items: PlanItem[];
  kpi_table: KpiLine[];
  dashboard: { fiscal_year: number; total: StatusCounts; by_strategy: StatusTally[]; by_group: StatusTally[] };
  check: {
    strategies_without_kpis: string[];
    kpis_without_group: string[];
    served: { framework: string; framework_name: string; item: string; number: string; text: string; by: string[] }[];
  };
  /** Only in the answer to computeResults. */
  computed?: ComputedResults;
}

export interface KpiMeasure {
  name: string;
  label: string;
}

export interface ComputedLine {
  key: string;
  row: number;
  name: string;
  value: string;
  evidence: string;
  formula: string;
  kept: boolean;
}

export interface ComputedResults {
  written: boolean;
  skipped: string[];
  rounds: { round: number; census: string; lines: ComputedLine[] }[];
}

/** What to compute: the results' fiscal year, a round (every ended round when left out). */
export interface ComputeRequest {
  fiscal_year: number;
  round?: number;
  replace: boolean;
}

export interface PlanImportResult {
  dry_run: boolean;
  plans: PlanSummary[];
  frameworks: string[];
  items: number;
  kpis: number;
}

/** One change of the plan editor (POST …/edits); the server renumbers after each. */
export type PlanEdit =
  | { edit: 'text'; key: string; text: string }
  | { edit: 'move'; key: string; index: number }
  | { edit: 'add'; parent: string; kind: string; text: string; index?: number }
  | { edit: 'remove'; key: string }
  | { edit: 'kpi'; key: string; unit: string; polarity: string; groups: string[]; evidence: string }
  | { edit: 'target'; key: string; row: number; fiscal_year: number; value: string; high?: string }
  | { edit: 'formula'; key: string; row: number; formula: string }
  | { edit: 'status'; status: PlanStatusName };

export interface ResultReport {
  key: string;
  row: number;
  fiscal_year: number;
  round: number;
  value: string;
  evidence: string;
}

export async function listPlans(office: string): Promise<PlanSummary[]> {
  return (await request<{ plans: PlanSummary[] }>(apiUrl(`offices/${seg(office)}/plans`))).plans;
}

export function getPlan(office: string, year: number, statusYear?: number): Promise<PlanView> {
  return request<PlanView>(apiUrl(`offices/${seg(office)}/plans/${year}`, { year: statusYear }));
}

export type PlanDocumentFormat = 'pdf' | 'xlsx' | 'csv';

export function planDocumentUrl(office: string, year: number, format: PlanDocumentFormat, part: 'plan' | 'kpi_table', thaiDigits = false): string {
  return apiUrl(`offices/${seg(office)}/plans/${year}/document`, { format, part, thai_digits: thaiDigits ? 'true' : undefined });
}

/** Both answer with the plan as it is now, judged for `statusYear` (the year the page shows). */
export function editPlan(office: string, year: number, version: number, edit: PlanEdit, statusYear?: number): Promise<PlanView> {
  return request<PlanView>(apiUrl(`offices/${seg(office)}/plans/${year}/edits`, { year: statusYear }), jsonBody('POST', { version, ...edit }));
}

export function reportResult(office: string, year: number, version: number, report: ResultReport, statusYear?: number): Promise<PlanView> {
  return request<PlanView>(apiUrl(`offices/${seg(office)}/plans/${year}/results`, { year: statusYear }), jsonBody('PUT', { version, ...report }));
}

/** Computes the results of the lines with a formula from the census (POST …/compute). */
export function computeResults(office: string, year: number, version: number, compute: ComputeRequest, statusYear?: number): Promise<PlanView> {
  return request<PlanView>(apiUrl(`offices/${seg(office)}/plans/${year}/compute`, { year: statusYear }), jsonBody('POST', { version, ...compute }));
}

export async function copyPlan(office: string, from: number, to: number): Promise<PlanSummary> {
  return (await request<{ plan: PlanSummary }>(apiUrl(`offices/${seg(office)}/plans/${from}/copy`), jsonBody('POST', { to }))).plan;
}

/** Sends a plan file's text (docs/PLANS.md) to be checked, and unless a dry run, imported. */
export function importPlanFile(office: string, file: { name: string; text: string }, dryRun: boolean): Promise<PlanImportResult> {
  const url = apiUrl(`offices/${seg(office)}/plans`, { dry_run: dryRun ? 'true' : 'false', filename: file.name });
  return request<PlanImportResult>(url, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: file.text });
}
