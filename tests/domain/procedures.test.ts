import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_AGENCIES } from '../../domain/agencies';
import {
  assertValidProcedure,
  defineProcedure,
  phaseDuration,
  ProcedureDefinitionError,
  stepPhases,
  unitFitsUnder,
  validateProcedure,
  type Procedure,
  type ProcedureInput,
  type StepInput,
} from '../../domain/procedure';
import { toCatalogueEntry } from '../../api/procedure-view';
import { getProcedure, loadProcedures, procedureFiles } from '../../procedures';

const agencies = DEMO_AGENCIES;
const PROCEDURES_DIR = path.resolve(__dirname, '../../procedures');

/** A valid province-level procedure with a parallel consultation, which each fault case breaks once. */
function fixture(): ProcedureInput {
  return {
    code: '2.999999',
    name: 'Thủ tục thử nghiệm',
    sector: 'Thử nghiệm',
    level: 'province',
    competentAgency: 'construction',
    onlineLevel: 'partial',
    deadline: { amount: 10, unit: 'working_days' },
    steps: [
      step('review', 'construction', 'specialist', 3),
      { ...step('land-opinion', 'land', 'specialist', 4), parallelGroup: 'consult' },
      { ...step('tax-opinion', 'tax', 'specialist', 2), parallelGroup: 'consult' },
      step('sign', 'construction', 'leader', 2),
    ],
    documents: [{ name: 'Đơn đề nghị', form: 'original', required: true }],
    fees: [{ name: 'Lệ phí', amountVnd: 50_000, kind: 'charge' }],
    financialObligation: false,
    result: { name: 'Giấy phép', delivery: 'both' },
    legalBasis: ['Nghị định số 118/2025/NĐ-CP'],
  };
}

function step(id: string, agency: string, role: StepInput['role'], workingDays: number): StepInput {
  return { id, name: `Bước ${id}`, agency, role, duration: { amount: workingDays, unit: 'working_days' } };
}

function issuesOf(input: ProcedureInput) {
  return validateProcedure(defineProcedure(input), { agencies });
}

describe('shipped procedures', () => {
  const procedures = loadProcedures();

  it('are all valid, without warnings', () => {
    for (const p of procedures)
      expect({ code: p.code, issues: validateProcedure(p, { agencies }) }).toEqual({
        code: p.code,
        issues: [],
      });
  });

  it('are at least five real ones, from several sectors and levels, plus the 24x7 demo', () => {
    const real = procedures.filter((p) => !p.demo);
    expect(real.length).toBeGreaterThanOrEqual(5);
    expect(new Set(real.map((p) => p.sector)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(real.map((p) => p.level))).toEqual(new Set(['province', 'commune']));
    expect(real.some((p) => p.financialObligation && p.steps.some((s) => s.agency === 'tax'))).toBe(true);
    expect(real.some((p) => stepPhases(p).some((phase) => phase.length > 1))).toBe(true);
    const demo = getProcedure('0.000001');
    expect(demo).toMatchObject({ demo: true, calendar: '24x7', deadline: { amount: 30, unit: 'minutes' } });
    expect(demo?.name).toBe('Thủ tục minh họa (demo)');
  });

  it('are discovered from every file of the folder', () => {
    const files = fs.readdirSync(PROCEDURES_DIR).filter((f) => /\.ts$/.test(f) && f !== 'index.ts');
    expect(procedureFiles().map((f) => path.basename(f))).toEqual([...files].sort());
    expect(procedures).toHaveLength(files.length);
  });

  it('are found by code', () => {
    expect(getProcedure('1.001193')?.name).toBe('Thủ tục đăng ký khai sinh');
    expect(getProcedure('9.999999')).toBeUndefined();
  });
});

describe('discovery', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-procedures-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeProcedure = (file: string, input: ProcedureInput) =>
    fs.writeFileSync(
      path.join(dir, file),
      `const { defineProcedure } = require(${JSON.stringify(path.resolve(__dirname, '../../domain/procedure'))});\n` +
        `exports.default = defineProcedure(${JSON.stringify(input)});\n`,
    );

  it('picks up a new file with no other change, and skips index, declarations, hidden and other files', () => {
    writeProcedure('extra.js', fixture());
    for (const other of ['index.js', 'index.ts', 'types.d.ts', '.hidden.ts', 'README.md']) {
      fs.writeFileSync(path.join(dir, other), '');
    }
    expect(procedureFiles(dir)).toEqual([path.join(dir, 'extra.js')]);
    expect(loadProcedures(dir).map((p) => p.code)).toEqual(['2.999999']);
  });

  it('throws on the first invalid procedure, naming it and its fault', () => {
    writeProcedure('a.js', fixture());
    writeProcedure('b.js', { ...fixture(), code: '2.888888', competentAgency: 'nowhere' });
    expect(() => loadProcedures(dir)).toThrow(ProcedureDefinitionError);
    expect(() => loadProcedures(dir)).toThrow(/2\.888888[\s\S]*unknown agency "nowhere"/);
  });

  it('refuses two files with one code', () => {
    writeProcedure('a.js', fixture());
    writeProcedure('b.js', fixture());
    expect(() => loadProcedures(dir)).toThrow(/2\.999999 is defined twice/);
  });
});

