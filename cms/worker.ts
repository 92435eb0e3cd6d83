/**
 * The one door from workers into the CMS. A worker takes ids, re-reads them through Payload's Local API and
 * records outcomes; what it needs of the CMS for that is here, and nothing else in cms/ is for it (a unit
 * test holds workers to this module). What workers share with the CMS without Payload lives in core/.
 */
export { bootPayload } from './bootPayload'
export { poolOf } from './db/poolOf'
export { applyWorkflowAction, WorkflowError } from './workflow/applyWorkflowAction'
export { periodsFrom } from './workflow/blackoutFor'
export { WORKFLOW_COLLECTIONS, type WorkflowCollection } from './workflow/workflowCollections'
export type { Bulletin, Department, Distribution, Media, Program, SocialAccount, Delivery, PressContact, SiteSetting, MonitoringSetting, Petition } from './payload-types'
export { syncAlerts, type AlertChanges } from './alerts/syncAlerts'
export { readOpenAlerts } from './alerts/readOpenAlerts'
export { ALERT_COLUMNS, alertFromRow, alertPath, type AlertCondition, type AlertItem, type AlertKind, type OpsAlert } from './alerts/opsAlert'
export { prepareProgramEmail, preparePressEmail, type PressMessageTemplate } from './distribution/preparePressEmail'
export { escapeHtml, mjmlHead, mjmlToHtml, pressFooter, renderPressEmail, UNSUBSCRIBE_PLACEHOLDER, type PressEmail } from './distribution/renderPressEmail'
export { reportPdfName, reportsDir } from './collections/CouncilReports'
