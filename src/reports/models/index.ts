export type { DailyReport } from './daily.js';
export type { WeeklyReport } from './weekly.js';
export type { MonthlyReport } from './monthly.js';
export type { QuarterlyReport, EvidenceFile } from './quarterly.js';
import type { DailyReport } from './daily.js';
import type { MonthlyReport } from './monthly.js';
import type { QuarterlyReport } from './quarterly.js';
import type { WeeklyReport } from './weekly.js';

export type ReportModel = DailyReport | WeeklyReport | MonthlyReport | QuarterlyReport;
