// Historical data files: streaming CSV and JSON-lines parsers for bars, trades and quotes, and writers for export.
export { COLUMNS, normalizeName } from './columns.ts';
export { CsvSplitter, csvField, csvLine, type CsvRecord } from './csv-records.ts';
export { TIME_UNITS, parseTime, type TimeUnit } from './fields.ts';
export { JsonlSplitter, quoteNumbers } from './jsonl-records.ts';
export { HISTORY_FORMATS, HistoryParser, parseHistory, parseHistoryText, type HistoryFormat, type ParseOptions, type ParsedRow } from './parse.ts';
export { EXPORT_COLUMNS, HistoryWriter, type TimeFormat } from './write.ts';
