import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import plan from './data/partnership-plan-2023-2028.json' with { type: 'json' }
import wards from './data/tower-hamlets-wards-2022.json' with { type: 'json' }
import census from './data/tower-hamlets-census-2021.json' with { type: 'json' }
import { planTranslations } from './plan-translations.ts'

// Reference data every installation ships with, copied from researched sources
// (see each JSON file's "source"). Running it twice changes nothing.

export const DEFAULT_FRAMEWORK_CODE = plan.framework.code

export async function seedReferenceData(db: Kysely<Database>, now = Date.now()) {
  const existing = await db.selectFrom('framework').select('id').where('code', '=', plan.framework.code).executeTakeFirst()
  if (existing) {
    // Census margins added since this installation was first seeded (e.g. age).
    await db
      .insertInto('census_margin')
      .values(censusMargins())
      .onConflict((oc) => oc.columns(['dimension', 'category']).doNothing())
      .execute()
    return { frameworkId: existing.id, created: false }
  }

  const frameworkId = crypto.randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('framework')
      .values({
        id: frameworkId,
        code: plan.framework.code,
        name_i18n: JSON.stringify({ en: plan.framework.name, bn: planTranslations.bn.name }),
        vision_i18n: JSON.stringify({ en: plan.framework.vision, bn: planTranslations.bn.vision }),
        period_from: plan.framework.period.from,
        period_to: plan.framework.period.to,
        source: plan.source,
        created_at: now,
      })
      .execute()
    await trx
      .insertInto('call_to_action')
      .values(
        plan.callsToAction.map((cta, index) => ({
          id: crypto.randomUUID(),
          framework_id: frameworkId,
          code: cta.code,
          position: index + 1,
          title_i18n: JSON.stringify({ en: cta.title, bn: planTranslations.bn.callsToAction[cta.code as keyof typeof planTranslations.bn.callsToAction] }),
        })),
      )
      .execute()
    await trx
      .insertInto('focus_area')
      .values(
        plan.strategicFocusAreas.map((area, index) => ({
          id: crypto.randomUUID(),
          framework_id: frameworkId,
          position: index + 1,
          title_i18n: JSON.stringify({ en: area.title, bn: planTranslations.bn.focusAreas[index] }),
          led_by: area.ledBy,
          cta_codes: JSON.stringify(area.callsToAction),
        })),
      )
      .execute()
    await trx
      .insertInto('engagement_method')
      .values(
        plan.engagementMethods.map((method, index) => ({
          framework_id: frameworkId,
          code: method.code,
          position: index + 1,
          name_i18n: JSON.stringify({ en: method.name }),
        })),
      )
      .execute()

    const wardSource = `${wards.dataset}. ${Object.values(wards.source).join(' ')}`
    await trx
      .insertInto('ward')
      .values(
        wards.wards.map((ward) => ({
          code: ward.code,
          name: ward.name,
          former_name: ward.formerName ?? null,
          usual_residents_approx: ward.usualResidentsApprox,
          source: wardSource,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()

    await trx
      .insertInto('census_margin')
      .values(censusMargins())
      .onConflict((oc) => oc.columns(['dimension', 'category']).doNothing())
      .execute()
  })
  return { frameworkId, created: true }
}

function censusMargins() {
  const src = census.source as Record<string, string>
  const rows: { dimension: string; category: string; count: number; source: string }[] = []
  const add = (dimension: string, table: { source: string; categories: { code: string; count: number }[] }) => {
    for (const c of table.categories) rows.push({ dimension, category: c.code, count: c.count, source: src[table.source] ?? table.source })
  }
  add('sex', census.sex)
  // Age: the census's broad bands (ONS first results, rounded to 100). The
  // survey's 16-and-over bands are compared with "15 to 64", the closest
  // published band (app/features/analysis/census.ts); under 15 has no
  // matching survey band and is left out.
  const age = (code: string) => census.ageBroad.categories.find((c) => c.code === code)!.count
  const ageSource = src[census.ageBroad.source] ?? census.ageBroad.source
  rows.push({ dimension: 'age_broad', category: '16_64', count: age('15-64'), source: ageSource })
  rows.push({ dimension: 'age_broad', category: '65_plus', count: age('65+'), source: ageSource })
  add('ethnic_group_broad', census.ethnicGroupBroad)
  add('ethnic_group', census.ethnicGroupDetailed)
  add('religion', census.religion)
  add('disability', census.disability)
  for (const ward of wards.wards) {
    rows.push({
      dimension: 'ward',
      category: ward.code,
      count: ward.usualResidentsApprox,
      source: `Approximate (best-fit LSOA aggregation): ${wards.source.lsoaToWardLookup}`,
    })
  }
  return rows
}
