/** The register's languages: Belgium's two main official languages, and English for everyone else. */
export const LANGUAGES = ['nl', 'fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

/**
 * Every text of the register's pages, in each language. The committee's own
 * texts (titles, legal bases, purposes, partners' names) are in English in
 * authz-policies/ and are shown as they are, marked as English.
 */
const labels = {
  siteTitle: {
    nl: 'Openbaar register van de machtigingen van het Informatieveiligheidscomité',
    fr: 'Registre public des autorisations du Comité de sécurité de l’information',
    en: 'Public register of the authorizations of the Information Security Committee',
  },
  skip: { nl: 'Naar de inhoud', fr: 'Aller au contenu', en: 'Skip to the content' },
  navLabel: { nl: 'Register', fr: 'Registre', en: 'Register' },
  languageLabel: { nl: 'Taal', fr: 'Langue', en: 'Language' },
  navAuthorizations: { nl: 'Machtigingen', fr: 'Autorisations', en: 'Authorizations' },
  navPartners: { nl: 'Per partner', fr: 'Par partenaire', en: 'By partner' },
  navData: { nl: 'Per soort gegevens', fr: 'Par type de données', en: 'By kind of data' },
  intro: {
    nl: 'Elke uitwisseling van persoonsgegevens via Crossroads steunt op een machtiging van het Informatieveiligheidscomité: deze partner mag deze gegevens lezen, voor dit doeleinde, in deze periode. Dit register toont ze allemaal, ook de verlopen machtigingen.',
    fr: 'Tout échange de données à caractère personnel par Crossroads repose sur une autorisation du Comité de sécurité de l’information : ce partenaire peut lire ces données, pour cette finalité, pendant cette période. Ce registre les montre toutes, y compris les autorisations expirées.',
    en: 'Every exchange of personal data through Crossroads rests on an authorization of the Information Security Committee: this partner may read these data, for this purpose, during this period. This register shows all of them, expired ones included.',
  },
  statusAsOf: {
    nl: 'Status op {date}, de dag waarop dit register werd aangemaakt.',
    fr: 'Statut au {date}, jour où ce registre a été généré.',
    en: 'Status on {date}, the day this register was generated.',
  },
  englishTexts: {
    nl: 'De teksten van het comité (titels, rechtsgronden, doeleinden, namen van de partners) staan in dit register in het Engels.',
    fr: 'Les textes du comité (titres, bases légales, finalités, noms des partenaires) figurent en anglais dans ce registre.',
    en: 'The committee’s texts (titles, legal bases, purposes, partners’ names) are in English in this register.',
  },
  searchHeading: { nl: 'Zoeken', fr: 'Rechercher', en: 'Search' },
  searchLabel: {
    nl: 'Zoek op partner, doeleinde, gegeven of nummer',
    fr: 'Rechercher par partenaire, finalité, donnée ou numéro',
    en: 'Search by partner, purpose, data or number',
  },
  searchHint: {
    nl: 'Elk woord moet voorkomen, bv. „capac adres” of „ISC/24/017”.',
    fr: 'Chaque mot doit figurer, p. ex. « capac adresse » ou « ISC/24/017 ».',
    en: 'Every word must appear, e.g. “capac address” or “ISC/24/017”.',
  },
  searchButton: { nl: 'Zoeken', fr: 'Rechercher', en: 'Search' },
  searchCount: {
    nl: '{n} van {total} machtigingen gevonden.',
    fr: '{n} autorisation(s) sur {total} trouvée(s).',
    en: '{n} of {total} authorizations found.',
  },
  allAuthorizations: { nl: 'Alle machtigingen', fr: 'Toutes les autorisations', en: 'All authorizations' },
  statusInForce: { nl: 'Van kracht', fr: 'En vigueur', en: 'In force' },
  statusExpired: { nl: 'Verlopen', fr: 'Expirée', en: 'Expired' },
  statusNotYet: { nl: 'Nog niet van kracht', fr: 'Pas encore en vigueur', en: 'Not yet in force' },
  partner: { nl: 'Partner', fr: 'Partenaire', en: 'Partner' },
  purposes: { nl: 'Doeleinden', fr: 'Finalités', en: 'Purposes' },
  legalBasis: { nl: 'Rechtsgrond', fr: 'Base légale', en: 'Legal basis' },
  validity: { nl: 'Geldigheid', fr: 'Validité', en: 'Validity' },
  status: { nl: 'Status', fr: 'Statut', en: 'Status' },
  validFromUntil: { nl: 'van {from} tot en met {until}', fr: 'du {from} au {until} inclus', en: 'from {from} to {until}, both included' },
  validFromOn: { nl: 'vanaf {from}, zonder einddatum', fr: 'à partir du {from}, sans date de fin', en: 'from {from}, no end date' },
  scope: { nl: 'Betrokken personen', fr: 'Personnes concernées', en: 'Persons concerned' },
  scopeAll: { nl: 'Iedere persoon', fr: 'Toute personne', en: 'Any person' },
  scopeFollowed: {
    nl: 'Alleen de personen die de partner in het verwijzingsrepertorium heeft opgenomen, in deze hoedanigheden:',
    fr: 'Uniquement les personnes que le partenaire a intégrées dans le répertoire des références, dans ces qualités :',
    en: 'Only the persons the partner has integrated in the reference directory, in these capacities:',
  },
  scopeOther: { nl: 'Bereik', fr: 'Portée', en: 'Scope' },
  dataGranted: { nl: 'Toegestane gegevens', fr: 'Données autorisées', en: 'Data granted' },
  dataCount: { nl: '{n} gegevens', fr: '{n} données', en: '{n} data items' },
  columnField: { nl: 'Veld in het schema', fr: 'Champ du schéma', en: 'Field in the schema' },
  columnDescription: {
    nl: 'Beschrijving in het schema (Engels)',
    fr: 'Description dans le schéma (anglais)',
    en: 'Description in the schema',
  },
  columnReach: { nl: 'Hoe ver terug', fr: 'Jusqu’où dans le passé', en: 'How far back' },
  columnGrantedBy: { nl: 'Toegestaan door', fr: 'Autorisé par', en: 'Granted by' },
  descriptionsEnglish: {
    nl: 'De beschrijvingen komen uit het schema van de gegevens, dat alleen in het Engels bestaat; de namen in het Nederlands en het Frans zijn die van het comité.',
    fr: 'Les descriptions proviennent du schéma des données, qui n’existe qu’en anglais ; les noms en néerlandais et en français sont ceux du comité.',
    en: 'The descriptions come from the schema of the data, which exists in English only; the Dutch and French names are the committee’s.',
  },
  noDescription: {
    nl: 'Het schema geeft geen beschrijving.',
    fr: 'Le schéma ne donne pas de description.',
    en: 'The schema gives no description.',
  },
  missingName: {
    nl: '(nog geen naam in het {language})',
    fr: '(pas encore de nom en {language})',
    en: '(no {language} name yet)',
  },
  reachNone: { nl: 'Geen datum', fr: 'Pas de date', en: 'No date' },
  reachWhole: { nl: 'De volledige historiek', fr: 'Tout l’historique', en: 'The whole history' },
  reachMonths: {
    nl: '{argument}: hoogstens {n} maanden terug',
    fr: '{argument} : au plus {n} mois en arrière',
    en: '{argument}: at most {n} months back',
  },
  reachToday: { nl: '{argument}: alleen vandaag', fr: '{argument} : aujourd’hui uniquement', en: '{argument}: today only' },
  reachOmitted: { nl: 'mag weggelaten worden', fr: 'peut être omis', en: 'may be omitted' },
  asJson: { nl: 'Deze machtiging in JSON', fr: 'Cette autorisation en JSON', en: 'This authorization as JSON' },
  indexJson: { nl: 'Het hele register in JSON', fr: 'Tout le registre en JSON', en: 'The whole register as JSON' },
  partnersTitle: { nl: 'Machtigingen per partner', fr: 'Autorisations par partenaire', en: 'Authorizations by partner' },
  noAuthorization: {
    nl: 'Geen machtiging: elk verzoek van deze partner wordt geweigerd.',
    fr: 'Aucune autorisation : toute demande de ce partenaire est refusée.',
    en: 'No authorization: every request of this partner is refused.',
  },
  dataTitle: { nl: 'Machtigingen per soort gegevens', fr: 'Autorisations par type de données', en: 'Authorizations by kind of data' },
  dataIntro: {
    nl: 'Per authentieke bron: welke machtigingen welk gegeven toestaan.',
    fr: 'Par source authentique : quelles autorisations permettent quelle donnée.',
    en: 'By authentic source: which authorizations grant which data.',
  },
  footer: {
    nl: 'Aangemaakt uit authz-policies/ met npm run register.',
    fr: 'Généré à partir de authz-policies/ par npm run register.',
    en: 'Generated from authz-policies/ by npm run register.',
  },
  kind_PAYMENT_INSTITUTION: { nl: 'Uitbetalingsinstelling', fr: 'Organisme de paiement', en: 'Payment institution' },
  kind_FAMILY_ALLOWANCE_FUND: { nl: 'Kinderbijslagfonds', fr: 'Caisse d’allocations familiales', en: 'Family-allowance fund' },
  kind_PENSION_SERVICE: { nl: 'Pensioendienst', fr: 'Service des pensions', en: 'Pension service' },
  kind_PUBLIC_EMPLOYMENT_SERVICE: {
    nl: 'Openbare dienst voor arbeidsbemiddeling',
    fr: 'Service public de l’emploi',
    en: 'Public employment service',
  },
  kind_SOCIAL_INSPECTION: { nl: 'Sociale inspectie', fr: 'Inspection sociale', en: 'Social inspection' },
  kind_SECURITY_OFFICER: {
    nl: 'Informatieveiligheidsconsulent',
    fr: 'Conseiller en sécurité de l’information',
    en: 'Information security officer',
  },
} satisfies Record<string, Record<Lang, string>>;

export type LabelKey = keyof typeof labels;

/** A label in a language, with `{name}` placeholders filled in. */
export function label(lang: Lang, key: LabelKey, values: Record<string, string | number> = {}): string {
  return labels[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The label of a partner kind in every language, or the code itself for a kind the register does not know yet. */
export function kindLabel(lang: Lang, kind: string): string {
  const key = `kind_${kind}`;
  return key in labels ? label(lang, key as LabelKey) : kind;
}

/** Every language's text of a label, for the search index: a search in any language finds the same entries. */
export function allLanguages(key: LabelKey): string[] {
  return LANGUAGES.map((lang) => labels[key][lang]);
}

/** The language names as the missing-name notice uses them: "no Dutch name yet". */
export const LANGUAGE_IN: Record<Lang, Record<Lang, string>> = {
  nl: { nl: 'Nederlands', fr: 'Frans', en: 'Engels' },
  fr: { nl: 'néerlandais', fr: 'français', en: 'anglais' },
  en: { nl: 'Dutch', fr: 'French', en: 'English' },
};
