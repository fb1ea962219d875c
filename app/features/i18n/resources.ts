import enCommon from '../../../locales/en/common.json'
import enSurvey from '../../../locales/en/survey.json'
import enEquality from '../../../locales/en/equality.json'
import bnCommon from '../../../locales/bn/common.json'
import bnSurvey from '../../../locales/bn/survey.json'
import bnEquality from '../../../locales/bn/equality.json'
import soCommon from '../../../locales/so/common.json'
import soSurvey from '../../../locales/so/survey.json'
import soEquality from '../../../locales/so/equality.json'
import urCommon from '../../../locales/ur/common.json'
import urSurvey from '../../../locales/ur/survey.json'
import urEquality from '../../../locales/ur/equality.json'
import type { Locale } from './config.ts'

// UI strings for every language, bundled on the server. The page sends the
// browser only its own language's strings (root loader).
export const resources: Record<Locale, Record<string, unknown>> = {
  en: { common: enCommon, survey: enSurvey, equality: enEquality },
  bn: { common: bnCommon, survey: bnSurvey, equality: bnEquality },
  so: { common: soCommon, survey: soSurvey, equality: soEquality },
  ur: { common: urCommon, survey: urSurvey, equality: urEquality },
}
