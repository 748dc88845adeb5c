import { createHash } from 'node:crypto';
import { type Names } from './dataNames.js';
import { markup, raw, type Html } from './html.js';
import { kindLabel, label, LANGUAGE_IN, LANGUAGE_NAMES, LANGUAGES, type Lang } from './labels.js';
import { type Register, type RegisterAuthorization, type RegisterReach, type RegisterStatus } from './buildRegister.js';
import { SEARCH_SCRIPT } from './searchScript.js';

/** The pages of one language, by file name (relative to that language's directory). */
export type Pages = Map<string, string>;

const STYLE = `
:root { color: #1a1a1a; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
a { color: #0b4f9c; }
a:focus, input:focus, button:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { border-bottom: 2px solid #0b4f9c; padding: 1rem 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: baseline; }
header .site { font-weight: bold; margin: 0; flex-basis: 100%; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
nav a[aria-current] { font-weight: bold; }
h1 { font-size: 1.6rem; margin-top: 1.5rem; }
.status { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-size: .9rem; font-weight: bold; vertical-align: middle; }
.status-in-force { background: #e3f1e6; color: #14532d; }
.status-expired { background: #fbe4e4; color: #7f1d1d; }
.status-not-yet { background: #fdf2d8; color: #663c00; }
ul.authorizations { list-style: none; padding: 0; }
ul.authorizations > li { border: 1px solid #c6c6c6; border-radius: .4rem; padding: .5rem 1rem; margin: .75rem 0; }
ul.authorizations h3 { margin: .25rem 0; font-size: 1.1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #c6c6c6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
code { font-size: .9em; }
.missing { font-style: italic; color: #4a4a4a; }
.note { color: #3a3a3a; }
form[role=search] { margin: 1rem 0; }
form[role=search] input { font-size: 1rem; padding: .3rem; width: min(30rem, 100%); }
form[role=search] button { font-size: 1rem; padding: .3rem .8rem; }
footer { border-top: 1px solid #c6c6c6; margin-top: 2rem; padding-top: .5rem; font-size: .9rem; }
`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A strict Content-Security-Policy: nothing is loaded from anywhere, and only
 * this page's own style and script (by hash) run. A register served from any
 * web server keeps to it.
 */
function contentSecurityPolicy(script: string | undefined): string {
  const scriptSrc = script === undefined ? "'none'" : sha256(script);
  return `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${scriptSrc}; base-uri 'none'; form-action 'none'`;
}

interface PageOptions {
  lang: Lang;
  /** The file of this page in each language directory, for the language links. */
  file: string;
  title: string;
  current?: 'index' | 'partners' | 'data';
  body: Html;
  /** Inline script (the search), if the page has one. */
  script?: string;
}

function page(options: PageOptions): string {
  const { lang, file, title, current, body, script } = options;
  const t = (key: Parameters<typeof label>[1], values?: Record<string, string | number>) => label(lang, key, values);
  const nav = (href: string, key: 'navAuthorizations' | 'navPartners' | 'navData', name: PageOptions['current']): Html =>
    markup`<li><a href="${href}" ${current === name ? raw(' aria-current="page"') : ''}>${t(key)}</a></li>`;
  return `<!doctype html>
${markup`<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(script)}" />
    <title>${title} — ${t('siteTitle')}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <a class="skip" href="#main">${t('skip')}</a>
    <header>
      <p class="site"><a href="index.html">${t('siteTitle')}</a></p>
      <nav aria-label="${t('navLabel')}">
        <ul>
          ${[nav('index.html', 'navAuthorizations', 'index'), nav('partners.html', 'navPartners', 'partners'), nav('data.html', 'navData', 'data')]}
        </ul>
      </nav>
      <nav aria-label="${t('languageLabel')}">
        <ul>
          ${LANGUAGES.map((other) =>
            other === lang
              ? markup`<li><a href="${file}" lang="${other}" hreflang="${other}" aria-current="true">${LANGUAGE_NAMES[other]}</a></li>`
              : markup`<li><a href="../${other}/${file}" lang="${other}" hreflang="${other}">${LANGUAGE_NAMES[other]}</a></li>`,
          )}
        </ul>
      </nav>
    </header>
    <main id="main">${body}</main>
    <footer>
      <p>${t('footer')} <a href="../index.json">${t('indexJson')}</a></p>
    </footer>
    ${script === undefined ? '' : markup`<script>${raw(script)}</script>`}
  </body>
