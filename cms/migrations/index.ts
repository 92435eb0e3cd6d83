import * as migration_20261123_073357_initial from './20261123_073357_initial';
import * as migration_20261123_094431_workflow from './20261123_094431_workflow';
import * as migration_20261123_095517_scheduler_status from './20261123_095517_scheduler_status';
import * as migration_20261123_095756_audit_log_no_locking from './20261123_095756_audit_log_no_locking';
import * as migration_20261123_100546_withdrawal_and_corrections from './20261123_100546_withdrawal_and_corrections';
import * as migration_20261123_100809_embargo from './20261123_100809_embargo';
import * as migration_20261123_101706_bulletin_content_fields from './20261123_101706_bulletin_content_fields';
import * as migration_20261123_102035_catalogs_and_lists from './20261123_102035_catalogs_and_lists';
import * as migration_20261123_102259_programs from './20261123_102259_programs';
import * as migration_20261123_102958_gallery_attachments_topics from './20261123_102958_gallery_attachments_topics';
import * as migration_20261123_105201_renditions_and_crops from './20261123_105201_renditions_and_crops';
import * as migration_20261123_105208_drop_card_rendition from './20261123_105208_drop_card_rendition';
import * as migration_20261123_130100_social_distribution from './20261123_130100_social_distribution';
import * as migration_20261123_130524_press_mailings from './20261123_130524_press_mailings';
import * as migration_20261123_142206_merge_social_and_mailings_snapshot from './20261123_142206_merge_social_and_mailings_snapshot';
import * as migration_20261201_004801_totp from './20261201_004801_totp';
import * as migration_20261201_041500_ops_status from './20261201_041500_ops_status';
import * as migration_20261201_073312_correction_tasks from './20261201_073312_correction_tasks';
import * as migration_20261201_145750_reach_networks from './20261201_145750_reach_networks';
import * as migration_20261201_153556_social_account_checks from './20261201_153556_social_account_checks';
import * as migration_20261201_182519_social_accounts_per_department from './20261201_182519_social_accounts_per_department';
import * as migration_20261201_204741_programs_go_out from './20261201_204741_programs_go_out';
import * as migration_20261201_233933_within_the_law from './20261201_233933_within_the_law';
import * as migration_20261201_235706_art134_watch_list from './20261201_235706_art134_watch_list';
import * as migration_20261202_010000_audit_chain from './20261202_010000_audit_chain';
import * as migration_20261202_020000_expediente from './20261202_020000_expediente';
import * as migration_20261202_065048_subscribers from './20261202_065048_subscribers';
import * as migration_20261202_065937_network_followups from './20261202_065937_network_followups';
import * as migration_20261202_080817_alert_until from './20261202_080817_alert_until';
import * as migration_20261202_112412_list_indexes from './20261202_112412_list_indexes';
import * as migration_20261202_142603_media_shown_publicly from './20261202_142603_media_shown_publicly';
import * as migration_20261203_053000_admin_list_index from './20261203_053000_admin_list_index';
import * as migration_20261203_082750_monitoring from './20261203_082750_monitoring';
import * as migration_20261203_084320_petitions from './20261203_084320_petitions';
import * as migration_20261203_085000_portal_stats from './20261203_085000_portal_stats';
import * as migration_20261203_085556_council_reports from './20261203_085556_council_reports';
import * as migration_20261203_090251_advertising_orders from './20261203_090251_advertising_orders';
import * as migration_20261203_094522_outlet_records from './20261203_094522_outlet_records';