describe('faults', () => {
  it('the fixture itself is valid', () => {
    expect(issuesOf(fixture())).toEqual([]);
  });

  type Case = [label: string, change: (p: ProcedureInput) => ProcedureInput, path: string, message: RegExp];
  const withSteps = (steps: StepInput[]) => (p: ProcedureInput) => ({ ...p, steps });
  const base = fixture().steps;

  const cases: Case[] = [
    [
      'phases longer than the deadline',
      (p) => ({ ...p, deadline: { amount: 8, unit: 'working_days' } }),
      'steps',
      /3 ngày làm việc \+ 4 ngày làm việc \+ 2 ngày làm việc, more than the legal deadline of 8 ngày làm việc/,
    ],
    [
      'working days beyond a deadline in days (5 working days to 7 days)',
      (p) => ({ ...p, deadline: { amount: 12, unit: 'days' } }),
      'steps',
      /more than the legal deadline of 12 ngày/,
    ],
    [
      'calendar days under a working-day deadline',
      withSteps([base[0], base[1], base[2], { ...base[3], duration: { amount: 1, unit: 'days' } }]),
      'steps[3].duration',
      /step unit days cannot be measured against a deadline in working_days/,
    ],
    [
      'a unit coarser than the deadline',
      (p) => ({
        ...p,
        deadline: { amount: 600, unit: 'minutes' },
        reminderOffsets: [{ amount: 30, unit: 'minutes' }],
      }),
      'steps[0].duration',
      /step unit working_days cannot be measured against a deadline in minutes/,
    ],
    [
      'unknown step agency',
      withSteps([{ ...base[0], agency: 'court' }, ...base.slice(1)]),
      'steps[0].agency',
      /unknown agency "court"/,
    ],
    [
      'unknown competent agency',
      (p) => ({ ...p, competentAgency: 'court' }),
      'competentAgency',
      /unknown agency "court"/,
    ],
    [
      'unknown receiving agency',
      (p) => ({ ...p, receivingAgency: 'post' }),
      'receivingAgency',
      /unknown agency "post"/,
    ],
    [
      'receiving agency without a One-stop desk',
      (p) => ({ ...p, receivingAgency: 'land' }),
      'receivingAgency',
      /no One-stop desk/,
    ],
    [
      'a One-stop centre as competent agency',
      (p) => ({ ...p, competentAgency: 'centre' }),
      'competentAgency',
      /not a competent agency/,
    ],
    [
      'competent agency of another level',
      (p) => ({ ...p, level: 'commune' }),
      'competentAgency',
      /province-level agency, the procedure is commune-level/,
    ],
    [
      'duplicate step id',
      withSteps([base[0], base[1], base[2], { ...base[3], id: 'review' }]),
      'steps[3].id',
      /duplicate step id "review"/,
    ],
    [
      'step id not kebab-case',
      withSteps([{ ...base[0], id: 'Review Step' }, ...base.slice(1)]),
      'steps[0].id',
      /kebab-case/,
    ],
    [
      'a parallel group of one step',
      withSteps([base[0], base[1], base[3]]),
      'steps[1].parallelGroup',
      /parallel group "consult" has only one step/,
    ],
    [
      'a parallel group split by another step',
      withSteps([base[1], base[0], base[2], base[3]]),
      'steps[2].parallelGroup',
      /parallel group "consult" is split: its steps must be consecutive/,
    ],
    [
      'a parallel group mixing units',
      withSteps([base[0], base[1], { ...base[2], duration: { amount: 8, unit: 'working_hours' } }, base[3]]),
      'steps[1].parallelGroup',
      /must share one duration unit/,
    ],
    ['no steps', withSteps([]), 'steps', /a procedure needs at least one step/],
    [
      'last step not a leader',
      withSteps([base[0], base[1], base[2], { ...base[3], role: 'specialist' }]),
      'steps[3].role',
      /last step must be the leader's approval, not "specialist"/,
    ],
    [
      'last phase a parallel group',
      withSteps([
        base[0],
        { ...base[3], parallelGroup: 'end' },
        { ...base[1], role: 'leader', parallelGroup: 'end' },
      ]),
      'steps[2]',
      /last phase must be a single approval step/,
    ],
    [
      'approval by another agency',
      withSteps([base[0], base[1], base[2], { ...base[3], agency: 'justice' }]),
      'steps[3].agency',
      /approving leader must belong to the competent agency "construction"/,
    ],
    [
      'a receiver step at an agency without a desk',
      withSteps([{ ...base[0], role: 'receiver' }, ...base.slice(1)]),
      'steps[0].role',
      /receivers work at One-stop desks/,
    ],
    ['empty name', (p) => ({ ...p, name: '  ' }), 'name', /name must not be empty/],
    ['empty code', (p) => ({ ...p, code: '' }), 'code', /code must not be empty/],
    ['code of five digits', (p) => ({ ...p, code: '1.00119' }), 'code', /not a national procedure code/],
    ['code with a suffix', (p) => ({ ...p, code: '1.001193.H56' }), 'code', /not a national procedure code/],
    [
      'demo code without the demo flag',
      (p) => ({ ...p, code: '0.000042' }),
      'code',
      /reserved for demo procedures/,
    ],
    [
      'demo flag with a national code',
      (p) => ({ ...p, demo: true }),
      'code',
      /must use the reserved 0\.xxxxxx range/,
    ],
    [
      'negative fee',
      (p) => ({ ...p, fees: [{ name: 'Lệ phí', amountVnd: -1, kind: 'charge' }] }),
      'fees[0].amountVnd',
      /a fee cannot be negative/,
    ],
    [
      'duplicate document',
      (p) => ({ ...p, documents: [p.documents[0], { ...p.documents[0], form: 'copy' }] }),
      'documents[1].name',
      /duplicate document "Đơn đề nghị"/,
    ],
    [
      'reminder as long as the deadline',
      (p) => ({ ...p, reminderOffsets: [{ amount: 10, unit: 'working_days' }] }),
      'reminderOffsets[0]',
      /not shorter than the deadline 10 ngày làm việc/,
    ],
    [
      'reminder in calendar days under a working-day deadline',
      (p) => ({ ...p, reminderOffsets: [{ amount: 1, unit: 'days' }] }),
      'reminderOffsets[0]',
      /reminder unit days cannot be measured/,
    ],
    [
      'duplicate reminder',
      (p) => ({
        ...p,
        reminderOffsets: [
          { amount: 1, unit: 'working_days' },
          { amount: 1, unit: 'working_days' },
        ],
      }),
      'reminderOffsets[1]',
      /duplicate reminder offset 1 ngày làm việc/,
    ],
    [
      'default reminders of two and one working days in a one-day procedure',
      (p) => ({
        ...p,
        deadline: { amount: 1, unit: 'working_days' },
        steps: [{ ...base[3], duration: { amount: 1, unit: 'working_days' } }],
      }),
      'reminderOffsets[0]',
      /not shorter than the deadline/,
    ],
    [
      'unknown duration unit',
      (p) => ({ ...p, deadline: { amount: 10, unit: 'weeks' as never } }),
      'deadline.unit',
      /Invalid option/,
    ],
    [
      'fractional duration',
      withSteps([{ ...base[0], duration: { amount: 0.5, unit: 'working_days' } }, ...base.slice(1)]),
      'steps[0].duration.amount',
      /expected int/,
    ],
    [
      'an unknown field',
      (p) => ({ ...p, deadLine: 3 }) as ProcedureInput,
      '',
      /Unrecognized key: "deadLine"/,
    ],
    ['a bad transfer cut-off', (p) => ({ ...p, transferCutoff: '3pm' }), 'transferCutoff', /HH:MM/],
    [
      'a ministry procedure without its receiving desk',
      (p) => ({ ...p, level: 'ministry' }),
      'receivingAgency',
      /required for ministry-level procedures/,
    ],
    [
      'working days in a 24x7 procedure',
      (p) => ({ ...p, calendar: '24x7', reminderOffsets: [] }),
      'deadline',
      /a 24x7 procedure cannot count working_days/,
    ],
  ];

  it.each(cases)('%s', (_label, change, expectedPath, message) => {
    const procedure = defineProcedure(change(fixture()));
    const errors = validateProcedure(procedure, { agencies }).filter((i) => i.severity === 'error');
    expect(errors.filter((i) => i.path === expectedPath).map((i) => i.message)).toContainEqual(
      expect.stringMatching(message),
    );

    let thrown: unknown;
    try {
      assertValidProcedure(procedure, { agencies });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProcedureDefinitionError);
    const error = thrown as ProcedureDefinitionError;
    expect(error.message).toContain(`Procedure ${procedure.code || '(no code)'} is invalid`);
    expect(error.message).toMatch(message);
    expect(error.issues).toEqual(errors);
  });

  it('names every fault of a procedure in one message', () => {
    const broken = defineProcedure({
      ...fixture(),
      competentAgency: 'court',
      fees: [{ name: 'Phí', amountVnd: 1, kind: 'fee' }],
      steps: [{ ...base[0], agency: 'nowhere' }],
    });
    expect(() => assertValidProcedure(broken, { agencies })).toThrow(
      /2\.999999 is invalid:\n {2}- competentAgency: unknown agency "court"\n {2}- steps\[0\]\.agency: unknown agency "nowhere"\n {2}- steps\[0\]\.role: the last step must be/,
    );
  });

  it('names a procedure too broken to parse', () => {
    expect(() => assertValidProcedure(42, { agencies })).toThrow(/Procedure \(no code\) is invalid/);
    expect(() => assertValidProcedure({ code: '1.001193' }, { agencies })).toThrow(
      /Procedure 1\.001193 is invalid[\s\S]*name/,
    );
  });

  it('only warns when no document is required, since database data may replace papers', () => {
    const p = defineProcedure({
      ...fixture(),
      documents: [{ name: 'Giấy tờ khác', form: 'copy', required: false }],
    });
    const issues = validateProcedure(p, { agencies });
    expect(issues.map(({ path, severity }) => ({ path, severity }))).toEqual([
      { path: 'documents', severity: 'warning' },
    ]);
    expect(issues[0].message).toMatch(/no required document/);
    expect(() => assertValidProcedure(p, { agencies })).not.toThrow();
  });

  it('accepts working days within a deadline in days, and working hours within working days', () => {
    expect(issuesOf({ ...fixture(), deadline: { amount: 14, unit: 'days' } })).toEqual([]);
    const hours = fixture().steps.map((s) => ({
      ...s,
      duration: { amount: s.duration.amount * 2, unit: 'working_hours' as const },
    }));
    expect(issuesOf({ ...fixture(), steps: hours, deadline: { amount: 3, unit: 'working_days' } })).toEqual(
      [],
    );
  });
});

