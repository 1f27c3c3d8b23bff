import ignore from 'ignore';
import { extname } from '../path';
import type { RepoRule } from '../rule';

const DATA = new Set(['.csv', '.tsv', '.parquet', '.feather', '.arrow', '.avro', '.orc', '.pkl', '.pickle', '.joblib', '.h5', '.hdf5', '.hdf', '.npy', '.npz', '.xlsx', '.xls', '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.tar', '.pt', '.pth', '.ckpt', '.safetensors', '.onnx', '.pb', '.tflite', '.sav', '.dta', '.sas7bdat', '.mat', '.tfrecord', '.tfrecords', '.db', '.sqlite', '.jsonl', '.ndjson', '.gguf', '.bin']);
export const COMMITTED_DATA_LIMIT = 1024 * 1024;

export const committedData: RepoRule = {
  id: 'committed-data',
  pillar: 'production-data',
  severity: 'warning',
  weight: 2,
  title: 'Large data or model files committed outside Git LFS / DVC',
  scope: 'repository',
  check(ctx, report) {
    const lfsPatterns = ctx.files.flatMap((f) => f.facts.lfsPatterns ?? []);
    const lfs = lfsPatterns.length ? ignore().add(lfsPatterns) : undefined;
    const paths = new Set(ctx.files.map((f) => f.path));
    for (const f of ctx.files) {
      if (f.size <= COMMITTED_DATA_LIMIT || !DATA.has(extname(f.path))) continue;
      if (paths.has(`${f.path}.dvc`) || (lfs && lfs.ignores(f.path))) continue;
      const mb = (f.size / 1024 / 1024).toFixed(1);
      report({
        file: f.path,
        message: `${mb} MB data file in the repository (not in Git LFS or DVC): data belongs in governed storage, versioned by reference. Move it out (dvc add, git lfs track, or a bucket) and load it from configuration.`,
      });
    }
  },
};