export const migrations = [
  {
    up: migration_20261123_073357_initial.up,
    down: migration_20261123_073357_initial.down,
    name: '20261123_073357_initial',
  },
  {
    up: migration_20261123_094431_workflow.up,
    down: migration_20261123_094431_workflow.down,
    name: '20261123_094431_workflow',
  },
  {
    up: migration_20261123_095517_scheduler_status.up,
    down: migration_20261123_095517_scheduler_status.down,
    name: '20261123_095517_scheduler_status',
  },
  {
    up: migration_20261123_095756_audit_log_no_locking.up,
    down: migration_20261123_095756_audit_log_no_locking.down,
    name: '20261123_095756_audit_log_no_locking',
  },
  {
    up: migration_20261123_100546_withdrawal_and_corrections.up,
    down: migration_20261123_100546_withdrawal_and_corrections.down,
    name: '20261123_100546_withdrawal_and_corrections',
  },
  {
    up: migration_20261123_100809_embargo.up,
    down: migration_20261123_100809_embargo.down,
    name: '20261123_100809_embargo',
  },
  {
    up: migration_20261123_101706_bulletin_content_fields.up,
    down: migration_20261123_101706_bulletin_content_fields.down,
    name: '20261123_101706_bulletin_content_fields',
  },
  {
    up: migration_20261123_102035_catalogs_and_lists.up,
    down: migration_20261123_102035_catalogs_and_lists.down,
    name: '20261123_102035_catalogs_and_lists',
  },
  {
    up: migration_20261123_102259_programs.up,
    down: migration_20261123_102259_programs.down,
    name: '20261123_102259_programs',
  },
  {
    up: migration_20261123_102958_gallery_attachments_topics.up,
    down: migration_20261123_102958_gallery_attachments_topics.down,
    name: '20261123_102958_gallery_attachments_topics',
  },
  {
    up: migration_20261123_105201_renditions_and_crops.up,
    down: migration_20261123_105201_renditions_and_crops.down,
    name: '20261123_105201_renditions_and_crops',
  },
  {
    up: migration_20261123_105208_drop_card_rendition.up,
    down: migration_20261123_105208_drop_card_rendition.down,
    name: '20261123_105208_drop_card_rendition',
  },
  {
    up: migration_20261123_130100_social_distribution.up,
    down: migration_20261123_130100_social_distribution.down,
    name: '20261123_130100_social_distribution',
  },
  {
    up: migration_20261123_130524_press_mailings.up,
    down: migration_20261123_130524_press_mailings.down,
    name: '20261123_130524_press_mailings',
  },
  {
    up: migration_20261123_142206_merge_social_and_mailings_snapshot.up,
    down: migration_20261123_142206_merge_social_and_mailings_snapshot.down,
    name: '20261123_142206_merge_social_and_mailings_snapshot',
  },
  {
    up: migration_20261201_004801_totp.up,
    down: migration_20261201_004801_totp.down,
    name: '20261201_004801_totp',
  },
  {
    up: migration_20261201_041500_ops_status.up,
    down: migration_20261201_041500_ops_status.down,
    name: '20261201_041500_ops_status',
  },
  {
    up: migration_20261201_073312_correction_tasks.up,
    down: migration_20261201_073312_correction_tasks.down,
    name: '20261201_073312_correction_tasks',
  },
  {
    up: migration_20261201_145750_reach_networks.up,
    down: migration_20261201_145750_reach_networks.down,
    name: '20261201_145750_reach_networks',
  },
  {
    up: migration_20261201_153556_social_account_checks.up,
    down: migration_20261201_153556_social_account_checks.down,
    name: '20261201_153556_social_account_checks',
  },
  {
    up: migration_20261201_182519_social_accounts_per_department.up,
    down: migration_20261201_182519_social_accounts_per_department.down,
    name: '20261201_182519_social_accounts_per_department',
  },
  {
    up: migration_20261201_204741_programs_go_out.up,
    down: migration_20261201_204741_programs_go_out.down,
    name: '20261201_204741_programs_go_out',
  },
  {
    up: migration_20261201_233933_within_the_law.up,
    down: migration_20261201_233933_within_the_law.down,
    name: '20261201_233933_within_the_law',
  },
  {
    up: migration_20261201_235706_art134_watch_list.up,
    down: migration_20261201_235706_art134_watch_list.down,
    name: '20261201_235706_art134_watch_list',
  },
  {
    up: migration_20261202_010000_audit_chain.up,
    down: migration_20261202_010000_audit_chain.down,
    name: '20261202_010000_audit_chain',
  },
  {
    up: migration_20261202_020000_expediente.up,
    down: migration_20261202_020000_expediente.down,
    name: '20261202_020000_expediente',
  },
  {
    up: migration_20261202_065048_subscribers.up,
    down: migration_20261202_065048_subscribers.down,
    name: '20261202_065048_subscribers',
  },
  {
    up: migration_20261202_065937_network_followups.up,
    down: migration_20261202_065937_network_followups.down,
    name: '20261202_065937_network_followups',
  },
  {
    up: migration_20261202_080817_alert_until.up,
    down: migration_20261202_080817_alert_until.down,
    name: '20261202_080817_alert_until',
  },
  {
    up: migration_20261202_112412_list_indexes.up,
    down: migration_20261202_112412_list_indexes.down,
    name: '20261202_112412_list_indexes',
  },
  {
    up: migration_20261202_142603_media_shown_publicly.up,
    down: migration_20261202_142603_media_shown_publicly.down,
    name: '20261202_142603_media_shown_publicly',
  },
  {
    up: migration_20261203_053000_admin_list_index.up,
    down: migration_20261203_053000_admin_list_index.down,
    name: '20261203_053000_admin_list_index',
  },
  {
    up: migration_20261203_082750_monitoring.up,
    down: migration_20261203_082750_monitoring.down,
    name: '20261203_082750_monitoring',
  },
  {
    up: migration_20261203_084320_petitions.up,
    down: migration_20261203_084320_petitions.down,
    name: '20261203_084320_petitions',
  },
  {
    up: migration_20261203_085000_portal_stats.up,
    down: migration_20261203_085000_portal_stats.down,
    name: '20261203_085000_portal_stats',
  },
  {
    up: migration_20261203_085556_council_reports.up,
    down: migration_20261203_085556_council_reports.down,
    name: '20261203_085556_council_reports',
  },
  {
    up: migration_20261203_090251_advertising_orders.up,
    down: migration_20261203_090251_advertising_orders.down,
    name: '20261203_090251_advertising_orders',
  },
  {
    up: migration_20261203_094522_outlet_records.up,
    down: migration_20261203_094522_outlet_records.down,
    name: '20261203_094522_outlet_records',
  },
]
