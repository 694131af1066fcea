import { pageOfList } from '../pages';
import { toCatalogueEntry } from '../procedure-view';
import type { RouteTable } from '../route-table';
import { AgencyPage, PageQuery, ProcedureCodeParams, ProcedurePage, CatalogueEntrySchema } from '../schemas';
import type { Services } from '../services';

/** Agencies for users; the procedure catalogue for anyone, under /procedures and /public/procedures alike. */
export function catalogueRoutes(table: RouteTable, s: Services): void {
  const agencies = s.agencies.map(({ code, identifier, name, kind, level }) => ({
    code,
    identifier,
    name,
    kind,
    level,
  }));
  table.add({
    method: 'get',
    path: '/agencies',
    tag: 'Catalogue',
    summary: 'The agencies',
    access: 'user',
    query: PageQuery,
    success: { status: 200, description: 'A page of agencies', schema: AgencyPage },
    handle: async ({ query }) => pageOfList(agencies, query),
  });

  const procedures = s.procedures.map(toCatalogueEntry);
  for (const prefix of ['', '/public']) {
    table.add({
      method: 'get',
      path: `${prefix}/procedures`,
      tag: 'Catalogue',
      summary: 'The procedure catalogue',
      access: 'public',
      query: PageQuery,
      success: { status: 200, description: 'A page of procedures, in full', schema: ProcedurePage },
      handle: async ({ query }) => pageOfList(procedures, query),
    });
    table.add({
      method: 'get',
      path: `${prefix}/procedures/:code`,
      tag: 'Catalogue',
      summary: 'One procedure in full: steps, documents, fees, deadline',
      access: 'public',
      params: ProcedureCodeParams,
      errors: [404],
      success: { status: 200, description: 'The procedure', schema: CatalogueEntrySchema },
      handle: async ({ params }) => ({ status: 200, body: toCatalogueEntry(s.procedure(params.code)) }),
    });
  }
}
