import { describe, expect, it } from 'vitest';
import { parseExportArgs } from './exportAuditLog.js';

describe('npm run audit -- export: its arguments', () => {
  it('takes a partner or a person, a range, and defaults for the gateway and the page size', () => {
    expect(parseExportArgs(['--partner', 'capac', '--from', '2026-11-01', '--to', '2026-11-29'])).toEqual({
      by: 'partner',
      key: 'capac',
      from: '2026-11-01',
      to: '2026-11-29',
      gateway: 'http://localhost:4000/graphql',
      pageSize: 1000,
    });
    expect(
      parseExportArgs(['--person', '85073003328', '--from', '2016-01-01', '--to', '2026-11-29', '--token', 't', '--page-size', '10']),
    ).toMatchObject({ by: 'person', key: '85073003328', token: 't', pageSize: 10 });
  });

  it.each([
    [['--from', '2026-11-01', '--to', '2026-11-29'], 'Give either --partner ID or --person SSIN.'],
    [
      ['--partner', 'capac', '--person', '85073003328', '--from', '2026-11-01', '--to', '2026-11-29'],
      'Give either --partner ID or --person SSIN.',
    ],
    [['--partner', 'capac', '--from', '2026-02-30', '--to', '2026-11-29'], '--from takes a day, YYYY-MM-DD.'],
    [['--partner', 'capac', '--from', '2026-11-01'], '--to takes a day, YYYY-MM-DD.'],
    [
      ['--partner', 'capac', '--from', '2026-11-01', '--to', '2026-11-29', '--page-size', '0'],
      '--page-size takes a whole number from 1 to 1000.',
    ],
    [['--partner', 'capac', '--since', '2026-11-01'], "Unknown option '--since'"],
  ])('refuses %j', (args, message) => {
    expect(() => parseExportArgs(args)).toThrow(message);
  });
});
