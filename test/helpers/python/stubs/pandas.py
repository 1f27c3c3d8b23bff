"""A stand-in for pandas in the quick-fix execution tests: reading a file opens it for real, so a
path that does not resolve fails exactly as it would with pandas."""


class DataFrame(list):
    @property
    def shape(self):
        return (len(self), 0)

    def head(self, n=5):
        return DataFrame(self[:n])


def read_csv(path, **_):
    with open(path, encoding="utf-8") as f:
        return DataFrame(f.read().splitlines()[1:])


def read_parquet(path, **_):
    with open(path, "rb") as f:
        return DataFrame([f.read()])