</html> `}`;
}

const statusKey = { 'in-force': 'statusInForce', expired: 'statusExpired', 'not-yet': 'statusNotYet' } as const;

function statusBadge(lang: Lang, status: RegisterStatus): Html {
  return markup`<span class="status status-${status}">${label(lang, statusKey[status])}</span>`;
}

/** A name in one language, or a plain notice that the committee has not given it yet. */
function nameIn(lang: Lang, names: Partial<Names>, which: Lang, fallback?: string): Html {
  const name = names[which];
  if (name) return markup`<span lang="${which}">${name}</span>`;
  if (which === 'en' && fallback) return markup`<span lang="en">${fallback}</span>`;
  const language = LANGUAGE_IN[lang][which];
  return markup`<span class="missing">${label(lang, 'missingName', { language })}</span>`;
}

function validityText(lang: Lang, a: Pick<RegisterAuthorization, 'validFrom' | 'validUntil'>): string {
  return a.validUntil === null
    ? label(lang, 'validFromOn', { from: a.validFrom })
    : label(lang, 'validFromUntil', { from: a.validFrom, until: a.validUntil });
}

function reachText(lang: Lang, reach: RegisterReach): string {
  if (reach.kind === 'none') return label(lang, 'reachNone');
  if (reach.kind === 'whole') return label(lang, 'reachWhole');
  return reach.arguments
    .map((b) => {
      const base =
        b.notBeforeMonthsAgo === 0
          ? label(lang, 'reachToday', { argument: b.argument })
          : label(lang, 'reachMonths', { argument: b.argument, n: b.notBeforeMonthsAgo });
      return b.allowOmitted ? `${base} (${label(lang, 'reachOmitted')})` : base;
    })
    .join('; ');
}

/** One authorization in a list: its number, status, title, partner, purposes and validity. */
function authorizationItem(lang: Lang, a: RegisterAuthorization, headingLevel: 'h3' | 'h4'): Html {
  const t = (key: Parameters<typeof label>[1]) => label(lang, key);
  const heading = markup`<a href="${a.slug}.html">${a.id}</a> ${statusBadge(lang, a.status)}`;
  return markup`<li data-authorization="${a.id}">
    <article aria-labelledby="item-${a.slug}">
      ${headingLevel === 'h3' ? markup`<h3 id="item-${a.slug}">${heading}</h3>` : markup`<h4 id="item-${a.slug}">${heading}</h4>`}
      <p lang="en">${a.title}</p>
      <dl>
        <dt>${t('partner')}</dt>
        <dd><span lang="en">${a.partner.name}</span> (${kindLabel(lang, a.partner.kind)})</dd>
        <dt>${t('purposes')}</dt>
        <dd>${a.purposes.map((p, i) => markup`${i > 0 ? ', ' : ''}<code>${p.code}</code>`)}</dd>
        <dt>${t('validity')}</dt>
        <dd>${validityText(lang, a)}</dd>
        <dt>${t('dataGranted')}</dt>
        <dd>${label(lang, 'dataCount', { n: a.grants.length })}</dd>
      </dl>
    </article>
  </li>`;
}

