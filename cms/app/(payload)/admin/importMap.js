import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { PlainLanguageHints as PlainLanguageHints_ba7308acbbcf5d7a47fba870d0264817 } from '../../../components/PlainLanguageHints'
import { PromotionFindings as PromotionFindings_5e44bc956e22bb87b0e7141abe5b4778 } from '../../../components/PromotionFindings'
import { ReachPanel as ReachPanel_5904f9e4a81cdc5d2f7d5885596c15df } from '../../../components/ReachPanel'
import { BulletinViews as BulletinViews_f2abc0fe1739f2eb2cdf1c3429f69e5c } from '../../../components/BulletinViews'
import { PostTextCounterField as PostTextCounterField_39a98f98fab52202967f90153d982b48 } from '../../../components/SocialPreviewsField'
import { SocialPreviewsField as SocialPreviewsField_39a98f98fab52202967f90153d982b48 } from '../../../components/SocialPreviewsField'
import { PressEmailPreview as PressEmailPreview_03d4664b2e76f0ec839f580dae7acb40 } from '../../../components/PressEmailPreview'
import { PortalPreview as PortalPreview_92c8c57b9c4e9d2e91806014a1461654 } from '../../../components/PortalPreview'
import { WorkflowStateCell as WorkflowStateCell_44493fd86c8127067c43a7621363afde } from '../../../components/WorkflowStateCell'
import { DistributionPanel as DistributionPanel_ca173e329a37b52fabcc84c406eeba75 } from '../../../components/DistributionPanel'
import { ItemRecord as ItemRecord_776a48a1600ad6d4a9f957204efa85d5 } from '../../../components/ItemRecord'
import { WorkflowActions as WorkflowActions_1d1a4b3033b283969a141ef7226af4a9 } from '../../../components/WorkflowActions'
import { NoUnpublish as NoUnpublish_1d1a4b3033b283969a141ef7226af4a9 } from '../../../components/WorkflowActions'
import { CropPreviews as CropPreviews_684ae8f15dc51ee6852bceea13bd238f } from '../../../components/CropPreviews'
import { MediaSaveButton as MediaSaveButton_b9c1a5bbf57b81928cec9c2e2011a819 } from '../../../collections/Media/MediaSaveButton'
import { PressContactsImport as PressContactsImport_a0f122b251c73384a8fc571fe6d7374f } from '../../../components/PressContactsImport'
import { MailingProgress as MailingProgress_a2777881e011395ad02e95b9c18f9370 } from '../../../components/MailingProgress'
import { JsonView as JsonView_960b80fa6dd849a938ffe34a4a0bfb02 } from '../../../components/JsonView'
import { LinkView as LinkView_24e47dc9b2501f0693ceb8a98470c868 } from '../../../components/LinkView'
import { SecretInput as SecretInput_386f57e79a2db09bee2c6ad8f0e8e33b } from '../../../components/SecretInput'
import { CredentialInput as CredentialInput_386f57e79a2db09bee2c6ad8f0e8e33b } from '../../../components/SecretInput'
import { CheckConnections as CheckConnections_0223a2bd7c5e40fd0b70464050bb93f0 } from '../../../components/CheckConnections'
import { ActionCell as ActionCell_43e58a536d2520a9019ff62e08c0b4a7 } from '../../../components/AuditCells'
import { StateCell as StateCell_43e58a536d2520a9019ff62e08c0b4a7 } from '../../../components/AuditCells'
import { ReportLinks as ReportLinks_16f484ad37e806bb654ce5c33d61cc08 } from '../../../components/ReportLinks'
import { OpsBanner as OpsBanner_0628d6d2c2599209a11d2192b0d19cf6 } from '../../../components/OpsBanner'
import { Icon as Icon_046f426b81a173dda97eaa2afb780a67 } from '../../../components/brand/Icon'
import { Logo as Logo_783c22b53d7b86bb1103bc322eb1604a } from '../../../components/brand/Logo'
import { EditorialDashboard as EditorialDashboard_fbd818af35ed4843828ed70ba9cb878c } from '../../../components/EditorialDashboard'
import { FlashMessage as FlashMessage_5f2ed8d71b918deada4114362ca8d0f7 } from '../../../components/FlashMessage'
import { AccessibleAdmin as AccessibleAdmin_c31cda09ac909bed84f9f6654955c7b8 } from '../../../components/AccessibleAdmin'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/components/PlainLanguageHints#PlainLanguageHints": PlainLanguageHints_ba7308acbbcf5d7a47fba870d0264817,
  "/components/PromotionFindings#PromotionFindings": PromotionFindings_5e44bc956e22bb87b0e7141abe5b4778,
  "/components/ReachPanel#ReachPanel": ReachPanel_5904f9e4a81cdc5d2f7d5885596c15df,
  "/components/BulletinViews#BulletinViews": BulletinViews_f2abc0fe1739f2eb2cdf1c3429f69e5c,
  "/components/SocialPreviewsField#PostTextCounterField": PostTextCounterField_39a98f98fab52202967f90153d982b48,
  "/components/SocialPreviewsField#SocialPreviewsField": SocialPreviewsField_39a98f98fab52202967f90153d982b48,
  "/components/PressEmailPreview#PressEmailPreview": PressEmailPreview_03d4664b2e76f0ec839f580dae7acb40,
  "/components/PortalPreview#PortalPreview": PortalPreview_92c8c57b9c4e9d2e91806014a1461654,
  "/components/WorkflowStateCell#WorkflowStateCell": WorkflowStateCell_44493fd86c8127067c43a7621363afde,
  "/components/DistributionPanel#DistributionPanel": DistributionPanel_ca173e329a37b52fabcc84c406eeba75,
  "/components/ItemRecord#ItemRecord": ItemRecord_776a48a1600ad6d4a9f957204efa85d5,
  "/components/WorkflowActions#WorkflowActions": WorkflowActions_1d1a4b3033b283969a141ef7226af4a9,
  "/components/WorkflowActions#NoUnpublish": NoUnpublish_1d1a4b3033b283969a141ef7226af4a9,
  "/components/CropPreviews#CropPreviews": CropPreviews_684ae8f15dc51ee6852bceea13bd238f,
  "/collections/Media/MediaSaveButton#MediaSaveButton": MediaSaveButton_b9c1a5bbf57b81928cec9c2e2011a819,
  "/components/PressContactsImport#PressContactsImport": PressContactsImport_a0f122b251c73384a8fc571fe6d7374f,
  "/components/MailingProgress#MailingProgress": MailingProgress_a2777881e011395ad02e95b9c18f9370,
  "/components/JsonView#JsonView": JsonView_960b80fa6dd849a938ffe34a4a0bfb02,
  "/components/LinkView#LinkView": LinkView_24e47dc9b2501f0693ceb8a98470c868,
  "/components/SecretInput#SecretInput": SecretInput_386f57e79a2db09bee2c6ad8f0e8e33b,
  "/components/SecretInput#CredentialInput": CredentialInput_386f57e79a2db09bee2c6ad8f0e8e33b,
  "/components/CheckConnections#CheckConnections": CheckConnections_0223a2bd7c5e40fd0b70464050bb93f0,
  "/components/AuditCells#ActionCell": ActionCell_43e58a536d2520a9019ff62e08c0b4a7,
  "/components/AuditCells#StateCell": StateCell_43e58a536d2520a9019ff62e08c0b4a7,
  "/components/ReportLinks#ReportLinks": ReportLinks_16f484ad37e806bb654ce5c33d61cc08,
  "/components/OpsBanner#OpsBanner": OpsBanner_0628d6d2c2599209a11d2192b0d19cf6,
  "/components/brand/Icon#Icon": Icon_046f426b81a173dda97eaa2afb780a67,
  "/components/brand/Logo#Logo": Logo_783c22b53d7b86bb1103bc322eb1604a,
  "/components/EditorialDashboard#EditorialDashboard": EditorialDashboard_fbd818af35ed4843828ed70ba9cb878c,
  "/components/FlashMessage#FlashMessage": FlashMessage_5f2ed8d71b918deada4114362ca8d0f7,
  "/components/AccessibleAdmin#AccessibleAdmin": AccessibleAdmin_c31cda09ac909bed84f9f6654955c7b8,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
