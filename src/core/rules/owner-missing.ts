import type { RepoRule } from '../rule';
import { manifestAbsent, personName } from './util';

export const ownerMissing: RepoRule = {
  id: 'owner-missing',
  pillar: 'business-involvement',
  severity: 'warning',
  weight: 3,
  title: 'No business owner or no executive sponsor named',
  scope: 'repository',
  notApplicable: (ctx) => manifestAbsent(ctx),
  check(ctx, report) {
    const m = ctx.manifest;
    if (m && !m.data) return; // broken YAML: manifest-invalid speaks
    const missing = ['business_owner', 'sponsor'].filter((k) => !personName(m?.data?.[k]));
    if (!missing.length) return;
    const what = missing.map((k) => (k === 'sponsor' ? 'executive sponsor' : 'business owner')).join(' and no ');
    report({
      ...(m ? { file: m.path, range: m.locate([missing[0], ...(m.data?.[missing[0]] && typeof m.data[missing[0]] === 'object' ? ['name'] : [])]) } : {}),
      message: `No ${what} named in poc.yaml: pilots without business ownership and sponsorship stall after the technical success. Name real people (business_owner.name, sponsor.name).`,
    });
  },
};
