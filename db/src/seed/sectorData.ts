/**
 * Sectors as employers and workers meet them: a company has one main joint
 * committee (PC/CP), and its manual and non-manual staff may fall under two
 * different ones (a metal company is PC 111 for its workers, PC 209 for its
 * employees). PCs from annex 26 [A]; 1xx are manual, 2xx non-manual, 3xx mixed.
 * Weights are rough shares, enough for the data to feel right, not statistics.
 */

export interface Sector {
  key: string;
  /** The employer's main joint committee. */
  mainPc: string;
  /** PC of the sector's manual workers (null: the sector employs practically none). */
  manualPc: string | null;
  /** PC of its non-manual workers. */
  whitePc: string | null;
  /** Relative number of employers. */
  employers: number;
  /** Relative number of jobs for manual / non-manual workers / students. */
  manualJobs: number;
  whiteJobs: number;
  studentJobs: number;
  /** Non-profit sectors are run by a vzw/ASBL/VoG rather than a company. */
  nonProfit?: boolean;
  /** Flexi-jobs allowed (horeca since 2015, retail since 2018). */
  flexi?: boolean;
  /** Words that name a company of the sector; `{W}` in patterns. */
  words: { nl: readonly string[]; fr: readonly string[]; de: readonly string[] };
  /** Name patterns: `{W}` word, `{S}` surname, `{C}` municipality, `{F}` a house name, `{&}` " & Zonen"/" & Fils". Defaults to "{W} {S}". */
  patterns?: readonly string[];
}

const w = (nl: string, fr: string, de: string) => ({ nl: nl.split(', '), fr: fr.split(', '), de: de.split(', ') });

