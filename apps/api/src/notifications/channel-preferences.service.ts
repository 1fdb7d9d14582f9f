import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { ChannelPreferencesRepository, type PreferenceScope } from '@hazards/persistence/notifications/channel-preferences.repository';
import { checkChannelUrl, parseAllowedUrls } from '@hazards/events/channel-targets';
import { ApiException, forbidden, notFound } from '@hazards/api-contract/api-error';
import type { AuthUser } from '@hazards/access/auth-user';

export interface PreferenceView {
  scope: string;
  scopeId: string;
  channel: string;
  enabled: boolean;
  /** Secrets are never echoed back: only whether one is set. */
  target: Record<string, unknown>;
}

const mask = (t: Record<string, unknown>) => {
  const { secret, ...rest } = t;
  return secret ? { ...rest, secretSet: true } : rest;
};

/** Per-user and per-jurisdiction channel choices, read by the notifier (nearest scope wins). */
@Injectable()
export class ChannelPreferencesService {
  private readonly allowedUrls: string[];

  constructor(
    private readonly repo: ChannelPreferencesRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.allowedUrls = parseAllowedUrls(config.get('WEBHOOK_ALLOWED_URLS', { infer: true }));
  }

  async mine(u: AuthUser): Promise<PreferenceView[]> {
    return this.rows('user', u.id);
  }

  async setMine(u: AuthUser, channel: string, enabled: boolean, target: Record<string, unknown> = {}): Promise<PreferenceView> {
    return this.upsert('user', u.id, channel, enabled, target);
  }

  async forJurisdiction(u: AuthUser, jurisdictionId: string): Promise<PreferenceView[]> {
    await this.assertManages(u, jurisdictionId);
    return this.rows('jurisdiction', jurisdictionId);
  }

  async setForJurisdiction(
    u: AuthUser,
    jurisdictionId: string,
    channel: string,
    enabled: boolean,
    target: Record<string, unknown> = {},
  ): Promise<PreferenceView> {
    await this.assertManages(u, jurisdictionId);
    return this.upsert('jurisdiction', jurisdictionId, channel, enabled, target);
  }

  /** Admins everywhere; supervisors for their own node and the nodes below it. */
  private async assertManages(u: AuthUser, jurisdictionId: string): Promise<void> {
    const path = await this.repo.jurisdictionPath(jurisdictionId);
    if (path === undefined) throw notFound('jurisdiction');
    if (u.role === 'admin') return;
    if (u.role === 'supervisor' && u.jurisdictionPath && path.startsWith(u.jurisdictionPath)) return;
    if (u.role === 'supervisor') throw notFound('jurisdiction');
    throw forbidden('只有管理员和属地监管人员可配置辖区通知渠道。', "Only admins and supervisors configure a jurisdiction's channels.");
  }

  private async rows(scope: PreferenceScope, scopeId: string): Promise<PreferenceView[]> {
    const rows = await this.repo.list(scope, scopeId);
    return rows.map((r) => ({ scope, scopeId, channel: r.channel, enabled: r.enabled, target: mask(r.target) }));
  }

  private async upsert(
    scope: PreferenceScope,
    scopeId: string,
    channel: string,
    enabled: boolean,
    target: Record<string, unknown>,
  ): Promise<PreferenceView> {
    if (typeof target.url === 'string') {
      const verdict = checkChannelUrl(channel, target.url, this.allowedUrls);
      if (!verdict.ok) {
        throw new ApiException(
          422,
          'url_not_allowed',
          `该地址不允许：仅限钉钉、企业微信机器人地址或管理员允许的地址（${verdict.reason}）。`,
          `This URL is not allowed: only the DingTalk or WeCom robot endpoints, or a URL an administrator allowed (${verdict.reason}).`,
          'url',
        );
      }
    }
    await this.repo.upsert(scope, scopeId, { channel, enabled, target });
    return { scope, scopeId, channel, enabled, target: mask(target) };
  }
}
