import { randomBytes, randomUUID } from 'node:crypto'
import { buildDocFromTemplate, type ClauseLibrary, type Template } from '../../clause-library/index.ts'
import { newAgreementDoc } from '../../schema/skeleton.ts'
import { CloseCode } from '../../schema/limits.ts'
import type { AgreementMeta, AgreementStore, Lang } from '../storage/store.ts'
import type { DocumentRegistry } from '../sync/registry.ts'
import { canonicalContent, encodeInitialState, setTitle } from './yjs-content.ts'

export interface CreateAgreementInput {
  title: string
  municipality: string
  lang: Lang
  skeleton: boolean
  /** Seeds the document from a template instead of the skeleton, with the library it refers to. */
  template?: { template: Template; library: ClauseLibrary }
}

/** Agreement lifecycle over the store and the live documents, shared by HTTP routes and tools. */
export class AgreementService {
  constructor(
    private readonly store: AgreementStore,
    private readonly registry: DocumentRegistry,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async create(input: CreateAgreementInput): Promise<AgreementMeta> {
    const id = randomBytes(12).toString('base64url')
    // Built here, once, like the skeleton: a client never seeds a document, so two first editors cannot
    // both insert the template. Throws TemplateClauseMissingError before anything is stored.
    const doc = input.template
      ? buildDocFromTemplate(input.template.template, input.template.library, { title: input.title, lang: input.lang, makeUid: randomUUID })
      : newAgreementDoc({ title: input.title, lang: input.lang, skeleton: input.skeleton, makeUid: randomUUID })
    const at = this.now()
    const meta: AgreementMeta = { id, title: input.title, municipality: input.municipality, lang: input.lang, createdAt: at, updatedAt: at }
    await this.store.createAgreement(meta, encodeInitialState(doc), doc.toJSON())
    return meta
  }

  list(): Promise<AgreementMeta[]> {
    return this.store.listAgreements()
  }

  get(id: string): Promise<AgreementMeta | null> {
    return this.store.getAgreement(id)
  }

  /** The current content: live from memory when someone is editing, else the stored canonical JSON. */
  /** The loaded document of an agreement, or null when nobody has it open (then content() reads the store). */
  async liveDoc(id: string): Promise<import('yjs').Doc | null> {
    const live = await this.registry.peek(id)
    return live && !live.isFailed ? live.doc : null
  }

  async content(id: string): Promise<unknown | null> {
    const live = await this.registry.peek(id)
    if (live && !live.isFailed) return canonicalContent(live.doc).json
    return this.store.getCanonical(id)
  }

  async update(id: string, patch: { title?: string; municipality?: string }): Promise<AgreementMeta | null> {
    if (!(await this.store.getAgreement(id))) return null
    if (patch.title !== undefined) {
      const title = patch.title
      // The title lives in the document; editing it there lets every open editor see the rename.
      await this.registry.withDocument(id, (doc) => setTitle(doc.doc, title, 'api'))
    }
    return this.store.updateAgreement(id, patch)
  }

  async delete(id: string): Promise<boolean> {
    await this.registry.closeDocument(id, CloseCode.AgreementNotFound, 'agreement deleted')
    return this.store.deleteAgreement(id)
  }
}
