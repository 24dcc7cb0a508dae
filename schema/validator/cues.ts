import type { SectionId } from '../sections.ts'
import { u } from './text.ts'
import { CHANNEL_CUE, eitherCue } from './involvement.ts'

/**
 * Vocabulary that links text to sections, in Swedish and English. Heading cues are a first signal for
 * the block under a heading; content cues decide on their own, so a section is found under any heading
 * (SECTIONS.md §1 "Detection: content, not headings").
 */

/** Matched against a normalised heading with numbering removed. A heading may name several sections. */
export const HEADING_CUES: Record<SectionId, RegExp> = {
  parties_and_mandates: u(/\b(?:parter|parterna|avtalsparter|parties|contracting part|firmatecknare|vilka är vi|who we are|between whom|mellan vilka|mandat\b)|\bpart(?:er)? och\b/),
  societal_challenge: u(
    /\b(?:varför (?:gör vi|behövs)|why (?:we|are we|this)|bakgrund|samhällsutmaning|utmaning|nuläge|behov|problembeskrivning|problembild|utgångspunkt|background|challenge|the need|context|problem|varför behövs|why this)/,
  ),
  purpose_and_goals: u(/\b(?:uppnå|åstadkomma|achieve|syfte|mål\b|målen\b|målsättning|effektmål|purpose|objective|goals?\b|aims?\b|vad vill vi|vad vi vill|what we want)/),
  activities: u(
    /\b(?:verksamhet|insatser|aktiviteter|åtaganden|vad vi gör|vad gör vi|vem gör vad|så här gör vi|så gör vi|activities|commitments|what we do|who does what|how we work|services|tjänster)/,
  ),
  ownership_and_costs: u(
    /\b(?:kostnader|kostnaderna|vem bokför|bokför|ägarskap|ägande|kostnadsansvar|ansvar (?:och|för) kostnader|ansvarsfördelning och kostnader|huvudmannaskap|bokförs|vem betalar|ownership|cost responsibility|costs?\b(?! and budget)|who pays)/,
  ),
  budget_and_resources: u(/\b(?:ekonomi|finansiering|budget|resurser|ersättning|ekonomiska villkor|parternas insatser|pengar|financ|funding|resources|money)/),
  governance: u(
    /\b(?:organisation|styrning|styrgrupp|ledningsgrupp|samverkansorganisation|ledning och samordning|governance|organi[sz]ation|steering|management|hur vi styr|who decides|vem bestämmer|beslutsfattande|decision-making)/,
  ),
  meeting_cadence: u(/\b(?:möten|mötes|mötesstruktur|mötesformer|dialog|samverkansmöten|meetings?|meeting schedule|hur ofta|how often)/),
  learning_goals: u(/\b(?:lärandemål|lärande|lära|kunskapsutveckling|learning|what we want to learn|vad vill vi lära)/),
  follow_up_evaluation: u(/\b(?:uppföljning|utvärdering|återrapportering|redovisning|follow-up|follow up|evaluation|monitoring|reporting|hur vet vi|how do we know)/),
  target_group_involvement: u(
    /\b(?:brukarinflytande|brukarmedverkan|deltagarinflytande|\w+s (?:delaktighet|inflytande|röst|röster)|delaktighet|inflytande|(?:själva )?vara med\b|\w*råd\b|\w*panel\w*|user involvement|participation|involvement|voice|influence|have a say|take part in decisions)/,
  ),
  risk_and_crunch_questions: u(
    /\b(?:risk|risker|riskanalys|riskhantering|knäckfråg|kritiska frågor|risks?\b|risk management|crunch|what could go wrong|what can go wrong|vad kan gå fel|kan gå (?:fel|snett)|går (?:fel|snett)|if things go wrong|om något händer)/,
  ),
  renegotiation: u(
    /\b(?:omförhandling|översyn|revidering|omvärldsbevakning|ändringar och omförhandling|se över|ses över|vill vi ändra|ändra något|renegotiation|review of the agreement|revision|review|changing the agreement)/,
  ),
  duration: u(/\b(?:avtalstid|avtalsperiod|giltighetstid|giltighet|period of validity|duration|term\b|löptid|hur länge|how long)/),
  termination: u(
    /\b(?:notice|end the agreement|avsluta överenskommelsen|uppsägning|avveckling|upphörande|avslut|hävning|skilsmässa|termination|wind-down|winding down|exit|om vi vill sluta|ending the)/,
  ),
  legal_basis: u(/\b(?:juridisk|rättslig|samverkansform|upphandling|statsstöd|legal|procurement|state aid|why iop|varför iop)/),
  dispute_resolution: u(/\b(?:tvist|tvister|tvistlösning|dispute|disagree\w*|oenighet|oense|konflikter|(?:inte|ej) (?:är )?överens|meningsskiljaktighet\w*)/),
  personal_data: u(/\b(?:personuppgift|sekretess|tystnadsplikt|dataskydd|gdpr|personal data|data protection|confidentiality|privacy)/),
  signatures: u(/\b(?:underskrift|undertecknande|signatur|signature|execution|signing|signed)/),
}

