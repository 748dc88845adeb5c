/**
 * Names by origin, as found among people living or working in Belgium. Lists
 * are short on purpose (the most frequent names of each group): reviewers
 * from the field should recognise them, not be surprised by rarities.
 * `older` is for people born before 1975, `younger` for the rest: Flemish men
 * born in 1950 are Jozef and Marc, born in 2000 Wout and Arthur.
 */

export type Origin =
  | 'FLEMISH'
  | 'WALLOON'
  | 'EAST_BELGIAN'
  | 'MOROCCAN'
  | 'TURKISH'
  | 'ITALIAN'
  | 'SPANISH'
  | 'PORTUGUESE'
  | 'POLISH'
  | 'ROMANIAN'
  | 'BULGARIAN'
  | 'CONGOLESE'
  | 'DUTCH'
  | 'FRENCH'
  | 'GERMAN'
  | 'LUXEMBOURGISH';

export interface NamePool {
  surnames: readonly string[];
  male: { older: readonly string[]; younger: readonly string[] };
  female: { older: readonly string[]; younger: readonly string[] };
  /** Polish, Bulgarian… surnames take a feminine form (Kowalski → Kowalska, Ivanov → Ivanova). */
  feminineSurname?: (surname: string) => string;
}

const split = (s: string) => s.split(', ');

