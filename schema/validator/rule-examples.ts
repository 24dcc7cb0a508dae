import type { SectionId } from '../sections.ts'

/**
 * Pass and fail examples per MUST criterion, in Swedish and English, derived from SECTIONS.md §3 (not
 * from the development corpus). Each is the whole text of the section it concerns; the rule-tester
 * (test/unit/validator/rule-tester.test.ts) puts it into an otherwise complete draft of that language
 * and expects the criterion to be met by `pass` and unmet by `fail`.
 */
export interface RuleExample {
  code: string
  /** The section whose criterion this is. */
  section: SectionId
  /** The section the example text replaces, when it is another one (meeting cadence inside governance). */
  in?: SectionId
  sv: { pass: string; fail: string }
  en: { pass: string; fail: string }
}

export const RULE_EXAMPLES: RuleExample[] = [
  {
    // The short form is defined in brackets after the org.nr, not right after the name, and then names the party.
    code: 'PM3',
    section: 'parties_and_mandates',
    sv: {
      pass: 'Vi är Exempelby kommun (org.nr 212000-xxxx) genom socialnämnden och Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx ("Läxis"). Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden enligt styrelsebeslut den 12 mars 2025.',
      fail: 'Vi är Exempelby kommun (org.nr 212000-xxxx) genom socialnämnden och Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx ("Läxis"). Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden.',
    },
    en: {
      pass: 'This agreement is made between Northfield Municipality, through its Elderly Care Committee, and Northfield Food Bank, a registered charity, corporate ID 802xxx-xxxx ("the Pantry"). The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair, authorised by a board resolution of 3 March 2026.',
      fail: 'This agreement is made between Northfield Municipality, through its Elderly Care Committee, and Northfield Food Bank, a registered charity, corporate ID 802xxx-xxxx ("the Pantry"). The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair.',
    },
  },
  {
    code: 'SC2',
    section: 'societal_challenge',
    sv: {
      pass: 'Målgruppen är äldre som bor ensamma i Kronan. I kommunens enkät 2025 uppgav 41 procent av dem att de sällan träffar någon, eftersom träffpunkterna har lagts ned och färdtjänsten har dragits ned.',
      fail: 'Målgruppen är äldre som bor ensamma i Kronan.',
    },
    en: {
      pass: 'The target group is older people living alone in Northfield. In the 2025 survey 41 % of them said they rarely meet anyone, because the meeting places have closed and transport has been cut.',
      fail: 'The target group is older people living alone in Northfield.',
    },
  },
  {
    code: 'PG2',
    section: 'purpose_and_goals',
    sv: { pass: 'Syftet är att minska ensamheten. Senast 2027 ska minst 200 personer delta varje månad.', fail: 'Syftet är att minska ensamheten. Målet är att fler ska känna sig välkomna.' },
    en: { pass: 'The purpose is to reduce loneliness. By 2027 at least 200 people take part every month.', fail: 'The purpose is to reduce loneliness. The goal is that more people feel welcome.' },
  },
  {
    // Members named by their role titles in the sentence after the one that introduces the body.
    code: 'GV1',
    section: 'governance',
    sv: {
      pass: 'En styrgrupp leder partnerskapet. Den består av bibliotekschefen, en enhetschef från socialtjänsten samt föreningens ordförande och kassör. Gemensamma frågor avgörs i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
      fail: 'En styrgrupp leder partnerskapet. Den består av föreningens ordförande och kassör. Gemensamma frågor avgörs i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
    },
    en: {
      pass: 'A steering group leads the partnership. It consists of the Head of Elderly Care, a home-care unit manager, and the chair and the treasurer of the food bank. Joint matters are decided by consensus. A working group plans the daily work. The steering group meets four times a year.',
      fail: 'A steering group leads the partnership. It consists of the chair and the treasurer of the food bank. Joint matters are decided by consensus. A working group plans the daily work. The steering group meets four times a year.',
    },
  },
  {
    code: 'GV3',
    section: 'governance',
    sv: {
      pass: 'En styrgrupp med två företrädare för varje part leder partnerskapet. Gemensamma frågor avgörs i samförstånd, och varje part beslutar själv om sin egen verksamhet. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
      fail: 'En styrgrupp med två företrädare för varje part ansvarar för den strategiska inriktningen. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
    },
    en: {
      pass: 'A steering group with two members from each party leads the partnership. Joint matters are decided by consensus, and each party decides on its own activities. A working group plans the daily work. The steering group meets four times a year.',
      fail: 'A steering group with two members from each party is responsible for the strategic direction. A working group plans the daily work. The steering group meets four times a year.',
    },
  },
  {
    code: 'MC1',
    section: 'meeting_cadence',
    in: 'governance',
    sv: {
      pass: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen sammanträder varje höst och varje vår.',
      fail: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen träffas regelbundet och vid behov.',
    },
    en: {
      pass: 'A steering group with two members from each party leads the partnership and decides by consensus. A working group plans the daily work. The steering group meets quarterly.',
      fail: 'A steering group with two members from each party leads the partnership and decides by consensus. A working group plans the daily work. The steering group meets regularly and when needed.',
    },
  },
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: { pass: 'En deltagarpanel med sex deltagare träffas två gånger per termin och föreslår ändringar i verksamheten.', fail: 'Parterna ska verka för att deltagarnas röster tas tillvara.' },
    en: { pass: 'A participants’ panel of six members meets twice per term and proposes changes to the activities.', fail: 'The parties will make sure that the participants’ voices are heard.' },
  },
  {
    code: 'RN1',
    section: 'renegotiation',
    sv: {
      pass: 'Parterna ser över överenskommelsen varje år i oktober, inför nästa års budget.',
      fail: 'Överenskommelsen kan omförhandlas om någon av parterna begär det. Ändringar ska vara skriftliga.',
    },
    en: {
      pass: 'The parties review the agreement every year in October, before the next budget.',
      fail: 'The agreement may be renegotiated if either party asks for it. Amendments must be in writing.',
    },
  },
  {
    code: 'DU2',
    section: 'duration',
    sv: {
      pass: 'Överenskommelsen gäller från och med 1 jan. 2026 till och med 31 dec. 2028. Den kan förlängas med två år om båda parter skriftligen är överens senast den 30 juni 2028.',
      fail: 'Överenskommelsen gäller från och med 1 jan. 2026 till och med 31 dec. 2028 och kan förlängas.',
    },
    en: {
      pass: 'The agreement applies from 1 January 2026 to 31 December 2028. It may be extended by two years if both parties agree in writing no later than 30 June 2028.',
      fail: 'The agreement applies from 1 January 2026 to 31 December 2028 and may be extended.',
    },
  },
  {
    code: 'TE1',
    section: 'termination',
    sv: {
      pass: 'Varje part kan säga upp överenskommelsen med ett halvårs varsel. Pågående grupper slutförs. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för sin personal.',
      fail: 'Varje part kan säga upp överenskommelsen. Pågående grupper slutförs. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för sin personal.',
    },
    en: {
      pass: 'Either party may terminate the agreement with 6 months’ notice. Groups that have started are completed. The municipality pays the grant during the notice period and the association then bears its staff costs.',
      fail: 'Either party may terminate the agreement. Groups that have started are completed. The municipality pays the grant during the notice period and the association then bears its staff costs.',
    },
  },
  {
    code: 'TE2',
    section: 'termination',
    sv: {
      pass: 'Uppsägningstiden är sex månader. Deltagare som behöver fortsatt stöd erbjuds kontakt med kommunens samordnare. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för lokalen.',
      fail: 'Uppsägningstiden är sex månader och uppsägningen ska vara skriftlig. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för lokalen.',
    },
    en: {
      pass: 'The notice period is six months. Participants who need further support are offered contact with the municipality’s coordinator. The municipality pays the grant during the notice period and the association then bears the cost of the premises.',
      fail: 'The notice period is six months and notice must be given in writing. The municipality pays the grant during the notice period and the association then bears the cost of the premises.',
    },
  },
  {
    code: 'TE3',
    section: 'termination',
    sv: {
      pass: 'Uppsägningstiden är sex månader. Pågående grupper slutförs. Inventarier som köpts med bidraget behålls av föreningen.',
      fail: 'Uppsägningstiden är sex månader. Pågående grupper slutförs, och deltagarna informeras i god tid.',
    },
    en: {
      pass: 'The notice period is six months. Groups that have started are completed. Equipment bought with the grant stays with the association.',
      fail: 'The notice period is six months. Groups that have started are completed, and participants are informed in good time.',
    },
  },
  {
    code: 'LB1',
    section: 'legal_basis',
    sv: {
      pass: 'Parterna har valt IOP eftersom verksamheten bygger på ideella krafter som inte kan upphandlas. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.',
      fail: 'Parterna har valt IOP eftersom det är den form som passar bäst. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.',
    },
    en: {
      pass: 'We chose an IOP because the work rests on volunteers who cannot be procured. The agreement is not a purchase under LOU because the content is decided jointly. The activity is non-economic and is not state aid.',
      fail: 'We chose an IOP because it is the best form. The agreement is not a purchase under LOU because the content is decided jointly. The activity is non-economic and is not state aid.',
    },
  },
  {
    code: 'LB3',
    section: 'legal_basis',
    sv: {
      pass: 'Parterna har valt IOP eftersom verksamheten bygger på ideella krafter. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt. Stödet hanteras som stöd av mindre betydelse (de minimis).',
      fail: 'Parterna har valt IOP eftersom verksamheten bygger på ideella krafter. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt.',
    },
    en: {
      pass: 'We chose an IOP because the work rests on volunteers. The agreement is not a purchase under LOU because the content is decided jointly. The support is documented as de minimis aid.',
      fail: 'We chose an IOP because the work rests on volunteers. The agreement is not a purchase under LOU because the content is decided jointly.',
    },
  },
  {
    code: 'DR1',
    section: 'dispute_resolution',
    sv: {
      pass: 'Oenighet tas först upp i styrgruppen och därefter mellan förvaltningschefen och föreningens ordförande. Kan parterna inte enas avgörs tvisten av allmän domstol.',
      fail: 'Oenighet tas först upp i styrgruppen och därefter mellan förvaltningschefen och föreningens ordförande.',
    },
    en: {
      pass: 'Disagreements are first taken up in the steering group and then between the heads of the parties. If they still cannot agree, the dispute is settled by a Swedish general court.',
      fail: 'Disagreements are first taken up in the steering group and then between the heads of the parties.',
    },
  },
  {
    code: 'PD1',
    section: 'personal_data',
    sv: {
      pass: 'Varje part är personuppgiftsansvarig för sin egen verksamhet. Kommunens personal omfattas av sekretess enligt OSL och föreningens ideella skriver under ett tystnadslöfte.',
      fail: 'Parterna ska följa dataskyddsförordningen (GDPR) och annan tillämplig lagstiftning.',
    },
    en: {
      pass: 'Each party is the data controller for its own activities. Municipal staff are bound by secrecy and the association’s volunteers sign a confidentiality undertaking.',
      fail: 'The parties shall comply with the GDPR and other applicable legislation.',
    },
  },
  {
    // The term in legal wording, "träder i kraft … gäller till och med", "enter into force … remain in force".
    code: 'DU1',
    section: 'duration',
    sv: {
      pass: 'Överenskommelsen träder i kraft den 1 januari 2026 och gäller till och med den 31 december 2028.',
      fail: 'Överenskommelsen träder i kraft när den har undertecknats av båda parter.',
    },
    en: {
      pass: 'This Agreement shall enter into force on 1 January 2026 and shall remain in force until 31 December 2028.',
      fail: 'This Agreement shall enter into force when it has been signed by both Parties.',
    },
  },
  {
    // A deadline with words between the marker and the year ("senast i december 2027", "by the end of 2027").
    code: 'PG2',
    section: 'purpose_and_goals',
    sv: {
      pass: 'Vi vill att äldre i Kronan klarar digitala tjänster på egen hand. Senast i december 2027 har 300 personer gått en nybörjarkurs.',
      fail: 'Vi vill att äldre i Kronan klarar digitala tjänster på egen hand. Med tiden har många personer gått en nybörjarkurs.',
    },
    en: {
      pass: 'We want older people in Northfield to manage digital services on their own. By the end of 2027, 300 people have taken a beginners’ course.',
      fail: 'We want older people in Northfield to manage digital services on their own. In time, many people have taken a beginners’ course.',
    },
  },
  // Counts, rhythms and dates written the way lawyers and minutes write them.
  {
    code: 'TE1',
    section: 'termination',
    sv: {
      pass: 'Varje part kan säga upp överenskommelsen med sex (6) månaders skriftligt varsel. Pågående grupper slutförs. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för sin personal.',
      fail: 'Varje part kan säga upp överenskommelsen skriftligt. Pågående grupper slutförs. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för sin personal.',
    },
    en: {
      pass: "Either Party may terminate this Agreement by giving nine (9) months' written notice. Groups that have started are completed. The municipality pays the grant during the notice period and the association then bears its staff costs.",
      fail: 'Either Party may terminate this Agreement by written notice. Groups that have started are completed. The municipality pays the grant during the notice period and the association then bears its staff costs.',
    },
  },
  {
    code: 'MC1',
    section: 'meeting_cadence',
    in: 'governance',
    sv: {
      pass: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen träffas i mars, juni, september och december.',
      fail: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen träffas när det behövs, mellan mars och december.',
    },
    en: {
      pass: 'A steering group with two members from each party leads the partnership and decides by consensus. A working group plans the daily work. The Steering Committee shall convene six times per annum.',
      fail: 'A steering group with two members from each party leads the partnership and decides by consensus. A working group plans the daily work. The Steering Committee shall convene as needed between March and June.',
    },
  },
  {
    code: 'RN1',
    section: 'renegotiation',
    sv: {
      pass: 'En översyn av överenskommelsen i sin helhet ska genomföras av parterna under första halvåret 2031.',
      fail: 'En översyn av överenskommelsen i sin helhet kan genomföras av parterna om någon begär det.',
    },
    en: {
      pass: 'The parties will review the whole agreement in the second half of 2027.',
      fail: 'The parties may review the whole agreement if either of them asks for it.',
    },
  },
  // Channels of influence, participants, follow-up and risks in other words than the lists' first ones.
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: {
      pass: 'Två gånger om året bjuds deltagare som gått i verksamheten in till ett samtal om hur den kan bli bättre. Synpunkterna tas upp på styrgruppens nästa möte.',
      fail: 'Deltagarnas synpunkter är viktiga för parterna och ska tas tillvara.',
    },
    en: {
      pass: 'Twice a year participants are consulted on how the activities can improve, and the steering group answers at its next meeting.',
      fail: 'The views of the participants matter to the parties and will be taken into account.',
    },
  },
  {
    code: 'TE2',
    section: 'termination',
    sv: {
      pass: 'Uppsägningstiden är sex månader. Hushåll som har en ekonomivän får behålla kontakten tills hushållet har överförts till kommunens rådgivning. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för lokalen.',
      fail: 'Uppsägningstiden är sex månader. Kommunen betalar bidraget under uppsägningstiden och föreningen bär därefter kostnaderna för lokalen.',
    },
    en: {
      pass: 'The notice period is six months. Passengers are told at least three months before the service ends and are referred to the transport service they are entitled to. The municipality pays the grant during the notice period and the association then bears the cost of the premises.',
      fail: 'The notice period is six months. The municipality pays the grant during the notice period and the association then bears the cost of the premises.',
    },
  },
  {
    code: 'RK3',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: 'Om kommunfullmäktige minskar nämndens ram kan kvällsträffarna dras in; parterna tar då upp en ny fördelning i styrgruppen. Om en ledare slutar ersätter föreningen henne.',
      fail: 'Om en ledare slutar ersätter föreningen henne. Om lokalen är upptagen flyttar vi träffen till biblioteket.',
    },
    en: {
      pass: 'A smaller budget frame for the committee could lead to fewer evening sessions; the steering group will then agree on a new allocation. If a leader leaves, the association recruits a new one.',
      fail: 'If a leader leaves, the association recruits a new one. If the room is taken, we move the session to the library.',
    },
  },
  // Units by suffix: "…enheten", "…mottagningen", "the … Clinic", "the … Unit".
  {
    code: 'GV4',
    section: 'governance',
    sv: {
      pass: 'En styrgrupp med förvaltningschefen, enhetschefen för försörjningsstödsenheten och föreningens ordförande leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Hushåll anvisas av handläggare vid försörjningsstödsenheten, som beslutar vilka hushåll som prioriteras. Styrgruppen möts fyra gånger per år.',
      fail: 'En styrgrupp med förvaltningschefen och föreningens ordförande leder partnerskapet och fattar beslut i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Hushåll anvisas av handläggare vid försörjningsstödsenheten, som beslutar vilka hushåll som prioriteras. Styrgruppen möts fyra gånger per år.',
    },
    en: {
      pass: 'A steering group leads the partnership and decides by consensus. It consists of the director of social services, the head of the Youth Clinic and the chair of the association. A working group plans the daily work. The Youth Clinic refers young people to the activities and decides on their places. The steering group meets four times a year.',
      fail: 'A steering group leads the partnership and decides by consensus. It consists of the director of social services and the chair of the association. A working group plans the daily work. The Youth Clinic refers young people to the activities and decides on their places. The steering group meets four times a year.',
    },
  },
  // A party referred to the way a careful reader still resolves it: its undefined acronym, a parish named
  // with its church, a continuation sentence, an activity named as the label of a cost clause.
  {
    // An acronym the text never defines, made of the initials of the party's name ("FLK").
    code: 'LG2',
    section: 'learning_goals',
    sv: {
      pass: 'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret för barns lärande.\n\n- Kommunen: lära sig hur socialtjänsten kan nå familjer via föreningens kontaktnät.\n- FLK: lära sig att dokumentera och följa upp sin verksamhet systematiskt.',
      fail: 'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret för barns lärande.\n\n- Kommunen: lära sig hur socialtjänsten kan nå familjer via föreningens kontaktnät.\n- SISU: lära sig att dokumentera och följa upp sin verksamhet systematiskt.',
    },
    en: {
      pass: "Together we want to learn how volunteers and home-care staff can share responsibility for older people's wellbeing. Northfield Municipality wants to learn how referrals from home care can be made simple. NFB wants to learn how to measure its social impact.",
      fail: "Together we want to learn how volunteers and home-care staff can share responsibility for older people's wellbeing. Northfield Municipality wants to learn how referrals from home care can be made simple. WRVS wants to learn how to measure its social impact.",
    },
  },
  {
    // "X församling, Svenska kyrkan, org.nr …": the church the parish belongs to is no party of its own.
    code: 'PM3',
    section: 'parties_and_mandates',
    sv: {
      pass: '1.1 Exempelby kommun, org.nr 212000-xxxx, genom socialnämnden, nedan benämnd Kommunen. Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2.\n\n1.2 Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx, nedan benämnd Föreningen. Föreningen företräds av ordföranden enligt styrelsebeslut den 12 mars 2025.\n\n1.3 Kronans församling, Svenska kyrkan, org.nr 252xxx-xxxx, nedan benämnd Församlingen. Församlingen företräds av kyrkoherden enligt kyrkorådets beslut den 2 april 2025, § 11.',
      fail: '1.1 Exempelby kommun, org.nr 212000-xxxx, genom socialnämnden, nedan benämnd Kommunen. Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2.\n\n1.2 Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx, nedan benämnd Föreningen. Föreningen företräds av ordföranden enligt styrelsebeslut den 12 mars 2025.\n\n1.3 Kronans församling, Svenska kyrkan, org.nr 252xxx-xxxx, nedan benämnd Församlingen. Församlingen företräds av kyrkoherden.',
    },
    en: {
      pass: '1.1 Northfield Municipality, through its Elderly Care Committee, hereinafter "the Municipality". The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules.\n\n1.2 Northfield Food Bank, a registered charity, corporate ID 802xxx-xxxx, hereinafter "the Food Bank". The Food Bank is represented by its chair, authorised by a board resolution of 3 March 2026.\n\n1.3 Northfield Parish, Church of Sweden, corporate ID 252xxx-xxxx, hereinafter "the Parish". The Parish is represented by the vicar under a decision of the parish council of 2 April 2026.',
      fail: '1.1 Northfield Municipality, through its Elderly Care Committee, hereinafter "the Municipality". The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules.\n\n1.2 Northfield Food Bank, a registered charity, corporate ID 802xxx-xxxx, hereinafter "the Food Bank". The Food Bank is represented by its chair, authorised by a board resolution of 3 March 2026.\n\n1.3 Northfield Parish, Church of Sweden, corporate ID 252xxx-xxxx, hereinafter "the Parish". The Parish is represented by the vicar.',
    },
  },
  {
    // A definitions clause names the short form first ("\"Läxis\" avser …", "\"the Pantry\" means …"); only it links the short form.
    code: 'PM3',
    section: 'parties_and_mandates',
    sv: {
      pass: 'I överenskommelsen avser "kommunen" Exempelby kommun, org.nr 212000-xxxx, genom socialnämnden; "Läxis" avser Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx. Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden enligt styrelsebeslut den 12 mars 2025.',
      fail: 'I överenskommelsen avser "kommunen" Exempelby kommun, org.nr 212000-xxxx, genom socialnämnden; "Läxis" avser Föreningen Läxhjälpen Kronan, ideell förening, org.nr 802xxx-xxxx. Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden.',
    },
    en: {
      pass: 'In this Agreement, "the Municipality" means Northfield Municipality, corp. ID 212000-xxxx, acting through its Elderly Care Committee; "the Pantry" means Northfield Food Bank, a registered charity, corp. ID 802xxx-xxxx. The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair, authorised by a board resolution of 3 March 2026.',
      fail: 'In this Agreement, "the Municipality" means Northfield Municipality, corp. ID 212000-xxxx, acting through its Elderly Care Committee; "the Pantry" means Northfield Food Bank, a registered charity, corp. ID 802xxx-xxxx. The Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair.',
    },
  },
  {
    // A parish "som hör till Svenska kyrkan" is one party; its vicar "skriver under för församlingen" (a signing verb as the representative).
    code: 'PM3',
    section: 'parties_and_mandates',
    sv: {
      pass: 'Vi är två parter:\n\n- Exempelby kommun, genom socialnämnden. Kommunen kallas här kommunen. Socialchefen skriver under för kommunen enligt nämndens beslut den 2 mars 2025, § 14.\n- Kronans församling, som hör till Svenska kyrkan. Församlingen kallas här församlingen. Kyrkoherden skriver under för församlingen. Kyrkorådet gav henne rätt att göra det den 4 november 2025, § 61.',
      fail: 'Vi är två parter:\n\n- Exempelby kommun, genom socialnämnden. Kommunen kallas här kommunen. Socialchefen skriver under för kommunen enligt nämndens beslut den 2 mars 2025, § 14.\n- Kronans församling, som hör till Svenska kyrkan. Församlingen kallas här församlingen. Kyrkoherden skriver under för församlingen.',
    },
    en: {
      pass: "We are two parties:\n\n- Northfield Municipality, through its Elderly Care Committee. The Head of Elderly Care signs for the municipality under the committee's decision of 2 March 2026, § 14.\n- Northfield Parish, part of the Church of Sweden. The vicar will sign for the parish. The parish council gave her that right on 4 November 2025, § 61.",
      fail: "We are two parties:\n\n- Northfield Municipality, through its Elderly Care Committee. The Head of Elderly Care signs for the municipality under the committee's decision of 2 March 2026, § 14.\n- Northfield Parish, part of the Church of Sweden. The vicar will sign for the parish.",
    },
  },
  {
    // "och föreningen Läxhjälpen Kronan": a legal-form noun before the second name; "called \"the Pantry\"" defines a short form.
    code: 'PM3',
    section: 'parties_and_mandates',
    sv: {
      pass: 'Denna överenskommelse ingås mellan Exempelby kommun, genom socialnämnden (kommunen), och föreningen Läxhjälpen Kronan, en ideell förening med org.nr 802xxx-xxxx (Läxis). Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden enligt styrelsens beslut den 12 mars 2025.',
      fail: 'Denna överenskommelse ingås mellan Exempelby kommun, genom socialnämnden (kommunen), och föreningen Läxhjälpen Kronan, en ideell förening med org.nr 802xxx-xxxx (Läxis). Kommunen företräds av socialchefen enligt delegationsordningen, punkt 4.2. Läxis företräds av ordföranden.',
    },
    en: {
      pass: '1. Northfield Municipality, through its Elderly Care Committee, called "the Municipality".\n\n2. Northfield Food Bank, non-profit association, org.nr 802xxx-xxxx, called "the Pantry".\n\nThe Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair, board decision 2026-01-11.',
      fail: '1. Northfield Municipality, through its Elderly Care Committee, called "the Municipality".\n\n2. Northfield Food Bank, non-profit association, org.nr 802xxx-xxxx, called "the Pantry".\n\nThe Municipality is represented by the Head of Elderly Care, under the committee\'s delegation rules. The Pantry is represented by its chair.',
    },
  },
  {
    // The decision rule said as deciding together ("tar besluten tillsammans", "decide together").
    code: 'GV3',
    section: 'governance',
    sv: {
      pass: 'Det finns en styrgrupp med socialchefen och föreningens ordförande. Vi tar besluten tillsammans och försöker vara överens. Varje förening bestämmer själv över sina egna kvällar. Styrgruppen ses fyra gånger per år.',
      fail: 'Det finns en styrgrupp med socialchefen och föreningens ordförande. Styrgruppen ses fyra gånger per år.',
    },
    en: {
      pass: 'There is a steering group with the Head of Elderly Care and the chair of the food bank. We take decisions together and try to agree. The steering group meets four times a year.',
      fail: 'There is a steering group with the Head of Elderly Care and the chair of the food bank. The steering group meets four times a year.',
    },
  },
  {
    // The members listed after a colon that follows what the body does ("A steering group leads the partnership: …").
    code: 'GV1',
    section: 'governance',
    sv: {
      pass: 'En styrgrupp leder partnerskapet: socialchefen och föreningens ordförande. Gemensamma frågor avgörs i samförstånd. Styrgruppen möts fyra gånger per år.',
      fail: 'En styrgrupp leder partnerskapet: föreningens ordförande och kassör. Gemensamma frågor avgörs i samförstånd. Styrgruppen möts fyra gånger per år.',
    },
    en: {
      pass: 'A steering group leads the partnership: the Head of Elderly Care and the chair of the food bank. Joint matters are decided by consensus. The steering group meets four times a year.',
      fail: 'A steering group leads the partnership: the chair and the treasurer of the food bank. Joint matters are decided by consensus. The steering group meets four times a year.',
    },
  },
  {
    // A performer cell that names the idea-driven parties as a group ("Alla föreningar", "All Organisations").
    code: 'AC2',
    section: 'activities',
    sv: {
      pass: '| Aktivitet | Vem utför | Kostnad bokförs av |\n|---|---|---|\n| Läxhjälp två kvällar i veckan | Föreningen | Föreningen |\n| Gemensam utbildning av volontärer två gånger per år | Alla föreningar | Föreningen |',
      fail: '| Aktivitet | Vem utför | Kostnad bokförs av |\n|---|---|---|\n| Läxhjälp två kvällar i veckan | Föreningen | Föreningen |\n| Gemensam utbildning av volontärer två gånger per år | Volontärerna | Föreningen |',
    },
    en: {
      pass: '| Activity | Who | Costs booked by |\n|---|---|---|\n| Weekly community lunches | The food bank | The food bank |\n| Joint training of volunteers, twice per year | All Organisations | The food bank |',
      fail: '| Activity | Who | Costs booked by |\n|---|---|---|\n| Weekly community lunches | The food bank | The food bank |\n| Joint training of volunteers, twice per year | Volunteers | The food bank |',
    },
  },
  {
    // A sentence naming no party goes on about the activity of the sentence before it; "gemensamt" means the parties.
    code: 'AC2',
    section: 'activities',
    sv: {
      pass: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nKommunen anordnar prova-på-dagar tillsammans med föreningen två gånger per år. Prova-på-dagarna planeras gemensamt.',
      fail: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nProva-på-dagar anordnas två gånger per år.',
    },
    en: {
      pass: 'The food bank runs weekly community lunches and books their costs.\n\nThe municipality organises taster days with the food bank twice a year. The taster days are planned jointly.',
      fail: 'The food bank runs weekly community lunches and books their costs.\n\nTaster days are planned twice a year.',
    },
  },
  {
    // "Prova-på-dagarna: varje part bokför …; föreningen bokför …": every sentence of the clause is about its label.
    code: 'OC1',
    section: 'ownership_and_costs',
    in: 'activities',
    sv: {
      pass: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nKommunen och föreningen anordnar prova-på-dagar tillsammans två gånger per år.\n\nProva-på-dagarna: varje part bokför sin egen personal; föreningen bokför material och fika.',
      fail: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nKommunen och föreningen anordnar prova-på-dagar tillsammans två gånger per år.\n\nProva-på-dagarna: varje part bokför sin egen personal; hur övriga kostnader fördelas bestäms senare.',
    },
    en: {
      pass: 'The food bank runs weekly community lunches and books their costs.\n\nThe municipality and the food bank organise taster days together twice a year.\n\nTaster days: each party books its own staff; the food bank books food and materials.',
      fail: 'The food bank runs weekly community lunches and books their costs.\n\nThe municipality and the food bank organise taster days together twice a year.\n\nTaster days: each party books its own staff; how the other costs are split will be decided later.',
    },
  },
  {
    // The contribution announced with a colon ("puts in: …", "bidrar med: …") and volunteer work as "voluntary time".
    code: 'BR2',
    section: 'budget_and_resources',
    sv: {
      pass: 'Exempelby kommun betalar ut ett bidrag på 650 000 kr per år till föreningen. Föreningen bidrar med: ideellt arbete av läxhjälparna, cirka 1 500 timmar per år.',
      fail: 'Exempelby kommun betalar ut ett bidrag på 650 000 kr per år till föreningen. Föreningen redovisar varje år hur bidraget har använts.',
    },
    en: {
      pass: "The municipality contributes SEK 450,000 per year to the food bank, paid every six months in advance. The food bank puts in: the drivers' voluntary time, around 1,500 hours per year.",
      fail: 'The municipality contributes SEK 450,000 per year to the food bank, paid every six months in advance. The food bank reports every year on how the grant was used.',
    },
  },
  {
    // The question as the label of a point ("Varför IOP: …"), answered after it.
    code: 'LB1',
    section: 'legal_basis',
    sv: {
      pass: '- Varför IOP: verksamheten bygger på föreningens ideella ledare och miljöer, som kommunen inte kan skapa och som inte går att upphandla.\n- LOU: kommunen köper inga platser, bidraget är fast och innehållet har formats gemensamt.\n- Statsstöd: verksamheten är icke-ekonomisk och utgör inte statsstöd.',
      fail: '- Varför IOP: se avsnittet om upphandling nedan.\n- LOU: kommunen köper inga platser, bidraget är fast och innehållet har formats gemensamt.\n- Statsstöd: verksamheten är icke-ekonomisk och utgör inte statsstöd.',
    },
    en: {
      pass: '- Why IOP: the work rests on volunteers and on the trust the food bank has among older residents, which no provider could be paid to create.\n- LOU: the municipality buys no places, the grant is fixed and the content is decided jointly.\n- State aid: the activity is non-economic and is not state aid.',
      fail: '- Why IOP: see the procurement section below.\n- LOU: the municipality buys no places, the grant is fixed and the content is decided jointly.\n- State aid: the activity is non-economic and is not state aid.',
    },
  },
  {
    // A committee or department of the public party stands for it; one of another public body does not.
    code: 'LG2',
    section: 'learning_goals',
    sv: {
      pass: 'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret för barns lärande.\n\n- Socialnämnden: lära sig hur socialtjänsten kan nå familjer via föreningens kontaktnät.\n- Föreningen: lära sig att dokumentera och följa upp sin verksamhet systematiskt.',
      fail: 'Gemensamt lärandemål: parterna vill tillsammans lära sig hur skola och civilsamhälle kan dela ansvaret för barns lärande.\n\n- Regionens vårdförvaltning: lära sig hur vården kan nå familjer via föreningens kontaktnät.\n- Föreningen: lära sig att dokumentera och följa upp sin verksamhet systematiskt.',
    },
    en: {
      pass: "Together we want to learn how volunteers and home-care staff can share responsibility for older people's wellbeing. The Elderly Care Department wants to learn how referrals from home care can be made simple. The food bank wants to learn how to measure its social impact.",
      fail: "Together we want to learn how volunteers and home-care staff can share responsibility for older people's wellbeing. The County's health department wants to learn how referrals from home care can be made simple. The food bank wants to learn how to measure its social impact.",
    },
  },
  {
    code: 'SG1',
    section: 'signatures',
    sv: {
      pass: 'För socialnämnden\n\nDatum: ____________\n\n______________________ Socialchef\n\nFör föreningen\n\nDatum: ____________\n\n______________________ Ordförande',
      fail: 'För Region Kronmarks vårdförvaltning\n\nDatum: ____________\n\n______________________ Förvaltningschef\n\nFör föreningen\n\nDatum: ____________\n\n______________________ Ordförande',
    },
    en: {
      pass: 'For the Elderly Care Committee: ____________ Date: ____________ Head of Elderly Care\n\nFor the food bank: ____________ Date: ____________ Chair',
      fail: "For the County's health committee: ____________ Date: ____________ Director\n\nFor the food bank: ____________ Date: ____________ Chair",
    },
  },
  {
    // The party named once for a list of its activities: in a sub-heading or a lead-in ("The food bank will:").
    code: 'AC2',
    section: 'activities',
    sv: {
      pass: '### Föreningens åtaganden\n\n- Läxhjälp två kvällar i veckan.\n- Fritidsaktiviteter på lov.\n\n### Kommunens åtaganden\n\n- Samordning med skolan och elevhälsan.\n\nVarje part bokför kostnaderna för sina egna åtaganden.',
      fail: '### Åtaganden\n\n- Läxhjälp två kvällar i veckan.\n- Fritidsaktiviteter på lov.\n- Samordning med skolan och elevhälsan.\n\nVarje part bokför kostnaderna för sina egna åtaganden.',
    },
    en: {
      pass: 'The food bank will:\n\n- run weekly community lunches;\n- recruit and train volunteers.\n\nThe municipality will refer residents. Each party books the costs of its own activities.',
      fail: 'The partnership will:\n\n- run weekly community lunches;\n- recruit and train volunteers.\n\nThe municipality will refer residents. Each party books the costs of its own activities.',
    },
  },
  {
    // "Båda parter", "Gemensamt", "Both parties" in the performer column of an activity table.
    code: 'AC2',
    section: 'activities',
    sv: {
      pass: '| Verksamhet | Utförs av | Kostnadsansvar (bokförs av) |\n|---|---|---|\n| Läxhjälp två kvällar i veckan | Föreningen | Föreningen |\n| Föräldraträffar varje termin | Båda parter | Kommunen |',
      fail: '| Verksamhet | Utförs av | Kostnadsansvar (bokförs av) |\n|---|---|---|\n| Läxhjälp två kvällar i veckan | Föreningen | Föreningen |\n| Föräldraträffar varje termin | Volontärer | Kommunen |',
    },
    en: {
      pass: '| Activity | Run by | Costs carried by |\n|---|---|---|\n| Weekly community lunches | Northfield Food Bank | Northfield Food Bank |\n| Annual open day | Both parties | Northfield Municipality |',
      fail: '| Activity | Run by | Costs carried by |\n|---|---|---|\n| Weekly community lunches | Northfield Food Bank | Northfield Food Bank |\n| Annual open day | Volunteers | Northfield Municipality |',
    },
  },
  {
    // Co-financing in other verbs ("skjuter till", "covers", "matches"), unless the public grant is the means.
    code: 'BR2',
    section: 'budget_and_resources',
    sv: {
      pass: 'Exempelby kommun betalar ut ett bidrag på 650 000 kr per år till föreningen. Föreningen skjuter till 100 000 kr per år från insamlingar.',
      fail: 'Exempelby kommun betalar ut ett bidrag på 650 000 kr per år till föreningen. Föreningen skjuter till material som köps in med bidraget.',
    },
    en: {
      pass: 'The municipality contributes SEK 450,000 per year to the food bank, paid every six months in advance. The food bank covers the rent of its kitchen.',
      fail: 'The municipality contributes SEK 450,000 per year to the food bank, paid every six months in advance. The food bank covers the rent of its kitchen from the grant.',
    },
  },
  {
    // The choice and what it rests on ("Valet av IOP grundar sig på …"), or the form weighed against a purchase or a grant.
    code: 'LB1',
    section: 'legal_basis',
    sv: {
      pass: 'Valet av IOP grundar sig på att verksamheten bygger på ideella krafter. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.',
      fail: 'Partnerskapet bygger på ömsesidigt förtroende mellan parterna. Överenskommelsen är inte ett köp enligt LOU eftersom innehållet bestäms gemensamt. Verksamheten är icke-ekonomisk och utgör inte statsstöd.',
    },
    en: {
      pass: 'An IOP lets the parties develop the work together, which neither a procurement nor a grant would allow. The agreement is not a purchase under LOU because the content is decided jointly. The activity is non-economic and is not state aid.',
      fail: 'The partnership rests on mutual trust between the parties. The agreement is not a purchase under LOU because the content is decided jointly. The activity is non-economic and is not state aid.',
    },
  },
  {
    // Members listed as "role (party)", the party by its type noun alone: "Head of Elderly Care (Municipality)".
    code: 'GV1',
    section: 'governance',
    sv: {
      pass: 'Styrgrupp: socialchef (kommunen), ordförande (föreningen). Gemensamma frågor avgörs i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
      fail: 'Styrgrupp: ordförande (föreningen), kassör (föreningen). Gemensamma frågor avgörs i samförstånd. En arbetsgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.',
    },
    en: {
      pass: 'Steering group: Head of Elderly Care (Municipality), Chair (Food Bank). Joint matters are decided by consensus. A working group plans the daily work. The steering group meets four times a year.',
      fail: 'Steering group: Chair (Food Bank), Treasurer (Food Bank). Joint matters are decided by consensus. A working group plans the daily work. The steering group meets four times a year.',
    },
  },
  // The target group's say without "råd" or "panel": seats in a group, meetings of their own, an invitation.
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: {
      pass: 'Två personer som har gått i verksamheten sitter med i samordningsgruppen och är med på dess möten en gång i månaden. De väljs för ett år i taget.',
      fail: 'Deltagarna är viktiga för oss, och parterna vill gärna veta vad de tycker om verksamheten.',
    },
    en: {
      pass: 'Two participants, chosen by the participants themselves, sit in the working group and take part in its meetings one time per month.',
      fail: 'The participants matter to us, and the parties want to know what they think of the activities.',
    },
  },
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: {
      pass: 'Två gånger per år, i april och november, bjuder föreningen in personer som har fått stöd till en brukarträff om hur mottagningen ska utformas.',
      fail: 'Varje december får personer som har fått stöd svara på en enkät om hur nöjda de är med mottagningen.',
    },
    en: {
      pass: 'A house meeting for all adult residents is held every month, and its proposals on house rules go to the operational group.',
      fail: 'Every December the residents answer a survey about how satisfied they are with their housing.',
    },
  },
  // Views given in words ("lämna synpunkter", "give feedback") are a channel with an occasion; TG2 needs the when.
  {
    code: 'TG2',
    section: 'target_group_involvement',
    sv: {
      pass: 'En gång per år, på byastämman i mars, får resenärerna lämna synpunkter på turer och tider, och styrgruppen beslutar sedan om ändringar i turschemat.',
      fail: 'På byastämman får resenärerna lämna synpunkter på turer och tider, och styrgruppen beslutar sedan om ändringar i turschemat.',
    },
    en: {
      pass: 'Once a year, at the open meeting in March, passengers give feedback on routes and stops, and the steering group then decides on changes to the timetable.',
      fail: 'At the residents’ meeting passengers give feedback on routes and stops, and the steering group then decides on changes to the timetable.',
    },
  },
  // Numbered risk clauses are items; where handlings are labelled, a clause without one has none.
  {
    code: 'RK2',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: '12.1 Kommunens detaljplan för området kan ändras, vilket kan minska ytan. Hantering: kommunen informerar styrgruppen löpande och parterna söker annan mark tillsammans.\n\n12.2 Skadegörelse och stölder i växthuset, vilket har hänt tidigare. Hantering: föreningen låser växthuset nattetid och kommunen bekostar ett larm.',
      fail: '12.1 Kommunens detaljplan för området kan ändras, vilket kan minska ytan. Hantering: kommunen informerar styrgruppen löpande och parterna söker annan mark tillsammans.\n\n12.2 Skadegörelse och stölder i växthuset, vilket har hänt tidigare.',
    },
    en: {
      pass: "11.1 The Municipality's development plan for the area may be revised, which could reduce the area. Mitigation: the Municipality keeps the steering group informed and the Parties look for other land together.\n\n11.2 Vandalism and theft in the greenhouse, which has occurred in recent years. Mitigation: the Society locks the greenhouse at night.",
      fail: "11.1 The Municipality's development plan for the area may be revised, which could reduce the area. Mitigation: the Municipality keeps the steering group informed and the Parties look for other land together.\n\n11.2 Vandalism and theft in the greenhouse, which has occurred in recent years.",
    },
  },
  // "Om det händer …" points back at the risk before it: its handling when it says what is done.
  {
    code: 'RK2',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: 'Den största risken är att regionen drar in sitt bidrag till drivmedlet efter valet. Om det händer tar parterna upp frågan vid en extra översyn.',
      fail: 'Den största risken är att regionen drar in sitt bidrag till drivmedlet efter valet. Om det händer blir det svårt att köra alla turer.',
    },
    en: {
      pass: 'The biggest risk is that the region withdraws its fuel grant after the election. If that happens, the parties will discuss the matter at an extra review.',
      fail: 'The biggest risk is that the region withdraws its fuel grant after the election. If that happens, it becomes hard to run every trip.',
    },
  },
  {
    code: 'RK3',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: 'Om regionen drar in sitt bidrag efter valet tar parterna upp frågan vid en extra översyn. Om en chaufför slutar rekryterar föreningen en ny.',
      fail: 'Om en chaufför slutar rekryterar föreningen en ny. Om bussen går sönder hyr föreningen en annan.',
    },
    en: {
      pass: 'If the detailed development plan is revised and the plots are reduced, the parties look for other land together. If a mentor leaves, the association recruits a new one.',
      fail: 'If a mentor leaves, the association recruits a new one. If the greenhouse breaks, the association repairs it.',
    },
  },
  // The extension allowed in one sentence and decided in the next.
  {
    code: 'DU2',
    section: 'duration',
    sv: {
      pass: 'Överenskommelsen gäller från den 1 januari 2026 till den 31 december 2028. Den kan förlängas en gång med ett år. Beslut om förlängning fattas skriftligen av båda parter senast den 30 september 2028.',
      fail: 'Överenskommelsen gäller från den 1 januari 2026 till den 31 december 2028. Den kan förlängas en gång med ett år. Beslut om budget fattas årligen av nämnden.',
    },
    en: {
      pass: 'This agreement applies from 1 January 2026 to 31 December 2028. It may be extended once by one year. The decision shall be taken by both parties in writing no later than 30 September 2028.',
      fail: 'This agreement applies from 1 January 2026 to 31 December 2028. It may be extended once by one year. Budget decisions are taken by the committee every year.',
    },
  },
  // "every three months" is a rhythm; a topic taken up "at the steering group meeting each November" under
  // another section's heading says when the topic is discussed, not how often the body meets.
  {
    code: 'MC1',
    section: 'meeting_cadence',
    in: 'governance',
    sv: {
      pass: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. Styrgruppen har ett möte var tredje månad.',
      fail: 'En styrgrupp med två företrädare för varje part leder partnerskapet och fattar beslut i samförstånd. Styrgruppen träffas regelbundet.\n\n## Lärandemål\n\nLärandet diskuteras på styrgruppens möte varje november.',
    },
    en: {
      pass: 'A steering group with two members from each party leads the partnership and decides by consensus. The steering group has a meeting every three months.',
      fail: 'A steering group with two members from each party leads the partnership and decides by consensus. The steering group meets regularly and when needed.\n\n## Learning goals\n\nLearning is discussed at the steering group meeting each November.',
    },
  },
  // A rhythm whose count is a placeholder ("Rådet träffas [XX] gånger per termin") is no rhythm yet.
  {
    code: 'TG2',
    section: 'target_group_involvement',
    sv: {
      pass: 'Ett ungdomsråd med fem ungdomar tycker till om vilka lovaktiviteter som ska erbjudas. Rådet träffas två gånger per termin.',
      fail: 'Ett ungdomsråd med fem ungdomar tycker till om vilka lovaktiviteter som ska erbjudas. Rådet träffas [XX] gånger per termin.',
    },
    en: {
      pass: 'A youth council of five young people gives its views on which holiday activities are offered. The council meets twice per term.',
      fail: 'A youth council of five young people gives its views on which holiday activities are offered. The council meets [X] times per term.',
    },
  },
  // A risk told with the passive of a handling verb ("budgeten minskas", "the grant is reduced") is the risk, not its handling.
  {
    code: 'RK2',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: '- Kommunens fritidsbudget minskas efter valet 2026. Då prioriterar styrgruppen lovfisket.\n- För få ledare till lovfisket. Klubben rekryterar ledare bland föräldrarna.',
      fail: '- Kommunens fritidsbudget minskas efter valet 2026.\n- För få ledare till lovfisket under semesterveckorna.',
    },
    en: {
      pass: '- The leisure budget is reduced after the 2026 election. The steering group then prioritises the fishing camps.\n- Too few leaders for the fishing camps. The club recruits leaders among the parents.',
      fail: '- The leisure budget is reduced after the 2026 election.\n- Too few leaders for the fishing camps in the summer weeks.',
    },
  },
  // "The current season is completed" during the notice period: what is under way goes on.
  {
    code: 'TE2',
    section: 'termination',
    sv: {
      pass: 'Vardera parten får säga upp överenskommelsen med tolv månaders uppsägningstid. Under uppsägningstiden fullföljs innevarande säsong.',
      fail: 'Vardera parten får säga upp överenskommelsen med tolv månaders uppsägningstid. Under uppsägningstiden betalas bidraget ut.',
    },
    en: {
      pass: 'Either party may terminate the agreement with twelve months notice. During the notice period the current season is completed.',
      fail: 'Either party may terminate the agreement with twelve months notice. During the notice period the grant is paid.',
    },
  },
  // A party's block left open ("For the food bank – TBD") names no signatory: that party has no block yet.
  {
    code: 'SG1',
    section: 'signatures',
    sv: {
      pass: 'För socialnämnden – Socialchef, datum: ____________\n\nFör föreningen – Ordförande, datum: ____________',
      fail: 'För socialnämnden – Socialchef, datum: ____________\n\nFör föreningen – fylls i senare',
    },
    en: {
      pass: 'For the Elderly Care Committee – Head of Elderly Care, date: ____________\n\nFor the food bank – Chair, date: ____________',
      fail: 'For the Elderly Care Committee – Head of Elderly Care, date: ____________\n\nFor the food bank – TBD',
    },
  },
  // "Hur kostnaderna för X fördelas bestäms av styrgruppen under våren 2027": the split is deferred to a later decision.
  {
    code: 'OC1',
    section: 'ownership_and_costs',
    in: 'activities',
    sv: {
      pass: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nKommunen och föreningen anordnar prova-på-dagar tillsammans två gånger per år.\n\nProva-på-dagarna: föreningen bokför kostnaderna för prova-på-dagarna.',
      fail: 'Föreningen driver läxhjälp två kvällar i veckan och bokför kostnaderna för den.\n\nKommunen och föreningen anordnar prova-på-dagar tillsammans två gånger per år.\n\nProva-på-dagarna: hur kostnaderna för prova-på-dagarna fördelas bestäms av styrgruppen under våren 2027.',
    },
    en: {
      pass: 'The food bank runs weekly community lunches and books their costs.\n\nThe municipality and the food bank organise taster days together twice a year.\n\nTaster days: the food bank books the costs of the taster days.',
      fail: 'The food bank runs weekly community lunches and books their costs.\n\nThe municipality and the food bank organise taster days together twice a year.\n\nTaster days: how the costs of the taster days are split is decided by the steering group in spring 2027.',
    },
  },
  // How the extension is decided without when ("om parterna är överens") leaves DU2 open; a plain verb
  // in the next sentence ("Det bestämmer vi senast …") says both.
  {
    code: 'DU2',
    section: 'duration',
    sv: {
      pass: 'Överenskommelsen gäller från den 1 februari 2026 till den 31 januari 2028. Vi kan förlänga den med två år. Det bestämmer vi tillsammans senast den 30 september 2027.',
      fail: 'Överenskommelsen gäller från den 1 februari 2026 till den 31 januari 2028. Den kan förlängas med ett år om parterna är överens.',
    },
    en: {
      pass: 'The agreement applies from 1 February 2026 to 31 January 2028. We can extend it by two years. We determine this together no later than 30 September 2027.',
      fail: 'The agreement applies from 1 February 2026 to 31 January 2028. It may be extended by one year if the parties agree.',
    },
  },
  // A clause number or a grade ("3.2", "årskurs 5") is not a figure the goal can be followed up by.
  {
    code: 'PG2',
    section: 'purpose_and_goals',
    sv: {
      pass: '3.1 Syftet är att museet ska bli en levande mötesplats för lokalhistoria.\n\n3.2 Målet är att minst 20 klasser i årskurs 5 besöker museet varje läsår.',
      fail: '3.1 Syftet är att museet ska bli en levande mötesplats för lokalhistoria.\n\n3.2 Målet är att alla klasser i årskurs 5 besöker museet och att fler volontärer engagerar sig.',
    },
    en: {
      pass: '3.1 The purpose of the partnership is to give adults with mental illness a meaningful daily occupation.\n\n3.2 The objective of the Parties is that at least 30 participants take part in the gardening each season.',
      fail: '3.1 The purpose of the partnership is to give adults with mental illness a meaningful daily occupation.\n\n3.2 The objectives of the Parties are that participants experience improved well-being and that more participants take part over time.',
    },
  },
  // The draft's own "När:" field left open.
  {
    code: 'FU2',
    section: 'follow_up_evaluation',
    sv: {
      pass: 'Vad vi följer upp: antal deltagare och hur många som har bostad efter 6 månader. Vem: samordnaren sammanställer siffrorna och vi går igenom dem tillsammans i styrgruppen.\n\nNär: i juni och december varje år.',
      fail: 'Vad vi följer upp: antal deltagare och hur många som har bostad efter 6 månader. Vem: samordnaren sammanställer siffrorna och vi går igenom dem tillsammans i styrgruppen.\n\nNär: TBD.',
    },
    en: {
      pass: 'What we follow up: number of participants and housing after 6 months. Who: the coordinator collects the numbers and we discuss them together in the steering group.\n\nWhen: every June and December.',
      fail: 'What we follow up: number of participants and housing after 6 months. Who: the coordinator collects the numbers and we discuss them together in the steering group.\n\nWhen: TBD.',
    },
  },
  // "Underlaget", "the data" alone name nothing that is followed up.
  {
    code: 'FU1',
    section: 'follow_up_evaluation',
    sv: {
      pass: 'Uppföljning sker två gånger per år, i juni och december, i styrgruppen. Föreningen sammanställer underlaget om antal besök och väntetider.',
      fail: 'Uppföljning sker två gånger per år, i juni och december, i styrgruppen. Föreningen sammanställer underlaget.',
    },
    en: {
      pass: 'Follow-up takes place twice a year, in June and December, in the steering group. The association compiles the data on visits and waiting times.',
      fail: 'Follow-up takes place twice a year, in June and December, in the steering group. The association compiles the data.',
    },
  },
  // A plan to write the goals later is not a goal.
  {
    code: 'LG1',
    section: 'learning_goals',
    sv: {
      pass: 'Tillsammans vill vi lära oss hur vi når de familjer som inte själva söker stöd.',
      fail: 'TBD – vi ska ha en workshop om lärandemålen i mars.',
    },
    en: {
      pass: 'Together we want to learn how to reach the families who do not ask for support themselves.',
      fail: 'TBD – we will have a workshop about learning goals in March.',
    },
  },
  // A goal's own label ("Mål 1:", "Goal 2:") is not its figure.
  {
    code: 'PG2',
    section: 'purpose_and_goals',
    sv: {
      pass: 'Syftet är att fler barn klarar skolan. Mål 1: minst 60 barn får godkänt i matematik 2027.',
      fail: 'Syftet är att fler barn klarar skolan. Mål 1: fler barn får godkänt i matematik. Mål 2: färre barn slutar.',
    },
    en: {
      pass: 'The purpose is to reduce loneliness. Goal 1: 80 % of guests say they feel less lonely by 2027.',
      fail: 'The purpose is to reduce loneliness. Goal 1: more guests feel less lonely. Goal 2: guests eat better.',
    },
  },
  // Being part of a group, and saying what they want at a meeting.
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: {
      pass: 'Varje höst hålls ett öppet möte där besökarna säger vad de vill ändra i verksamheten.',
      fail: 'Besökarnas åsikter är viktiga, och parterna vill veta vad de tycker.',
    },
    en: {
      pass: 'Two young people are part of the planning group, which meets every month.',
      fail: 'Young people matter to the partnership, and the parties want to know what they think.',
    },
  },
  // Taking part in a named body's meetings is a seat; taking part in the activity's own meetings is not.
  {
    code: 'TG1',
    section: 'target_group_involvement',
    sv: {
      pass: 'Två deltagare deltar i arbetsgruppens möten en gång i månaden.',
      fail: 'Deltagarna deltar i gruppträffar varje vecka tillsammans med en ledare.',
    },
    en: {
      pass: 'Two residents take part in the operational group’s meetings once a month.',
      fail: 'Participants take part in weekly group meetings with a leader.',
    },
  },
  // The "När:" field answered with a deferral rather than a placeholder token.
  {
    code: 'FU2',
    section: 'follow_up_evaluation',
    sv: {
      pass: 'Vad vi följer upp: antal deltagare. Vem: samordnaren sammanställer siffrorna och vi går igenom dem tillsammans i styrgruppen.\n\nNär: varje år i juni.',
      fail: 'Vad vi följer upp: antal deltagare. Vem: samordnaren sammanställer siffrorna och vi går igenom dem tillsammans i styrgruppen.\n\nNär: bestäms senare av styrgruppen.',
    },
    en: {
      pass: 'What we follow up: number of participants. Who: the coordinator collects the numbers and we discuss them together in the steering group.\n\nWhen: every year in June.',
      fail: 'What we follow up: number of participants. Who: the coordinator collects the numbers and we discuss them together in the steering group.\n\nWhen: to be decided by the steering group later.',
    },
  },
  // A numbered clause about reviewing the risk list is not a risk without a handling.
  {
    code: 'RK2',
    section: 'risk_and_crunch_questions',
    sv: {
      pass: '12.1 Risk att kommunens budget minskar. Hantering: styrgruppen tar upp frågan vid översynen.\n\n12.2 Risk att de frivilliga blir för få. Hantering: föreningen rekryterar varje höst.\n\n12.3 Risklistan gås igenom vid varje styrgruppsmöte.',
      fail: '12.1 Risk att kommunens budget minskar. Hantering: styrgruppen tar upp frågan vid översynen.\n\n12.2 Risk att de frivilliga blir för få.\n\n12.3 Risklistan gås igenom vid varje styrgruppsmöte.',
    },
    en: {
      pass: '10.1 Risk: the budget is cut. Mitigation: the steering group agrees on priorities.\n\n10.2 Risk: volunteers leave. Mitigation: the association recruits every autumn.\n\n10.3 The risks are reviewed at every steering group meeting.',
      fail: '10.1 Risk: the budget is cut. Mitigation: the steering group agrees on priorities.\n\n10.2 Volunteers leave the association.\n\n10.3 The risks are reviewed at every steering group meeting.',
    },
  },
]
