import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');

/** Shape of `data/cn-working-calendar.json`: one entry per year, from that year's State Council notice. */
export const calendarDataSchema = z.object({
  timeZone: z.literal('Asia/Shanghai'),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      source: z.string().min(1),
      holidays: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate })),
      makeUpWorkdays: z.array(z.object({ name: z.string().min(1), date: isoDate })),
    }),
  ),
});
export type CalendarData = z.infer<typeof calendarDataSchema>;
