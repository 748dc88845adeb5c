/**
 * The security committee's authorizations, as loaded from `authz-policies/`.
 * One model for the gateway's preventive check, the subgraphs' graphql-shield
 * rules and the policy cases, so that all three enforce the same thing.
 */

/** Where a value came from in a policy file, for error messages the committee can act on. */
export interface SourceLocation {
  file: string;
  line: number;
}

export type PartnerKind =
  | 'PAYMENT_INSTITUTION'
  | 'FAMILY_ALLOWANCE_FUND'
  | 'PENSION_SERVICE'
  | 'PUBLIC_EMPLOYMENT_SERVICE'
  | 'SOCIAL_INSPECTION'
  | 'SECURITY_OFFICER';

export interface Partner {
  /** Stable client id, the `sub` of its tokens (e.g. `capac`). */
  id: string;
  name: string;
  kind: PartnerKind;
  /** Expected `iss` of its tokens. */
  issuer: string;
  /** Where its public keys are: a JWKS file (relative to authz-policies/) or an https URL. */
  jwks: { file: string } | { url: string };
  /** Its fair-use and operation limits where they differ from the gateway's defaults. */
  limits?: Partial<RequestLimits>;
  /** The capacities (capacities.yaml) in which it may register persons in the reference directory; absent: none. */
  capacities?: string[];
  location: SourceLocation;
}

/**
 * What one caller may send: how often, how many at once, and how large or
 * costly one operation may be. The gateway has defaults; partners.yaml may set
 * any of them per partner.
 */
export interface RequestLimits {
  /** Requests per minute (a fixed window per gateway process). */
  requestsPerMinute: number;
  /** Requests in progress at once. */
  concurrentRequests: number;
  /** Bytes of the GraphQL document. */
  documentBytes: number;
  /** Lexical tokens of the document, counted while parsing. */
  tokens: number;
  /** Nesting of selections. */
  depth: number;
  /** Aliases in the operation, fragments included. */
  aliases: number;
  /** Fields at the root of the operation. */
  rootFields: number;
  /** Directives in the operation. */
  directives: number;
  /** Field selections written in the document (before lists multiply them). */
  fields: number;
  /** Estimated cost: every field reached, lists counted by their length (decision 0016). */
  cost: number;
  /** Persons one request may name, across every alias of `person` and `persons`. */
  persons: number;
}

/** A capacity of the reference directory: in which capacity an institution holds a file on a person. */
export interface Capacity {
  /** e.g. `UNEMPLOYMENT_FILE`. */
  code: string;
  name: { nl: string; fr: string; en: string };
  description: string;
}

export interface Purpose {
  /** e.g. `UNEMPLOYMENT_BENEFIT`. */
  code: string;
  description: string;
}

/** Bounds on a Date argument of a granted field: how far back (or ahead) it may reach. */
export interface DateArgumentBound {
  /** The argument may not be earlier than today minus this many months. */
  notBeforeMonthsAgo?: number;
  /**
   * Whether a request may omit the argument (or pass null). False by default: the
   * check cannot know what a resolver does without it, and for many fields "no
   * value" means "no limit". Set it only where the schema documents that omitting
   * it stays inside the bound (e.g. `Person.address(asOf)`, which then means today).
   */
  allowOmitted?: boolean;
}

export interface FieldGrant {
  field: string;
  /**
   * Per argument name. A field with Date arguments is granted with a bound on
   * each of them, or with `history: 'whole'`: without either, one request per
   * day (aliases, variables) would reach its whole history, so the loader
   * refuses it.
   */
  arguments?: Record<string, DateArgumentBound>;
  /** The deliberation grants the field's whole history: its Date arguments are not bounded. */
  history?: 'whole';
}

export interface Authorization {
  /** e.g. `ISC/24/017`. */
  id: string;
  title: string;
  legalBasis: string;
  /** Partner id. */
  partner: string;
  purposes: string[];
  /** ISO dates, inclusive; `validUntil` null for no end. */
  validFrom: string;
  validUntil: string | null;
  /**
   * Which persons it lets the partner read: `all`, or only those it `followed` in
   * the reference directory on the day of the request, in one of `capacities`.
   */
  scope: 'all' | 'followed';
  /** For scope `followed`: the capacities any one of which suffices; empty for `all`. */
  capacities: string[];
  /** Type name → granted fields. */
  grants: Record<string, FieldGrant[]>;
  location: SourceLocation;
}

export interface PolicySet {
  partners: Map<string, Partner>;
  purposes: Map<string, Purpose>;
  capacities: Map<string, Capacity>;
  authorizations: Authorization[];
  /**
   * Facts worth telling the committee that do not stop the set from loading,
   * e.g. an authorization that has expired. Never used to decide access.
   */
  notices?: { file: string; line: number; message: string }[];
}