describe('units', () => {
  it.each([
    ['working_hours', 'working_days', true],
    ['working_days', 'working_hours', false],
    ['working_days', 'days', true],
    ['working_days', 'months', true],
    ['working_days', 'hours', false],
    ['days', 'working_days', false],
    ['minutes', 'hours', true],
    ['days', 'months', true],
    ['months', 'days', false],
  ] as const)('%s under %s: %s', (unit, limit, fits) => {
    expect(unitFitsUnder(unit, limit)).toBe(fits);
  });
});

describe('stepPhases and phaseDuration', () => {
  const p = defineProcedure(fixture());

  it('groups consecutive steps of a parallel group into one phase', () => {
    expect(stepPhases(p).map((phase) => phase.map((s) => s.id))).toEqual([
      ['review'],
      ['land-opinion', 'tax-opinion'],
      ['sign'],
    ]);
  });

  it('keeps a split group as separate phases (which validation refuses)', () => {
    const split = defineProcedure({
      ...fixture(),
      steps: [fixture().steps[1], fixture().steps[0], fixture().steps[2], fixture().steps[3]],
    });
    expect(stepPhases(split).map((phase) => phase.map((s) => s.id))).toEqual([
      ['land-opinion'],
      ['review'],
      ['tax-opinion'],
      ['sign'],
    ]);
  });

  it('gives a phase the duration of its longest step', () => {
    expect(stepPhases(p).map(phaseDuration)).toEqual([
      { amount: 3, unit: 'working_days' },
      { amount: 4, unit: 'working_days' },
      { amount: 2, unit: 'working_days' },
    ]);
  });

  it('refuses a phase that mixes units, or is empty', () => {
    const [, land, tax] = p.steps;
    expect(() => phaseDuration([land, { ...tax, duration: { amount: 1, unit: 'days' } }])).toThrow(
      /mix duration units/,
    );
    expect(() => phaseDuration([])).toThrow(/empty phase/);
  });
});

