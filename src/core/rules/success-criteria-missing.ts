import type { RepoRule } from '../rule';
import { isPlaceholder, manifestAbsent, manifestList } from './util';

export const successCriteriaMissing: RepoRule = {
  id: 'success-criteria-missing',
  pillar: 'business-involvement',
  severity: 'warning',
  weight: 3,
  title: 'No KPI with a target agreed with the business',
  scope: 'repository',
  notApplicable: (ctx) => manifestAbsent(ctx),
  check(ctx, report) {
    const m = ctx.manifest;
    if (m && !m.data) return;
    const ok = manifestList(m?.data, 'success_criteria').some((c) => c && !isPlaceholder(c.kpi) && !isPlaceholder(c.target));
    if (ok) return;
    report({
      ...(m ? { file: m.path, range: m.locate(['success_criteria']) } : {}),
      message: 'No success criterion with a KPI and a target: without an agreed business KPI, "success" stays ambiguous and the pilot cannot be approved. Add success_criteria with kpi, baseline and target.',
    });
  },
};
