import enCommon from '../../../locales/en/common.json'
import enSurvey from '../../../locales/en/survey.json'
import enEquality from '../../../locales/en/equality.json'
import enAuth from '../../../locales/en/auth.json'
import bnCommon from '../../../locales/bn/common.json'
import bnSurvey from '../../../locales/bn/survey.json'
import bnEquality from '../../../locales/bn/equality.json'
import bnAuth from '../../../locales/bn/auth.json'
import soCommon from '../../../locales/so/common.json'
import soSurvey from '../../../locales/so/survey.json'
import soEquality from '../../../locales/so/equality.json'
import soAuth from '../../../locales/so/auth.json'
import urCommon from '../../../locales/ur/common.json'
import urSurvey from '../../../locales/ur/survey.json'
import urEquality from '../../../locales/ur/equality.json'
import urAuth from '../../../locales/ur/auth.json'
import type { Locale } from './config.ts'

// UI strings for every language, bundled on the server. The page sends the
// browser only its own language's strings (root loader).
export const resources: Record<Locale, Record<string, unknown>> = {
  en: { common: enCommon, survey: enSurvey, equality: enEquality, auth: enAuth },
  bn: { common: bnCommon, survey: bnSurvey, equality: bnEquality, auth: bnAuth },
  so: { common: soCommon, survey: soSurvey, equality: soEquality, auth: soAuth },
  ur: { common: urCommon, survey: urSurvey, equality: urEquality, auth: urAuth },
}
