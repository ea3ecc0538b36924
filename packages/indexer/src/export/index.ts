// The bulk export for analysts: every list the GraphQL API serves, streamed as CSV or NDJSON with the
// API's filters, order and time travel (`createExportModule` mounts it in the service's server).
export { type ExportColumn, exportColumns, exportEntities, exportSchema } from "./columns.ts";
export { ExportError, type ExportErrorCode } from "./errors.ts";
export { contentType, createEncoder, csvCell } from "./formats.ts";
export { createExportModule, type ExportModuleOptions, limitClients } from "./module.ts";
export { EXPORT_PAGE_SIZE, type ExportPagesOptions, exportPages } from "./pages.ts";
export {
  type ExportFormat,
  type ExportRequest,
  exportParameters,
  parseExportRequest,
} from "./params.ts";