export const NAME_POOLS: Record<Origin, NamePool> = {
  FLEMISH: {
    surnames: split(
      "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, Vermeulen, Pauwels, Hermans, Aerts, Michiels, Van den Broeck, Martens, De Clercq, Stevens, Lambrechts, Claeys, Desmet, Smets, Segers, Van Damme, Verstraete, De Backer, Wuyts, Verbeke, De Wilde, Vandenberghe, Lemmens, Cools, Hendrickx, Van de Velde, Coppens, Declercq, Vermeersch, De Vos, Bogaert, Van Dyck, Thys, Verhaegen, Baert, D'Hondt, Van Hecke, Van Acker, Geerts, Bosmans, De Meyer, Vanhove, Verschueren, Timmermans, Van Looy",
    ),
    male: {
      older: split(
        'Jozef, Frans, Jan, Marcel, Willy, Roger, André, Luc, Marc, Dirk, Patrick, Guido, Eddy, Herman, Walter, Paul, Karel, Etienne, Johan, Rudi, Geert, Peter, Koen, Filip, Stefaan, Hendrik, Gilbert, Raf',
      ),
      younger: split(
        'Thomas, Lucas, Arthur, Noah, Liam, Louis, Jules, Wout, Lars, Kobe, Robbe, Seppe, Stijn, Jens, Pieter, Tom, Bart, Kevin, Nick, Sander, Ruben, Milan, Vic, Mathis, Warre, Lowie, Tibo, Jonas',
      ),
    },
    female: {
      older: split(
        'Maria, Godelieve, Rita, Christiane, Monique, Annie, Linda, Hilde, Ann, Greta, Martine, Jeannine, Mariette, Lutgarde, Rosa, Agnes, Simonne, Paula, Anita, Marleen, Veerle, Katrien, Sofie, Els',
      ),
      younger: split(
        'Emma, Marie, Louise, Lotte, Elise, Julie, Lisa, Laura, Nina, Olivia, Hanne, Fien, Noor, Lien, Eline, Jana, Femke, Charlotte, Ella, Mila, Amber, Febe, Tine, Sara',
      ),
    },
  },
  WALLOON: {
    surnames: split(
      'Dubois, Lambert, Dupont, Martin, Simon, Laurent, Leroy, Renard, Lejeune, Leclercq, Mathieu, François, Dumont, Denis, Lemaire, Collard, Gilson, Henry, Lecomte, Gérard, Hubert, Charlier, Fontaine, Masson, Noël, Delvaux, Piette, Marchal, Thiry, Gillet, Lefèvre, Massart, Deprez, Dethier, Bodart, Delhaye, Pirard, Collignon, Goffin, Libert, Remy, Lecocq, Evrard, Bertrand, Michel, Jacquet, Hanse, Wilmotte',
    ),
    male: {
      older: split(
        'Jean, Pierre, Michel, Philippe, Alain, Christian, Jacques, Daniel, André, Claude, Jean-Marie, Jean-Pierre, Guy, Marcel, Robert, Roger, Francis, Bernard, Didier, Thierry, Pascal, Vincent, Olivier, Fabrice, Benoît',
      ),
      younger: split(
        'Hugo, Nathan, Maxime, Théo, Lucas, Romain, Antoine, Thomas, Julien, Kevin, Loïc, Arnaud, Florian, Louis, Noah, Arthur, Mathis, Sacha, Tom, Gabriel, Victor, Adrien',
      ),
    },
    female: {
      older: split(
        'Monique, Nicole, Martine, Isabelle, Nathalie, Christine, Françoise, Josiane, Jacqueline, Anne-Marie, Marie-Claire, Danielle, Chantal, Brigitte, Myriam, Bernadette, Véronique, Marie-Thérèse, Pascale, Sylvie',
      ),
      younger: split(
        'Manon, Camille, Léa, Chloé, Juliette, Zoé, Emma, Louise, Alice, Clara, Lisa, Sarah, Julie, Charlotte, Elise, Marie, Laura, Aurélie, Céline, Mélanie, Amandine, Lola, Jade, Margaux',
      ),
    },
  },
  EAST_BELGIAN: {
    surnames: split(
      'Schmitz, Kreusch, Heinen, Cremer, Pauels, Kohnen, Theissen, Jost, Backes, Mreyen, Lentz, Hilligsmann, Margraff, Brüls, Genten',
    ),
    male: {
      older: split('Günther, Heinz, Josef, Karl, Hubert, Werner, Alfred, Norbert, Herbert, Manfred'),
      younger: split('Michael, Thomas, Stefan, Marc, Lukas, Jonas, Tim, Leon, Jan, Luca, Niklas'),
    },
    female: {
      older: split('Maria, Anneliese, Helga, Gertrud, Monika, Irene, Elisabeth, Hildegard, Brigitte'),
      younger: split('Sabine, Andrea, Nadine, Sarah, Lena, Lea, Julia, Hanna, Laura, Anna, Jana'),
    },
  },
  MOROCCAN: {
    surnames: split(
      'El Amrani, Benali, El Idrissi, El Khattabi, Haddouchi, Azzouzi, El Ouardi, Boukhari, Chakir, Tahiri, Lahlou, El Mansouri, Bakkali, Ouahabi, Amrani, Belhaj, Ziani, Achahbar, Bouzambou, El Hamdaoui',
    ),
    male: {
      older: split('Mohamed, Ahmed, Abdelkader, Mustapha, Hassan, Driss, Abdellah, Lahcen, Mohammed, Rachid, Abdelaziz'),
      younger: split('Youssef, Mehdi, Ayoub, Bilal, Adam, Karim, Ilyas, Anas, Hamza, Amine, Nabil, Soufiane, Mohamed, Rayan'),
    },
    female: {
      older: split('Fatima, Khadija, Aicha, Zohra, Malika, Rachida, Naima, Habiba, Zoubida'),
      younger: split('Yasmina, Salma, Imane, Sara, Nora, Hajar, Nadia, Samira, Amira, Meryem, Ikram, Soukaina, Yasmine'),
    },
  },
  TURKISH: {
    surnames: split(
      'Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özdemir, Polat',
    ),
    male: {
      older: split('Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, İsmail, Osman, Halil'),
      younger: split('Emre, Burak, Murat, Hakan, Serkan, Yusuf, Kerem, Emir, Mert, Furkan, Volkan'),
    },
    female: {
      older: split('Ayşe, Fatma, Emine, Hatice, Zeynep, Hanife, Sultan, Şerife'),
      younger: split('Elif, Büşra, Merve, Esra, Zehra, Derya, Selin, Ecrin, Melike, Tuğba'),
    },
  },
  ITALIAN: {
    surnames: split(
      'Rossi, Russo, Esposito, Romano, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Costa, Giordano, Mancini, Caruso, Di Marco, Messina, Lo Presti, Sciortino, Di Stefano, Lombardo, Scaglione',
    ),
    male: {
      older: split('Giuseppe, Antonio, Salvatore, Giovanni, Vincenzo, Francesco, Angelo, Carmelo, Calogero, Domenico'),
      younger: split('Marco, Luca, Fabio, Massimo, Gianni, Dario, Enzo, Lorenzo, Matteo, Alessandro'),
    },
    female: {
      older: split('Maria, Giovanna, Rosa, Carmela, Anna, Concetta, Giuseppina, Angela, Antonietta'),
      younger: split('Francesca, Laura, Giulia, Sara, Chiara, Sabrina, Silvia, Alessia, Elena'),
    },
  },
  SPANISH: {
    surnames: split('García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Ruiz, Díaz, Moreno, Álvarez, Suárez'),
    male: {
      older: split('José, Antonio, Manuel, Francisco, Juan, Luis, Ángel'),
      younger: split('Carlos, Javier, Alejandro, Pablo, David, Daniel, Sergio'),
    },
    female: {
      older: split('Carmen, María, Dolores, Pilar, Isabel, Josefa, Rosario'),
      younger: split('Lucía, Laura, Marta, Elena, Paula, Cristina, Sara'),
    },
  },
  PORTUGUESE: {
    surnames: split(
      'Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Fernandes, Gonçalves, Gomes, Lopes, Marques, Almeida, Ribeiro, Carvalho',
    ),
    male: {
      older: split('João, José, António, Manuel, Francisco, Joaquim, Fernando'),
      younger: split('Pedro, Rui, Paulo, Tiago, Miguel, Diogo, Bruno, Ricardo'),
    },
    female: {
      older: split('Maria, Ana, Isabel, Fernanda, Rosa, Conceição'),
      younger: split('Catarina, Sofia, Beatriz, Inês, Mariana, Rita, Joana'),
    },
  },
  POLISH: {
    surnames: split(
      'Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Kwiatkowski, Krawczyk',
    ),
    male: {
      older: split('Stanisław, Jan, Andrzej, Krzysztof, Tadeusz, Jerzy, Zbigniew'),
      younger: split('Piotr, Tomasz, Paweł, Marcin, Michał, Grzegorz, Jakub, Łukasz, Adam, Kamil, Mateusz'),
    },
    female: {
      older: split('Barbara, Krystyna, Elżbieta, Danuta, Halina, Teresa'),
      younger: split('Anna, Katarzyna, Agnieszka, Magdalena, Joanna, Monika, Ewa, Aleksandra, Natalia, Karolina, Marta'),
    },
    feminineSurname: (s) => s.replace(/(sk|ck|dzk)i$/, '$1a'),
  },
  ROMANIAN: {
    surnames: split(
      'Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stoica, Stan, Gheorghe, Munteanu, Constantin, Matei, Ciobanu, Rusu, Lungu, Florea',
    ),
    male: {
      older: split('Ion, Gheorghe, Vasile, Constantin, Nicolae, Dumitru'),
      younger: split('Andrei, Alexandru, Mihai, Ionuț, Florin, Adrian, Gabriel, Marius, Cristian, Ștefan'),
    },
    female: {
      older: split('Maria, Elena, Ioana, Ana, Viorica, Mariana'),
      younger: split('Andreea, Alexandra, Mihaela, Cristina, Georgiana, Gabriela, Daniela, Ioana, Elena'),
    },
  },
  BULGARIAN: {
    surnames: split('Ivanov, Georgiev, Dimitrov, Petrov, Nikolov, Hristov, Stoyanov, Todorov, Iliev, Vasilev, Atanasov, Petkov'),
    male: {
      older: split('Georgi, Ivan, Dimitar, Nikolay, Petar, Todor'),
      younger: split('Hristo, Stefan, Martin, Aleksandar, Viktor, Kaloyan'),
    },
    female: {
      older: split('Maria, Ivanka, Elena, Yordanka, Penka'),
      younger: split('Desislava, Gergana, Nikol, Viktoria, Radostina, Kristina'),
    },
    feminineSurname: (s) => `${s}a`,
  },
  CONGOLESE: {
    surnames: split(
      'Mukendi, Kabongo, Ilunga, Tshibangu, Kalonji, Mbuyi, Kasongo, Ngoy, Mwamba, Lukusa, Kabeya, Nsimba, Makiese, Lumbala, Mpoyi',
    ),
    male: {
      older: split('Jean-Pierre, Patrick, Emmanuel, Didier, Joseph, Pierre, Christian, Serge, Albert'),
      younger: split('Junior, Jonathan, Nathan, Samuel, Daniel, Josué, Christopher, Glody'),
    },
    female: {
      older: split('Marie, Joséphine, Chantal, Béatrice, Thérèse, Jeanne'),
      younger: split('Grâce, Esther, Rachel, Divine, Merveille, Sarah, Ornella, Exaucée'),
    },
  },
  DUTCH: {
    surnames: split(
      'De Jong, Jansen, De Vries, Van den Berg, Van Dijk, Bakker, Janssen, Visser, Smit, Meijer, De Boer, Mulder, De Groot, Bos, Vos, Hendriks, Van Leeuwen, Dekker, Brouwer',
    ),
    male: {
      older: split('Jan, Pieter, Hendrik, Johannes, Cornelis, Willem, Gerrit, Kees'),
      younger: split('Bram, Daan, Sem, Tim, Jeroen, Bas, Ruud, Sander, Niels, Thijs'),
    },
    female: {
      older: split('Maria, Johanna, Anna, Cornelia, Wilhelmina, Elisabeth, Geertruida'),
      younger: split('Anouk, Sanne, Lotte, Femke, Eva, Lieke, Marieke, Inge, Esther, Iris'),
    },
  },
  FRENCH: {
    surnames: split(
      'Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Lefebvre, Leroy, Roux, Fournier, Girard, Mercier, Bonnet, Delattre, Lemaire, Decroix, Vandenbussche, Lefranc, Deleplanque',
    ),
    male: {
      older: split('Jean, Michel, Pierre, Philippe, Alain, Patrick, Gérard, Bernard, Daniel'),
      younger: split('Nicolas, Julien, Sébastien, Thomas, Maxime, Kévin, Antoine, Romain, Hugo, Lucas, Quentin'),
    },
    female: {
      older: split('Marie, Nathalie, Isabelle, Sylvie, Catherine, Martine, Françoise'),
      younger: split('Sandrine, Céline, Aurélie, Julie, Camille, Pauline, Manon, Emma, Léa, Chloé'),
    },
  },
  GERMAN: {
    surnames: split(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Richter, Klein, Wolf, Schröder, Neumann',
    ),
    male: {
      older: split('Peter, Klaus, Jürgen, Wolfgang, Hans, Dieter, Uwe'),
      younger: split('Michael, Thomas, Andreas, Stefan, Markus, Christian, Lukas, Jonas, Leon, Tim'),
    },
    female: {
      older: split('Ursula, Renate, Monika, Petra, Gabriele, Karin'),
      younger: split('Sabine, Andrea, Claudia, Susanne, Julia, Anna, Lena, Laura, Katharina'),
    },
  },
  LUXEMBOURGISH: {
    surnames: split(
      'Schmit, Muller, Weber, Hoffmann, Wagner, Thill, Schmitz, Schroeder, Reuter, Klein, Kieffer, Weis, Hansen, Majerus, Welter',
    ),
    male: {
      older: split('Jean, Marc, Paul, Pierre, Claude, Romain, Georges'),
      younger: split('Luc, Yves, Tom, Ben, Gilles, Max, Laurent, Pit'),
    },
    female: {
      older: split('Marie, Anne, Claudine, Martine, Nicole, Josée'),
      younger: split('Carole, Sandra, Lisa, Sarah, Laura, Julie, Lena'),
    },
  },
};

