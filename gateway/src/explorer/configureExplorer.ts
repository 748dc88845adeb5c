import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** Every file the page loads, from this repository or an installed package: nothing from a CDN. */
const files: Record<string, { file: string; type: string }> = {
  '/explorer': { file: path.join(publicDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/explorer/explorer.js': { file: path.join(publicDir, 'explorer.js'), type: 'text/javascript; charset=utf-8' },
  '/explorer/graphiql.min.js': { file: require.resolve('graphiql/graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
  '/explorer/graphiql.min.css': { file: require.resolve('graphiql/graphiql.min.css'), type: 'text/css; charset=utf-8' },
  '/explorer/react.production.min.js': {
    file: path.join(packageDir('react'), 'umd/react.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/explorer/react-dom.production.min.js': {
    file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

/**
 * In development only, GraphiQL at /explorer, served from the installed
 * `graphiql` package (and React's UMD builds) — never from a CDN, whose
 * scripts would run with the partner's token in the page. The page may load
 * nothing but this origin (Content-Security-Policy). Production serves no page.
 */
export async function configureExplorer(app: FastifyInstance): Promise<void> {
  for (const [route, { file, type }] of Object.entries(files)) {
    const body = fs.readFileSync(file);
    app.get(route, async (_request, reply) =>
      reply
        .type(type)
        .header(
          'content-security-policy',
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
        )
        .header('cache-control', 'no-store')
        .send(body),
    );
  }
}
