import { request } from '../api.ts'
import type { DecisionResult, Suggestion, SuggestionDecision } from '../../schema/suggestion-types.ts'

export type { DecisionResult, Suggestion, SuggestionDecision } from '../../schema/suggestion-types.ts'

const base = (id: string): string => `/api/agreements/${encodeURIComponent(id)}/suggestions`

/** The suggestion routes of ARCHITECTURE.md, typed. */
export const suggestionsApi = {
  list: (id: string) => request<{ suggestions: Suggestion[] }>('GET', base(id)).then((r) => r.suggestions),
  create: (id: string, input: { anchor: { start: string; end: string }; originalText: string; text: string }) => request<Suggestion>('POST', base(id), input),
  decide: (id: string, decision: SuggestionDecision, ids: string[]) => request<{ results: DecisionResult[] }>('POST', `${base(id)}/decide`, { decision, ids }).then((r) => r.results),
  undoAccept: (id: string, suggestionId: string) => request<Suggestion>('POST', `${base(id)}/${encodeURIComponent(suggestionId)}/undo-accept`, {}),
  withdraw: (id: string, suggestionId: string) => request<Suggestion>('POST', `${base(id)}/${encodeURIComponent(suggestionId)}/withdraw`, {}),
}