/** Where people of each foreign origin were born when they came to Belgium themselves (birth place abroad), by country. */
export const ORIGIN_COUNTRY: Record<Origin, { country: string; birthCities: readonly string[] }> = {
  FLEMISH: { country: 'BE', birthCities: [] },
  WALLOON: { country: 'BE', birthCities: [] },
  EAST_BELGIAN: { country: 'BE', birthCities: [] },
  MOROCCAN: { country: 'MA', birthCities: split('Tanger, Nador, Al Hoceima, Casablanca, Tétouan, Oujda, Rabat, Berkane') },
  TURKISH: { country: 'TR', birthCities: split('Emirdağ, Afyonkarahisar, Kayseri, Ankara, İstanbul, Konya, Yozgat') },
  ITALIAN: { country: 'IT', birthCities: split('Palermo, Agrigento, Catania, Caltanissetta, Enna, Bari, Lecce, Avellino, Pescara') },
  SPANISH: { country: 'ES', birthCities: split('Madrid, Oviedo, León, Málaga, Sevilla, Vigo') },
  PORTUGUESE: { country: 'PT', birthCities: split('Lisboa, Porto, Braga, Viseu, Guarda, Bragança') },
  POLISH: { country: 'PL', birthCities: split('Warszawa, Kraków, Białystok, Lublin, Rzeszów, Wrocław') },
  ROMANIAN: { country: 'RO', birthCities: split('București, Iași, Suceava, Bacău, Cluj-Napoca, Constanța') },
  BULGARIAN: { country: 'BG', birthCities: split('Sofia, Plovdiv, Varna, Pazardzhik, Sliven, Burgas') },
  CONGOLESE: { country: 'CD', birthCities: split('Kinshasa, Lubumbashi, Mbuji-Mayi, Kisangani, Bukavu') },
  DUTCH: { country: 'NL', birthCities: split('Rotterdam, Amsterdam, Eindhoven, Maastricht, Breda, Tilburg, Terneuzen') },
  FRENCH: { country: 'FR', birthCities: split('Lille, Paris, Roubaix, Valenciennes, Lens, Maubeuge, Reims') },
  GERMAN: { country: 'DE', birthCities: split('Aachen, Köln, Düsseldorf, Trier, Prüm') },
  LUXEMBOURGISH: { country: 'LU', birthCities: split('Luxembourg, Esch-sur-Alzette, Ettelbruck, Differdange') },
};
