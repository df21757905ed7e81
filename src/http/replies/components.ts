import { Assessment, AssessmentList } from './assessments.js';
import {
  Compliance,
  ComplianceEntry,
  CreditLine,
  CreditStatement,
  Overview,
  OverviewEntry,
} from './compliance.js';
import { ref } from './kit.js';
import { Month, MonthList, PolicyVersion, PolicyVersionList } from './terms.js';
import {
  Alert,
  AlertList,
  Improvement,
  ImprovementList,
  Incident,
  IncidentList,
  Monitor,
  MonitorList,
} from './operations.js';
import {
  Clock,
  PolicySummary,
  Recorder,
  Ticket,
  TicketEvent,
  TicketList,
  Whoami,
} from './tickets.js';

/** The named reply schemas of the OpenAPI document (components.schemas), which routes refer to. */
export const REPLY_SCHEMAS = {
  Whoami,
  PolicySummary,
  Clock,
  Recorder,
  TicketEvent,
  Ticket,
  TicketList,
  ComplianceEntry,
  Compliance,
  OverviewEntry,
  Overview,
  CreditLine,
  CreditStatement,
  Alert,
  AlertList,
  Incident,
  IncidentList,
  Monitor,
  MonitorList,
  Improvement,
  ImprovementList,
  Assessment,
  AssessmentList,
  PolicyVersionList,
  PolicyVersion,
  Month,
  MonthList,
};

/** A route's `response` schema: a 200 reply of the named shape. */
export const replies = (name: keyof typeof REPLY_SCHEMAS) => ({
  200: ref(name, REPLY_SCHEMAS[name]),
});
