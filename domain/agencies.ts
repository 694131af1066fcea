/**
 * The agencies of the demo province that the embedded default seeds. `code` is the short handle used in
 * procedures, user names (`land.specialist`) and the API; `identifier` is the national electronic
 * identifier of the agency (QCVN shape) that prefixes dossier codes (Decree 118 Art. 28).
 */
export type AgencyKind = 'one_stop' | 'competent' | 'both';

export interface Agency {
  code: string;
  identifier: string;
  name: string;
  kind: AgencyKind;
  level: 'province' | 'commune';
}

export const DEMO_AGENCIES: readonly Agency[] = [
  {
    code: 'centre',
    identifier: '000.00.01.H56',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    kind: 'one_stop',
    level: 'province',
  },
  {
    code: 'land',
    identifier: '000.00.10.H56',
    name: 'Sở Nông nghiệp và Môi trường',
    kind: 'competent',
    level: 'province',
  },
  {
    code: 'construction',
    identifier: '000.00.11.H56',
    name: 'Sở Xây dựng',
    kind: 'competent',
    level: 'province',
  },
  { code: 'justice', identifier: '000.00.12.H56', name: 'Sở Tư pháp', kind: 'competent', level: 'province' },
  { code: 'tax', identifier: '000.00.13.H56', name: 'Thuế tỉnh', kind: 'competent', level: 'province' },
  { code: 'police', identifier: '000.00.14.H56', name: 'Công an tỉnh', kind: 'competent', level: 'province' },
  {
    code: 'commune',
    identifier: '000.21.31.H56',
    name: 'Ủy ban nhân dân xã Phước Hòa',
    kind: 'both',
    level: 'commune',
  },
];
