/**
 * Street names and foreign places. Belgian streets follow the language region
 * of the municipality (a "Kerkstraat" in Flanders, a "Rue de l'Église" in
 * Wallonia, both names of one street in Brussels, a "Kirchstraße" in the
 * German-speaking Community).
 */

const split = (s: string) => s.split(', ');

/** Approximate population in thousands (Statbel, rounded) of the largest municipalities, keyed by NIS code; others count as 14. Only used to weight sampling. */
export const LARGE_MUNICIPALITIES: Record<string, number> = {
  '11002': 540,
  '44021': 268,
  '52011': 203,
  '62063': 197,
  '21004': 196,
  '21015': 131,
  '21001': 126,
  '31005': 119,
  '92094': 113,
  '24062': 104,
  '21012': 98,
  '53053': 96,
  '41002': 90,
  '12025': 88,
  '21009': 87,
  '21016': 85,
  '58001': 81,
  '71022': 80,
  '34022': 80,
  '46021': 80,
  '35013': 72,
  '57081': 69,
  '71016': 67,
  '62096': 64,
  '36015': 64,
  '57096': 60,
  '21018': 58,
  '21007': 57,
  '63079': 55,
  '21010': 53,
  '21013': 50,
  '46003': 50,
  '21005': 48,
  '71004': 47,
  '42006': 46,
  '13040': 46,
  '23088': 46,
  '21006': 43,
  '21019': 42,
  '46014': 42,
  '71053': 41,
  '62051': 40,
  '25112': 35,
  '21002': 34,
  '25121': 32,
  '81001': 31,
  '21014': 27,
};
export const DEFAULT_MUNICIPALITY_WEIGHT = 14;

export const FLEMISH_STREETS = split(
  'Kerkstraat, Stationsstraat, Dorpsstraat, Molenstraat, Nieuwstraat, Schoolstraat, Kapelstraat, Beekstraat, Veldstraat, Hoogstraat, Kasteelstraat, Bosstraat, Zandstraat, Nijverheidsstraat, Lindenlaan, Eikenlaan, Populierenlaan, Berkenlaan, Koning Albertlaan, Koningin Astridlaan, Leopoldstraat, Meersstraat, Heirweg, Processiestraat, Pastorijstraat, Smisstraat, Bergstraat, Kloosterstraat, Groenstraat, Hoekstraat, Broekstraat, Kouterstraat, Brugstraat, Vijverstraat, Sint-Jozefstraat, Rozenstraat, Tulpenstraat, Weverstraat, Boomgaardstraat, Langestraat, Grote Markt, Ringlaan',
);

export const WALLOON_STREETS = split(
  "Rue de la Station, Rue de l'Église, Rue du Moulin, Rue Haute, Rue Neuve, Grand-Rue, Rue des Écoles, Rue du Château, Rue de la Gare, Rue du Centre, Rue des Champs, Rue de la Chapelle, Rue Saint-Martin, Rue du Pont, Rue de la Croix, Rue des Prés, Rue du Village, Rue de la Fontaine, Avenue de la Libération, Rue Albert Ier, Avenue Reine Astrid, Rue Léopold, Rue du Tilleul, Place communale, Rue Joseph Wauters, Rue Émile Vandervelde, Rue Jules Destrée, Rue de la Paix, Rue du Marais, Rue de la Victoire, Rue des Combattants, Rue du Bois, Rue des Alliés",
);

export const EAST_BELGIAN_STREETS = split(
  'Hauptstraße, Kirchstraße, Bahnhofstraße, Aachener Straße, Neustraße, Klosterstraße, Schulstraße, Malmedyer Straße, Herbesthaler Straße, Talstraße, Lindenweg, Bergstraße, Am Markt',
);

