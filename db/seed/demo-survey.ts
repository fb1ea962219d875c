import type { SurveyDefinition } from '../../app/features/surveys/definition.ts'

// The demo consultation "A Tower Hamlets for All: your priorities".
// Questions follow the partnership plan's five calls to action
// (db/seed/data/partnership-plan-2023-2028.json); every question type is used.
// Content is written for this demo: it is synthetic, not a council survey.

export const demoConsultationContent = {
  en: {
    title: 'A Tower Hamlets for All: your priorities',
    summary:
      'Tell the Tower Hamlets Partnership what matters most to you, so that the council, the NHS, the police, the voluntary sector and businesses focus on the right things.',
    purpose:
      'The partnership plan for 2023 to 2028 has five calls to action. We want to know which matter most to you, how safe and well you feel, and what one change would make the biggest difference.',
    whatCanChange:
      'Your answers will shape the actions partners take each year: which call to action comes first, where money and staff go, and what the next partnership congress discusses. The five calls to action themselves were agreed by Cabinet in November 2023 and are not being consulted on.',
    howAnswersUsed:
      'Analysts read every answer. We publish a summary of what you told us and what the partnership did about it on a "You said, we did" page. Numbers smaller than 10 are never published.',
    howDecisionMade:
      'The partnership executive group will consider the findings and report to Cabinet.',
  },
  bn: {
    title: 'সবার জন্য টাওয়ার হ্যামলেটস: আপনার অগ্রাধিকার',
    summary:
      'আপনার কাছে কোনটি সবচেয়ে গুরুত্বপূর্ণ তা টাওয়ার হ্যামলেটস পার্টনারশিপকে জানান, যাতে কাউন্সিল, এনএইচএস, পুলিশ, স্বেচ্ছাসেবী সংস্থা এবং ব্যবসাগুলো সঠিক বিষয়ে মনোযোগ দেয়।',
    purpose:
      '২০২৩ থেকে ২০২৮ সালের পার্টনারশিপ পরিকল্পনায় পাঁচটি কর্মআহ্বান রয়েছে। আপনার কাছে কোনগুলো সবচেয়ে গুরুত্বপূর্ণ, আপনি কতটা নিরাপদ ও ভালো বোধ করেন, এবং কোন একটি পরিবর্তন সবচেয়ে বড় পার্থক্য আনবে, তা আমরা জানতে চাই।',
    whatCanChange:
      'আপনার উত্তর প্রতি বছর অংশীদারদের নেওয়া পদক্ষেপ নির্ধারণ করবে: কোন কর্মআহ্বান আগে আসবে, অর্থ ও কর্মী কোথায় যাবে, এবং পরবর্তী পার্টনারশিপ কংগ্রেসে কী আলোচনা হবে। পাঁচটি কর্মআহ্বান নিজেরা ২০২৩ সালের নভেম্বরে কেবিনেট অনুমোদন করেছে এবং সেগুলো নিয়ে পরামর্শ নেওয়া হচ্ছে না।',
    howAnswersUsed:
      'বিশ্লেষকরা প্রতিটি উত্তর পড়েন। আপনি আমাদের কী বলেছেন এবং পার্টনারশিপ সে বিষয়ে কী করেছে, তার সারসংক্ষেপ আমরা "আপনি বলেছেন, আমরা করেছি" পাতায় প্রকাশ করি। ১০-এর কম সংখ্যা কখনো প্রকাশ করা হয় না।',
    howDecisionMade: 'পার্টনারশিপ নির্বাহী গ্রুপ ফলাফল বিবেচনা করে কেবিনেটে প্রতিবেদন দেবে।',
  },
}

