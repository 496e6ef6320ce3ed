#!/usr/bin/env bash
# Mutation testing of the code that reads untrusted text: link and address sanitising
# (ideasfile/_sanitize.py) and the value parsers of mentors, skills and URLs.
#
# Each mutant (a small change of the code: a flipped comparison, a changed string) is run
# against the unit tests of those modules; a mutant that no test notices ("survived")
# points at behaviour no test pins down. This is not part of `make test` (it takes about
# half an hour on two cores); run it after changing those modules:
#
#     bash scripts/mutation.sh            # all four modules
#     bash scripts/mutation.sh _sanitize  # one of them
#
# It works on a copy of the last commit in a temporary folder (mutmut rewrites the
# sources it mutates), with its own virtual environment, .venv-mutation. The results
# are printed at the end; `mutmut show NAME` in the printed folder shows one mutant.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-mutation"
modules=${1:-"_sanitize _mentors _skills _urls"}

if [ ! -x "$venv/bin/mutmut" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -e "$root[test]" "mutmut>=3.3,<4"
fi

work=$(mktemp -d)
git -C "$root" archive HEAD | tar -x -C "$work"

only=""
for module in $modules; do
    only="$only\"sphinxcontrib_ideas/ideasfile/$module.py\", "
done

cat >> "$work/pyproject.toml" <<EOF

[tool.mutmut]
source_paths = ["sphinxcontrib_ideas"]
only_mutate = [${only%, }]
pytest_add_cli_args_test_selection = [
    "tests/test_normalize.py", "tests/test_links.py", "tests/test_addresses.py",
]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]
EOF

# The value parsers memoise their results (functools.lru_cache). mutmut runs every mutant
# in a process forked from one that has already run the tests, so a memoised answer of
# the original code would hide the mutant: clear the caches before each test (in the
# copy's conftest.py only).
cat >> "$work/tests/conftest.py" <<'EOF'


import functools as _functools  # noqa: E402
import sys as _sys  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    for name, module in list(_sys.modules.items()):
        if not name.startswith("sphinxcontrib_ideas"):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, _functools._lru_cache_wrapper):
                value.cache_clear()
EOF

cd "$work"
"$venv/bin/mutmut" run --max-children "$(nproc)" > mutmut.log 2>&1 || true
"$venv/bin/mutmut" results
echo "mutants and logs: $work"