export const SECTORS: readonly Sector[] = [
  {
    key: 'construction',
    mainPc: '124',
    manualPc: '124',
    whitePc: '200',
    employers: 12,
    manualJobs: 14,
    whiteJobs: 2,
    studentJobs: 1,
    words: w(
      'Bouwbedrijf, Bouwonderneming, Aannemingen, Dakwerken, Renovatie, Schrijnwerkerij',
      'Construction, Entreprise générale, Toitures, Rénovation, Menuiserie',
      'Bauunternehmen, Dachdeckerei, Schreinerei',
    ),
  },
  {
    key: 'metal',
    mainPc: '111',
    manualPc: '111',
    whitePc: '209',
    employers: 4,
    manualJobs: 12,
    whiteJobs: 5,
    studentJobs: 1,
    words: w(
      'Metaalconstructie, Staalbouw, Machinebouw, Metaalwerken',
      'Constructions métalliques, Ateliers, Mécanique',
      'Metallbau, Maschinenbau',
    ),
  },
  {
    key: 'electricians',
    mainPc: '149.01',
    manualPc: '149.01',
    whitePc: '200',
    employers: 3,
    manualJobs: 4,
    whiteJobs: 0.5,
    studentJobs: 0,
    words: w('Elektro, Elektriciteitswerken, Elektrotechniek', 'Électricité, Installations électriques', 'Elektro'),
  },
  {
    key: 'chemicals',
    mainPc: '116',
    manualPc: '116',
    whitePc: '207',
    employers: 1,
    manualJobs: 3,
    whiteJobs: 4,
    studentJobs: 0.5,
    words: w('Chemie, Coatings, Kunststoffen', 'Chimie, Plastiques, Peintures', 'Chemie, Kunststoffe'),
    patterns: ['{S} {W}', '{W} {S}'],
  },
  {
    key: 'foodIndustry',
    mainPc: '118',
    manualPc: '118',
    whitePc: '220',
    employers: 3,
    manualJobs: 9,
    whiteJobs: 2,
    studentJobs: 3,
    words: w(
      'Bakkerij, Vleeswaren, Brouwerij, Zuivel, Chocolaterie, Groenteverwerking',
      'Boulangerie, Biscuiterie, Brasserie, Laiterie, Chocolaterie, Salaisons',
      'Bäckerei, Brauerei, Molkerei',
    ),
  },
  {
    key: 'foodTrade',
    mainPc: '119',
    manualPc: '119',
    whitePc: '200',
    employers: 2,
    manualJobs: 2,
    whiteJobs: 1,
    studentJobs: 1,
    words: w(
      'Groothandel, Voedingshandel, Drankencentrale',
      'Grossiste, Distribution alimentaire, Dépôt de boissons',
      'Großhandel, Getränkehandel',
    ),
  },
  {
    key: 'cleaning',
    mainPc: '121',
    manualPc: '121',
    whitePc: '200',
    employers: 2,
    manualJobs: 8,
    whiteJobs: 0.5,
    studentJobs: 0.5,
    words: w('Schoonmaak, Reiniging, Glazenwasserij', 'Nettoyage, Entretien', 'Reinigung, Gebäudereinigung'),
  },
  {
    key: 'roadHaulage',
    mainPc: '140.03',
    manualPc: '140.03',
    whitePc: '226',
    employers: 5,
    manualJobs: 8,
    whiteJobs: 2,
    studentJobs: 1,
    words: w('Transport, Transporten, Logistiek', 'Transports, Logistique', 'Transporte, Spedition'),
  },
  {
    key: 'agriculture',
    mainPc: '144',
    manualPc: '144',
    whitePc: '200',
    employers: 2,
    manualJobs: 2,
    whiteJobs: 0,
    studentJobs: 0.5,
    words: w('Landbouwbedrijf, Hoeve, Melkveebedrijf', 'Ferme, Exploitation agricole', 'Landwirtschaft, Hof'),
  },
  {
    key: 'horticulture',
    mainPc: '145',
    manualPc: '145',
    whitePc: '200',
    employers: 2,
    manualJobs: 3,
    whiteJobs: 0,
    studentJobs: 2,
    words: w(
      'Fruitbedrijf, Boomkwekerij, Tuinbouw, Serreteelt, Tuinaanleg',
      'Horticulture, Pépinières, Vergers, Parcs et jardins',
      'Gartenbau, Baumschule',
    ),
  },
  {
    key: 'auxiliary',
    mainPc: '100',
    manualPc: '100',
    whitePc: '200',
    employers: 3,
    manualJobs: 5,
    whiteJobs: 1,
    studentJobs: 1,
    words: w('Technics, Service, Verhuur', 'Technique, Services, Location', 'Technik, Service'),
    patterns: ['{S}{&}', '{S} {W}'],
  },
  {
    key: 'services',
    mainPc: '200',
    manualPc: null,
    whitePc: '200',
    employers: 15,
    manualJobs: 0,
    whiteJobs: 25,
    studentJobs: 3,
    words: w(
      'Consult, Accountancy, IT Solutions, Services, Engineering, Marketing',
      'Conseil, Fiduciaire, Informatique, Services, Ingénierie',
      'Beratung, Treuhand, Informatik',
    ),
    patterns: ['{S} {W}', '{W} {S}'],
  },
  {
    key: 'independentRetail',
    mainPc: '201',
    manualPc: null,
    whitePc: '201',
    employers: 10,
    manualJobs: 0,
    whiteJobs: 5,
    studentJobs: 5,
    flexi: true,
    words: w(
      'Schoenen, Mode, Boekhandel, Optiek, Bloemen, Fietsen',
      'Chaussures, Mode, Librairie, Optique, Fleurs, Vélos',
      'Schuhe, Mode, Buchhandlung, Optik',
    ),
  },
  {
    key: 'foodRetail',
    mainPc: '202',
    manualPc: null,
    whitePc: '202',
    employers: 3,
    manualJobs: 0,
    whiteJobs: 4,
    studentJobs: 8,
    flexi: true,
    words: w('Supermarkt, Buurtsuper, Voeding', 'Supermarché, Alimentation, Épicerie', 'Supermarkt, Lebensmittel'),
  },
  {
    key: 'logistics',
    mainPc: '226',
    manualPc: null,
    whitePc: '226',
    employers: 2,
    manualJobs: 0,
    whiteJobs: 5,
    studentJobs: 1,
    words: w('International, Trading, Logistics, Shipping', 'Import-Export, International, Logistique', 'International, Logistik'),
    patterns: ['{S} {W}'],
  },
  {
    key: 'horeca',
    mainPc: '302',
    manualPc: '302',
    whitePc: '302',
    employers: 14,
    manualJobs: 9,
    whiteJobs: 1,
    studentJobs: 12,
    flexi: true,
    words: w('Restaurant, Brasserie, Hotel, Taverne, Café', 'Restaurant, Brasserie, Hôtel, Taverne', 'Restaurant, Hotel, Gasthof'),
    patterns: ['{W} {F}', '{W} {F}', '{W} {C}'],
  },
  {
    key: 'banks',
    mainPc: '310',
    manualPc: null,
    whitePc: '310',
    employers: 0.3,
    manualJobs: 0,
    whiteJobs: 5,
    studentJobs: 0.5,
    words: w('Spaarbank, Bank', 'Banque, Caisse d’épargne', 'Bank, Sparkasse'),
    patterns: ['{W} {C}'],
  },
  {
    key: 'largeRetail',
    mainPc: '311',
    manualPc: '311',
    whitePc: '311',
    employers: 1,
    manualJobs: 2,
    whiteJobs: 4,
    studentJobs: 6,
    flexi: true,
    words: w('Warenhuis, Hypermarkt, Doe-het-zelf', 'Grand magasin, Hypermarché, Brico', 'Kaufhaus, Baumarkt'),
    patterns: ['{W} {C}', '{W} {S}'],
  },
  {
    key: 'security',
    mainPc: '317',
    manualPc: '317',
    whitePc: '317',
    employers: 0.3,
    manualJobs: 1,
    whiteJobs: 1,
    studentJobs: 0.5,
    words: w('Bewaking, Security', 'Gardiennage, Sécurité', 'Sicherheit'),
    patterns: ['{S} {W}'],
  },
  {
    key: 'residentialCare',
    mainPc: '319',
    manualPc: '319',
    whitePc: '319',
    employers: 2,
    manualJobs: 1,
    whiteJobs: 5,
    studentJobs: 1,
    nonProfit: true,
    words: w(
      'Kinderdagverblijf, Begeleidingscentrum, Dagcentrum',
      "Crèche, Centre d'hébergement, Service d'accueil",
      'Kindertagesstätte, Wohnheim',
    ),
    patterns: ['{W} {F}'],
  },
  {
    key: 'tempAgency',
    mainPc: '322',
    manualPc: '322',
    whitePc: '322',
    employers: 0.5,
    manualJobs: 10,
    whiteJobs: 4,
    studentJobs: 10,
    words: w('Interim, Uitzendkantoor, Jobs', 'Intérim, Jobs', 'Interim, Zeitarbeit'),
    patterns: ['{W} {C}', '{S} {W}'],
  },
  {
    key: 'serviceVouchers',
    mainPc: '322.01',
    manualPc: '322.01',
    whitePc: '322.01',
    employers: 1,
    manualJobs: 8,
    whiteJobs: 0.5,
    studentJobs: 0,
    words: w('Dienstencheques, Huishoudhulp, Poetsdienst', 'Titres-services, Aide ménagère', 'Dienstleistungsschecks, Haushaltshilfe'),
    patterns: ['{W} {C}', '{W} {S}'],
  },
  {
    key: 'shelteredWork',
    mainPc: '327',
    manualPc: '327',
    whitePc: '327',
    employers: 0.3,
    manualJobs: 3,
    whiteJobs: 0.5,
    studentJobs: 0,
    nonProfit: true,
    words: w('Maatwerkbedrijf', 'Entreprise de travail adapté', 'Beschützende Werkstätte'),
    patterns: ['{W} {F}'],
  },
  {
    key: 'socioCultural',
    mainPc: '329',
    manualPc: '329',
    whitePc: '329',
    employers: 3,
    manualJobs: 0.5,
    whiteJobs: 4,
    studentJobs: 2,
    nonProfit: true,
    words: w(
      'Jeugdhuis, Cultuurcentrum, Vormingscentrum, Sportcentrum',
      'Maison des jeunes, Centre culturel, Centre sportif',
      'Jugendheim, Kulturzentrum',
    ),
    patterns: ['{W} {F}', '{W} {C}'],
  },
  {
    key: 'healthCare',
    mainPc: '330',
    manualPc: '330',
    whitePc: '330',
    employers: 4,
    manualJobs: 4,
    whiteJobs: 14,
    studentJobs: 3,
    nonProfit: true,
    words: w(
      'Woonzorgcentrum, Ziekenhuis, Thuisverpleging, Revalidatiecentrum',
      'Maison de repos, Clinique, Soins à domicile, Centre de revalidation',
      'Seniorenheim, Klinik, Hauskrankenpflege',
    ),
    patterns: ['{W} {F}', '{W} {C}'],
  },
  {
    key: 'liberalProfessions',
    mainPc: '336',
    manualPc: null,
    whitePc: '336',
    employers: 8,
    manualJobs: 0,
    whiteJobs: 4,
    studentJobs: 0.5,
    words: w(
      'Advocatenkantoor, Notariskantoor, Architectenbureau, Dierenartsenpraktijk, Tandartsenpraktijk',
      "Cabinet d'avocats, Étude notariale, Bureau d'architecture, Clinique vétérinaire, Cabinet dentaire",
      'Anwaltskanzlei, Notariat, Architekturbüro',
    ),
  },
  {
    key: 'nonProfit',
    mainPc: '337',
    manualPc: '337',
    whitePc: '337',
    employers: 2,
    manualJobs: 0.5,
    whiteJobs: 3,
    studentJobs: 0.5,
    nonProfit: true,
    words: w('Vereniging, Centrum, Ontmoetingshuis', 'Association, Centre, Maison de quartier', 'Verein, Zentrum'),
    patterns: ['{W} {F}'],
  },
];