describe('defineProcedure snapshot', () => {
  it('fills the defaults', () => {
    const p = defineProcedure(fixture());
    expect(p).toMatchObject({
      receivingAgency: 'centre',
      calendar: 'vn',
      transferCutoff: '15:00',
      demo: false,
      reminderOffsets: [
        { amount: 2, unit: 'working_days' },
        { amount: 1, unit: 'working_days' },
      ],
    });
    expect(p.documents[0].quantity).toBe(1);
    expect(defineProcedure({ ...fixture(), level: 'commune' }).receivingAgency).toBe('commune');
  });

  it('is plain JSON that survives a round trip, as a workflow input does', () => {
    for (const p of [...loadProcedures(), defineProcedure(fixture())]) {
      expect(JSON.parse(JSON.stringify(p))).toStrictEqual(p);
      expect('parallelGroup' in p.steps[0]).toBe(false);
    }
  });

  it('is deeply frozen and detached from its input', () => {
    const input = fixture();
    const p = defineProcedure(input);
    const unfrozen: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (value === null || typeof value !== 'object') return;
      if (!Object.isFrozen(value)) unfrozen.push(at);
      for (const [key, child] of Object.entries(value)) walk(child, `${at}.${key}`);
    };
    walk(p, 'procedure');
    expect(unfrozen).toEqual([]);
    expect(() => {
      (p.steps[0].duration as { amount: number }).amount = 99;
    }).toThrow(TypeError);
    input.steps[0].duration.amount = 99;
    expect(p.steps[0].duration.amount).toBe(3);
  });
});

describe('toCatalogueEntry', () => {
  it('gives the GET /procedures/:code shape', () => {
    const p = getProcedure('1.013225') as Procedure;
    const entry = toCatalogueEntry(p);
    expect(entry).toMatchObject({
      code: '1.013225',
      name: p.name,
      sector: p.sector,
      level: 'commune',
      deadline: { amount: 15, unit: 'days' },
      deadlineText: '15 ngày',
      fees: p.fees,
    });
    expect(entry.steps[0]).toEqual({
      id: 'review',
      name: p.steps[0].name,
      agency: 'commune',
      role: 'specialist',
      duration: { amount: 3, unit: 'days' },
    });
    expect(entry.steps[1]).toMatchObject({
      id: 'land-opinion',
      agency: 'land',
      parallelGroup: 'consultation',
    });
    for (const d of entry.documents)
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['name', 'form', 'required']));
    expect(JSON.parse(JSON.stringify(entry))).toStrictEqual(entry);
  });

  it('is a mutable copy that leaves the snapshot alone', () => {
    const p = getProcedure('0.000001') as Procedure;
    const entry = toCatalogueEntry(p);
    entry.steps[0].duration.amount = 1;
    expect(p.steps[0].duration.amount).toBe(10);
  });
});
