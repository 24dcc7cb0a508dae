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
]
