import { z } from 'zod';
import { HAZARD_STATUSES } from '../hazard/hazard-status';
import { LISTING_LEVELS, ROLES } from '../hazard/vocabulary';
import { ESCALATION_ACTIONS } from './escalation-action';

/**
 * A versioned policy (策略), as data. Every duration the lifecycle uses lives here, so a change of
 * local rules is a new policy file, never a code change. Units are in the field names:
 * `WorkingDays` on the Chinese working-day calendar, `Days` on the plain calendar.
 */
const workingDays = z.number().int().min(0).max(1000);
const positiveWorkingDays = z.number().int().min(1).max(1000);
const listingLevel = z.enum(LISTING_LEVELS);
const similarity = z.number().min(0).max(1);

const ladderStage = z.object({
  /** The stage fires this many working days after the rectification deadline passed. */
  afterOverdueWorkingDays: positiveWorkingDays,
  action: z.enum(ESCALATION_ACTIONS),
  /**
   * relist_up only: the level this stage relists to (升级挂牌), so the ladder climbs to the top one
   * stage at a time. A hazard already listed at or above it stays where it is. Without it (policies
   * before default-v2) the stage relists one level up.
   */
  relistTo: listingLevel.exclude(['township']).optional(),
});

/** A decision the regulator owes (定级, 挂牌, 方案审核): due this many working days after it became owed. */
const decisionDeadline = z.object({ dueWorkingDays: positiveWorkingDays, reminders: z.array(positiveWorkingDays).default([]) });

const increasing = (stages: { afterOverdueWorkingDays: number }[]) =>
  stages.every((s, i) => i === 0 || s.afterOverdueWorkingDays > stages[i - 1].afterOverdueWorkingDays);

