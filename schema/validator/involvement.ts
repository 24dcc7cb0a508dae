/**
 * How writing groups describe the target group's say in the partnership (TG1, TG2) when they do not use
 * the words "council", "panel" or "brukarråd": the people take seats in a group, meet in a meeting of
 * their own ("brukarträff", "house meeting", "byastämman"), or are said to give their views ("lämnar
 * synpunkter", "tycker till", "are consulted", "feedback from the residents"). Word lists with bounded
 * gaps only, so nothing backtracks on long text.
 */
import { u } from './text.ts'

/** Nouns for the people a partnership serves, as the subject of a sentence about their say. */
const PEOPLE = String.raw`deltagar(?:e|na|nas)|brukar(?:e|na|nas)|boende|de boende|resenär(?:er|erna)|besökar(?:e|na)|hyresgäst(?:er|erna)|användar(?:e|na)|byabor(?:na)?|invånar(?:e|na)|ungdomar(?:na)?|eleverna|föräldrar(?:na)?|anhöriga|participants|residents|users|tenants|visitors|patients|guests|young people|passengers|parents|families|pupils|students|children|barnen|elever|the people we serve`

/** Saying what they think, in words that make the people the ones heard. */
const VOICE = String.raw`lämna(?:r)? (?:sina )?(?:synpunkter|förslag)|kommer? med (?:synpunkter|förslag)|tycka till|tycker till|säga sitt|säger sitt|(?:vara|är) med och (?:bestämma|bestämmer|planera|planerar|forma|formar|påverka|påverkar|utforma|utformar|ta fram|tar fram)|påverka(?:r)? (?:planering\w*|innehåll\w*|utformning\w*|verksamhet\w*)|give (?:their )?(?:feedback|views|input|suggestions)|gives? feedback|raise (?:proposals|issues|suggestions)|make proposals|have a say|has a say|have their say|say what works|säg(?:a|er) vad (?:de|hen|han|hon) (?:vill|tycker|tror|behöver)|tells? us (?:what|how)|say what (?:they|he|she) (?:want|think|need)s?|(?:are|is|will be|shall be) consulted|help (?:to )?(?:plan|design|shape|decide)`

const OWN_MEETING_PREFIXES = ['brukar', 'deltagar', 'användar', 'boende', 'hus', 'resenärs', 'besökar', 'hyresgäst', 'patient', 'anhörig', 'föräldra', 'elev', 'bya']

/** Meetings of the people themselves: "brukarträff", "deltagarmöte", "husmöte", "byastämman", "house meeting". */
const OWN_MEETING = String.raw`(?:${OWN_MEETING_PREFIXES.join('|')})(?:träff|träffen|träffar|träffarna|möte|mötet|möten|mötena|stämma|stämman|stämmor)|(?:house|residents|tenants|participants|users|visitors|patients|guests)['’]? (?:meetings?|assembly|assemblies|forum)`

/**
 * The channel, read inside the involvement section (TG1): an own meeting, feedback from the people, an
 * invitation, or seats for them in a group or its meetings ("sitter med i samordningsgruppen", "take part in the
 * operational group's meeting"). Taking part is a seat only in a named body or its meetings: "participants
 * take part in weekly group meetings" is the activity itself. The section's heading already says whose seats these are.
 */
export const CHANNEL = u(
  new RegExp(
    String.raw`\b(?:${OWN_MEETING}|(?:feedback|synpunkter|input|views|förslag) (?:från|from) (?:the )?(?:${PEOPLE})|bjuder (?:\w+ ){1,2}in|(?:sitter (?:med )?i|sitter med på|ingår i|är en del av|(?:are|is) (?:a )?part of|sits? (?:in|on)|are members of)\b[^.]{0,40}(?:grupp|gruppen|gruppens|group|groups|committee|board|styrelse|styrelsen)\b|(?:är med (?:på|i)|deltar i|takes? part in|attends?)\b[^.]{0,40}(?:gruppens|gruppen|group's|(?:styr|arbets|samverkans|samordnings|planerings|lednings)grupp\w*|(?:working|steering|planning|operational|coordination|management) (?:group|committee)|its meetings|their meetings|dess möten|deras möten)\b)`,
  ),
)

/** The people's say in words ("lämnar synpunkter", "är med och planerar", "give feedback"): a channel only with an occasion. */
export const VOICE_WORDS = u(new RegExp(String.raw`\b(?:${VOICE})\b`))

/**
 * The same channel as a content cue, found anywhere in a draft without a heading of its own: stricter,
 * because the people must be named and the words must say they are heard. A sentence about a survey is
 * outcome follow-up, not involvement (SECTIONS.md §3.11), and is left alone (the pattern looks for
 * the words of their say first and only then, behind them, for the people and a survey: every look-around is
 * bounded and runs only where those words stand).
 */
export const CHANNEL_CUE = u(
  new RegExp(
    String.raw`\b(?:${OWN_MEETING}|(?:feedback|synpunkter|input) (?:från|from) (?:the )?(?:${PEOPLE})|(?:${VOICE}|(?:sitter (?:med )?i|sit (?:in|on) the)\b[^.]{0,30}(?:grupp|gruppen|styrelse|styrelsen|group|board|committee)\b|(?:väljer|utser|elect|elects|choose|appoint) (?:\w+ )?(?:representant\w*|representatives?|ombud|delegates?))(?<=\b(?:${PEOPLE})\b[^.]{0,120})(?<!(?:enkät|survey|questionnaire)[^.]{0,160})(?![^.]{0,100}(?:enkät|survey|questionnaire)))\b`,
  ),
)

/** A content cue widened by another compiled one (both from `u()`, so their sources join as alternatives). */
export function eitherCue(a: RegExp, b: RegExp): RegExp {
  return new RegExp(`${a.source}|${b.source}`, a.flags)
}

/** An outcome survey: how satisfied people were is follow-up, not a say in planning. */
export const SURVEY = u(/\b(?:enkät\w*|survey\w*|questionnaire\w*|frågeformulär\w*)\b/)

/** First words of CHANNEL_CUE for the cue index (cue-index.ts syntax). */
export const CHANNEL_CUE_WORDS = [
  // The meeting compounds by their own start ("husmöte", not every "hus…" word such as "hushåll").
  OWN_MEETING_PREFIXES.flatMap((p) => [`${p}träff`, `${p}möte`, `${p}stämm`]).join(' '),
  'brukar deltagar användar boende resenär besökar',
  'house$ residents participants users tenants visitors patients guests',
  'feedback$ synpunkter$ input$ de+boende byabor invånar ungdomar eleverna$ föräldrar anhöriga$ young+people passengers$ parents$ families$ pupils$ students$ children$ barnen$ elever$ the+people',
].join(' ')