/**
 * Share of women among the sector's workers: construction and transport are
 * mostly men, care and service vouchers mostly women. Weights the sector
 * draw by gender.
 */
export const FEMALE_SHARE: Record<string, number> = {
  construction: 0.08,
  metal: 0.12,
  electricians: 0.05,
  chemicals: 0.25,
  foodIndustry: 0.35,
  foodTrade: 0.3,
  cleaning: 0.6,
  roadHaulage: 0.1,
  agriculture: 0.25,
  horticulture: 0.35,
  auxiliary: 0.25,
  services: 0.5,
  independentRetail: 0.7,
  foodRetail: 0.65,
  logistics: 0.35,
  horeca: 0.5,
  banks: 0.5,
  largeRetail: 0.65,
  security: 0.2,
  residentialCare: 0.8,
  tempAgency: 0.4,
  serviceVouchers: 0.95,
  shelteredWork: 0.35,
  socioCultural: 0.6,
  healthCare: 0.8,
  liberalProfessions: 0.7,
  nonProfit: 0.65,
};

/** House names: of an inn (horeca) or of a care home and other non-profits. */
export const HOUSE_NAMES = {
  horeca: w(
    "De Kroon, Het Pleintje, 't Hof, De Zwaan, Ter Duinen, De Gouden Leeuw, Het Wit Paard, De Molen, 't Gildenhuis, De Sportwereld",
    "Le Relais, Le Lion d'Or, La Terrasse, Le Cheval Blanc, L'Étoile, Les Jardins, Le Coin, La Bonne Auberge, Le Saint-Hubert",
    'Zur Post, Am Markt, Zum Hirsch, Lindenhof',
  ),
  care: w(
    'De Regenboog, Het Anker, De Zonnebloem, Sint-Jozef, De Linde, Ter Beuken, Het Veer, De Wingerd, Zonnehoeve, De Vlinder, Ons Huis, Den Olm',
    'Les Tilleuls, Le Bon Accueil, La Clairière, Saint-Joseph, Les Glycines, La Ruche, Les Érables, Le Petit Prince, La Source, Les Aubépines',
    'Sankt Josef, Am Bach, Lindenhof, Sonnenhof',
  ),
};