export const policySchema = z
  .object({
    /** Recorded on each workflow and each history row. */
    version: z.string().min(1),
    name: z.string().min(1),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Where each rule comes from (regulation or local rule), for auditors. */
    basis: z.array(z.string()).default([]),
    timeZone: z.literal('Asia/Shanghai'),
    plan: z.object({
      /** 治理方案 due this many working days after listing (挂牌). */
      dueWorkingDaysAfterListing: positiveWorkingDays,
    }),
    /**
     * Nothing waits forever (default-v2 on): grading after the report, listing after a major grade,
     * the decision on a submitted plan. Each has a reminder and, when missed, an escalation to the
     * level above. Policies without it (default-v1) leave these waits open.
     */
    decisions: z.object({ grading: decisionDeadline, listing: decisionDeadline, planDecision: decisionDeadline }).optional(),
    rectification: z.object({
      /** General hazards (一般隐患): fix immediately (立即整改) or by a short deadline. */
      general: z.object({ immediateWorkingDays: positiveWorkingDays, shortWorkingDays: positiveWorkingDays }),
      /** Major hazards: deadline after listing, by listing level, unless the listing sets a shorter one. */
      byListingLevel: z.object({ township: positiveWorkingDays, county: positiveWorkingDays, city: positiveWorkingDays }),
      /** Cap on any listing deadline (one local rule: one year). */
      maxWorkingDays: positiveWorkingDays,
    }),
    reminders: z.object({
      /** Working days before each deadline; a reminder that would fall in the past is skipped. */
      planDue: z.array(positiveWorkingDays),
      rectificationDue: z.array(positiveWorkingDays),
      generalRectificationDue: z.array(positiveWorkingDays),
      reviewDue: z.array(positiveWorkingDays),
    }),
    escalation: z.object({
      /** Ladder for listed (major) hazards, stages in increasing order. */
      ladder: z.array(ladderStage).min(1).refine(increasing, '阶梯必须按逾期天数递增 / stages must be in increasing order'),
      /** Ladder for general hazards (relist_up does not apply to them). */
      generalLadder: z.array(ladderStage).refine(increasing, '阶梯必须按逾期天数递增 / stages must be in increasing order'),
    }),
    review: z.object({
      /**
       * Order 16 art 23: on-site review "10日内" of the application. The regulation says 日, not
       * 工作日, so the default counts calendar days; a local rule may switch to working days.
       */
      window: z.object({ days: positiveWorkingDays, unit: z.enum(['calendar', 'working']) }),
      /** 三级复核: the review levels, in order, for each listing level. */
      levelsByListingLevel: z.object({
        township: z.array(listingLevel).min(1),
        county: z.array(listingLevel).min(1),
        city: z.array(listingLevel).min(1),
      }),
      /** 一岗双责: a reviewer who misses the window is escalated to the level above. */
      missedWindow: z.enum(['escalate_to_level_above', 'none']),
      /** Who verifies a general hazard's fix. */
      general: z.object({
        verifierRoles: z.array(z.enum(ROLES)).min(1),
        /** Where local policy lets the enterprise's 安全总监 verify general hazards. */
        safetyDirectorMayVerify: z.boolean(),
      }),
    }),
    extension: z.object({
      /** Apply no later than this many working days before the deadline (local: 20). */
      minWorkingDaysBeforeDeadline: workingDays,
      /** The regulator decides within this many working days (local: 10). */
      decisionWindowWorkingDays: positiveWorkingDays,
      maxCount: z.number().int().min(0).max(20),
      maxWorkingDaysPerExtension: positiveWorkingDays,
      /** Repeated extension is itself an escalation: raise one when this many were approved. */
      escalateAtCount: z.number().int().min(1).max(20),
    }),
    accountability: z.object({
      /** 责任倒查: after N rejected reviews or M working days overdue, whichever first. */
      tracing: z.object({ afterRejections: positiveWorkingDays, afterOverdueWorkingDays: positiveWorkingDays }),
      /** 从重追究: an accident linked while the hazard is in one of these states. */
      accidentDuringRectification: z.object({ heavier: z.boolean(), statuses: z.array(z.enum(HAZARD_STATUSES)).min(1) }),
      /** Safety Law 2021 art 113: penalties on a major hazard within a window → closure proposal. */
      art113: z.object({
        grades: z.array(z.enum(['general', 'major'])).min(1),
        /**
         * The laws whose administrative penalties count (art 113 counts penalties "under this law"):
         * a penalty counts when its lawArticle names one of them in 《》. Without it, the Safety Law.
         */
        countedLaws: z.array(z.string().min(1)).min(1).optional(),
        thresholds: z.array(z.object({ penalties: z.number().int().min(1), withinDays: positiveWorkingDays })).min(1),
      }),
    }),
    /**
     * Publication windows (local: within 5 working days) of the listing notice (挂牌公告) and the
     * delisting notice (摘牌公告). With `reminders` (default-v2 on) each notice not yet published has
     * timers: reminded these many working days before its window closes, escalated when it closes.
     */
    publication: z.object({
      listingWithinWorkingDays: positiveWorkingDays,
      closureWithinWorkingDays: positiveWorkingDays,
      reminders: z.array(positiveWorkingDays).optional(),
    }),
    /**
     * 约谈: when the ladder's interview stage fires it must be held within these working days (the
     * supervisor schedules it, then records it held), reminded before and escalated to the level
     * above when not held. Optional: policies without it (default-v1) record the stage only.
     */
    interview: z.object({ holdWithinWorkingDays: positiveWorkingDays, reminders: z.array(positiveWorkingDays).default([]) }).optional(),
    /**
     * 问责文书: the ladder's letter and stoppage stages issue numbered documents (督办函, 停产整顿建议书)
     * that require a written reply within these working days. Optional: without it (default-v1)
     * the stages are recorded without a document.
     */
    documents: z
      .object({
        supervisionLetter: z.object({ replyWithinWorkingDays: positiveWorkingDays }),
        stoppageRecommendation: z.object({ replyWithinWorkingDays: positiveWorkingDays }),
      })
      .optional(),
    /**
     * 行政处罚: the articles penalties are given under, with the range of the fine (元) each allows
     * for its subject (the enterprise, or its directly responsible people). A penalty citing one
     * of them must be within its range; with this block the engine numbers penalty decisions.
     */
    penalties: z
      .object({
        articles: z
          .array(
            z
              .object({
                id: z.string().min(1),
                /** e.g. 《中华人民共和国安全生产法》第一百零二条 */
                lawArticle: z.string().min(1),
                subject: z.enum(['enterprise', 'responsible_person']),
                minYuan: z.number().min(0),
                maxYuan: z.number().positive(),
                /** What the article punishes, for the decision's text. */
                conduct: z.string().min(1),
              })
              .refine((a) => a.maxYuan >= a.minYuan, '罚款上限不得低于下限 / maxYuan must not be below minYuan'),
          )
          .min(1),
      })
      .optional(),
    /**
     * 重复隐患识别: which earlier reports a new report at the same enterprise may duplicate. The
     * similarities are pg_trgm's (0–1) over character unigrams and bigrams, see the migration
     * DuplicateDetection; the thresholds come from `npm run bench duplicates`. Optional: policies
     * written before it (default-v1) look for no candidates.
     */
    duplicates: z
      .object({
        /** Candidates were reported at most this many calendar days before or after the new report. */
        windowDays: z.number().int().min(1).max(3650),
        /** Open, or closed (销号) at most this many calendar days before the new report. */
        recentlyClosedDays: z.number().int().min(0).max(3650),
        /** Description similarity, the report's own location left out of its description. */
        minDescriptionSimilarity: similarity,
        /** Location similarity; not applied when either report gives no location. */
        minLocationSimilarity: similarity,
        /** At most this many candidates, most similar first. */
        maxCandidates: z.number().int().min(1).max(50),
      })
      .optional(),
    /**
     * 演示时钟 / demo clock: a working day lasts this many seconds and there are no holidays, so
     * that a demo's deadlines, reminders and escalations happen within minutes. Only the demo
     * seed's policy (DEMO_POLICY, demo-default-v2) has it; the apps refuse it where NODE_ENV is production. The review
     * window must then count working days (calendar days are not scaled).
     */
    demoClock: z.object({ workingDaySeconds: z.number().int().min(1).max(86_400) }).optional(),
  })
  .superRefine((p, ctx) => {
    // Relisting climbs: each relist stage names a higher level than the one before.
    const targets = p.escalation.ladder.filter((s) => s.relistTo).map((s) => LISTING_LEVELS.indexOf(s.relistTo!));
    if (!targets.every((r, i) => i === 0 || r > targets[i - 1])) {
      ctx.addIssue({ code: 'custom', path: ['escalation', 'ladder'], message: '升级挂牌须逐级向上 / relisting stages must climb' });
    }
    for (const level of LISTING_LEVELS) {
      const levels = p.review.levelsByListingLevel[level];
      // Review climbs the ladder bottom-up and ends at the listing level itself.
      const ranks = levels.map((l) => LISTING_LEVELS.indexOf(l));
      const ordered = ranks.every((r, i) => i === 0 || r > ranks[i - 1]);
      if (!ordered || levels[levels.length - 1] !== level) {
        ctx.addIssue({
          code: 'custom',
          path: ['review', 'levelsByListingLevel', level],
          message: `复核层级须自下而上并以${level}结束 / review levels must go upward and end at ${level}`,
        });
      }
    }
    if (p.demoClock && p.review.window.unit !== 'working') {
      ctx.addIssue({
        code: 'custom',
        path: ['review', 'window', 'unit'],
        message: '演示时钟下复核期限须按工作日计 / with a demo clock the review window counts working days',
      });
    }
    for (const kind of ['ladder', 'generalLadder'] as const) {
      p.escalation[kind].forEach((s, i) => {
        if (kind === 'generalLadder' && s.action === 'relist_up') {
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', kind, i, 'action'],
            message: '一般隐患不挂牌 / general hazards are not listed',
          });
        }
        if (s.relistTo !== undefined && s.action !== 'relist_up') {
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', kind, i, 'relistTo'],
            message: '只有升级挂牌阶段有目标层级 / only a relist_up stage names a level',
          });
        }
      });
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
