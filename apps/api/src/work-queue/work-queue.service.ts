import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HazardListRow } from '@hazards/persistence/read-model/read-model.sql';
import { WorkQueueRepository } from '@hazards/persistence/work-queue/work-queue.repository';
import { missingFilings } from '../statistics/filing.service';
import type { AuthUser } from '@hazards/access/auth-user';
import { toListItem } from '@hazards/hazards/hazard-query.service';

const items = <K extends string>(lists: Record<K, HazardListRow[]>) =>
  Object.fromEntries(Object.entries<HazardListRow[]>(lists).map(([k, rows]) => [k, rows.map((r) => toListItem(r))])) as Record<
    K,
    ReturnType<typeof toListItem>[]
  >;

/** What is waiting for the caller: plans to decide, reviews due, extensions to decide, overdue hazards. */
@Injectable()
export class WorkQueueService {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: WorkQueueRepository,
  ) {}

  async forUser(user: AuthUser) {
    if (user.role === 'supervisor') {
      return {
        ...items(await this.queues.supervisor(user, user.jurisdictionLevel)),
        // Enterprises of my subtree whose quarterly or annual statistics filing is overdue.
        missingFilings: user.jurisdictionPath ? await missingFilings(this.ds, user.jurisdictionPath) : [],
      };
    }
    if (user.role === 'enterprise') return items(await this.queues.enterprise(user, !!user.isSafetyDirector));
    if (user.role === 'grid_inspector') return items(await this.queues.gridInspector(user));
    return {};
  }
}
