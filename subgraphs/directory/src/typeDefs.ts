import fs from 'node:fs';
import { scalarTypeDefs } from '@crossroads/shared';
import { parse } from 'graphql';

export const sdl = `${scalarTypeDefs}\n${fs.readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')}`;
export const typeDefs = parse(sdl);
