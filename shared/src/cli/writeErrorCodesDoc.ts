import fs from 'node:fs';
import { renderErrorCodesDoc } from '../errorCodesDoc.js';

fs.writeFileSync(new URL('../../../docs/error-codes.md', import.meta.url), renderErrorCodesDoc());
