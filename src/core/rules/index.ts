// The rule catalog. Ids are a public contract (SARIF, suppressions, configs): never rename.

import type { FileRule, RepoRule, Rule } from '../rule';
import { ciMissing } from './ci-missing';
import { ciNoContainerBuild } from './ci-no-container-build';
import { ciNoTests } from './ci-no-tests';
import { committedData } from './committed-data';
import { configFromEnvironmentMissing } from './config-from-environment-missing';
import { containerMissing } from './container-missing';
import { dataRequirementsMissing } from './data-requirements-missing';
import { dataRequirementsOpen } from './data-requirements-open';
import { dataValidationMissing } from './data-validation-missing';
import { dataVersioningMissing } from './data-versioning-missing';
import { modelRegistryMissing } from './model-registry-missing';
import { monitoringMissing } from './monitoring-missing';
import { pipelineMissing } from './pipeline-missing';
import { decisionOverdue } from './decision-overdue';
import { dependenciesUndeclared } from './dependencies-undeclared';
import { dockerfileCopyMissing } from './dockerfile-copy-missing';
import { dockerfileRootUser } from './dockerfile-root-user';
import { dockerfileUnpinnedBase } from './dockerfile-unpinned-base';
import { dockerignoreMissing } from './dockerignore-missing';
import { failureCriteriaMissing } from './failure-criteria-missing';
import { hardcodedSecret } from './hardcoded-secret';
import { invalidFile } from './invalid-file';
import { linterMissing } from './linter-missing';
import { localPath } from './local-path';
import { localhostEndpoint } from './localhost-endpoint';
import { manifestInvalid } from './manifest-invalid';
import { manifestMissing } from './manifest-missing';
import { modelCardMissing } from './model-card-missing';
import { notebookOnly } from './notebook-only';
import { notebookOutOfOrder } from './notebook-out-of-order';
import { notebookPipInstall } from './notebook-pip-install';
import { ownerMissing } from './owner-missing';
import { sampleData } from './sample-data';
import { successCriteriaMissing } from './success-criteria-missing';
import { testsMissing } from './tests-missing';
import { unpinnedDependency } from './unpinned-dependency';
import { importUndeclared } from './import-undeclared';
import { requirementInvalid } from './requirement-invalid';

export const RULES: readonly Rule[] = [
  // production-data
  sampleData, committedData, dataRequirementsMissing, dataRequirementsOpen, dataValidationMissing, dataVersioningMissing, monitoringMissing,
  // code-quality
  ciMissing, ciNoTests, testsMissing, notebookOnly, notebookPipInstall, notebookOutOfOrder, dependenciesUndeclared, unpinnedDependency, importUndeclared, requirementInvalid, linterMissing, pipelineMissing, invalidFile,
  // abstract-infrastructure
  localPath, hardcodedSecret, localhostEndpoint, configFromEnvironmentMissing, containerMissing, dockerfileUnpinnedBase, dockerfileRootUser, dockerfileCopyMissing, dockerignoreMissing, ciNoContainerBuild, modelRegistryMissing,
  // business-involvement
  manifestMissing, manifestInvalid, ownerMissing, successCriteriaMissing, modelCardMissing,
  // failure-criteria
  failureCriteriaMissing, decisionOverdue,
];

export const FILE_RULES: readonly FileRule[] = RULES.filter((r): r is FileRule => r.scope === 'file');
export const REPO_RULES: readonly RepoRule[] = RULES.filter((r): r is RepoRule => r.scope === 'repository');
