import type { ThemeLexicon } from '../analysis/statistics/keyword-lexicon.ts'

// Keyword lexicons for the partnership plan's five calls to action, in English
// and Bengali, written from what each call to action covers in the plan
// (shared/reference/partnership-plan-2023-2028.json: its strategic focus areas
// and their lead strategies). A word ending in * matches any word starting with
// it. They suggest themes; an analyst always decides.

export interface CtaLexicon extends ThemeLexicon {
  /** CTA1..CTA5 */
  id: string
  /** what the codebook's seeded theme says the call to action covers */
  definition: string
  includeNotes: string
  excludeNotes: string
}

export const CTA_LEXICONS: readonly CtaLexicon[] = [
  {
    id: 'CTA1',
    definition: 'Fairness, inclusion and tackling racism and discrimination; empowered communities and public services that treat everyone equally.',
    includeNotes: 'Racism, discrimination, hate crime, equal treatment, access to services in one’s own language, community groups, the voluntary sector, being heard by public services.',
    excludeNotes: 'Young people being listened to (CTA5).',
    keywords: [
      'racis*', 'racial*', 'discriminat*', 'inclus*', 'equal*', 'unfair*', 'fairness', 'prejudice*', 'hate crime*', 'islamophob*', 'antisemit*',
      'community group*', 'voluntary', 'charit*', 'interpret*', 'translat*', 'language barrier*', 'respect*', 'diversity', 'disab*', 'accessib*',
      'বর্ণবাদ*', 'বৈষম্য*', 'সমতা*', 'সমান*', 'অন্যায়*', 'বাংলায়', 'দোভাষী*', 'অনুবাদ*', 'সম্মান*', 'প্রতিবন্ধী*',
    ],
  },
  {
    id: 'CTA2',
    definition: 'Good mental health and wellbeing, physical health, and access to health services.',
    includeNotes: 'Mental health, loneliness, stress, GP and hospital access, health information, exercise, healthy living, care for older people.',
    excludeNotes: 'Damp or mould in homes as a housing condition (CTA3), unless the answer is about the health service.',
    keywords: [
      'mental health', 'wellbeing', 'well being', 'lonel*', 'isolat*', 'stress*', 'anxi*', 'depress*', 'counsel*', 'therap*', 'health*',
      'gp', 'gps', 'doctor*', 'nhs', 'hospital*', 'appointment*', 'nurse*', 'dentist*', 'pharmac*', 'ill', 'illness*', 'sick*', 'exercise', 'carer*',
      'মানসিক স্বাস্থ্য*', 'স্বাস্থ্য*', 'ডাক্তার*', 'হাসপাতাল*', 'চিকিৎসা*', 'একাকী*', 'দুশ্চিন্তা*', 'অসুস্থ*', 'বয়স্ক*',
    ],
  },
  {
    id: 'CTA3',
    definition: 'Feeling safe; good-quality, affordable homes; clean, green, healthy and inviting neighbourhoods.',
    includeNotes: 'Crime and antisocial behaviour, policing, street lighting, housing costs and conditions (damp, overcrowding), rubbish, parks, air quality, the climate.',
    excludeNotes: 'Play for children as a children’s service (CTA5) when the answer is about what children need.',
    keywords: [
      'safe*', 'unsafe', 'crime*', 'police*', 'policing', 'patrol*', 'drug*', 'dealing', 'antisocial', 'anti social', 'asb', 'knife', 'theft', 'burglar*',
      'light*', 'hous*', 'home*', 'flat*', 'rent*', 'landlord*', 'damp', 'mould', 'overcrowd*', 'estate*', 'afford*',
      'clean*', 'rubbish', 'litter*', 'bin*', 'fly tip*', 'street*', 'park*', 'green*', 'tree*', 'air', 'pollut*', 'traffic', 'canal*',
      'নিরাপদ*', 'নিরাপত্তা*', 'অপরাধ*', 'পুলিশ*', 'টহল*', 'মাদক*', 'বাড়িভাড়া*', 'বাড়ি*', 'আবাসন*', 'ভাড়া*', 'স্যাঁতসেঁতে*', 'পরিষ্কার*', 'ময়লা*', 'আবর্জনা*', 'রাস্তা*', 'পার্ক*',
    ],
  },
  {
    id: 'CTA4',
    definition: 'Good work, skills and an income that meets people’s needs; jobs, growth, poverty and the cost of living.',
    includeNotes: 'Jobs, apprenticeships, training, English classes for work, wages, benefits, energy bills, food banks, childcare that lets parents work.',
    excludeNotes: 'School education (CTA5).',
    keywords: [
      'job*', 'work*', 'employ*', 'unemploy*', 'apprentice*', 'skill*', 'training', 'career*', 'wage*', 'salary', 'income*', 'pay',
      'poverty', 'cost of living', 'bills', 'energy bill*', 'benefit*', 'food bank*', 'afford*', 'cheap*', 'money', 'debt*', 'english class*', 'childcare',
      'চাকরি*', 'কাজ*', 'কর্মসংস্থান*', 'দক্ষতা*', 'প্রশিক্ষণ*', 'বেতন*', 'আয়*', 'দারিদ্র*', 'খরচ*', 'বিল*', 'টাকা*', 'সাশ্রয়ী*',
    ],
  },
  {
    id: 'CTA5',
    definition: 'A child-friendly borough where children and young people thrive, achieve, have opportunities and are listened to.',
    includeNotes: 'Schools, education, youth clubs and services, play, activities for young people, listening to children and young people.',
    excludeNotes: 'Childcare wanted so that parents can work (CTA4).',
    keywords: [
      'child*', 'kid*', 'young people', 'youth*', 'teen*', 'school*', 'educat*', 'pupil*', 'student*', 'college*', 'play*', 'playground*', 'nurser*',
      'son', 'daughter', 'listen to young', 'young',
      'শিশু*', 'বাচ্চা*', 'ছেলেমেয়ে*', 'তরুণ*', 'যুব*', 'স্কুল*', 'শিক্ষা*', 'খেলার*', 'খেলা*', 'ছাত্র*',
    ],
  },
]
