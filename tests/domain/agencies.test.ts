import { AgencyDirectorySchema, DEMO_AGENCIES, type Agency } from '../../domain/agencies';

/** The agency directory a province writes (docs/agencies.md): what it must hold to be accepted. */
const desk: Agency = {
  code: 'centre',
  identifier: '000.00.01.H99',
  name: 'Trung tâm',
  kind: 'one_stop',
  level: 'province',
};
const land: Agency = { ...desk, code: 'land', identifier: '000.00.10.H99', name: 'Sở', kind: 'competent' };

function issuesOf(value: unknown): string[] {
  const parsed = AgencyDirectorySchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('the demo province is a valid directory', () => {
  expect(issuesOf(DEMO_AGENCIES)).toEqual([]);
  expect(issuesOf([desk, land])).toEqual([]);
});

test.each<[string, unknown, RegExp]>([
  ['an empty directory', [], /^: /],
  ['a handle used twice', [desk, { ...land, code: 'centre' }], /^1\.code: centre appears twice/],
  ['an identifier used twice', [desk, { ...land, identifier: desk.identifier }], /^1\.identifier: /],
  ['no desk to receive dossiers', [land], /no one-stop desk/],
  ['a malformed identifier', [{ ...desk, identifier: '01.H99' }], /^0\.identifier: a national identifier/],
  ['an upper-case handle', [{ ...desk, code: 'Centre' }], /^0\.code: /],
  ['an unknown field', [{ ...desk, head: 'x' }], /^0: /],
])('refuses %s', (_case, directory, issue) => {
  expect(issuesOf(directory).join('\n')).toMatch(issue);
});
