import ignore from 'ignore';
import { extname } from '../path';
import { isDataExtension } from '../parsed';
import type { RepoRule } from '../rule';

/** Data and model files: the data extensions of the file classifier, less images and media (docs use those). */
const MEDIA = new Set(['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.tif', '.tiff', '.wav', '.mp3', '.mp4']);
/**
 * JSON past the limit is data too (an instruction set, a dump of records: configuration is never
 * a megabyte), though the classifier reads `.json` as configuration; a package manager's lock is not.
 */
const JSON_DATA = /\.json$/i;
const PACKAGE_LOCK = /(^|\/)(?:package-lock|npm-shrinkwrap)\.json$/;
const isDataFile = (path: string) => (isDataExtension(extname(path)) && !MEDIA.has(extname(path))) || (JSON_DATA.test(path) && !PACKAGE_LOCK.test(path));
export const COMMITTED_DATA_LIMIT = 1024 * 1024;

export const committedData: RepoRule = {
  id: 'committed-data',
  pillar: 'production-data',
  severity: 'warning',
  weight: 1,
  title: 'Large data or model files committed outside Git LFS / DVC',
  scope: 'repository',
  reads: ['lfsPatterns', 'size'],
  check(ctx, report) {
    const lfsPatterns = ctx.files.flatMap((f) => f.facts.lfsPatterns ?? []);
    const lfs = lfsPatterns.length ? ignore().add(lfsPatterns) : undefined;
    const paths = new Set(ctx.files.map((f) => f.path));
    for (const f of ctx.files) {
      if (f.size <= COMMITTED_DATA_LIMIT || !isDataFile(f.path)) continue;
      // DVC tracks the file (`x.csv.dvc`) or a folder above it (`data/raw.dvc` covers data/raw/…).
      const dvcTracked = paths.has(`${f.path}.dvc`) || f.path.split('/').slice(0, -1).some((_, i, parts) => paths.has(`${parts.slice(0, i + 1).join('/')}.dvc`));
      if (dvcTracked || (lfs && lfs.ignores(f.path))) continue;
      const mb = (f.size / 1024 / 1024).toFixed(1);
      report({
        file: f.path,
        message: `${mb} MB data file in the repository (not in Git LFS or DVC): data belongs in governed storage, versioned by reference. Move it out (dvc add, git lfs track, or a bucket) and load it from configuration.`,
      });
    }
  },
};
