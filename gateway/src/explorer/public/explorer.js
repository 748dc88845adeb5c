/* global GraphiQL, React, ReactDOM, document */
// The development explorer: GraphiQL against this gateway. A token and a purpose go in the
// Headers tab: mint the token with `npm run -s token -- capac` (development keys only).
(function () {
  const query = `# As HVW/CAPAC calculating an unemployment benefit (authorization ISC/24/017).
# Headers: paste a token from \`npm run -s token -- capac\` in place of PASTE-TOKEN.
query ReferencePerson($ssin: SSIN!) {
  person(ssin: $ssin) {
    name { lastName firstNames }
    address { street houseNumber postalCode municipality }
    employments { employer { name } jointCommittee { code name { nl fr } } startDate endDate }
    unemploymentPayments(from: "2024-01-01", to: "2024-12-31") { month daysCompensated grossAmountCents payingOrganisation { name } }
  }
}
`;
  const headers = JSON.stringify({ authorization: 'Bearer PASTE-TOKEN', 'x-purpose': 'UNEMPLOYMENT_BENEFIT' }, null, 2);
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('explorer')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: query,
      defaultHeaders: headers,
      variables: JSON.stringify({ ssin: '85073003328' }, null, 2),
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
