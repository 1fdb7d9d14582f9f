/**
 * The Prometheus series the apps export, by name: the Grafana dashboard (infra/grafana/) and the
 * tests refer to these, so a rename shows up in one place.
 *
 * Where each comes from:
 *   api       GET /metrics on PORT: HTTP latency per route; hazard figures from the read model
 *             (every API instance reports the same value: aggregate them with max, not sum)
 *   worker    METRICS_PORT: the Temporal SDK's own series (prefix temporal_), the anchor leader flag
 *   notifier  METRICS_PORT: queue depth, failures, dead letters, escalation lateness, sends by channel
 * Every series carries the label `app`.
 */
export const METRIC = {
  httpDuration: 'http_request_duration_seconds',
  hazardsOpen: 'hazards_open',
  hazardsOverdue: 'hazards_overdue',
  queueJobs: 'bullmq_queue_jobs',
  jobsFailed: 'bullmq_jobs_failed_total',
  deadLetters: 'dead_letters_total',
  escalationLateness: 'escalation_lateness_seconds',
  notificationsSent: 'notifications_sent_total',
  anchorLeader: 'archive_anchor_leader',
  /** Temporal SDK (worker): workflow tasks completed, and how long a workflow task waited in the queue. */
  temporalWorkflowCompleted: 'temporal_workflow_task_execution_latency',
  temporalWorkflowScheduleToStart: 'temporal_workflow_task_schedule_to_start_latency',
  temporalActivityExecution: 'temporal_activity_execution_latency',
} as const;

/** Escalation lateness (due → recorded) buckets, seconds: the goal is p99 ≤ 2 s. */
export const LATENESS_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];
/** Redis hash with the escalation lateness buckets of every notifier, for the console (运行状态). */
export const latenessHashKey = (prefix: string) => `${prefix}:metrics:escalation-lateness`;
/** HTTP latency buckets, seconds: the goals are p95 ≤ 100 ms and ≤ 300 ms. */
export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10];
