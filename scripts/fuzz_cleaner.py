"""A long random run of the cleaner's property test (CI runs a fixed 150 examples).

    python3 scripts/fuzz_cleaner.py 5000
"""

import pathlib
import sys
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
import test_properties  # noqa: E402


class Folders:
    def mktemp(self, name):
        return pathlib.Path(tempfile.mkdtemp(prefix=f"folio-{name}-"))


@settings(max_examples=int(sys.argv[1]) if len(sys.argv) > 1 else 1000, deadline=None)
@given(pages=test_properties.PAGES, gap=st.sampled_from(["\n\n\n\n", "\n\f\n"]))
def fuzz(pages, gap):
    test_properties.test_cleaner_never_crashes_and_accounting_balances.hypothesis.inner_test(Folders(), pages, gap)


if __name__ == "__main__":
    fuzz()
    print("no counter-example found")