/** Headings recognised but not checked (SECTIONS.md §3.20); they end a heading's scope without noise. */
export const NEUTRAL_HEADING = u(
  /\b(?:värdegrund|definitioner|definitions|bilagor|bilaga|appendix|annex|kommunikation|marknadsföring|försäkring|insurance|arbetsmiljö|övrigt|other|miscellaneous|ändringar och tillägg|amendments|innehåll|contents)\b/,
)

/**
 * Content cues: a block matching one of these carries that section's substance wherever it stands.
 * They are deliberately specific; a cue that fires on ordinary prose would turn "missing" into
 * "incomplete" all over the document.
 *
 * A cue's pattern runs only on blocks holding one of its alternatives' first words, listed in
 * cue-index.ts (FIRST_WORDS): a new alternative needs its first word there too, or it is never tried
 * (test/unit/validator/cue-index.test.ts catches most omissions).
 */
export const CONTENT_CUES: Record<SectionId, RegExp> = {
  parties_and_mandates: u(
    /\b(?:(?:agreement|överenskommelse|avtal|partnership|partnerskap)\w* [^.]{0,40}\b(?:between|mellan)|parter i (?:denna|detta)|överenskommelsen ingås mellan|ingås mellan|företräds av|represented by|acting through|is entered into (?:by|between)|the parties to this|parterna är|parties are|org\.? ?nr|organisationsnummer|firmatecknare)\b/,
  ),
  societal_challenge: u(
    /\b(?:(?:neither party|no party|none of the parties|neither of us|none of us|ingen av parterna|ingen av oss|ingen part) (?:can|could|kan|klarar)|(?:kan|can) (?:bara|only) (?:lösas|be solved)|(?:years?|grades?|årskurs|åk) \d{1,2} (?:to|till|och|and|–|-) \d{1,2}|riktar sig (?:till|mot)|is aimed at|the target group|målgruppen (?:för (?:partnerskapet|verksamheten|insatsen|insatserna|överenskommelsen|projektet) )?(?:är|utgörs)|samhällsutmaning|problembild|utmaningen|behovet av|the challenge|the problem|statistik visar|enligt (?:scb|statistik|kartläggning)|according to|kartläggning|the beneficiaries|beneficiaries of|i åldern \d+|aged \d+|(?:mellan|between) \d+ (?:och|and) \d+ (?:år|years))\b/,
  ),
  purpose_and_goals: u(
    /\b(?:(?:our|the) (?:shared|common|joint) (?:aim|purpose)|(?:vårt|det) gemensamma syfte(?:t)?|(?:senast|by) (?:the end of )?(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october) 20\d\d|vi vill att|the aim of|our aim|vår vision|our vision|(?:senast|by(?: the end of)?) (?:år )?20\d\d|syftet? (?:med|är)|partnerskapets syfte|syftar till|the purpose|purpose of|aims to|målet är|målen är|ska uppge|effektmål|goal is|goals are|objectives? (?:is|are))\b/,
  ),
  activities: u(
    /\b(?:verksamheten omfattar|insatserna|aktiviteterna|partnerskapet omfattar|driver|bedriver|anordnar|erbjuder|genomför|arrangerar|carries out|delivers|offers|activities|runs|operates|organi[sz]es|provides|genomförs|drivs|bedrivs|körs|ordnar|ordnas|upplåter|leds av|(?:is|are) (?:driven|run|led) by|anordnas|erbjuds|arrangeras|(?:shall|will) (?:operate|provide|hold|run|deliver|offer|organi[sz]e|carry out|arrange|host)|ansvarar (?:också |även |dessutom )?för)\b/,
  ),
  ownership_and_costs: u(
    /\b(?:bokförs|bokför|kostnadsansvar|huvudman|äger verksamheten|books? (?:the |its )?costs?|costs? (?:are|is) booked|owns the activity|bär (?:sina egna |egna |de |sina )?kostnader)/,
  ),
  budget_and_resources: u(
    /\b(?:tillskjuter|bidrar med|ersättning|bidraget|budget|finansier|utbetalning|ideell tid|ideella timmar|medfinansier|contributes?|grant|funding|co-financ|volunteer hours)\b|\d\s?(?:kr|kronor|sek|tkr|mkr)\b|\bsek \d/,
  ),
  governance: u(
    /\b(?:styrgrupp|ledningsgrupp|samverkansgrupp|arbetsgrupp|samordnargrupp|steering (?:group|committee|board)|management group|working group|coordination group|i samförstånd|konsensus|consensus)/,
  ),
  meeting_cadence: u(/\b(?:möts|träffas|sammanträder|meets|will meet|meet (?:every|once|twice|\w+ times))\b/),
  learning_goals: u(/\b(?:lärandemål|lära sig|lära oss|lärande|learning goal|learn|learning)\b/),
  follow_up_evaluation: u(
    /\b(?:för statistik|statistik över|keeps? (?:statistics|records)|statistics on|siffror(?:na)? över|sammanställer (?:statistiken|siffrorna|resultaten|uppgifterna)|compiles? the (?:statistics|figures|numbers|results)|följs upp|enkät\w*|survey|attendance|indikator\w*|indicators?|följa upp|följer upp|uppföljning|utvärder|återrapport|followed up|follow-up|follow up|evaluat|monitor)/,
  ),
  // Only ever tested, never searched for a position: "a word ending in -råd/-panel" is written as the
  // ending alone, which matches exactly when the word does and spares V8 a backtracking `\w*` per word.
  target_group_involvement: eitherCue(
    u(
      /(?:panel|panelen|rådet|råd)\b[^.]{0,80}\b(?:träffas|möts|meets|lämnar förslag|föreslår|ger råd|advises?|gives advice|beslutar|decides)\b|\b(?:fokussamtal|fokusgrupp\w*|focus groups?|(?:guests|participants|users|youth|children|residents|tenants|members)['’]? council|brukarråd|deltagarråd|ungdomsråd|barnråd|elevråd|föräldraråd|kvinnoråd|brukarinflytande|deltagarinflytande|brukarmedverkan|youth council|participants' council|children's council|user council|user involvement|representanter för (?:deltagarna|målgruppen|brukarna)|representatives of the (?:participants|target group|users)|(?:reference groups?|referensgrupp(?:en|er)?)\b[^.]{0,100}\b(?:advises?|ger råd|föreslår|lämnar (?:förslag|synpunkter)))\b/,
    ),
    CHANNEL_CUE,
  ),
  // A conditional with an adverse change is how risks are written when nobody calls them risks.
  risk_and_crunch_questions: u(
    /\b(?:risk|risken|risker|riskerna|knäckfråg\w*|risks?)\b|\b(?:om|if) [^.;]{3,80}?\b(?:minskar|upphör|försvinner|förändras|slutar|dras in|krockar|skärs ned|sägs upp|drops? out|is cut|are cut|is reduced|are reduced|decreases?|ends|leaves?|loses?)\b|\bkan (?:krocka|komma i konflikt|gå fel|gå snett)\b|\b(?:could|can|may|might) (?:go wrong|be cut|be reduced|be withdrawn)\b|\b(?:could|may|might) conflict\b/,
  ),
  renegotiation: u(
    /\b(?:går (?:vi |parterna |styrgruppen )?igenom (?:hela )?(?:överenskommelsen|avtalet)|(?:review|go through) the (?:whole )?agreement|(?:agreement|överenskommelsen|avtalet) (?:is |will be |shall be |ska |skall )?(?:reviewed|revised|renegotiated|ses över|revideras|omförhandlas|prövas)|omförhandl|omvärldsbevakning|översyn av (?:överenskommelsen|avtalet)|ses över|revideras|renegotiat|review(?:ed)? (?:of )?the agreement|(?:agreement|överenskommelsen|avtalet)\b[^.]{0,80}\b(?:reviewed|revised|revideras|omprövas))/,
  ),
  duration: u(
    /\b(?:applies (?:from|until)|takes effect|in force from|gäller (?:från|fr\.o\.m|under|till)|avtalstid|avtalsperiod|giltig|löper|förlängas|förlängning|runs from|valid (?:from|until)|term of|is in force|extended|(?:enters?|entered|come|comes) into force|remains? in force|träder i kraft|gäller (?:t\.o\.m|till och med))/,
  ),
  termination: u(/\b(?:notice|end the agreement|avsluta överenskommelsen|uppsägning|säga upp|sägs upp|avveckl|varsel|notice period|terminat|wind-down|winding down|give notice)/),
  legal_basis: u(/\b(?:upphandling|lou\b|statsstöd|de minimis|procurement|state aid|valt iop|chose iop|val av samverkansform|kommunallagen)/),
  dispute_resolution: u(/\b(?:oense|oeniga|disagree|tvist|oenighet|meningsskiljaktighet\w*|disagreements?|allmän domstol|tingsrätt|medling|dispute|court|mediation|arbitration)/),
  personal_data: u(/\b(?:personuppgift|sekretess|tystnadsplikt|dataskydd|gdpr|personal data|confidential|data protection|data controller)/),
  signatures: u(
    /^(?:för|for) [^:]{3,80}:[^.]*\b(?:datum|date|ort|place|signature|underskrift|namnförtydligande)\b|\b(?:undertecknas|underskrift|namnförtydligande|ort och datum|signed by|signature|för \S+ kommun:?$)/,
  ),
}

/**
 * More heading vocabulary, tried after HEADING_CUES: word stems, question and "we" forms that writing
 * groups use instead of the formal titles ("Why?", "Vad vi ser", "Us", "How we steer", "Om någon vill
 * sluta"). Word lists and single `\w*` stems only, so nothing can backtrack on a long heading.
 */
export const HEADING_SYNONYMS: Partial<Record<SectionId, RegExp>> = {
  parties_and_mandates: u(
    /^(?:us|we|vi|the partners|partners|parterna|avtalsparter\w*)\??$|\b(?:who is involved|who's involved|who are we|vilka vi är|vi som står bakom|who we are|partners and mandates|parter\w*)\b/,
  ),
  societal_challenge: u(
    /^(?:why|varför)\??$|\b(?:det (?:här )?vi ser|därför gör vi|what we see|vad vi ser|vad ser vi|what do we see|utgångsläg\w*|nuläg\w*|situation\w*|läget|starting point|where we start|bakgrund\w*|behov\w*|needs?)\b/,
  ),
  purpose_and_goals: u(
    /^(?:det|allt) (?:vi vill|vi vill uppnå|vi vill åstadkomma)$|^what we (?:want|want to achieve|hope for)$|\b(?:ändamål\w*|vart (?:vi vill|vill vi)|aiming|aim for|what we hope|vision\w*|syft\w*|målsättning\w*|objectives?|goals?)\b/,
  ),
  activities: u(
    /\b(?:det (?:här )?vi gör|det här gör vi|det (?:här )?vi ska göra|undertaking\w*|what we (?:will|shall) do|vad (?:vi ska|ska vi) göra|vad vi gör|uppdrag\w*|insats\w*|tasks?|åtagand\w*|verksamhet\w*|aktivitet\w*)\b/,
  ),
  budget_and_resources: u(/\b(?:ekonomi\w*|bidrag\w*|contribution\w*|what we put in|vad vi lägger in|lägger \w+ in|medel|finans\w*|pengar)\b/),
  governance: u(
    /\b(?:styr\w*|steer\w*|runt bordet|around the table|hur bestämmer vi|hur vi bestämmer|så bestämmer vi|how (?:we|do we) decide|vem bestämmer|ledning\w*|leadership|organi[sz]ation\w*)\b/,
  ),
  meeting_cadence: u(/\b(?:möte\w*|träff\w*|när vi ses|when we meet|how often we meet|sammanträd\w*)\b/),
  learning_goals: u(/\b(?:lär\w*|learn\w*)\b/),
  follow_up_evaluation: u(
    /\b(?:följ(?:er|s|a)? (?:vi |parterna |det )?upp|hur går det|(?:hur|så) vet vi (?:om|att)|check\w* (?:on )?progress|follow(?:s|ing)? (?:it )?up|keep(?:ing)? track|checking|how it goes|how it is going|hur det går|går det bra|resultat\w*|results?|mät\w*|measur\w*|uppfölj\w*|utvärder\w*|evaluat\w*|monitor\w*)\b/,
  ),
  target_group_involvement: u(/['’]s? say$|\b(?:involving|voice|röst\w*|lyssna\w*|listening|medverkan|medskapande|co-creation|have a say|säga sitt|tycka till)\b/),
  risk_and_crunch_questions: u(/\b(?:inte går som planerat|not go(?:es)? (?:as planned|to plan)|what if|tänk om|osäkerhet\w*|uncertaint\w*|threats?|hot mot|går snett|goes wrong|go wrong)\b/),
  renegotiation: u(/\b(?:the agreement again|avtalet igen|överenskommelsen igen|ompröv\w*|uppdater\w*|updating|revisit\w*|revider\w*|ändra något|change something|changes to the agreement)\b/),
  duration: u(/\b(?:tidsram\w*|time ?frame|giltig\w*|validity|period|when it (?:starts|applies)|när gäller|hur länge|how long)\b/),
  termination: u(
    /\b(?:(?:samarbetet|partnerskapet|överenskommelsen|avtalet) (?:tar slut|upphör|avslutas)|(?:partnership|agreement|cooperation) (?:ends|is ended|comes to an end)|wants? out|wants? to leave|vill (?:sluta|hoppa av|kliva av|lämna)|om någon vill|ending\w*|avslut\w*|säga upp|uppsäg\w*|leaving)\b/,
  ),
  legal_basis: u(/\b(?:why (?:an )?iop|varför (?:ett )?iop|valt (?:ett )?iop|chose (?:an )?iop|chosen (?:an )?iop|val av iop|choice of iop|lagrum|rättsgrund\w*|rättslig\w*|juridi\w*)\b/),
  dispute_resolution: u(/\b(?:conflict\w*|konflikt\w*|oense|tvist\w*|när vi inte är överens|if we disagree)\b/),
  personal_data: u(/\b(?:uppgifter om|information about|personal information|integritet\w*|data)\b/),
  signatures: u(/\b(?:godkännande|sign\w*|underteckn\w*|underskrift\w*|ort och datum)\b/),
}