/** Legal forms since the 2019 Companies Code (BV/SRL replaced BVBA/SPRL); non-profits are vzw/ASBL/VoG. */
export const LEGAL_FORMS = {
  company: { nl: ['BV', 'BV', 'BV', 'NV', 'NV', 'CV'], fr: ['SRL', 'SRL', 'SRL', 'SA', 'SA', 'SC'], de: ['GmbH', 'GmbH', 'AG'] },
  nonProfit: { nl: ['vzw'], fr: ['ASBL'], de: ['VoG'] },
};

/** Sectors with temporary unemployment in the paid window: weather in construction, the 2023–2024 slump in industry. */
export const TEMPORARY_UNEMPLOYMENT_RISK: Record<string, { months: 'WINTER' | 'SLUMP'; employerShare: number; monthChance: number }> = {
  construction: { months: 'WINTER', employerShare: 0.6, monthChance: 0.5 },
  metal: { months: 'SLUMP', employerShare: 0.3, monthChance: 0.35 },
  chemicals: { months: 'SLUMP', employerShare: 0.2, monthChance: 0.3 },
  roadHaulage: { months: 'SLUMP', employerShare: 0.15, monthChance: 0.2 },
  foodIndustry: { months: 'SLUMP', employerShare: 0.05, monthChance: 0.2 },
};