/** What the search matches an authorization on: its texts, and the data it grants in every language. */
export function searchText(register: Register, a: RegisterAuthorization): string {
  const parts: string[] = [
    a.id,
    a.slug,
    a.title,
    a.legalBasis,
    a.partner.id,
    a.partner.name,
    a.partner.kind,
    a.validFrom,
    a.validUntil ?? '',
  ];
  for (const lang of LANGUAGES) {
    parts.push(kindLabel(lang, a.partner.kind), label(lang, statusKey[a.status]));
  }
  for (const p of a.purposes) parts.push(p.code, p.description);
  parts.push(a.scope.scope);
  for (const c of a.scope.capacities) parts.push(c.code, ...Object.values(c.names));
  for (const g of a.grants) {
    parts.push(
      g.coordinate,
      ...Object.values(g.names),
      ...Object.values(register.typeNames[g.type] ?? {}),
      ...Object.values(register.sourceNames[g.source] ?? {}),
    );
  }
  return [...new Set(parts.filter((p) => p !== ''))].join(' \n');
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the element. */
const jsonInScript = (value: unknown): Html => raw(JSON.stringify(value).replace(/</g, '\\u003c'));

function indexPage(register: Register, lang: Lang): string {
  const t = (key: Parameters<typeof label>[1], values?: Record<string, string | number>) => label(lang, key, values);
  const index = register.authorizations.map((a) => ({ id: a.id, text: searchText(register, a) }));
  const body = markup`<h1>${t('siteTitle')}</h1>
    <p>${t('intro')}</p>
    <p class="note">${t('statusAsOf', { date: register.generatedOn })} ${t('englishTexts')}</p>
    <h2 id="all">${t('allAuthorizations')}</h2>
    <form id="search-form" role="search" aria-label="${t('searchHeading')}" hidden>
      <label for="search">${t('searchLabel')}</label><br />
      <input id="search" type="search" name="q" autocomplete="off" aria-describedby="search-hint" />
      <button type="submit">${t('searchButton')}</button>
      <p id="search-hint" class="note">${t('searchHint')}</p>
    </form>
    <p id="search-status" role="status" data-template="${t('searchCount')}"></p>
    <ul class="authorizations" aria-labelledby="all">
      ${register.authorizations.map((a) => authorizationItem(lang, a, 'h3'))}
    </ul>
    <script type="application/json" id="search-index">
      ${jsonInScript(index)}
    </script>`;
  return page({ lang, file: 'index.html', title: t('navAuthorizations'), current: 'index', body, script: SEARCH_SCRIPT });
}

function partnersPage(register: Register, lang: Lang): string {
  const t = (key: Parameters<typeof label>[1]) => label(lang, key);
  const byId = new Map(register.authorizations.map((a) => [a.id, a]));
  const body = markup`<h1>${t('partnersTitle')}</h1>
    <p class="note">${label(lang, 'statusAsOf', { date: register.generatedOn })}</p>
    ${register.partners.map(
      (p) =>
        markup`<section aria-labelledby="partner-${p.id}">
          <h2 id="partner-${p.id}"><span lang="en">${p.name}</span></h2>
          <p>${kindLabel(lang, p.kind)} · <code>${p.id}</code></p>
          ${
            p.authorizations.length === 0
              ? markup`<p>${t('noAuthorization')}</p>`
              : markup`<ul class="authorizations">
                  ${p.authorizations.map((id) => authorizationItem(lang, byId.get(id)!, 'h3'))}
                </ul>`
          }
        </section>`,
    )}`;
  return page({ lang, file: 'partners.html', title: t('navPartners'), current: 'partners', body });
}

function dataPage(register: Register, lang: Lang): string {
  const t = (key: Parameters<typeof label>[1]) => label(lang, key);
  const body = markup`<h1>${t('dataTitle')}</h1>
    <p>${t('dataIntro')}</p>
    <p class="note">${label(lang, 'statusAsOf', { date: register.generatedOn })}</p>
    ${register.sources.map(
      (s) =>
        markup`<section aria-labelledby="source-${s.source}">
          <h2 id="source-${s.source}">${nameIn(lang, s.names, lang, s.source)}</h2>
          ${s.types.map(
            (type) =>
              markup`<h3 id="type-${type.type}">${nameIn(lang, type.names, lang, type.type)} <code>${type.type}</code></h3>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${LANGUAGE_NAMES[lang]}</th>
                      <th scope="col">${t('columnField')}</th>
                      <th scope="col">${t('columnGrantedBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${type.fields.map(
                      (f) =>
                        markup`<tr>
                          <th scope="row">${nameIn(lang, f.names, lang, f.coordinate)}</th>
                          <td><code>${f.coordinate}</code></td>
                          <td>
                            <ul>
                              ${f.grantedBy.map(
                                (g) =>
                                  markup`<li>
                                    <a href="${g.slug}.html">${g.id}</a> (<code>${g.partner}</code>, ${g.purposes.join(', ')})
                                    ${statusBadge(lang, g.status)}
                                  </li>`,
                              )}
                            </ul>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`,
          )}
        </section>`,
    )}`;
  return page({ lang, file: 'data.html', title: t('navData'), current: 'data', body });
}

function authorizationPage(register: Register, a: RegisterAuthorization, lang: Lang): string {
  const t = (key: Parameters<typeof label>[1], values?: Record<string, string | number>) => label(lang, key, values);
  const sources = [...new Set(a.grants.map((g) => g.source))].sort(
    (x, y) => register.sources.findIndex((s) => s.source === x) - register.sources.findIndex((s) => s.source === y),
  );
  const scope =
    a.scope.scope === 'all'
      ? markup`${t('scopeAll')}`
      : a.scope.scope === 'followed'
        ? markup`${t('scopeFollowed')}
            <ul>
              ${a.scope.capacities.map(
                (c) =>
                  markup`<li>
                    <code>${c.code}</code> ${nameIn(lang, c.names, lang === 'en' ? 'en' : lang, c.description)}${
                      lang !== 'en' && c.description ? markup` — <span lang="en">${c.description}</span>` : ''
                    }
                  </li>`,
              )}
            </ul>`
        : markup`${t('scopeOther')}: <code>${a.scope.scope}</code>`;
  const body = markup`<h1>${a.id} ${statusBadge(lang, a.status)}</h1>
    <p lang="en">${a.title}</p>
    <dl>
      <dt>${t('partner')}</dt>
      <dd>
        <a href="partners.html#partner-${a.partner.id}"><span lang="en">${a.partner.name}</span></a> (${kindLabel(lang, a.partner.kind)})
      </dd>
      <dt>${t('purposes')}</dt>
      <dd>
        <ul>
          ${a.purposes.map((p) => markup`<li><code>${p.code}</code>: <span lang="en">${p.description}</span></li>`)}
        </ul>
      </dd>
      <dt>${t('legalBasis')}</dt>
      <dd lang="en">${a.legalBasis}</dd>
      <dt>${t('validity')}</dt>
      <dd>${validityText(lang, a)}</dd>
      <dt>${t('status')}</dt>
      <dd>${statusBadge(lang, a.status)} <span class="note">${t('statusAsOf', { date: register.generatedOn })}</span></dd>
      <dt>${t('scope')}</dt>
      <dd>${scope}</dd>
    </dl>
    <p><a href="../authorizations/${a.slug}.json">${t('asJson')}</a></p>
    <h2>${t('dataGranted')} (${a.grants.length})</h2>
    <p class="note">${t('descriptionsEnglish')}</p>
    ${sources.map((source) => {
      const grants = a.grants.filter((g) => g.source === source);
      return markup`<section aria-labelledby="granted-${source}">
        <h3 id="granted-${source}">${nameIn(lang, register.sourceNames[source] ?? {}, lang, source)}</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">${LANGUAGE_NAMES.nl}</th>
              <th scope="col">${LANGUAGE_NAMES.fr}</th>
              <th scope="col">${LANGUAGE_NAMES.en}</th>
              <th scope="col">${t('columnField')}</th>
              <th scope="col">${t('columnDescription')}</th>
              <th scope="col">${t('columnReach')}</th>
            </tr>
          </thead>
          <tbody>
            ${grants.map(
              (g) =>
                markup`<tr data-field="${g.coordinate}">
                  <th scope="row">${nameIn(lang, g.names, 'nl')}</th>
                  <td>${nameIn(lang, g.names, 'fr')}</td>
                  <td>${nameIn(lang, g.names, 'en')}</td>
                  <td><code>${g.coordinate}</code></td>
                  <td>
                    ${g.description === null ? markup`<span class="missing">${t('noDescription')}</span>` : markup`<span lang="en">${g.description}</span>`}
                  </td>
                  <td>${reachText(lang, g.reach)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>`;
    })}`;
  return page({ lang, file: `${a.slug}.html`, title: a.id, body });
}

/** The front door: the register's name and the three languages. */
export function rootPage(): string {
  return `<!doctype html>
${markup`<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(undefined)}" />
    <title>${label('nl', 'siteTitle')} · ${label('fr', 'siteTitle')} · ${label('en', 'siteTitle')}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main id="main">
      <h1>
        <span lang="nl">${label('nl', 'siteTitle')}</span> · <span lang="fr">${label('fr', 'siteTitle')}</span> ·
        ${label('en', 'siteTitle')}
      </h1>
      <nav aria-label="${label('en', 'languageLabel')}">
        <ul>
          ${LANGUAGES.map(
            (lang) => markup`<li><a href="${lang}/index.html" lang="${lang}" hreflang="${lang}">${LANGUAGE_NAMES[lang]}</a></li>`,
          )}
        </ul>
      </nav>
    </main>
  </body>
</html> `}`;
}

/** Every page of one language. */
export function renderPages(register: Register, lang: Lang): Pages {
  const pages: Pages = new Map();
  pages.set('index.html', indexPage(register, lang));
  pages.set('partners.html', partnersPage(register, lang));
  pages.set('data.html', dataPage(register, lang));
  for (const a of register.authorizations) pages.set(`${a.slug}.html`, authorizationPage(register, a, lang));
  return pages;
}
