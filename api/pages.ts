import type { z } from 'zod';
import type { Reply } from './errors';
import type { PageQuery } from './schemas';

type Page = z.infer<typeof PageQuery>;

/** Prisma's skip and take for a page. */
export function pageWindow({ page, pageSize }: Page): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/** The contract's list shape, also for short lists. */
export function pageReply(items: unknown[], total: number, { page, pageSize }: Page): Reply {
  return { status: 200, body: { items, total, page, pageSize } };
}

/** A page of a list held in memory. */
export function pageOfList(items: readonly unknown[], query: Page): Reply {
  const { skip, take } = pageWindow(query);
  return pageReply(items.slice(skip, skip + take), items.length, query);
}
