import type { RepoRule } from '../rule';
import { manifestAbsent } from './util';

export const modelCardMissing: RepoRule = {
  id: 'model-card-missing',
  pillar: 'business-involvement',
  severity: 'info',
  weight: 1,
  title: 'Risk tier 3 without a model card',
  scope: 'repository',
  notApplicable: (ctx) => manifestAbsent(ctx) ?? (Number(ctx.manifest!.data.risk_tier) === 3 ? undefined : `risk_tier ${ctx.manifest!.data.risk_tier ?? 'not set'}: a model card is required at tier 3`),
  check(ctx, report) {
    const m = ctx.manifest;
    if (!m?.data || Number(m.data.risk_tier) !== 3) return;
    if (ctx.files.some((f) => /(^|\/)model[-_ ]?card[^/]*\.(md|ya?ml|json|html)$/i.test(f.rel))) return;
    report({
      file: m.path,
      range: m.locate(['risk_tier']),
      message: 'risk_tier 3 (full governance) but no model card (MODEL_CARD.md): document intended use, data, evaluation, limitations and owners before review.',
    });
  },
};