/** Brussels streets are bilingual: `[French, Dutch]`; the register keeps the person's language. */
export const BRUSSELS_STREETS: ReadonlyArray<readonly [string, string]> = [
  ['Rue Neuve', 'Nieuwstraat'],
  ['Chaussée de Gand', 'Gentsesteenweg'],
  ['Chaussée de Waterloo', 'Waterloosesteenweg'],
  ["Chaussée d'Ixelles", 'Elsensesteenweg'],
  ['Avenue Louise', 'Louizalaan'],
  ['Rue Haute', 'Hoogstraat'],
  ['Rue Royale', 'Koningsstraat'],
  ['Avenue de la Couronne', 'Kroonlaan'],
  ['Chaussée de Haecht', 'Haachtsesteenweg'],
  ['Rue de Flandre', 'Vlaamsesteenweg'],
  ['Boulevard Lambermont', 'Lambermontlaan'],
  ['Chaussée de Louvain', 'Leuvensesteenweg'],
  ["Chaussée d'Alsemberg", 'Alsembergsesteenweg'],
  ['Avenue Brugmann', 'Brugmannlaan'],
  ['Rue du Midi', 'Zuidstraat'],
  ['Chaussée de Ninove', 'Ninoofsesteenweg'],
  ['Chaussée de Mons', 'Bergensesteenweg'],
  ['Avenue de Tervueren', 'Tervurenlaan'],
  ['Boulevard Léopold II', 'Leopold II-laan'],
  ["Rue de l'Église", 'Kerkstraat'],
  ['Rue de la Station', 'Stationsstraat'],
  ['Chaussée de Wavre', 'Waversesteenweg'],
  ['Avenue Georges Henri', 'Georges Henrilaan'],
  ['Rue Vanderkindere', 'Vanderkinderestraat'],
  ['Avenue de Jette', 'Jetselaan'],
];

/** Main roads named after the town they lead to: `[street, NIS code of that town]`, so that no "Gentsesteenweg" lies in Gent itself. */
export const FLEMISH_ROADS: ReadonlyArray<readonly [string, string]> = [
  ['Antwerpsesteenweg', '11002'],
  ['Brusselsesteenweg', '21004'],
  ['Gentsesteenweg', '44021'],
  ['Mechelsesteenweg', '12025'],
  ['Leuvensesteenweg', '24062'],
  ['Tiensesteenweg', '24107'],
  ['Kortrijksesteenweg', '34022'],
  ['Brugsesteenweg', '31005'],
  ['Hasseltsesteenweg', '71022'],
  ['Liersesteenweg', '12021'],
  ['Turnhoutsebaan', '13040'],
  ['Aalstersesteenweg', '41002'],
];
export const WALLOON_ROADS: ReadonlyArray<readonly [string, string]> = [
  ['Chaussée de Bruxelles', '21004'],
  ['Chaussée de Namur', '92094'],
  ['Chaussée de Mons', '53053'],
  ['Chaussée de Charleroi', '52011'],
  ['Chaussée de Liège', '62063'],
  ['Chaussée de Louvain', '24062'],
  ['Chaussée de Tournai', '57081'],
  ['Chaussée de Marche', '83034'],
  ['Chaussée de Wavre', '25112'],
  ['Chaussée de Nivelles', '25072'],
  ["Chaussée d'Arlon", '81001'],
];

export interface ForeignPlace {
  /** The national format's base; `postalCode()` below completes it. */
  postalCode: string;
  city: string;
}