export const demoSurvey: SurveyDefinition = {
  schemaVersion: 1,
  locales: ['en', 'bn'],
  questions: [
    {
      key: 'connection',
      type: 'single',
      required: true,
      ctas: ['CTA1'],
      title: {
        en: 'How long have you lived in Tower Hamlets?',
        bn: 'আপনি কতদিন ধরে টাওয়ার হ্যামলেটসে বসবাস করছেন?',
      },
      options: [
        { code: 'under_1', label: { en: 'Less than a year', bn: 'এক বছরের কম' } },
        { code: '1_5', label: { en: '1 to 5 years', bn: '১ থেকে ৫ বছর' } },
        { code: '6_10', label: { en: '6 to 10 years', bn: '৬ থেকে ১০ বছর' } },
        { code: 'over_10', label: { en: 'More than 10 years', bn: '১০ বছরের বেশি' } },
        {
          code: 'not_resident',
          label: { en: 'I do not live here, but I work or study here', bn: 'আমি এখানে থাকি না, তবে এখানে কাজ করি বা পড়াশোনা করি' },
        },
      ],
    },
    {
      key: 'ward',
      type: 'ward',
      required: false,
      ctas: ['CTA3'],
      showIf: { question: 'connection', operator: 'not_equals', value: 'not_resident' },
      title: { en: 'Which ward do you live in?', bn: 'আপনি কোন ওয়ার্ডে থাকেন?' },
      hint: {
        en: 'This helps us see which parts of the borough we have heard from.',
        bn: 'এটি আমাদের দেখতে সাহায্য করে যে বরোর কোন এলাকা থেকে আমরা মতামত পেয়েছি।',
      },
    },
    {
      key: 'priorities',
      type: 'ranking',
      required: true,
      maxRank: 3,
      ctas: ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'],
      title: {
        en: 'Which should the partnership work on first?',
        bn: 'পার্টনারশিপের কোন কাজটি সবার আগে করা উচিত?',
      },
      hint: {
        en: 'Choose up to 3, starting with the most important.',
        bn: 'সবচেয়ে গুরুত্বপূর্ণটি দিয়ে শুরু করে সর্বোচ্চ ৩টি বেছে নিন।',
      },
      options: [
        { code: 'fair_inclusive', ctas: ['CTA1'], label: { en: 'A fair, inclusive and anti-racist borough', bn: 'একটি ন্যায্য, অন্তর্ভুক্তিমূলক ও বর্ণবাদবিরোধী বরো' } },
        { code: 'mental_health', ctas: ['CTA2'], label: { en: 'Good mental health and wellbeing', bn: 'ভালো মানসিক স্বাস্থ্য ও সুস্থতা' } },
        { code: 'safe_homes', ctas: ['CTA3'], label: { en: 'Feeling safe, good homes and healthy neighbourhoods', bn: 'নিরাপদ বোধ, ভালো বাসস্থান ও স্বাস্থ্যকর এলাকা' } },
        { code: 'work_income', ctas: ['CTA4'], label: { en: 'Good work, skills and enough income', bn: 'ভালো কাজ, দক্ষতা ও যথেষ্ট আয়' } },
        { code: 'children_thrive', ctas: ['CTA5'], label: { en: 'Children and young people thriving and being listened to', bn: 'শিশু ও তরুণদের উন্নতি এবং তাদের কথা শোনা' } },
        { code: 'clean_green', ctas: ['CTA3'], label: { en: 'Clean and green streets and parks', bn: 'পরিচ্ছন্ন ও সবুজ রাস্তা এবং পার্ক' } },
      ],
    },
    {
      key: 'safe_day',
      type: 'scale',
      required: true,
      ctas: ['CTA3'],
      title: {
        en: 'How much do you agree: "I feel safe in my neighbourhood after dark"',
        bn: 'আপনি কতটা একমত: "সন্ধ্যার পর আমি আমার এলাকায় নিরাপদ বোধ করি"',
      },
    },
    {
      key: 'area_statements',
      type: 'grid',
      required: false,
      ctas: ['CTA1', 'CTA3'],
      title: {
        en: 'How much do you agree with these statements about your local area?',
        bn: 'আপনার এলাকা সম্পর্কে এই কথাগুলোর সাথে আপনি কতটা একমত?',
      },
      hint: {
        en: 'Your local area is the area within a 15 to 20 minute walk of your home. Answer as many as you like.',
        bn: 'আপনার এলাকা মানে আপনার বাড়ি থেকে ১৫ থেকে ২০ মিনিট হাঁটার দূরত্বের মধ্যে থাকা জায়গা। যতগুলো ইচ্ছা উত্তর দিন।',
      },
      statements: [
        {
          code: 'get_on_well',
          ctas: ['CTA1'],
          label: {
            en: 'People from different backgrounds get on well together',
            bn: 'বিভিন্ন পটভূমির মানুষ একে অপরের সাথে ভালোভাবে মিলেমিশে থাকে',
          },
        },
        {
          code: 'influence_decisions',
          ctas: ['CTA1'],
          label: {
            en: 'I can influence decisions that affect my local area',
            bn: 'আমার এলাকাকে প্রভাবিত করে এমন সিদ্ধান্তে আমি প্রভাব রাখতে পারি',
          },
        },
        {
          code: 'safe_public_spaces',
          ctas: ['CTA3'],
          label: {
            en: 'I feel safe using the parks and public spaces',
            bn: 'পার্ক ও খোলা জায়গাগুলো ব্যবহার করতে আমি নিরাপদ বোধ করি',
          },
        },
      ],
    },
    {
      key: 'congress_date',
      type: 'date',
      required: false,
      // The first partnership congress met on 14 November 2023.
      earliest: '2023-11-14',
      ctas: ['CTA1', 'CTA3'],
      title: {
        en: 'If you have been to a partnership congress, when was the last one you went to?',
        bn: 'আপনি যদি কোনো পার্টনারশিপ কংগ্রেসে গিয়ে থাকেন, তাহলে শেষ কবে গিয়েছিলেন?',
      },
      hint: {
        en: 'The congress is a public meeting where residents and partners agree what to do together. Leave this blank if you have not been to one.',
        bn: 'কংগ্রেস হলো একটি উন্মুক্ত সভা, যেখানে বাসিন্দা ও অংশীদাররা মিলে কী করবেন তা ঠিক করেন। আপনি কোনোটিতে না গিয়ে থাকলে এটি খালি রাখুন।',
      },
    },
    {
      key: 'wellbeing',
      type: 'multiple',
      required: false,
      ctas: ['CTA2', 'CTA4'],
      title: {
        en: 'Which of these have affected your wellbeing in the last 12 months?',
        bn: 'গত ১২ মাসে এগুলোর মধ্যে কোনটি আপনার সুস্থতাকে প্রভাবিত করেছে?',
      },
      hint: { en: 'Select all that apply.', bn: 'প্রযোজ্য সবগুলো বেছে নিন।' },
      options: [
        { code: 'cost_of_living', ctas: ['CTA4'], label: { en: 'The cost of living', bn: 'জীবনযাত্রার ব্যয়' } },
        { code: 'housing', ctas: ['CTA3'], label: { en: 'Housing or overcrowding', bn: 'বাসস্থান বা অতিরিক্ত ভিড়' } },
        { code: 'loneliness', ctas: ['CTA2'], label: { en: 'Loneliness', bn: 'একাকীত্ব' } },
        { code: 'work', ctas: ['CTA4'], label: { en: 'Work, or not having work', bn: 'কাজ, অথবা কাজ না থাকা' } },
        { code: 'crime_asb', ctas: ['CTA3'], label: { en: 'Crime or anti-social behaviour', bn: 'অপরাধ বা অসামাজিক আচরণ' } },
        { code: 'discrimination', ctas: ['CTA1'], label: { en: 'Racism or discrimination', bn: 'বর্ণবাদ বা বৈষম্য' } },
        { code: 'none', exclusive: true, label: { en: 'None of these', bn: 'এগুলোর কোনোটিই নয়' } },
      ],
    },
    {
      key: 'needed_help',
      type: 'single',
      required: false,
      ctas: ['CTA4'],
      title: {
        en: 'In the last year, have you needed help to pay for food, energy or rent?',
        bn: 'গত এক বছরে খাবার, জ্বালানি বা ভাড়ার খরচ মেটাতে আপনার কি সাহায্যের প্রয়োজন হয়েছে?',
      },
      options: [
        { code: 'yes', label: { en: 'Yes', bn: 'হ্যাঁ' } },
        { code: 'no', label: { en: 'No', bn: 'না' } },
      ],
    },
    {
      key: 'help_sources',
      type: 'multiple',
      required: false,
      ctas: ['CTA4'],
      showIf: { question: 'needed_help', operator: 'equals', value: 'yes' },
      title: { en: 'Where did you get help?', bn: 'আপনি কোথা থেকে সাহায্য পেয়েছেন?' },
      hint: { en: 'Select all that apply.', bn: 'প্রযোজ্য সবগুলো বেছে নিন।' },
      options: [
        { code: 'council', label: { en: 'The council', bn: 'কাউন্সিল' } },
        { code: 'food_bank', label: { en: 'A food bank', bn: 'ফুড ব্যাংক' } },
        { code: 'faith_group', label: { en: 'A mosque, church or other faith group', bn: 'মসজিদ, গির্জা বা অন্য কোনো ধর্মীয় সংগঠন' } },
        { code: 'charity', label: { en: 'A charity or community group', bn: 'কোনো দাতব্য সংস্থা বা কমিউনিটি গ্রুপ' } },
        { code: 'family', label: { en: 'Family or friends', bn: 'পরিবার বা বন্ধুবান্ধব' } },
        { code: 'none', exclusive: true, label: { en: 'I did not get help', bn: 'আমি কোনো সাহায্য পাইনি' } },
      ],
    },
    {
      key: 'young_listened',
      type: 'scale',
      required: false,
      ctas: ['CTA5'],
      title: {
        en: 'How much do you agree: "Children and young people in Tower Hamlets are listened to"',
        bn: 'আপনি কতটা একমত: "টাওয়ার হ্যামলেটসে শিশু ও তরুণদের কথা শোনা হয়"',
      },
    },
    {
      key: 'children',
      type: 'number',
      required: false,
      min: 0,
      max: 20,
      ctas: ['CTA5'],
      title: {
        en: 'How many children under 18 live in your home?',
        bn: 'আপনার বাড়িতে ১৮ বছরের কম বয়সী কতজন শিশু থাকে?',
      },
      hint: { en: 'Enter 0 if there are none.', bn: 'কেউ না থাকলে ০ লিখুন।' },
    },
    {
      key: 'one_change',
      type: 'text',
      required: false,
      maxLength: 500,
      ctas: ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'],
      title: {
        en: 'What one change would make the biggest difference to your life in Tower Hamlets?',
        bn: 'টাওয়ার হ্যামলেটসে কোন একটি পরিবর্তন আপনার জীবনে সবচেয়ে বড় পার্থক্য আনবে?',
      },
      hint: {
        en: 'Do not include your name or other personal details.',
        bn: 'আপনার নাম বা অন্য কোনো ব্যক্তিগত তথ্য লিখবেন না।',
      },
    },
  ],
}