/** Places abroad where people with a bis number live: border regions first (cross-border workers), then home towns of seasonal workers. */
export const FOREIGN_PLACES: Record<string, readonly ForeignPlace[]> = {
  FR: [
    ['59000', 'Lille'],
    ['59100', 'Roubaix'],
    ['59200', 'Tourcoing'],
    ['59150', 'Wattrelos'],
    ['59250', 'Halluin'],
    ['59280', 'Armentières'],
    ['59300', 'Valenciennes'],
    ['59600', 'Maubeuge'],
    ['59140', 'Dunkerque'],
    ['59650', "Villeneuve-d'Ascq"],
    ['59190', 'Hazebrouck'],
    ['59223', 'Roncq'],
    ['59170', 'Croix'],
    ['08200', 'Sedan'],
    ['08000', 'Charleville-Mézières'],
    ['08600', 'Givet'],
    ['54400', 'Longwy'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  NL: [
    ['6211', 'Maastricht'],
    ['4531', 'Terneuzen'],
    ['4811', 'Breda'],
    ['4701', 'Roosendaal'],
    ['4611', 'Bergen op Zoom'],
    ['5611', 'Eindhoven'],
    ['4561', 'Hulst'],
    ['4524', 'Sluis'],
    ['6291', 'Vaals'],
    ['6411', 'Heerlen'],
    ['6461', 'Kerkrade'],
    ['5038', 'Tilburg'],
    ['6001', 'Weert'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  DE: [
    ['52062', 'Aachen'],
    ['52066', 'Aachen'],
    ['52222', 'Stolberg'],
    ['52156', 'Monschau'],
    ['52152', 'Simmerath'],
    ['52159', 'Roetgen'],
    ['52249', 'Eschweiler'],
    ['52349', 'Düren'],
    ['54595', 'Prüm'],
    ['54634', 'Bitburg'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  LU: [
    ['1111', 'Luxembourg'],
    ['2340', 'Luxembourg'],
    ['4002', 'Esch-sur-Alzette'],
    ['4501', 'Differdange'],
    ['3401', 'Dudelange'],
    ['9001', 'Ettelbruck'],
    ['9501', 'Wiltz'],
    ['9701', 'Clervaux'],
    ['8401', 'Steinfort'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  PL: [
    ['00-950', 'Warszawa'],
    ['31-154', 'Kraków'],
    ['15-001', 'Białystok'],
    ['20-400', 'Lublin'],
    ['35-001', 'Rzeszów'],
    ['50-077', 'Wrocław'],
    ['45-001', 'Opole'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  RO: [
    ['010011', 'București'],
    ['700001', 'Iași'],
    ['720001', 'Suceava'],
    ['600001', 'Bacău'],
    ['400001', 'Cluj-Napoca'],
    ['710001', 'Botoșani'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  BG: [
    ['1000', 'Sofia'],
    ['4000', 'Plovdiv'],
    ['9000', 'Varna'],
    ['8000', 'Burgas'],
    ['4400', 'Pazardzhik'],
    ['8800', 'Sliven'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
  PT: [
    ['1100-001', 'Lisboa'],
    ['4000-001', 'Porto'],
    ['4700-001', 'Braga'],
    ['3500-001', 'Viseu'],
    ['6300-001', 'Guarda'],
  ].map(([postalCode, city]) => ({ postalCode: postalCode!, city: city! })),
};

export const FOREIGN_STREETS: Record<string, readonly string[]> = {
  FR: split(
    'Rue Nationale, Rue de la République, Rue Jean Jaurès, Rue Victor Hugo, Avenue de la Gare, Rue Pasteur, Rue du Général de Gaulle, Rue Gambetta, Rue de Lille, Rue Faidherbe, Boulevard de la Liberté',
  ),
  NL: split(
    'Dorpsstraat, Kerkstraat, Molenweg, Stationsweg, Hoofdstraat, Julianastraat, Wilhelminastraat, Beatrixlaan, Schoolstraat, Nieuwstraat, Markt',
  ),
  DE: split(
    'Hauptstraße, Bahnhofstraße, Kirchstraße, Schulstraße, Gartenstraße, Dorfstraße, Lindenstraße, Bergstraße, Jülicher Straße, Trierer Straße',
  ),
  LU: split(
    "Rue Principale, Grand-Rue, Rue de l'Église, Route d'Arlon, Rue de la Gare, Rue du Brill, Rue de Luxembourg, Rue des Jardins, Route de Longwy",
  ),
  PL: split('ul. Mickiewicza, ul. Kościuszki, ul. Polna, ul. Długa, ul. Słowackiego, ul. Lipowa, ul. Ogrodowa, ul. Sienkiewicza'),
  RO: split('Strada Mihai Eminescu, Strada Unirii, Bulevardul Independenței, Strada Ștefan cel Mare, Strada Florilor, Strada Libertății'),
  BG: split('ul. Vasil Levski, ul. Hristo Botev, bul. Tsar Osvoboditel, ul. Rakovski, ul. Graf Ignatiev'),
  PT: split('Rua da Liberdade, Rua do Comércio, Avenida da República, Rua 25 de Abril, Rua de Santo António, Rua Direita'),
};
